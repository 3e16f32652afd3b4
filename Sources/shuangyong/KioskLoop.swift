import ArgumentParser
import Dashboard
import Foundation
import NcursesBackend
import PlanFile
import ShuangyongKit
import TerminalUI

/// `--kiosk` and `--rotate`: the dashboard as an office wall screen.
struct KioskOptions: ParsableArguments {
    @Flag(name: .customLong("kiosk"),
          help: ArgumentHelp(L.t("办公室大屏：只读轮播各视图，大字时钟与数字；按 q 再按 y 退出。", "Office screen: rotate through the views with a large clock and figures, read-only; quit with q then y.")))
    var enabled = false

    @Option(help: ArgumentHelp(L.t("与 --kiosk 同用：每个视图停留的秒数（3…3600，默认 20）。", "With --kiosk: seconds each view stays on (3…3600, default 20)."), valueName: "N"))
    var rotate: Int?

    @Flag(help: ArgumentHelp(L.t("与 --kiosk 同用：不显示人名（备注作者、计划中列为人员的姓名）；办公桌视图不变。",
                                 "With --kiosk: show no people's names (note authors, names the plan lists as people); the desk view is unchanged.")))
    var redact = false

    static let defaultRotate = 20

    func validate() throws {
        if let rotate, !(3...3600).contains(rotate) {
            throw ValidationError(L.t("--rotate \(rotate)：请给出每个视图停留的秒数，3…3600", "--rotate \(rotate): give the seconds each view stays on, 3…3600"))
        }
        if rotate != nil, !enabled { throw ValidationError(L.t("--rotate 只用于办公室大屏：请加 --kiosk", "--rotate only applies to the office screen: add --kiosk")) }
        if redact, !enabled { throw ValidationError(L.t("--redact 只用于办公室大屏：请加 --kiosk", "--redact only applies to the office screen: add --kiosk")) }
    }

    /// The high-contrast theme unless `--theme` names another. Only the default theme is compiled in: where
    /// the theme files are not installed, the screen still starts, in the default theme, and says why.
    func theme(_ look: LookOptions) throws -> Theme {
        let preferred = "high-contrast"
        if look.theme == nil,
           !ThemeLoader.available(environment: ProcessInfo.processInfo.environment, executablePath: look.executablePath).contains(preferred) {
            note("shuangyong --kiosk: the \(preferred) theme is not installed beside this program; using the default theme "
                + "(install Themes/\(preferred).theme, or choose one with --theme)")
            return try look.loadTheme(colors: 256)
        }
        return try look.loadTheme(default: preferred, colors: 256)
    }

    /// Runs the office screen until `q` `y`, SIGTERM/SIGINT/SIGHUP, or the terminal goes away.
    func run(options: PlanOptions, look: LookOptions, past: PastOptions) throws {
        if let problem = TerminalCheck.problem(environment: ProcessInfo.processInfo.environment, chinese: L.language == .zh) { throw fail(problem) }
        let path = try options.resolvePath()
        // View-only whatever the file's permissions: the office screen never writes the plan.
        let document: PlanDocument
        do {
            document = try PlanDocument(path: path, options: .init(readOnly: true, replayStaleRecovery: false, snapshots: PlanSnapshots.standard()))
        } catch {
            throw fail(error.message(L.messages) + "\n" + validateHint(path))
        }
        let fullTheme = try theme(look)

        // Ctrl-Z is a plain key here and a stop signal sent from elsewhere must not freeze the wall either:
        // ignored before the screen starts, which turns its job control off. SIGQUIT ends it like SIGTERM.
        signal(SIGTSTP, SIG_IGN)
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(useMouse: false, colorMode: LookOptions.noColor ? .none : .auto)
        } catch {
            throw fail("\(error)")
        }
        let theme = screen.colorCount == 0 ? fullTheme.monochrome : screen.colorCount < 256 ? fullTheme.basicColors : fullTheme
        let now = Date()
        let plan = past.view(document.plan)
        let today = (try? past.today(options, for: plan)) ?? plan.today(at: now)
        var state = DashboardState(plan: plan, today: past.day == nil ? ((try? options.today(for: plan, at: now)) ?? plan.today(at: now)) : today,
                                   lang: options.language)
        state.pastDay = past.day
        var loop = KioskLoop(screen: screen, theme: theme, reloader: PlanReloader(document: document),
                             model: KioskModel(state: state, interval: TimeInterval(rotate ?? Self.defaultRotate), now: now,
                                               followsClock: options.date == nil && past.day == nil,
                                               savedAt: KioskLoop.savedAt(path), redacts: redact))
        let ending = loop.run()
        screen.stop()
        if let signal = TerminalRestore.quitSignal { throw ExitCode(128 + signal) }
        if ending == .terminalLost { throw fail("shuangyong --kiosk: the terminal went away (\(path)); stopped.") }
    }
}

/// Feeds the clock, keys and reloads of the plan file to a `KioskModel` and draws its frames.
struct KioskLoop {
    enum Ending: Equatable { case quitKeys, signal, terminalLost }

    let screen: NcursesScreen
    let theme: Theme
    /// Checks the file off this thread: a path that does not answer never stops the clock, keys or signals.
    let reloader: PlanReloader
    var model: KioskModel

    /// How often the plan file is checked (a stat; the bytes only when it changed).
    static let reloadInterval: TimeInterval = 2
    /// How long a key is waited for: bounds how late the clock, the countdown and a quit signal are seen.
    static let keyTimeoutMilliseconds: Int32 = 500

    mutating func run() -> Ending {
        var size = screen.size
        var liveness = TerminalLiveness(timeoutMilliseconds: Int(Self.keyTimeoutMilliseconds))
        var lastReload = Date()
        var dirty = true
        let clock = ContinuousClock()
        while !TerminalRestore.shouldQuit {
            if dirty {
                screen.draw(KioskScreen.render(model, width: size.width, height: size.height, theme: theme))
                dirty = false
            }
            let waitStarted = clock.now
            let key = screen.readKey(timeoutMilliseconds: Self.keyTimeoutMilliseconds)
            if TerminalRestore.shouldQuit { return .signal }
            if liveness.isLost(gotKey: key != nil, waited: clock.now - waitStarted) { return .terminalLost }
            let now = Date()
            if abs(now.timeIntervalSince(lastReload)) >= Self.reloadInterval {
                lastReload = now
                if reload(now) { dirty = true }
            }
            if model.tick(now: now) { dirty = true }
            guard let key else { continue }
            if case let .resize(w, h) = key { size = (w, h) }
            if model.handle(key, now: now).contains(.quit) { return .quitKeys }
            dirty = true
        }
        return .signal
    }

    /// The plan file's modification time (its last save), for the stamp; read only just after the file
    /// answered, so it does not stall on a share that stopped answering.
    static func savedAt(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Checks the file; returns whether the screen must change.
    private mutating func reload(_ now: Date) -> Bool {
        guard let outcome = reloader.poll(now: now) else { return false }  // still checking, not late yet
        do {
            if let plan = try outcome.get() {
                model.planReloaded(plan, now: now, savedAt: Self.savedAt(reloader.path))
                return true
            }
            return model.planUnchanged(now: now)
        } catch {
            let before = model.problem?.reason
            model.reloadFailed(error, now: now)
            return model.problem?.reason != before
        }
    }
}
