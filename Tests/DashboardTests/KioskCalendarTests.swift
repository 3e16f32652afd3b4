import Dashboard
import Foundation
import ShuangyongKit
import Testing
import TerminalUI

/// An instant on the plan's clock (Asia/Shanghai), 2026.
private func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    return cal.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
}

private func kiosk(_ plan: Plan = SamplePlan.make(year: 2026), now: Date, savedAt: Date? = nil, redacts: Bool = false) -> KioskModel {
    KioskModel(state: DashboardState(plan: plan, today: plan.today(at: now), lang: .zh), interval: 20, now: now,
               savedAt: savedAt, redacts: redacts)
}

private func screenText(_ m: KioskModel, _ width: Int = 120, _ height: Int = 40) -> String {
    let g = KioskScreen.render(m, width: width, height: height, theme: Theme.builtinDefault)
    return (0..<g.height).map { g.rowText($0) }.joined(separator: "\n")
}

@Suite("Office screen: a rotation that follows the calendar, the ranking, the stamp, --redact")
struct KioskCalendarTests {
    @Test func julyLeadsWithOverdueAndTheRankingAugustWithTheCalendar() {
        let july = kiosk(now: at(7, 15, 9))
        #expect(july.season == .inspection)
        #expect(july.currentView == .overdue && july.state.view == .overdue)
        #expect(july.rotation == [.overdue, .ranking, .overview, .calendar, .timeline])
        #expect(screenText(july).contains("正在显示 逾期督办 (1/5) · 下一屏 单位排名 20秒后"))

        let august = kiosk(now: at(8, 10, 9))
        #expect(august.season == .activityMonth)
        #expect(august.currentView == .calendar && august.state.view == .calendar)
        #expect(screenText(august).contains("正在显示 月历 (1/5) · 下一屏 总览 20秒后"))

        let october = kiosk(now: at(10, 15, 9))
        #expect(october.season == .ordinary && october.rotation == KioskModel.defaultRotation && october.currentView == .overview)
    }

    @Test func midnightIntoAugustStartsTheActivityMonthsRotation() {
        var m = kiosk(now: at(7, 31, 23, 59))
        #expect(m.currentView == .overdue)
        m.tick(now: at(7, 31, 23, 59).addingTimeInterval(25))
        #expect(m.currentView == .ranking)
        m.tick(now: at(8, 1, 0, 0).addingTimeInterval(30))
        #expect(m.season == .activityMonth && m.currentView == .calendar && m.position == 0)
    }

    @Test func aGivenRotationStaysWhateverTheMonth() {
        let plan = SamplePlan.make(year: 2026), now = at(7, 15, 9)
        let m = KioskModel(state: DashboardState(plan: plan, today: plan.today(at: now), lang: .zh), rotation: [.timeline, .ranking], now: now)
        #expect(m.rotation == [.timeline, .ranking] && m.currentView == .timeline && m.season == .inspection)
    }

    @Test func theRankingListsUnitsByCompletionWithLights() {
        var m = kiosk(now: at(7, 15, 9))
        m.tick(now: at(7, 15, 9).addingTimeInterval(21))
        #expect(m.currentView == .ranking)
        let text = screenText(m)
        #expect(text.contains("单位排名（按完成率）"))
        #expect(text.contains("正在显示 单位排名 (2/5)"))
        let rows = RankingView.rows(m.state)
        #expect(!rows.isEmpty)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.summary.completion >= $1.summary.completion })
        let first = m.state.plan.units[rows[0].unit].shortName
        #expect(text.contains("   1 " + first))
        #expect(text.contains("● 红") || text.contains("● 黄") || text.contains("● 绿"))
    }

