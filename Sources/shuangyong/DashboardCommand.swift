import ArgumentParser
import Dashboard
import Foundation
import NcursesBackend
import PlanFile
import ShuangyongKit
import TerminalUI

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", _superCommandName: "shuangyong", abstract: L.t("打开全屏看板（默认命令）。", "Open the full-screen dashboard (the default command)."))

    @OptionGroup var options: PlanOptions
    @OptionGroup var look: LookOptions

    @Flag(help: ArgumentHelp(L.t("不接收鼠标点击。", "Do not ask the terminal for mouse clicks.")))
    var noMouse = false

    @OptionGroup(title: L.t("办公室大屏", "Office screen")) var kiosk: KioskOptions
    @Option(name: PastOptions.name, help: PastOptions.help) var asOf: String?
    var past: PastOptions { PastOptions(asOf: asOf) }

    func validate() throws { try past.validate() }

    func run() throws {
        if kiosk.enabled { return try kiosk.run(options: options, look: look, past: past) }
        let env = ProcessInfo.processInfo.environment
        if let problem = TerminalCheck.problem(environment: env, chinese: L.language == .zh) { throw fail(problem) }
        let path = try options.resolvePath()
        let document: PlanDocument
        do {
            document = try PlanDocument(path: path, options: .init(snapshots: PlanSnapshots.standard()))
        } catch {
            throw fail(error.message(L.messages) + "\n" + validateHint(path))
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
        let plan = past.view(document.plan)
        var state = DashboardState(plan: plan, today: try past.today(options, for: plan), lang: options.language)
        state.pastDay = past.day
        let app = DashboardApp(state: state, followsClock: options.date == nil && past.day == nil)
        let userName = EditUser.resolve(explicit: user, environment: env)
        let runtime: DashboardRuntime
        if let day = past.day {
            // A past view: the plan as it stood, read-only, never reloaded.
            let store = PastPlanStore(plan: plan, day: day, file: path, lang: options.language)
            runtime = DashboardRuntime(app: app, runner: EffectRunner(store: store, user: userName, now: { Date() }))
        } else {
            // Effects (saves, file checks) run on their own queue: a plan on a share that stops answering shows
            // as unreachable instead of freezing the screen.
            let runner = EffectRunner(store: document, user: userName, now: { Date() })
            runtime = DashboardRuntime(app: app, backgroundRunner: runner, path: path)
        }
        var loop = RunLoop(screen: screen, theme: theme, runtime: runtime)
        loop.run()
        loop.runtime.finish(within: 3)
        screen.stop()
        if let signal = TerminalRestore.quitSignal { throw ExitCode(128 + signal) }
    }

    @Option(help: ArgumentHelp(L.t("记入留痕的操作人（默认：$SHUANGYONG_USER，否则为登录名）。", "Record changes as made by NAME (default: $SHUANGYONG_USER, else your login name)."), valueName: L.t("姓名", "name")))
    var user: String?
}

/// Reads the terminal and the clock, sends them to the dashboard as events, and draws its frames. Effects
/// are carried out by the runtime (on a queue of their own) and their results collected on every pass;
/// this loop is the only place that reads the clock.
struct RunLoop {
    let screen: NcursesScreen
    let theme: Theme
    var runtime: DashboardRuntime

    mutating func run() {
        if runtime.send(.resize(width: screen.size.width, height: screen.size.height)) { return }
        let clock = ContinuousClock()
        var liveness = TerminalLiveness(timeoutMilliseconds: 500)
        while !TerminalRestore.shouldQuit {
            let app = runtime.app
            screen.draw(Screen.render(app, width: app.size.width, height: app.size.height, theme: theme))
            let waitStarted = clock.now
            let key = screen.readKey(timeoutMilliseconds: 500)
            if TerminalRestore.shouldQuit { break }
            // A terminal that went away without a hang-up signal: stop instead of spinning.
            if liveness.isLost(gotKey: key != nil, waited: clock.now - waitStarted) { break }
            if runtime.send(.tick(Date())) { break }
            if let key, runtime.send(Event(key)) { break }
            if runtime.collect() { break }
        }
    }
}
