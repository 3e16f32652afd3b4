#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

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
// If the lock cannot be taken, the file on disk is unreadable or invalid, or the write fails (full disk …),
// nothing is overwritten: the edits stay pending in memory and are queued in `<plan>.recovery.json`, and the
// next successful save (`retry()`, or any commit on this machine) saves them. The recovery file is rewritten
// under a lock of its own, `<plan>.recovery.lock`, since a desk that could not take the save lock writes it too.
//
// Every change is applied exactly once. Each pending edit carries an id, kept in the recovery file; an edit
// already queued there (the same id, or the same note or new task by the same person — a command run again
// after it was queued) is not queued or applied a second time; and replaying a queued edit that a save had
// already written (a process ended between writing the plan and clearing its queue) changes nothing.
//
// A plan opened through a symbolic link is the file the link points to (resolved once, when opened): it is
// read, locked and saved there, with its lock, backup and recovery files beside it; the link stays a link.

/// An edit accepted by a document and not yet in the file, with who made it, when, and the value its
/// field had then — so a later save can tell whether another desk has changed that field meanwhile.
public struct PendingEdit: Equatable, Sendable {
    /// Identifies the change through retries, the recovery file and replays, so it is applied once.
    public var id: String
    public var edit: PlanEdit
    public var kind: EditKind
    public var by: String
    public var at: Date
    /// The value of the edit's `guardField` when the edit was made (nil: no such task, or no target).
    public var expected: FieldValue?

    public init(edit: PlanEdit, kind: EditKind, by: String, at: Date, expected: FieldValue?, id: String = PendingEdit.newID()) {
        self.id = id
        self.edit = edit
        self.kind = kind
        self.by = by
        self.at = at
        self.expected = expected
    }

