#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

// The save path of a change, shared by the dashboard and `shuangyong edit`.
//
// Several desks, one file. A commit:
//  1. validates the edits against the plan as this document shows it (unknown id, bad value → error, nothing kept);
//  2. takes an advisory lock: flock on `<plan>.lock` beside the plan (not the plan itself: a save renames a
//     new file over it, so its inode changes), waiting up to `lockTimeout` seconds;
//  3. re-reads the file. If its bytes differ from those this document last read or wrote, another desk has
//     saved: the file is decoded and our edits are replayed onto it, field by field. A field another desk
//     changed since we read it, and that we change to a different value, is a conflict: that edit is not
//     saved but returned in `CommitResult.conflicts` (with the value before, on disk and ours) for the user
//     to resolve; everything else in the commit is saved. Notes and history lines are appended, so they
//     never conflict: both desks' appear, in the order the saves happened;
//  4. writes the plan atomically (temporary file, fsync, rename; the previous file kept as `<plan>.bak`).
// If the file on disk is unreadable or invalid, or the write fails (full disk …), nothing is overwritten:
// the edits stay pending in memory and in `<plan>.recovery.json`, and the next successful save saves them.

/// An edit accepted by a document and not yet in the file, with who made it, when, and the value its
/// field had then — so a later save can tell whether another desk has changed that field meanwhile.
public struct PendingEdit: Equatable, Sendable {
    public var edit: PlanEdit
    public var kind: EditKind
    public var by: String
    public var at: Date
    /// The value of the edit's `guardField` when the edit was made (nil: no such task, or no target).
    public var expected: FieldValue?

    public init(edit: PlanEdit, kind: EditKind, by: String, at: Date, expected: FieldValue?) {
        self.edit = edit
        self.kind = kind
        self.by = by
        self.at = at
        self.expected = expected
    }
}

/// Which value a resolved conflict keeps.
public enum ConflictSide: String, Sendable {
    /// The value this desk wanted: its edit is committed again.
    case ours
    /// The value another desk saved: it stays, our edit is dropped.
    case theirs
}

/// The same field changed here and by another desk: nothing was overwritten, and neither value is lost
/// (theirs is in the file, ours is here).
public struct PlanConflict: Equatable, Sendable, CustomStringConvertible {
    /// The task (or, for `.unitName`, the unit).
    public var id: String
    public var field: PlanField
    /// The value when this desk's edit was made, on disk now, and the one this desk wanted — as text.
    public var base: String
    public var disk: String
    public var ours: String
    /// The value on disk now (nil: the task is gone, or the task has no target).
    public var diskValue: FieldValue?
    /// Our edit, not saved.
    public var pending: PendingEdit

    public init(id: String, field: PlanField, base: String, disk: String, ours: String, diskValue: FieldValue?, pending: PendingEdit) {
        self.id = id
        self.field = field
        self.base = base
        self.disk = disk
        self.ours = ours
        self.diskValue = diskValue
        self.pending = pending
    }

    public var taskID: String { id }
    public var edit: PlanEdit { pending.edit }

    /// "s2-1 进度: 原为 20%，另一处已保存 80%，本处要改为 60% — 未保存"
    public var description: String {
        "\(id) \(field.label): 原为 \(base)，另一处已保存 \(disk)，本处要改为 \(ours) — 未保存 "
            + "(was \(base); another desk saved \(disk); yours, \(ours), was not saved)"
    }

    /// The edits to commit to settle the conflict: ours again, or nothing (theirs is already in the file).
    public func resolve(keep side: ConflictSide) -> [PlanEdit] { side == .ours ? [edit] : [] }
}

/// What a commit did.
public struct CommitResult: Equatable, Sendable {
    /// The edits saved, in order (no-ops included, flagged), with their history lines and inverses.
    public var applied: [AppliedEdit]
    /// Edits not saved because another desk changed the same field; resolve and commit again.
    public var conflicts: [PlanConflict]
    /// Another desk had saved since this document last read the file; its changes are in `plan` now.
    public var merged: Bool
    /// Edits from another, ended session's recovery file that this commit saved (they are in `applied` too).
    public var recovered: [PendingEdit]
    /// Whether the file was written (false when nothing changed).
    public var saved: Bool
    /// The plan as it is now in the file.
    public var plan: Plan
}

