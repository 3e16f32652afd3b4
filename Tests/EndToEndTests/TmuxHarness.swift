import Foundation

/// A program running in its own detached tmux server, for end-to-end tests that drive the real
/// terminal UI: start it at a given size, send keys, read the screen back as text.
///
/// Every session has its own server socket (`tmux -L <unique>`), so parallel tests never share a
/// server, and no user configuration is read. The pane stays after its program exits
/// (`remain-on-exit`), so a test can read the last screen and the exit status. The server is killed by
/// `kill()` or, at the latest, when the session is released.
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

    /// The `tmux -L` socket name, unique to this session.
    let socket: String
    private let target = "main"
    private let configFile: URL

    /// Starts `command` (argument list, run directly without a shell) in a new detached session of
    /// `width` × `height` cells. The program sees `LANG=C.UTF-8`, `TERM` (default `tmux-256color`),
    /// no `LC_ALL`/`LC_CTYPE`/`NO_COLOR`/`TMUX` from the test process, then `environment`.
    init(command: [String], width: Int, height: Int, environment: [String: String] = [:]) throws {
        precondition(!command.isEmpty, "TmuxSession needs a command")
        socket = "sy-test-" + UUID().uuidString.prefix(13).lowercased()
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
        let term = environment["TERM"] ?? "tmux-256color"
        let config = """
            set -g remain-on-exit on
            set -g status off
            set -g default-terminal "\(term)"
            set -g history-limit 0
            set -g escape-time 0

            """
        try config.write(to: configFile, atomically: true, encoding: .utf8)

        var env = ["LANG=C.UTF-8", "TERM=\(term)"]
        env += environment.filter { $0.key != "TERM" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let wrapped = ["env", "-u", "LC_ALL", "-u", "LC_CTYPE", "-u", "NO_COLOR", "-u", "TMUX"] + env + ["--"] + command
        let result = try Self.run(["-L", socket, "-f", configFile.path, "new-session", "-d", "-s", target,
                                   "-x", String(width), "-y", String(height),
                                   "-c", FileManager.default.currentDirectoryPath] + wrapped)
        guard result.status == 0 else {
            kill()
            throw Failure(description: "tmux new-session failed (status \(result.status)): \(result.error)")
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

    /// The visible screen, one line per row (trailing spaces trimmed by tmux).
    func capture() -> String {
        tmux(["capture-pane", "-p", "-t", target]).output
    }

    /// The visible screen with SGR escape sequences for colours and attributes.
    func captureWithStyles() -> String {
        tmux(["capture-pane", "-p", "-e", "-t", target]).output
    }

    /// Polls the screen every 50 ms until `predicate` holds and returns that screen; throws, with the
    /// last screen in the message, when `timeout` passes first.
    @discardableResult
    func waitFor(_ predicate: (String) -> Bool, timeout: Duration = .seconds(10)) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let screen = capture()
            if predicate(screen) { return screen }
            if clock.now >= deadline {
                let state = isRunning ? "still running" : "exited with status \(exitStatus().map(String.init) ?? "?")"
                throw Failure(description: "Timed out after \(timeout) waiting for the screen (program \(state)). Last screen:\n"
                    + "┌\n" + screen.split(separator: "\n", omittingEmptySubsequences: false).map { "│" + $0 }.joined(separator: "\n") + "\n└")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Duration = .seconds(10)) throws -> String {
        try waitFor({ $0.contains(text) }, timeout: timeout)
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) {
        _ = tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// A tmux format evaluated for the pane, e.g. `display("#{pane_width}")`.
    func display(_ format: String) -> String {
        tmux(["display-message", "-p", "-t", target, format]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the program in the pane is still running.
    var isRunning: Bool {
        let result = tmux(["list-panes", "-t", target, "-F", "#{pane_dead}"])
        return result.status == 0 && result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// The program's exit status once it has exited (nil while running, or when killed by a signal).
    func exitStatus() -> Int? {
        let result = tmux(["list-panes", "-t", target, "-F", "#{pane_dead} #{pane_dead_status}"])
        let fields = result.output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard result.status == 0, fields.count == 2, fields[0] == "1" else { return nil }
        return Int(fields[1])
    }

    /// Waits until the program has exited and returns its status (nil when killed by a signal).
    func waitForExit(timeout: Duration = .seconds(10)) throws -> Int? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while isRunning {
            if clock.now >= deadline {
                throw Failure(description: "Timed out after \(timeout) waiting for the program to exit. Last screen:\n" + capture())
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return exitStatus()
    }

    /// Stops the server (and the program). Safe to call more than once.
    func kill() {
        _ = tmux(["kill-server"])
        try? FileManager.default.removeItem(at: configFile)
    }

    private func tmux(_ arguments: [String]) -> (status: Int32, output: String, error: String) {
        (try? Self.run(["-L", socket] + arguments)) ?? (-1, "", "tmux could not be started")
    }

    /// Runs tmux and collects its output.
    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        environment["LC_CTYPE"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}

/// Where the built executables are.
enum Binary {
    /// The built `shuangyong` executable: `$SHUANGYONG_BINARY` if set, else beside the test bundle
    /// (`.build/<triple>/<config>/`, whatever `--scratch-path` was), else `<package>/.build/debug/`.
    static var shuangyong: URL { locate("shuangyong") }

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
