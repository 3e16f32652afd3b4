import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

@Suite("Keys change the state as the key table says")
struct KeyHandlingTests {
    @Test func tabNumbersAndShiftTab() {
        var app = sampleApp(width: 100, height: 30)
        _ = app.update(key: .tab)
        #expect(app.state.view == .timeline)
        _ = app.update(key: .backTab)
        _ = app.update(key: .backTab)
        #expect(app.state.view == .structure)  // Shift-Tab from the first view goes round to the last
        _ = app.update(key: .char("3"))
        #expect(app.state.view == .overdue)
    }

    @Test func helpOverlayListsEveryKeyAndAnyKeyCloses() {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        _ = app.update(key: .char("?"))
        let g = render(app)
        for b in KeyMap.bindings(in: .tasks) { #expect(g.plainText.contains(b.help(.zh)), "missing \(b.help(.zh))") }
        _ = app.update(key: .char("x"))
        #expect(!app.state.showHelp)
        #expect(app.update(key: .char("q")) == [.quit])
    }

    @Test func helpScrollsToEveryKeyOnASmallScreen() {
        var app = sampleApp(view: .tasks, width: 60, height: 16)
        _ = app.update(key: .char("?"))
        var seen = Set<String>()
        for _ in 0..<60 {
            let text = render(app).plainText
            for b in KeyMap.bindings(in: .tasks) where text.contains(b.help(.zh)) { seen.insert(b.help(.zh)) }
            _ = app.update(key: .down)
        }
        #expect(app.state.showHelp)
        #expect(seen.count == Set(KeyMap.bindings(in: .tasks).map { $0.help(.zh) }).count)
        #expect(render(app).plainText.contains("共 \(KeyMap.bindings(in: .tasks).count) 项"))
    }

    @Test func ctrlCQuits() {
        var app = sampleApp(width: 100, height: 30)
        #expect(app.update(key: .ctrl("c")) == [.quit])
    }

    @Test func tasksFilterSearchAndSort() {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        #expect(app.state.visibleTasks.count == 45)
        _ = app.update(key: .char("f"))
        #expect(app.state.query.status == .notStarted)
        let notStarted = app.state.visibleTasks
        #expect(notStarted.allSatisfy { app.state.plan.tasks[$0].status == .notStarted })
        _ = app.update(key: .char("c"))
        _ = app.update(key: .char("/"))
        for c in "军训" { _ = app.update(key: .char(c)) }
        _ = app.update(key: .enter)
        let found = app.state.visibleTasks.map { app.state.plan.tasks[$0] }
        #expect(found.map(\.id).contains("s2-1"))
        #expect(found.allSatisfy { $0.title.contains("军训") || $0.text.contains("军训") })
        #expect(found.count < 5)
        // Pinyin initials of the title find it too.
        _ = app.update(key: .char("c"))
        _ = app.update(key: .char("/"))
        for c in "sfyj" { _ = app.update(key: .char(c)) }   // 司法拥军 → si fa yong jun
        #expect(app.state.visibleTasks.map { app.state.plan.tasks[$0].id }.contains("s3-3"))
        // Traditional characters find the simplified text.
        _ = app.update(key: .enter)
        _ = app.update(key: .char("c"))
        _ = app.update(key: .char("/"))
        for c in "國防教育" { _ = app.update(key: .char(c)) }
        #expect(app.state.visibleTasks.map { app.state.plan.tasks[$0].id }.contains("s2-1"))
        _ = app.update(key: .escape)
        #expect(app.state.query.search.isEmpty)
        _ = app.update(key: .char("o"))
        let byDue = app.state.visibleTasks.map { app.state.index.due[$0]! }
        #expect(byDue == byDue.sorted())
    }

    @Test func unitPickerNarrowsByTypingAndFilters() {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        _ = app.update(key: .char("w"))
        #expect(app.state.picker != nil)
        for c in "rsj" { _ = app.update(key: .char(c)) }  // 县人社局 by its id / pinyin
        let options = app.state.picker!.visibleOptions
        #expect(options.first?.label == "县人社局", "\(options.map(\.label))")
        _ = app.update(key: .enter)
        #expect(app.state.picker == nil)
        #expect(app.state.query.unitID == "rsj")
        let ids = app.state.visibleTasks.map { app.state.plan.tasks[$0].id }
        #expect(ids.contains("s3-6"))  // 县人社局负责积极帮助随军随调家属就业
        let g = render(app)
        #expect(g.plainText.contains("单位：县人社局"))
    }

    @Test func calendarMovesByDayWeekAndMonth() {
        var app = sampleApp(view: .calendar, width: 100, height: 30)
        _ = app.update(key: .right)
        #expect(app.state.calendarDay == Day(year: 2026, month: 10, day: 16))
        _ = app.update(key: .down)
        #expect(app.state.calendarDay == Day(year: 2026, month: 10, day: 23))
        _ = app.update(key: .pageDown)
        #expect(app.state.calendarDay == Day(year: 2026, month: 11, day: 23))
        _ = app.update(key: .char("g"))
        #expect(app.state.calendarDay == sampleToday)
        _ = app.update(key: .enter)
        #expect(app.state.showDayEvents)
    }

    @Test func listsScrollToKeepTheSelectionVisible() {
        var app = sampleApp(view: .tasks, width: 100, height: 24)
        _ = app.update(key: .end)
        #expect(app.state.tasksCursor.selected == 44)
        let g = render(app)
        #expect(g.plainText.contains("s8-3"))
        _ = app.update(key: .home)
        #expect(app.state.tasksCursor.selected == 0)
    }

    @Test func mouseClickOnATabSwitchesView() {
        var app = sampleApp(width: 100, height: 30)
        let tab = Chrome.tabs(width: 100, lang: .zh).first { $0.view == .calendar }!
        _ = app.update(key: .mouse(x: tab.x + 2, y: Chrome.tabRow))
        #expect(app.state.view == .calendar)
    }

    @Test func mouseClickSelectsTheRowUnderThePointer() {
        for (w, h) in [(100, 24), (160, 50)] {
            var app = sampleApp(view: .tasks, width: w, height: h)
            let g = render(app)
            let y = g.row(containing: "s2-1")!
            _ = app.update(key: .mouse(x: 10, y: y))
            #expect(app.selectedTaskID == "s2-1", "at \(w)x\(h)")
            // Scrolled to the end, a click still hits the row drawn there.
            _ = app.update(key: .end)
            let g2 = render(app)
            let y2 = g2.row(containing: "s8-1")!
            _ = app.update(key: .mouse(x: 10, y: y2))
            #expect(app.selectedTaskID == "s8-1", "at \(w)x\(h) after End")
        }
        var overdue = sampleApp(view: .overdue, width: 100, height: 30)
        let y = render(overdue).row(containing: "县政府办")!
        _ = overdue.update(key: .mouse(x: 10, y: y))
        _ = overdue.update(key: .mouse(x: 10, y: y))  // a second click on the selected unit expands it
        #expect(render(overdue).rowText(y + 1).contains("[牵头]"))
    }

    @Test func resizeChangesThePageSize() {
        var app = sampleApp(view: .tasks, width: 100, height: 24)
        let small = app.state.pageRows
        _ = app.update(key: .resize(width: 100, height: 30))
        #expect(app.state.pageRows == small + 6)
        _ = app.update(key: .pageDown)
        #expect(app.state.tasksCursor.selected == app.state.pageRows)
    }

    @Test func dayRolloverRecomputesOverdue() {
        var state = DashboardState(plan: SamplePlan.make(year: 2026), today: Day(year: 2026, month: 9, day: 30)!, lang: .zh)
        let before = state.derived.planSummary.overdue
        state.setToday(Day(year: 2026, month: 10, day: 1)!)
        #expect(state.derived.planSummary.overdue > before)
    }

    @Test func aNewSearchReplacesTheLastAndEscClearsIt() {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        for k in [Key.char("/"), .char("八"), .char("一"), .enter] { _ = app.update(key: k) }
        #expect(app.state.query.search == "八一" && !app.state.searching)
        let found = app.state.visibleTasks.count
        #expect(found < 45)
        for k in [Key.char("/"), .char("w"), .char("g"), .char("y")] { _ = app.update(key: k) }
        #expect(app.state.query.search == "wgy")
        _ = app.update(key: .enter)
        _ = app.update(key: .escape)  // a kept search: Esc clears it
        #expect(app.state.query.search == "" && app.state.visibleTasks.count == 45)
    }
}
