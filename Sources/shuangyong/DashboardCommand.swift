import ArgumentParser
import Dashboard
import Foundation
import NcursesBackend
import ShuangyongKit
import TerminalUI

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the full-screen dashboard (the default command).")

    @OptionGroup var options: PlanOptions
    @OptionGroup var look: LookOptions

    @Flag(help: "Do not ask the terminal for mouse clicks.")
    var noMouse = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        if let problem = TerminalCheck.problem(environment: env) { throw fail(problem) }
        let (path, plan) = try options.load()
        // Load the theme before taking over the screen, so a broken theme file reports plainly.
        let fullTheme = try look.loadTheme(colors: 256)

        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(useMouse: !noMouse, colorMode: LookOptions.noColor ? .none : .auto)
        } catch {
            throw fail("\(error)")
        }
        let theme = screen.colorCount == 0 ? fullTheme.monochrome : screen.colorCount < 256 ? fullTheme.basicColors : fullTheme
        var loop = RunLoop(screen: screen, theme: theme, path: path,
                           app: DashboardApp(state: DashboardState(plan: plan, today: options.today(for: plan), lang: options.language)),
                           fixedToday: options.date != nil)
        loop.run()
        screen.stop()
        if let signal = TerminalRestore.quitSignal { throw ExitCode(128 + signal) }
    }
}

/// Feeds keys and the clock to the app and draws its frames. The only place that reads the clock.
struct RunLoop {
    let screen: NcursesScreen
    let theme: Theme
    let path: String
    var app: DashboardApp
    /// `--date` given: today does not follow the clock.
    let fixedToday: Bool

    mutating func run() {
        var size = screen.size
        _ = app.handle(.resize(width: size.width, height: size.height))
        while !TerminalRestore.shouldQuit {
            screen.draw(Screen.render(app, width: size.width, height: size.height, theme: theme))
            let key = screen.readKey(timeoutMilliseconds: 1000)
            if TerminalRestore.shouldQuit { break }
            if !fixedToday { app.state.setToday(app.state.plan.today(at: Date())) }
            guard let key else { continue }
            if case let .resize(w, h) = key { size = (w, h) }
            if app.handle(key).contains(.quit) { break }
        }
    }
}
