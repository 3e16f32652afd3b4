import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// The save path's edge cases: a busy or unusable lock, plans opened through symbolic links, edits
/// taken over from another session's recovery file, and the file's group on a shared folder.
@Suite("Saving: busy lock, symbolic links, recovered edits, ownership")
struct SaveSafetyTests {
    let dir = TempDir()
    let path: String

    init() throws {
        path = dir.file("plan.json")
        try PlanStore.save(editPlan(), to: path)
    }

    func onDisk() throws -> Plan { try PlanStore.load(path) }
    func exists(_ file: String) -> Bool { FileManager.default.fileExists(atPath: file) }

    /// Holds the flock a save takes on `lockPath` until `release()`, as another desk's save would.
    final class HeldLock {
        let fd: Int32
        init(_ lockPath: String) {
            fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
            precondition(fd >= 0 && flock(fd, LOCK_EX) == 0)
        }
        func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    // MARK: A busy or unusable lock

    @Test func aLockTimeoutKeepsTheChangeInTheRecoveryFileAndARetrySavesIt() throws {
        let doc = try PlanDocument(path: path, options: .init(lockTimeout: 0.2))
        let held = HeldLock(doc.lockPath)
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }
        #expect(error == .lockTimeout(file: path, lockFile: path + ".lock", seconds: 0.2,
                                      recoveryFile: path + ".recovery.json", recoveryProblem: nil))
        #expect(error?.description.contains("kept in this window and queued in \(path).recovery.json") == true)
        #expect(doc.pending.map(\.edit) == [.setProgress(taskID: "d", 60)])
        // Kept on disk, not only in this process.
        let kept = RecoveryFile.read(doc.recoveryPath).records
        #expect(kept.map(\.pending) == [PendingEdit(edit: .setProgress(taskID: "d", 60), kind: .change, by: "王敏",
                                                    at: editClock, expected: .progress(10), id: doc.pending[0].id)])
        #expect(kept.first?.session == doc.session && kept.first?.isStale == false)
        #expect(kept.first?.reason.contains("save lock") == true)

        // The periodic retry while the lock is still busy: the same error, still one entry; a shorter wait when asked.
        let again = syncError { _ = try doc.retry(lockTimeout: 0.05) }
        #expect(again == .lockTimeout(file: path, lockFile: path + ".lock", seconds: 0.05,
                                      recoveryFile: path + ".recovery.json", recoveryProblem: nil))
        #expect(RecoveryFile.read(doc.recoveryPath).records.count == 1)
        #expect(task("d", try onDisk()).progress == 10)

        // The lock is free: the retry (no new edit) saves the change and clears its recovery entry.
        held.release()
        let r = try doc.retry()
        #expect(r.saved && r.applied.map(\.line) == ["d 进度: 10% → 60%"])
        #expect(task("d", try onDisk()).progress == 60)
        #expect(doc.pending.isEmpty)
        #expect(!exists(doc.recoveryPath))
        // Nothing left to do: a retry returns at once.
        let idle = try doc.retry()
        #expect(!idle.saved && idle.applied.isEmpty)
    }

    @Test func aChangeThatMetABusyLockSurvivesItsProcess() throws {
        let held = HeldLock(path + ".lock")
        do {
            let doc = try PlanDocument(path: path, options: .init(lockTimeout: 0.1))
            #expect(syncError { _ = try doc.commit([.addNote(taskID: "b", "已对接")], by: "王敏", at: editClock) } != nil)
        }  // the document (as if its process) is gone before any retry
        held.release()
        let next = try PlanDocument(path: path)
        #expect(next.pendingRecovery().map(\.isStale) == [true])
        let r = try next.commit([.setProgress(taskID: "a", 10)], by: "李娜", at: later(5))
        #expect(r.recovered.map(\.edit) == [.addNote(taskID: "b", "已对接")])
        let disk = try onDisk()
        #expect(task("b", disk).notes.map(\.text) == ["已对接"])
        #expect(task("b", disk).notes.first?.by == "王敏")
        #expect(!exists(next.recoveryPath))
    }

    @Test func aLockFileThatCannotBeOpenedKeepsTheChangeInTheRecoveryFile() throws {
        // A directory where the lock file should be: open() fails whoever runs the test (root included).
        #expect(mkdir(path + ".lock", 0o755) == 0)
        let doc = try PlanDocument(path: path)
        let error = syncError { _ = try doc.commit([.setStatus(taskID: "a", .inProgress)], by: "王敏", at: editClock) }
        guard case let .lockFailed(lockFile, _, recovery, nil)? = error else {
            Issue.record("expected lockFailed, got \(String(describing: error))")
            return
        }
        #expect(lockFile == path + ".lock" && recovery == path + ".recovery.json")
        #expect(error!.description.contains("kept in this window and queued in \(path).recovery.json"))
        #expect(RecoveryFile.read(doc.recoveryPath).records.map(\.pending.edit) == [.setStatus(taskID: "a", .inProgress)])
        rmdir(path + ".lock")
        #expect(try doc.retry().saved)
        #expect(task("a", try onDisk()).status == .inProgress)
        #expect(!exists(doc.recoveryPath))
    }

    @Test func sessionsRewriteOnlyTheirOwnRecoveryEntries() throws {
        let full = try PlanDocument(path: path, options: .init(fault: .write(errno: ENOSPC)))
        let busy = try PlanDocument(path: path, options: .init(lockTimeout: 0.1))
        #expect(syncError { _ = try full.commit([.setProgress(taskID: "a", 30)], by: "甲", at: editClock) } != nil)
        let held = HeldLock(path + ".lock")
        #expect(syncError { _ = try busy.commit([.setProgress(taskID: "b", 40)], by: "乙", at: later(1)) } != nil)
        held.release()
        #expect(Set(RecoveryFile.read(full.recoveryPath).records.map(\.session)) == [full.session, busy.session])

        full.fault = nil
        #expect(try full.retry().saved)
        #expect(RecoveryFile.read(full.recoveryPath).records.map(\.session) == [busy.session])  // the other desk's stays
        #expect(try busy.retry().saved)
        #expect(!exists(full.recoveryPath))
        let disk = try onDisk()
        #expect(task("a", disk).progress == 30 && task("b", disk).progress == 40)
    }

    // MARK: Symbolic links

    func isSymlink(_ p: String) -> Bool {
        var st = stat()
        return lstat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    func realPath(_ p: String) -> String {
        guard let r = realpath(p, nil) else { return p }
        defer { free(r) }
        return String(cString: r)
    }

    @Test func aPlanOpenedThroughASymbolicLinkIsSavedToTheFileItNames() throws {
        let elsewhere = TempDir()
        let link = elsewhere.file("link.json")
        #expect(symlink(path, link) == 0)
        let real = realPath(path)
        let doc = try PlanDocument(path: link)
        #expect(doc.path == link && doc.filePath == real)
        #expect(doc.lockPath == real + ".lock" && doc.recoveryPath == real + ".recovery.json")

        // The same lock as a desk that opened the file itself.
        let held = HeldLock(path + ".lock")
        doc.options.lockTimeout = 0.1
        guard case .lockTimeout? = syncError({ _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }) else {
            Issue.record("a save through the link did not wait for the plan's lock")
            return
        }
        held.release()
        let r = try doc.retry()
        #expect(r.saved)

        #expect(isSymlink(link))
        #expect(task("d", try onDisk()).progress == 60)
        #expect(try PlanStore.load(link) == (try onDisk()))
        #expect(exists(real + ".bak"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["link.json"])

        // A document judged against an earlier copy, and a plain save, through the link too.
        let based = PlanDocument(path: link, base: editPlan())
        #expect(based.filePath == real)
        #expect(try based.commit([.setProgress(taskID: "b", 5)], by: "李娜", at: later(1)).saved)
        #expect(isSymlink(link))
        #expect(task("b", try onDisk()).progress == 5)
        try PlanStore.save(editPlan(), to: link)
        #expect(isSymlink(link))
        #expect(try onDisk() == editPlan())
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["link.json"])
    }

    // MARK: Edits taken over from an ended session

    @Test func recoveredEditsAreNotThisSessionsToUndo() throws {
        do {
            let gone = try PlanDocument(path: path, options: .init(fault: .write(errno: ENOSPC)))
            #expect(syncError { _ = try gone.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) } != nil)
        }
        let doc = try PlanDocument(path: path)
        var session = EditSession()
        let r = try doc.commit([.setStatus(taskID: "a", .inProgress)], by: "李娜", at: later(5))
        #expect(r.recovered.map(\.edit) == [.setProgress(taskID: "d", 60)])
        #expect(r.applied.map(\.isRecovered) == [true, false])
        session.record(r.applied)
        #expect(session.undoStack.map(\.lines) == [["a 状态: 未开始 → 进行中"]])

        // Undo takes back 李娜's change only; 王敏's stays.
        #expect(try doc.undo(&session, by: "李娜", at: later(6)) != nil)
        let disk = try onDisk()
        #expect(task("a", disk).status == .notStarted)
        #expect(task("d", disk).progress == 60)
        #expect(!session.canUndo && session.canRedo)
    }

    @Test func aRecoveredUndoDoesNotTakeThisSessionsStep() throws {
        let doc = try PlanDocument(path: path)
        var session = EditSession()
        session.record(try doc.commit([.setProgress(taskID: "a", 20)], by: "李娜", at: editClock).applied)
        // An ended session (same machine, process gone) left an undo of its own in the recovery file.
        let dead: Int32 = 999_999_999
        var file = RecoveryFile()
        file.records = [RecoveredEdit(pending: PendingEdit(edit: .setProgress(taskID: "d", 0), kind: .undo, by: "王敏",
                                                           at: later(1), expected: .progress(10)),
                                      session: "\(RecoveryFile.host):\(dead):1", host: RecoveryFile.host, pid: dead,
                                      reason: "test", isStale: true)]
        try file.write(to: doc.recoveryPath, plan: path)
        #expect(doc.pendingRecovery().map(\.isStale) == [true])

        let r = try doc.commit([.addNote(taskID: "b", "新的")], by: "李娜", at: later(2))
        #expect(r.recovered.count == 1 && r.applied.first?.isRecovered == true && r.applied.first?.kind == .undo)
        session.record(r.applied)
        #expect(session.undoStack.map(\.lines) == [["a 进度: 0% → 20%"], ["b 备注: 新的"]])
        #expect(!session.canRedo)
        #expect(task("d", try onDisk()).progress == 0)
    }

    // MARK: Ownership

    func mode(_ p: String) -> mode_t {
        var st = stat()
        return stat(p, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    /// Every file a save creates beside the plan — lock, recovery lock, recovery file, backup (a link, or
    /// a copy where links fail) — takes the plan's read/write bits and group whatever the umask, so the
    /// other users of a shared plan can use it; a lock file left with the umask's bits is mended.
    @Test func everyFileBesideThePlanIsAsUsableAsThePlan() throws {
        chmod(path, 0o660)  // neither what a umask of 022 nor of 002 gives
        let old = open(path + ".lock", O_RDWR | O_CREAT, 0o600)
        close(old)
        let doc = try PlanDocument(path: path, options: .init(lockTimeout: 0.2))
        let good = try AtomicFile.read(path)
        try AtomicFile.write(Array("{\"format\": ".utf8), to: path)
        #expect(mode(path) == 0o660)
        let error = syncError { _ = try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock) }
        #expect(error?.description.contains(doc.recoveryPath) == true)
        for file in [doc.lockPath, doc.recoveryLockPath, doc.recoveryPath] {
            #expect(mode(file) == 0o660, "\(file)")
            #expect(owner(file).gid == owner(path).gid, "\(file)")
        }
        try AtomicFile.write(good, to: path)
        #expect(try doc.retry(lockTimeout: 0.2).saved)
        #expect(mode(path) == 0o660 && mode(path + ".bak") == 0o660)
        #expect(!exists(doc.recoveryPath))
        // The backup's fallback where hard links fail: a copy made like the plan.
        try AtomicFile.write(good, to: dir.file("copy.bak"), companionOf: path)
        #expect(mode(dir.file("copy.bak")) == 0o660)
    }

    /// A new file in a shared folder (setgid, group-writable) is group-writable whatever the umask; in
    /// any other folder it gets the umask's bits, as a file any program creates there.
    @Test func aNewPlanInASharedFolderIsGroupWritable() throws {
        let shared = dir.file("shared"), plain = dir.file("plain")
        #expect(mkdir(shared, 0o700) == 0 && mkdir(plain, 0o700) == 0)
        #expect(chmod(shared, 0o2770) == 0)
        try PlanStore.save(editPlan(), to: shared + "/plan.json")
        #expect(mode(shared + "/plan.json") & 0o060 == 0o060)
        try PlanStore.save(editPlan(), to: plain + "/plan.json")
        let reference = open(plain + "/reference", O_WRONLY | O_CREAT | O_EXCL, 0o666)
        close(reference)
        #expect(mode(plain + "/plan.json") == mode(plain + "/reference"))
    }

    @Test func aSaveRestoresTheGroupAlwaysAndTheOwnerAsRoot() {
        var st = stat()
        st.st_uid = 1234
        st.st_gid = 56
        let user = AtomicFile.ownership(replacing: st, asRoot: false)
        #expect(user.owner == uid_t.max && user.group == 56)  // chown(-1, gid): leave the owner, keep the group
        let root = AtomicFile.ownership(replacing: st, asRoot: true)
        #expect(root.owner == 1234 && root.group == 56)
    }

    func owner(_ p: String) -> (uid: uid_t, gid: gid_t) {
        var st = stat()
        stat(p, &st)
        return (st.st_uid, st.st_gid)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the file away"))
    func asRootASaveKeepsTheFilesOwnerAndGroup() throws {
        #expect(chown(path, 1, 1) == 0)
        chmod(path, 0o664)
        let doc = try PlanDocument(path: path)
        #expect(try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock).saved)
        #expect(owner(path) == (1, 1))
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o7777 == 0o664)
        #expect(task("d", try onDisk()).progress == 60)
    }

    /// A group of this user other than its current one, if it has any.
    static let otherGroup: gid_t? = {
        let n = getgroups(0, nil)
        guard n > 0 else { return nil }
        var groups = [gid_t](repeating: 0, count: Int(n))
        let got = getgroups(n, &groups)
        return groups.prefix(Int(max(got, 0))).first { $0 != getegid() }
    }()

    @Test(.enabled(if: geteuid() != 0 && SaveSafetyTests.otherGroup != nil, "needs a non-root user in a second group"))
    func asAUserASaveKeepsTheFilesGroup() throws {
        let group = try #require(SaveSafetyTests.otherGroup)
        #expect(chown(path, uid_t.max, group) == 0)
        chmod(path, 0o664)
        let doc = try PlanDocument(path: path)
        #expect(try doc.commit([.setProgress(taskID: "d", 60)], by: "王敏", at: editClock).saved)
        #expect(owner(path).gid == group)
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o7777 == 0o664)
    }
}
