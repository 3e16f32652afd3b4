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
                      RenderCommand.self, GenerateCommand.self, EditCommand.self, ImportCommand.self]
    )

    /// `shuangyong [PLAN] [options]` opens the dashboard. ArgumentParser's `defaultSubcommand` would let
    /// PLAN swallow the other subcommands' names, so the choice is made here: a known subcommand name
    /// (or a request for help) goes to the command tree, anything else to `dashboard`.
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        let names = Set(configuration.subcommands.map { $0._commandName } + ["help", "--help", "-h", "--version"])
        if let first = args.first, names.contains(first) {
            main(args)
        } else {
            main(["dashboard"] + args)
        }
    }
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
        if let date, Day(iso: date) == nil {
            throw ValidationError("--date \"\(date)\" is not a date: use YYYY-MM-DD, e.g. 2026-10-15")
        }
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
        date.flatMap { Day(iso: $0) } ?? plan.today(at: instant)
    }

    var language: Dashboard.Language {
        lang.flatMap(Dashboard.Language.init(rawValue:)) ?? .fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

