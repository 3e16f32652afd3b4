import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// The views, in tab order (number keys 1–6).
public enum ViewID: Int, CaseIterable, Sendable {
    case overview = 1, timeline, overdue, calendar, tasks
    /// The plan's structure: units, sections, phases, activities — browsed and changed.
    case structure

    public func title(_ lang: Language) -> String {
        switch self {
        case .overview: return lang.pick("总览", "Overview")
        case .timeline: return lang.pick("阶段进度", "Timeline")
        case .overdue: return lang.pick("逾期督办", "Overdue")
        case .calendar: return lang.pick("月历", "Calendar")
        case .tasks: return lang.pick("任务", "Tasks")
        case .structure: return lang.pick("计划", "Plan")
        }
    }
}

/// Everything derived from (plan, today) that views read: computed once per change, not per frame.
public struct Derived: Sendable {
    public let status: PlanStatus
    public let states: [TaskState]
    public let planSummary: Summary
    public let sectionSummaries: [Summary]
    public let overdueByUnit: [UnitOverdue]
    public let calendar: PlanCalendar
    /// The next activities and phase boundaries from today (the overview's list), computed once a day.
    public let upcoming: [CalendarEvent]
    /// Display width of the widest section heading as the overview writes it ("(一)" and the title), nil
    /// when the plan has no sections: measured once, not every frame.
    public let widestSectionTitle: Int?

    public init(plan: Plan, index: PlanIndex, today: Day, lunar: LunarCalendar) {
        let status = PlanStatus(plan: plan, index: index, today: today)
        self.status = status
        states = plan.tasks.indices.map(status.state)
        planSummary = status.planSummary(states: states)
        sectionSummaries = status.sectionSummaries(states: states)
        overdueByUnit = status.overdueByUnit(states: states)
        calendar = PlanCalendar(status: status, lunar: lunar)
        upcoming = calendar.upcoming(limit: 40)
        widestSectionTitle = plan.sections.indices.map { (Screen.sectionNumber(plan.sections[$0].number) + plan.sections[$0].title).displayWidth }.max()
    }
}

/// Why the plan file could not be read, and since when (the first failed check).
public struct ReloadProblem: Equatable, Sendable {
    public var error: PlanFileError
    public var since: Date
}

/// A list selection with its scroll offset.
public struct ListCursor: Equatable, Sendable {
    public var selected = 0
    public var top = 0

    public init() {}

    /// Moves by `delta` within `count` rows, keeping the selection inside a window of `visible` rows.
    public mutating func move(_ delta: Int, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        clamp(count: count, visible: visible)
    }

    public mutating func clamp(count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected), count - 1)
        let v = max(1, visible)
        if selected < top { top = selected }
        if selected >= top + v { top = selected - v + 1 }
        top = min(max(0, top), max(0, count - v))
    }
}

/// Filters, search and sort of the tasks view.
public struct TaskQuery: Equatable, Sendable {
    public enum Sort: Int, CaseIterable, Sendable { case plan, due, status, progress }

    public var sectionID: String?
    public var unitID: String?
    public var status: TaskStatus?
    public var search = ""
    public var sort: Sort = .plan

    public init() {}

    public var isFiltered: Bool { sectionID != nil || unitID != nil || status != nil || !search.isEmpty }
}

