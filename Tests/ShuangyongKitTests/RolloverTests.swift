import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

/// Next year's plan from this year's (issue 12, "Next year's plan"): dates move by a year, progress
/// starts over, unfinished tasks are carried over (结转), multi-year phases keep their dates and state.
@Suite struct RolloverTests {
    let old = SamplePlan.make(year: 2026)
    var new: Plan { Rollover.nextYear(old, to: 2027, sourceFile: "plan.json", at: "2027-01-04T09:00:00+08:00", by: "王敏") }

    @Test func shiftKeepsMonthEndsAndFoldsFebruary29() {
        let d = { (s: String) in Day(iso: s)! }
        #expect(Rollover.shift(d("2026-04-01"), years: 1) == d("2027-04-01"))
        #expect(Rollover.shift(d("2028-02-29"), years: 1) == d("2029-02-28"))
        #expect(Rollover.shift(d("2027-02-28"), years: 1) == d("2028-02-29"))
        #expect(Rollover.shift(d("2026-02-27"), years: 2) == d("2028-02-27"))
        #expect(Rollover.shift(d("2026-09-30"), years: 1) == d("2027-09-30"))
        #expect(Rollover.shift(d("2026-12-31"), years: 1) == d("2027-12-31"))
        #expect(Rollover.shift(d("9999-06-01"), years: 1) == Day.max)
    }

    @Test func phasesOfThePlanYearMoveAndTheMultiYearPhaseKeepsItsDates() {
        let p = new
        #expect(p.year == 2027)
        #expect(p.phases.map { "\($0.id) \($0.start)…\($0.end)" } == [
            "p1 2027-04-01…2027-05-31", "p2 2027-06-01…2027-09-30", "p3 2027-09-01…2027-10-31",
            "p4 2027-11-01…2027-12-31", "p5 2027-01-01…2028-12-31",
        ])
        #expect(PlanValidation.problems(in: p).isEmpty)
    }

    @Test func progressStartsOverAndOpenTasksAreCarriedOver() throws {
        let p = new
        let yearly = p.tasks.filter { $0.phaseID != "p5" }
        #expect(yearly.allSatisfy { $0.progress == 0 && ($0.status == .notStarted || $0.status == .cancelled) })
        #expect(yearly.allSatisfy { ($0.target?.achieved ?? 0) == 0 })
        #expect(p.tasks.allSatisfy { $0.notes.isEmpty && $0.history.isEmpty })
        // s3-2 was blocked at 30%: carried over with where it came from.
        let s32 = task("s3-2", p)
        #expect(s32.carriedOver == CarryOver(year: 2026, file: "plan.json", taskID: "s3-2", status: .blocked, progress: 30))
        #expect(s32.status == .notStarted)
        // Done and cancelled tasks are not carried over; the cancelled one stays cancelled.
        #expect(task("s1-1", p).carriedOver == nil)
        #expect(task("s7-5", p).carriedOver == nil && task("s7-5", p).status == .cancelled)
        let oldOpen = old.tasks.filter { $0.phaseID != "p5" && !$0.status.isClosed }.map(\.id)
        #expect(Rollover.carriedOver(in: p).map(\.id) == oldOpen)
        #expect(p.history.count == 1 && p.history[0].change.contains("2026") && p.history[0].by == "王敏")
    }

    @Test func multiYearTasksKeepTheirDatesAndState() {
        var before = old
        let k = before.tasks.firstIndex { $0.phaseID == "p5" }!
        before.tasks[k].status = .inProgress
        before.tasks[k].progress = 20
        before.tasks[k].due = Day(iso: "2028-06-30")
        let after = Rollover.nextYear(before, to: 2027, sourceFile: "plan.json", at: "2027-01-04T09:00:00+08:00", by: "王敏")
        let t = after.tasks[k]
        #expect(t.status == .inProgress && t.progress == 20 && t.due == Day(iso: "2028-06-30") && t.carriedOver == nil)
    }

    @Test func explicitDueDatesAndOneOffActivitiesMoveByAYear() {
        let p = new
        for (a, b) in zip(old.tasks, p.tasks) where a.phaseID != "p5" {
            #expect(b.due == a.due.map { Rollover.shift($0, years: 1) })
        }
        guard case let .once(before) = old.activities.first(where: { $0.id == "a-quanti" })!.rule,
              case let .once(after) = p.activities.first(where: { $0.id == "a-quanti" })!.rule else {
            Issue.record("a-quanti is not a once rule")
            return
        }
        #expect(after == Rollover.shift(before, years: 1))
        // Recurring rules are unchanged: the calendar puts them in the new year.
        #expect(p.activities.first { $0.id == "a-chunjie" }!.rule == .lunar(month: 1, day: 1))
    }

    @Test func theCalendarOfTheNewPlanShowsNextYearsDates() {
        let status = PlanStatus(plan: new, today: Day(iso: "2027-01-04")!)
        let cal = PlanCalendar(status: status)
        let jan = cal.events(in: YearMonth(year: 2028, month: 1)!)
        #expect(jan.contains { $0.kind == .activity && $0.title == "春节走访慰问" && $0.start == Day(iso: "2028-01-26") })
        let aug = cal.events(on: Day(iso: "2027-08-01")!)
        #expect(aug.contains { $0.kind == .activity && $0.title == "八一建军节走访慰问" })
    }

    @Test func theYearMustComeAfterThePlansAndTheTitlesYearFollows() {
        #expect(Rollover.yearProblem(from: old, to: 2026) != nil)
        #expect(Rollover.yearProblem(from: old, to: 10_000) != nil)
        #expect(Rollover.yearProblem(from: old, to: 2027) == nil)
        var titled = old
        titled.title = "潢川县2026年双拥工作要点"
        #expect(Rollover.nextYear(titled, to: 2027, sourceFile: "p.json", at: "2027-01-04T09:00:00+08:00", by: "").title
                == "潢川县2027年双拥工作要点")
    }

    @Test func theDefaultFileIsBesideTheOldOne() {
        #expect(Rollover.defaultPath(for: "/d/plan.json", oldYear: 2026, newYear: 2027) == "/d/plan-2027.json")
        #expect(Rollover.defaultPath(for: "/d/plan-2026.json", oldYear: 2026, newYear: 2027) == "/d/plan-2027.json")
        #expect(Rollover.defaultPath(for: "计划", oldYear: 2026, newYear: 2027) == "计划-2027")
    }
}
