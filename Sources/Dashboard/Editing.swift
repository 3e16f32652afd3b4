import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// Editing from the dashboard: keys open a picker, a prompt or a confirmation; a finished change
/// becomes a `.commit` effect that the run loop saves at once (atomically, merged with other desks).
extension DashboardApp {
    static let editActions: Set<Action> = [.editMenu, .pickStatus, .editProgress, .editDue, .addNote, .targetUp, .targetDown,
                                            .pickOwners, .addTask, .deleteTask, .renameUnit, .undo, .redo]

    /// The task the current view has selected, if any.
    public var selectedTaskID: String? {
        let s = state
        switch s.view {
        case .tasks:
            guard s.tasksCursor.selected < s.visibleTasks.count else { return nil }
            return s.plan.tasks[s.visibleTasks[s.tasksCursor.selected]].id
        case .overdue:
            let rows = s.overdueRows
            guard s.overdueCursor.selected < rows.count, case let .task(_, e) = rows[s.overdueCursor.selected] else { return nil }
            return s.plan.tasks[e.task].id
        case .timeline:
            guard s.timelineCursor.selected < s.timelineRows.count, case let .task(t) = s.timelineRows[s.timelineCursor.selected] else { return nil }
            return s.plan.tasks[t].id
        default:
            return nil
        }
    }

    /// The unit the current view points at: the overdue view's unit row, or the tasks view's unit filter.
    var selectedUnitID: String? {
        let s = state
        if s.view == .overdue {
            let rows = s.overdueRows
            guard s.overdueCursor.selected < rows.count else { return nil }
            switch rows[s.overdueCursor.selected] {
            case let .unit(g), let .task(g, _): return s.plan.units[s.derived.overdueByUnit[g].unit].id
            }
        }
        return s.view == .tasks ? s.query.unitID : nil
    }

    private func task(_ id: String) -> PlanTask? { state.index.taskPosition[id].map { state.plan.tasks[$0] } }

    mutating func performEdit(_ action: Action) -> [Effect] {
        let lang = state.lang
        if let reason = state.save.readOnlyReason {
            state.message = lang.pick("只读，不能修改：", "View-only, cannot change: ") + reason
            return []
        }
        switch action {
        case .undo: return [.undo]
        case .redo: return [.redo]
        case .renameUnit:
            guard let id = selectedUnitID, let u = state.index.unitPosition[id].map({ state.plan.units[$0] }) else {
                state.message = lang.pick("先在“逾期督办”中选中一个单位", "Select a unit in the overdue view first")
                return []
            }
            state.prompt = Prompt(purpose: .renameUnit(unitID: id), title: lang.pick("单位名称", "Unit name") + "（\(u.id)）", text: u.name)
            return []
        case .addTask:
            let sectionID = state.query.sectionID ?? selectedTaskID.flatMap { task($0)?.sectionID } ?? state.plan.sections.first?.id
            guard let sectionID else { return [] }
            let phaseID = selectedTaskID.flatMap { task($0)?.phaseID } ?? state.status.currentPhase?.id ?? state.plan.phases.first?.id ?? ""
            let section = state.index.sectionPosition[sectionID].map { state.plan.sections[$0] }
            state.prompt = Prompt(purpose: .newTask(sectionID: sectionID, phaseID: phaseID),
                                  title: lang.pick("新增任务到 ", "New task in ") + (section.map { Screen.sectionNumber($0.number) + $0.title } ?? sectionID))
            return []
        default: break
        }
        guard let id = selectedTaskID, let t = task(id) else {
            state.message = lang.pick("先选中一项任务", "Select a task first")
            return []
        }
        switch action {
        case .editMenu:
            let actions: [Action] = [.pickStatus, .editProgress, .editDue, .addNote] + (t.target != nil ? [.targetUp, .targetDown] : [])
                + [.pickOwners, .addTask, .deleteTask]
            let options = actions.compactMap { KeyMap.binding(for: $0, in: state.view) }.map { b in
                Picker.Option(value: nil, label: b.help(lang) + "  (" + KeyMap.label(b) + ")", keys: "", action: b.action)
            }
            state.picker = Picker(purpose: .editMenu(taskID: id), title: lang.pick("修改 ", "Change ") + id + " " + t.title, options: options)
        case .pickStatus:
            let options = TaskStatus.allCases.map { Picker.Option(value: $0.rawValue, label: lang.status($0), keys: $0.rawValue) }
            var p = Picker(purpose: .status(taskID: id), title: lang.pick("状态：", "Status: ") + id, options: options)
            p.cursor.selected = TaskStatus.allCases.firstIndex(of: t.status) ?? 0
            state.picker = p
        case .editProgress:
            state.prompt = Prompt(purpose: .progress(taskID: id), title: lang.pick("进度（0–100）：", "Progress (0–100): ") + id, text: String(t.progress))
        case .editDue:
            state.prompt = Prompt(purpose: .due(taskID: id), title: lang.pick("截止日期（YYYY-MM-DD，留空=阶段结束）：", "Due (YYYY-MM-DD, empty = end of phase): ") + id,
                                  text: t.due?.iso ?? "")
        case .addNote:
            state.prompt = Prompt(purpose: .note(taskID: id), title: lang.pick("备注：", "Note: ") + id)
        case .targetUp, .targetDown:
            guard let g = t.target else {
                state.message = lang.pick("这项任务没有量化指标", "This task has no quantified target")
                return []
            }
            let n = max(0, g.achieved + (action == .targetUp ? 1 : -1))
            return n == g.achieved ? [] : [.commit([.setTargetAchieved(taskID: id, n)])]
        case .pickOwners:
            let options = Picker.unitOptions(state.plan.units)
            var p = Picker(purpose: .owners(taskID: id), title: lang.pick("责任单位（空格选择，回车确定）", "Owner units (Space toggles, Enter saves)"),
                           options: options)
            p.chosen = Set(t.ownerUnits)
            state.picker = p
        case .deleteTask:
            state.confirmation = Confirmation(message: lang.pick("删除任务 \(id) “\(t.title)”？(y/N)", "Delete task \(id) “\(t.title)”? (y/N)"),
                                              edits: [.deleteTask(taskID: id)])
        default: break
        }
        return []
    }

