/// How a unit is involved in a task.
public enum Involvement: String, Sendable {
    /// 牵头单位: answerable for the task's section.
    case lead
    /// 责任单位: does the work (the owner the task names, or the section's responsible units).
    case responsible
}

/// The traffic light supervision offices use.
public enum Light: Int, Comparable, Sendable {
    /// On track or done.
    case green = 0
    /// Behind the expected progress for the time elapsed (序时进度).
    case yellow = 1
    /// Overdue.
    case red = 2

    public static func < (a: Light, b: Light) -> Bool { a.rawValue < b.rawValue }
}

/// Where one task stands on a given day.
public enum TaskState: Sendable, Equatable {
    case done, cancelled
    /// Past its due day and not closed; `days` ≥ 1.
    case overdue(days: Int)
    /// Due within the due-soon window (0 = today).
    case dueSoon(days: Int)
    /// Open, not due soon, behind 序时进度.
    case behind
    /// Open and on track (or not started yet and its window has not opened).
    case onTrack

    public var light: Light {
        switch self {
        case .overdue: return .red
        case .behind: return .yellow
        default: return .green
        }
    }
}

/// A task in a unit's list, with how the unit is involved.
///
/// Twelve bytes (a task position and days as 32-bit numbers): a plan of 20,000 tasks and 1,000 units puts
/// 33,000 of them in the overdue report's lists, which took 0.8 MB at 24 bytes each.
public struct UnitTask: Sendable, Equatable {
    private var taskStorage: Int32
    private var daysStorage: Int32
    public var involvement: Involvement

    /// The task's position in the plan.
    public var task: Int {
        get { Int(taskStorage) }
        set { taskStorage = Int32(truncatingIfNeeded: newValue) }
    }

    /// Days overdue (positive) or days until due (zero or negative).
    public var daysLate: Int {
        get { Int(daysStorage) }
        set { daysStorage = Int32(truncatingIfNeeded: newValue) }
    }

    /// `task` is a position in a plan (fewer than 2³¹ tasks), `daysLate` a difference of two days in
    /// years 1–9999 (under four million).
    public init(task: Int, involvement: Involvement, daysLate: Int) {
        taskStorage = Int32(truncatingIfNeeded: task)
        daysStorage = Int32(truncatingIfNeeded: daysLate)
        self.involvement = involvement
    }
}

/// A unit's overdue and due-soon tasks.
public struct UnitOverdue: Sendable, Equatable {
    public var unit: Int
    public var overdue: [UnitTask]
    public var dueSoon: [UnitTask]
}

/// Totals and a light for a unit or a section.
public struct Summary: Sendable, Equatable {
    public var total = 0
    public var done = 0
    public var cancelled = 0
    public var inProgress = 0
    public var overdue = 0
    public var dueSoon = 0
    public var behind = 0

    /// Done share of the tasks that count (cancelled ones do not), 0…1; 1 when nothing counts.
    public var completion: Double {
        let counted = total - cancelled
        return counted == 0 ? 1 : Double(done) / Double(counted)
    }

    /// Whether any task counts towards `completion` (not every task cancelled, and not none at all).
    /// When false, `completion` is 1 only by convention: show "—" rather than 100%.
    public var hasCountedTasks: Bool { total - cancelled > 0 }

    public var light: Light { overdue > 0 ? .red : behind > 0 ? .yellow : .green }

    mutating func add(_ state: TaskState, status: TaskStatus) {
        total += 1
        if status == .inProgress { inProgress += 1 }
        switch state {
        case .done: done += 1
        case .cancelled: cancelled += 1
        case .overdue: overdue += 1
        case .dueSoon: dueSoon += 1
        case .behind: behind += 1
        case .onTrack: break
        }
    }
}

/// The plan seen from one day: every rule that depends on "today" lives here, with today injected.
public struct PlanStatus: Sendable {
    public let plan: Plan
    public let index: PlanIndex
    public let today: Day
    /// Tasks due within this many days count as due soon (0 = only today).
    public let dueSoonDays: Int
    /// How far below 序时进度 (percentage points) a task may be before it turns yellow.
    public let behindTolerance: Int

    /// `today.ordinal`, which the rules compare every task's days with.
    private let todayOrdinal: Int

    public init(plan: Plan, index: PlanIndex? = nil, today: Day, dueSoonDays: Int = 7, behindTolerance: Int = 10) {
        self.plan = plan
        self.index = index ?? PlanIndex(plan)
        self.today = today
        todayOrdinal = today.ordinal
        self.dueSoonDays = dueSoonDays
        self.behindTolerance = behindTolerance
    }

    // MARK: Tasks

