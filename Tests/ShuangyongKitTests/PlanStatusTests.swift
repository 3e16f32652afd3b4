import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

@Suite("Status rules with an injected today")
struct PlanStatusTests {
    func day(_ s: String) -> Day { Day(iso: s)! }

    @Test func dueDateDefaultsToThePhaseEnd() {
        let s = PlanStatus(plan: miniPlan(), today: day("2026-04-10"))
        #expect(Array(s.index.due) == [day("2026-05-31"), day("2026-09-30"), day("2026-05-31"), day("2026-08-31")])
    }

    @Test func overdueDueSoonAndClosed() {
        let plan = miniPlan()
        var s = PlanStatus(plan: plan, today: day("2026-05-31"))
        #expect(s.state(0) == .dueSoon(days: 0))
        #expect(s.state(2) == .done)
        s = PlanStatus(plan: plan, today: day("2026-06-01"))
        #expect(s.state(0) == .overdue(days: 1))
        #expect(s.state(2) == .done)  // done is never overdue
        s = PlanStatus(plan: plan, today: day("2026-08-25"))
        #expect(s.state(3) == .dueSoon(days: 6))
        s = PlanStatus(plan: plan, today: day("2026-08-23"))
        #expect(s.state(3) == .behind)  // 10% done, about 80% of its window gone
        var cancelled = plan
        cancelled.tasks[0].status = .cancelled
        #expect(PlanStatus(plan: cancelled, today: day("2026-12-01")).state(0) == .cancelled)
    }

    @Test func expectedProgressFollowsElapsedTime() {
        let s = PlanStatus(plan: miniPlan(), today: day("2026-07-31"))
        // Task b runs 2026-06-01…09-30 (122 days); 61 days gone → 50%.
        #expect(s.expectedProgress(1) == 50)
        #expect(PlanStatus(plan: miniPlan(), today: day("2026-03-01")).expectedProgress(1) == 0)
        #expect(PlanStatus(plan: miniPlan(), today: day("2026-10-01")).expectedProgress(1) == 100)
    }

    @Test func overdueByUnitTellsLeadFromResponsibleMostOverdueFirst() {
        let s = PlanStatus(plan: miniPlan(), today: day("2026-10-15"))
        let groups = s.overdueByUnit()
        let names = groups.map { s.plan.units[$0.unit].id }
        // mzj leads all three open tasks; syb is responsible for a and d (b names its own owner rsj).
        #expect(names == ["mzj", "syb", "rsj"])
        #expect(groups[0].overdue.map(\.task) == [0, 3, 1])
        #expect(groups[0].overdue.allSatisfy { $0.involvement == .lead })
        #expect(groups[1].overdue.map(\.task) == [0, 3])
        #expect(groups[1].overdue.allSatisfy { $0.involvement == .responsible })
        #expect(groups[2].overdue.map(\.task) == [1])
        #expect(groups[0].overdue.first?.daysLate == day("2026-05-31").days(to: day("2026-10-15")))
    }

    @Test func aMarchDateListsNothingOverdue() {
        #expect(PlanStatus(plan: miniPlan(), today: day("2026-03-15")).overdueByUnit().isEmpty)
    }

    /// The same instant is a different day in Shanghai and New York; overdue follows the plan's zone.
    @Test func overdueAcrossTimeZones() {
        let instant = Date(timeIntervalSince1970: 1_780_246_800)  // 2026-05-31 17:00 UTC = 06-01 01:00 in Shanghai
        var plan = miniPlan()
        let shanghai = PlanStatus(plan: plan, today: plan.today(at: instant))
        #expect(shanghai.today == day("2026-06-01"))
        #expect(shanghai.state(0) == .overdue(days: 1))
        #expect(shanghai.overdueByUnit().map { $0.overdue.count } == [1, 1])
        plan.timeZoneID = "America/New_York"
        let newYork = PlanStatus(plan: plan, today: plan.today(at: instant))
        #expect(newYork.today == day("2026-05-31"))
        #expect(newYork.state(0) == .dueSoon(days: 0))
        #expect(newYork.overdueByUnit().allSatisfy { $0.overdue.isEmpty })
    }

