import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", _superCommandName: "shuangyong", abstract: L.t("写一个新计划：按年度的内置示例，或用 --blank 写本单位自己的空白计划。",
                                           "Write a new plan: the bundled sample for a year, or with --blank an empty plan of your own."),
        discussion: L.t("""
            本单位自己的计划：`shuangyong init --blank --title "潢川县2027年双拥工作要点" --org "潢川县双拥工作领导小组" \
            --year 2027 plan.json`，再用 `shuangyong unit add`、`section add`、`phase add`、`activity add`、`task add` \
            添加单位、部分、阶段、活动和任务（或导入计划文件 `shuangyong import`）。
            """, """
            An office starting its own plan: `shuangyong init --blank --title "潢川县2027年双拥工作要点" --org "潢川县双拥工作领导小组" \
            --year 2027 plan.json`, then add units, sections, phases, activities and tasks with `shuangyong unit add`, \
            `section add`, `phase add`, `activity add` and `task add` (or import the plan's document).
            """))

    @Option(help: ArgumentHelp(L.t("计划年度（替换示例中的 201x），默认今年。", "The plan year (replaces 201x in the seed). Default: this year."), valueName: L.t("年份", "year")))
    var year: Int?

    @Flag(help: ArgumentHelp(L.t("写空白计划（没有单位、部分、阶段和任务），而不是示例。", "Write an empty plan (no units, sections, phases or tasks) instead of the sample.")))
    var blank = false

    @Option(help: ArgumentHelp(L.t("空白计划的标题，如 潢川县2027年双拥工作要点（--blank 时必填）。", "The blank plan's title, e.g. 潢川县2027年双拥工作要点 (needed with --blank).")))
    var title: String?

    @Option(help: ArgumentHelp(L.t("空白计划的发文单位，如 潢川县双拥工作领导小组。", "The blank plan's issuing body, e.g. 潢川县双拥工作领导小组.")))
    var org: String?

    func validate() throws {
        try langArgument(lang)
        if blank, (title ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(L.t("--blank 需要 --title：计划标题，如 --title \"潢川县2027年双拥工作要点\"",
                                      "--blank needs --title: the plan's title, e.g. --title \"潢川县2027年双拥工作要点\""))
        }
        if !blank, title != nil || org != nil {
            throw ValidationError(L.t("--title 和 --org 只用于 --blank（示例有自己的标题）", "--title and --org are for --blank (the sample has its own)"))
        }
    }

    @Flag(help: ArgumentHelp(L.t("文件已存在时覆盖（旧文件保留为 .bak）。", "Overwrite PATH if it exists (the old file is kept as .bak).")))
    var force = false

    @Option(help: PlanOptions.langHelp) var lang: String?

    @Argument(help: ArgumentHelp(L.t("写到哪里，默认为数据目录中的计划。", "Where to write the plan. Default: the plan in your data directory.")))
    var path: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let y = year ?? Day(instant: Date(), in: TimeZone(identifier: "Asia/Shanghai")!).year
        if let problem = SamplePlan.yearProblem(y) { throw fail(L.t("--year：年份无效（\(problem)）", "--year: invalid year (\(problem))")) }
        let target = path ?? PlanLocation.defaultPath(environment: env)
        try refuseToReplace(target, unless: force)
        let dir = (target as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let plan = blank ? Plan(title: title ?? "", organization: org ?? "", year: y) : SamplePlan.make(year: y)
        try refuseInvalid(plan, "--year \(y)")
        do {
            try PlanStore.save(plan, to: target)
        } catch {
            throw fail(error.message(L.messages) + "\n" + L.t("未写入", "nothing was written"))
        }
        say(blank ? L.t("已写入 \(y) 年空白计划：\(target)", "wrote an empty \(y) plan: \(target)")
                  : L.t("已写入 \(y) 年示例计划：\(target)", "wrote the \(y) sample plan: \(target)"))
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", _superCommandName: "shuangyong", abstract: L.t("检查计划文件，列出每一处问题及其位置。", "Check a plan file and list every problem with its place."))

    @Argument(help: ArgumentHelp(L.t("计划文件，默认为数据目录中的计划。", "The plan file. Default: the plan in your data directory.")))
    var plan: String?

    @Option(help: ArgumentHelp(L.t("界面语言：zh 或 en（默认按系统语言环境）。", "Interface language: zh or en (default: from the locale).")))
    var lang: String?

    func validate() throws { try langArgument(lang) }

    /// "3 units, 1 phase, 2 sections, 40 tasks, 5 activities".
    static func counted(_ p: Plan) -> String {
        let counts: [(Int, String, String)] = [(p.units.count, "unit", "units"), (p.phases.count, "phase", "phases"),
                                               (p.sections.count, "section", "sections"), (p.tasks.count, "task", "tasks"),
                                               (p.activities.count, "activity", "activities")]
        return counts.map { n, one, many in "\(n) \(n == 1 ? one : many)" }.joined(separator: ", ")
    }

    func run() throws {
        let path = try PlanOptions(plan: plan, date: nil, lang: lang).resolvePath()
        do {
            let (p, unknown, notices) = try PlanStore.check(path)
            say(L.t("\(path)：通过——\(p.units.count) 个单位、\(p.phases.count) 个阶段、\(p.sections.count) 个部分、\(p.tasks.count) 项任务、\(p.activities.count) 项活动",
                    "\(path): OK — " + Self.counted(p)))
            if !notices.isEmpty {
                let shown = notices.prefix(20).map { "  \(path): \($0.message(L.messages))" }.joined(separator: "\n")
                let more = notices.count > 20 ? L.t("\n  ……另有 \(notices.count - 20) 处", "\n  … and \(notices.count - 20) more") : ""
                say(L.t("请注意以下 \(notices.count) 处（计划仍可使用）：", "\(notices.count) thing\(notices.count == 1 ? "" : "s") to look at (the plan still works):")
                    + "\n" + shown + more)
            }
            if !unknown.isEmpty {
                let shown = unknown.prefix(20).map { "  \(path): \($0)" }.joined(separator: "\n")
                let more = unknown.count > 20 ? L.t("\n  ……另有 \(unknown.count - 20) 个", "\n  … and \(unknown.count - 20) more") : ""
                say(L.t("保留 \(unknown.count) 个本程序不认识的字段，保存时原样写回原处：",
                        "kept \(unknown.count) member\(unknown.count == 1 ? "" : "s") this program does not know; every save writes them back in place:")
                    + "\n" + shown + more)
            }
        } catch {
            throw fail(error.message(L.messages))
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", _superCommandName: "shuangyong", abstract: L.t("打印报表：timeline（进度）、overdue（逾期）、units（单位）、calendar（日历）、tasks（任务）、remind（催办单）或 bulletin（通报）。",
                                           "Print a report: timeline, overdue, units, calendar, tasks, remind (催办单) or bulletin (通报)."),
        discussion: L.t("""
        --format csv 输出带字节顺序标记（BOM）、CRLF 换行的 UTF-8，中文 Windows 上的 Excel 双击即可正确打开。\
        Excel 会误当作日期或数字的文本（3-1、0012、1/2）写成 ="3-1"，按原样显示。逾期 CSV 每项任务一行（牵头、\
        责任单位合并），上有标题行；--per-unit 为旧的每单位一行。--format xlsx --output 文件 写 Excel 工作簿：\
        overdue、units、tasks 为 逾期督办、单位汇总、任务台账 三张表。
        --month 可写 2026-08、2026/8、2026年8月，本计划年度内也可写 8月。
        """, """
        --format csv writes UTF-8 with a byte-order mark and CRLF line ends: Excel on a Chinese \
        Windows desk opens it correctly by double-click. Text Excel would turn into a date \
        or number (3-1, 0012, 1/2) is written as ="3-1", so Excel shows it as written. The overdue CSV \
        has one row per task (lead and responsible units joined) under a title row; --per-unit gives \
        the old one row per task per unit. --format xlsx --output FILE writes an Excel workbook: for \
        overdue, units and tasks the sheets 逾期督办, 单位汇总 and 任务台账.
        --month takes 2026-08, 2026/8, 2026年8月, or 8月 for the plan year.
        """))

    enum Kind: String, ExpressibleByArgument, CaseIterable { case timeline, overdue, units, calendar, tasks, remind, bulletin }

    @Argument(help: ArgumentHelp(L.t("哪种报表：", "Which report: ") + Kind.allCases.map(\.rawValue).joined(separator: ", ") + L.t("。", ".")))
    var kind: Kind

    // `PlanOptions`, declared here rather than as an option group (see there).
    @Argument(help: PlanOptions.planHelp) var plan: String?
    @Option(help: PlanOptions.dateHelp) var date: String?
    @Option(help: PlanOptions.langHelp) var lang: String?
    var options: PlanOptions { PlanOptions(plan: plan, date: date, lang: lang) }
    @Option(name: PastOptions.name, help: PastOptions.help) var asOf: String?
    var past: PastOptions { PastOptions(asOf: asOf) }

    @Option(help: ArgumentHelp(L.t("日历报表的月份，如 2026-08、2026年8月、8月；默认为本月。", "Month for the calendar report (2026-08, 2026年8月, 8月). Default: the month of today."), valueName: L.t("月份", "YYYY-MM")))
    var month: String?

    // The documents' options (`DocumentOptions`).
    @Option(name: [.short, .long], help: ArgumentHelp("Where --format xlsx writes the workbook.", valueName: "FILE.xlsx"))
    var output: String?

    @Flag(help: "The overdue CSV in its old shape: one row per task per unit (with the unit's role), no title row.")
    var perUnit = false

    @Option(help: "remind: the unit, by id, name or short name. Default: every unit with overdue or due-soon tasks.")
    var unit: String?

    @Option(help: ArgumentHelp("bulletin: the period's first day. Default: 30 days before its last.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("bulletin: the period's last day. Default: today (or --date).", valueName: "YYYY-MM-DD"))
    var to: String?

    var documents: DocumentOptions { DocumentOptions(output: output, perUnit: perUnit, unit: unit, from: from, to: to) }

    @Option(help: ArgumentHelp(L.t("输出格式：text、json、csv 或 xlsx；remind：text 或 xlsx；bulletin：text、markdown 或 xlsx。",
                                   "Output format: text, json, csv or xlsx; remind: text or xlsx; bulletin: text, markdown or xlsx.")))
    var format: String = "text"

    @Option(help: ArgumentHelp(L.t("多少天内到期算作临期。", "Days ahead that count as due soon.")))
    var dueSoon: Int = 7

    func validate() throws {
        try options.validate()
        try past.validate()
        if let month { _ = try monthArgument("--month", month) }
        try documents.validate(kind: kind.rawValue, format: format)
        if dueSoon < 0 || dueSoon > 366 { throw ValidationError(L.t("--due-soon 应为 0…366 天", "--due-soon must be 0…366 days")) }
    }

    func run() throws {
        if try documents.run(kind: kind.rawValue, format: format, options: options, past: past, dueSoon: dueSoon,
                             month: month.flatMap { try? PlanDates.month($0).get() }) { return }
        // These tables print no task texts, notes or history: without `--as-of` (which reads the history)
        // the plan's snapshot need not make them, and a month's calendar only the tasks due in it.
        let now = Date()
        var detail = PlanDetail.summary
        if kind == .calendar {
            let (options, past, month) = (options, past, month)
            detail = .deadlines { plan in
                guard let today = try? past.today(options, for: plan, at: now) else { return nil }
                guard let month else { return YearMonth(today).days }
                return (try? resolvedMonth("--month", month, planYear: plan.year))?.days
            }
        }
        let plan = past.view(try options.load(detail: past.asOf == nil ? detail : .whole).plan)
        let today = try past.today(options, for: plan, at: now)
        let status = PlanStatus(plan: plan, today: today, dueSoonDays: dueSoon)
        let reports = Reports(status: status, lang: options.language)
        let lang = options.language
        let table: ReportTable
        var empty = ""
        switch kind {
        case .timeline: table = reports.timeline()
        case .overdue:
            table = reports.overdue()
            empty = lang.pick("没有逾期或临期的任务。", "No overdue or due-soon tasks.")
        case .units: table = reports.units()
        case .calendar: table = reports.calendar(try month.map { try resolvedMonth("--month", $0, planYear: plan.year) } ?? YearMonth(today))
        case .tasks: table = reports.tasks()
        case .remind, .bulletin: return  // DocumentOptions.run wrote them
        }
        let tableFormat = ReportTable.Format(rawValue: format)!
        if tableFormat == .text {
            // Written in pieces as made: a large report is never whole in memory.
            table.writeText(emptyMessage: empty) { writeStandardOutput($0) }
        } else {
            writeStandardOutput(table.renderBytes(tableFormat, emptyMessage: empty))
        }
        exitAfterOutput()
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", _superCommandName: "shuangyong", abstract: L.t("生成一个大型合成计划，用于性能测试和测试。", "Write a large synthetic plan, for benchmarks and tests."))

    @Option(help: ArgumentHelp(L.t("任务数。", "Number of tasks."))) var tasks: Int = 20_000
    @Option(help: ArgumentHelp(L.t("单位数。", "Number of units."))) var units: Int = 1_000
    @Option(help: ArgumentHelp(L.t("随机种子（种子相同，文件相同）。", "Random seed (the same seed gives the same file)."))) var seed: UInt64 = 1
    @Option(help: ArgumentHelp(L.t("计划年度。", "Plan year."))) var year: Int = 2026
    @Flag(help: ArgumentHelp(L.t("文件已存在时覆盖（旧文件保留为 .bak）。", "Overwrite PATH if it exists (the old file is kept as .bak)."))) var force = false
    @Option(help: PlanOptions.langHelp) var lang: String?
    @Argument(help: ArgumentHelp(L.t("写到哪里。", "Where to write the plan."))) var path: String

    func validate() throws {
        try langArgument(lang)
        if tasks < 0 || tasks > 2_000_000 { throw ValidationError(L.t("--tasks 应为 0…2000000", "--tasks must be 0…2000000")) }
        if units < 1 || units > 100_000 { throw ValidationError(L.t("--units 应为 1…100000", "--units must be 1…100000")) }
        _ = try sampleYearArgument("--year", year)
    }

    func run() throws {
        // As `init`, `import` and `rollover`: a path given by mistake (the office's own plan) is not replaced
        // by a synthetic one, and a second mistake cannot replace the backup of the first.
        try refuseToReplace(path, unless: force)
        let plan = PlanGenerator.make(tasks: tasks, units: units, seed: seed, year: year)
        try refuseInvalid(plan, "--year \(year)")
        do {
            try PlanStore.save(plan, to: path)
        } catch {
            throw fail(error.message(L.messages) + "\n" + L.t("未写入", "nothing was written"))
        }
        say(L.t("已写入 \(tasks) 项任务、\(units) 个单位：\(path)", "wrote \(tasks) tasks, \(units) units: \(path)"))
    }
}

/// Refuses to replace an existing file at `path` unless `force` (`--force`) is given (`init`, `generate`,
/// `import`, `rollover`); the message names the backup that replacing it would keep, and `--out` when the
/// command has it.
func refuseToReplace(_ path: String, unless force: Bool, orOut: Bool = false) throws {
    guard FileManager.default.fileExists(atPath: path), !force else { return }
    let backup = PlanStore.backupPath(for: path)
    throw fail(L.t("\(path) 已存在；要覆盖请加 --force（旧文件保留为 \(backup)）" + (orOut ? "，或用 --out 另选文件名" : ""),
                   "\(path) already exists; use --force to replace it (the old file is kept as \(backup))" + (orOut ? ", or --out to choose another name" : "")))
}

/// Refuses to write a plan the program made that would not load: every date derived from the arguments is
/// checked like a plan file's (`PlanValidation`), so no argument can produce a file that fails `validate`.
func refuseInvalid(_ plan: Plan, _ arguments: String) throws {
    let problems = PlanValidation.problems(in: plan)
    guard !problems.isEmpty else { return }
    throw fail(L.t("\(arguments)：生成的计划无效，未写入：", "\(arguments): the plan made from these arguments is not valid; nothing was written:") + "\n"
               + problems.prefix(5).map { "  \($0.message(L.messages))" }.joined(separator: "\n"))
}
