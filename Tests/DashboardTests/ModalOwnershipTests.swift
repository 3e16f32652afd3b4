import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

/// While a dialog, picker, prompt, the search line, help or the size notice is up, only its own keys act:
/// a click on a tab, a view key or an editing key must not reach the view underneath.
@Suite("Open layers own the keyboard and the mouse")
struct ModalOwnershipTests {
    /// The tasks view at 120×40 with s1-3 selected.
    func app() -> DashboardApp {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        _ = app.update(key: .down)
        _ = app.update(key: .down)
        return app
    }

    /// Where a click lands on the tab of view 2.
    func tabTwo(_ app: DashboardApp) -> Event {
        let tab = Chrome.tabs(width: app.size.width, lang: app.state.lang).first { $0.view == .timeline }!
        return .mouse(x: tab.x + 1, y: Chrome.tabRow)
    }

    /// A click on a tab and a wheel step change nothing underneath the open layer, which stays open.
    func expectClicksIgnored(_ app: inout DashboardApp, open: (DashboardState) -> Bool,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let selected = app.selectedTaskID
        #expect(app.update(tabTwo(app)) == [], sourceLocation: sourceLocation)
        #expect(app.update(.mouse(x: 10, y: 20)) == [], sourceLocation: sourceLocation)
        #expect(app.state.view == .tasks, sourceLocation: sourceLocation)
        #expect(app.selectedTaskID == selected, sourceLocation: sourceLocation)
        let stillOpen = open(app.state)
        #expect(stillOpen, "the layer closed", sourceLocation: sourceLocation)
    }

    @Test func deleteConfirmation() {
        var app = app()
        _ = app.update(key: .char("D"))
        expectClicksIgnored(&app) { $0.confirmation != nil }
        // Any key but y cancels, and does nothing else: "2" does not switch the view.
        #expect(app.update(key: .char("2")) == [])
        #expect(app.state.view == .tasks && app.state.confirmation == nil)
        #expect(app.update(key: .char("y")) == [])  // no question open: y is not a key of the tasks view
    }

    @Test func statusPickerAndSectionFilter() {
        var app = app()
        _ = app.update(key: .char("t"))
        expectClicksIgnored(&app) { $0.picker != nil }
        for key in [Key.tab, .char("D"), .char("u")] { #expect(app.update(key: key) == []) }
        #expect(app.state.view == .tasks && app.state.confirmation == nil && app.state.picker != nil)
        _ = app.update(key: .escape)
        _ = app.update(key: .char("s"))
        expectClicksIgnored(&app) { $0.picker?.purpose == .section }
        _ = app.update(key: .char("2"))  // narrows the list: the picker's own key
        #expect(app.state.picker?.filter == "2" && app.state.view == .tasks)
    }

    @Test func editMenuItemsAreActionsAndSpaceChoosesOne() {
        var app = app()
        let detail = app.state.showDetail
        _ = app.update(key: .char("e"))
        expectClicksIgnored(&app) { $0.picker?.isMenu == true }
        let menu = app.state.picker!
        #expect(menu.options.allSatisfy { $0.action != nil })
        #expect(menu.options.first?.label == "设置状态  (t)")
        // A key that is no item of the menu does nothing.
        #expect(app.update(key: .char("x")) == [])
        #expect(app.update(key: .char("2")) == [])
        #expect(app.state.picker?.isMenu == true && app.state.view == .tasks)
        // Space chooses the highlighted item (status) and leaves the detail pane alone.
        _ = app.update(key: .char(" "))
        #expect(app.state.picker?.purpose == .status(taskID: "s1-3"))
        #expect(app.state.showDetail == detail)
        _ = app.update(key: .escape)
        // An item's own key chooses it.
        _ = app.update(key: .char("e"))
        _ = app.update(key: .char("p"))
        #expect(app.state.prompt?.purpose == .progress(taskID: "s1-3"))
    }

    @Test func promptTakesEveryKeyAsText() {
        var app = app()
        _ = app.update(key: .char("n"))
        expectClicksIgnored(&app) { $0.prompt != nil }
        for key in [Key.char("2"), .char("D"), .char("y"), .char("q")] { #expect(app.update(key: key) == []) }
        #expect(app.state.prompt?.editor.text == "2Dyq")
        #expect(app.state.view == .tasks)
    }

    @Test func conflictsWaitForAChoice() {
        var desk = Desk()
        desk.press(.down, .down, .char("p"))
        desk.store.otherDeskSaves { plan in plan.tasks[plan.tasks.firstIndex { $0.id == "s1-3" }!].progress = 80 }
        desk.press(.backspace, .backspace, .char("9"))
        desk.step(.key(.enter))
        var app = desk.app
        #expect(!app.state.save.conflicts.isEmpty)
        expectClicksIgnored(&app) { !$0.save.conflicts.isEmpty }
        for key in [Key.char("2"), .tab, .char("D"), .escape, .enter, .char("q")] { #expect(app.update(key: key) == []) }
        #expect(!app.state.save.conflicts.isEmpty && app.state.view == .tasks && app.state.confirmation == nil)
    }

    @Test func searchLineAndHelp() {
        var app = app()
        _ = app.update(key: .char("/"))
        expectClicksIgnored(&app) { $0.searching }
        _ = app.update(key: .char("2"))
        #expect(app.state.query.search == "2" && app.state.view == .tasks)
        _ = app.update(key: .escape)
        _ = app.update(key: .char("?"))
        expectClicksIgnored(&app) { $0.showHelp }
    }

    @Test func belowTheMinimumSizeOnlyQuittingActs() {
        var app = app()
        let before = app.state.plan
        _ = app.update(.resize(width: 50, height: 12))
        #expect(!app.fits)
        for key in [Key.char("D"), .char("y"), .char("t"), .enter, .char("2"), .tab, .char("e"), .char("u"), .char("?")] {
            #expect(app.update(key: key) == [], "\(key)")
        }
        #expect(app.update(tabTwo(app)) == [])
        #expect(app.state.view == .tasks && app.state.confirmation == nil && app.state.picker == nil && !app.state.showHelp)
        #expect(app.state.plan == before)
        #expect(render(app).plainText.contains("窗口太小"))
        #expect(app.update(key: .char("q")) == [.quit])
        #expect(app.update(key: .ctrl("c")) == [.quit])
    }

    @Test func aDialogOpenWhenTheScreenShrinksWaitsUnchanged() {
        var app = app()
        _ = app.update(key: .char("n"))
        _ = app.update(key: .char("材"))
        _ = app.update(.resize(width: 40, height: 10))
        for key in [Key.char("x"), .backspace, .enter, .escape, .char("q")] { #expect(app.update(key: key) == []) }
        _ = app.update(.resize(width: 120, height: 40))
        #expect(app.state.prompt?.editor.text == "材")
        #expect(app.update(key: .enter) == [.commit([.addNote(taskID: "s1-3", "材")])])
    }
}
