import Testing
import TestFixtures
@testable import ShuangyongKit

/// A task's target, notes, carry-over and unknown members live in a box on the heap (`Boxed`); a task must
/// still behave as a value.
@Suite("Tasks: boxed members stay values")
struct TaskValueTests {
    private var task: PlanTask {
        var t = PlanTask(id: "t1", sectionID: "s1", number: 1, title: "宣传报道", text: "宣传报道不少于2篇", phaseID: "p1",
                         target: QuantifiedTarget(required: 2, achieved: 0, unit: "篇"))
        t.carriedOver = CarryOver(year: 2025, file: "plan-2025.json", taskID: "t7", status: .inProgress, progress: 40)
        return t
    }

    @Test func changingACopyLeavesTheOriginal() {
        let original = task
        var copy = original
        copy.target?.achieved = 2
        copy.carriedOver?.progress = 90
        #expect(original.target?.achieved == 0)
        #expect(original.carriedOver?.progress == 40)
        #expect(copy.target?.achieved == 2)
        #expect(copy.carriedOver?.progress == 90)
        #expect(copy != original)
        copy.target?.achieved = 0
        copy.carriedOver?.progress = 40
        #expect(copy == original)  // equal values in different boxes
    }

    @Test func clearingAndSettingMembers() {
        var t = task
        t.target = nil
        t.carriedOver = nil
        #expect(t.target == nil && t.carriedOver == nil)
        #expect(t.rareStorage == nil)  // no empty box kept
        #expect(t != task)
        t.target = task.target
        t.carriedOver = task.carriedOver
        #expect(t == task)
        t.notes.append(TaskNote(at: "2026-03-01T09:00:00+08:00", by: "王", text: "已报送"))
        t.unknownMembers = UnknownMembers([.init(key: "xPhone", json: "\"123\"", after: "status")])
        #expect(t.notes.count == 1 && t.unknownMembers.members.count == 1 && t.target == task.target)
        #expect(task.notes.isEmpty && task.unknownMembers.isEmpty)
        t.notes = []
        t.unknownMembers = UnknownMembers()
        #expect(t == task)
        #expect(MemoryLayout<PlanTask>.size <= 136)
    }
}
