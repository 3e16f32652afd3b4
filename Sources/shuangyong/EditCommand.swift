import ArgumentParser
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", _superCommandName: "shuangyong",
        abstract: L.t("修改一项任务（状态、进度、截止日期、备注、完成量）并立即保存。",
                      "Change a task — status, progress, due date, a note, the achieved count — and save it at once."),
        discussion: L.t("""
        每项修改都原子地保存，并连同时间和你的名字记入任务的留痕。多个席位可以同时修改一个文件：保存时加锁，\
        合并其他席位在此期间保存的内容，绝不覆盖其他席位改过的字段——那会作为冲突报告（退出状态 3）。\
        状态设为已完成时进度也设为 100%；已完成的任务进度改为低于 100% 时，状态改回进行中。

        状态可写英文 id 或中文：未开始、进行中、已完成、受阻、已取消。截止日期可写 2026-11-15、2026/11/15、\
        2026年11月15日，本计划年度内也可写 11-15 或 11月15日。

        暂时无法保存的修改（另一席位持有锁、磁盘上的文件无效）排入计划旁的恢复文件，由本机下一次保存写入；\
        提示会说明这一点，再次运行命令也不会重复添加。连这也做不到时（磁盘已满），提示会说修改已丢失：请重新运行命令。

        退出状态：0 已保存（或无需更改），1 未保存（提示说明修改是已排队还是已丢失），3 冲突，64 命令写错\
        （值不对、选项不认识），未保存。
        """, """
        Each change is saved atomically and added to the task's history (留痕) with the time and your \
        name. Several desks may edit one file: a save takes a lock, merges what other desks saved \
        meanwhile, and never overwrites a field another desk changed — that is reported as a conflict \
        (exit status 3). Setting the status to done also sets the progress to 100%; a progress below 100% \
        sets a done task back to in progress.

        A change that cannot be saved now (another desk holds the lock, the file on disk is invalid) is \
        queued in the recovery file beside the plan and saved by the next save on this machine: the \
        message says so, and running the command again does not add it twice. When even that is not \
        possible (a full disk), the message says the change is lost: run the command again.

        Statuses may be given by id or in Chinese: 未开始, 进行中, 已完成, 受阻, 已取消. Due dates may be \
        2026-11-15, 2026/11/15, 2026年11月15日, or 11-15 / 11月15日 in the plan year.

        Exit status: 0 saved (or nothing to change), 1 not saved (the message says whether the change is \
        queued or lost), 3 conflict, 64 a mistake in the command (a bad value, an unknown option): not \
        saved.
        """))

    @Argument(help: ArgumentHelp(L.t("任务 id，如 s2-1（`shuangyong report tasks` 列出全部）。", "The task id, e.g. s2-1 (`shuangyong report tasks` lists them)."), valueName: L.t("任务id", "task-id")))
    var taskID: String

    @Option(help: ArgumentHelp(L.t("新状态：", "New status: ") + DeskInput.statusWords + L.t("。", "."), valueName: L.t("状态", "status")))
    var status: String?

    // `.unconditional`: "-5" is this option's value (refused as out of range), not an unknown option.
    @Option(parsing: .unconditional, help: ArgumentHelp(L.t("新进度（百分比，0–100）。", "New progress in percent, 0–100.")))
    var progress: Int?

    @Option(help: ArgumentHelp(L.t("新截止日期（2026-11-15、2026年11月15日、11月15日…），或 none 表示所在阶段结束日。", "New due date (2026-11-15, 2026/11/15, 2026年11月15日, 11-15 …), or \"none\" for the end of the task's phase."), valueName: L.t("日期", "YYYY-MM-DD")))
    var due: String?

    @Option(help: ArgumentHelp(L.t("添加备注（进展情况、佐证材料在哪里）。", "Add a note (a progress remark, where the evidence is).")))
    var note: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(L.t("量化指标的完成量。", "The achieved count of the task's quantified target (完成量).")))
    var targetAchieved: Int?

    @Option(help: ArgumentHelp(L.t("记入留痕的操作人（默认：$SHUANGYONG_USER，否则为登录名）。", "Record the change as made by NAME (default: $SHUANGYONG_USER, else your login name)."), valueName: L.t("姓名", "name")))
    var user: String?

    @Option(help: ArgumentHelp(L.t("你的修改所依据的计划副本：此后计划中被改过的字段作为冲突报告，而不是被覆盖。", "The copy of the plan your change is based on: a field changed in PLAN since then is reported as a conflict instead of being overwritten."), valueName: L.t("文件", "FILE")))
    var base: String?

    // `PlanOptions`, declared here rather than as an option group (see there).
    @Argument(help: PlanOptions.planHelp) var plan: String?
    @Option(help: PlanOptions.dateHelp) var date: String?
    @Option(help: PlanOptions.langHelp) var lang: String?
    var options: PlanOptions { PlanOptions(plan: plan, date: date, lang: lang) }

    func validate() throws {
        try options.validate()
        // The plan named first (or the task id left out): say so, rather than look for a task "plan.json"
        // in the default plan.
        if taskID.hasSuffix(".json") || taskID.contains("/") {
            throw ValidationError(L.t("“\(taskID)”是文件而不是任务 id：先写任务 id，再写计划文件，如 shuangyong edit s2-1 --progress 60 plan.json",
                                      "\"\(taskID)\" is a file, not a task id: give the task id first, then the plan, e.g. shuangyong edit s2-1 --progress 60 plan.json"))
        }
        if status == nil, progress == nil, due == nil, note == nil, targetAchieved == nil {
            throw ValidationError(L.t("没有要修改的内容：请给出 --status、--progress、--due、--note 或 --target-achieved", "nothing to change: give --status, --progress, --due, --note or --target-achieved"))
        }
        if let status, DeskInput.status(status) == nil {
            throw ValidationError(L.t("--status “\(status)”不是状态；可用：未开始、进行中、已完成、受阻、已取消（或 \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))）",
                                      "--status \"\(status)\" is not a status; allowed: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", ")) (or 未开始, 进行中, 已完成, 受阻, 已取消)"))
        }
        if let progress, !(0...100).contains(progress) {
            throw ValidationError(L.t("--progress \(progress) 超出范围；应为 0–100（百分比）", "--progress \(progress) is out of range; allowed: 0–100 (percent)"))
        }
        if let status, DeskInput.status(status) == .done, let progress, progress != 100 {
            throw ValidationError(L.t("--status \(status) 与 --progress \(progress) 矛盾：已完成的任务进度为 100%",
                                      "--status \(status) and --progress \(progress) contradict each other: a done task is at 100%"))
        }
        if let due, due != "none" { _ = try dateArgument("--due", due) }
        if let targetAchieved, targetAchieved < 0 { throw ValidationError(L.t("--target-achieved 不能小于 0", "--target-achieved must be 0 or more")) }
        if let note, note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError(L.t("--note 需要写些内容", "--note needs some text"))
        }
    }

    /// The edits asked for; a due date without a year is in `planYear`.
    func edits(planYear: Int) throws -> [PlanEdit] {
        var out: [PlanEdit] = []
        if let status, let s = DeskInput.status(status) { out.append(.setStatus(taskID: taskID, s)) }
        // Done and 100% asked for together: setting it done sets 100% (and says so), so no second line
        // claims the progress was "already 100%".
        if let progress, !(progress == 100 && status.flatMap(DeskInput.status) == .done) { out.append(.setProgress(taskID: taskID, progress)) }
        if let due { out.append(.setDue(taskID: taskID, due == "none" ? nil : try resolvedDay("--due", due, planYear: planYear))) }
        if let targetAchieved { out.append(.setTargetAchieved(taskID: taskID, targetAchieved)) }
        if let note { out.append(.addNote(taskID: taskID, note)) }
        return out
    }

    func run() throws {
        let path = try options.resolvePath()
        let who = EditUser.resolve(explicit: user)
        let l = messageLanguage.line
        // A change to one task of a file this program wrote is spliced into it (`OneTaskSave`); anything
        // else, and every problem, goes through the whole document below.
        if base == nil, let snapshots = PlanSnapshots.standard(),
           let applied = OneTaskSave.commit(task: taskID, to: path, by: who, at: Date(), snapshots: snapshots,
                                            edits: { try? edits(planYear: $0.year) }) {
            report(applied, savedTo: path)
            exitAfterOutput()
        }
        let doc = try open(path)
        if let reason = doc.readOnlyReason {
            throw fail(l("未保存：\(path) 只读（\(PlanMessagesChinese.readOnlyReason(reason))），未作任何更改", "not saved: \(path) is read-only (\(reason)): nothing was changed."))
        }
        // By index, with the id read once: `contains(where:)` hands the closure a copy of each task (a retain
        // of each of its fields), and `taskID` is a property wrapper's getter.
        let tasks = doc.plan.tasks, id = taskID
        if !tasks.indices.contains(where: { tasks[$0].id == id }) {
            let first = tasks.first?.id, last = tasks.last?.id
            let range = first.map { "tasks are \($0) … \(last!)" } ?? "the plan has no tasks"
            let rangeZH = first.map { "任务为 \($0) … \(last!)" } ?? "计划中没有任务"
            throw fail(l("未保存：\(path) 中没有任务 \(taskID)（\(rangeZH)；见 `shuangyong report tasks`）",
                         "not saved: no task \(taskID) in \(path) (\(range); see `shuangyong report tasks`)"))
        }

        let changes = try edits(planYear: doc.plan.year)
        let result: CommitResult
        do {
            result = try doc.commit(changes, by: who, at: Date())
        } catch {
            // This process ends now: the message says where the change is — queued in the recovery file, or lost.
            throw fail(error.explanation(for: .command, in: messageLanguage))
        }
        report(result.applied, savedTo: path)
        // Queued edits of earlier runs saved now (those that conflicted are listed with the conflicts below).
        let recovered = result.applied.filter(\.isRecovered).count
        if recovered > 0 {
            shuangyong.note(l("其中 \(recovered) 项是之前未能保存、排队在 \(doc.recoveryPath) 中的修改，现已写入计划",
                              "\(recovered) of these had been queued in \(doc.recoveryPath) by an earlier run that could not save; they are in the plan now"))
        }
        // Run again while the same change was queued: it is not applied or queued a second time. Unless this
        // run saved the queued copy (above), it stays queued for the session that queued it.
        for q in result.alreadyQueued where !q.isQueued(in: result.recovered) {
            shuangyong.note("\(q.edit.targetID) \(q.edit.field.label) — "
                + l("已在 \(doc.recoveryPath) 中排队，不再重复；本机下一次保存时写入计划",
                    "already queued in \(doc.recoveryPath), not queued again: it will be saved by the next save on this machine"))
        }
        if !result.conflicts.isEmpty {
            var text = l("冲突，未保存：另一席位在你的修改所依据的版本之后改了同一字段",
                         "conflict — not saved: another desk changed the same field after the version your change is based on") + ":\n"
            for c in result.conflicts { text += "  \(c.message(L.messages))\n" }
            text += l("你的值没有保存，已丢失；文件保留对方的值。要用你的值覆盖，请重新运行命令" + (base == nil ? "" : "（不带 --base）"),
                      "your value is not saved and is lost: the file keeps the other desk's value. To put yours over it, run the command again"
                        + (base == nil ? "" : " without --base"))
            shuangyong.note(text)
            throw ExitCode(3)
        }
        // Saved and said: end without freeing the plan piece by piece (a tenth of an edit's instructions).
        exitAfterOutput()
    }

    /// A line for each edit: saved to `path`, or nothing to change.
    private func report(_ applied: [AppliedEdit], savedTo path: String) {
        let l = messageLanguage.line
        for a in applied {
            say(a.isNoOp ? "\(a.edit.targetID) \(a.change) — " + l("无需更改", "nothing to change")
                         : "\(a.line) — " + l("已保存到 \(path)", "saved to \(path)"))
        }
    }

    /// Messages follow the run's language: `--lang`, else the locale (`L`).
    private var messageLanguage: MessageLanguage { L.messages }

    /// Opens the plan. When the file is not a valid plan, the change is still validated against the last
    /// good version and kept in the recovery file by the commit, which refuses to overwrite it. The last
    /// good version is the one this program last read or wrote (its snapshot), else the backup — which is
    /// one save older: a field saved last would then look changed by another desk.
    private func open(_ path: String) throws -> PlanDocument {
        if let base {
            do {
                return PlanDocument(path: path, base: try PlanStore.load(base))
            } catch {
                throw fail("--base: " + error.message(messageLanguage))
            }
        }
        do {
            return try PlanDocument(path: path, options: .init(snapshots: PlanSnapshots.standard()))
        } catch {
            if case .io = error {
                throw fail(error.message(messageLanguage) + "\n" + messageLanguage.line("未保存，未作任何更改", "not saved; nothing was changed"))
            }
            if let known = PlanSnapshots.standard()?.lastKnown(for: path) ?? (try? PlanStore.load(PlanStore.backupPath(for: path))) {
                return PlanDocument(path: path, base: known)
            }
            throw fail(error.message(messageLanguage) + "\n" + L.t("（运行 `shuangyong validate \(path)` 列出每一处问题；未作任何更改）", "(run `shuangyong validate \(path)` to list every problem; nothing was changed)"))
        }
    }
}

