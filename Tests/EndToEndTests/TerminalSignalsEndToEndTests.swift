import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

/// Signals, job control, escape sequences and plan paths that are not regular files, on the real binary
/// in tmux. Nothing here measures time: every wait is for something to appear on the screen or for the
/// program to exit (with the harness's generous limits for a failure).
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux); .ci/run installs it"),
       .serialized)
struct TerminalSignalsEndToEndTests {
    /// A directory with the 2026 sample plan, removed afterwards.
    final class Scratch {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sy-signals-e2e-" + UUID().uuidString).path
        var plan: String { dir + "/plan.json" }

        init() throws {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try DashboardEndToEndTests.writeSample(to: plan)
        }

        deinit { try? FileManager.default.removeItem(atPath: dir) }
    }

    /// Where the program is when the signal comes.
    enum State: String, CaseIterable, Sendable {
        case deskIdle, lineEditorOpen, helpOpen, officeScreen
    }

    static let startLimit: Duration = .seconds(30)

    static func dashboard(_ plan: String, kiosk: Bool = false) -> [String] {
        [Binary.shuangyong.path] + (kiosk ? ["--kiosk", "--rotate", "3600"] : []) + ["--date", "2026-10-15", "--lang", "zh", plan]
    }

    /// Runs a command, then prints how it ended and keeps the pane alive, so that the terminal's state
    /// after the program can be read (tmux hides the cursor of a dead pane). Perl because it tells an
    /// exit status from death by a signal; Debian always has it (perl-base is essential).
    static let reporter = ["perl", "-e", #"system(@ARGV); printf("EXIT=%d SIGNAL=%d\n", $? >> 8, $? & 127); sleep 3600"#]

    /// How the program started by `reporter` ended: (exit status, signal).
    static func ending(_ session: TmuxSession) throws -> (status: Int, signal: Int) {
        let pattern = #/EXIT=(\d+) SIGNAL=(\d+)/#
        let screen = try session.waitFor({ $0.contains(pattern) }, timeout: .seconds(20))
        let match = try #require(screen.firstMatch(of: pattern))
        return (Int(match.1) ?? -1, Int(match.2) ?? -1)
    }

    /// The process id of the pane's child (the program the shell or `reporter` started).
    static func programPID(in session: TmuxSession) -> pid_t? {
        guard let parent = session.programPID else { return nil }
        let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Starts the program (under `reporter`) and brings it into `state`.
    static func start(_ state: State, _ scratch: Scratch, prefix: [String] = []) throws -> TmuxSession {
        let session = try TmuxSession(command: reporter + prefix + dashboard(scratch.plan, kiosk: state == .officeScreen),
                                      width: 100, height: 30)
        switch state {
        case .deskIdle:
            try session.waitFor(text: "q 退出", timeout: startLimit)
        case .lineEditorOpen:
            try session.waitFor(text: "q 退出", timeout: startLimit)
            session.sendKeys("5")
            try session.waitFor(text: "45/45 项")
            session.sendKeys("p")
            try session.waitFor(text: "回车保存 · Esc 取消")
        case .helpOpen:
            try session.waitFor(text: "q 退出", timeout: startLimit)
            session.sendKeys("?")
            try session.waitFor(text: "按键说明")
        case .officeScreen:
            try session.waitFor(text: "正在显示", timeout: startLimit)
        }
        return session
    }

    /// The terminal is as a shell wants it: normal screen, cursor shown, no mouse reports, no keypad mode.
    static func expectRestored(_ session: TmuxSession, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let flags = session.display("alternate=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag} keypad=#{keypad_cursor_flag}")
        #expect(flags == "alternate=0 cursor=1 mouse=0 keypad=0", comment, sourceLocation: sourceLocation)
    }

    // MARK: Signals

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT, SIGQUIT], State.allCases)
    func oneQuitSignalEndsItWith128PlusNAndRestoresTheTerminal(signal: Int32, state: State) throws {
        let scratch = try Scratch()
        let session = try Self.start(state, scratch)
        defer { session.kill() }
        kill(try #require(Self.programPID(in: session)), signal)
        let ending = try Self.ending(session)
        #expect(ending.status == 128 + Int(signal) && ending.signal == 0, "signal \(signal) in \(state): \(ending)")
        Self.expectRestored(session, "signal \(signal) in \(state)")
        #expect(try !session.capture().contains("Press space"))
    }

    @Test(arguments: [SIGSEGV, SIGABRT])
    func aCrashSignalRestoresTheTerminalAndDiesByItWithoutAPrompt(signal: Int32) throws {
        let scratch = try Scratch()
        // No core file, and Swift's backtracer in its default configuration (which would prompt).
        let prefix = ["env", "-u", "SWIFT_BACKTRACE", "sh", "-c", "ulimit -c 0; exec \"$0\" \"$@\""]
        let session = try Self.start(.deskIdle, scratch, prefix: prefix)
        defer { session.kill() }
        kill(try #require(Self.programPID(in: session)), signal)
        let ending = try Self.ending(session)
        #expect(ending.signal == Int(signal) && ending.status == 0, "\(ending)")
        Self.expectRestored(session)
        #expect(try !session.capture().contains("Press space"))
    }

    // MARK: Job control

    /// An interactive bash (job control on) in tmux, with a plain prompt and no user configuration.
    static func shell(_ scratch: Scratch) throws -> TmuxSession {
        let session = try TmuxSession(command: ["env", "HOME=" + scratch.dir, "PS1=sh$ ", "bash", "--norc", "--noprofile", "-i"],
                                      width: 100, height: 30)
        try session.waitFor(text: "sh$", timeout: startLimit)
        return session
    }

    static func quoted(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    /// The screen once it has stopped changing (two captures in a row alike) and shows `text`.
    static func settled(_ session: TmuxSession, showing text: String) throws -> String {
        var last = ""
        return try session.waitFor({ screen in
            defer { last = screen }
            return screen.contains(text) && screen == last
        }, timeout: startLimit)
    }

    @Test func ctrlZStopsTheDeskDashboardAndFgBringsItBackComplete() throws {
        let scratch = try Scratch()
        let session = try Self.shell(scratch)
        defer { session.kill() }
        session.sendLiteral(Self.quoted(Self.dashboard(scratch.plan)))
        session.sendKeys("Enter")
        let before = try Self.settled(session, showing: "q 退出")

        session.sendKeys("C-z")
        let stopped = try session.waitFor(text: "Stopped")
        #expect(!stopped.contains("q 退出"))
        Self.expectRestored(session, "while stopped")
        // Typed at the shell while the dashboard is stopped: the shell's, not the dashboard's ("5" would
        // open the tasks view, "f" a filter).
        session.sendLiteral("echo 5f")
        session.sendKeys("Enter")
        try session.waitFor { $0.split(separator: "\n").contains("5f") }

        session.sendLiteral("fg")
        session.sendKeys("Enter")
        // Back, and every cell as it was.
        try session.waitFor({ $0 == before }, timeout: .seconds(20))
        #expect(session.display("#{alternate_on} #{cursor_flag}") == "1 0")

        // Still working: it quits on q with status 0.
        session.sendKeys("q")
        try session.waitFor(text: "sh$")
        session.sendLiteral("echo status=$?")
        session.sendKeys("Enter")
        try session.waitFor(text: "status=0")
        Self.expectRestored(session, "after quitting")
    }

    @Test func sigtstpFromOutsideStopsItTooAndSigcontRepaints() throws {
        let scratch = try Scratch()
        let session = try Self.shell(scratch)
        defer { session.kill() }
        session.sendLiteral(Self.quoted(Self.dashboard(scratch.plan)))
        session.sendKeys("Enter")
        let before = try Self.settled(session, showing: "q 退出")
        let pid = try #require(Self.programPID(in: session))

        kill(pid, SIGTSTP)
        try session.waitFor(text: "Stopped")
        Self.expectRestored(session, "while stopped")
        session.sendLiteral("fg")
        session.sendKeys("Enter")
        try session.waitFor({ $0 == before }, timeout: .seconds(20))

        // Stopped without warning (SIGSTOP cannot be caught) and continued: the screen is repainted.
        kill(pid, SIGSTOP)
        try session.waitFor(text: "Stopped")
        session.sendLiteral("fg")
        session.sendKeys("Enter")
        try session.waitFor({ $0 == before }, timeout: .seconds(20))

        session.sendKeys("q")
        try session.waitFor(text: "sh$")
    }

    @Test func theOfficeScreenIgnoresCtrlZ() throws {
        let scratch = try Scratch()
        let session = try Self.shell(scratch)
        defer { session.kill() }
        session.sendLiteral(Self.quoted(Self.dashboard(scratch.plan, kiosk: true)))
        session.sendKeys("Enter")
        try session.waitFor(text: "正在显示", timeout: Self.startLimit)
        // Keys are handled in order: once Space has paused the rotation, Ctrl-Z has been read and ignored.
        session.sendKeys("C-z")
        session.sendKeys("Space")
        let screen = try session.waitFor(text: "已暂停")
        #expect(!screen.contains("Stopped"))
        session.sendKeys("q")
        session.sendKeys("y")
        try session.waitFor(text: "sh$")
        session.sendLiteral("echo status=$?")
        session.sendKeys("Enter")
        try session.waitFor(text: "status=0")
    }

    // MARK: Escape sequences

    @Test func anUnknownEscapeSequenceIsDroppedWholeAndAKnownOneIsAKey() throws {
        let scratch = try Scratch()
        let session = try Self.start(.deskIdle, scratch)
        defer { session.kill() }
        let overview = try Self.settled(session, showing: "q 退出")
        #expect(overview.contains("当前阶段"))

        // ESC [ 9 5 ~ used to switch to view 5 ("5"); ESC O z, a CSI with an intermediate byte and a
        // terminal reply are no keys either.
        session.sendLiteral("\u{1B}[95~")
        session.sendLiteral("\u{1B}Oz")
        session.sendLiteral("\u{1B}[2 q")
        session.sendLiteral("\u{1B}[?1;2c")
        // Keys are handled in order: once help is open, the sequences before it have been read.
        session.sendKeys("?")
        try session.waitFor(text: "按键说明")
        session.sendKeys("Escape")
        let after = try session.waitFor { !$0.contains("按键说明") }
        #expect(after.contains("当前阶段"))
        #expect(!after.contains("45/45 项"))

        // The keypad's "5" in application mode (ESC O u) is "5": the tasks view.
        session.sendLiteral("\u{1B}Ou")
        try session.waitFor(text: "45/45 项")
        session.sendKeys("q")
        let ending = try Self.ending(session)
        #expect(ending.status == 0 && ending.signal == 0, "\(ending)")
    }

    // MARK: Plan paths that are not regular files

    @Test func everyCommandRefusesAFifoAtOnce() throws {
        let scratch = try Scratch()
        let fifo = scratch.dir + "/pipe.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        for args in [["validate", fifo], ["report", "overdue", "--date", "2026-10-15", fifo],
                     ["report", "tasks", "--format", "csv", fifo], ["render", "--view", "tasks", "--date", "2026-10-15", fifo],
                     ["edit", "s1-1", "--progress", "20", fifo]] {
            let run = try CommandLineTests.run(args)
            #expect(run.status == 1, "\(args)")
            #expect(run.err.contains(fifo + ": cannot read the file: 不是普通文件 (not a regular file): it is a FIFO (named pipe)"), "\(args): \(run.err)")
        }
        // The full-screen modes, in a terminal: the message, status 1, the terminal untouched.
        for kiosk in [false, true] {
            let session = try TmuxSession(command: Self.reporter + Self.dashboard(fifo, kiosk: kiosk), width: 100, height: 30)
            defer { session.kill() }
            let ending = try Self.ending(session)
            #expect(ending.status == 1 && ending.signal == 0, "\(ending)")
            let screen = try session.capture()
            // The terminal wraps the message wherever the path's length puts the edge: compare without spacing.
            func squeezed(_ s: String) -> String { s.filter { !$0.isWhitespace } }
            #expect(squeezed(screen).contains(squeezed("不是普通文件 (not a regular file)")), "\(screen)")
            Self.expectRestored(session)
        }
    }

    @Test func theOfficeScreenKeepsGoingWhenThePlanBecomesAFifo() throws {
        let scratch = try Scratch()
        let session = try Self.start(.officeScreen, scratch)
        defer { session.kill() }
        let fifo = scratch.dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(rename(fifo, scratch.plan) == 0)
        // The reload refuses the FIFO and says so over the last good data.
        let warned = try session.waitFor(text: "不是普通文件 (not a regular file)")
        #expect(warned.contains("计划文件无法读取"))
        #expect(warned.contains("逾期任务"))
        // Keys still work: Space pauses, q y quits.
        session.sendKeys("Space")
        try session.waitFor(text: "已暂停")
        session.sendKeys("q")
        session.sendKeys("y")
        let ending = try Self.ending(session)
        #expect(ending.status == 0 && ending.signal == 0, "\(ending)")
    }
}