    /// Expected progress (0…100) by today for a task, from the share of its window already elapsed.
    public func expectedProgress(_ t: Int) -> Int {
        // Days as ordinals (`PlanIndex.dueOrdinal`, `startOrdinal`), as `Day.days(to:)` counts them.
        let due = index.dueOrdinal[t]
        guard due != PlanIndex.noDay else { return 0 }
        let start = index.startOrdinal[t] == PlanIndex.noDay ? due : index.startOrdinal[t]
        if todayOrdinal < start { return 0 }
        if todayOrdinal >= due { return 100 }
        let span = due - start + 1
        let elapsed = todayOrdinal - start + 1
        return min(100, elapsed * 100 / max(1, span))
    }

    public func state(_ t: Int) -> TaskState {
        // Fields read in place: a copy of the whole task (a dozen references) per call cost more than the rule.
        let status = plan.tasks[t].status
        if status == .done { return .done }
        if status == .cancelled { return .cancelled }
        let due = index.dueOrdinal[t]
        guard due != PlanIndex.noDay else { return .onTrack }
        let d = due - todayOrdinal
        if d < 0 { return .overdue(days: -d) }
        if d <= dueSoonDays { return .dueSoon(days: d) }
        if plan.tasks[t].progress + behindTolerance < expectedProgress(t) { return .behind }
        return .onTrack
    }

    /// Positions of overdue tasks, most overdue first.
    public func overdueTasks() -> [Int] {
        var out: [(Int, Int)] = []
        for t in plan.tasks.indices { if case let .overdue(days) = state(t) { out.append((t, days)) } }
        return out.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }

    // MARK: Units and sections

    /// Units with overdue or due-soon tasks, most overdue first (count, then the longest delay),
    /// each list most overdue / soonest first. Units with nothing late are left out.
    ///
    /// `states`, when given, are `state(t)` for every task, computed once by a caller that needs several queries.
    public func overdueByUnit(states: [TaskState]? = nil) -> [UnitOverdue] {
        // Every overdue or due-soon task with its days late (negative: days until due), in task order.
        var late: [(task: Int, days: Int)] = []
        for t in plan.tasks.indices {
            switch states?[t] ?? state(t) {
            case let .overdue(days): late.append((t, days))
            case let .dueSoon(days): late.append((t, -days))
            default: continue
            }
        }
        // Most overdue first, then by task: handed out in this order, each unit's lists come out sorted.
        late = PlanStatus.sortedMostLateFirst(late)
        let involved = index.taskUnits
        // Each unit's lists made at their final size: counted first, then filled.
        var overdueCount = [Int](repeating: 0, count: plan.units.count), soonCount = overdueCount
        for (t, days) in late {
            for u in involved.involved(t) {
                if days > 0 { overdueCount[Int(u)] += 1 } else { soonCount[Int(u)] += 1 }
            }
        }
        var overdue = [[UnitTask]](repeating: [], count: plan.units.count)
        var soon = [[UnitTask]](repeating: [], count: plan.units.count)
        for u in plan.units.indices {
            if overdueCount[u] > 0 { overdue[u].reserveCapacity(overdueCount[u]) }
            if soonCount[u] > 0 { soon[u].reserveCapacity(soonCount[u]) }
        }
        for (t, days) in late {
            for u in involved.lead(t) {
                let entry = UnitTask(task: t, involvement: .lead, daysLate: days)
                if days > 0 { overdue[Int(u)].append(entry) } else { soon[Int(u)].append(entry) }
            }
            for u in involved.responsible(t) {
                let entry = UnitTask(task: t, involvement: .responsible, daysLate: days)
                if days > 0 { overdue[Int(u)].append(entry) } else { soon[Int(u)].append(entry) }
            }
        }
        var out: [UnitOverdue] = []
        for u in plan.units.indices where !overdue[u].isEmpty || !soon[u].isEmpty {
            out.append(UnitOverdue(unit: u, overdue: overdue[u], dueSoon: soon[u]))
        }
        return out.sorted { a, b in
            if a.overdue.count != b.overdue.count { return a.overdue.count > b.overdue.count }
            let am = a.overdue.first?.daysLate ?? 0, bm = b.overdue.first?.daysLate ?? 0
            if am != bm { return am > bm }
            if a.dueSoon.count != b.dueSoon.count { return a.dueSoon.count > b.dueSoon.count }
            return a.unit < b.unit
        }
    }

    /// `late` (in task order) by days late, most first, then by task: a counting sort when the days span
    /// a range not much larger than the list (always, for a plan's dates), else a comparison sort.
    static func sortedMostLateFirst(_ late: [(task: Int, days: Int)]) -> [(task: Int, days: Int)] {
        guard let lo = late.lazy.map(\.days).min(), let hi = late.lazy.map(\.days).max() else { return late }
        let span = hi - lo + 1
        guard span <= 4 * late.count + 1024 else {
            return late.sorted { $0.days != $1.days ? $0.days > $1.days : $0.task < $1.task }
        }
        // Where each number of days starts in the result, most days first; ties keep their task order.
        var next = [Int](repeating: 0, count: span + 1)
        for e in late { next[hi - e.days + 1] += 1 }
        for k in 1...span { next[k] += next[k - 1] }
        var out = late
        for e in late {
            out[next[hi - e.days]] = e
            next[hi - e.days] += 1
        }
        return out
    }

