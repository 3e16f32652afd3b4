import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

@Suite("Saving changes: lock, merge, conflicts, read-only, full disk, invalid file, recovery")
struct PlanSyncTests {
    let dir = TempDir()
    let path: String

    init() throws {
        path = dir.file("plan.json")
        try PlanStore.save(editPlan(), to: path)
    }

    func bytes() throws -> [UInt8] { try AtomicFile.read(path) }
    func onDisk() throws -> Plan { try PlanStore.load(path) }

    @Test func aCommitIsSavedAtOnceWithItsHistoryAndABackup() throws {
        let before = try bytes()
        let doc = try PlanDocument(path: path)
        let r = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock)
        #expect(r.saved && !r.merged && r.conflicts.isEmpty)
        #expect(r.applied.map(\.line) == ["d 进度: 10% → 60%"])
        let disk = try onDisk()
        #expect(task("d", disk).progress == 60)
        #expect(task("d", disk).history == [HistoryEntry(at: "2026-07-03T09:15:00+08:00", by: "王敏", change: "进度: 10% → 60%",
                                                     changes: [FieldChange(field: .progress, id: "d", before: .progress(10), after: .progress(60))])])
        #expect(try AtomicFile.read(PlanStore.backupPath(for: path)) == before)
        #expect(doc.base == disk && doc.plan == disk && doc.pending.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: doc.recoveryPath))
    }

    @Test func changesToDifferentTasksFromTwoDesksBothSurvive() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.setProgress(taskID: "d", 60)], by: "甲", at: editClock)
        let r = try b.commit([.setStatus(taskID: "a", .inProgress)], by: "乙", at: later(1))
        #expect(r.merged && r.saved && r.conflicts.isEmpty)
        let disk = try onDisk()
        #expect(task("d", disk).progress == 60)
        #expect(task("a", disk).status == .inProgress)
        #expect(b.plan == disk)  // b now shows a's change too
    }

    @Test func differentFieldsOfOneTaskBothSurvive() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.setProgress(taskID: "d", 60)], by: "甲", at: editClock)
        let r = try b.commit([.setDue(taskID: "d", Day(iso: "2026-10-20"))], by: "乙", at: later(1))
        #expect(r.conflicts.isEmpty)
        let d = task("d", try onDisk())
        #expect(d.progress == 60 && d.due == Day(iso: "2026-10-20"))
        #expect(d.history.map(\.by) == ["甲", "乙"])
    }

    @Test func theSameFieldIsAConflictAndNoValueIsLost() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.setProgress(taskID: "d", 30)], by: "甲", at: editClock)
        let afterA = try bytes()
        // b changes the same field and, in the same commit, another task: that part is saved.
        let r = try b.commit([.setProgress(taskID: "d", 60), .addNote(taskID: "b", "已对接")], by: "乙", at: later(1))
        #expect(r.conflicts.count == 1)
        let c = try #require(r.conflicts.first)
        #expect(c.id == "d" && c.field == .progress)
        #expect((c.base, c.disk, c.ours) == ("10%", "30%", "60%"))
        #expect(c.diskValue == .progress(30))
        #expect(c.edit == .setProgress(taskID: "d", 60))
        #expect(c.description.contains("30%") && c.description.contains("60%"))
        #expect(r.applied.map(\.line) == ["b 备注: 已对接"])
        let disk = try onDisk()
        #expect(task("d", disk).progress == 30)  // theirs stays on disk, ours is in the conflict
        #expect(task("b", disk).notes.map(\.text) == ["已对接"])
        #expect(afterA != (try bytes()))
        #expect(task("d", b.plan).progress == 30)  // b now shows what is on disk

        // Keeping theirs writes nothing; keeping ours commits it over theirs, recorded as b's.
        let theirs = try b.resolve(r.conflicts) { _ in .theirs }
        #expect(!theirs.saved && theirs.applied.isEmpty)
        #expect(c.resolve(keep: .theirs).isEmpty && c.resolve(keep: .ours) == [.setProgress(taskID: "d", 60)])
        let ours = try b.resolve(r.conflicts) { _ in .ours }
        #expect(ours.conflicts.isEmpty && ours.saved)
        let d = task("d", try onDisk())
        #expect(d.progress == 60)
        #expect(d.history.map(\.change) == ["进度: 10% → 30%", "进度: 30% → 60%"])
        #expect(d.history.last?.by == "乙")
    }

    @Test func bothDesksSettingTheSameValueIsNoConflict() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.setStatus(taskID: "a", .inProgress)], by: "甲", at: editClock)
        let r = try b.commit([.setStatus(taskID: "a", .inProgress)], by: "乙", at: later(1))
        #expect(r.conflicts.isEmpty && !r.saved)
        #expect(r.applied.first?.isNoOp == true)
        #expect(task("a", try onDisk()).history.count == 1)
    }

    @Test func notesAddedOnBothDesksAreBothKept() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.addNote(taskID: "b", "甲的备注")], by: "甲", at: editClock)
        try b.commit([.addNote(taskID: "b", "乙的备注")], by: "乙", at: later(1))
        let t = task("b", try onDisk())
        #expect(t.notes.map(\.text) == ["甲的备注", "乙的备注"])
        #expect(t.history.map(\.change) == ["备注: 甲的备注", "备注: 乙的备注"])
    }

    @Test func deletedOnOneDeskAndEditedOnTheOtherIsAConflict() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.deleteTask(taskID: "b")], by: "甲", at: editClock)
        let r = try b.commit([.setProgress(taskID: "b", 50)], by: "乙", at: later(1))
        #expect(r.conflicts.map(\.disk) == ["(任务已删除)"])
        #expect(r.conflicts.first?.ours == "50%")
        #expect(!(try onDisk()).tasks.contains { $0.id == "b" })

        // The other way round: edited there, deleted here.
        let c = try PlanDocument(path: path), d = try PlanDocument(path: path)
        try c.commit([.setProgress(taskID: "d", 70)], by: "丙", at: later(2))
        let r2 = try d.commit([.deleteTask(taskID: "d")], by: "丁", at: later(3))
        #expect(r2.conflicts.count == 1)
        #expect(r2.conflicts[0].field == .task)
        #expect(r2.conflicts[0].disk.contains("已被另一处修改") && r2.conflicts[0].disk.contains("进度: 10% → 70%"))
        #expect(r2.conflicts[0].ours == "删除此任务")
        #expect(task("d", try onDisk()).progress == 70)
    }

    @Test func tasksAddedOnEitherDeskSurvive() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.addTask(PlanTask(id: "n1", sectionID: "s1", number: 0, title: "甲新增", text: "", phaseID: "p2"))], by: "甲", at: editClock)
        let r = try b.commit([.addTask(PlanTask(id: "n2", sectionID: "s1", number: 0, title: "乙新增", text: "", phaseID: "p2"))], by: "乙", at: later(1))
        #expect(r.conflicts.isEmpty)
        let disk = try onDisk()
        #expect(disk.tasks.map(\.id) == ["a", "b", "c", "d", "n1", "n2"])
        #expect(disk.tasks.map(\.number) == [1, 2, 3, 4, 5, 6])
        // The same new id on both desks is a conflict.
        let c = try PlanDocument(path: path), d = try PlanDocument(path: path)
        try c.commit([.addTask(PlanTask(id: "n3", sectionID: "s1", number: 0, title: "丙", text: "", phaseID: "p2"))], by: "丙", at: later(2))
        let r2 = try d.commit([.addTask(PlanTask(id: "n3", sectionID: "s1", number: 0, title: "丁", text: "", phaseID: "p2"))], by: "丁", at: later(3))
        #expect(r2.conflicts.map { [$0.base, $0.disk, $0.ours] } == [["(无)", "「丙」", "「丁」"]])
    }

    @Test func anInvalidFileOnDiskIsNotOverwrittenAndTheChangeIsKept() throws {
        let doc = try PlanDocument(path: path)
        let broken = Array(#"{"format": "shuangyong-plan", "version": 1, "title": "#.utf8)
        try AtomicFile.write(broken, to: path)
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }
        guard case let .diskFileInvalid(fileError, recovery, _)? = error else {
            Issue.record("expected diskFileInvalid, got \(String(describing: error))")
            return
        }
        #expect(try bytes() == broken)
        #expect(recovery == path + ".recovery.json")
        #expect(fileError.description.hasPrefix(path + ":1:"))
        let message = error!.description
        #expect(message.contains("not a valid plan, so it was not overwritten"))
        #expect(message.contains(path + ".recovery.json"))
        // Kept in memory (shown) and in the recovery file beside the plan, with who and when.
        #expect(doc.pending.map(\.edit) == [.setProgress(taskID: "d", 60)])
        #expect(task("d", doc.plan).progress == 60)
        let other = try? PlanDocument(path: path)
        #expect(other == nil)
        let kept = RecoveryFile.read(path + ".recovery.json").records
        #expect(kept.map(\.pending) == [PendingEdit(edit: .setProgress(taskID: "d", 60), kind: .change, by: "王敏",
                                                    at: editClock, expected: .progress(10), id: doc.pending[0].id)])
        #expect(kept.first?.isStale == false)  // its document is open: it will retry itself
        #expect(kept.first?.reason.contains("invalid") == true)

        // Once the file is valid again (another desk changed a different task meanwhile), a retry saves it.
        var fixed = editPlan()
        fixed.tasks[0].status = .inProgress
        try PlanStore.save(fixed, to: path)
        let r = try doc.retry()
        #expect(r.saved && r.merged && r.applied.map(\.line) == ["d 进度: 10% → 60%"])
        let disk = try onDisk()
        #expect(task("d", disk).progress == 60 && task("a", disk).status == .inProgress)
        #expect(doc.pending.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + ".recovery.json"))
    }

    @Test func aClosedSessionsRecoveryIsSavedByTheNextCommit() throws {
        do {
            let doc = try PlanDocument(path: path)
            try AtomicFile.write(Array("not json".utf8), to: path)
            #expect(syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) } != nil)
        }  // the document is gone; its change is only in the recovery file now
        try PlanStore.save(editPlan(), to: path)
        let next = try PlanDocument(path: path)
        #expect(next.pendingRecovery().map(\.isStale) == [true])
        let r = try next.commit([.addNote(taskID: "a", "新的")], by: "李娜", at: later(5))
        #expect(r.recovered.map(\.edit) == [.setProgress(taskID: "d", 60)])
        let disk = try onDisk()
        #expect(task("d", disk).progress == 60)
        #expect(task("d", disk).history.last == HistoryEntry(at: "2026-07-03T09:15:00+08:00", by: "王敏", change: "进度: 10% → 60%",
                                                     changes: [FieldChange(field: .progress, id: "d", before: .progress(10), after: .progress(60))]))
        #expect(task("a", disk).notes.map(\.text) == ["新的"])
        #expect(!FileManager.default.fileExists(atPath: next.recoveryPath))
    }

    @Test func aReadOnlyFileOpensViewOnly() throws {
        let before = try bytes()
        let doc = try PlanDocument(path: path, options: .init(readOnly: true))
        #expect(doc.isReadOnly)
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }
        #expect(error == .readOnly(file: path, reason: "opened view-only"))
        #expect(error?.explanation(for: .window, in: .english) == "\(path) is read-only (opened view-only): it is open view-only and nothing was changed.")
        #expect(try bytes() == before)
        #expect(doc.pending.isEmpty)

        // Permissions: a file without write permission is view-only even for root.
        chmod(path, 0o444)
        defer { chmod(path, 0o644) }
        let ro = try PlanDocument(path: path)
        #expect(ro.isReadOnly)
        #expect(ro.readOnlyReason != nil)
        guard case .readOnly? = syncError({ _ = try ro.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }) else {
            Issue.record("a read-only file was not refused")
            return
        }
        #expect(try bytes() == before)
        chmod(path, 0o644)
        ro.refreshReadOnly()
        #expect(!ro.isReadOnly)
    }

    @Test func aFullDiskLeavesTheFileAndKeepsTheChangeForRetry() throws {
        let before = try bytes()
        let doc = try PlanDocument(path: path, options: .init(fault: .write(errno: ENOSPC)))
        let error = syncError { _ = try doc.commit([.setStatus(taskID: "a", .inProgress)], by: "王敏", at: editClock) }
        guard case let .saveFailed(fileError, recovery, _)? = error else {
            Issue.record("expected saveFailed, got \(String(describing: error))")
            return
        }
        #expect(fileError.description == "\(path): cannot save: the disk is full (no space left on device); the plan on disk was not changed")
        #expect(error!.description.contains("kept in this window and queued in \(path).recovery.json"))
        #expect(recovery == doc.recoveryPath)
        #expect(try bytes() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
        #expect(doc.pending.count == 1)
        #expect(task("a", doc.plan).status == .inProgress)

        // Space again: the retry saves it with its original time, and a new change after it.
        doc.fault = nil
        let r = try doc.commit([.setProgress(taskID: "a", 20)], by: "王敏", at: later(10))
        #expect(r.applied.map(\.line) == ["a 状态: 未开始 → 进行中", "a 进度: 0% → 20%"])
        let t = task("a", try onDisk())
        #expect(t.history.map(\.at) == ["2026-07-03T09:15:00+08:00", "2026-07-03T09:25:00+08:00"])
        #expect(doc.pending.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: doc.recoveryPath))
    }

    @Test func aHeldLockTimesOutClearlyAndTheChangeIsKept() throws {
        let doc = try PlanDocument(path: path, options: .init(lockTimeout: 0.3))
        let fd = open(doc.lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        let start = Date()
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }
        #expect(Date().timeIntervalSince(start) >= 0.3)
        #expect(error == .lockTimeout(file: path, lockFile: path + ".lock", seconds: 0.3, recoveryFile: path + ".recovery.json", recoveryProblem: nil))
        #expect(error?.description.hasPrefix("另一席位正在保存 \(path)") == true)
        #expect(error?.description.contains("(another desk is saving \(path)") == true)
        // It is queued: nothing tells the user to do it again (doing so must not record it twice).
        #expect(error?.description.contains("try again") == false)
        #expect(task("d", try onDisk()).progress == 10)
        #expect(doc.pending.count == 1)
        flock(fd, LOCK_UN)
        close(fd)
        try doc.retry()
        #expect(task("d", try onDisk()).progress == 60)
    }

    @Test func aCommitWaitsForAnotherDesksSaveToFinish() throws {
        let doc = try PlanDocument(path: path)
        let fd = open(doc.lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(fd, LOCK_EX) == 0)
        Thread.detachNewThread {
            usleep(300_000)
            flock(fd, LOCK_UN)
            close(fd)
        }
        let start = Date()
        let r = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock)
        #expect(Date().timeIntervalSince(start) >= 0.25)
        #expect(r.saved)
        #expect(task("d", try onDisk()).progress == 60)
    }

    @Test func reloadSeesOnlyRealChanges() throws {
        let doc = try PlanDocument(path: path)
        #expect(try doc.reloadIfChanged() == nil)
        // The same bytes written again (new inode and time): not a change.
        try AtomicFile.write(try bytes(), to: path)
        #expect(try doc.reloadIfChanged() == nil)
        let other = try PlanDocument(path: path)
        try other.commit([.setProgress(taskID: "d", 60)], by: "甲", at: editClock)
        let fresh = try #require(try doc.reloadIfChanged())
        #expect(task("d", fresh).progress == 60)
        #expect(doc.plan == fresh && doc.base == fresh)
        #expect(try doc.reloadIfChanged() == nil)
        // Its own save is not "a change by someone else".
        try doc.commit([.setProgress(taskID: "d", 70)], by: "乙", at: later(1))
        #expect(try doc.reloadIfChanged() == nil)
        try AtomicFile.write(Array("{".utf8), to: path)
        #expect(throws: PlanFileError.self) { try doc.reloadIfChanged() }
        #expect(task("d", doc.plan).progress == 70)
    }

    @Test func undoAndRedoAreSavedAndRecorded() throws {
        let doc = try PlanDocument(path: path)
        var session = EditSession()
        session.record(try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock).applied)
        #expect(try doc.undo(&session, by: "王敏", at: later(1)) != nil)
        #expect(task("d", try onDisk()).progress == 10)
        #expect(try doc.redo(&session, by: "王敏", at: later(2)) != nil)
        let d = task("d", try onDisk())
        #expect(d.progress == 60)
        #expect(d.history.map(\.change) == ["进度: 10% → 60%", "撤销: 进度: 60% → 10%", "重做: 进度: 10% → 60%"])
        #expect(session.canUndo && !session.canRedo)
        #expect(try doc.redo(&session, by: "王敏", at: later(3)) == nil)
    }

    @Test func undoOfAFieldAnotherDeskChangedSinceIsAConflict() throws {
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        var session = EditSession()
        session.record(try a.commit([.setProgress(taskID: "d", 60)], by: "甲", at: editClock).applied)
        _ = try b.reloadIfChanged()
        try b.commit([.setProgress(taskID: "d", 80)], by: "乙", at: later(1))
        let r = try #require(try a.undo(&session, by: "甲", at: later(2)))
        #expect(r.conflicts.map { [$0.base, $0.disk, $0.ours] } == [["60%", "80%", "10%"]])
        #expect(task("d", try onDisk()).progress == 80)
        #expect(session.canUndo)  // nothing was undone
    }

    @Test func aDocumentBasedOnAnEarlierCopyReportsWhatChangedSince() throws {
        let earlier = try onDisk()
        try PlanDocument(path: path).commit([.setProgress(taskID: "d", 30), .addNote(taskID: "a", "x")], by: "甲", at: editClock)
        let doc = PlanDocument(path: path, base: earlier)
        let r = try doc.commit([.setProgress(taskID: "d", 60), .setProgress(taskID: "b", 5)], by: "乙", at: later(1))
        #expect(r.conflicts.map(\.id) == ["d"])
        let disk = try onDisk()
        #expect(task("d", disk).progress == 30 && task("b", disk).progress == 5 && task("a", disk).notes.count == 1)
    }

    @Test func invalidEditsAreRefusedBeforeAnythingIsTouched() throws {
        let before = try bytes()
        let doc = try PlanDocument(path: path)
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 50), .setProgress(taskID: "zz", 5)], by: "王敏", at: editClock) }
        #expect(error == .invalidEdit(.unknownTask(id: "zz", first: "a", last: "d")))
        #expect(try bytes() == before)
        #expect(doc.pending.isEmpty && doc.plan == editPlan())
    }

    @Test func staleTemporaryFilesOfKilledSavesAreCleanedUp() throws {
        let dead = dir.write(".plan.json.tmp-999999999-1", "half")
        let mine = dir.write(".plan.json.tmp-\(getpid())-2", "in progress")
        let doc = try PlanDocument(path: path)
        try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: mine))  // a live process's, and recent
    }

    @Test func recoveryRecordsRoundTripEveryEdit() throws {
        let t = editPlan().tasks[3]
        let edits: [(PlanEdit, FieldValue?)] = [
            (.setStatus(taskID: "a", .blocked), .status(.notStarted)), (.setProgress(taskID: "a", 5), .progress(0)),
            (.setDue(taskID: "a", nil), .due(Day(iso: "2026-01-02"))), (.setDue(taskID: "a", Day(iso: "2026-03-04")), .due(nil)),
            (.addNote(taskID: "a", "引号\"与\n换行"), nil), (.removeNote(taskID: "a", TaskNote(at: "t", by: "b", text: "x")), nil),
            (.setTargetAchieved(taskID: "d", 2), .achieved(1)), (.setOwners(taskID: "a", ["mzj", "syb"]), .owners([])),
            (.addTask(t), nil), (.restoreTask(t, at: 3), nil), (.deleteTask(taskID: "d"), .task(t)),
            (.renameUnit(unitID: "mzj", name: "甲", shortName: nil), .unitName(name: "乙", short: "丙")),
            (.renameUnit(unitID: "mzj", name: "甲", shortName: "短"), nil),
        ]
        for (edit, expected) in edits {
            let pending = PendingEdit(edit: edit, kind: .undo, by: "王敏", at: editClock, expected: expected)
            let record = RecoveredEdit(pending: pending, session: "h:1:2", host: "h", pid: 1, reason: "r", isStale: false)
            let back = RecoveryFile.record(try JSONReader.parse(JSONWriter.bytes(RecoveryFile.encode(record))))
            #expect(back?.pending == pending, "\(edit)")
        }
        // Fractions of a second survive to well under a millisecond (history lines show whole seconds).
        let precise = PendingEdit(edit: .setProgress(taskID: "a", 1), kind: .change, by: "x", at: editClock.addingTimeInterval(0.123), expected: nil)
        let encoded = RecoveryFile.encode(RecoveredEdit(pending: precise, session: "s", host: "h", pid: 1, reason: "", isStale: false))
        let back = try #require(RecoveryFile.record(try JSONReader.parse(JSONWriter.bytes(encoded))))
        #expect(abs(back.pending.at.timeIntervalSince(precise.at)) < 0.001)
    }

    @Test func theUserIsTheExplicitNameElseTheEnvironmentElseTheLogin() {
        #expect(EditUser.resolve(explicit: "王敏", environment: ["SHUANGYONG_USER": "李娜"]) == "王敏")
        #expect(EditUser.resolve(explicit: " ", environment: ["SHUANGYONG_USER": "李娜"]) == "李娜")
        let os = EditUser.resolve(environment: [:])
        #expect(!os.isEmpty && os != "unknown")
        // The process's own variables, read one by one, give what its whole environment gives.
        #expect(EditUser.resolve() == EditUser.resolve(environment: ProcessInfo.processInfo.environment))
        #expect(EditUser.resolve(explicit: "王敏") == "王敏")
    }
}
