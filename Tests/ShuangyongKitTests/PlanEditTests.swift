import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

@Suite("Edits: effect, history line, validation, inverse, undo/redo")
struct PlanEditTests {
    let user = editUser

    @Test func timestampsCarryThePlansOffset() {
        #expect(PlanEdit.timestamp(editClock, in: TimeZone(identifier: "Asia/Shanghai")!) == "2026-07-03T09:15:00+08:00")
        #expect(PlanEdit.timestamp(editClock, in: TimeZone(secondsFromGMT: 0)!) == "2026-07-03T01:15:00+00:00")
        #expect(PlanEdit.timestamp(editClock, in: TimeZone(identifier: "America/New_York")!) == "2026-07-02T21:15:00-04:00")
        #expect(PlanEdit.timestamp(editClock, in: TimeZone(identifier: "Asia/Kolkata")!) == "2026-07-03T06:45:00+05:30")
    }

    /// The local time in a history line, worked out from the zone's offset, is the time Foundation's
    /// Gregorian calendar gives (`DayTests.zonesAndInstants`).
    @Test func timestampIsTheCalendarsLocalTime() {
        let (zones, instants) = DayTests.zonesAndInstants()
        for zone in zones {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = zone
            for seconds in instants where seconds > -62_135_596_800 {  // from year 1 on: no era in the text
                let instant = Date(timeIntervalSince1970: seconds)
                let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
                let local = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
                #expect(PlanEdit.timestamp(instant, in: zone).hasPrefix(local), "\(zone.identifier) \(seconds)")
            }
        }
    }

    @Test func setStatusRecordsOldAndNewWithTimeAndUser() throws {
        let (p, a) = try apply(.setStatus(taskID: "a", .inProgress), to: editPlan())
        #expect(p.tasks[0].status == .inProgress)
        #expect(p.tasks[0].progress == 0)
        let entry = HistoryEntry(at: "2026-07-03T09:15:00+08:00", by: user, change: "状态: 未开始 → 进行中",
                                 changes: [FieldChange(field: .status, id: "a", before: .status(.notStarted), after: .status(.inProgress))])
        #expect(p.tasks[0].history == [entry])
        #expect(a.history == entry)
        #expect(a.line == "a 状态: 未开始 → 进行中")
        #expect(a.inverse == [.setStatus(taskID: "a", .notStarted)])
        #expect(!a.isNoOp)
        // Nothing else changed.
        var rest = p
        rest.tasks[0] = editPlan().tasks[0]
        #expect(rest == editPlan())
    }

