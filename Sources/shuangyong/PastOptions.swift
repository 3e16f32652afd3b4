import ArgumentParser
import Foundation
import ShuangyongKit

/// `--as-of DATE`: the plan as it stood at the end of that day (`Plan.asOf`), for the dashboard, `render`,
/// `report` and the office screen. Today is that day too, unless `--date` says otherwise.
///
/// A value, not an option group: each command declares `--as-of` itself (`@Option(name: PastOptions.name,
/// help: PastOptions.help) var asOf: String?`) and calls `validate()` where the group's check ran, after
/// the option groups declared before it. An option group costs every run of the command a few of the
/// runtime's protocol-conformance scans (the parser reflects on its type), about 1 M instructions.
struct PastOptions {
    /// The day as given on the command line, or nil.
    var asOf: String?

    /// The option's name and help, for the commands that declare it.
    static var name: NameSpecification { .customLong("as-of") }
    static var help: ArgumentHelp {
        ArgumentHelp(L.t("按留痕显示计划在这一天结束时的样子（只读）。", "Show the plan as it stood at the end of this day, from its history (read-only)."),
                     valueName: L.t("日期", "YYYY-MM-DD"))
    }

    func validate() throws {
        // A past day needs its year: the full date (2026-06-30, 2026/6/30, 2026年6月30日).
        if let asOf, day == nil {
            throw ValidationError(L.t("--as-of \"\(asOf)\" 不是完整日期，请写年月日，如 2026-06-30", "--as-of \"\(asOf)\" is not a full date: write the year too, e.g. 2026-06-30"))
        }
    }

    /// The day asked for, or nil.
    /// (A date without a year would take year 0, which no plan has: it is refused.)
    var day: Day? { asOf.flatMap { try? DeskInput.day($0, planYear: 0).get() } }

    /// The plan as it stood on the day asked for, or the plan as it is.
    func view(_ plan: Plan) -> Plan { day.map { plan.asOf($0) } ?? plan }

    /// `--date` when given, else the day asked for, else today.
    func today(_ options: PlanOptions, for plan: Plan, at instant: Date = Date()) throws -> Day {
        options.date == nil ? try day ?? options.today(for: plan, at: instant) : try options.today(for: plan, at: instant)
    }
}
