/// Something that happens on a day or across days, for the calendar.
public struct CalendarEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case activity, deadline, phaseStart, phaseEnd, festival
        /// A public holiday or memorial day (`FixedDay`): 元旦, 清明, 八一, 国庆, 全民国防教育日 …
        case fixedDay
    }

    public var kind: Kind
    public var start: Day
    public var end: Day
    public var title: String
    /// The id of the activity, task or phase; nil for festivals and fixed days.
    public var ref: String?
    /// For deadlines: the task's state on the calendar's today.
    public var state: TaskState?

    public var isSingleDay: Bool { start == end }

    public func covers(_ day: Day) -> Bool { start <= day && day <= end }
}

/// Expands a plan into dated events: recurring activities, task deadlines, phase boundaries, lunar festivals
/// and the year's fixed days (holidays and memorial days).
public struct PlanCalendar: Sendable {
    public let status: PlanStatus
    public let lunar: LunarCalendar

    public init(status: PlanStatus, lunar: LunarCalendar? = nil) {
        self.status = status
        self.lunar = lunar ?? LunarCalendar(timeZone: status.plan.timeZone)
    }

    /// Every event overlapping `range`, ordered by start day, then kind, then title.
    /// `deadlines: false` leaves out task deadlines (cheaper over long ranges of a large plan).
    public func events(in range: ClosedRange<Day>, deadlines: Bool = true) -> [CalendarEvent] {
        let plan = status.plan
        var out: [CalendarEvent] = []
        for a in plan.activities {
            for r in a.rule.occurrences(overlapping: range, lunar: lunar) {
                out.append(CalendarEvent(kind: .activity, start: r.lowerBound, end: r.upperBound, title: a.title, ref: a.id))
            }
        }
        for p in plan.phases {
            if range.contains(p.start) {
                out.append(CalendarEvent(kind: .phaseStart, start: p.start, end: p.start, title: p.name, ref: p.id))
            }
            if range.contains(p.end) {
                out.append(CalendarEvent(kind: .phaseEnd, start: p.end, end: p.end, title: p.name, ref: p.id))
            }
        }
        let lo = range.lowerBound.ordinal, hi = range.upperBound.ordinal
        for (t, due) in status.index.due.enumerated() where deadlines {
            guard let due, (lo...hi).contains(due.ordinal) else { continue }
            let task = plan.tasks[t]
            out.append(CalendarEvent(kind: .deadline, start: due, end: due, title: task.title, ref: task.id, state: status.state(t)))
        }
        for y in (range.lowerBound.year - 1)...range.upperBound.year {
            for f in LunarFestival.all {
                guard let d = lunar.gregorianDay(lunarYearStartingIn: y, month: f.month, day: f.day), range.contains(d) else { continue }
                out.append(CalendarEvent(kind: .festival, start: d, end: d, title: f.name, ref: nil))
            }
            // 除夕: the last day of the lunar year, the eve of 春节.
            if let spring = lunar.gregorianDay(lunarYearStartingIn: y, month: 1, day: 1), range.contains(spring.adding(days: -1)) {
                let eve = spring.adding(days: -1)
                out.append(CalendarEvent(kind: .festival, start: eve, end: eve, title: "除夕", ref: nil))
            }
        }
        for y in range.lowerBound.year...range.upperBound.year {
            for f in FixedDay.all {
                guard let d = f.day(in: y), range.contains(d) else { continue }
                out.append(CalendarEvent(kind: .fixedDay, start: d, end: d, title: f.name, ref: nil))
            }
        }
        // Day, then kind (in declaration order), then id: cheap comparisons, a stable order for the same plan.
        func rank(_ k: CalendarEvent.Kind) -> Int {
            switch k {
            case .activity: return 0
            case .deadline: return 1
            case .phaseStart: return 2
            case .phaseEnd: return 3
            case .festival: return 4
            case .fixedDay: return 5
            }
        }
        return out.sorted {
            if $0.start != $1.start { return $0.start < $1.start }
            if $0.kind != $1.kind { return rank($0.kind) < rank($1.kind) }
            if $0.ref != $1.ref { return ($0.ref ?? "") < ($1.ref ?? "") }
            return $0.title < $1.title
        }
    }

    public func events(in month: YearMonth) -> [CalendarEvent] { events(in: month.days) }

    /// Events on one day (spans that cover it included).
    public func events(on day: Day) -> [CalendarEvent] { events(in: day...day) }

    /// The next single-day activities and phase boundaries from today on (spans that are under way included).
    public func upcoming(limit: Int, horizonDays: Int = 400) -> [CalendarEvent] {
        let today = status.today
        return Array(events(in: today...today.adding(days: horizonDays), deadlines: false).prefix(limit))
    }

    /// The next inspection or activity starting after today, with days until it.
    public func nextActivity(kinds: Set<ActivityKind>? = nil, horizonDays: Int = 400) -> (event: CalendarEvent, days: Int)? {
        let today = status.today
        let kindOf = Dictionary(uniqueKeysWithValues: status.plan.activities.map { ($0.id, $0.kind) })
        let next = events(in: today...today.adding(days: horizonDays), deadlines: false).first { e in
            guard e.kind == .activity, e.start >= today else { return false }
            guard let kinds else { return true }
            return e.ref.flatMap { kindOf[$0] }.map(kinds.contains) ?? false
        }
        return next.map { ($0, today.days(to: $0.start)) }
    }
}
