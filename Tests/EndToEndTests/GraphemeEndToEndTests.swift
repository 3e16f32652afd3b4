import Foundation
import Testing
import TerminalUI
import TestFixtures

/// Titles with every kind of character cluster a terminal may draw at another width than the grid
/// assumed (issue "terminal, text, calendar", case `emoji-zwj-grapheme`): in a real terminal, after
/// switching views back and forth, the screen is exactly `shuangyong render` of the same state, row
/// by row. Before the fix ncurses and tmux disagreed on such rows and later frames left stale box
/// edges and cut glyphs.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux); .ci/run installs it"))
struct GraphemeEndToEndTests {
    /// This test's folder (`sy-e2e-…`), removed when the test ends however it ends.
    let folder = TempDir(prefix: "sy-e2e-")

    /// One cluster of each kind, each at the start of a title (where it shifts the rest of the row).
    static let titles = [
        "👨‍👩‍👧军属家庭走访",  // ZWJ sequence
        "🇨🇳国旗下的讲话",  // regional-indicator flag
        "👍🏽拥军优属先进",  // skin-tone modifier
        "1️⃣号文件落实",  // keycap
        "❤️拥军志愿服务",  // VS16 on a text-default symbol
        "☀︎夏季慰问",  // VS15
        "🏴󠁧󠁢󠁥󠁮󠁧󠁿英格兰来信",  // tag sequence
        "🫨地震演练",  // newer than the terminal's width table
        "café e\u{301}行动",  // combining marks: drawn as they are
        "\u{1112}\u{1161}\u{11AB}국 교류",  // conjoining jamo
        "军民共建👩🏿‍💻网络",  // a sequence in the middle of a title
    ]

    static func planJSON() -> String {
        let tasks = titles.enumerated().map { k, title in
            """
                {"id": "s1-\(k + 1)", "section": "s1", "number": \(k + 1), "title": "\(title)", "text": "",
                 "phase": "p1", "owners": ["syb"], "due": "2026-08-\(10 + k)", "status": "in-progress", "progress": 50}
            """
        }
        return """
            {
              "format": "shuangyong-plan", "version": 1, "title": "测试计划", "organization": "县双拥办",
              "year": 2026, "timeZone": "Asia/Shanghai",
              "units": [{"id": "syb", "name": "县双拥办", "short": "县双拥办", "kind": "government"}],
              "phases": [{"id": "p1", "name": "全面实施", "start": "2026-01-01", "end": "2026-12-31", "summary": ""}],
              "sections": [{"id": "s1", "number": 1, "title": "组织领导", "lead": ["syb"], "responsible": ["syb"]}],
              "tasks": [
            \(tasks.joined(separator: ",\n"))
              ],
              "activities": []
            }

            """
    }

    /// `shuangyong render` of a view, rows with trailing spaces removed (as tmux captures them).
    static func render(_ view: String, plan: String, size: (Int, Int)) throws -> [String] {
        let p = Process()
        p.executableURL = Binary.shuangyong
        p.arguments = ["render", "--view", view, "--size", "\(size.0)x\(size.1)", "--lang", "zh", "--date", "2026-08-15", plan]
        p.environment = Binary.environment
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return rows(String(decoding: data, as: UTF8.self), count: size.1)
    }

    static func rows(_ text: String, count: Int) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0 == " " }).reversed())
        }
        while lines.count < count { lines.append("") }
        return Array(lines.prefix(count))
    }

    /// A text report draws each title as the dashboard does: the same stand-ins, nothing else.
    @Test func textReportUsesTheSameStandIns() throws {
        let plan = folder.write("plan.json", Self.planJSON())
        let report = try CommandLineTests.run(["report", "tasks", "--lang", "zh", "--date", "2026-08-15", plan])
        #expect(report.status == 0)
        for title in Self.titles {
            #expect(report.out.contains(Glyph.text(title)), "\(title) → \(Glyph.text(title))")
        }
        #expect(report.out.contains("👨军属家庭走访"))
        for line in report.out.split(separator: "\n") {
            #expect(Glyph.text(line) == line)  // only plain clusters reach the terminal
        }
        #expect(!report.out.unicodeScalars.contains { $0.value == 0x200D || $0.value == 0xFE0F })
    }

    @Test func screenEqualsRenderAfterSwitchingViews() throws {
        let plan = folder.write("plan.json", Self.planJSON())
        let size = (120, 40)
        let session = try TmuxSession(command: [Binary.shuangyong.path, plan, "--lang", "zh", "--date", "2026-08-15", "--user", "deskA"],
                                      width: size.0, height: size.1)
        defer { session.kill() }
        try session.waitFor(text: "当前阶段")

        let calendar = try Self.render("calendar", plan: plan, size: size)
        let tasks = try Self.render("tasks", plan: plan, size: size)
        #expect(tasks.joined().contains("👨军属家庭走访"))  // the stand-in, the same as on the screen
        #expect(calendar.joined().contains("〓国旗下的讲话"))

        for (key, marker, expected) in [("4", "2026年8月", calendar), ("5", "11/11 项", tasks),
                                        ("4", "2026年8月", calendar), ("5", "11/11 项", tasks)] {
            session.sendKeys(key)
            let screen = Self.rows(try session.waitFor(text: marker), count: size.1)
            for y in 0..<size.1 where screen[y] != expected[y] {
                Issue.record("after key \(key), row \(y):\n screen: \(screen[y])\n render: \(expected[y])")
            }
        }
    }
}
