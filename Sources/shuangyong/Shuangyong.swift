import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// The program's version, shown by `shuangyong --version` (issue 12). Raise it when a release changes the
/// plan file or the command line.
let shuangyongVersion = "0.12.0"

@main
struct Shuangyong: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shuangyong",
        abstract: L.t("双拥工作计划看板：在终端里查看和维护县级双拥工作计划。",
                      "双拥工作计划看板 — a terminal dashboard for a county's 双拥 work plan."),
        usage: L.t("""
            shuangyong [计划文件] [--kiosk [--rotate N]] [--theme 主题] [--date 日期] [--lang zh|en]
              shuangyong <子命令> [选项]
            """, """
            shuangyong [PLAN] [--kiosk [--rotate N]] [--theme THEME] [--date YYYY-MM-DD] [--lang zh|en]
              shuangyong <subcommand> [options]
            """),
        discussion: L.t("""
            不带子命令时，在计划文件上打开看板（默认：数据目录中的计划，首次使用时根据示例创建）。
            办公室大屏：shuangyong 计划.json --kiosk [--rotate 秒数]，只读轮播各视图，大字时钟与数字，按 q 再按 y 退出；\
            --rotate 为每个视图停留的秒数（3…3600，默认 20），默认使用高对比度主题。
            看板选项：--theme（default、light、high-contrast、mono 或 .theme 文件）、--no-mouse、--user 姓名、\
            --date 日期（把这一天当作今天）、--lang zh|en。
            """, """
            With no subcommand, opens the dashboard on PLAN (default: your plan in the data directory, \
            created from the bundled sample on first use).
            Office screen: shuangyong PLAN --kiosk [--rotate N] rotates through the views read-only, with a large \
            clock and figures; quit with q then y. --rotate is the seconds each view stays on (3…3600, default 20); \
            the high-contrast theme is the default there.
            Dashboard options: --theme (default, light, high-contrast, mono, or a .theme file), --no-mouse, \
            --user NAME, --date YYYY-MM-DD (treat that day as today), --lang zh|en.
            """),
        version: shuangyongVersion,
        subcommands: [DashboardCommand.self, InitCommand.self, ValidateCommand.self, ReportCommand.self,
                      RenderCommand.self, GenerateCommand.self, EditCommand.self, ImportCommand.self, RolloverCommand.self,
                      PlanCommand.self, UnitCommand.self, SectionCommand.self, PhaseCommand.self, ActivityCommand.self, TaskCommand.self]
    )

    /// The subcommands' names, for routing and for "did you mean".
    static var subcommandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// `shuangyong [PLAN] [options]` opens the dashboard. ArgumentParser's `defaultSubcommand` would let
    /// PLAN swallow the other subcommands' names, so the choice is made here (issue 12): a known
    /// subcommand name (or a request for help or the version) goes to the command tree; a first word that
    /// is an existing file or ends in `.json`, or an option, goes to `dashboard`; a word within two edits
    /// of a subcommand (`reprot`) is answered with "did you mean"; anything else goes to `dashboard`,
    /// which says the file is missing.
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        // `edit` in its plain shape is read without ArgumentParser (`EditCommand.direct`), unless
        // SHUANGYONG_ARGUMENTS=library asks for ArgumentParser's reading of every command line.
        if args.first == "edit", getenv("SHUANGYONG_ARGUMENTS").map({ String(cString: $0) }) != "library",
           let command = EditCommand.direct(Array(args.dropFirst())) {
            tuneMalloc()
            execute(command)
        }
        let names = Set(subcommandNames + ["--help", "-h", "--version"])
        guard let first = args.first else { run(["dashboard"]) }
        if names.contains(first) {
            if first != "dashboard" { tuneMalloc(hugePagesFrom: readOnlyCommands.contains(first) ? 16 << 20 : 0) }
            if let subcommand = configuration.subcommands.first(where: { $0._commandName == first }) {
                runDirect(subcommand, args)
            }
            run(args)
        }
        if first.hasPrefix("-") || first.lowercased().hasSuffix(".json") || FileManager.default.fileExists(atPath: first) {
            run(["dashboard"] + args)
        }
        if let guess = CommandSuggestion.closest(to: first, among: subcommandNames) {
            note(L.t("shuangyong：没有子命令“\(first)”。是否要输入：shuangyong \(guess)？（打开计划文件请写出完整文件名，如 \(first).json；子命令列表见 shuangyong --help）",
                     "shuangyong: there is no subcommand \"\(first)\". Did you mean: shuangyong \(guess)? (To open a plan file, give its whole name, e.g. \(first).json; `shuangyong --help` lists the subcommands.)"))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        run(["dashboard"] + args)
    }

    /// The commands that read a plan (its snapshot, usually) and print: their heap is given 2 MB pages only
    /// past its first 16 MB (`tuneMalloc`). Not `validate`, which reads the whole file into a heap of 65 MB
    /// at 20,000 tasks, where 2 MB pages pay.
    static let readOnlyCommands: Set<String> = ["report", "render"]

    /// How this process's heap is kept, for a command that makes a plan's worth of blocks and exits (not the
    /// dashboard, which runs for hours and should hand freed memory back):
    /// - blocks up to 32 MB (a 10 MB plan file read whole, the file being written) come from the heap, not
    ///   each from its own `mmap` that is faulted in page by page and unmapped when freed;
    /// - the heap grows 256 MB at a time (address space: pages count once touched) and is not trimmed back;
    /// - and past its first `hugePagesFrom` bytes it is backed by 2 MB pages where the kernel has them
    ///   (transparent huge pages, `madvise` mode), as `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` would ask: one
    ///   fault instead of 512.
    /// An edit at 20,000 tasks takes 1,150 page faults instead of 15,500 (45 ms instead of 83); `report
    /// units` at 100,000 tasks 33 ms instead of 53. A 2 MB page is resident whole once touched, so the
    /// heap's last one is mostly empty: a report keeps its first 16 MB (all of it, at 20,000 tasks) in
    /// 4 kB pages, 1.2 MB less peak memory for 1–3 ms more (DECISIONS.md).
    static func tuneMalloc(hugePagesFrom offset: Int = 0) {
        #if os(Linux)
        // glibc's `int mallopt(int, int)` from <malloc.h>, which the Glibc module does not bring in; its
        // parameters M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3 (at most 32 MB on 64-bit glibc).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 32 << 20)
        _ = mallopt(-2, 256 << 20)
        _ = mallopt(-1, 512 << 20)
        // A block larger than what is left at the heap's top makes it grow by the pad now; freed, it stays.
        guard let block = malloc(1 << 20) else { return }
        let start = UInt(bitPattern: block)
        free(block)
        let end = UInt(bitPattern: sbrk(0))
        let huge: UInt = 2 << 20
        let from = (start + UInt(offset) + huge - 1) & ~(huge - 1)
        if end > from + huge, let region = UnsafeMutableRawPointer(bitPattern: from) {
            _ = madvise(region, Int(end - from), MADV_HUGEPAGE)
        }
        #endif
    }

    /// Parses and runs a command like ArgumentParser's `main`, except that its own messages (a bad value,
    /// an unknown option, help) are sanitised too: they quote the arguments, which may hold control
    /// characters (an OSC 52 clipboard write, a title change) that must not reach the terminal.
    static func run(_ args: [String]) -> Never {
        do {
            execute(try parseAsRoot(args))
        } catch {
            exit(reporting: error)
        }
    }

    /// Runs `args` (a subcommand's name, then its arguments) by parsing the arguments with the subcommand as
    /// the root of the tree: the whole tree costs ArgumentParser a conformance scan for every property
    /// wrapper of every command it looks at. Whatever that parse does not turn into one of our commands (a
    /// mistake, a request for help or the version, a completion script) is parsed again from the top by
    /// `run`, so messages name the whole command (`shuangyong report …`) and are those of the tree.
    static func runDirect(_ subcommand: ParsableCommand.Type, _ args: [String]) -> Never {
        guard let command = try? subcommand.parseAsRoot(Array(args.dropFirst())),
              subcommand.tree(contains: type(of: command)) else { run(args) }
        execute(command)
    }

    /// Runs a parsed command; its errors are reported like the parser's.
    static func execute(_ parsed: ParsableCommand) -> Never {
        var command = parsed
        do {
            try command.run()
        } catch {
            exit(reporting: error)
        }
        Foundation.exit(ExitCode.success.rawValue)
    }

    /// Prints the message for `error` (sanitised, in this run's language) and exits with its status.
    static func exit(reporting error: Error) -> Never {
        let text = L.translateParserOutput(fullMessage(for: error))
        let code = exitCode(for: error)
        if !text.isEmpty {
            let clean = Array((Sanitizer.cleanLines(text) + "\n").utf8)
            if code == .success { writeStandardOutput(clean) } else { writeStandardError(clean) }
        }
        Foundation.exit(code.rawValue)
    }
}