/// Why a change could not be saved. Every case says what happened, where, and where the change is.
public enum PlanSyncError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The plan file (or its folder) cannot be written: the document is view-only; nothing was kept.
    case readOnly(file: String, reason: String)
    /// An edit names an unknown task or unit, or sets a bad value; nothing was kept.
    case invalidEdit(PlanEditError)
    /// Another desk held the lock for longer than the timeout. The change is pending in this document.
    case lockTimeout(file: String, lockFile: String, seconds: Double)
    /// The lock file could not be opened. The change is pending in this document.
    case lockFailed(lockFile: String, reason: String)
    /// The file on disk is unreadable or not a valid plan, so it was not overwritten. The change is pending
    /// and kept in `recoveryFile` (nil when even that could not be written; `recoveryProblem` says why).
    case diskFileInvalid(PlanFileError, recoveryFile: String?, recoveryProblem: String?)
    /// Writing the plan failed (full disk, …); the file on disk is unchanged. The change is pending and kept
    /// in `recoveryFile` (nil when that could not be written either).
    case saveFailed(PlanFileError, recoveryFile: String?, recoveryProblem: String?)

    public var description: String {
        func kept(_ recovery: String?, _ problem: String?) -> String {
            if let recovery {
                return "The change is kept (in memory and in \(recovery)) and is saved with the next successful save."
            }
            return "The change is kept in memory only (the recovery file could not be written: \(problem ?? "unknown reason")); it is saved with the next successful save."
        }
        switch self {
        case let .readOnly(file, reason):
            return "\(file) is read-only (\(reason)): it is open view-only and nothing was changed."
        case let .invalidEdit(e):
            return e.description
        case let .lockTimeout(file, lockFile, seconds):
            return "another desk is saving \(file) (waited \(seconds.formatted(.number.precision(.fractionLength(0...1)))) s for the lock on \(lockFile)); try again — your change is not saved yet."
        case let .lockFailed(lockFile, reason):
            return "\(lockFile): cannot take the save lock: \(reason); your change is not saved yet."
        case let .diskFileInvalid(error, recovery, problem):
            return "the plan file on disk is not a valid plan, so it was not overwritten:\n\(error.description)\n"
                + kept(recovery, problem) + " Fix the file (`shuangyong validate` lists the problems) and save again."
        case let .saveFailed(error, recovery, problem):
            return error.description + "\n" + kept(recovery, problem)
        }
    }
}

/// Who a change is recorded as.
public enum EditUser {
    /// `explicit` (from --user or the config) if given, else $SHUANGYONG_USER, else the OS user
    /// (the password-database name of the effective uid, else $USER), else "unknown".
    public static func resolve(explicit: String? = nil, environment env: [String: String]) -> String {
        func clean(_ s: String?) -> String? {
            guard let s = s?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
            return s
        }
        if let u = clean(explicit) ?? clean(env["SHUANGYONG_USER"]) { return u }
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name, let u = clean(String(cString: name)) { return u }
        return clean(env["USER"]) ?? "unknown"
    }
}

/// A plan file open for editing by one desk: the plan as last read or saved, changes not yet saved,
/// and the save path (lock, reload, merge, atomic write). Use it from one thread.
public final class PlanDocument {
    public struct Options: Sendable {
        /// How long a save waits for another desk's save to finish.
        public var lockTimeout: Double
        /// Open view-only whatever the file's permissions (also what tests use to simulate a read-only file).
        public var readOnly: Bool
        /// Makes the plan write fail at a given point (tests: full disk, …). Settable later via `fault`.
        public var fault: AtomicFile.Fault?
        /// Save, with the next commit, the recovery-file edits of sessions that have ended.
        public var replayStaleRecovery: Bool

        public init(lockTimeout: Double = 5, readOnly: Bool = false, fault: AtomicFile.Fault? = nil, replayStaleRecovery: Bool = true) {
            self.lockTimeout = lockTimeout
            self.readOnly = readOnly
            self.fault = fault
            self.replayStaleRecovery = replayStaleRecovery
        }
    }