/// A modal list the user picks from (section or unit filter).
public struct Picker: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case section, unit
        case status(taskID: String)
        case owners(taskID: String)
        case editMenu(taskID: String)
        /// A field of the open `Wizard`.
        case wizard(multi: Bool)
        /// The unit that takes over another's references.
        case mergeInto(unitID: String)

        /// Several options may be chosen (Space toggles, Enter saves).
        public var isMulti: Bool {
            switch self {
            case .owners, .wizard(multi: true): true
            default: false
            }
        }

        /// The field the picker sets, and whose task, when another desk could change it meanwhile.
        public var watched: (field: PlanField, id: String)? {
            switch self {
            case let .status(id): (.status, id)
            case let .owners(id): (.owners, id)
            case .section, .unit, .editMenu, .wizard, .mergeInto: nil
            }
        }
    }
    public var purpose: Purpose
    public var title: String
    /// (value, label); a nil value means "all".
    public var options: [Option] {
        didSet {
            search = OptionSearch(options)
            visibleOptions = search.narrowed(options, by: filter)
        }
    }
    public var filter = "" {
        didSet { if filter != oldValue { visibleOptions = search.narrowed(options, by: filter) } }
    }
    /// `options` narrowed by `filter`: made when either changes, not for every frame and key (a unit
    /// picker of a large plan matches the pinyin of thousands of names).
    public private(set) var visibleOptions: [Option]
    /// The options' labels lower-cased and their readings, made once.
    private var search: OptionSearch
    public var cursor = ListCursor()
    /// The chosen values of a multi-choice picker.
    public var chosen: Set<String> = []
    /// The field's value when the picker opened (set by `update`).
    public var seen: SeenValue?
    /// What another desk changed the field to while the picker was open, as a person reads it.
    public var changedElsewhere: String?

    public struct Option: Equatable, Sendable {
        public var value: String?
        public var label: String
        /// Latin letters a typed filter also matches (the id); the label and its pinyin, every reading
        /// of each character (`Pinyin.matches`), are matched anyway.
        public var keys: String
        /// What choosing the option does, in a menu of actions (the edit menu); nil in a list of values.
        public var action: Action? = nil
    }

    /// Every unit of the plan as options (typed letters match its id, or any reading of its name).
    static func unitOptions(_ units: some Sequence<ShuangyongKit.Unit>) -> [Option] {
        units.map { Option(value: $0.id, label: $0.name, keys: $0.id.lowercased()) }
    }

    /// A menu of actions (the edit menu) rather than a list of values to pick from.
    public var isMenu: Bool {
        if case .editMenu = purpose { return true }
        return false
    }

    init(purpose: Purpose, title: String, options: [Option]) {
        self.purpose = purpose
        self.title = title
        self.options = options
        visibleOptions = options
        search = OptionSearch(options)
    }

    /// What narrowing reads of each option, made once per list of options: the label lower-cased and the
    /// label's readings (`Pinyin.readings`).
    struct OptionSearch: Equatable, Sendable {
        private let labels: [String]
        private let readings: [Pinyin.Readings]

        init(_ options: [Option]) {
            labels = options.map { $0.label.lowercased() }
            readings = options.map { Pinyin.readings(of: $0.label) }
        }

        /// The options a typed filter leaves: label or keys holding it, or (Latin letters) the label's
        /// pinyin. A label or key without the filter's bytes is passed over without comparing characters
        /// (`TaskSearchIndex.Needle.byteFilter`).
        func narrowed(_ options: [Option], by filter: String) -> [Option] {
            guard !filter.isEmpty else { return options }
            let needle = TaskSearchIndex.Needle(filter.lowercased())
            func holds(_ s: String) -> Bool {
                if needle.byteFilter,
                   let found = s.utf8.withContiguousStorageIfAvailable({ TaskSearchIndex.find(needle.bytes, in: $0) }), !found {
                    return false
                }
                return s.contains(needle.text)
            }
            return options.indices.filter { k in
                holds(labels[k]) || holds(options[k].keys) || (needle.ascii && readings[k].matches(needle.readings))
            }.map { options[$0] }
        }

        /// Equal always: what is made from the options, which a picker compares already.
        static func == (a: OptionSearch, b: OptionSearch) -> Bool { true }
    }
}

/// The dashboard's whole state. `DashboardApp` changes it in response to keys; views only read it.
public struct DashboardState: Sendable {
    public private(set) var plan: Plan
    public private(set) var index: PlanIndex
    public private(set) var today: Day
    public private(set) var derived: Derived
    public let lunar: LunarCalendar

