import ShuangyongKit
import TerminalUI

/// Renders the dashboard into a grid: the one entry point for the terminal, `render` and tests.
public enum Screen {
    public static func render(_ app: DashboardApp, width: Int, height: Int, theme: Theme) -> Grid {
        let state = app.state
        var (g, fits) = Chrome.frame(width: width, height: height, lang: state.lang, theme: theme)
        guard fits else { return g }
        Chrome.drawTitle(&g, state: state, theme: theme)
        Chrome.drawTabs(&g, state: state, theme: theme)
        if let banner = state.banner { Chrome.drawBanner(&g, text: banner, theme: theme) }
        let body = Chrome.bodyRect(width: width, height: height, banner: state.banner != nil)
        drawBody(&g, body, state, theme)
        Chrome.drawFooter(&g, state: state, theme: theme, hints: KeyMap.footer(in: state.view, lang: state.lang))
        if let picker = state.picker { PickerOverlay.draw(&g, picker, state.lang, theme) }
        if let prompt = state.prompt { PromptOverlay.draw(&g, prompt, state.lang, theme) }
        if let confirmation = state.confirmation { ConfirmOverlay.draw(&g, confirmation, theme) }
        if !state.save.conflicts.isEmpty { ConflictsOverlay.draw(&g, state.save.conflicts, state.lang, theme) }
        if state.showHelp { HelpOverlay.draw(&g, state, theme) }
        if state.showProblems, let problem = state.reloadProblem { ProblemsOverlay.draw(&g, problem, state.lang, theme) }
        return g
    }

    /// Draws the current view (`state.view`) into `body`. The dashboard and the office screen
    /// (`KioskScreen`) both draw their views through here.
    static func drawBody(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        switch state.view {
        case .overview: OverviewView.draw(&g, body, state, theme)
        case .timeline: TimelineView.draw(&g, body, state, theme)
        case .overdue: OverdueView.draw(&g, body, state, theme)
        case .calendar: CalendarView.draw(&g, body, state, theme)
        case .tasks: TasksView.draw(&g, body, state, theme)
        case .structure: StructureView.draw(&g, body, state, theme)
        }
    }

    /// The selection's scroll offset for a list of `count` rows in `visible` rows (keeps it in view).
    static func top(_ cursor: ListCursor, count: Int, visible: Int) -> Int {
        var c = cursor
        c.clamp(count: count, visible: visible)
        return c.top
    }

    /// A light as a coloured dot plus a word, so it reads without colour too.
    static func light(_ l: Light, _ lang: Language, _ theme: Theme) -> (String, Style) {
        switch l {
        case .red: return ("● " + lang.pick("红", "R"), theme[.overdue])
        case .yellow: return ("● " + lang.pick("黄", "Y"), theme[.behind])
        case .green: return ("● " + lang.pick("绿", "G"), theme[.onTrack])
        }
    }

    static func stateStyle(_ s: TaskState, _ theme: Theme) -> Style {
        switch s {
        case .overdue: return theme[.overdue]
        case .dueSoon: return theme[.dueSoon]
        case .behind: return theme[.behind]
        case .done: return theme[.done]
        case .cancelled: return theme[.muted]
        case .onTrack: return theme[.base]
        }
    }

    static func stateLabel(_ s: TaskState, _ lang: Language) -> String {
        switch s {
        case let .overdue(d): return lang.lateness(d)
        case let .dueSoon(d): return lang.lateness(-d)
        case .behind: return lang.pick("滞后", "behind")
        case .done: return lang.pick("已完成", "done")
        case .cancelled: return lang.pick("已取消", "cancelled")
        case .onTrack: return lang.pick("正常", "on track")
        }
    }

    /// Section number as the plan writes it: (一) … (八).
    static func sectionNumber(_ n: Int) -> String {
        let cn = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return n >= 0 && n < cn.count ? "(\(cn[n]))" : "(\(n))"
    }

    static func unitShortNames(_ ids: [Int], _ plan: Plan) -> String {
        ids.map { plan.units[$0].shortName }.joined(separator: "、")
    }
}

extension PlanIndex {
    /// Who does a task, for a "责任单位" column: the owners its text names, else the section's 责任单位,
    /// else (a section that lists only its 牵头单位) the lead units.
    public func doers(of t: Int) -> [Int] {
        taskUnits.doers(t).map { Int($0) }
    }
}
