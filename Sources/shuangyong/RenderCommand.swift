import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", _superCommandName: "shuangyong", abstract: L.t("把看板的一个视图按文本打印一帧（用于截图、测试和脚本）。", "Print one frame of a dashboard view as text (for screenshots, tests and scripts)."))

    @Option(help: ArgumentHelp(L.t("哪个视图：overview、timeline、overdue、calendar 或 tasks。", "Which view: overview, timeline, overdue, calendar or tasks.")))
    var view: String = "overview"

    @Option(help: ArgumentHelp(L.t("画面大小（字符格），宽x高。", "Frame size in cells, WIDTHxHEIGHT."), valueName: "WxH"))
    var size: String = "100x30"

    @Flag(help: ArgumentHelp(L.t("用 ANSI 转义序列输出颜色。", "Colour the output with ANSI escape sequences.")))
    var ansi = false

    // `PlanOptions`, declared here rather than as an option group (see there).
    @Argument(help: PlanOptions.planHelp) var plan: String?
    @Option(help: PlanOptions.dateHelp) var date: String?
    @Option(help: PlanOptions.langHelp) var lang: String?
    var options: PlanOptions { PlanOptions(plan: plan, date: date, lang: lang) }
    @OptionGroup var look: LookOptions
    @Option(name: PastOptions.name, help: PastOptions.help) var asOf: String?
    var past: PastOptions { PastOptions(asOf: asOf) }

    static let views: [String: ViewID] = ["overview": .overview, "timeline": .timeline, "overdue": .overdue,
                                          "calendar": .calendar, "tasks": .tasks, "structure": .structure]

    func parsedSize() -> (Int, Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else { return nil }
        return (w, h)
    }

    func validate() throws {
        try options.validate()
        try past.validate()
        if Self.views[view] == nil { throw ValidationError(L.t("--view 只能是 overview、timeline、overdue、calendar、tasks 之一", "--view must be one of: overview, timeline, overdue, calendar, tasks")) }
        if parsedSize() == nil { throw ValidationError(L.t("--size “\(size)”不是“宽x高”，例如 80x24", "--size \"\(size)\" is not WIDTHxHEIGHT, e.g. 80x24")) }
    }

    func run() throws {
        let plan = past.view(try options.load().plan)
        let (w, h) = parsedSize()!
        let colors = ansi && !LookOptions.noColor ? 256 : 0
        let theme = try look.loadTheme(colors: colors)
        var state = DashboardState(plan: plan, today: try past.today(options, for: plan), lang: options.language)
        state.view = Self.views[view]!
        state.pastDay = past.day
        var app = DashboardApp(state: state)
        _ = app.update(key: .resize(width: w, height: h))
        let grid = Screen.render(app, width: w, height: h, theme: theme)
        print(colors > 0 ? TextRenderer.ansi(grid) : TextRenderer.plain(grid), terminator: "")
        exitAfterOutput()
    }
}