    public let path: String
    /// `<plan>.lock`: the file a save holds an exclusive flock on.
    public var lockPath: String { path + ".lock" }
    /// `<plan>.recovery.json`: changes that could not be saved yet.
    public var recoveryPath: String { path + ".recovery.json" }

    /// The plan as in the file when this document last read or wrote it.
    public private(set) var base: Plan
    /// What to show: `base` with the pending edits applied.
    public private(set) var plan: Plan
    /// Edits accepted but not saved yet (the last save failed); the next commit saves them first.
    public private(set) var pending: [PendingEdit] = []
    /// The file or its folder cannot be written: show the plan view-only; `commit` refuses.
    public private(set) var isReadOnly: Bool
    /// Why the document is view-only, e.g. "its permissions make it read-only".
    public private(set) var readOnlyReason: String?
    /// Makes the next plan writes fail (tests).
    public var fault: AtomicFile.Fault?
    public var options: Options
    /// This document's id in recovery files.
    public let session: String

    private var baseFingerprint: Fingerprint?
    private var baseStamp: FileStamp?

    /// Opens `path`; throws when it cannot be read or is not a valid plan.
    public init(path: String, options: Options = .init()) throws(PlanFileError) {
        self.path = path
        self.options = options
        fault = options.fault
        let (bytes, stamp) = try PlanDocument.readStable(path)
        base = try PlanStore.decode(bytes, file: path)
        plan = base
        baseFingerprint = Fingerprint(bytes)
        baseStamp = stamp
        isReadOnly = false
        session = RecoveryFile.newSession()
        RecoveryFile.live.insert(session)
        refreshReadOnly()
    }

    /// A document whose edits are judged against `base`, an earlier copy of the plan (the version the
    /// user looked at), rather than against the file as it is now: a field changed in the file since
    /// `base` and changed by an edit here is a conflict.
    public init(path: String, base: Plan, options: Options = .init()) {
        self.path = path
        self.options = options
        fault = options.fault
        self.base = base
        plan = base
        baseFingerprint = nil
        baseStamp = nil
        isReadOnly = false
        session = RecoveryFile.newSession()
        RecoveryFile.live.insert(session)
        refreshReadOnly()
    }

    deinit {
        // Pending edits stay in the recovery file; now that this session has ended, the next commit
        // (of any document or process) on this plan saves them.
        RecoveryFile.live.remove(session)
    }

    /// Re-checks whether the file can be written (permissions may change while the dashboard is open).
    public func refreshReadOnly() {
        readOnlyReason = options.readOnly ? "opened view-only" : PlanDocument.readOnlyReason(path)
        isReadOnly = readOnlyReason != nil
    }

    // MARK: Committing

    /// Saves `edits` (after any pending ones) as one change by `user` at `now`: see the top of this file.
    /// Returns what was saved and the conflicts, which were not; throws when nothing could be saved.
    @discardableResult
    public func commit(_ edits: [PlanEdit], by user: String, at now: Date, as kind: EditKind = .change) throws(PlanSyncError) -> CommitResult {
        try save(edits.map { PendingEdit(edit: $0, kind: kind, by: user, at: now, expected: nil) })
    }

    /// Settles conflicts: commits our edit again for those where `keep` says `.ours` (over the value now
    /// in the file, as the user decided) and drops the others. The edits keep their original user and time.
    @discardableResult
    public func resolve(_ conflicts: [PlanConflict], keep: (PlanConflict) -> ConflictSide) throws(PlanSyncError) -> CommitResult {
        try save(conflicts.filter { keep($0) == .ours }.map(\.pending))
    }

    /// Tries again to save the pending edits (after a full disk, an invalid file, a lock timeout …).
    @discardableResult
    public func retry() throws(PlanSyncError) -> CommitResult { try save([]) }

    /// Undoes the session's last step: a real change, saved and recorded ("撤销: …"). nil when there is nothing to undo.
    @discardableResult
    public func undo(_ session: inout EditSession, by user: String, at now: Date) throws(PlanSyncError) -> CommitResult? {
        guard let edits = session.undoEdits else { return nil }
        let result = try commit(edits, by: user, at: now, as: .undo)
        session.record(result.applied)
        return result
    }