    /// Keys while a prompt is open: the line editor, Enter validates and commits, Esc cancels.
    mutating func handlePrompt(_ key: Key) -> [Effect] {
        guard var p = state.prompt else { return [] }
        switch p.editor.handle(key) {
        case .cancel:
            state.prompt = nil
            state.wizard = nil
            return []
        case .commit where p.purpose == .wizard:
            let text = p.editor.text.trimmingCharacters(in: .whitespaces)
            if let problem = state.wizard?.problem(text, state.lang, planYear: state.plan.year) {
                p.error = problem
                state.prompt = p
                return []
            }
            state.prompt = nil
            return answerWizard(text)
        case .commit:
            switch makeEdit(p) {
            case let .success(edits):
                state.prompt = nil
                return edits.isEmpty ? [] : [.commit(edits, seen: p.seen)]
            case let .failure(problem):
                p.error = problem.message
                state.prompt = p
                return []
            }
        default:
            p.error = nil
            state.prompt = p
            return []
        }
    }

    struct InputProblem: Error { var message: String }

    /// Turns a finished prompt into edits, or says what is wrong with the input.
    func makeEdit(_ p: Prompt) -> Result<[PlanEdit], InputProblem> {
        let lang = state.lang
        let text = p.editor.text.trimmingCharacters(in: .whitespaces)
        switch p.purpose {
        case let .progress(id):
            guard let n = Int(text), (0...100).contains(n) else {
                return .failure(InputProblem(message: lang.pick("“\(text)”不是 0–100 的整数", "“\(text)” is not a whole number 0–100")))
            }
            return .success(task(id)?.progress == n ? [] : [.setProgress(taskID: id, n)])
        case let .due(id):
            if text.isEmpty { return .success([.setDue(taskID: id, nil)]) }
            guard let d = Day(iso: text) else {
                return .failure(InputProblem(message: lang.pick("“\(text)”不是有效日期，请按 YYYY-MM-DD 输入，如 2026-10-20",
                                                                "“\(text)” is not a date: use YYYY-MM-DD, e.g. 2026-10-20")))
            }
            return .success([.setDue(taskID: id, d)])
        case let .note(id):
            return text.isEmpty ? .success([]) : .success([.addNote(taskID: id, text)])
        case let .newTask(sectionID, phaseID):
            guard !text.isEmpty else { return .failure(InputProblem(message: lang.pick("任务名称不能为空", "The title must not be empty"))) }
            let number = (state.plan.tasks.filter { $0.sectionID == sectionID }.map(\.number).max() ?? 0) + 1
            var n = number, id = "\(sectionID)-\(number)"
            while state.index.taskPosition[id] != nil { n += 1; id = "\(sectionID)-\(n)" }
            return .success([.addTask(PlanTask(id: id, sectionID: sectionID, number: n, title: text, text: text, phaseID: phaseID))])
        case let .renameUnit(id):
            guard !text.isEmpty else { return .failure(InputProblem(message: lang.pick("单位名称不能为空", "The name must not be empty"))) }
            return .success([.renameUnit(unitID: id, name: text, shortName: nil)])
        case .wizard:
            return .success([])  // answered by `answerWizard` before this is reached
        }
    }

    /// Keys while a confirmation is open: y confirms, anything else cancels.
    mutating func handleConfirmation(_ key: Key) -> [Effect] {
        guard let c = state.confirmation else { return [] }
        state.confirmation = nil
        if key == .char("y") || key == .char("Y") { return c.quits ? [.quit] : [.commit(c.edits)] }
        state.message = state.lang.pick("已取消", "Cancelled")
        return []
    }

    /// Keys while conflicts are shown: the user must choose (mine or theirs); nothing else closes the dialog,
    /// so a value is never dropped by a stray key.
    mutating func handleConflicts(_ key: Key) -> [Effect] {
        switch key {
        case .char("m"):
            let conflicts = state.save.conflicts
            state.save.conflicts = []
            return [.keepMine(conflicts)]
        case .char("t"):
            state.save.conflicts = []
            state.message = state.lang.pick("已保留其他席位的修改", "Kept the other desk's values")
            return []
        default:
            state.message = state.lang.pick("请选择：m 保留我的，t 保留他人的", "Choose: m keeps mine, t keeps theirs")
            return []
        }
    }
}
