import Foundation
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// Editing in the real binary: each change is on disk as soon as the status bar says so.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux); .ci/run installs it"))
struct DashboardEditingEndToEndTests {
    /// This test's folder (`sy-e2e-…`), removed when the test ends however it ends.
    let folder = TempDir(prefix: "sy-e2e-")

    func task(_ id: String, in path: String) throws -> PlanTask {
        try #require(try PlanStore.load(path).tasks.first { $0.id == id })
    }

    @Test func statusAndChineseNoteAreSavedThenUndoRestoresThem() throws {
        let path = try DashboardEndToEndTests.samplePlan(in: folder)
        let before = try task("s1-3", in: path)
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2026-10-15", "--lang", "zh", "--user", "王敏", path],
                                      width: 120, height: 36)
        defer { session.kill() }
        _ = try session.waitFor(text: "各部分进度")
        session.sendKeys("5")
        _ = try session.waitFor(text: "45/45")
        session.sendKeys("Down", "Down", "t")
        _ = try session.waitFor(text: "状态：s1-3")
        session.sendKeys("Down", "Enter")
        _ = try session.waitFor(text: "已保存：状态: 进行中 → 已完成")
        var t = try task("s1-3", in: path)
        #expect(t.status == .done && t.progress == 100)

        session.sendKeys("n")
        _ = try session.waitFor(text: "备注：s1-3")
        session.sendLiteral("述职材料已报县委")
        session.sendKeys("Enter")
        _ = try session.waitFor(text: "已保存：备注: 述职材料已报县委")
        t = try task("s1-3", in: path)
        #expect(t.notes.last?.text == "述职材料已报县委")
        #expect(t.notes.last?.by == "王敏")
        #expect(t.history.suffix(2).map(\.by) == ["王敏", "王敏"])
        #expect(t.history.suffix(2).first?.change.contains("状态: 进行中 → 已完成") == true)

        // Undo twice: the note goes, then the status; each undo is saved and recorded.
        session.sendKeys("u")
        _ = try session.waitFor(text: "撤销")
        session.sendKeys("u")
        _ = try session.waitFor { $0.contains("撤销: 状态") || $0.contains("撤销：状态") }
        t = try task("s1-3", in: path)
        #expect(t.status == before.status && t.progress == before.progress)
        #expect(t.notes == before.notes)
        #expect(t.history.last?.change.hasPrefix("撤销") == true)

        session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aChangeSavedAtAnotherDeskAppearsWithoutRestart() throws {
        let path = try DashboardEndToEndTests.samplePlan(in: folder)
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2026-10-15", "--lang", "zh", path], width: 120, height: 36)
        defer { session.kill() }
        session.sendKeys("5")
        _ = try session.waitFor(text: "45/45")
        var plan = try PlanStore.load(path)
        plan.tasks[0].title = "另一席位改过的标题"
        try PlanStore.save(plan, to: path)
        _ = try session.waitFor(text: "另一席位改过的标题", timeout: .seconds(8))
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: path))
        let screen = try session.waitFor(text: "显示的是之前的数据", timeout: .seconds(8))
        #expect(screen.contains("另一席位改过的标题"))
        try PlanStore.save(plan, to: path)
        _ = try session.waitFor({ !$0.contains("显示的是之前的数据") }, timeout: .seconds(8))
    }

    @Test func aReadOnlyFileOpensViewOnlyAndRefusesEdits() throws {
        let path = try DashboardEndToEndTests.samplePlan(in: folder)
        chmod(path, 0o444)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2026-10-15", "--lang", "zh", path], width: 120, height: 36)
        defer { session.kill() }
        _ = try session.waitFor(text: "只读")
        session.sendKeys("5", "t")
        _ = try session.waitFor(text: "只读，不能修改")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }
}
