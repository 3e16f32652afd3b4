import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

@Suite("Editing keys turn into saved changes")
struct EditingTests {
    /// The tasks view with task s1-3 (in progress, 60%) selected.
    func appOnS13() -> DashboardApp {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        _ = app.update(key: .down)
        _ = app.update(key: .down)
        #expect(app.selectedTaskID == "s1-3")
        return app
    }

    @Test func statusPickerCommitsTheChosenStatus() {
        var app = appOnS13()
        _ = app.update(key: .char("t"))
        #expect(render(app).plainText.contains("状态：s1-3"))
        _ = app.update(key: .down)  // from 进行中 to 已完成
        #expect(app.update(key: .enter) == [.commit([.setStatus(taskID: "s1-3", .done)], seen: SeenValue(.status(.inProgress)))])
        #expect(app.state.picker == nil)
    }

    @Test func progressPromptRefusesOutOfRangeAndKeepsTheInput() {
        var app = appOnS13()
        _ = app.update(key: .char("p"))
        #expect(app.state.prompt?.editor.text == "60")
        _ = app.update(key: .backspace)
        _ = app.update(key: .backspace)
        for c in "140" { _ = app.update(key: .char(c)) }
        #expect(app.update(key: .enter) == [])
        #expect(app.state.prompt?.error?.contains("0–100") == true)
        #expect(render(app).plainText.contains("“140”不是 0–100 的整数"))
        _ = app.update(key: .backspace)
        _ = app.update(key: .backspace)
        _ = app.update(key: .backspace)
        for c in "75" { _ = app.update(key: .char(c)) }
        #expect(app.update(key: .enter) == [.commit([.setProgress(taskID: "s1-3", 75)], seen: SeenValue(.progress(60)))])
    }

    @Test func dueDatePromptExplainsABadDate() {
        var app = appOnS13()
        _ = app.update(key: .char("d"))
        for _ in 0..<10 { _ = app.update(key: .backspace) }
        for c in "2026-02-30" { _ = app.update(key: .char(c)) }
        #expect(app.update(key: .enter) == [])
        #expect(app.state.prompt?.error == "“2026-02-30”不是有效日期，请按 YYYY-MM-DD 输入，如 2026-10-20")
        _ = app.update(key: .escape)
        #expect(app.state.prompt == nil)
    }

    @Test func chineseNoteEditsByCharacterAndDrawsByWidth() {
        var app = appOnS13()
        _ = app.update(key: .char("n"))
        for c in "材料已报县委" { _ = app.update(key: .char(c)) }
        _ = app.update(key: .left)
        _ = app.update(key: .left)
        _ = app.update(key: .backspace)       // removes 报
        _ = app.update(key: .char("送"))
        let g = render(app)
        expectWellFormed(g)
        let row = g.row(containing: "材料已送县委")
        #expect(row != nil, "\(g.plainText)")
        // The cursor sits on 县 (two cells), drawn in the cursor style.
        if let row, let x = g.column(of: "县委", row: row) {
            #expect(g[x, row].style.reverse)
            #expect(g[x + 1, row].isContinuation)
        }
        #expect(app.update(key: .enter) == [.commit([.addNote(taskID: "s1-3", "材料已送县委")])])
    }

    @Test func deleteAsksFirst() {
        var app = appOnS13()
        _ = app.update(key: .char("D"))
        #expect(render(app).plainText.contains("删除任务 s1-3"))
        #expect(app.update(key: .char("n")) == [])
        #expect(app.state.message == "已取消")
        _ = app.update(key: .char("D"))
        #expect(app.update(key: .char("y")) == [.commit([.deleteTask(taskID: "s1-3")])])
    }