    /// Redoes the last undone step ("重做: …"). nil when there is nothing to redo.
    @discardableResult
    public func redo(_ session: inout EditSession, by user: String, at now: Date) throws(PlanSyncError) -> CommitResult? {
        guard let edits = session.redoEdits else { return nil }
        let result = try commit(edits, by: user, at: now, as: .redo)
        session.record(result.applied)
        return result
    }

    /// Edits kept in the recovery file by other sessions (a dashboard or `edit` whose save failed).
    /// Those whose session has ended (`isStale`) are saved by the next commit of any desk on this machine.
    public func pendingRecovery() -> [RecoveredEdit] {
        RecoveryFile.read(recoveryPath).records.filter { $0.session != session }
    }

    private func save(_ incoming: [PendingEdit]) throws(PlanSyncError) -> CommitResult {
        refreshReadOnly()
        if let readOnlyReason { throw .readOnly(file: path, reason: readOnlyReason) }

        // 1. Validate against what this desk sees, and note each field's value as the edit found it.
        var view = plan
        var accepted: [PendingEdit] = []
        for var p in incoming {
            p.expected = p.edit.guardField.flatMap { view.value(of: $0, id: p.edit.targetID) }
            do {
                try p.edit.apply(to: &view, by: p.by, at: p.at, kind: p.kind)
            } catch {
                throw .invalidEdit(error)
            }
            accepted.append(p)
        }
        var all = pending + accepted
        let mayHaveRecovery = options.replayStaleRecovery && access(recoveryPath, F_OK) == 0
        if all.isEmpty && !mayHaveRecovery {
            return CommitResult(applied: [], conflicts: [], merged: false, recovered: [], saved: false, plan: plan)
        }
        func keepPending() {
            pending = all
            plan = view
        }

        // 2. Lock.
        let lock: FileLock
        do {
            lock = try FileLock.acquire(lockPath, planFile: path, timeout: options.lockTimeout)
        } catch {
            keepPending()
            throw error
        }
        defer { lock.release() }

        // Edits of ended sessions kept in the recovery file go first: they were made earlier.
        var recovery = RecoveryFile.read(recoveryPath)
        let adopted = options.replayStaleRecovery ? recovery.records.filter { $0.session != session && $0.isStale } : []
        let adoptedSessions = Set(adopted.map(\.session))
        all = adopted.map(\.pending) + all
        if all.isEmpty { return CommitResult(applied: [], conflicts: [], merged: false, recovered: [], saved: false, plan: plan) }

        func writeRecovery(_ reason: String) -> (String?, String?) {
            recovery.records.removeAll { $0.session == session || adoptedSessions.contains($0.session) }
            recovery.records += all.map { RecoveredEdit(pending: $0, session: session, host: RecoveryFile.host, pid: getpid(), reason: reason, isStale: false) }
            do {
                try recovery.write(to: recoveryPath, plan: path)
                return (recoveryPath, nil)
            } catch {
                return (nil, error.description)
            }
        }

        // 3. Re-read; decode only when another desk has saved since.
        let disk: Plan, diskFingerprint: Fingerprint, diskStamp: FileStamp?
        do {
            let (bytes, stamp) = try PlanDocument.readStable(path)
            diskFingerprint = Fingerprint(bytes)
            diskStamp = stamp
            disk = diskFingerprint == baseFingerprint ? base : try PlanStore.decode(bytes, file: path)
        } catch {
            if !adopted.isEmpty { view = PlanDocument.replay(adopted.map(\.pending), onto: view) }
            keepPending()
            let (file, problem) = writeRecovery("the plan file on disk was invalid: " + error.description)
            throw .diskFileInvalid(error, recoveryFile: file, recoveryProblem: problem)
        }
        let merged = diskFingerprint != baseFingerprint

        // 4. Replay every edit onto the file's plan, field by field.
        let (result, applied, conflicts) = PlanDocument.merge(all, onto: disk)

        // 5. Write, unless nothing changed.
        var saved = false
        var newFingerprint = diskFingerprint, newStamp = diskStamp
        if result != disk {
            RecoveryFile.removeStaleTemporaries(beside: path)
            let bytes = PlanStore.encode(result)
            do {
                try AtomicFile.write(bytes, to: path, backup: PlanStore.backupPath(for: path), fault: fault)
            } catch {
                // The file is as the other desk left it: adopt it as the base, keep every edit pending.
                base = disk
                baseFingerprint = diskFingerprint
                baseStamp = diskStamp
                view = result
                keepPending()
                let (file, problem) = writeRecovery("saving failed: " + error.description)
                throw .saveFailed(error, recoveryFile: file, recoveryProblem: problem)
            }
            saved = true
            newFingerprint = Fingerprint(bytes)
            newStamp = FileStamp(path: path)
        }
        base = result
        plan = result
        pending = []
        baseFingerprint = newFingerprint
        baseStamp = newStamp
        if recovery.records.contains(where: { $0.session == session || adoptedSessions.contains($0.session) }) {
            recovery.records.removeAll { $0.session == session || adoptedSessions.contains($0.session) }
            try? recovery.write(to: recoveryPath, plan: path)
        }
        return CommitResult(applied: applied, conflicts: conflicts, merged: merged, recovered: adopted.map(\.pending),
                            saved: saved, plan: result)
    }

