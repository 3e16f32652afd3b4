import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

@Suite("The plan as it stood (--as-of)")
struct PlanAsOfTests {
    @Test func everyWeeksCopyEqualsTheAsOfViewOfItsLastDay() throws {
        let w = try EditedWeeks.make()
        for (day, copy) in w.copies {
            let past = w.plan.asOf(day)
            #expect(past == copy, "as of \(day.iso)")
            if past != copy {
                for (a, b) in zip(past.tasks, copy.tasks) where a != b { Issue.record("\(day.iso) task \(a.id): \(a) ≠ \(b)") }
                if past.units != copy.units { Issue.record("units \(past.units.map(\.id)) ≠ \(copy.units.map(\.id))") }
            }
        }
        #expect(w.plan.asOf(Day(iso: "2030-01-01")!) == w.plan, "a day after every change: the plan as it is")
    }

    @Test func everyEntryRecordsFieldBeforeAndAfter() throws {
        let w = try EditedWeeks.make()
        let entries = w.plan.history + w.plan.tasks.flatMap(\.history)
        #expect(entries.allSatisfy { !$0.changes.isEmpty })
        let a = w.plan.tasks.first { $0.id == "a" }!
        #expect(a.history[1].changes == [FieldChange(field: .progress, id: "a", before: .progress(0), after: .progress(40))])
        let d = w.plan.tasks.first { $0.id == "d" }!
        #expect(d.history.last?.change == "状态: 未开始 → 已完成（进度 10% → 100%）")
        #expect(d.history.last?.changes.map(\.field) == [.status, .progress])
        let merge = w.plan.history.first { $0.change.hasPrefix("合并单位") }!
        #expect(merge.changes.first == FieldChange(field: .unit, id: "rsj", before: .unit(editPlan().units[2]), after: nil, position: 3))
        #expect(merge.changes.contains { $0.field == .owners && $0.id == "e" && $0.before == .owners(["rsj"]) && $0.after == .owners(["tyjr"]) })
    }

    @Test func entriesWithoutRecordedChangesAreTakenBackFromTheirText() {
        var plan = editPlan()
        plan.tasks[0].status = .done
        plan.tasks[0].progress = 100
        plan.tasks[0].notes = [TaskNote(at: "2026-07-02T10:00:00+08:00", by: "王敏", text: "完成")]
        plan.tasks[0].history = [
            HistoryEntry(at: "2026-06-01T09:00:00+08:00", by: "王敏", change: "进度: 0% → 50%"),
            HistoryEntry(at: "2026-07-01T09:00:00+08:00", by: "王敏", change: "状态: 进行中 → 已完成（进度 50% → 100%）"),
            HistoryEntry(at: "2026-07-02T10:00:00+08:00", by: "王敏", change: "备注: 完成"),
        ]
        plan.tasks[1].progress = 50
        plan.tasks[1].history = [HistoryEntry(at: "2026-06-01T09:00:00+08:00", by: "王敏", change: "进度: 0% → 50%")]
        let past = plan.asOf(Day(iso: "2026-06-30")!)
        #expect(past.tasks[0].status == .inProgress && past.tasks[0].progress == 50 && past.tasks[0].notes.isEmpty)
        #expect(past.tasks[0].history.count == 1)
        #expect(past.tasks[1] == plan.tasks[1])
        #expect(plan.asOf(Day(iso: "2026-05-31")!).tasks[1].progress == 0)
    }

    @Test func theDayEndsAtMidnightInTheZoneGiven() throws {
        var plan = editPlan()
        try PlanEdit.setProgress(taskID: "a", 30).apply(to: &plan, by: "x", at: weeksClock(7, 1, 7))  // 6/30 23:00 UTC
        #expect(plan.asOf(Day(iso: "2026-06-30")!).tasks[0].progress == 0)
        #expect(plan.asOf(Day(iso: "2026-06-30")!, in: TimeZone(secondsFromGMT: 0)!).tasks[0].progress == 30)
        #expect(PlanDates.seconds("2026-07-01T07:00:00+08:00") == weeksClock(7, 1, 7).timeIntervalSince1970)
        #expect(PlanDates.seconds("2026-06-30T23:00:00.250Z") == weeksClock(7, 1, 7).timeIntervalSince1970)
        #expect(PlanDates.seconds("yesterday") == nil)
    }
}
