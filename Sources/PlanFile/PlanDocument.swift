#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

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
        /// Where to find and leave snapshots of the plan (`PlanSnapshots`): a file whose bytes a snapshot
        /// was made from is not parsed again, and each save leaves one for the next command. nil: none.
        public var snapshots: PlanSnapshots?

        public init(lockTimeout: Double = 5, readOnly: Bool = false, fault: AtomicFile.Fault? = nil, replayStaleRecovery: Bool = true,
                    snapshots: PlanSnapshots? = nil) {
            self.lockTimeout = lockTimeout
            self.readOnly = readOnly
            self.fault = fault
            self.replayStaleRecovery = replayStaleRecovery
            self.snapshots = snapshots
        }
    }

    /// The plan file as the user named it (messages use this name).
    public let path: String
    /// The file read and saved: `path`, or when `path` is a symbolic link the file it points to (resolved
    /// once, on opening). Saving replaces this file and leaves the link a link; the lock, backup and
    /// recovery files sit beside it, so every desk shares them however it named the plan.
    public let filePath: String
    /// `<plan>.lock`: the file a save holds an exclusive flock on.
    public var lockPath: String { filePath + ".lock" }
    /// `<plan>.recovery.json`: changes that could not be saved yet.
    public var recoveryPath: String { filePath + ".recovery.json" }
    /// `<plan>.recovery.lock`: held (briefly) while the recovery file is rewritten.
    public var recoveryLockPath: String { filePath + ".recovery.lock" }

    /// The plan as in the file when this document last read or wrote it.
    public private(set) var base: Plan
    /// What to show: `base` with the pending edits applied.
    public private(set) var plan: Plan
    /// Edits accepted but not saved yet (the last save failed); the next commit saves them first.
    public private(set) var pending: [PendingEdit] = []

    /// Where unsaved edits are besides this document's memory.
    public enum UnsavedLocation: Equatable, Sendable {
        /// Nothing is unsaved.
        case none
        /// Queued in this recovery file: they survive this document, and the next save on this machine writes them.
        case recoveryFile(String)
        /// Only in this document's memory (the recovery file could not be written, for this reason): closing
        /// it before a save succeeds loses them.
        case memoryOnly(reason: String)
    }

    /// Where `pending` is now, so that a message (a quit confirmation) promises only what is true.
    public private(set) var unsavedLocation: UnsavedLocation = .none
    /// The file or its folder cannot be written: show the plan view-only; `commit` refuses.
    public private(set) var isReadOnly: Bool
    /// Why the document is view-only, e.g. "its permissions make it read-only".
    public private(set) var readOnlyReason: String?
    /// Makes the next plan writes fail (tests).
    public var fault: AtomicFile.Fault?
    public var options: Options
    /// This document's id in recovery files.
    public let session: String

    /// The file as `base` was read from it or written to it (nil: a document opened on an earlier copy).
    private var baseFile: FileVersion?

    /// Opens `path`; throws when it cannot be read or is not a valid plan.
    public init(path: String, options: Options = .init()) throws(PlanFileError) {
        self.path = path
        filePath = AtomicFile.resolvingSymlink(path)
        self.options = options
        fault = options.fault
        let (bytes, stamp) = try PlanDocument.readStable(filePath)
        let fingerprint = Fingerprint(bytes)
        let (decoded, layout) = try PlanDocument.decode(bytes, fingerprint, file: path, at: filePath, snapshots: options.snapshots)
        base = decoded
        baseFile = FileVersion(bytes: bytes, fingerprint: fingerprint, stamp: stamp, tasks: decoded.tasks, layout: layout)
        plan = base
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
        filePath = AtomicFile.resolvingSymlink(path)
        self.options = options
        fault = options.fault
        self.base = base
        plan = base
        baseFile = nil
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
        readOnlyReason = options.readOnly ? "opened view-only" : PlanDocument.readOnlyReason(filePath)
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

    /// Tries again to save the pending edits (after a full disk, an invalid file, a lock timeout …); with
    /// nothing pending (and no ended session's edits in the recovery file) it returns at once, unsaved.
    /// `lockTimeout`, when given, replaces `options.lockTimeout` for this attempt: a periodic retry can
    /// wait briefly for a busy lock and simply try again later.
    @discardableResult
    public func retry(lockTimeout: Double? = nil) throws(PlanSyncError) -> CommitResult {
        try save([], lockTimeout: lockTimeout)
    }

    /// Undoes the session's last step: a real change, saved and recorded ("撤销: …"). nil when there is nothing to undo.
    @discardableResult
    public func undo(_ session: inout EditSession, by user: String, at now: Date) throws(PlanSyncError) -> CommitResult? {
        try step(session.undoEdits, as: .undo, &session, by: user, at: now)
    }

    /// Redoes the last undone step ("重做: …"). nil when there is nothing to redo.
    @discardableResult
    public func redo(_ session: inout EditSession, by user: String, at now: Date) throws(PlanSyncError) -> CommitResult? {
        try step(session.redoEdits, as: .redo, &session, by: user, at: now)
    }

    private func step(_ edits: [PlanEdit]?, as kind: EditKind, _ session: inout EditSession, by user: String,
                      at now: Date) throws(PlanSyncError) -> CommitResult? {
        guard let edits else { return nil }
        let result = try commit(edits, by: user, at: now, as: kind)
        session.record(result.applied)
        return result
    }

    /// Edits kept in the recovery file by other sessions (a dashboard or `edit` whose save failed).
    /// Those whose session has ended (`isStale`) are saved by the next commit of any desk on this machine.
    public func pendingRecovery() -> [RecoveredEdit] {
        RecoveryFile.read(recoveryPath).records.filter { $0.session != session }
    }

    private func save(_ incoming: [PendingEdit], lockTimeout: Double? = nil) throws(PlanSyncError) -> CommitResult {
        refreshReadOnly()
        if let readOnlyReason { throw .readOnly(file: path, reason: readOnlyReason) }

        // 0. A change already queued in the recovery file (a command run again after it was queued there, or
        // the same change made in another window) is neither applied nor queued a second time.
        let others = RecoveryFile.read(recoveryPath).records.filter { $0.session != session }
        let queued = others.map(\.pending)
        let alreadyQueued = incoming.filter { $0.isQueued(in: queued) }
        let incoming = incoming.filter { !$0.isQueued(in: queued) }

        // 1. Validate against what this desk sees, and note each field's value as the edit found it.
        var (view, accepted, acceptedApplied) = try PlanDocument.acceptApplying(incoming, onto: plan)
        // The changes of ended sessions queued on this machine are saved before these: a field one of them
        // sets had, for these, that value (a desk that changed its mind while the file was broken; its
        // second value compared with the first's base would look overwritten by another desk).
        if options.replayStaleRecovery {
            let stale = others.filter(\.isStale).map(\.pending)
            if !stale.isEmpty { accepted = PlanDocument.expecting(accepted, after: stale, onto: plan) }
        }
        // With nothing pending, `plan` is `base` and `view` is `base` with just these edits applied.
        let viewIsBaseWithAccepted = pending.isEmpty
        var all = pending + accepted
        let mayHaveRecovery = options.replayStaleRecovery && access(recoveryPath, F_OK) == 0
        if all.isEmpty && !mayHaveRecovery {
            return CommitResult(applied: [], conflicts: [], merged: false, recovered: [], saved: false, plan: plan,
                                alreadyQueued: alreadyQueued)
        }
        func keepPending() {
            pending = all
            plan = view
        }
        var adoptedSessions = Set<String>()
        // Puts every edit of `all` in the recovery file as this session's: (the file, nil) or (nil, why not).
        func writeRecovery(_ reason: String) -> (String?, String?) {
            let mine = all.map { RecoveredEdit(pending: $0, session: session, host: RecoveryFile.host, pid: getpid(), reason: reason, isStale: false) }
            if let problem = updateRecovery(dropping: adoptedSessions, adding: mine) {
                unsavedLocation = .memoryOnly(reason: problem)
                return (nil, problem)
            }
            unsavedLocation = .recoveryFile(recoveryPath)
            return (recoveryPath, nil)
        }

        // 2. Lock. When it cannot be taken the edits are kept in the recovery file too, so that they are
        // saved even if this process ends before a retry succeeds.
        let lock: FileLock
        do {
            lock = try FileLock.acquire(lockPath, companionOf: filePath, timeout: lockTimeout ?? options.lockTimeout)
        } catch {
            keepPending()
            switch error {
            case let .timeout(seconds):
                let (file, problem) = writeRecovery("another desk held the save lock \(lockPath) for \(seconds) s")
                throw .lockTimeout(file: path, lockFile: lockPath, seconds: seconds, recoveryFile: file, recoveryProblem: problem)
            case let .failed(reason):
                let (file, problem) = writeRecovery("the save lock \(lockPath) could not be taken: \(reason)")
                throw .lockFailed(lockFile: lockPath, reason: reason, recoveryFile: file, recoveryProblem: problem)
            }
        }
        defer { lock.release() }

        // Edits of ended sessions kept in the recovery file go first: they were made earlier.
        let recovery = RecoveryFile.read(recoveryPath)
        let adopted = options.replayStaleRecovery ? recovery.records.filter { $0.session != session && $0.isStale } : []
        adoptedSessions = Set(adopted.map(\.session))
        all = adopted.map(\.pending) + all
        if all.isEmpty {
            return CommitResult(applied: [], conflicts: [], merged: false, recovered: [], saved: false, plan: plan,
                                alreadyQueued: alreadyQueued)
        }

        // 3. Re-read; decode only when another desk has saved since.
        let disk: Plan, diskFile: FileVersion
        do {
            if var same = baseFile, let stamp = PlanDocument.stamp(ifHolding: same.bytes, filePath) {
                same.stamp = stamp
                (disk, diskFile) = (base, same)
            } else {
                let (bytes, stamp) = try PlanDocument.readStable(filePath)
                let fingerprint = Fingerprint(bytes)
                if var same = baseFile, same.fingerprint == fingerprint {
                    same.stamp = stamp
                    (disk, diskFile) = (base, same)
                } else {
                    let (decoded, layout) = try PlanDocument.decode(bytes, fingerprint, file: path, at: filePath, snapshots: options.snapshots)
                    disk = decoded
                    diskFile = FileVersion(bytes: bytes, fingerprint: fingerprint, stamp: stamp, tasks: decoded.tasks, layout: layout)
                }
            }
        } catch {
            if !adopted.isEmpty { view = PlanDocument.replay(adopted.map(\.pending), onto: view) }
            keepPending()
            let (file, problem) = writeRecovery("the plan file on disk was invalid: " + error.description)
            throw .diskFileInvalid(error, recoveryFile: file, recoveryProblem: problem)
        }
        let merged = diskFile.fingerprint != baseFile?.fingerprint

        // 4. Replay every edit onto the file's plan, field by field. When the file is the base and the edits are
        // only those just accepted onto it, that replay is what `accept` did: the same edits, from the same
        // plan, in the same order (each found its field as `expected` says), so its plan and outcomes are
        // taken as they are rather than made again (a copy of every task and a second apply).
        let (result, applied, conflicts) = viewIsBaseWithAccepted && adopted.isEmpty && !merged
            ? (view, acceptedApplied, [])
            : PlanDocument.merge(all, onto: disk, recovered: adopted.count)

        // 5. Write, unless nothing changed.
        var saved = false
        var newFile = diskFile
        if !result.isSame(as: disk) {
            RecoveryFile.removeStaleTemporaries(beside: filePath)
            // The same bytes as `PlanStore.encode(result)`; unchanged tasks copied from the file's bytes.
            let (bytes, layout) = PlanWriter.bytes(result, reusing: diskFile.earlier)
            do {
                try AtomicFile.write(bytes, to: filePath, backup: PlanStore.backupPath(for: filePath), fault: fault)
            } catch {
                // The file is as the other desk left it: adopt it as the base, keep every edit pending.
                base = disk
                baseFile = diskFile
                view = result
                keepPending()
                let (file, problem) = writeRecovery("saving failed: " + error.description)
                throw .saveFailed(error, recoveryFile: file, recoveryProblem: problem)
            }
            saved = true
            newFile = FileVersion(bytes: bytes, fingerprint: Fingerprint(bytes), stamp: FileStamp(path: filePath), tasks: result.tasks, layout: layout)
            options.snapshots?.store(result, layout: layout, fileHash: newFile.fingerprint.hash, path: filePath)
        }
        base = result
        plan = result
        pending = []
        unsavedLocation = .none
        baseFile = newFile
        // Only this session writes its own entries, and ended sessions write none: if the file held none
        // of these when read above, it holds none now.
        if recovery.records.contains(where: { $0.session == session || adoptedSessions.contains($0.session) }) {
            _ = updateRecovery(dropping: adoptedSessions, adding: [])
        }
        return CommitResult(applied: applied, conflicts: conflicts, merged: merged, recovered: adopted.map(\.pending),
                            saved: saved, plan: result, alreadyQueued: alreadyQueued)
    }

    /// Rewrites the recovery file under its own lock, from a fresh read: this session's entries become
    /// `mine`, and those of `dropping` (ended sessions whose edits this session has taken over) go.
    /// Another desk's entries are kept as they are. Returns nil, or why the file could not be written.
    private func updateRecovery(dropping adopted: Set<String>, adding mine: [RecoveredEdit]) -> String? {
        let lock: FileLock
        do {
            lock = try FileLock.acquire(recoveryLockPath, companionOf: filePath, timeout: Swift.max(options.lockTimeout, 1))
        } catch {
            switch error {
            case let .timeout(seconds): return "its lock \(recoveryLockPath) stayed busy for \(seconds) s"
            case let .failed(reason): return "cannot lock \(recoveryLockPath): \(reason)"
            }
        }
        defer { lock.release() }
        var file = RecoveryFile.read(recoveryPath)
        // A change queued by another session already (the same id) is not queued twice.
        let others = file.records.filter { $0.session != session && !adopted.contains($0.session) }
        let mine = mine.filter { m in !others.contains { $0.pending.id == m.pending.id } }
        // Already as wanted (a retry that failed the same way again): leave the file alone.
        if !file.unreadable, !file.records.contains(where: { adopted.contains($0.session) }),
           file.records.filter({ $0.session == session }) == mine {
            return nil
        }
        file.records = others + mine
        do {
            try file.write(to: recoveryPath, plan: filePath)
            return nil
        } catch {
            return error.description
        }
    }

    /// Replays edits onto the plan in the file. An edit whose field the file has changed since the edit
    /// was made (to a value other than ours) becomes a conflict; one whose field already holds our value is
    /// a no-op; every other edit is applied with its own user and time. The first `recovered` edits came
    /// from another session's recovery file: what they do is flagged `isRecovered`. Pure: the save path
    /// and stores kept in memory (tests) merge the same way. Returns the merged plan, what was applied and
    /// the conflicts.
    public static func merge(_ edits: [PendingEdit], onto disk: Plan, recovered: Int = 0) -> (Plan, [AppliedEdit], [PlanConflict]) {
        var current = disk
        var applied: [AppliedEdit] = [], conflicts: [PlanConflict] = []
        for (k, p) in edits.enumerated() {
            let e = p.edit, id = e.targetID
            func add(_ a: AppliedEdit) {
                var a = a
                a.isRecovered = k < recovered
                applied.append(a)
            }
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
            // A queued edit that a save had already written (its process ended before clearing the queue)
            // is replayed as a no-op: its note, or its task, is there already.
            if k < recovered, let change = PlanDocument.alreadyWritten(p, in: current) {
                add(AppliedEdit(edit: e, kind: p.kind, change: change, history: nil, inverse: [], isNoOp: true))
                continue
            }
            if !e.mayCreate, !current.contains(e.subject, id: id) {
                if e.isRemoval {  // removed at both desks
                    add(AppliedEdit(edit: e, kind: p.kind, change: "删除\(e.subject.label): 已不存在", history: nil, inverse: [], isNoOp: true))
                } else {
                    conflict(e.guardField ?? .task, disk: "(\(e.subject.label)已删除)", nil)
                }
                continue
            }
            if let g = e.guardField {
                let now = current.value(of: g, id: id)
                if now != p.expected {
                    if now == e.targetValue {
                        add(AppliedEdit(edit: e, kind: p.kind, change: "\(g.label): 已是 \(current.describe(now, of: id))",
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
                add(try e.apply(to: &current, by: p.by, at: p.at, kind: p.kind))
            } catch {
                conflict(e.field, disk: "无法应用 (cannot apply): \(error.description)", current.value(of: e.field, id: id))
            }
        }
        return (current, applied, conflicts)
    }

    /// What the plan shows when an edit that adds something (a note, a task) is in it already — the same note
    /// at the same time by the same person, or a task of the same id, section and title — else nil.
    /// Edits that set a field need no such check: applied again, they change nothing.
    static func alreadyWritten(_ p: PendingEdit, in plan: Plan) -> String? {
        switch p.edit {
        case let .addNote(id, text):
            let at = PlanEdit.timestamp(p.at, in: plan.timeZone)
            guard let t = plan.tasks.first(where: { $0.id == id }),
                  t.notes.contains(where: { $0.at == at && $0.by == p.by && $0.text == text }) else { return nil }
            return "备注: 已保存 " + PlanEdit.abbreviate(text)
        case let .addTask(task), let .restoreTask(task, _):
            guard plan.tasks.contains(where: { $0.id == task.id && $0.sectionID == task.sectionID && $0.title == task.title }) else { return nil }
            return "任务: 已保存「\(task.title)」"
        default:
            return nil
        }
    }

    /// Validates edits against `view`, the plan as this desk sees it, one after the other, noting each
    /// field's value as the edit found it (`expected`, what a merge compares with the file). Returns the
    /// plan with them applied and the edits; throws `.invalidEdit` for the first that does not apply.
    public static func accept(_ incoming: [PendingEdit], onto view: Plan) throws(PlanSyncError) -> (Plan, [PendingEdit]) {
        let (plan, accepted, _) = try acceptApplying(incoming, onto: view)
        return (plan, accepted)
    }

    /// `accept`, and what each edit did.
    static func acceptApplying(_ incoming: [PendingEdit], onto view: Plan) throws(PlanSyncError) -> (Plan, [PendingEdit], [AppliedEdit]) {
        var view = view
        var accepted: [PendingEdit] = [], applied: [AppliedEdit] = []
        for var p in incoming {
            p.expected = p.edit.guardField.flatMap { view.value(of: $0, id: p.edit.targetID) }
            do {
                applied.append(try p.edit.apply(to: &view, by: p.by, at: p.at, kind: p.kind))
            } catch {
                throw .invalidEdit(error)
            }
            accepted.append(p)
        }
        return (view, accepted, applied)
    }

    /// `edits` with each field's value as it is once `earlier` and the edits before it are applied to `plan`.
    static func expecting(_ edits: [PendingEdit], after earlier: [PendingEdit], onto plan: Plan) -> [PendingEdit] {
        var seen = replay(earlier, onto: plan)
        return edits.map { p in
            var p = p
            p.expected = p.edit.guardField.flatMap { seen.value(of: $0, id: p.edit.targetID) }
            _ = try? p.edit.apply(to: &seen, by: p.by, at: p.at, kind: p.kind)
            return p
        }
    }

    /// Applies edits where they still apply (for showing pending edits over a newer plan).
    public static func replay(_ edits: [PendingEdit], onto plan: Plan) -> Plan {
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
        if let stamp = FileStamp(path: filePath), stamp == baseFile?.stamp { return nil }
        let (bytes, stamp) = try PlanDocument.readStable(filePath)
        let fingerprint = Fingerprint(bytes)
        if fingerprint == baseFile?.fingerprint {
            baseFile?.stamp = stamp
            return nil
        }
        let (fresh, layout) = try PlanDocument.decode(bytes, fingerprint, file: path, at: filePath, snapshots: options.snapshots)
        base = fresh
        baseFile = FileVersion(bytes: bytes, fingerprint: fingerprint, stamp: stamp, tasks: fresh.tasks, layout: layout)
        plan = PlanDocument.replay(pending, onto: fresh)
        return plan
    }

    // MARK: Files

    /// The plan in `bytes` (read from `filePath`, named `file` in messages) and where its tasks are: from
    /// a snapshot of exactly these bytes when there is one, else decoded and checked, leaving a snapshot.
    static func decode(_ bytes: [UInt8], _ fingerprint: Fingerprint, file: String, at filePath: String,
                       snapshots: PlanSnapshots?) throws(PlanFileError) -> (Plan, TaskLayout?) {
        if let hit = snapshots?.document(for: filePath, fileHash: fingerprint.hash) { return hit }
        guard let snapshots else { return try PlanStore.decodeWithLayout(bytes, file: file) }
        let (plan, layout) = try PlanStore.decodeForSnapshot(bytes, file: file)
        snapshots.store(plan, layout: layout, fileHash: fingerprint.hash, path: filePath)
        return (plan, layout)
    }

    /// The file's stamp when it still holds exactly `bytes` (compared a chunk at a time, `AtomicFile.holds`,
    /// with the stamp taken around the comparison and retried as `readStable` does); nil when it holds
    /// anything else, or cannot be read or stat'ed: then the caller reads it whole.
    static func stamp(ifHolding bytes: [UInt8], _ path: String) -> FileStamp? {
        for _ in 0..<3 {
            let before = FileStamp(path: path)
            guard (try? AtomicFile.holds(bytes, at: path)) == true else { return nil }
            if let after = FileStamp(path: path), after == before { return after }
        }
        return nil
    }

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
            if st.st_mode & 0o222 == 0 { return "its permissions make it read-only: no write permission is set" }
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(dir, W_OK) != 0 {
            return "its folder \(dir) is not writable (\(AtomicFile.errorText(errno))); a save writes a new file there"
        }
        return nil
    }
}

/// A version of the plan file as a document read or wrote it: its bytes (a save compares the file with them
/// to see whether another desk has saved since, without reading it whole), their fingerprint, the file's
/// stamp then, and the plan's tasks with where they are in the bytes when known (a save copies the bytes
/// of the tasks it has not changed, `PlanWriter`).
private struct FileVersion {
    let bytes: [UInt8]
    let fingerprint: Fingerprint
    var stamp: FileStamp?
    let earlier: PlanWriter.Earlier?

    init(bytes: [UInt8], fingerprint: Fingerprint, stamp: FileStamp?, tasks: [PlanTask], layout: TaskLayout?) {
        self.bytes = bytes
        self.fingerprint = fingerprint
        self.stamp = stamp
        earlier = layout.map { PlanWriter.Earlier(bytes: bytes, tasks: tasks, layout: $0) }
    }
}