    /// Replays edits onto the plan in the file. An edit whose field the file has changed since the edit
    /// was made (to a value other than ours) becomes a conflict; one whose field already holds our value is
    /// a no-op; every other edit is applied with its own user and time.
    static func merge(_ edits: [PendingEdit], onto disk: Plan) -> (Plan, [AppliedEdit], [PlanConflict]) {
        var current = disk
        var applied: [AppliedEdit] = [], conflicts: [PlanConflict] = []
        for p in edits {
            let e = p.edit, id = e.targetID
            func conflict(_ field: PlanField, disk diskText: String, _ diskValue: FieldValue?) {
                let base = p.expected.map { current.describe($0, of: id) } ?? (e.guardField == nil ? "存在" : "(无)")
                let ours: String
                switch e {
                case .deleteTask: ours = "删除此任务"
                case let .addNote(_, text): ours = "备注: " + PlanEdit.abbreviate(text)
                case let .removeNote(_, note): ours = "删除备注: " + PlanEdit.abbreviate(note.text)
                default: ours = current.describe(e.targetValue, of: id)
                }
                conflicts.append(PlanConflict(id: id, field: field, base: base, disk: diskText, ours: ours, diskValue: diskValue, pending: p))
            }
            let exists = e.targetsUnit ? current.units.contains { $0.id == id } : current.tasks.contains { $0.id == id }
            switch e {
            case .addTask, .restoreTask: break
            default:
                if !exists {
                    if case .deleteTask = e {  // deleted on both desks
                        applied.append(AppliedEdit(edit: e, kind: p.kind, change: "删除任务: 已不存在", history: nil, inverse: [], isNoOp: true))
                    } else {
                        conflict(e.guardField ?? .task, disk: e.targetsUnit ? "(单位已删除)" : "(任务已删除)", nil)
                    }
                    continue
                }
            }
            if let g = e.guardField {
                let now = current.value(of: g, id: id)
                if now != p.expected {
                    if now == e.targetValue {
                        applied.append(AppliedEdit(edit: e, kind: p.kind, change: "\(g.label): 已是 \(current.describe(now, of: id))",
                                                   history: nil, inverse: [], isNoOp: true))
                    } else if case let .task(t)? = now, g == .task, case .task? = p.expected {
                        conflict(g, disk: "「\(t.title)」已被另一处修改" + (t.history.last.map { "（\($0.change)）" } ?? ""), now)
                    } else {
                        conflict(g, disk: current.describe(now, of: id), now)
                    }
                    continue
                }
            }
            do {
                applied.append(try e.apply(to: &current, by: p.by, at: p.at, kind: p.kind))
            } catch {
                conflict(e.field, disk: "无法应用 (cannot apply): \(error.description)", current.value(of: e.field, id: id))
            }
        }
        return (current, applied, conflicts)
    }

