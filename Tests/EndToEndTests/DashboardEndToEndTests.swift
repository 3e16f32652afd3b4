import Foundation
import Testing
import TerminalUI
import TestFixtures

/// The real binary in a real terminal (tmux), with a UTF-8 locale: every view, help, resize, quit.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux); .ci/run installs it"))
struct DashboardEndToEndTests {
    /// This test's folder (`sy-e2e-…`), removed when the test ends however it ends.
    let folder = TempDir(prefix: "sy-e2e-")

    /// A sample plan for 2026, `plan.json` in `folder`.
    static func samplePlan(in folder: TempDir) throws -> String {
        let path = folder.file("plan.json")
        try writeSample(to: path)
        return path
    }

    /// `shuangyong init --year 2026 PATH`.
    static func writeSample(to path: String) throws {
        let p = Process()
        p.executableURL = Binary.shuangyong
        p.arguments = ["init", "--year", "2026", path]
        p.environment = Binary.environment
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TmuxSession.Failure(description: "shuangyong init failed") }
    }

    @Test func goesThroughEveryViewHelpResizeAndQuit() throws {
        let plan = try Self.samplePlan(in: folder)
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2026-10-15", "--lang", "zh", plan],
                                      width: 100, height: 30)
        defer { session.kill() }

        var screen = try session.waitFor(text: "各部分进度")
        #expect(screen.contains("双拥看板 │ 固始县创建双拥模范县实施方案"))
        #expect(screen.contains("逾期 13"))

        session.sendKeys("Tab")
        screen = try session.waitFor(text: "阶段 / 任务")
        #expect(screen.contains("检查自评 进行中"))  // the timeline opens at the phase under way

        session.sendKeys("3")
        screen = try session.waitFor(text: "单位 / 任务")
        session.sendKeys("Enter")
        screen = try session.waitFor(text: "[责任] s2-4")

        session.sendKeys("4")
        screen = try session.waitFor(text: "2026年10月")
        session.sendKeys("Right", "Enter")
        screen = try session.waitFor(text: "2026-10-16")

        session.sendKeys("5")
        screen = try session.waitFor(text: "45/45")
        session.sendKeys("/")
        session.sendLiteral("军训")
        session.sendKeys("Enter")
        screen = try session.waitFor(text: "2/45")  // the search narrowed the list
        #expect(screen.contains("国防教育计划、课程与新生军训"))

        session.sendKeys("?")
        screen = try session.waitFor(text: "按键说明")
        #expect(screen.contains("搜索"))
        session.sendKeys("Escape")
        screen = try session.waitFor { !$0.contains("按键说明") }

        // Columns stay aligned by display width: every task row's due date starts in the same column.
        let taskRows = screen.split(separator: "\n").filter { $0.hasPrefix(" s") && $0.dropFirst(2).first?.isNumber == true }
        #expect(!taskRows.isEmpty)
        let dueColumns = Set(taskRows.compactMap { line -> Int? in
            guard let r = line.range(of: "2026-") else { return nil }
            return line[line.startIndex..<r.lowerBound].displayWidth
        })
        #expect(dueColumns.count == 1, "due dates in \(dueColumns)")

        session.resize(width: 50, height: 12)
        screen = try session.waitFor(text: "窗口太小")
        #expect(screen.contains("至少需要 60×16"))
        session.resize(width: 160, height: 45)
        screen = try session.waitFor(text: "2/45")  // the search is still in force after the resize

        session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func sigtermRestoresTheTerminalAndExits() throws {
        let plan = try Self.samplePlan(in: folder)
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2026-10-15", plan], width: 100, height: 30)
        defer { session.kill() }
        _ = try session.waitFor(text: "Sections")
        session.signalProgram(SIGTERM)
        let status = try session.waitForExit()
        #expect(status == 128 + Int(SIGTERM))
    }

    @Test func escapeSequencesInATitleAreShownAsText() throws {
        let plan = try Self.samplePlan(in: folder)
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        // JSON-escaped ESC sequences: set the window title, then clear the screen.
        text = text.replacingOccurrences(of: "\"title\": \"双拥工作纳入总体规划和年度考评\"",
                                         with: "\"title\": \"\\u001b]0;PWNED\\u0007\\u001b[2J恶意标题\"")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2026-10-15", "--lang", "zh", plan],
                                      width: 120, height: 30)
        defer { session.kill() }
        session.sendKeys("5")
        let screen = try session.waitFor(text: "恶意标题")
        #expect(screen.contains("␛]0;PWNED␇␛[2J恶意标题"))
        #expect(session.display("#{pane_title}") != "PWNED")
        #expect(screen.contains("45/45"))  // the screen was not cleared
    }

    @Test func withoutATerminalItSaysSoAndPointsToReport() throws {
        let plan = try Self.samplePlan(in: folder)
        /// The dashboard started with `args`, its input not a terminal: its exit status and messages.
        func withoutTerminal(_ args: [String]) throws -> (status: Int32, message: String) {
            let p = Process()
            p.executableURL = Binary.shuangyong
            p.arguments = args
            p.environment = Binary.environment
            let err = Pipe()
            p.standardOutput = Pipe()
            p.standardError = err
            p.standardInput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        let (status, message) = try withoutTerminal([plan])
        #expect(status == 1)
        #expect(message.contains("not a terminal"))
        #expect(message.contains("shuangyong report"))
        // In Chinese when the run speaks Chinese.
        let (zhStatus, zhMessage) = try withoutTerminal(["--lang", "zh", plan])
        #expect(zhStatus == 1)
        #expect(zhMessage.contains("无法启动交互看板") && zhMessage.contains("不是终端") && !zhMessage.contains("terminal"), "\(zhMessage)")
    }
}
