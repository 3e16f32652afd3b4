import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a new plan: the bundled sample for a year, or with --blank an empty plan of your own.",
        discussion: """
        An office starting its own plan: `shuangyong init --blank --title "潢川县2027年双拥工作要点" --org "潢川县双拥工作领导小组" \
        --year 2027 plan.json`, then add units, sections, phases, activities and tasks with `shuangyong unit add`, \
        `section add`, `phase add`, `activity add` and `task add` (or import the plan's document).
        """)

    @Option(help: "The plan year (replaces 201x in the seed). Default: this year.")
    var year: Int?

    @Flag(help: "Write an empty plan (no units, sections, phases or tasks) instead of the sample.")
    var blank = false

    @Option(help: "The blank plan's title, e.g. 潢川县2027年双拥工作要点 (needed with --blank).")
    var title: String?

    @Option(help: "The blank plan's issuing body, e.g. 潢川县双拥工作领导小组.")
    var org: String?

    func validate() throws {
        if blank, (title ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--blank needs --title: the plan's title, e.g. --title \"潢川县2027年双拥工作要点\"")
        }
        if !blank, title != nil || org != nil { throw ValidationError("--title and --org are for --blank (the sample has its own)") }
    }

    @Flag(help: "Overwrite PATH if it exists.")
    var force = false

    @Argument(help: "Where to write the plan. Default: the plan in your data directory.")
    var path: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let y = year ?? Day(instant: Date(), in: TimeZone(identifier: "Asia/Shanghai")!).year
        if let problem = SamplePlan.yearProblem(y) { throw fail("--year: 年份无效 (\(problem))") }
        let target = path ?? PlanLocation.defaultPath(environment: env)
        if FileManager.default.fileExists(atPath: target), !force {
            throw fail("\(target) already exists; use --force to replace it (the old file is kept as \(PlanStore.backupPath(for: target)))")
        }
        let dir = (target as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        let plan = blank ? Plan(title: title ?? "", organization: org ?? "", year: y) : SamplePlan.make(year: y)
        try refuseInvalid(plan, "--year \(y)")
        do {
            try PlanStore.save(plan, to: target)
        } catch {
            throw fail(error.description + "\n未写入 (nothing was written)")
        }
        say(blank ? "已写入 \(y) 年空白计划 (wrote an empty \(y) plan): \(target)" : "已写入 \(y) 年示例计划 (wrote the \(y) sample plan): \(target)")
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a plan file and list every problem with its place.")

    @Argument(help: "The plan file. Default: the plan in your data directory.")
    var plan: String?

    func run() throws {
        let path = try PlanOptions.parse(plan.map { [$0] } ?? []).resolvePath()
        do {
            let (p, unknown) = try PlanStore.inspect(path)
            say("\(path): OK — \(p.units.count) units, \(p.phases.count) phases, \(p.sections.count) sections, \(p.tasks.count) tasks, \(p.activities.count) activities")
            if !unknown.isEmpty {
                let shown = unknown.prefix(20).map { "  \(path): \($0)" }.joined(separator: "\n")
                let more = unknown.count > 20 ? "\n  … 另有 \(unknown.count - 20) 个 (and \(unknown.count - 20) more)" : ""
                say("保留 \(unknown.count) 个本程序不认识的字段，保存时原样写回原处 "
                    + "(kept \(unknown.count) member\(unknown.count == 1 ? "" : "s") this program does not know; every save writes them back in place):\n"
                    + shown + more)
            }
        } catch {
            throw fail(error.description)
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print a report: timeline, overdue, units, calendar or tasks.",
        discussion: """
        --format csv writes UTF-8 with a byte-order mark and CRLF line ends: Excel on a Chinese \
        Windows desk opens it correctly by double-click. Text Excel would turn into a date \
        or number (3-1, 0012, 1/2) is written as ="3-1", so Excel shows it as written.
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case timeline, overdue, units, calendar, tasks }

    @Argument(help: "Which report: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: Kind

    @OptionGroup var options: PlanOptions

    @Option(help: ArgumentHelp("Month for the calendar report (YYYY-MM). Default: the month of today.", valueName: "YYYY-MM"))
    var month: String?

    @Option(help: "Output format: text, json or csv.")
    var format: String = "text"

    @Option(help: "Days ahead that count as due soon.")
    var dueSoon: Int = 7

    func validate() throws {
        if let month { _ = try monthArgument("--month", month) }
        if ReportTable.Format(rawValue: format) == nil { throw ValidationError("--format must be text, json or csv") }
        if dueSoon < 0 || dueSoon > 366 { throw ValidationError("--due-soon must be 0…366 days") }
    }

    func run() throws {
        let (_, plan) = try options.load()
        let today = options.today(for: plan)
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
        case .calendar: table = reports.calendar(month.flatMap { try? PlanDates.month($0).get() } ?? YearMonth(today))
        case .tasks: table = reports.tasks()
        }
        writeStandardOutput(table.renderBytes(ReportTable.Format(rawValue: format)!, emptyMessage: empty))
        exitAfterOutput()
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a large synthetic plan, for benchmarks and tests.")

    @Option(help: "Number of tasks.") var tasks: Int = 20_000
    @Option(help: "Number of units.") var units: Int = 1_000
    @Option(help: "Random seed (the same seed gives the same file).") var seed: UInt64 = 1
    @Option(help: "Plan year.") var year: Int = 2026
    @Argument(help: "Where to write the plan.") var path: String

    func validate() throws {
        if tasks < 0 || tasks > 2_000_000 { throw ValidationError("--tasks must be 0…2000000") }
        if units < 1 || units > 100_000 { throw ValidationError("--units must be 1…100000") }
        _ = try sampleYearArgument("--year", year)
    }

    func run() throws {
        let plan = PlanGenerator.make(tasks: tasks, units: units, seed: seed, year: year)
        try refuseInvalid(plan, "--year \(year)")
        do {
            try PlanStore.save(plan, to: path)
        } catch {
            throw fail(error.description + "\n未写入 (nothing was written)")
        }
        say("已写入 \(tasks) 项任务、\(units) 个单位 (wrote \(tasks) tasks, \(units) units): \(path)")
    }
}

/// Refuses to write a plan the program made that would not load: every date derived from the arguments is
/// checked like a plan file's (`PlanValidation`), so no argument can produce a file that fails `validate`.
func refuseInvalid(_ plan: Plan, _ arguments: String) throws {
    let problems = PlanValidation.problems(in: plan)
    guard !problems.isEmpty else { return }
    throw fail("\(arguments): 生成的计划无效，未写入 (the plan made from these arguments is not valid; nothing was written):\n"
               + problems.prefix(5).map { "  \($0)" }.joined(separator: "\n"))
}
