import ArgumentParser
import Dashboard
import Foundation
import NcursesBackend
import PlanFile
import ShuangyongKit
import TerminalUI

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the full-screen dashboard (the default command).")

    @OptionGroup var options: PlanOptions
    @OptionGroup var look: LookOptions

    @Flag(help: "Do not ask the terminal for mouse clicks.")
    var noMouse = false

    @OptionGroup(title: "Office screen") var kiosk: KioskOptions

    func run() throws {
        if kiosk.enabled { return try kiosk.run(options: options, look: look) }
        let env = ProcessInfo.processInfo.environment
        if let problem = TerminalCheck.problem(environment: env) { throw fail(problem) }
        let path = try options.resolvePath()
        let document: PlanDocument
        do {
            document = try PlanDocument(path: path)
        } catch {
            throw fail(error.description + "\n(run `shuangyong validate \(path)` to list every problem)")
        }
        // Load the theme before taking over the screen, so a broken theme file reports plainly.
        let fullTheme = try look.loadTheme(colors: 256)

        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(useMouse: !noMouse, colorMode: LookOptions.noColor ? .none : .auto)
        } catch {
            throw fail("\(error)")
        }
        let theme = screen.colorCount == 0 ? fullTheme.monochrome : screen.colorCount < 256 ? fullTheme.basicColors : fullTheme
        var state = DashboardState(plan: document.plan, today: options.today(for: document.plan), lang: options.language)
        state.save.readOnlyReason = document.readOnlyReason
        var app = DashboardApp(state: state)
        app.clearReloadWarning()
        var loop = RunLoop(screen: screen, theme: theme, document: document, app: app,
                           user: EditUser.resolve(explicit: user, environment: env), fixedToday: options.date != nil)
        loop.run()
        screen.stop()
        if let signal = TerminalRestore.quitSignal { throw ExitCode(128 + signal) }
    }

    @Option(help: "Record changes as made by NAME (default: $SHUANGYONG_USER, else your login name).")
    var user: String?
}

/// Feeds keys and the clock to the app, draws its frames, and carries out its effects (saving through
/// the plan document, noticing changes saved at other desks). The only place that reads the clock.
struct RunLoop {
    let screen: NcursesScreen
    let theme: Theme
    let document: PlanDocument
    var app: DashboardApp
    let user: String
    /// `--date` given: today does not follow the clock.
    let fixedToday: Bool
    var session = EditSession()
    /// How often the file is checked for changes saved elsewhere.
    static let reloadInterval: Duration = .seconds(2)

    init(screen: NcursesScreen, theme: Theme, document: PlanDocument, app: DashboardApp, user: String, fixedToday: Bool) {
        self.screen = screen
        self.theme = theme
        self.document = document
        self.app = app
        self.user = user
        self.fixedToday = fixedToday
    }

    mutating func run() {
        var size = screen.size
        _ = app.handle(.resize(width: size.width, height: size.height))
        let clock = ContinuousClock()
        var lastReload = clock.now
        var liveness = TerminalLiveness(timeoutMilliseconds: 500)
        while !TerminalRestore.shouldQuit {
            screen.draw(Screen.render(app, width: size.width, height: size.height, theme: theme))
            let waitStarted = clock.now
            let key = screen.readKey(timeoutMilliseconds: 500)
            if TerminalRestore.shouldQuit { break }
            // A terminal that went away without a hang-up signal: stop instead of spinning.
            if liveness.isLost(gotKey: key != nil, waited: clock.now - waitStarted) { break }
            if !fixedToday { app.state.setToday(app.state.plan.today(at: Date())) }
            if clock.now - lastReload >= RunLoop.reloadInterval {
                lastReload = clock.now
                reload()
            }
            guard let key else { continue }
            if case let .resize(w, h) = key { size = (w, h) }
            let effects = app.handle(key)
            if effects.contains(.quit) { break }
            for effect in effects { carryOut(effect) }
        }
    }

    /// Saves edits a failed save left pending, picks up a plan saved at another desk, and keeps the last
    /// good plan when the file is unreadable.
    private mutating func reload() {
        if !document.pending.isEmpty {
            do {
                let result = try document.retry(lockTimeout: 0.2)  // a busy lock must not freeze the screen
                session.record(result.applied)
                app.retried(result)
            } catch {
                app.state.save.unsaved = document.pending.count  // still failing: the title bar keeps saying so
            }
        }
        do {
            if let plan = try document.reloadIfChanged() { app.reloaded(plan) }
            else { app.clearReloadWarning() }
        } catch {
            app.reloadFailed(error.description)
        }
        // Permissions can change while the dashboard is open (a colleague fixes them, or locks the file).
        document.refreshReadOnly()
        if document.readOnlyReason != app.state.save.readOnlyReason {
            app.state.save.readOnlyReason = document.readOnlyReason
            app.clearReloadWarning()
        }
    }

    private mutating func carryOut(_ effect: Effect) {
        do {
            switch effect {
            case let .commit(edits):
                let result = try document.commit(edits, by: user, at: Date())
                session.record(result.applied)
                app.saved(result)
            case .undo:
                guard let result = try document.undo(&session, by: user, at: Date()) else {
                    app.state.message = app.state.lang.pick("没有可撤销的修改", "Nothing to undo")
                    return
                }
                app.saved(result)
            case .redo:
                guard let result = try document.redo(&session, by: user, at: Date()) else {
                    app.state.message = app.state.lang.pick("没有可重做的修改", "Nothing to redo")
                    return
                }
                app.saved(result)
            case let .resolveConflicts(keepMine):
                let conflicts = app.state.save.conflicts
                app.state.save.conflicts = []
                if keepMine {
                    let result = try document.resolve(conflicts) { _ in .ours }
                    session.record(result.applied)
                    app.saved(result)
                } else {
                    app.state.message = app.state.lang.pick("已保留其他席位的修改", "Kept the other desk's values")
                }
            case .quit:
                break
            }
        } catch {
            app.saveFailed(error.description, plan: document.plan, unsaved: document.pending.count)
        }
    }
}
