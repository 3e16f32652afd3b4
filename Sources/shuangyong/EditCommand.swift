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

        Exit status: 0 saved (or nothing to change), 1 error (nothing saved, or kept in the recovery file \
        beside the plan when the file on disk is invalid), 3 conflict.
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
        if let reason = doc.readOnlyReason {
            throw fail("\(path) is read-only (\(reason)): nothing was changed.")
        }
        if !doc.plan.tasks.contains(where: { $0.id == taskID }) {
            let range = doc.plan.tasks.first.map { "tasks are \($0.id) … \(doc.plan.tasks.last!.id)" } ?? "the plan has no tasks"
            throw fail("no task \(taskID) in \(path) (\(range); see `shuangyong report tasks`)")
        }

        let result: CommitResult
        do {
            result = try doc.commit(edits, by: who, at: Date())
        } catch {
            throw fail(error.description)
        }
        for a in result.applied {
            print(Sanitizer.cleanLines(a.isNoOp ? "\(a.edit.targetID) \(a.change) — nothing to change" : "\(a.line) — saved to \(path)"))
        }
        if !result.recovered.isEmpty {
            shuangyong.note("(\(result.recovered.count) of these were kept in \(doc.recoveryPath) by an earlier run that could not save; they are saved now)")
        }
        if !result.conflicts.isEmpty {
            var text = "conflict — not saved: another desk changed the same field after the version your change is based on:\n"
            for c in result.conflicts { text += "  \(c)\n" }
            text += "The file keeps the other desk's value. To put yours over it, run the command again"
                + (base == nil ? "." : " without --base.")
            shuangyong.note(text)
            throw ExitCode(3)
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
                throw fail(error.description)
            }
            if let backup = try? PlanStore.load(PlanStore.backupPath(for: path)) {
                return PlanDocument(path: path, base: backup)
            }
            throw fail(error.description + "\n(run `shuangyong validate \(path)` to list every problem; nothing was changed)")
        }
    }
}