extension ParsableCommand {
    /// Whether `command` is this command or one of its subcommands, at any depth.
    static func tree(contains command: ParsableCommand.Type) -> Bool {
        command == self || configuration.subcommands.contains { $0.tree(contains: command) }
    }
}

/// Prints a line for a person to stdout, control characters shown as symbols (it may quote a path or a
/// value from the command line or a plan file).
func say(_ message: String) {
    print(Sanitizer.cleanLines(message))
}

/// Prints a message for a person to stderr and returns status 1 to exit with. Messages quote values from
/// plan files (ids, dates, names), so control characters are shown as symbols, never sent to the terminal.
func fail(_ message: String) -> ExitCode {
    note(message.hasSuffix("\n") ? String(message.dropLast()) : message)
    return ExitCode.failure
}

/// Prints a line for a person to stderr, sanitised like `fail`.
func note(_ message: String) {
    writeStandardError(Array((Sanitizer.cleanLines(message) + "\n").utf8))
}

/// Options shared by every command that reads a plan.
///
/// The commands whose start-up is measured (`report`, `edit`, `render`) declare these three themselves, with
/// the same help (`planHelp`, `dateHelp`, `langHelp`), and make this value of them (`init(plan:date:lang:)`),
/// calling `validate()` first in theirs: as an option group it costs every run four of the runtime's
/// protocol-conformance scans (see `PastOptions`). The others use it as an option group.
struct PlanOptions: ParsableArguments {
    @Argument(help: PlanOptions.planHelp) var plan: String?
    @Option(help: PlanOptions.dateHelp) var date: String?
    @Option(help: PlanOptions.langHelp) var lang: String?