    @Test func lightsAndCompletion() {
        let s = PlanStatus(plan: miniPlan(), today: day("2026-08-23"))
        let sums = s.unitSummaries()
        #expect(sums[0].light == .red)      // mzj leads task a, overdue since June
        #expect(sums[1].light == .red)      // syb does task a too
        #expect(sums[2].light == .yellow)   // rsj: task b is 0% done with 68% of its window gone (序时进度)
        #expect(sums[2].behind == 1 && sums[2].overdue == 0)
        let plan = s.planSummary()
        #expect(plan.total == 4 && plan.done == 1)
        #expect(abs(plan.completion - 0.25) < 1e-9)
        let sec = s.sectionSummaries()
        #expect(sec == [plan])
        #expect(plan.hasCountedTasks)
    }

    @Test func aSummaryWithNothingThatCountsSaysSo() {
        #expect(!Summary().hasCountedTasks)  // no tasks at all
        var cancelled = miniPlan()
        for k in cancelled.tasks.indices { cancelled.tasks[k].status = .cancelled }
        let all = PlanStatus(plan: cancelled, today: day("2026-08-23")).planSummary()
        #expect(all.total == 4 && all.cancelled == 4)
        #expect(!all.hasCountedTasks)
        #expect(all.completion == 1)  // unchanged: 1 by convention; the UI shows "—" from hasCountedTasks
        cancelled.tasks[0].status = .inProgress
        #expect(PlanStatus(plan: cancelled, today: day("2026-08-23")).planSummary().hasCountedTasks)
    }

    @Test func currentPhaseAtOverlapsAndGaps() {
        var plan = miniPlan()
        plan.phases.append(Phase(id: "p3", name: "检查自评", start: day("2026-09-01"), end: day("2026-10-31")))
        #expect(PlanStatus(plan: plan, today: day("2026-09-10")).currentPhase?.id == "p3")
        #expect(PlanStatus(plan: plan, today: day("2026-09-10")).currentPhases().map(\.id) == ["p3", "p2"])
        #expect(PlanStatus(plan: plan, today: day("2026-01-10")).currentPhase?.id == "p1")
        #expect(PlanStatus(plan: plan, today: day("2027-01-10")).currentPhase?.id == "p3")
        #expect(PlanStatus(plan: plan, today: day("2026-03-31")).timeProgress == 0)
        #expect(PlanStatus(plan: plan, today: day("2026-11-30")).timeProgress == 1)
    }

    /// Only a phase containing today is under way: before the first the plan starts in N days, in a gap
    /// the next phase does, after the last the plan has ended.
    @Test func phaseStandingOutsideThePhases() {
        var plan = miniPlan()  // p1 04-01…05-31, p2 06-01…09-30
        plan.phases.append(Phase(id: "p3", name: "迎检验收", start: day("2026-11-01"), end: day("2026-12-31")))
        let p = { (id: String) in plan.phases.first { $0.id == id }! }
        func standing(_ d: String) -> PhaseStanding? { PlanStatus(plan: plan, today: day(d)).phaseStanding }
        #expect(standing("2026-01-10") == .beforePlan(first: p("p1"), days: 81))
        #expect(standing("2026-03-31") == .beforePlan(first: p("p1"), days: 1))
        #expect(standing("2026-04-01") == .inPhase(p("p1")))
        #expect(standing("2026-09-30") == .inPhase(p("p2")))
        #expect(standing("2026-10-01") == .betweenPhases(next: p("p3"), days: 31))
        #expect(standing("2026-12-31") == .inPhase(p("p3")))
        #expect(standing("2027-01-01") == .afterPlan(last: p("p3")))
        #expect(PlanStatus(plan: Plan(title: "空", organization: "", year: 2026), today: day("2026-01-01")).phaseStanding == nil)
    }
}

@Suite("Queries over precomputed states")
struct PrecomputedStatesTests {
    @Test func giveTheSameAnswers() {
        let plan = PlanGenerator.make(tasks: 600, units: 40, seed: 5)
        let s = PlanStatus(plan: plan, today: Day(year: 2026, month: 9, day: 10)!)
        let states = plan.tasks.indices.map(s.state)
        #expect(s.overdueByUnit(states: states) == s.overdueByUnit())
        #expect(s.unitSummaries(states: states) == s.unitSummaries())
        #expect(s.sectionSummaries(states: states) == s.sectionSummaries())
        #expect(s.planSummary(states: states) == s.planSummary())
        #expect(!s.overdueByUnit().isEmpty)
    }
}
