import Dashboard
import Foundation
import ShuangyongKit
import Testing
import TerminalUI

/// Before the sample plan's first phase (2026-04-01) and after its last (ends 2028-12-31), no view or
/// report headlines a phase as under way: they say when the plan starts or that it ended.
@Suite("Outside the plan's phases")
struct PhaseStandingViewTests {
    let plan = SamplePlan.make(year: 2026)
    let before = Day(year: 2026, month: 2, day: 1)!  // 59 days before 2026-04-01
    let after = Day(year: 2029, month: 3, day: 1)!

    struct Expected {
        var day: Day
        var lang: Language
        var overview: String
        var corner: String
        var heading: String
    }

    var cases: [Expected] {
        [Expected(day: before, lang: .zh, overview: "计划尚未开始  第一阶段 组织准备  2026-04-01 – 2026-05-31  59天后开始",
                  corner: "计划59天后开始", heading: "无：计划尚未开始，第一阶段 组织准备 (2026-04-01 – 2026-05-31) 59天后开始"),
         Expected(day: before, lang: .en, overview: "Plan not started  first phase 组织准备  2026-04-01 – 2026-05-31  starts in 59 days",
                  corner: "plan starts in 59 days", heading: "none: the plan has not started; first phase 组织准备 (2026-04-01 – 2026-05-31) starts in 59 days"),
         Expected(day: after, lang: .zh, overview: "计划已于 2028-12-31 结束  最后阶段 巩固提高  2027-01-01 – 2028-12-31",
                  corner: "计划已于2028-12-31结束", heading: "无：计划已于 2028-12-31 结束（最后阶段 巩固提高）"),
         Expected(day: after, lang: .en, overview: "Plan ended on 2028-12-31  last phase 巩固提高  2027-01-01 – 2028-12-31",
                  corner: "plan ended on 2028-12-31", heading: "none: the plan ended on 2028-12-31 (last phase 巩固提高)")]
    }

    @Test func overviewSaysWhenThePlanStartsOrThatItEnded() {
        for c in cases {
            let g = render(sampleApp(view: .overview, lang: c.lang, today: c.day, width: 120, height: 30, plan: plan))
            expectWellFormed(g)
            let top = g.rowText(2).hasPrefix(" ⚠") ? 3 : 2  // the banner offering next year's plan, once the year is over
            #expect(g.rowText(top) == " " + c.overview + String(repeating: " ", count: 119 - c.overview.displayWidth), "\(c.lang)")
            #expect(!g.plainText.contains("本阶段已过") && !g.plainText.contains("elapsed"))
        }
    }

    @Test func timelineCornerSaysSo() {
        for c in cases {
            let g = render(sampleApp(view: .timeline, lang: c.lang, today: c.day, width: 120, height: 30, plan: plan))
            // After the plan year a banner offers next year's plan: the view starts a row lower.
            let top = g.rowText(2).hasPrefix(" ⚠") ? 3 : 2
            #expect(g.rowText(top).hasPrefix(" " + c.corner + " "), "\(g.rowText(top))")
        }
        let inPhase = render(sampleApp(view: .timeline, width: 120, height: 30, plan: plan))
        #expect(inPhase.rowText(2).hasPrefix(" 阶段 / 任务 "))
    }

    @Test func reportHeadingsSaySo() {
        for c in cases {
            let reports = Reports(status: PlanStatus(plan: plan, today: c.day), lang: c.lang)
            for table in [reports.timeline(), reports.overdue(), reports.units(), reports.tasks(), reports.calendar(YearMonth(c.day))] {
                #expect(table.heading.first { $0.key == "phase" }?.value == c.heading, "\(table.name)")
            }
        }
        let early = Reports(status: PlanStatus(plan: plan, today: before), lang: .en).timeline()
        #expect(early.rows.map { $0[3] } == ["starts in 59 days", "starts in 120 days", "starts in 212 days", "starts in 273 days",
                                             "starts in 334 days"])
        let inPhase = Reports(status: PlanStatus(plan: plan, today: sampleToday), lang: .zh)
        #expect(inPhase.timeline().heading.first { $0.key == "phase" }?.value == "检查自评 (2026-09-01 – 2026-10-31)")
    }

    /// The office screen, large and compact: the title bar and the column under the date.
    @Test func officeScreenSaysSo() {
        for c in cases {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = plan.timeZone
            let now = cal.date(from: DateComponents(year: c.day.year, month: c.day.month, day: c.day.day, hour: 9))!
            let model = KioskModel(state: DashboardState(plan: plan, today: c.day, lang: c.lang), now: now)
            let large = KioskScreen.render(model, width: 160, height: 50, theme: Theme.builtinDefault)
            expectWellFormed(large)
            #expect(large.rowText(0).contains(" " + c.corner + " │ "), "\(large.rowText(0))")
            let column = (6...7).map { large.rowText($0) }.joined(separator: "\n")
            if c.day == before {
                #expect(column.contains(c.lang == .zh ? "计划尚未开始" : "Plan starts") && column.contains(c.lang == .zh ? "59天后开始" : "in 59 days"))
            } else {
                #expect(column.contains(c.lang == .zh ? "计划已结束于" : "Plan ended on") && column.contains("2028-12-31"))
            }
            #expect(large.row(containing: c.overview) != nil)  // the overview below the band says it too
            let compact = KioskScreen.render(model, width: 100, height: 24, theme: Theme.builtinDefault)
            #expect(compact.rowText(0).contains(" " + c.corner + " │ "), "\(compact.rowText(0))")
        }
    }
}
