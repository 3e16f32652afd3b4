import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TestFixtures

/// A program running in its own detached tmux server, for end-to-end tests that drive the real
/// terminal UI: start it at a given size, send keys, read the screen back as text.
///
/// Every session has its own folder in the temporary directory (`sy-tmux-…`) holding the server's
/// socket (`tmux -S`), the generated configuration (`-f`, so no user configuration is read) and the
/// output of each tmux command; parallel tests never share a server. The pane stays after its program
/// exits (`remain-on-exit`), so a test can read the last screen and the exit status. `kill()` or, at
/// the latest, the release of the session stops the server and the program and removes the folder:
/// nothing of a session is left behind, whether its test passed, failed or threw.
///
/// Screens are read whole: a wait returns only a screen that two consecutive captures agree on, so a
/// frame that tmux has drawn only in part is never matched or asserted on.
///
/// A class rather than a struct so that `deinit` can clean up; it holds only constants (`Sendable`).
///
/// ```swift
/// let session = try TmuxSession(command: [Binary.shuangyong.path, "--plan", path], width: 100, height: 30)
/// defer { session.kill() }
/// try session.waitFor(text: "双拥")
/// session.sendKeys("Tab")
/// ```
final class TmuxSession: Sendable {
    /// Why a session could not start, or what it showed when a wait timed out.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Whether `tmux -V` runs.
    static let isAvailable: Bool = (try? run(["-V"]).status == 0) ?? false

    /// How often the waits read the screen or the pane's state.
    private static let pollInterval: TimeInterval = 0.05

    /// This session's folder: socket, configuration, tmux's output. Removed by `kill()`.
    private let folder: TempDir
    /// The server's socket (`tmux -S`), in `folder`.
    let socketPath: String
    private let target = "main"
    /// The server's process id (0 if tmux did not say).
    private let serverPID: pid_t

    /// Starts `command` (argument list, run directly without a shell) in a new detached session of
    /// `width` × `height` cells. The program sees `LANG=C.UTF-8` and `TERM=tmux-256color`, none of
    /// `LC_ALL`, `LC_CTYPE`, `LC_MESSAGES`, `LANGUAGE`, `NO_COLOR`, `TMUX` from the test process, then `environment` on top
    /// (`TERM` included). To run with `TERM` unset, start the command with `["env", "-u", "TERM", …]`.
    init(command: [String], width: Int, height: Int, environment: [String: String] = [:]) throws {
        precondition(!command.isEmpty, "TmuxSession needs a command")
        folder = TempDir(prefix: "sy-tmux-")
        socketPath = folder.file("socket")
        let configFile = folder.file("tmux.conf")
        // tmux's own settings; the program's TERM comes from `env` below, so tmux keeps a sane one.
        let config = """
            set -g remain-on-exit on
            set -g status off
            set -g default-terminal tmux-256color
            set -g history-limit 0
            set -g escape-time 0

            """
        var settings = ["LANG": "C.UTF-8", "TERM": "tmux-256color"]
        settings.merge(environment) { _, new in new }
        let assignments = settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let wrapped = ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "LC_MESSAGES", "-u", "LANGUAGE", "-u", "NO_COLOR", "-u", "TMUX", "--"]
            + assignments + command
        let started: (status: Int32, output: String, error: String)
        do {
            try config.write(toFile: configFile, atomically: true, encoding: .utf8)
            started = try Self.run(["-S", socketPath, "-f", configFile, "new-session", "-d", "-s", target,
                                    "-x", String(width), "-y", String(height),
                                    "-c", FileManager.default.currentDirectoryPath] + wrapped,
                                   in: folder.path)
        } catch {
            // A server may be up even so; `kill-server` finds it by the socket.
            _ = try? Self.run(["-S", socketPath, "kill-server"], in: folder.path)
            folder.remove()
            throw error
        }
        let info = (try? Self.run(["-S", socketPath, "display-message", "-p", "#{pid}"], in: folder.path))?.output ?? ""
        serverPID = pid_t(info.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        guard started.status == 0 else {
            kill()
            throw Failure(description: "tmux new-session failed (status \(started.status)): \(started.error)")
        }
    }

    deinit { kill() }

    /// Sends keys by tmux name ("Tab", "BTab", "Down", "Enter", "Escape", "C-c", "F5") or as plain text.
    func sendKeys(_ keys: String...) {
        _ = tmux(["send-keys", "-t", target] + keys)
    }

