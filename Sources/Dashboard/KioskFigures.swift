import Foundation
import ShuangyongKit

/// The key figures the office screen shows large, computed once per plan and day (not per frame:
/// finding the next activity expands a year of the calendar).
public struct KioskFigures: Equatable, Sendable {
    /// An activity ahead: its title, first day and the days until it (0 = today).
    public struct Upcoming: Equatable, Sendable {
        public var title: String
        public var day: Day
        public var days: Int
    }

    /// Open tasks past their due day.
    public var overdue: Int
    /// Units with at least one overdue task.
    public var overdueUnits: Int
    /// Done share of the tasks that count (cancelled ones do not), 0…1.
    public var completion: Double
    public var done: Int
    /// Tasks that count towards completion (all but the cancelled).
    public var counted: Int
    /// The next inspection (督促检查 …) starting today or later, within a year.
    public var nextInspection: Upcoming?
    /// The next activity of any kind starting today or later, within a year.
    public var nextActivity: Upcoming?

    public init(state: DashboardState) {
        let d = state.derived
        overdue = d.planSummary.overdue
        overdueUnits = d.overdueByUnit.filter { !$0.overdue.isEmpty }.count
        completion = d.planSummary.completion
        done = d.planSummary.done
        counted = d.planSummary.total - d.planSummary.cancelled
        func upcoming(_ found: (event: CalendarEvent, days: Int)?) -> Upcoming? {
            found.map { Upcoming(title: $0.event.title, day: $0.event.start, days: $0.days) }
        }
        nextInspection = upcoming(d.calendar.nextActivity(kinds: [.inspection]))
        nextActivity = upcoming(d.calendar.nextActivity())
    }
}

/// Wall-clock time as the office screen shows it, in the plan's time zone. Arithmetic on the
/// instant, no formatter: it runs every tick for weeks.
public struct ClockTime: Equatable, Sendable {
    public var hour: Int
    public var minute: Int

    public init(_ instant: Date, in zone: TimeZone) {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let secondOfDay = ((local % 86_400) + 86_400) % 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
    }

    /// "09:05".
    public var text: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }
}