    static var planHelp: ArgumentHelp {
        ArgumentHelp(L.t("计划文件（JSON）。默认：$XDG_DATA_HOME/shuangyong/plan.json，首次使用时根据示例创建。",
                         "The plan file (JSON). Default: $XDG_DATA_HOME/shuangyong/plan.json, created from the sample on first use."),
                     valueName: L.t("计划文件", "plan"))
    }

    static var dateHelp: ArgumentHelp {
        ArgumentHelp(L.t("把这一天当作今天（2026-10-15、2026年10月15日，或本计划年度的 10-15）。",
                         "Treat this day as today (2026-10-15, 2026/10/15, 2026年10月15日, or 10-15 in the plan year)."),
                     valueName: L.t("日期", "YYYY-MM-DD"))
    }

    static var langHelp: ArgumentHelp {
        ArgumentHelp(L.t("界面语言：zh 或 en（默认按系统语言环境）。", "Interface language: zh or en (default: from the locale)."))
    }

    func validate() throws {
        if let date { _ = try dateArgument("--date", date) }
        try langArgument(lang)
    }

    /// The path of the plan, creating the default one on first use (and saying where).
    func resolvePath() throws -> String {
        if let plan { return plan }
        let env = ProcessInfo.processInfo.environment
        do {
            let year = Day(instant: Date(), in: TimeZone(identifier: "Asia/Shanghai")!).year
            let (path, created) = try PlanLocation.ensureDefault(environment: env, year: year)
            if created { note(L.t("已根据示例创建计划文件：\(path)", "created your plan from the bundled sample: \(path)")) }
            return path
        } catch {
            throw fail(error.message(L.messages))
        }
    }