    /// Types text literally (Chinese included), without interpreting key names.
    func sendLiteral(_ text: String) {
        _ = tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// The visible screen, one line per row (trailing spaces trimmed by tmux), once it is a whole frame:
    /// two consecutive captures agree. Throws, with the last screen, if it keeps changing for `timeout`.
    func capture(timeout: Duration = .seconds(10)) throws -> String {
        try waitFor({ _ in true }, timeout: timeout)
    }

    /// The visible screen with SGR escape sequences for colours and attributes, once it is a whole frame
    /// (as `capture()`).
    func captureWithStyles(timeout: Duration = .seconds(10)) throws -> String {
        try settle(timeout: timeout, read: { tmux(["capture-pane", "-p", "-e", "-t", target]).output }, until: { _ in true })
    }

    /// Polls the screen every 50 ms until `predicate` holds on a settled screen (two consecutive captures
    /// are the same, so a half-redrawn frame never matches) and returns that screen; throws, with the
    /// last screen in the message, when `timeout` passes first.
    @discardableResult
    func waitFor(_ predicate: (String) -> Bool, timeout: Duration = .seconds(10)) throws -> String {
        try settle(timeout: timeout, read: rawCapture, until: predicate)
    }

    /// Waits until a settled screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitFor({ $0.contains(text) }, timeout: timeout)
    }

    /// The screen as tmux has it at this moment, possibly in the middle of a redraw.
    private func rawCapture() -> String {
        tmux(["capture-pane", "-p", "-t", target]).output
    }

    /// Reads the screen until two consecutive reads are the same and `predicate` holds on it.
    private func settle(timeout: Duration, read: () -> String, until predicate: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var previous: String?
        while true {
            let screen = read()
            let settled = screen == previous
            if settled, predicate(screen) { return screen }
            if clock.now >= deadline {
                let what = predicate(screen) ? "the screen to stop changing" : "the screen"
                throw Failure(description: "Timed out after \(timeout) waiting for \(what) (program \(programState())). Last screen:\n"
                    + "┌\n" + screen.split(separator: "\n", omittingEmptySubsequences: false).map { "│" + $0 }.joined(separator: "\n") + "\n└")
            }
            previous = screen
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
    }

    /// The program's state, for failure messages.
    private func programState() -> String {
        paneState().map { state in
            state.dead ? "exited: status \(state.status.map(String.init) ?? "?"), signal \(state.signal.map(String.init) ?? "none")"
                : "still running"
        } ?? "unknown: the tmux server is gone"
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) {
        _ = tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// A tmux format evaluated for the pane, e.g. `display("#{pane_width}")`.
    func display(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", target, format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The program's process id (`env` execs it, so it is the pane's process).
    var programPID: pid_t? { pid_t(display("#{pane_pid}")) }

    /// Sends a signal to the running program, as `kill` from another terminal would (SIGTERM, SIGHUP).
    func signalProgram(_ signal: Int32) {
        guard isRunning, let pid = programPID, pid > 0 else { return }
        _ = Self.sendSignal(pid, signal)
    }

    /// Whether the program in the pane is still running.
    var isRunning: Bool { paneState()?.dead == false }

    /// The program's exit status once it has exited normally (nil while running, or when it was
    /// killed by a signal: see `exitSignal()`).
    func exitStatus() -> Int? { paneState()?.status }

    /// The signal that ended the program, if one did.
    func exitSignal() -> Int? { paneState()?.signal }

    /// Waits until the program has exited and returns its exit status (nil when a signal ended it).
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            // tmux marks the pane dead when the terminal closes and learns the status a moment later.
            if let state = paneState(), state.dead, state.status != nil || state.signal != nil { return state.status }
            if clock.now >= deadline {
                throw Failure(description: "Timed out after \(timeout) waiting for the program to exit. Last screen:\n" + rawCapture())
            }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
    }

    private func paneState() -> (dead: Bool, status: Int?, signal: Int?)? {
        func query() -> (dead: Bool, status: Int?, signal: Int?)? {
            let result = tmux(["list-panes", "-t", target, "-F", "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}"])
            let fields = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
                .split(separator: "|", omittingEmptySubsequences: false)
            guard result.status == 0, fields.count == 3 else { return nil }
            return (fields[0] == "1", Int(fields[1]), Int(fields[2]))
        }
        guard let state = query() else { return nil }
        guard state.dead, state.status == nil, state.signal == nil, serverPID > 0 else { return state }
        // tmux 3.3 now and then misses the SIGCHLD of a pane's program (seen right after a resize): the
        // pane is dead but its program stays a zombie with no status. Another SIGCHLD makes the server
        // reap it.
        _ = Self.sendSignal(serverPID, SIGCHLD)
        Thread.sleep(forTimeInterval: 0.02)
        return query() ?? state
    }

    /// Stops the server and the program, waits until both are gone, and removes the session's folder.
    /// Safe to call more than once (later calls find no server and only make sure the folder is gone).
    func kill() {
        // The program's pid while it runs (once the pane is dead its pid may belong to someone else).
        let program = isRunning ? programPID : nil
        if tmux(["kill-server"]).status == 0 {
            // The server hangs up the pane's terminal (SIGHUP) and exits; make sure both have gone.
            for pid in [serverPID, program ?? 0] where pid > 0 && !Self.hasEnded(pid, within: .seconds(5)) {
                _ = Self.sendSignal(pid, SIGKILL)
            }
        }
        folder.remove()
    }

    /// Whether process `pid` has gone (or is a zombie) now or within `timeout`.
    private static func hasEnded(_ pid: pid_t, within timeout: Duration) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if sendSignal(pid, 0) != 0 && errno == ESRCH { return true }
            #if os(Linux)
            // A zombie still answers signal 0; its state in /proc/<pid>/stat (after the ")") is Z.
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")"), stat[close...].dropFirst().trimmingCharacters(in: .whitespaces).hasPrefix("Z") {
                return true
            }
            #endif
            if clock.now >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    private static func sendSignal(_ pid: pid_t, _ signal: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.kill(pid, signal)
        #else
        return Darwin.kill(pid, signal)
        #endif
    }

    private func tmux(_ arguments: [String]) -> (status: Int32, output: String, error: String) {
        (try? Self.run(["-S", socketPath] + arguments, in: folder.path)) ?? (-1, "", "tmux could not be started")
    }

    /// Runs tmux and collects its output.
    ///
    /// Not `Foundation.Process`: on Linux it detects a child's exit through a socket the child
    /// inherits, and the tmux server that `new-session` forks keeps that socket, so `waitUntilExit`
    /// never returns. Here tmux is spawned with every descriptor above stderr closed, an empty signal
    /// mask (test threads block most signals, and a tmux server that inherits a blocked SIGCHLD never
    /// notices its pane's exit) and output going to files (no pipe to drain).
    ///
    /// The output files are made in `directory` (a session's folder; the temporary directory for
    /// `tmux -V`) and removed before this returns.
    private static func run(_ arguments: [String], in directory: String = NSTemporaryDirectory())
        throws -> (status: Int32, output: String, error: String)
    {
        let base = (directory.hasSuffix("/") ? directory : directory + "/") + "sy-tmux-run-" + UUID().uuidString
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }

        var environment = Binary.environment
        environment["TMUX"] = nil

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeDescriptorsFrom3(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ["tmux"] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let spawned = withCStringArray(argv) { argvPointer in
            withCStringArray(envp) { envPointer in
                posix_spawnp(&pid, "tmux", &actions, &attributes, argvPointer, envPointer)
            }
        }
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid failed for tmux: \(String(cString: strerror(errno)))") }
        }
        // Exited normally: the exit code; killed by a signal: 128 + signal, like a shell.
        let exitCode = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (exitCode, output, error)
    }

