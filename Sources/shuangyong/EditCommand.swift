import ArgumentParser
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a task — status, progress, due date, a note, the achieved count — and save it at once.",
        discussion: """
        Each change is saved atomically and added to the task's history (留痕) with the time and your \
        name. Several desks may edit one file: a save takes a lock, merges what other desks saved \
        meanwhile, and never overwrites a field another desk changed — that is reported as a conflict \
        (exit status 3). Setting the status to done also sets the progress to 100%.

        A change that cannot be saved now (another desk holds the lock, the file on disk is invalid) is \
        queued in the recovery file beside the plan and saved by the next save on this machine: the \
        message says so, and running the command again does not add it twice. When even that is not \
        possible (a full disk), the message says the change is lost: run the command again.

        Exit status: 0 saved (or nothing to change), 1 not saved (the message says whether the change is \
        queued or lost), 3 conflict.
        """)

    @Argument(help: "The task id, e.g. s2-1 (`shuangyong report tasks` lists them).")
    var taskID: String

    @Option(help: "New status: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
    var status: String?

    @Option(help: "New progress in percent, 0–100.")
    var progress: Int?

    @Option(help: ArgumentHelp("New due date (YYYY-MM-DD), or \"none\" for the end of the task's phase.", valueName: "YYYY-MM-DD"))
    var due: String?

    @Option(help: "Add a note (a progress remark, where the evidence is).")
    var note: String?

    @Option(help: "The achieved count of the task's quantified target (完成量).")
    var targetAchieved: Int?

    @Option(help: "Record the change as made by NAME (default: $SHUANGYONG_USER, else your login name).")
    var user: String?

    @Option(help: ArgumentHelp("The copy of the plan your change is based on: a field changed in PLAN since then is reported as a conflict instead of being overwritten.", valueName: "FILE"))
    var base: String?

    @OptionGroup var options: PlanOptions

    func validate() throws {
        if status == nil, progress == nil, due == nil, note == nil, targetAchieved == nil {
            throw ValidationError("nothing to change: give --status, --progress, --due, --note or --target-achieved")
        }
        if let status, TaskStatus(rawValue: status) == nil {
            throw ValidationError("--status \"\(status)\" is not a status; allowed: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let progress, !(0...100).contains(progress) {
            throw ValidationError("--progress \(progress) is out of range; allowed: 0–100 (percent)")
        }
        if let due, due != "none" { _ = try dayArgument("--due", due) }
        if let targetAchieved, targetAchieved < 0 { throw ValidationError("--target-achieved must be 0 or more") }
        if let note, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--note needs some text")
        }
    }

    var edits: [PlanEdit] {
        var out: [PlanEdit] = []
        if let status, let s = TaskStatus(rawValue: status) { out.append(.setStatus(taskID: taskID, s)) }
        if let progress { out.append(.setProgress(taskID: taskID, progress)) }
        if let due { out.append(.setDue(taskID: taskID, due == "none" ? nil : try? PlanDates.day(due).get())) }
        if let targetAchieved { out.append(.setTargetAchieved(taskID: taskID, targetAchieved)) }
        if let note { out.append(.addNote(taskID: taskID, note)) }
        return out
    }

    func run() throws {
        let path = try options.resolvePath()
        let who = EditUser.resolve(explicit: user, environment: ProcessInfo.processInfo.environment)
        let doc = try open(path)
        let l = messageLanguage.line
        if let reason = doc.readOnlyReason {
            throw fail(l("未保存：\(path) 只读（\(reason)），未作任何更改", "not saved: \(path) is read-only (\(reason)): nothing was changed."))
        }
        if !doc.plan.tasks.contains(where: { $0.id == taskID }) {
            let first = doc.plan.tasks.first?.id, last = doc.plan.tasks.last?.id
            let range = first.map { "tasks are \($0) … \(last!)" } ?? "the plan has no tasks"
            let rangeZH = first.map { "任务为 \($0) … \(last!)" } ?? "计划中没有任务"
            throw fail(l("未保存：\(path) 中没有任务 \(taskID)（\(rangeZH)；见 `shuangyong report tasks`）",
                         "not saved: no task \(taskID) in \(path) (\(range); see `shuangyong report tasks`)"))
        }

        let result: CommitResult
        do {
            result = try doc.commit(edits, by: who, at: Date())
        } catch {
            // This process ends now: the message says where the change is — queued in the recovery file, or lost.
            throw fail(error.explanation(for: .command, in: messageLanguage))
        }
        for a in result.applied {
            say(a.isNoOp ? "\(a.edit.targetID) \(a.change) — " + l("无需更改", "nothing to change")
                         : "\(a.line) — " + l("已保存到计划", "saved to \(path)"))
        }
        // Queued edits of earlier runs saved now (those that conflicted are listed with the conflicts below).
        let recovered = result.applied.filter(\.isRecovered).count
        if recovered > 0 {
            shuangyong.note(l("其中 \(recovered) 项是之前未能保存、排队在 \(doc.recoveryPath) 中的修改，现已写入计划",
                              "\(recovered) of these had been queued in \(doc.recoveryPath) by an earlier run that could not save; they are in the plan now"))
        }
        // Run again while the same change was queued: it is not applied or queued a second time. Unless this
        // run saved the queued copy (above), it stays queued for the session that queued it.
        for q in result.alreadyQueued where !result.recovered.contains(where: { $0.isSameChange(as: q) }) {
            shuangyong.note("\(q.edit.targetID) \(q.edit.field.label) — "
                + l("已在 \(doc.recoveryPath) 中排队，不再重复；本机下一次保存时写入计划",
                    "already queued in \(doc.recoveryPath), not queued again: it will be saved by the next save on this machine"))
        }
        if !result.conflicts.isEmpty {
            var text = l("冲突，未保存：另一席位在你的修改所依据的版本之后改了同一字段",
                         "conflict — not saved: another desk changed the same field after the version your change is based on") + ":\n"
            for c in result.conflicts { text += "  \(c)\n" }
            text += l("你的值没有保存，已丢失；文件保留对方的值。要用你的值覆盖，请重新运行命令" + (base == nil ? "" : "（不带 --base）"),
                      "your value is not saved and is lost: the file keeps the other desk's value. To put yours over it, run the command again"
                        + (base == nil ? "" : " without --base"))
            shuangyong.note(text)
            throw ExitCode(3)
        }
    }

    /// Messages follow `--lang` when it is given, else both languages as `中文 (English)` lines.
    private var messageLanguage: MessageLanguage {
        switch options.lang {
        case "zh": return .chinese
        case "en": return .english
        default: return .both
        }
    }

    /// Opens the plan. When the file is not a valid plan, the change is still validated against the last
    /// good version (`.bak`) and kept in the recovery file by the commit, which refuses to overwrite it.
    private func open(_ path: String) throws -> PlanDocument {
        if let base {
            do {
                return PlanDocument(path: path, base: try PlanStore.load(base))
            } catch {
                throw fail("--base: " + error.description)
            }
        }
        do {
            return try PlanDocument(path: path)
        } catch {
            if case .io = error {
                throw fail(error.description + "\n" + messageLanguage.line("未保存，未作任何更改", "not saved; nothing was changed"))
            }
            if let backup = try? PlanStore.load(PlanStore.backupPath(for: path)) {
                return PlanDocument(path: path, base: backup)
            }
            throw fail(error.description + "\n(run `shuangyong validate \(path)` to list every problem; nothing was changed)")
        }
    }
}