    /// A summary per unit (every task the unit leads or does), in the plan's unit order.
    public func unitSummaries(states: [TaskState]? = nil) -> [Summary] {
        var out = [Summary](repeating: Summary(), count: plan.units.count)
        // Each task's units read from the flat lists (`TaskUnits`): lead units, then responsible ones.
        let units = index.taskUnits
        out.withUnsafeMutableBufferPointer { out in
            for t in plan.tasks.indices {
                let s = states?[t] ?? state(t), status = plan.tasks[t].status
                for u in units.involved(t) { out[Int(u)].add(s, status: status) }
            }
        }
        return out
    }

    /// A summary per section, in the plan's section order.
    public func sectionSummaries(states: [TaskState]? = nil) -> [Summary] {
        var out = [Summary](repeating: Summary(), count: plan.sections.count)
        let section = index.section
        for t in plan.tasks.indices {
            if let s = section[t] { out[s].add(states?[t] ?? state(t), status: plan.tasks[t].status) }
        }
        return out
    }

    /// A summary of the whole plan.
    public func planSummary(states: [TaskState]? = nil) -> Summary {
        var s = Summary()
        for t in plan.tasks.indices { s.add(states?[t] ?? state(t), status: plan.tasks[t].status) }
        return s
    }

    // MARK: Phases

    /// Phases that contain today, latest-starting first (phases overlap at their edges: in September
    /// 全面实施 is ending while 检查自评 begins).
    public func currentPhases() -> [Phase] {
        plan.phases.filter { $0.contains(today) }.sorted { $0.start > $1.start }
    }

    /// The phase nearest today: the latest-starting one containing today, else the next to start, else
    /// the last (a default for new tasks). It may not contain today: what to say about it is
    /// `phaseStanding`, which tells a phase under way from one that starts later or a plan that ended.
    public var currentPhase: Phase? {
        if let p = currentPhases().first { return p }
        if let next = plan.phases.filter({ $0.start > today }).min(by: { $0.start < $1.start }) { return next }
        return plan.phases.max { $0.end < $1.end }
    }

    /// Where today stands against the plan's phases, for every headline that names a phase (nil when the
    /// plan has none). Outside every phase there is no current phase to show "elapsed 0%" or "100%" for:
    /// before the first phase the plan has not started, in a gap the next phase is ahead, after the last
    /// the plan has ended (DECISIONS.md, "Current phase").
    public var phaseStanding: PhaseStanding? {
        guard let last = plan.phases.max(by: { $0.end < $1.end }) else { return nil }
        if let p = currentPhases().first { return .inPhase(p) }
        if let next = plan.phases.filter({ $0.start > today }).min(by: { $0.start < $1.start }) {
            let days = today.days(to: next.start)
            return plan.phases.contains { $0.end < today } ? .betweenPhases(next: next, days: days) : .beforePlan(first: next, days: days)
        }
        return .afterPlan(last: last)
    }

    /// The plan year's span: from the first phase start to the last end among phases that start in the plan year.
    public var yearSpan: ClosedRange<Day>? {
        let inYear = plan.phases.filter { $0.start.year == plan.year }
        let chosen = inYear.isEmpty ? plan.phases : inYear
        guard let a = chosen.map(\.start).min(), let b = chosen.map(\.end).max() else { return nil }
        return a...b
    }

    /// Share of the plan year's span already elapsed, 0…1.
    public var timeProgress: Double {
        guard let span = yearSpan else { return 0 }
        if today < span.lowerBound { return 0 }
        if today > span.upperBound { return 1 }
        return Double(span.lowerBound.days(to: today) + 1) / Double(span.lowerBound.days(to: span.upperBound) + 1)
    }

    /// Share of a phase already elapsed, 0…1.
    public func progress(through phase: Phase) -> Double {
        if today < phase.start { return 0 }
        if today > phase.end { return 1 }
        return Double(phase.start.days(to: today) + 1) / Double(phase.start.days(to: phase.end) + 1)
    }
}

/// Where today stands against the plan's phases (`PlanStatus.phaseStanding`).
public enum PhaseStanding: Equatable, Sendable {
    /// Today is in this phase (the latest-starting one that contains it, as phases overlap at their edges).
    case inPhase(Phase)
    /// The plan has not started: its first phase starts in `days` days (≥ 1).
    case beforePlan(first: Phase, days: Int)
    /// Between phases: a phase has ended, none contains today, `next` starts in `days` days (≥ 1).
    case betweenPhases(next: Phase, days: Int)
    /// Every phase has ended; the plan ended with `last` (the phase that ends last) on `last.end`.
    case afterPlan(last: Phase)
}
