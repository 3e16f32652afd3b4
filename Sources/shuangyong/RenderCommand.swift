import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Print one frame of a dashboard view as text (for screenshots, tests and scripts).")

    @Option(help: "Which view: overview, timeline, overdue, calendar or tasks.")
    var view: String = "overview"

    @Option(help: ArgumentHelp("Frame size in cells, WIDTHxHEIGHT.", valueName: "WxH"))
    var size: String = "100x30"

    @Flag(help: "Colour the output with ANSI escape sequences.")
    var ansi = false

    @OptionGroup var options: PlanOptions
    @OptionGroup var look: LookOptions

    static let views: [String: ViewID] = ["overview": .overview, "timeline": .timeline, "overdue": .overdue,
                                          "calendar": .calendar, "tasks": .tasks, "structure": .structure]

    func parsedSize() -> (Int, Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else { return nil }
        return (w, h)
    }

    func validate() throws {
        if Self.views[view] == nil { throw ValidationError("--view must be one of: overview, timeline, overdue, calendar, tasks") }
        if parsedSize() == nil { throw ValidationError("--size \"\(size)\" is not WIDTHxHEIGHT, e.g. 80x24") }
    }

    func run() throws {
        let (_, plan) = try options.load()
        let (w, h) = parsedSize()!
        let colors = ansi && !LookOptions.noColor ? 256 : 0
        let theme = try look.loadTheme(colors: colors)
        var state = DashboardState(plan: plan, today: options.today(for: plan), lang: options.language)
        state.view = Self.views[view]!
        var app = DashboardApp(state: state)
        _ = app.update(key: .resize(width: w, height: h))
        let grid = Screen.render(app, width: w, height: h, theme: theme)
        print(colors > 0 ? TextRenderer.ansi(grid) : TextRenderer.plain(grid), terminator: "")
        exitAfterOutput()
    }
}