    /// A fresh change id: 16 random hex digits.
    public static func newID() -> String {
        let n = UInt64.random(in: 0...UInt64.max)
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether `queued` (a recovery file's changes, in order) already holds this change: the same change
    /// (`isSameChange`), or the same value set by the same person as the last queued change of that field
    /// — the command run again. (Not an earlier queued value a later one replaced: setting it again is a
    /// new change, and the order of the queue makes it the field's value.)
    public func isQueued(in queued: [PendingEdit]) -> Bool {
        if queued.contains(where: { $0.isSameChange(as: self) }) { return true }
        guard let last = queued.last(where: { $0.edit.targetID == edit.targetID && $0.edit.field == edit.field }) else { return false }
        return last.edit == edit && last.by == by && last.kind == kind
    }

    /// Whether `other` is this change: the same id, or — for an edit that adds something (a note, a task),
    /// which applied twice would add it twice — the same addition by the same person. (An edit that sets a
    /// field is harmless to apply again: the second time it changes nothing.)
    public func isSameChange(as other: PendingEdit) -> Bool {
        if id == other.id { return true }
        switch edit {
        case .addNote, .addTask: return edit == other.edit && by == other.by && kind == other.kind
        default: return false
        }
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

    /// `description` in one language: "s2-1 进度：原为 20%，另一处已保存 80%，本处要改为 60% — 未保存", or
    /// "s2-1 进度: was 20%; another desk saved 80%; yours, 60%, was not saved"; `.both` is `description`.
    public func message(_ language: MessageLanguage) -> String {
        switch language {
        case .chinese: return "\(id) \(field.label)：原为 \(base)，另一处已保存 \(disk)，本处要改为 \(ours) — 未保存"
        case .english: return "\(id) \(field.label): was \(base); another desk saved \(disk); yours, \(ours), was not saved"
        case .both: return description
        }
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
    /// Edits from another, ended session's recovery file that this commit saved (they are in `applied` too,
    /// flagged `isRecovered`: not this session's to undo).
    public var recovered: [PendingEdit]
    /// Whether the file was written (false when nothing changed).
    public var saved: Bool
    /// The plan as it is now in the file.
    public var plan: Plan
    /// Edits of this commit that were already queued in the recovery file (by an earlier run that could not
    /// save them, or by another window): not applied or queued again. Those whose queued copy this commit
    /// saved are in `recovered` too; the others stay queued for the session that queued them.
    public var alreadyQueued: [PendingEdit] = []

    public init(applied: [AppliedEdit], conflicts: [PlanConflict], merged: Bool, recovered: [PendingEdit], saved: Bool, plan: Plan,
                alreadyQueued: [PendingEdit] = []) {
        self.applied = applied
        self.conflicts = conflicts
        self.merged = merged
        self.recovered = recovered
        self.saved = saved
        self.plan = plan
        self.alreadyQueued = alreadyQueued
    }
}

/// Who keeps a change that could not be saved, besides the recovery file: it decides what a message can
/// promise about it.
public enum ChangeHolder: Sendable {
    /// A dashboard window: the change stays in its memory, and the window retries until a save succeeds.
    case window
    /// A command that ends now (`shuangyong edit`): nothing of the change outlives it but the recovery file.
    case command
}

/// The language of a message: Chinese, English, or both as `中文 (English)` lines (the command line's style).
public enum MessageLanguage: Sendable {
    case chinese, english, both

    /// One message in this language: `zh`, `en`, or `zh (en)`.
    public func line(_ zh: String, _ en: String) -> String {
        switch self {
        case .chinese: return zh
        case .english: return en
        case .both: return "\(zh) (\(en))"
        }
    }
}

/// Why a change could not be saved. Every case says what happened, where, and where the change is.
public enum PlanSyncError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The plan file (or its folder) cannot be written: the document is view-only; nothing was kept.
    case readOnly(file: String, reason: String)
    /// An edit names an unknown task or unit, or sets a bad value; nothing was kept.
    case invalidEdit(PlanEditError)
    /// Another desk held the lock for longer than the timeout. The change is pending in this document and
    /// kept in `recoveryFile` (nil when that could not be written; `recoveryProblem` says why).
    case lockTimeout(file: String, lockFile: String, seconds: Double, recoveryFile: String?, recoveryProblem: String?)
    /// The lock file could not be opened. The change is pending in this document and kept in `recoveryFile`
    /// (nil when that could not be written; `recoveryProblem` says why).
    case lockFailed(lockFile: String, reason: String, recoveryFile: String?, recoveryProblem: String?)
    /// The file on disk is unreadable or not a valid plan, so it was not overwritten. The change is pending
    /// and kept in `recoveryFile` (nil when even that could not be written; `recoveryProblem` says why).
    case diskFileInvalid(PlanFileError, recoveryFile: String?, recoveryProblem: String?)
    /// Writing the plan failed (full disk, …); the file on disk is unchanged. The change is pending and kept
    /// in `recoveryFile` (nil when that could not be written either).
    case saveFailed(PlanFileError, recoveryFile: String?, recoveryProblem: String?)

    /// The message for a dashboard window, in both languages (see `explanation(for:in:)`).
    public var description: String { explanation(for: .window) }

    /// What happened and exactly where the change is now — in the recovery file (queued: the next save on
    /// this machine writes it), only in the window's memory, or lost (run the command again) — for the one
    /// who keeps it: a window that retries, or a command that ends now and so can promise no later save.
    public func explanation(for holder: ChangeHolder, in language: MessageLanguage = .both) -> String {
        let l = language.line
        /// Where a change is that could not be saved, given whether the recovery file was written.
        func whereItIs(_ recovery: String?, _ problem: String?, afterFix: Bool = false) -> String {
            if let recovery {
                switch holder {
                case .command:
                    return l("修改未写入计划：已排队，保存在恢复文件 \(recovery) 中，" + (afterFix ? "文件修正后" : "") + "本机下一次保存时写入",
                             "not saved to the plan yet: queued in \(recovery), will be saved by the next save on this machine"
                                + (afterFix ? " once the plan file is valid again" : ""))
                case .window:
                    return l("修改保存在本窗口和恢复文件 \(recovery) 中，" + (afterFix ? "文件修正后" : "") + "下次保存成功时写入计划",
                             "kept in this window and queued in \(recovery): saved by the next successful save"
                                + (afterFix ? " once the plan file is valid again" : ""))
                }
            }
            let why = l("恢复文件无法写入", "the recovery file could not be written") + ": " + (problem ?? "unknown reason")
            switch holder {
            case .command:
                return l("修改未保存，已丢失，请重新运行命令", "not saved, run again: the change is lost") + "\n  " + why
            case .window:
                return l("修改只在本窗口的内存中，下次保存成功时写入；先关闭窗口则丢失",
                         "only in this window's memory: saved by the next successful save, lost if the window is closed first")
                    + "\n  " + why
            }
        }
        let notSaved = l("未保存，未作任何更改", "not saved; nothing was changed")
        switch self {
        case let .readOnly(file, reason):
            switch holder {
            case .window:
                return l("\(file) 只读（\(PlanMessagesChinese.readOnlyReason(reason))），已以只读方式打开；未保存，未作任何更改",
                         "\(file) is read-only (\(reason)): it is open view-only and nothing was changed.")
            case .command:
                return l("\(file) 只读（\(PlanMessagesChinese.readOnlyReason(reason))）", "\(file) is read-only (\(reason))") + "\n" + notSaved
            }
        case let .invalidEdit(e):
            return e.message(language) + "\n" + notSaved
        case let .lockTimeout(file, lockFile, seconds, recovery, problem):
            let waited = seconds.formatted(.number.precision(.fractionLength(0...1)))
            return l("另一席位正在保存 \(file)（已等待锁 \(lockFile) \(waited) 秒）",
                     "another desk is saving \(file): waited \(waited) s for the lock on \(lockFile)")
                + "\n" + whereItIs(recovery, problem)
        case let .lockFailed(lockFile, reason, recovery, problem):
            return l("无法获取保存锁 \(lockFile)", "cannot take the save lock \(lockFile)") + ": \(reason)"
                + "\n" + whereItIs(recovery, problem)
        case let .diskFileInvalid(error, recovery, problem):
            return l("磁盘上的计划文件无效，未被覆盖：", "the plan file on disk is not a valid plan, so it was not overwritten:") + "\n"
                + error.message(language) + "\n" + whereItIs(recovery, problem, afterFix: true) + "\n"
                + l("请修正文件（`shuangyong validate` 列出问题）", "fix the file: `shuangyong validate` lists the problems")
        case let .saveFailed(error, recovery, problem):
            return error.message(language) + "\n" + whereItIs(recovery, problem)
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

    /// `resolve(explicit:environment:)` with the process's two variables, read with `getenv` (building
    /// `ProcessInfo`'s whole environment cost a command a tenth of a millisecond).
    public static func resolve(explicit: String? = nil) -> String {
        var env: [String: String] = [:]
        for name in ["SHUANGYONG_USER", "USER"] { env[name] = getenv(name).map { String(cString: $0) } }
        return resolve(explicit: explicit, environment: env)
    }
}