    public var lang: Language
    public var view: ViewID = .overview
    public var showHelp = false
    /// First entry shown in the help overlay (it scrolls when the screen is small).
    public var helpTop = 0
    /// A one-line message in the footer (saved, errors, hints); cleared by the next key.
    public var message: String?
    /// The plan file could not be read at the last check (another program broke it, a share went away):
    /// the screen keeps the last good plan.
    public var reloadProblem: ReloadProblem?
    /// The list of the plan file's problems is open (`!`).
    public var showProblems = false

    /// A banner across the top of the body: one line in the user's language saying what is wrong with the
    /// file and since when older data is shown, else that the plan is view-only, else (the plan year has
    /// ended) how to start next year's plan, else nil.
    public var banner: String? {
        if let p = reloadProblem {
            let time = ClockTime(p.since, in: plan.timeZone).text
            return lang.pick("计划文件无法读取（\(p.error.summary(lang))），自 \(time) 起显示的是之前的数据 · 按 ! 查看详情",
                             "Cannot read the plan file (\(p.error.summary(lang))); showing older data since \(time) · ! for details")
        }
        if let reason = save.readOnlyReason { return lang.pick("只读：", "View-only: ") + reason }
        // Once the plan year has ended, next year's plan is one command away (unfinished tasks carry over).
        if today.year > plan.year {
            return lang.pick("本计划年度（\(plan.year)年）已结束：运行 shuangyong rollover 计划文件 生成 \(plan.year + 1) 年计划（未完成的任务将结转）",
                             "The \(plan.year) plan year has ended: run shuangyong rollover PLAN to write the \(plan.year + 1) plan (unfinished tasks are carried over)")
        }
        return nil
    }

    public var timelineStart: YearMonth
    public var timelineCursor = ListCursor()
    public var overdueCursor = ListCursor()
    public var expandedUnits: Set<String> = []
    /// The calendar view's selected day; moving to another month recomputes `monthEvents`.
    public var calendarDay: Day {
        didSet { if YearMonth(calendarDay) != YearMonth(oldValue) { monthEvents = computeMonthEvents() } }
    }
    /// Events of the calendar view's month (kept up to date, not recomputed per frame).
    public private(set) var monthEvents: CalendarEntries {
        didSet { indexMonthEvents() }
    }
    /// Positions in `monthEvents` of the single-day events on each day of the month (day 1 first), in
    /// order: what the calendar view's day cells show, found without going through the month each frame.
    public private(set) var monthEventsByDay: [[Int]] = []
    /// Positions in `monthEvents` of the events that span days, in order.
    public private(set) var monthSpans: [Int] = []
    public var showDayEvents = false
    public var tasksCursor = ListCursor()
    /// The tasks view's filters; changing them recomputes `visibleTasks`.
    public var query = TaskQuery() {
        didSet { if query != oldValue { refreshVisibleTasks() } }
    }
    /// Task positions the tasks view shows, filtered, searched and sorted (kept up to date, not per frame).
    public private(set) var visibleTasks: [Int] = []
    /// What a search reads of every task, made when the first search of a plan is typed.
    private var searchIndex: TaskSearchIndex?
    /// The last search's filtered tasks (before sorting), which a longer search narrows.
    private var lastSearch: (query: TaskQuery, planRevision: Int, tasks: [Int])?
    /// Phases and their tasks as rows of the timeline view (recomputed when the plan changes).
    public private(set) var timelineRows: [TimelineRow] = []
    public var searching = false
    public var showDetail = true
    public var picker: Picker?
    public var prompt: Prompt?
    /// The 计划 view's list, and its selection in each list.
    public var structureList: StructureList = .units
    public var structureCursors = [ListCursor](repeating: ListCursor(), count: StructureList.allCases.count)
    /// A run of fields building a structure edit (adding a unit …), whose current field is the open prompt or picker.
    public var wizard: Wizard?
    public var confirmation: Confirmation?
    public var save = SaveState()

    /// Lists highlight their selected row (off on the office screen, where nobody selects anything).
    public var showsSelection = true

