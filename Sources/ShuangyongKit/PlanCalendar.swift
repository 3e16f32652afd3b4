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

    /// Every event overlapping `range`, ordered by start day, then kind, then ref, then title.
    /// `deadlines: false` leaves out task deadlines (cheaper over long ranges of a large plan).
    public func events(in range: ClosedRange<Day>, deadlines: Bool = true) -> [CalendarEvent] {
        Array(entries(in: range, deadlines: deadlines))
    }

    /// `events(in:deadlines:)` without making the events: each is made when it is read. A month of a large
    /// plan has thousands of deadlines, of which a screen shows a few dozen.
    public func entries(in range: ClosedRange<Day>, deadlines: Bool = true) -> CalendarEntries {
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
        var tasks: [Int] = []
        if deadlines {
            for (t, due) in status.index.dueOrdinal.enumerated() where due >= lo && due <= hi { tasks.append(t) }
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
        return CalendarEntries(status: status, others: out, deadlines: tasks)
    }

    public func events(in month: YearMonth) -> [CalendarEvent] { events(in: month.days) }

    /// `events(in: month)` made as they are read (`entries(in:deadlines:)`).
    public func entries(in month: YearMonth) -> CalendarEntries { entries(in: month.days) }

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

/// A range's events in calendar order (`PlanCalendar.entries`), each made when it is read: a task's
/// deadline from the task, the others (activities, phase boundaries, festivals, fixed days) as they were
/// made.
///
/// The order: by day, then kind (in declaration order), then ref (the id), then title; events alike in all
/// four keep the order they were found in. A month of a large plan has thousands of deadlines on one day
/// (a phase's end): positions are sorted, on integer keys first — the day, the kind, the first eight bytes
/// of an ASCII ref (in the order `String` compares ASCII) — and on the strings only when those tie.
public struct CalendarEntries: RandomAccessCollection, Sendable {
    public let status: PlanStatus
    /// Events that are not deadlines, as made.
    private let others: [CalendarEvent]
    /// The events in order: a task position (a deadline) when ≥ 0, else `-(k + 1)` for `others[k]`.
    private let order: [Int]
    /// The ordinal of each event's first day, in order.
    private let startOrdinals: [Int]

    /// An empty list.
    public init(status: PlanStatus) {
        self.status = status
        others = []
        order = []
        startOrdinals = []
    }

    init(status: PlanStatus, others: [CalendarEvent], deadlines tasks: [Int]) {
        self.status = status
        self.others = others
        let plan = status.plan
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
        struct Key {
            var day: Int
            var rank: Int
            /// The ref's first eight bytes (`PlanIndex.idPrefix`), `UInt64.max` when it is not ASCII or
            /// there is none.
            var prefix: UInt64
            var ascii: Bool { prefix != .max }
        }
        // Others first, then the deadlines, each in the order found: the order ties keep. A deadline's day
        // comes from the index; its id's prefix from the task (a range's deadlines are a few of the plan's).
        var keys: [Key] = []
        keys.reserveCapacity(others.count + tasks.count)
        for e in others { keys.append(Key(day: e.start.ordinal, rank: rank(e.kind), prefix: e.ref.map(PlanIndex.idPrefix) ?? .max)) }
        for t in tasks { keys.append(Key(day: status.index.dueOrdinal[t], rank: 1, prefix: PlanIndex.idPrefix(plan.tasks[t].id))) }
        let n = others.count
        // The ref and title of item `i` (an other, then a deadline's task), read in place.
        func ref(_ i: Int) -> String? { i < n ? others[i].ref : plan.tasks[tasks[i - n]].id }
        func title(_ i: Int) -> String { i < n ? others[i].title : plan.tasks[tasks[i - n]].title }
        var items = Array(keys.indices)
        items.sort { i, j in
            let a = keys[i], b = keys[j]
            if a.day != b.day { return a.day < b.day }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.ascii, b.ascii, a.prefix != b.prefix { return a.prefix < b.prefix }
            let ra = ref(i), rb = ref(j)
            if ra != rb { return (ra ?? "") < (rb ?? "") }
            let ta = title(i), tb = title(j)
            if ta != tb { return ta < tb }
            return i < j
        }
        order = items.map { $0 < n ? -($0 + 1) : tasks[$0 - n] }
        startOrdinals = items.map { keys[$0].day }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    /// The `i`th event, made now.
    public subscript(i: Int) -> CalendarEvent {
        let k = order[i]
        if k < 0 { return others[-k - 1] }
        let due = status.index.due[k]!
        return CalendarEvent(kind: .deadline, start: due, end: due, title: status.plan.tasks[k].title, ref: status.plan.tasks[k].id,
                             state: status.state(k))
    }

    /// The first day of the `i`th event, without making it.
    public func start(_ i: Int) -> Day { Day(ordinal: startOrdinals[i]) }

    /// `start(i).ordinal`.
    public func startOrdinal(_ i: Int) -> Int { startOrdinals[i] }

    /// Whether the `i`th event is on one day only, without making it.
    public func isSingleDay(_ i: Int) -> Bool {
        let k = order[i]
        return k >= 0 || others[-k - 1].isSingleDay
    }
}