    /// Adds "close every descriptor from 3 up" (glibc ≥ 2.34), so tmux inherits nothing from the test
    /// process. The function is looked up at run time: Swift's Glibc module does not declare it.
    private static func closeDescriptorsFrom3(_ actions: inout posix_spawn_file_actions_t) {
        #if os(Linux)
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        // RTLD_DEFAULT is the null handle on glibc.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return }
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        #endif
    }

    private static func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// Where the built executables are.
enum Binary {
    /// The built `shuangyong` executable: `$SHUANGYONG_BINARY` if set, else beside the test bundle
    /// (`.build/<triple>/<config>/`, whatever `--scratch-path` was), else `<package>/.build/debug/`.
    static var shuangyong: URL { locate("shuangyong") }

    /// The environment test runs of the program start from: this process's, with plan snapshots off, so no
    /// run leaves one in the user's cache folder (`SnapshotCommandTests` turns them on in a folder of its own),
    /// and the locale `C.UTF-8` whatever the tester's is: `LANG` only, the variables that override it
    /// (`LC_ALL`, `LC_MESSAGES`, `LC_CTYPE`, `LANGUAGE`) removed, so a test that sets `LANG` (the Chinese
    /// runs) gets that language, and the others English, under any shell's settings.
    static var environment: [String: String] {
        var e = ProcessInfo.processInfo.environment
        e["SHUANGYONG_SNAPSHOTS"] = "off"
        for name in ["LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANGUAGE"] { e[name] = nil }
        e["LANG"] = "C.UTF-8"
        return e
    }

    static func locate(_ name: String, filePath: String = #filePath) -> URL {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["SHUANGYONG_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        // <package>/Tests/EndToEndTests/TmuxHarness.swift → <package>/.build/debug
        let package = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let fallback = package.appendingPathComponent(".build/debug")
        directories.append(fallback)
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if fm.isExecutableFile(atPath: candidate.path),
               fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return fallback.appendingPathComponent(name)
    }
}