    /// On the office screen: how many times the current view has come round before (0 the first time).
    /// Lists longer than their room show page `wallTurn` (mod their page count) of themselves (`WallPage`).
    public var wallTurn = 0
    /// Set when the plan shown is the plan as it stood at the end of this day (`--as-of`, `Plan.asOf`):
    /// the title bar says so ("截至 2026-06-30 的计划").
    public var pastDay: Day?

    /// Rows the last frame could show per list, so paging moves by a screenful.
    public var pageRows = 10

    /// Counts the plans this state has shown: 0 for the first, one more at each `replacePlan`. What is
    /// made from the plan outside `derived` (`structureTable`) says which plan it was made from.
    public private(set) var planRevision = 0
    /// The 计划 view's list as text, when it has been made (`prepareForFrame`) and not yet replaced.
    public private(set) var structureTable: StructureTable?

    /// Makes what the next frame of the current view needs and would otherwise make every frame: the 计划
    /// view's list as text, when its list, the language or the plan changed. `DashboardApp.update` calls
    /// it after every event; a view drawn without it makes the same text itself.
    public mutating func prepareForFrame() {
        if view == .structure, !(structureTable?.isCurrent(for: self) ?? false) { structureTable = StructureTable(self) }
    }

    public init(plan: Plan, today: Day, lang: Language) {
        self.plan = plan
        self.today = today
        self.lang = lang
        index = PlanIndex(plan)
        lunar = LunarCalendar(timeZone: plan.timeZone)
        derived = Derived(plan: plan, index: index, today: today, lunar: lunar)
        calendarDay = today
        monthEvents = derived.calendar.entries(in: YearMonth(today))
        timelineStart = DashboardState.defaultTimelineStart(plan: plan, today: today)
        refreshVisibleTasks()
        timelineRows = computeTimelineRows()
        indexMonthEvents()  // observers do not run in an initialiser
        showCurrentPhase()
    }

    /// The timeline row of the phase under way (else the next to start, else the last): where the
    /// timeline opens, on the desk and on the wall.
    public var currentPhaseRow: Int? {
        guard let p = status.currentPhase, let k = plan.phases.firstIndex(where: { $0.id == p.id }) else { return nil }
        return timelineRows.firstIndex(of: .phase(k))
    }

    /// Selects the current phase in the timeline and scrolls it to the top.
    public mutating func showCurrentPhase() {
        guard let r = currentPhaseRow else { return }
        timelineCursor.selected = r
        timelineCursor.top = r
    }

    private func computeMonthEvents() -> CalendarEntries { derived.calendar.entries(in: YearMonth(calendarDay)) }

    private mutating func indexMonthEvents() {
        let month = YearMonth(calendarDay)
        var byDay = [[Int]](repeating: [], count: month.last.day)
        var spans: [Int] = []
        let first = month.first.ordinal
        for k in monthEvents.indices {
            if !monthEvents.isSingleDay(k) {
                spans.append(k)
            } else {
                let d = monthEvents.startOrdinal(k) - first
                if d >= 0, d < byDay.count { byDay[d].append(k) }
            }
        }
        monthEventsByDay = byDay
        monthSpans = spans
    }

    static func defaultTimelineStart(plan: Plan, today: Day) -> YearMonth {
        let first = plan.phases.map(\.start).min().map(YearMonth.init) ?? YearMonth(today)
        return min(first, YearMonth(today))
    }

    /// Replaces the plan (after an edit or a reload), keeping selections where they were.
    public mutating func replacePlan(_ newPlan: Plan) {
        let selectedTask = tasksCursor.selected < visibleTasks.count ? plan.tasks[visibleTasks[tasksCursor.selected]].id : nil
        let selectedOverdue = overdueSelectionKey
        plan = newPlan
        planRevision += 1
        index = PlanIndex(newPlan)
        derived = Derived(plan: plan, index: index, today: today, lunar: lunar)
        refreshVisibleTasks()
        timelineRows = computeTimelineRows()
        monthEvents = computeMonthEvents()
        if let id = selectedTask, let t = index.taskPosition[id], let k = visibleTasks.firstIndex(of: t) {
            tasksCursor.selected = k
        }
        tasksCursor.clamp(count: visibleTasks.count, visible: pageRows)
        if let key = selectedOverdue, let k = overdueRows.firstIndex(where: { overdueKey($0) == key }) {
            overdueCursor.selected = k
        }
        overdueCursor.clamp(count: overdueRows.count, visible: pageRows)
        timelineCursor.clamp(count: timelineRows.count, visible: pageRows)
    }

