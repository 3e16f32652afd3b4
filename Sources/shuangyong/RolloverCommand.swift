import ArgumentParser
import Foundation
import PlanFile
import ShuangyongKit

/// `shuangyong rollover PLAN --year 2027 [--out NEW]`: next year's plan from this year's (issue 12; the rules
/// are `Rollover.nextYear`'s). The old plan is only read; the new one is written atomically (`PlanStore.save`).
struct RolloverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollover", _superCommandName: "shuangyong",
        abstract: L.t("根据本年度计划生成下一年度计划（结转）。", "Write next year's plan from this year's (结转)."),
        discussion: L.t("""
            本年度各阶段和截止日期顺延一年（月末仍为月末，2月29日落在2月28日），农历活动落在下一年的农历日期；\\
            状态、进度和完成量从头开始；未完成的任务标为“结转”，注明来自哪个文件的哪项任务及当时的状态和进度；\\
            跨年阶段（如巩固提高）中的任务保留日期和进度。备注和留痕留在原文件中，不复制。原计划文件不作任何改动。
            """, """
            Phases of the plan year and due dates move by a year (a month's last day stays the last day, \\
            Feb 29 falls on Feb 28); lunar activities land on next year's lunar dates; statuses, progress and \\
            achieved counts start over; unfinished tasks are marked as carried over (结转) with the file, task, \\
            status and progress they came from; tasks of a phase that runs past the year (巩固提高) keep their \\
            dates and state. Notes and history stay in the old file. The old plan is not changed.
            """))

    @OptionGroup var options: PlanOptions

    @Option(help: ArgumentHelp(L.t("新计划的年度（默认：原计划年度 + 1）。", "The new plan's year (default: the plan's year + 1)."),
                               valueName: L.t("年份", "YEAR")))
    var year: Int?

    @Option(help: ArgumentHelp(L.t("新计划写到哪里（默认：原文件旁，如 plan-2027.json）。",
                                   "Where to write the new plan (default: beside the old one, e.g. plan-2027.json)."),
                               valueName: L.t("新文件", "NEW")))
    var out: String?

    @Flag(help: ArgumentHelp(L.t("新文件已存在时覆盖它（旧文件保留为 .bak）。", "Overwrite NEW if it exists (the old file is kept as .bak).")))
    var force = false

    @Option(help: ArgumentHelp(L.t("记入留痕的操作人（默认：$SHUANGYONG_USER，否则为登录名）。",
                                   "Record the rollover as made by NAME (default: $SHUANGYONG_USER, else your login name)."),
                               valueName: L.t("姓名", "NAME")))
    var user: String?

    func run() throws {
        let (path, plan) = try options.load()
        let newYear = year ?? plan.year + 1
        if let problem = Rollover.yearProblem(from: plan, to: newYear) {
            throw fail(L.t("--year：年份无效（\(problem)），应晚于原计划年度 \(plan.year)", "--year: \(problem)"))
        }
        let target = out ?? Rollover.defaultPath(for: path, oldYear: plan.year, newYear: newYear)
        if Self.isSameFile(target, path) {
            throw fail(L.t("--out：\(target) 就是原计划文件；原计划不作改动，请另选文件名",
                           "--out: \(target) is the old plan itself; the old plan is never changed, choose another name"))
        }
        try refuseToReplace(target, unless: force, orOut: true)
        let env = ProcessInfo.processInfo.environment
        let who = EditUser.resolve(explicit: user, environment: env)
        let at = PlanEdit.timestamp(Date(), in: plan.timeZone)
        let next = Rollover.nextYear(plan, to: newYear, sourceFile: (path as NSString).lastPathComponent, at: at, by: who)
        try refuseInvalid(next, "--year \(newYear)")
        do {
            try PlanStore.save(next, to: target)
        } catch {
            throw fail(error.message(L.messages) + "\n" + L.t("未写入", "nothing was written"))
        }
        let carried = Rollover.carriedOver(in: next).count
        let kept = next.tasks.filter { t in plan.phases.contains { $0.id == t.phaseID && Rollover.isMultiYear($0, planYear: plan.year) } }.count
        say(L.t("已写入 \(newYear) 年计划：\(target)（结转 \(carried) 项未完成任务；跨年阶段 \(kept) 项任务保留日期和进度；原计划 \(path) 未改动）",
                "wrote the \(newYear) plan: \(target) (\(carried) unfinished task\(carried == 1 ? "" : "s") carried over; "
                + "\(kept) task\(kept == 1 ? "" : "s") of multi-year phases keep their dates and state; \(path) is unchanged)"))
    }

    /// Whether two paths name one file (the same device and inode, or the same path through links).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        if AtomicFile.resolvingSymlink(a) == AtomicFile.resolvingSymlink(b) { return true }
        guard let x = try? FileManager.default.attributesOfItem(atPath: a), let y = try? FileManager.default.attributesOfItem(atPath: b) else {
            return false
        }
        return (x[.systemNumber] as? Int) == (y[.systemNumber] as? Int) && (x[.systemFileNumber] as? Int) == (y[.systemFileNumber] as? Int)
    }
}
