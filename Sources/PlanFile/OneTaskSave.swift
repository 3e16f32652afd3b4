#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

/// The save of a change to one task (`shuangyong edit`) without loading the plan: when the file is exactly
/// what the writer wrote (`TaskLayout.exact`) and a snapshot of it says where the task is, the new file is
/// the old one with that task's bytes replaced, and the new snapshot the old one with that task replaced.
/// At 20,000 tasks this reads and writes the 10 MB file but decodes and encodes one task, not 20,000.
///
/// It keeps every guarantee of `PlanDocument.commit`, which it stands in for only where the outcome is
/// the same byte for byte (a test compares the two):
/// - the edits are applied with `PlanEdit.apply` to the task as the snapshot holds it, with the plan's
///   year, time zone and phases around it, so they are validated and recorded (留痕) as the document does;
/// - the save lock is taken first and the file read under it, so there is nothing to merge;
/// - the file is written atomically with its backup (`AtomicFile.write`), and nothing is written when an
///   edit changes nothing.
///
/// Anything else goes to `PlanDocument` (the caller's part when this returns nil, nothing having been
/// written): no snapshot of the file's bytes, a hand-edited file, a recovery file beside the plan (its
/// queued edits are saved first), a busy lock, edits of other kinds or tasks, an unknown task, a bad value,
/// a read-only file, or a failed write (the document tries again, and queues the change if it fails too).
public enum OneTaskSave {
    /// Saves the edits of task `id` that `edits` makes from the plan (every member but the other tasks:
    /// its year, for a date given without one) to the plan at `path`, as `user` at `now`. They must be of
    /// the kinds `shuangyong edit` makes: status, progress, due date, note, achieved count.
    /// Returns what was applied (no-ops flagged, and then nothing was written), or nil when this plan or
    /// these edits need `PlanDocument` (or `edits` gave nil): then the file is as it was, and so are the
    /// snapshots, but after a failed write (the plan's snapshots other than the one read are gone: the
    /// save would have replaced them). `fault` makes the write fail (tests), as `AtomicFile.write`'s does.
    public static func commit(task id: String, to path: String, by user: String, at now: Date, snapshots: PlanSnapshots,
                              fault: AtomicFile.Fault? = nil, edits: (Plan) -> [PlanEdit]?) -> [AppliedEdit]? {
        let filePath = AtomicFile.resolvingSymlink(path)
        let recovery = filePath + ".recovery.json"
        guard FileStamp(path: filePath)?.isRegular == true, PlanDocument.readOnlyReason(filePath) == nil, access(recovery, F_OK) != 0,
              let lock = try? FileLock.acquire(filePath + ".lock", companionOf: filePath, timeout: 0) else { return nil }
        defer { lock.release() }
        // Read under the lock (no other desk can save until this one has), a chunk at a time: the bytes are
        // hashed to find their snapshot, and copied from the file when it is written, never all in memory.
        guard access(recovery, F_OK) != 0, let (fd, size) = try? AtomicFile.openRegular(filePath) else { return nil }
        defer { close(fd) }
        // The file is hashed on another thread while this one reads the snapshot last made from a file of
        // its size (each about 2 ms at 20,000 tasks), which is used only when its file's hash is this one's.
        let hashing = Background { hash(fd, size) }
        let guess = snapshots.oneTask(id, path: filePath, fileSize: size)
        guard let fileHash = hashing.value, let stamp = FileStamp(fd: fd), stamp.size == size, FileStamp(path: filePath) == stamp,
              let found = guess.flatMap({ $0.fileHash == fileHash ? snapshots.markingUsed($0) : nil })
                ?? snapshots.oneTask(id, path: filePath, fileHash: fileHash)
        else { return nil }
        let one = found.one
        guard one.layout.exact, one.layout.spans.count > one.index, one.layout.spans[one.index].upperBound <= size else { return nil }

        var plan = one.plan
        guard let edits = edits(plan), !edits.isEmpty, edits.allSatisfy({ $0.targetID == id && isTaskChange($0) }) else { return nil }
        var applied: [AppliedEdit] = []
        for edit in edits {
            guard let a = try? edit.apply(to: &plan, by: user, at: now) else { return nil }
            applied.append(a)
        }
        if applied.allSatisfy(\.isNoOp) { return applied }

        // The file's bytes before the task, the task's, and those after it, hashed as they are written.
        let task = plan.tasks[0], span = one.layout.spans[one.index]
        let taskBytes = PlanWriter.bytes(of: task)
        // The new snapshot is the old one with this task replaced; its body is written on another thread
        // while this one writes the file, and named by the file's new hash once the file is saved.
        let pending = snapshots.beginStore(replacing: found, with: task, layout: one.layout.replacing(one.index, count: taskBytes.count))
        var saved = Fingerprint.Hasher(count: size - span.count + taskBytes.count)
        RecoveryFile.removeStaleTemporaries(beside: filePath)
        let written = taskBytes.withUnsafeBytes { middle in
            (try? AtomicFile.write([.file(fd: fd, range: 0..<span.lowerBound), .bytes(middle), .file(fd: fd, range: span.upperBound..<size)],
                                   to: filePath, backup: PlanStore.backupPath(for: filePath), fault: fault) { saved.add($0) }) != nil
        }
        snapshots.finishStore(pending, fileHash: written ? saved.finish() : nil, path: filePath)
        return written ? applied : nil
    }

    /// The hash (`Fingerprint`) of the first `size` bytes of the file open as `fd`, read a chunk at a time;
    /// nil when they cannot be read. (The caller checks the file's size is `size`.)
    private static func hash(_ fd: Int32, _ size: Int) -> UInt64? {
        var hasher = Fingerprint.Hasher(count: size)
        do {
            guard try AtomicFile.readChunks(fd, 0..<size, { hasher.add($0) }) == nil else { return nil }
        } catch {
            return nil
        }
        return hasher.finish()
    }

    /// Whether `edit` changes one existing task's own fields, and nothing else of the plan.
    private static func isTaskChange(_ edit: PlanEdit) -> Bool {
        switch edit {
        case .setStatus, .setProgress, .setDue, .addNote, .setTargetAchieved: return true
        default: return false
        }
    }
}