    /// A stable name for the overdue view's selected row (unit id, plus task id on task rows).
    private var overdueSelectionKey: String? {
        let rows = overdueRows
        return overdueCursor.selected < rows.count ? overdueKey(rows[overdueCursor.selected]) : nil
    }

    private func overdueKey(_ row: OverdueRow) -> String {
        switch row {
        case let .unit(g): return plan.units[derived.overdueByUnit[g].unit].id
        case let .task(g, e): return plan.units[derived.overdueByUnit[g].unit].id + "/" + plan.tasks[e.task].id
        }
    }

    /// Moves "today" (midnight rollover, or `--date`).
    public mutating func setToday(_ day: Day) {
        guard day != today else { return }
        today = day
        derived = Derived(plan: plan, index: index, today: today, lunar: lunar)
        if query.sort == .status { refreshVisibleTasks() }
        monthEvents = computeMonthEvents()
    }

    public var status: PlanStatus { derived.status }

    // MARK: Rows of the list views

    /// Rows of the overdue view: a unit header, then its tasks when expanded.
    public enum OverdueRow: Equatable, Sendable {
        case unit(group: Int)
        case task(group: Int, entry: UnitTask)
    }

    public var overdueRows: [OverdueRow] {
        var rows: [OverdueRow] = []
        for (g, group) in derived.overdueByUnit.enumerated() {
            rows.append(.unit(group: g))
            if expandedUnits.contains(plan.units[group.unit].id) {
                for e in group.overdue + group.dueSoon { rows.append(.task(group: g, entry: e)) }
            }
        }
        return rows
    }

    private mutating func refreshVisibleTasks() {
        var out: [Int] = []
        let q = query
        if q.isFiltered {
            let unitPos = q.unitID.flatMap { index.unitPosition[$0] }
            let needle = TaskSearch.normalize(q.search)
            var candidates: [Int]? = nil
            var search: TaskSearchIndex.Needle? = nil
            if !needle.isEmpty {
                if searchIndex?.planRevision != planRevision { searchIndex = TaskSearchIndex(plan: plan, revision: planRevision) }
                search = TaskSearchIndex.Needle(needle)
                // Typing a letter narrows the last search: what matches the longer text matched the shorter
                // (every way of matching is a substring or a run of readings). ASCII only: the search is then
                // only lower-cased.
                if let last = lastSearch, last.planRevision == planRevision, last.query.sectionID == q.sectionID,
                   last.query.unitID == q.unitID, last.query.status == q.status {
                    let before = TaskSearch.normalize(last.query.search)
                    if !before.isEmpty, needle.hasPrefix(before), needle.utf8.allSatisfy({ $0 < 0x80 }) { candidates = last.tasks }
                }
            }
            // The units of each task read from the flat lists, only when a unit is asked for.
            let plan = self.plan, involved = unitPos == nil ? nil : self.index.taskUnits
            // Fields read in place: binding each task to a value copied the whole task.
            func kept(_ t: Int) -> Bool {
                if let s = q.sectionID, plan.tasks[t].sectionID != s { return false }
                if let st = q.status, plan.tasks[t].status != st { return false }
                if let u = unitPos, let involved {
                    let unit = Int32(truncatingIfNeeded: u)
                    if !involved.lead(t).contains(unit), !involved.responsible(t).contains(unit) { return false }
                }
                return true
            }
            func select(_ keep: (Int) -> Bool) {
                if let candidates {
                    out = candidates.filter(keep)
                } else {
                    out.reserveCapacity(plan.tasks.count)
                    for t in plan.tasks.indices where keep(t) { out.append(t) }
                }
            }
            // The search and its index unwrapped once, not per task (each unwrapping copied them).
            if let search, let searchIndex {
                let titleMatch = searchIndex.titleMatches(search)
                select { kept($0) && searchIndex.matches($0, in: plan, search, titleMatch: titleMatch) }
            } else {
                select(kept)
            }
            lastSearch = needle.isEmpty ? nil : (q, planRevision, out)
        } else {
            out = Array(plan.tasks.indices)
            lastSearch = nil
        }
        switch q.sort {
        case .plan: break
        case .due:
            // Ordinals kept by the index (no day: last), not worked out twice per comparison.
            let due = index.dueOrdinal
            func key(_ t: Int) -> Int { due[t] == PlanIndex.noDay ? .max : due[t] }
            out.sort { (key($0), $0) < (key($1), $1) }
        case .status:
            let states = derived.states
            func rank(_ t: Int) -> Int {
                switch states[t] {
                case .overdue: return 0
                case .dueSoon: return 1
                case .behind: return 2
                case .onTrack: return 3
                case .done: return 4
                case .cancelled: return 5
                }
            }
            out.sort { (rank($0), $0) < (rank($1), $1) }
        case .progress:
            out.sort { (plan.tasks[$0].progress, $0) < (plan.tasks[$1].progress, $1) }
        }
        visibleTasks = out
    }

