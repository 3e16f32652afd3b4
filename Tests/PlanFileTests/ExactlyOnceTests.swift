import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// Every change is applied exactly once, whatever retries, queues and replays it goes through; and every
/// message about a save says where the change is now, promising nothing that cannot happen.
@Suite("Changes applied exactly once; save messages say where the change is")
struct ExactlyOnceTests {
    let dir = TempDir()
    let path: String

    init() throws {
        path = dir.file("plan.json")
        try PlanStore.save(editPlan(), to: path)
    }

    /// Another desk's save holding the lock.
    final class HeldLock {
        let fd: Int32
        init(_ lockPath: String) {
            fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
            precondition(fd >= 0 && flock(fd, LOCK_EX) == 0)
        }
        deinit {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    func notes(_ id: String) throws -> [String] { task(id, try PlanStore.load(path)).notes.map(\.text) }

    /// `edit --note` times out on the lock (the change is queued) and is run again, as a person would:
    /// one run ends (its document goes), the next makes the same change. The note is recorded once.
    @Test func aNoteQueuedByATimedOutRunAndRunAgainIsRecordedOnce() throws {
        var held: HeldLock? = HeldLock(path + ".lock")
        do {
            let first = try PlanDocument(path: path, options: .init(lockTimeout: 0.1))
            let error = syncError { _ = try first.commit([.addNote(taskID: "d", "已召开座谈会")], by: "deskB", at: editClock) }
            guard case let .lockTimeout(_, _, _, recovery?, nil)? = error, recovery == path + ".recovery.json" else {
                Issue.record("expected a queued lock timeout, got \(String(describing: error))")
                return
            }
            // Run again while the lock is still held: the change is already queued, so it is not queued again.
            let second = try PlanDocument(path: path, options: .init(lockTimeout: 0.1))
            _ = syncError { _ = try second.commit([.addNote(taskID: "d", "已召开座谈会")], by: "deskB", at: later(1)) }
            #expect(RecoveryFile.read(path + ".recovery.json").records.count == 1)
            #expect(first.unsavedLocation == .recoveryFile(path + ".recovery.json"))
        }
        held = nil
        #expect(held == nil)
        // And once more with the lock free: the queued note is saved, this run's copy of it is not added.
        let third = try PlanDocument(path: path)
        let r = try third.commit([.addNote(taskID: "d", "已召开座谈会")], by: "deskB", at: later(2))
        #expect(try notes("d").filter { $0 == "已召开座谈会" }.count == 1)
        #expect(r.recovered.count == 1 && r.alreadyQueued.count == 1)
        #expect(r.applied.filter { !$0.isNoOp }.map(\.line) == ["d 备注: 已召开座谈会"])
        #expect(!FileManager.default.fileExists(atPath: path + ".recovery.json"))
        #expect(third.unsavedLocation == .none)
        // A new run after that is a new change: the same words may be noted again on purpose.
        try third.commit([.addNote(taskID: "d", "已召开座谈会")], by: "deskB", at: later(3))
        #expect(try notes("d").filter { $0 == "已召开座谈会" }.count == 2)
    }

    /// A desk that changes its mind while the file is broken: two values for one field queued one after the
    /// other by runs that have ended. Once the file is fixed, the next save writes the later one with no
    /// conflict: it was based on the first, not on the file.
    @Test func aFieldQueuedTwiceWhileTheFileIsBrokenEndsWithTheLaterValue() throws {
        let good = try AtomicFile.read(path)
        try AtomicFile.write(Array("{ \"format\": ".utf8), to: path)
        for (k, value) in [90, 85].enumerated() {
            let run = PlanDocument(path: path, base: editPlan())  // as `edit` opens a broken file
            let error = syncError { _ = try run.commit([.setProgress(taskID: "d", value)], by: "王敏", at: later(Double(k))) }
            if case .diskFileInvalid? = error {} else { Issue.record("queued: \(String(describing: error))") }
        }
        try AtomicFile.write(good, to: path)
        let r = try PlanDocument(path: path).commit([.setProgress(taskID: "a", 5)], by: "李娜", at: later(3))
        #expect(r.conflicts.isEmpty, "\(r.conflicts)")
        #expect(task("d", try PlanStore.load(path)).progress == 85)
        #expect(!FileManager.default.fileExists(atPath: path + ".recovery.json"))
    }

    /// The same note queued by a window that is still open (and retries): another run does not add it too.
    @Test func aNoteQueuedByAnOpenWindowIsLeftToThatWindow() throws {
        let window = try PlanDocument(path: path, options: .init(lockTimeout: 0.1))
        do {
            let held = HeldLock(path + ".lock")
            _ = syncError { _ = try window.commit([.addNote(taskID: "d", "已走访")], by: "王敏", at: editClock) }
            _ = held
        }
        let r = try PlanDocument(path: path).commit([.addNote(taskID: "d", "已走访")], by: "王敏", at: later(1))
        #expect(r.alreadyQueued.map(\.edit) == [.addNote(taskID: "d", "已走访")] && r.recovered.isEmpty && !r.saved)
        #expect(try notes("d").contains("已走访") == false)
        try window.retry()
        #expect(try notes("d").filter { $0 == "已走访" }.count == 1)
    }

    /// A save wrote the plan, then its process ended before clearing its queue: replaying the queue changes nothing.
    @Test func replayingAQueueAlreadyWrittenChangesNothing() throws {
        let doc = try PlanDocument(path: path)
        let edits: [PlanEdit] = [.addNote(taskID: "d", "佐证材料已归档"), .setProgress(taskID: "d", 70),
                                 .addTask(PlanTask(id: "n1", sectionID: editPlan().sections[0].id, number: 0, title: "新任务",
                                                   text: "新任务", phaseID: editPlan().phases[0].id))]
        try doc.commit(edits, by: "王敏", at: editClock)
        let written = try AtomicFile.read(path)
        // The queue as the ended process left it (its pid is gone).
        var file = RecoveryFile()
        file.records = edits.map { e in
            RecoveredEdit(pending: PendingEdit(edit: e, kind: .change, by: "王敏", at: editClock, expected: nil),
                          session: "\(RecoveryFile.host):999999:1", host: RecoveryFile.host, pid: 999_999, reason: "test", isStale: true)
        }
        try file.write(to: path + ".recovery.json", plan: path)
        let r = try PlanDocument(path: path).commit([], by: "李强", at: later(5))
        #expect(r.recovered.count == 3 && r.conflicts.isEmpty)
        #expect(r.applied.allSatisfy { $0.isNoOp })
        #expect(try AtomicFile.read(path) == written)
        #expect(!FileManager.default.fileExists(atPath: path + ".recovery.json"))
    }

    @Test func recoveryEntriesCarryTheirChangeID() throws {
        let p = PendingEdit(edit: .addNote(taskID: "d", "甲"), kind: .change, by: "王敏", at: editClock, expected: nil)
        #expect(p.id.count == 16 && p.id != PendingEdit(edit: p.edit, kind: .change, by: "王敏", at: editClock, expected: nil).id)
        let record = RecoveredEdit(pending: p, session: "s", host: "h", pid: 1, reason: "r", isStale: false)
        let back = try #require(RecoveryFile.record(try JSONReader.parse(JSONWriter.bytes(RecoveryFile.encode(record)))))
        #expect(back.pending.id == p.id)
        // An entry written before ids existed gets one from its content, the same at every read.
        guard case var .object(m) = RecoveryFile.encode(record) else { return }
        m.removeAll { $0.0 == "id" }
        let legacy = try #require(RecoveryFile.record(.object(m))), again = try #require(RecoveryFile.record(.object(m)))
        #expect(legacy.pending.id == again.pending.id && legacy.pending.id.hasPrefix("legacy-"))
    }

    // MARK: Messages

    static let recovery = "/plans/plan.json.recovery.json"
    static let errors: [(PlanSyncError, queued: Bool)] = {
        let fileError = PlanFileError.io(file: "/plans/plan.json", operation: "save", reason: "the disk is full")
        let invalid = PlanFileError.syntax(file: "/plans/plan.json", line: 1, column: 1, message: "x")
        var out: [(PlanSyncError, Bool)] = []
        for r in [recovery, nil] as [String?] {
            let problem = r == nil ? "the disk is full" : nil
            out.append((.lockTimeout(file: "/plans/plan.json", lockFile: "/plans/plan.json.lock", seconds: 5, recoveryFile: r, recoveryProblem: problem), r != nil))
            out.append((.lockFailed(lockFile: "/plans/plan.json.lock", reason: "no", recoveryFile: r, recoveryProblem: problem), r != nil))
            out.append((.diskFileInvalid(invalid, recoveryFile: r, recoveryProblem: problem), r != nil))
            out.append((.saveFailed(fileError, recoveryFile: r, recoveryProblem: problem), r != nil))
        }
        return out
    }()

    @Test func aCommandSaysQueuedOrLostNeverBothAndNeverPromisesMemory() {
        for (error, queued) in Self.errors {
            let text = error.explanation(for: .command, in: .english)
            #expect(!text.contains("memory") && !text.contains("try again"), "\(text)")
            if queued {
                #expect(text.contains("queued in \(Self.recovery), will be saved by the next save on this machine"), "\(text)")
                #expect(!text.contains("run again") && !text.contains("lost"), "\(text)")
            } else {
                #expect(text.contains("not saved, run again: the change is lost"), "\(text)")
                #expect(!text.contains("queued") && !text.contains("will be saved"), "\(text)")
            }
            let zh = error.explanation(for: .command, in: .chinese)
            #expect(zh.contains(queued ? "已排队" : "已丢失，请重新运行命令"), "\(zh)")
            // Both: 中文 (English), the line that says where the change is among them.
            let whereLine = zh.split(separator: "\n").first { $0.contains(queued ? "已排队" : "已丢失") }
            #expect(whereLine.map { error.explanation(for: .command).contains($0) } == true, "\(zh)")
        }
        for error in [PlanSyncError.readOnly(file: "/plans/plan.json", reason: "r"),
                      .invalidEdit(.unknownTask(id: "x", first: nil, last: nil))] {
            #expect(error.explanation(for: .command, in: .english).contains("not saved; nothing was changed"))
        }
    }

    @Test func aWindowSaysItKeepsTheChangeAndWhere() {
        for (error, queued) in Self.errors {
            let text = error.explanation(for: .window, in: .english)
            if queued {
                #expect(text.contains("kept in this window and queued in \(Self.recovery)"), "\(text)")
            } else {
                #expect(text.contains("only in this window's memory"), "\(text)")
                #expect(text.contains("lost if the window is closed first"), "\(text)")
            }
            #expect(error.description == error.explanation(for: .window, in: .both))
        }
    }

    @Test func aDocumentKnowsWhetherItsUnsavedChangesAreOnlyInMemory() throws {
        let doc = try PlanDocument(path: path)
        #expect(mkdir(path + ".recovery.lock", 0o755) == 0)  // the recovery file cannot be locked
        doc.fault = .write(errno: ENOSPC)
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }
        guard case .memoryOnly? = Optional(doc.unsavedLocation), case .saveFailed(_, nil, _)? = error else {
            Issue.record("expected memory only, got \(doc.unsavedLocation), \(String(describing: error))")
            return
        }
        #expect(error!.description.contains("only in this window's memory"))
        rmdir(path + ".recovery.lock")
        doc.fault = nil
        try doc.retry()
        #expect(doc.unsavedLocation == .none)
        #expect(task("d", try PlanStore.load(path)).progress == 60)
    }
}