    @Test func editMenuOffersTheActionsAndItsLettersWork() {
        var app = appOnS13()
        _ = app.update(key: .char("e"))
        let text = render(app).plainText
        for label in ["状态", "进度", "截止日期", "添加备注", "责任单位", "删除任务"] { #expect(text.contains(label)) }
        _ = app.update(key: .char("p"))
        #expect(app.state.picker == nil)
        #expect(app.state.prompt?.title.hasPrefix("进度") == true)
    }

    @Test func ownersPickerTogglesAndSavesInPlanOrder() {
        var app = appOnS13()
        _ = app.update(key: .char("O"))
        for c in "rsj" { _ = app.update(key: .char(c)) }
        _ = app.update(key: .char(" "))
        let effects = app.update(key: .enter)
        guard case let .commit(edits, _)? = effects.first, case let .setOwners(id, owners)? = edits.first else {
            Issue.record("expected a setOwners commit, got \(effects)")
            return
        }
        #expect(id == "s1-3")
        #expect(owners.contains("rsj") && owners.contains("cydw"))
        #expect(owners == owners.sorted { app.state.index.unitPosition[$0]! < app.state.index.unitPosition[$1]! })
    }

    @Test func targetCountStepsAndNewTaskGetsTheNextNumber() {
        var app = sampleApp(view: .tasks, width: 120, height: 40)
        let s22 = app.state.visibleTasks.firstIndex { app.state.plan.tasks[$0].id == "s2-2" }!
        _ = app.update(key: .down)
        for _ in 1..<s22 { _ = app.update(key: .down) }
        #expect(app.selectedTaskID == "s2-2")
        #expect(app.update(key: .char("+")) == [.commit([.setTargetAchieved(taskID: "s2-2", 2)])])
        _ = app.update(key: .char("a"))
        for c in "编印双拥简报" { _ = app.update(key: .char(c)) }
        let effects = app.update(key: .enter)
        guard case let .commit(edits, _)? = effects.first, case let .addTask(t)? = edits.first else {
            Issue.record("expected an addTask commit, got \(effects)")
            return
        }
        #expect(t.id == "s2-7" && t.number == 7 && t.sectionID == "s2" && t.title == "编印双拥简报")
    }

    @Test func undoAndRedoAreEffectsTheRunLoopSaves() {
        var app = appOnS13()
        #expect(app.update(key: .char("u")) == [.undo])
        #expect(app.update(key: .ctrl("r")) == [.redo])
    }

    @Test func readOnlyRefusesEveryEditKeyWithTheReason() {
        var app = appOnS13()
        _ = app.update(.readOnlyChanged("its permissions make it read-only"))
        for key in [Key.char("t"), .char("p"), .char("d"), .char("n"), .char("D"), .char("u"), .char("+")] {
            #expect(app.update(key: key) == [])
            #expect(app.state.prompt == nil && app.state.picker == nil && app.state.confirmation == nil)
            #expect(app.state.message?.contains("只读") == true)
        }
    }

    @Test func savedResultShowsWhatChangedAndKeepsTheSelection() throws {
        var app = appOnS13()
        let before = app.state.plan
        var changed = before
        let k = changed.tasks.firstIndex { $0.id == "s1-3" }!
        changed.tasks[k].progress = 75
        changed.tasks.insert(PlanTask(id: "s1-0", sectionID: "s1", number: 0, title: "新任务", text: "", phaseID: "p1"), at: 0)
        _ = app.update(.reloaded(changed))
        #expect(app.selectedTaskID == "s1-3")
        #expect(app.state.message == "已载入其他席位保存的更改")
        _ = app.update(.reloadFailed(.syntax(file: "plan.json", line: 3, column: 1, message: "unexpected end")))
        #expect(render(app).rowText(2).contains("显示的是之前的数据"))
        #expect(render(app).plainText.contains("75%"))
    }

    @Test func renameTheSelectedUnitFromTheOverdueView() {
        var app = sampleApp(view: .overdue, width: 120, height: 40)
        _ = app.update(key: .char("R"))
        #expect(app.state.prompt?.editor.text == "驻固各部队")
        for _ in 0..<5 { _ = app.update(key: .backspace) }
        for c in "驻县部队" { _ = app.update(key: .char(c)) }
        #expect(app.update(key: .enter) == [.commit([.renameUnit(unitID: "zgbd", name: "驻县部队", shortName: nil)],
                                                     seen: SeenValue(.unitName(name: "驻固各部队", short: "驻固部队")))])
        // In the tasks view without a unit filter there is no unit to rename.
        var tasks = sampleApp(view: .tasks, width: 120, height: 40)
        #expect(tasks.update(key: .char("R")) == [])
        #expect(tasks.state.message?.contains("逾期督办") == true)
    }
}
