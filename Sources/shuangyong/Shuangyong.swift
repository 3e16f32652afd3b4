import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

@main
struct Shuangyong: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shuangyong",
        abstract: "双拥工作计划看板 — a terminal dashboard for a county's 双拥 work plan.",
        discussion: """
        With no subcommand, opens the dashboard on PLAN (default: your plan in the data directory, \
        created from the bundled sample on first use).
        """,
        subcommands: [DashboardCommand.self, InitCommand.self, ValidateCommand.self, ReportCommand.self,
                      RenderCommand.self, GenerateCommand.self, EditCommand.self, ImportCommand.self,
                      PlanCommand.self, UnitCommand.self, SectionCommand.self, PhaseCommand.self, ActivityCommand.self, TaskCommand.self]
    )

    /// `shuangyong [PLAN] [options]` opens the dashboard. ArgumentParser's `defaultSubcommand` would let
    /// PLAN swallow the other subcommands' names, so the choice is made here: a known subcommand name
    /// (or a request for help) goes to the command tree, anything else to `dashboard`.
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        let names = Set(configuration.subcommands.map { $0._commandName } + ["help", "--help", "-h", "--version"])
        if let first = args.first, names.contains(first) {
            run(args)
        } else {
            run(["dashboard"] + args)
        }
    }

    /// Parses and runs a command like ArgumentParser's `main`, except that its own messages (a bad value,
    /// an unknown option, help) are sanitised too: they quote the arguments, which may hold control
    /// characters (an OSC 52 clipboard write, a title change) that must not reach the terminal.
    static func run(_ args: [String]) -> Never {
        do {
            var command = try parseAsRoot(args)
            try command.run()
            Foundation.exit(ExitCode.success.rawValue)
        } catch {
            let text = fullMessage(for: error)
            let code = exitCode(for: error)
            if !text.isEmpty {
                let clean = Data((Sanitizer.cleanLines(text) + "\n").utf8)
                if code == .success { FileHandle.standardOutput.write(clean) } else { FileHandle.standardError.write(clean) }
            }
            Foundation.exit(code.rawValue)
        }
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
    FileHandle.standardError.write(Data((Sanitizer.cleanLines(message) + "\n").utf8))
}

/// Options shared by every command that reads a plan.
struct PlanOptions: ParsableArguments {
    @Argument(help: "The plan file (JSON). Default: $XDG_DATA_HOME/shuangyong/plan.json, created from the sample on first use.")
    var plan: String?

    @Option(help: ArgumentHelp("Treat this day as today (YYYY-MM-DD).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: "Interface language: zh or en (default: from the locale).")
    var lang: String?

    func validate() throws {
        if let date { _ = try dayArgument("--date", date) }
        if let lang, !["zh", "en"].contains(lang) { throw ValidationError("--lang must be zh or en") }
    }

    /// The path of the plan, creating the default one on first use (and saying where).
    func resolvePath() throws -> String {
        if let plan { return plan }
        let env = ProcessInfo.processInfo.environment
        do {
            let year = Day(instant: Date(), in: TimeZone(identifier: "Asia/Shanghai")!).year
            let (path, created) = try PlanLocation.ensureDefault(environment: env, year: year)
            if created { note("已根据示例创建计划文件 (created your plan from the bundled sample): \(path)") }
            return path
        } catch {
            throw fail(error.description)
        }
    }

    func load() throws -> (path: String, plan: Plan) {
        let path = try resolvePath()
        do {
            return (path, try PlanStore.load(path))
        } catch {
            throw fail(error.description + "\n(run `shuangyong validate \(path)` to list every problem)")
        }
    }

    /// Today in the plan's time zone, or the `--date` override.
    func today(for plan: Plan, at instant: Date = Date()) -> Day {
        date.flatMap { try? PlanDates.day($0).get() } ?? plan.today(at: instant)
    }

    var language: Dashboard.Language {
        lang.flatMap(Dashboard.Language.init(rawValue:)) ?? .fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

/// A day given on the command line, checked like every day of a plan (`PlanDates`: a real YYYY-MM-DD day
/// in 1900-01-01 … 9999-12-31); `option` names the option in the message.
func dayArgument(_ option: String, _ text: String) throws -> Day {
    switch PlanDates.day(text) {
    case let .success(day): return day
    case let .failure(problem):
        throw ValidationError("\(option): 日期无效 (\(problem.message)); use YYYY-MM-DD, e.g. 2026-10-15")
    }
}

/// A month given on the command line, checked like every date of a plan (`PlanDates`).
func monthArgument(_ option: String, _ text: String) throws -> YearMonth {
    switch PlanDates.month(text) {
    case let .success(month): return month
    case let .failure(problem):
        throw ValidationError("\(option): 月份无效 (\(problem.message)); use YYYY-MM, e.g. 2026-08")
    }
}

/// A plan year given on the command line for the sample or a generated plan: checked with the dates the
/// plan derives from it (its phases run to the end of year + 2).
func sampleYearArgument(_ option: String, _ year: Int) throws -> Int {
    if let problem = SamplePlan.yearProblem(year) { throw ValidationError("\(option): 年份无效 (\(problem))") }
    return year
}
