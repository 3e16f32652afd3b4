import ArgumentParser
import ShuangyongKit

/// `--as-of DATE`: the plan as it stood at the end of that day (`Plan.asOf`), for the dashboard, `render`,
/// `report` and the office screen. Today is that day too, unless `--date` says otherwise.
struct PastOptions: ParsableArguments {
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Show the plan as it stood at the end of this day, from its history (read-only).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    func validate() throws {
        if let asOf { _ = try dayArgument("--as-of", asOf) }
    }

    /// The day asked for, or nil.
    var day: Day? { asOf.flatMap { try? PlanDates.day($0).get() } }

    /// The plan as it stood on the day asked for, or the plan as it is.
    func view(_ plan: Plan) -> Plan { day.map { plan.asOf($0) } ?? plan }

    /// `--date` when given, else the day asked for, else today.
    func today(_ options: PlanOptions, for plan: Plan) -> Day {
        options.date == nil ? day ?? options.today(for: plan) : options.today(for: plan)
    }
}
