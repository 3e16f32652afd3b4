import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// `shuangyong --kiosk` in a real terminal (tmux): rotation, reloads of a file changed from outside,
/// the warning while it is broken or gone, read-only keys, and the quit sequence.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux); .ci/run installs it"))
struct KioskEndToEndTests {
    /// A folder (`sy-kiosk-e2e-…`) with the 2026 sample written by `shuangyong init`, removed with the
    /// folder when the test ends however it ends.
    struct Scratch {
        let folder = TempDir(prefix: "sy-kiosk-e2e-")
        var dir: String { folder.path }
        var plan: String { folder.file("plan.json") }

        init() throws {
            try DashboardEndToEndTests.writeSample(to: plan)
        }

        var bytes: Data { FileManager.default.contents(atPath: plan) ?? Data() }
        var files: Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []) }
    }

    /// This test's scratch folder, held by the suite instance, so it lasts exactly as long as the test.
    let scratch: Scratch

    init() throws {
        scratch = try Scratch()
    }

    static func start(_ scratch: Scratch, width: Int = 80, height: Int = 24) throws -> TmuxSession {
        try TmuxSession(command: [Binary.shuangyong.path, "--kiosk", "--rotate", "3", "--date", "2026-10-15", "--lang", "zh",
                                  scratch.plan],
                        width: width, height: height)
    }

    /// The status line's "正在显示 <view> (k/4)", or nil.
    static func showing(_ screen: String) -> String? {
        guard let r = screen.range(of: #"正在显示 \S+ \(\d/4\)"#, options: .regularExpression) else { return nil }
        return String(screen[r])
    }

    /// The display column where `lines` stand one above the other on consecutive rows, or nil.
    static func blockColumn(_ lines: [String], in screen: String) -> Int? {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Cells before a match: CJK characters take two (the band's only wide characters are CJK).
        func columns(of needle: String, in row: String) -> [Int] {
            var out: [Int] = []
            var rest = row[...], column = 0
            while let r = rest.range(of: needle) {
                let before = rest[rest.startIndex..<r.lowerBound]
                column += before.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x2E80 ? 2 : 1) }
                out.append(column)
                column += 1
                rest = rest[rest.index(after: r.lowerBound)...]
            }
            return out
        }
        for top in rows.indices where top + lines.count <= rows.count {
            for x in columns(of: lines[0], in: rows[top])
            where (1..<lines.count).allSatisfy({ columns(of: lines[$0], in: rows[top + $0]).contains(x) }) {
                return x
            }
        }
        return nil
    }

    @Test func rotatesReloadsWarnsRecoversIgnoresEditingKeysAndQuitsOnQThenY() throws {
        let session = try Self.start(scratch)
        defer { session.kill() }

        // Two rotations at --rotate 3.
        var screen = try session.waitFor(text: "正在显示 总览 (1/4)")
        #expect(screen.contains("逾期任务 13"))
        #expect(screen.contains("2026-10-15 周四 农历九月初六"))
        try session.waitFor(text: "正在显示 逾期督办 (2/4)")
        try session.waitFor(text: "正在显示 月历 (3/4)")

        // A desk saves: one overdue task is done now.
        var plan = try PlanStore.load(scratch.plan)
        let status = PlanStatus(plan: plan, today: Day(year: 2026, month: 10, day: 15)!)
        let overdue = try #require(plan.tasks.indices.first { if case .overdue = status.state($0) { true } else { false } })
        plan.tasks[overdue].status = .done
        plan.tasks[overdue].progress = 100
        try PlanStore.save(plan, to: scratch.plan)
        screen = try session.waitFor(text: "逾期任务 12", timeout: .seconds(8))
        #expect(!screen.contains("计划文件无法读取"))
        let good = scratch.bytes

        // The file breaks: a warning, over the last good figures.
        try Data("{ \"title\": ".utf8).write(to: URL(fileURLWithPath: scratch.plan))
        screen = try session.waitFor(text: "计划文件无法读取（JSON 格式错误", timeout: .seconds(8))
        #expect(screen.contains("逾期任务 12"))
        #expect(screen.contains("载入的数据"))

        // It disappears: the warning says so.
        try FileManager.default.removeItem(atPath: scratch.plan)
        screen = try session.waitFor(text: "计划文件无法读取（文件不存在）", timeout: .seconds(8))
        #expect(screen.contains("逾期任务 12"))

        // Restored: the warning goes by itself.
        try good.write(to: URL(fileURLWithPath: scratch.plan))
        screen = try session.waitFor({ !$0.contains("计划文件无法读取") }, timeout: .seconds(8))
        #expect(screen.contains("逾期任务 12"))

        // Editing keys, Enter, Ctrl-Z, Ctrl-C: nothing is written and the screen keeps rotating.
        let filesBefore = scratch.files
        for key in ["e", "x", "d", "Enter", "C-z", "u", "C-c", "Space"] { session.sendKeys(key) }
        session.sendKeys("Space")  // pause and resume again: the rotation goes on
        let before = try #require(Self.showing(session.waitFor { Self.showing($0) != nil }))
        try session.waitFor({ Self.showing($0) != nil && Self.showing($0) != before }, timeout: .seconds(8))
        #expect(session.isRunning)
        #expect(scratch.bytes == good)
        #expect(scratch.files == filesBefore, "the office screen created or removed files")

        // q alone asks; y confirms.
        session.sendKeys("q")
        try session.waitFor(text: "退出办公室大屏？按 y 确认")
        #expect(session.isRunning)
        session.sendKeys("y")
        #expect(try session.waitForExit() == 0)
        #expect(scratch.bytes == good)
    }

    @Test func largeScreenShowsBlockDigitsAndAStopSignalEndsIt() throws {
        // At 120×40 the digits are drawn two cells a pixel, five rows tall (larger screens scale them up).
        let session = try Self.start(scratch, width: 120, height: 40)
        defer { session.kill() }
        let screen = try session.waitFor(text: "正在显示 总览 (1/4)")
        #expect(screen.contains("逾期任务"))
        #expect(screen.contains("距下次检查(天)"))
        #expect(screen.contains("12-01 督促检查"))
        #expect(screen.contains("2026年10月15日"))
        // "13" in double-width block digits: five rows, one above the other.
        let thirteen = ["  ██    ██████", "████        ██", "  ██    ██████", "  ██        ██", "██████  ██████"]
        #expect(Self.blockColumn(thirteen, in: screen) != nil, "no block-digit 13 on:\n\(screen)")

        session.resize(width: 70, height: 20)
        try session.waitFor(text: "逾期任务 13")
        #expect(session.isRunning)

        session.signalProgram(SIGTERM)
        #expect(try session.waitForExit() == 128 + Int(SIGTERM))
    }

    @Test func rejectsARotationOutOfRangeAndAMissingFileBeforeTakingTheScreen() throws {
        func run(_ args: [String]) throws -> (status: Int32, err: String) {
            let p = Process()
            p.executableURL = Binary.shuangyong
            p.arguments = args
            p.environment = Binary.environment
            let errFile = scratch.dir + "/err-" + UUID().uuidString
            _ = FileManager.default.createFile(atPath: errFile, contents: nil)
            p.standardError = FileHandle(forWritingAtPath: errFile)
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            defer { try? FileManager.default.removeItem(atPath: errFile) }
            return (p.terminationStatus, (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? "")
        }
        let tooFast = try run(["--kiosk", "--rotate", "2", scratch.plan])
        #expect(tooFast.status != 0)
        #expect(tooFast.err.contains("--rotate 2: give the seconds each view stays on, 3…3600"))
        let withoutKiosk = try run(["--rotate", "10", scratch.plan])
        #expect(withoutKiosk.err.contains("--rotate only applies to the office screen: add --kiosk"))

        let session = try TmuxSession(command: [Binary.shuangyong.path, "--kiosk", scratch.dir + "/missing.json"], width: 250, height: 24)
        defer { session.kill() }
        #expect(try session.waitForExit() == 1)
        // (tmux keeps only the end of what a program printed before the pane was ready: the last line.)
        #expect(try session.capture().contains("(run `shuangyong validate \(scratch.dir)/missing.json` to list every problem)"))
    }
}
