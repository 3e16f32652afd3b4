import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// Structure edits go the way of every edit: saved under the lock, merged with another desk's changes,
/// conflicting only on the same thing, and kept in the recovery file when they cannot be saved.
@Suite("Structure edits between desks")
struct StructureSyncTests {
    let dir = TempDir()
    let path: String

    init() throws {
        path = dir.file("plan.json")
        try PlanStore.save(editPlan(), to: path)
    }

    @Test func structureAndTaskEditsFromTwoDesksBothSurvive() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.structure(.putUnit(Unit(id: "wlj", name: "县文旅局", kind: .government), at: nil))], by: "甲", at: editClock)
        let r = try b.commit([.setProgress(taskID: "d", 60),
                              .structure(.putPhase(Phase(id: "p3", name: "检查验收", start: Day(iso: "2026-10-01")!, end: Day(iso: "2026-12-31")!), at: nil))],
                             by: "乙", at: later(1))
        #expect(r.merged && r.conflicts.isEmpty)
        let disk = try PlanStore.load(path)
        #expect(disk.units.contains { $0.id == "wlj" } && disk.phases.contains { $0.id == "p3" })
        #expect(task("d", disk).progress == 60)
        #expect(disk.history.map(\.by) == ["甲", "乙"])
    }

    @Test func theSameSectionChangedAtTwoDesksIsAConflict() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        var s = editPlan().sections[0]
        s.title = "甲的标题"
        try a.commit([.structure(.putSection(s, at: nil))], by: "甲", at: editClock)
        s.title = "乙的标题"
        let r = try b.commit([.structure(.putSection(s, at: nil))], by: "乙", at: later(1))
        #expect(r.conflicts.map(\.field) == [.section])
        #expect(r.conflicts.first?.disk.contains("甲的标题") == true && r.conflicts.first?.ours.contains("乙的标题") == true)
        #expect(try PlanStore.load(path).sections[0].title == "甲的标题")
        // Keeping mine puts it over theirs, as for any field.
        try b.resolve(r.conflicts) { _ in .ours }
        #expect(try PlanStore.load(path).sections[0].title == "乙的标题")
    }

    @Test func aUnitRemovedAtBothDesksIsNoConflict() throws {
        var plan = editPlan()
        plan.units.append(Unit(id: "x", name: "多余单位", kind: .other))
        try PlanStore.save(plan, to: path)
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.structure(.removeUnit(unitID: "x", reassignTo: nil))], by: "甲", at: editClock)
        let r = try b.commit([.structure(.removeUnit(unitID: "x", reassignTo: nil))], by: "乙", at: later(1))
        #expect(r.conflicts.isEmpty && r.applied.allSatisfy(\.isNoOp))
    }

    @Test func structureEditsKeptInTheRecoveryFileReadBackTheSame() throws {
        let edits: [PlanEdit] = [
            .structure(.setPlanInfo(PlanInfo(title: "新标题", organization: "县双拥办", year: 2027, timeZoneID: "Asia/Shanghai"))),
            .structure(.putUnit(Unit(id: "wlj", name: "县文旅局", shortName: "文旅局", kind: .government), at: 1)),
            .structure(.removeUnit(unitID: "rsj", reassignTo: "mzj")),
            .structure(.putSection(Section(id: "s2", number: 2, title: "宣传", leadUnits: ["mzj"], responsibleUnits: ["syb"]), at: nil)),
            .structure(.removeSection(sectionID: "s2")),
            .structure(.putPhase(Phase(id: "p3", name: "验收", start: Day(iso: "2026-10-01")!, end: Day(iso: "2026-12-31")!, summary: "迎检"), at: 2)),
            .structure(.removePhase(phaseID: "p3", moveTasksTo: "p2")),
            .structure(.putActivity(Activity(id: "g", title: "国防教育日", kind: .campaign, units: ["syb"], rule: .nthWeekday(month: 9, n: 3, weekday: 6)), at: nil)),
            .structure(.removeActivity(activityID: "g")),
            .structure(.setTaskText(taskID: "a", title: "新", text: "新正文")),
            .structure(.moveTask(taskID: "a", sectionID: "s1", phaseID: "p2")),
            .structure(.setTaskLeads(taskID: "a", ["syb"])),
            .structure(.setTarget(taskID: "a", QuantifiedTarget(required: 2, achieved: 1, unit: "篇", label: "稿件"))),
            .structure(.setTarget(taskID: "a", nil)),
        ]
        for e in edits {
            #expect(RecoveryFile.edit(RecoveryFile.encode(e)) == e, "\(e)")
            if let v = e.targetValue { #expect(RecoveryFile.fieldValue(RecoveryFile.encode(v)) == v, "\(v)") }
        }
    }
}