    /// Applies edits where they still apply (for showing pending edits over a newer plan).
    static func replay(_ edits: [PendingEdit], onto plan: Plan) -> Plan {
        var p = plan
        for e in edits { _ = try? e.edit.apply(to: &p, by: e.by, at: e.at, kind: e.kind) }
        return p
    }

    // MARK: Reloading

    /// The plan as another desk saved it, or nil when the file has not changed since this document last
    /// read or wrote it (a stat first; the bytes only when the stat differs). Pending edits are shown over
    /// the new plan. Throws when the file is now unreadable or invalid (the document keeps its plan).
    public func reloadIfChanged() throws(PlanFileError) -> Plan? {
        refreshReadOnly()
        if let stamp = FileStamp(path: path), stamp == baseStamp { return nil }
        let (bytes, stamp) = try PlanDocument.readStable(path)
        let fingerprint = Fingerprint(bytes)
        if fingerprint == baseFingerprint {
            baseStamp = stamp
            return nil
        }
        let fresh = try PlanStore.decode(bytes, file: path)
        base = fresh
        baseFingerprint = fingerprint
        baseStamp = stamp
        plan = PlanDocument.replay(pending, onto: fresh)
        return plan
    }

    // MARK: Files

    /// Reads the file and its stat, retrying when it is replaced mid-read so the two match.
    static func readStable(_ path: String) throws(PlanFileError) -> ([UInt8], FileStamp?) {
        var last: ([UInt8], FileStamp?) = ([], nil)
        for _ in 0..<3 {
            let before = FileStamp(path: path)
            let bytes = try AtomicFile.read(path)
            let after = FileStamp(path: path)
            last = (bytes, after)
            if before == after { break }
        }
        return last
    }

    /// Why `path` cannot be saved, or nil when it can.
    public static func readOnlyReason(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) == 0 {
            if access(path, W_OK) != 0 { return "you may not write it: \(AtomicFile.errorText(errno))" }
            if st.st_mode & 0o222 == 0 { return "its permissions make it read-only (no write permission is set)" }
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(dir, W_OK) != 0 {
            return "its folder \(dir) is not writable (\(AtomicFile.errorText(errno))); a save writes a new file there"
        }
        return nil
    }
}

/// What identifies a version of a file cheaply: device, inode, size and modification time.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        #if canImport(Darwin)
        seconds = Int(st.st_mtimespec.tv_sec)
        nanoseconds = Int(st.st_mtimespec.tv_nsec)
        #else
        seconds = Int(st.st_mtim.tv_sec)
        nanoseconds = Int(st.st_mtim.tv_nsec)
        #endif
    }
}

/// A file's bytes, remembered as their count and a 64-bit FNV-1a hash: "has the file changed?".
struct Fingerprint: Equatable {
    var count: Int
    var hash: UInt64

    init(_ bytes: [UInt8]) {
        count = bytes.count
        hash = bytes.withUnsafeBufferPointer { buf in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in buf {
                h ^= UInt64(b)
                h &*= 0x0000_0100_0000_01b3
            }
            return h
        }
    }
}

/// An exclusive flock on the lock file beside the plan, held while a save reads, merges and writes.
struct FileLock {
    let fd: Int32

    static func acquire(_ lockPath: String, planFile: String, timeout: Double) throws(PlanSyncError) -> FileLock {
        var fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if fd < 0, errno == EACCES { fd = open(lockPath, O_RDONLY | O_CLOEXEC) }  // another user's lock file
        guard fd >= 0 else { throw .lockFailed(lockFile: lockPath, reason: AtomicFile.errorText(errno)) }
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return FileLock(fd: fd) }
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                close(fd)
                throw .lockFailed(lockFile: lockPath, reason: AtomicFile.errorText(code))
            }
            let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if waited >= timeout {
                close(fd)
                throw .lockTimeout(file: planFile, lockFile: lockPath, seconds: timeout)
            }
            usleep(UInt32.random(in: 5_000...20_000))
        }
    }

    func release() {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