    /// Phases and their tasks as rows of the timeline view.
    public enum TimelineRow: Equatable, Sendable {
        case phase(Int)
        case task(Int)
    }

    private func computeTimelineRows() -> [TimelineRow] {
        // Tasks by the position of their phase's id (`index.phase`: the first phase of that id).
        var byPhase = [[Int]](repeating: [], count: plan.phases.count)
        for t in plan.tasks.indices { if let p = index.phase[t] { byPhase[p].append(t) } }
        var rows: [TimelineRow] = []
        rows.reserveCapacity(plan.phases.count + plan.tasks.count)
        for p in plan.phases.indices {
            rows.append(.phase(p))
            guard let first = index.phasePosition[plan.phases[p].id] else { continue }
            for t in byPhase[first] { rows.append(.task(t)) }
        }
        return rows
    }
}

/// Matching a search against a task: id, title, text, and the pinyin of the title with every reading
/// of each character (`Pinyin.matches`), so "mzj" or "minzheng" finds 民政 and "cszj" finds 长沙驻军.
public enum TaskSearch {
    /// The search as typed, lower-cased, and in simplified characters (ICU's Traditional-Simplified
    /// transform), so 國防教育 typed on a traditional-character input method finds 国防教育.
    public static func normalize(_ search: String) -> String {
        let lower = search.lowercased()
        guard !lower.unicodeScalars.allSatisfy(\.isASCII) else { return lower }
        return lower.applyingTransform(StringTransform("Traditional-Simplified"), reverse: false) ?? lower
    }

    public static func matches(_ task: PlanTask, needle: String) -> Bool {
        if task.id.lowercased().contains(needle) || task.title.lowercased().contains(needle) || task.text.contains(needle) {
            return true
        }
        guard needle.unicodeScalars.allSatisfy({ $0.isASCII }) else { return false }
        return Pinyin.matches(task.title, query: needle)
    }
}

/// What `TaskSearch.matches` reads of every task of a plan, made once when the first search is typed:
/// each title lower-cased and its readings (`Pinyin.readings`), once per distinct title, and each task's
/// lower-cased id and text as bytes in one run. A letter typed into a search of a large plan then tests
/// each distinct title once, and passes over an id or text that cannot hold the search, byte for byte,
/// without comparing characters (or touching the task).
struct TaskSearchIndex: Sendable {
    /// The plan revision (`DashboardState.planRevision`) the index was made from.
    let planRevision: Int
    /// Each task's title, as a position in `titles`.
    private let titleOf: [Int32]
    /// The distinct titles, lower-cased, and the readings of each as written.
    private let titles: [String]
    private let readings: [Pinyin.Readings]
    /// Each task's id lower-cased, then its text: task `t`'s id is `bytes[starts[2t]..<starts[2t + 1]]`,
    /// its text `bytes[starts[2t + 1]..<starts[2t + 2]]`.
    private let bytes: [UInt8]
    private let starts: [Int]