    /// The plan at `plan` (or the default place); `detail` as `PlanStore.load` takes it.
    func load(detail: PlanDetail = .whole) throws -> (path: String, plan: Plan) {
        let path = try resolvePath()
        do {
            return (path, try PlanStore.load(path, snapshots: PlanSnapshots.standard(), detail: detail))
        } catch {
            throw fail(error.message(L.messages) + "\n" + validateHint(path))
        }
    }

    /// Today in the plan's time zone, or the `--date` override (a date without a year is in the plan year).
    func today(for plan: Plan, at instant: Date = Date()) throws -> Day {
        guard let date else { return plan.today(at: instant) }
        return try resolvedDay("--date", date, planYear: plan.year)
    }

    var language: Dashboard.Language {
        lang.flatMap(Dashboard.Language.init(rawValue:)) ?? .fromEnvironment(L.localeEnvironment)
    }
}

extension PlanOptions {
    /// The options as given to a command that declares them itself.
    init(plan: String?, date: String?, lang: String?) {
        self.init()
        self.plan = plan
        self.date = date
        self.lang = lang
    }
}

/// "(run `shuangyong validate PATH` to list every problem)", in this run's language.
func validateHint(_ path: String) -> String {
    L.t("（运行 `shuangyong validate \(path)` 列出每一处问题）", "(run `shuangyong validate \(path)` to list every problem)")
}

/// `--lang` is zh or en (it was read before parsing, `L.language`; here a wrong value is refused).
func langArgument(_ lang: String?) throws {
    if let lang, !["zh", "en"].contains(lang) { throw ValidationError(L.t("--lang 只能是 zh 或 en", "--lang must be zh or en")) }
}

/// A date given on the command line in any form a desk writes (`DeskInput.date`); `option` names the option.
func dateArgument(_ option: String, _ text: String) throws -> DeskInput.DateText {
    switch DeskInput.date(text) {
    case let .success(date): return date
    case let .failure(problem): throw ValidationError(dateMessage(option, problem))
    }
}

/// A date given on the command line, resolved in the plan's year when it has none, and checked like every
/// day of a plan (`PlanDates`: 1900-01-01 … 9999-12-31).
func resolvedDay(_ option: String, _ text: String, planYear: Int) throws -> Day {
    switch DeskInput.day(text, planYear: planYear) {
    case let .success(day): return day
    case let .failure(problem): throw fail(dateMessage(option, problem))
    }
}

/// A month given on the command line (`DeskInput.month`: 2026-08, 2026年8月, 8月 …).
func monthArgument(_ option: String, _ text: String) throws -> DeskInput.MonthText {
    switch DeskInput.month(text) {
    case let .success(month): return month
    case let .failure(problem): throw ValidationError(dateMessage(option, problem))
    }
}

/// A month given on the command line, in the plan's year when it has none.
func resolvedMonth(_ option: String, _ text: String, planYear: Int) throws -> YearMonth {
    switch DeskInput.month(text).flatMap({ $0.resolved(planYear: planYear) }) {
    case let .success(month): return month
    case let .failure(problem): throw fail(dateMessage(option, problem))
    }
}

func dateMessage(_ option: String, _ problem: DateProblem) -> String {
    L.t("\(option)：\(problem.messageZH ?? problem.message)", "\(option): \(problem.message)")
}

/// A plan year given on the command line for the sample or a generated plan: checked with the dates the
/// plan derives from it (its phases run to the end of year + 2).
func sampleYearArgument(_ option: String, _ year: Int) throws -> Int {
    if let problem = SamplePlan.yearProblem(year) { throw ValidationError(L.t("\(option)：年份无效（\(problem)）", "\(option): invalid year (\(problem))")) }
    return year
}