    @Test func doneSetsProgressTo100AndSaysSo() throws {
        let (p, a) = try apply(.setStatus(taskID: "d", .done), to: editPlan())
        #expect(p.tasks[3].status == .done)
        #expect(p.tasks[3].progress == 100)
        #expect(a.change == "状态: 未开始 → 已完成（进度 10% → 100%）")
        #expect(a.inverse == [.setStatus(taskID: "d", .notStarted), .setProgress(taskID: "d", 10)])
        // Undoing restores both, with the undo recorded.
        var back = p
        for e in a.inverse { try e.apply(to: &back, by: "李娜", at: editClock, kind: .undo) }
        #expect(back.tasks[3].status == .notStarted)
        #expect(back.tasks[3].progress == 10)
        #expect(back.tasks[3].history.map(\.change) == ["状态: 未开始 → 已完成（进度 10% → 100%）",
                                                         "撤销: 状态: 已完成 → 未开始", "撤销: 进度: 100% → 10%"])
        #expect(back.tasks[3].history.last?.by == "李娜")
    }

    /// The other way round: a done task is at 100% (`PlanValidation`), so a progress below that reopens it.
    @Test func belowAHundredADoneTaskIsInProgressAgain() throws {
        let (p, a) = try apply(.setProgress(taskID: "c", 60), to: editPlan())
        #expect(p.tasks[2].status == .inProgress)
        #expect(p.tasks[2].progress == 60)
        #expect(a.change == "进度: 100% → 60%（状态 已完成 → 进行中）")
        #expect(!PlanValidation.notices(in: p).contains { $0.id == "c" })
        var back = p
        for e in a.inverse { try e.apply(to: &back, by: "李娜", at: editClock, kind: .undo) }
        #expect(back.tasks[2].status == .done)
        #expect(back.tasks[2].progress == 100)
        // At 100% a done task stays done; any other task keeps its status whatever its progress.
        #expect(try apply(.setProgress(taskID: "d", 100), to: editPlan()).0.tasks[3].status == .notStarted)
    }

    @Test func settingTheSameValueIsANoOpWithNothingRecorded() throws {
        let (p, a) = try apply(.setProgress(taskID: "d", 10), to: editPlan())
        #expect(p == editPlan())
        #expect(a.isNoOp)
        #expect(a.history == nil)
        #expect(a.inverse.isEmpty)
        #expect(a.change == "进度: 已是 10%")
        #expect(try apply(.setStatus(taskID: "c", .done), to: editPlan()).1.isNoOp)  // already done at 100%
    }

    @Test func progressIsCheckedAndRecorded() throws {
        let (p, a) = try apply(.setProgress(taskID: "d", 60), to: editPlan())
        #expect(p.tasks[3].progress == 60)
        #expect(a.change == "进度: 10% → 60%")
        #expect(a.inverse == [.setProgress(taskID: "d", 10)])
        #expect(editError(.setProgress(taskID: "d", 101)) == .invalid(id: "d", field: .progress, message: "101 is out of range (allowed: 0–100)"))
        #expect(editError(.setProgress(taskID: "d", -1))?.description == "task d 进度: -1 is out of range (allowed: 0–100)")
    }

    @Test func dueDatesFallBackToThePhaseEnd() throws {
        let (p, a) = try apply(.setDue(taskID: "a", Day(iso: "2026-06-15")), to: editPlan())
        #expect(p.tasks[0].due == Day(iso: "2026-06-15"))
        #expect(a.change == "截止: 阶段末(2026-05-31) → 2026-06-15")
        let (p2, b) = try apply(.setDue(taskID: "d", Day(iso: "2026-10-20")), to: p)
        #expect(b.change == "截止: 2026-08-31 → 2026-10-20")
        let (p3, c) = try apply(.setDue(taskID: "d", nil), to: p2)
        #expect(p3.tasks[3].due == nil)
        #expect(c.change == "截止: 2026-10-20 → 阶段末(2026-09-30)")
        #expect(c.inverse == [.setDue(taskID: "d", Day(iso: "2026-10-20"))])
    }

    @Test func notesAreStampedAndAbbreviatedInTheHistory() throws {
        let long = String(repeating: "长", count: 50) + "\n第二行"
        let (p, a) = try apply(.addNote(taskID: "b", long), to: editPlan())
        let note = TaskNote(at: "2026-07-03T09:15:00+08:00", by: user, text: long)
        #expect(p.tasks[1].notes == [note])
        #expect(a.change == "备注: " + String(repeating: "长", count: 40) + "…")
        #expect(a.inverse == [.removeNote(taskID: "b", note)])
        #expect(try apply(.addNote(taskID: "b", "已电话催办\n答复月底"), to: editPlan()).1.change == "备注: 已电话催办…")
        #expect(editError(.addNote(taskID: "b", "  \n")) == .invalid(id: "b", field: .notes, message: "a note needs some text"))
        // Removing it (the undo) takes exactly that note away and says so.
        let (back, r) = try apply(.removeNote(taskID: "b", note), to: p, kind: .undo)
        #expect(back.tasks[1].notes.isEmpty)
        #expect(back.tasks[1].history.last?.change == "撤销: 删除备注: " + String(repeating: "长", count: 40) + "…")
        #expect(r.inverse == [.addNote(taskID: "b", long)])
    }

    @Test func targetCountsNeedATarget() throws {
        let (p, a) = try apply(.setTargetAchieved(taskID: "d", 1), to: editPlan())
        #expect(p.tasks[3].target?.achieved == 1)
        #expect(a.change == "完成量: 0 → 1 篇")
        #expect(a.inverse == [.setTargetAchieved(taskID: "d", 0)])
        #expect(editError(.setTargetAchieved(taskID: "a", 1))?.description
            == "task a 完成量: this task has no quantified target (完成量指标) to count against")
        #expect(editError(.setTargetAchieved(taskID: "d", -2)) != nil)
    }

    @Test func ownersMustBeKnownUnits() throws {
        let (p, a) = try apply(.setOwners(taskID: "a", ["mzj", "syb"]), to: editPlan())
        #expect(p.tasks[0].ownerUnits == ["mzj", "syb"])
        #expect(a.change == "责任单位: (按分工) → 县民政局、县双拥办")
        #expect(a.inverse == [.setOwners(taskID: "a", [])])
        #expect(editError(.setOwners(taskID: "a", ["mzj", "ghost"])) == .unknownUnit(id: "ghost", task: "a"))
        #expect(editError(.setOwners(taskID: "a", ["ghost"]))?.description.contains("no unit ghost") == true)
        #expect(editError(.setOwners(taskID: "a", ["mzj", "mzj"])) == .invalid(id: "a", field: .owners, message: "a unit is named twice"))
    }

    @Test func unknownTaskErrorsNameTheIdAndTheRange() {
        #expect(editError(.setProgress(taskID: "s9-9", 5)) == .unknownTask(id: "s9-9", first: "a", last: "d"))
        #expect(editError(.setProgress(taskID: "s9-9", 5))?.description == "no task s9-9 (tasks are a … d)")
        var empty = editPlan()
        empty.tasks = []
        #expect(editError(.addNote(taskID: "x", "n"), on: empty)?.description == "no task x (the plan has no tasks)")
        #expect(editError(.renameUnit(unitID: "nope", name: "X", shortName: nil)) == .unknownUnit(id: "nope", task: nil))
    }

    @Test func addedTasksGetTheSectionsNextNumber() throws {
        var plan = editPlan()
        plan.sections.append(Section(id: "s2", number: 2, title: "宣传", leadUnits: [], responsibleUnits: []))
        plan.tasks.append(PlanTask(id: "e", sectionID: "s2", number: 1, title: "其他", text: "", phaseID: "p1"))
        let new = PlanTask(id: "s1-x", sectionID: "s1", number: 0, title: "新增走访", text: "", phaseID: "p2")
        let (p, a) = try apply(.addTask(new), to: plan)
        #expect(p.tasks.map(\.id) == ["a", "b", "c", "d", "s1-x", "e"])
        #expect(p.tasks[4].number == 5)
        #expect(p.tasks[4].history.map(\.change) == ["新增任务: 新增走访"])
        #expect(a.inverse == [.deleteTask(taskID: "s1-x")])
        #expect(PlanValidation.problems(in: p).isEmpty)

        #expect(editError(.addTask(new), on: p) == .invalid(id: "s1-x", field: .task, message: "a task with this id already exists"))
        var bad = new
        bad.sectionID = "s9"
        #expect(editError(.addTask(bad))?.description.contains("unknown section s9") == true)
        bad = new
        bad.phaseID = "p9"
        #expect(editError(.addTask(bad))?.description.contains("unknown phase p9") == true)
        bad = new
        bad.title = " "
        #expect(editError(.addTask(bad)) == .invalid(id: "s1-x", field: .task, message: "a task needs a title"))
        bad = new
        bad.ownerUnits = ["ghost"]
        #expect(editError(.addTask(bad)) == .unknownUnit(id: "ghost", task: "s1-x"))
    }

    @Test func deletingATaskIsUndoneWholeInPlace() throws {
        var plan = editPlan()
        plan.tasks[1].history = [HistoryEntry(at: "2026-06-01T09:00:00+08:00", by: "x", change: "状态: 未开始 → 进行中")]
        let (p, a) = try apply(.deleteTask(taskID: "b"), to: plan)
        #expect(p.tasks.map(\.id) == ["a", "c", "d"])
        // The task and its history are gone (undo brings both back); the plan's own history keeps the deletion.
        #expect(a.history?.change == "b 删除任务: 人社就业" && p.history == [a.history!])
        #expect(a.change == "删除任务: 人社就业")
        #expect(a.inverse == [.restoreTask(plan.tasks[1], at: 1)])
        let (back, _) = try apply(a.inverse[0], to: p, kind: .undo)
        #expect(back.tasks.map(\.id) == ["a", "b", "c", "d"])
        #expect(back.tasks[1].number == 2)
        #expect(back.tasks[1].history.map(\.change) == ["状态: 未开始 → 进行中", "撤销: 恢复任务: 人社就业"])
    }

    @Test func unitsAreRenamedWithTheirShortName() throws {
        let (p, a) = try apply(.renameUnit(unitID: "mzj", name: "县退役军人事务局", shortName: "退役军人局"), to: editPlan())
        #expect(p.units[0].name == "县退役军人事务局")
        #expect(p.units[0].shortName == "退役军人局")
        #expect(a.change == "单位名称: 县民政局 → 县退役军人事务局（简称 退役军人局）")
        #expect(a.history?.change == "mzj 单位名称: 县民政局 → 县退役军人事务局（简称 退役军人局）")  // in the plan's history
        #expect(a.inverse == [.renameUnit(unitID: "mzj", name: "县民政局", shortName: "县民政局")])
        var back = try apply(a.inverse[0], to: p).0
        #expect(back.history.count == 2)  // history only grows
        back.history = []
        #expect(back == editPlan())
        #expect(editError(.renameUnit(unitID: "mzj", name: "", shortName: nil)) == .invalid(id: "mzj", field: .unitName, message: "a unit needs a name"))
    }

    @Test func everyEditKnowsItsTargetAndField() {
        let t = editPlan().tasks[0]
        let cases: [(PlanEdit, String, PlanField, PlanField?)] = [
            (.setStatus(taskID: "a", .done), "a", .status, .status),
            (.setProgress(taskID: "a", 1), "a", .progress, .progress),
            (.setDue(taskID: "a", nil), "a", .due, .due),
            (.addNote(taskID: "a", "x"), "a", .notes, nil),
            (.setTargetAchieved(taskID: "d", 1), "d", .target, .target),
            (.setOwners(taskID: "a", []), "a", .owners, .owners),
            (.addTask(t), "a", .task, .task),
            (.deleteTask(taskID: "a"), "a", .task, .task),
            (.renameUnit(unitID: "mzj", name: "x", shortName: nil), "mzj", .unitName, .unitName),
        ]
        for (edit, id, field, guardField) in cases {
            #expect(edit.targetID == id)
            #expect(edit.field == field)
            #expect(edit.guardField == guardField)
        }
    }

    @Test func sessionUndoAndRedoAreRecordedEdits() throws {
        var plan = editPlan()
        var session = EditSession()
        #expect(!session.canUndo && !session.canRedo)

        // Two user actions.
        let a1 = try PlanEdit.setProgress(taskID: "d", 40).apply(to: &plan, by: user, at: editClock)
        session.record([a1])
        let a2 = try PlanEdit.setStatus(taskID: "a", .inProgress).apply(to: &plan, by: user, at: editClock)
        let a3 = try PlanEdit.addNote(taskID: "a", "启动").apply(to: &plan, by: user, at: editClock)
        session.record([a2, a3])
        #expect(session.undoStack.count == 2)
        #expect(session.undoStack.last?.lines == ["a 状态: 未开始 → 进行中", "a 备注: 启动"])

        // Undo the second: the inverse edits, last first, recorded as "撤销".
        let undo = try #require(session.undoEdits)
        #expect(undo == [.removeNote(taskID: "a", plan.tasks[0].notes[0]), .setStatus(taskID: "a", .notStarted)])
        let undone = try undo.map { try $0.apply(to: &plan, by: user, at: editClock, kind: .undo) }
        session.record(undone)
        #expect(plan.tasks[0].status == .notStarted)
        #expect(plan.tasks[0].notes.isEmpty)
        #expect(plan.tasks[0].history.map(\.change) == ["状态: 未开始 → 进行中", "备注: 启动", "撤销: 删除备注: 启动", "撤销: 状态: 进行中 → 未开始"])
        #expect(session.undoStack.count == 1 && session.redoStack.count == 1)

        // Redo: the original edits again, recorded as "重做", undoable again.
        let redo = try #require(session.redoEdits)
        #expect(redo == [.setStatus(taskID: "a", .inProgress), .addNote(taskID: "a", "启动")])
        let redone = try redo.map { try $0.apply(to: &plan, by: user, at: editClock, kind: .redo) }
        session.record(redone)
        #expect(plan.tasks[0].history.suffix(2).map(\.change) == ["重做: 状态: 未开始 → 进行中", "重做: 备注: 启动"])
        #expect(session.undoStack.count == 2 && !session.canRedo)

        // A new change after an undo clears redo.
        let undone2 = try session.undoEdits!.map { try $0.apply(to: &plan, by: user, at: editClock, kind: .undo) }
        session.record(undone2)
        #expect(session.canRedo)
        session.record([try PlanEdit.setProgress(taskID: "d", 50).apply(to: &plan, by: user, at: editClock)])
        #expect(!session.canRedo)
        #expect(session.undoStack.count == 2)

        // No-ops make no step.
        session.record([try PlanEdit.setProgress(taskID: "d", 50).apply(to: &plan, by: user, at: editClock)])
        #expect(session.undoStack.count == 2)
    }

    @Test func sessionKeepsAtMostItsLimit() throws {
        var plan = editPlan()
        var session = EditSession(limit: 3)
        for p in 1...5 { session.record([try PlanEdit.setProgress(taskID: "d", p).apply(to: &plan, by: user, at: editClock)]) }
        #expect(session.undoStack.count == 3)
        #expect(session.undoEdits == [.setProgress(taskID: "d", 4)])
    }
}