    init(plan: Plan, revision: Int) {
        planRevision = revision
        var number: [String: Int32] = [:], titleOf: [Int32] = [], titles: [String] = [], readings: [Pinyin.Readings] = []
        var bytes: [UInt8] = [], starts: [Int] = [0]
        titleOf.reserveCapacity(plan.tasks.count)
        starts.reserveCapacity(2 * plan.tasks.count + 1)
        for t in plan.tasks.indices {
            let title = plan.tasks[t].title
            if let k = number[title] {
                titleOf.append(k)
            } else {
                let k = Int32(titles.count)
                number[title] = k
                titleOf.append(k)
                titles.append(title.lowercased())
                readings.append(Pinyin.readings(of: title))
            }
            bytes += plan.tasks[t].id.lowercased().utf8
            starts.append(bytes.count)
            bytes += plan.tasks[t].text.utf8
            starts.append(bytes.count)
        }
        self.titleOf = titleOf
        self.titles = titles
        self.readings = readings
        self.bytes = bytes
        self.starts = starts
    }

    /// A normalised search (`TaskSearch.normalize`) and what is known of it once.
    struct Needle {
        let text: String
        let bytes: [UInt8]
        let ascii: Bool
        /// Whether a text without `bytes` in it cannot contain `text`: so when `text` is ASCII, except
        /// for `;` and `` ` ``, each of which has a canonically equivalent character outside ASCII
        /// (U+037E, U+1FEF) that `String` comparison would find.
        let byteFilter: Bool
        /// The search as `Pinyin.Readings.matches` reads it.
        let readings: Pinyin.Readings.Query

        init(_ text: String) {
            self.text = text
            readings = Pinyin.Readings.Query(text)
            bytes = Array(text.utf8)
            ascii = bytes.allSatisfy { $0 < 0x80 }
            byteFilter = ascii && !bytes.contains(UInt8(ascii: ";")) && !bytes.contains(UInt8(ascii: "`"))
        }
    }

    /// Which distinct titles match `needle` (lower-cased, it holds it; or it is ASCII and found in the
    /// title's readings), by title position: what `matches` reads.
    func titleMatches(_ needle: Needle) -> [Bool] {
        titles.indices.map { k in
            titles[k].contains(needle.text) || (needle.ascii && readings[k].matches(needle.readings))
        }
    }

    /// `TaskSearch.matches(plan.tasks[t], needle:)`, `plan` being the plan the index was made from and
    /// `titleMatch` `titleMatches(needle)`.
    func matches(_ t: Int, in plan: Plan, _ needle: Needle, titleMatch: [Bool]) -> Bool {
        if titleMatch[Int(titleOf[t])] { return true }
        let id = starts[2 * t]..<starts[2 * t + 1], text = starts[2 * t + 1]..<starts[2 * t + 2]
        if needle.byteFilter {
            let (inID, inText) = bytes.withUnsafeBufferPointer { b in
                (Self.find(needle.bytes, in: UnsafeBufferPointer(rebasing: b[id])),
                 Self.find(needle.bytes, in: UnsafeBufferPointer(rebasing: b[text])))
            }
            if inID, String(decoding: bytes[id], as: UTF8.self).contains(needle.text) { return true }
            return inText && plan.tasks[t].text.contains(needle.text)
        }
        return String(decoding: bytes[id], as: UTF8.self).contains(needle.text) || plan.tasks[t].text.contains(needle.text)
    }

    /// Whether `needle` occurs in `bytes` (each place its first byte is, found by `memchr`, compared).
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        let n = needle.count
        guard let base = bytes.baseAddress, bytes.count >= n else { return false }
        var i = 0
        let last = bytes.count - n
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < n, bytes[i + k] == needle[k] { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }
}
