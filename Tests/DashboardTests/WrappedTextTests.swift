import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

@Suite("Wrapped text in panes and dialogs")
struct WrappedTextTests {
    /// The rows inside the task detail box (the box under the list at 80×24), without the frame.
    func detailRows(_ g: Grid) -> [String] {
        guard let top = g.row(containing: "┌─ s1-1") else { return [] }
        var rows: [String] = []
        for y in (top + 1)..<g.height {
            let t = g.rowText(y)
            if t.hasPrefix("└") { break }
            rows.append(String(t.dropFirst(2)))
        }
        return rows
    }

    /// At 80×24 the detail pane holds 38 Chinese characters a line: the 39th being 。 or 、 used to
    /// start a line of its own.
    @Test func taskTextLinesNeverStartWithAPauseOrStop() {
        var plan = SamplePlan.make(year: 2026)
        plan.tasks[0].text = String(repeating: "双拥", count: 19) + "。" + String(repeating: "军民", count: 18) + "双、各级党委" +
            "（" + String(repeating: "共建", count: 18) + "）。"
        let g = render(sampleApp(view: .tasks, width: 80, height: 24, plan: plan))
        expectWellFormed(g)
        let rows = detailRows(g).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let text = rows.filter { $0.hasPrefix("双") || $0.hasPrefix("拥") || $0.hasPrefix("军") || $0.hasPrefix("民") ||
            $0.hasPrefix("双") || $0.hasPrefix("（") || $0.hasPrefix("共") || $0.hasPrefix("建") || $0.hasPrefix("各") }
        #expect(text.count >= 3, "\(rows)")
        #expect(text.first?.hasPrefix("双拥双拥") == true)
        #expect(text.dropFirst().first?.hasPrefix("拥。军民") == true, "\(text)")
        for row in rows {
            guard let first = row.first else { continue }
            #expect(!LineBreakRules.cannotStart(first), "\(rows)")
            let trimmed = row.trimmingCharacters(in: .whitespaces)
            if let last = trimmed.last { #expect(!LineBreakRules.cannotEnd(last), "\(rows)") }
        }
    }

    /// A question wider than the screen is wrapped in its dialog, so "(y/N)" can be read at 60 columns.
    @Test func aLongQuestionIsWrappedNotCut() {
        var plan = SamplePlan.make(year: 2026)
        plan.tasks[0].title = "组织开展双拥模范县创建工作动员部署会议并印发实施方案，明确各成员单位职责分工"
        var app = sampleApp(view: .tasks, width: 60, height: 16, plan: plan)
        _ = app.update(key: .char("D"))
        let g = render(app)
        expectWellFormed(g)
        guard let first = g.row(containing: "删除任务 s1-1"), let last = g.row(containing: "(y/N)") else {
            Issue.record("no dialog: \(g.plainText)")
            return
        }
        #expect(last > first)
        for y in first...last { #expect(!g.rowText(y).contains("…"), "\(g.plainText)") }
    }

    /// A task whose text is megabytes long opens with its first lines (the pane wraps only its rows).
    @Test func aHugeTaskTextShowsItsFirstLines() {
        var plan = SamplePlan.make(year: 2026)
        plan.tasks[0].text = String(repeating: "各级党委、政府和驻固部队要把双拥工作纳入总体规划。\n", count: 100_000)
        plan.tasks[0].title = String(repeating: "长", count: 1_000_000)
        let g = render(sampleApp(view: .tasks, width: 80, height: 24, plan: plan))
        expectWellFormed(g)
        #expect(detailRows(g).filter { $0.hasPrefix("各级党委、政府和驻固部队要把双拥工作纳入总体规划。") }.count >= 3)
    }
}

@Suite("The plan file's problems dialog")
struct ProblemsDialogTests {
    /// A problem longer than the dialog is wrapped by the same function, not cut: its end can be read.
    @Test func longProblemsAreWrappedNotCut() {
        var desk = Desk()
        _ = desk.app.update(.resize(width: 70, height: 20))
        let long = "unknown unit id \"县双拥工作领导小组各成员单位\" (not in units); every owner must be one of the plan's units"
        desk.store.unreadable = .invalid(file: "plan.json", problems: [PlanProblem(path: "tasks[3].owners[0]", id: "s2-1", message: long)])
        desk.clock.advance(seconds: 2)
        desk.step(.tick(desk.clock.now))
        desk.step(.key(.char("!")))
        let g = render(desk.app)
        expectWellFormed(g)
        #expect(g.plainText.contains("计划文件的问题"))
        #expect(g.row(containing: "one of the plan's units") != nil, "\(g.plainText)")
        let top = g.row(containing: "计划文件的问题") ?? 0
        for y in top..<(g.row(containing: "按任意键关闭") ?? top) { #expect(!g.rowText(y).contains("…"), "\(g.rowText(y))") }
    }
}