extension EditCommand {
    /// The options `direct` reads, each followed by its value: all of `edit`'s but help (a test compares
    /// them with those `edit --help` lists).
    static let directOptions = ["--status", "--progress", "--due", "--note", "--target-achieved", "--user", "--base", "--date", "--lang"]

    /// The command that `arguments` (those after `edit`) ask for, read without ArgumentParser when they
    /// have the plain shape (`DeskInput.plainArguments`: the task id, `--option value` pairs, the plan)
    /// and pass `validate()`; nil for anything else, which ArgumentParser then reads, with its messages.
    /// ArgumentParser's reading — reflection over the command's options — was 1.5 ms of a 17 ms edit.
    /// `SHUANGYONG_ARGUMENTS=library` turns this off; a test runs each shape both ways and compares.
    static func direct(_ arguments: [String]) -> EditCommand? {
        guard let (values, positionals) = DeskInput.plainArguments(arguments, options: directOptions),
              (1...2).contains(positionals.count) else { return nil }
        func value(_ option: String) -> String? { values[directOptions.firstIndex(of: option)!] }
        // A count that is not a number is left to ArgumentParser, which names the option in its message.
        func count(_ option: String) -> Int?? {
            guard let text = value(option) else { return .some(nil) }
            return Int(text).map { .some($0) } ?? nil
        }
        guard let progress = count("--progress"), let targetAchieved = count("--target-achieved") else { return nil }
        var command = EditCommand()
        command.taskID = positionals[0]
        command.plan = positionals.count > 1 ? positionals[1] : nil
        command.status = value("--status")
        command.progress = progress
        command.due = value("--due")
        command.note = value("--note")
        command.targetAchieved = targetAchieved
        command.user = value("--user")
        command.base = value("--base")
        command.date = value("--date")
        command.lang = value("--lang")
        guard (try? command.validate()) != nil else { return nil }
        return command
    }
}
