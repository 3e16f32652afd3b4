import Dashboard
import Foundation
import ShuangyongKit
import Testing
import TerminalUI

/// Each view at 80×24, in Chinese and in English, compared row by row with a checked-in text screen in
/// `Screens/` beside this file, so a layout change shows up as a readable diff.
///
/// To re-record after an intended change: `SHUANGYONG_RECORD_SCREENS=1 swift test --filter ScreenLiteralTests`,
/// then read the diff (`git diff Tests/DashboardTests/Screens`) before committing it.
@Suite("Whole screens as literal text")
struct ScreenLiteralTests {
    static let screens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")
    static let recording = ProcessInfo.processInfo.environment["SHUANGYONG_RECORD_SCREENS"] == "1"

    static let cases: [(ViewID, Language)] = ViewID.allCases.flatMap { v in [(v, Language.zh), (v, .en)] }

    @Test(arguments: cases)
    func viewAt80x24(view: ViewID, lang: Language) throws {
        let app = sampleApp(view: view, lang: lang, width: 80, height: 24)
        let grid = render(app)
        expectWellFormed(grid)
        let actual = grid.plainText + "\n"
        let file = Self.screens.appendingPathComponent("\(view)-\(lang.rawValue)-80x24.txt")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.screens, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no recorded screen \(file.lastPathComponent): run with SHUANGYONG_RECORD_SCREENS=1 to record it")
            return
        }
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(got.count == want.count, "\(file.lastPathComponent): \(got.count) rows, recorded \(want.count)")
        for (k, (g, w)) in zip(got, want).enumerated() where g != w {
            Issue.record("\(file.lastPathComponent) row \(k):\n  now:      \(g)\n  recorded: \(w)")
        }
    }
}
