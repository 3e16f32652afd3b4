import Foundation

/// A recurring or one-off activity the plan text states: 八一 visits, the activity month, inspections …
public struct Activity: Equatable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var kind: ActivityKind
    public var units: [String]
    public var rule: Recurrence
    public var summary: String
    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()
    /// Members of its `rule` object that this program does not know (for the rule's type), kept likewise.
    public var ruleUnknownMembers = UnknownMembers()

    public init(id: String, title: String, kind: ActivityKind, units: [String] = [], rule: Recurrence,
                summary: String = "") {
        self.id = id
        self.title = title
        self.kind = kind
        self.units = units
        self.rule = rule
        self.summary = summary
    }
}

public enum ActivityKind: String, CaseIterable, Sendable {
    case visit, campaign, meeting, inspection, report, other
}

/// When an activity happens.
public enum Recurrence: Equatable, Sendable {
    /// The same Gregorian day every year (八一 = 8/1).
    case yearly(month: Int, day: Int)
    /// The same lunar day every year (春节 = lunar 1/1), through `Calendar(identifier: .chinese)`, in the
    /// ordinary month (never the leap month of the same number). A day past the end of a 29-day month
    /// falls on its last day, so lunar 12/30 is 除夕 every year (PLAN-FORMAT.md, activity rules).
    case lunar(month: Int, day: Int)
    /// Whole months every year: [8] is 双拥活动月, [7, 12] the inspections each July and December.
    case months([Int])
    /// Once in each half year (Jan–Jun, Jul–Dec), anywhere in it: liaison-point visits.
    case halfYearly
    /// A single day.
    case once(Day)
    /// A range of days, inclusive.
    case range(Day, Day)
    /// The `n`th (1–5) `weekday` (1 = Monday … 7 = Sunday) of `month` every year: 全民国防教育日 is the
    /// third Saturday of September, (9, 3, 6). A year whose month has no such day (a fifth Monday) has none.
    case nthWeekday(month: Int, n: Int, weekday: Int)
}

extension Recurrence {
    /// The occurrences that overlap `range`, in date order.
    public func occurrences(overlapping range: ClosedRange<Day>, lunar: LunarCalendar) -> [ClosedRange<Day>] {
        var out: [ClosedRange<Day>] = []
        let years = (range.lowerBound.year - 1)...(range.upperBound.year)
        func add(_ r: ClosedRange<Day>) {
            if r.overlaps(range) { out.append(r) }
        }
        switch self {
        case let .yearly(month, day):
            for y in years {
                // 2/29 falls on 2/28 in common years rather than vanishing.
                if let d = Day(year: y, month: month, day: min(day, Day.daysIn(month: month, year: y))) {
                    add(d...d)
                }
            }
        case let .lunar(month, day):
            for y in years {
                // A day the month lacks (30 of a 29-day month) falls on its last day, as 2/29 does above.
                if let d = lunar.gregorianDay(lunarYearStartingIn: y, month: month, clampingDay: day) { add(d...d) }
            }
        case let .months(months):
            for y in years.dropFirst() {
                for m in months.sorted() {
                    if let ym = YearMonth(year: y, month: m) { add(ym.first...ym.last) }
                }
            }
        case .halfYearly:
            for y in years.dropFirst() {
                if let a = Day(year: y, month: 1, day: 1), let b = Day(year: y, month: 6, day: 30) { add(a...b) }
                if let a = Day(year: y, month: 7, day: 1), let b = Day(year: y, month: 12, day: 31) { add(a...b) }
            }
        case let .once(d):
            add(d...d)
        case let .range(a, b):
            add(a...b)
        case let .nthWeekday(month, n, weekday):
            for y in years {
                if let d = Day.nthWeekday(n, weekday, month: month, year: y) { add(d...d) }
            }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }
}