    @Test func theStampSaysWhenTheDataWasSavedAndWarnsWhenStaleOnAWorkingDay() {
        let thursday = at(7, 16, 9, 15)
        let fresh = kiosk(now: thursday, savedAt: thursday.addingTimeInterval(-180))
        #expect(fresh.stampText == "数据更新于 09:12（3 分钟前）" && !fresh.stampIsStale)
        #expect(screenText(fresh).contains("│ 数据更新于 09:12（3 分钟前）"))
        let old = kiosk(now: thursday, savedAt: at(7, 14, 17, 40))
        #expect(old.stampText == "数据更新于 07-14 17:40（39 小时前）" && old.stampIsStale)
        #expect(screenText(old).contains("│ ⚠ 数据更新于 07-14 17:40（39 小时前）"))
        let sunday = kiosk(now: at(7, 19, 9), savedAt: at(7, 16, 17, 40))
        #expect(sunday.stampText == "数据更新于 07-16 17:40（2 天前）" && !sunday.stampIsStale)
        #expect(kiosk(now: thursday).stampText == nil)
        // The minute changes the frame.
        var m = fresh
        let changed = m.tick(now: thursday.addingTimeInterval(61))
        #expect(changed)
    }

    @Test func redactedWallShowsNoPeoplesNamesAndTheDeskPlanIsUnchanged() {
        var plan = SamplePlan.make(year: 2026)
        plan.people = ["张建国"]
        plan.tasks[0].notes.append(TaskNote(at: "2026-07-01T09:00:00+08:00", by: "县双拥办 王敏", text: "已报张建国同志审定，王敏跟进"))
        plan.tasks[0].history.append(HistoryEntry(at: "2026-07-01T09:00:00+08:00", by: "县双拥办 王敏", change: "备注: 已报张建国同志审定，王敏跟进"))
        let names = plan.personNames
        #expect(names.contains("张建国") && names.contains("王敏") && names.contains("县双拥办 王敏"))
        #expect(!names.contains { n in plan.units.contains { $0.name == n || $0.shortName == n } })
        let m = kiosk(plan, now: at(7, 15, 9), redacts: true)
        let shown = m.state.plan
        let everything = shown.tasks.flatMap { $0.notes.map { $0.by + $0.text } + $0.history.map { $0.by + $0.change } } + shown.history.map { $0.by + $0.change }
        for name in names { #expect(!everything.contains { $0.contains(name) }, "\(name)") }
        #expect(shown.tasks[0].notes.last?.text == "已报××同志审定，××跟进")
        #expect(shown.units == plan.units && shown.tasks.map(\.title) == plan.tasks.map(\.title))
        var walked = m
        for k in 1...5 {
            for name in names { #expect(!screenText(walked).contains(name)) }
            walked.tick(now: at(7, 15, 9).addingTimeInterval(Double(21 * k)))
        }
        let desk = DashboardState(plan: plan, today: plan.today(at: at(7, 15, 9)), lang: .zh)
        #expect(desk.plan.tasks[0].notes.last?.by == "县双拥办 王敏")
    }

    @Test func aPastViewSaysSoInTheTitleBarAndCannotBeEdited() {
        let plan = SamplePlan.make(year: 2026)
        let day = Day(iso: "2026-06-30")!
        var state = DashboardState(plan: plan.asOf(day), today: day, lang: .zh)
        state.pastDay = day
        let store = PastPlanStore(plan: state.plan, day: day, file: "plan.json", lang: .zh)
        let runtime = DashboardRuntime(app: DashboardApp(state: state, followsClock: false),
                                       runner: EffectRunner(store: store, user: "王敏", now: { at(7, 1, 9) }))
        #expect(runtime.app.state.save.readOnlyReason == "截至 2026-06-30 的计划（过去的视图，不能修改）")
        let g = Screen.render(runtime.app, width: 140, height: 30, theme: Theme.builtinDefault)
        #expect(g.rowText(0).contains("截至 2026-06-30 的计划 │ 2026-06-30 周二"))
        #expect(g.rowText(2).contains("只读：截至 2026-06-30 的计划（过去的视图，不能修改）"))
        let wall = KioskModel(state: state, now: at(7, 1, 9), followsClock: false)
        #expect(screenText(wall).contains("⚠ 截至 2026-06-30 的计划"))
    }
}
