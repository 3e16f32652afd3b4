import Foundation

/// A 双拥 work plan: who does what, in which phase, by when.
///
/// Everything here is plain value data. Rules that depend on the date (overdue, lights,
/// the current phase) live in `PlanQueries` and take "today" as an argument.
public struct Plan: Equatable, Sendable {
    /// Version of the plan-file format this code writes.
    public static let schemaVersion = 1

    public var title: String
    public var organization: String
    public var year: Int
    /// IANA time-zone identifier; day boundaries ("today", overdue) follow it.
    public var timeZoneID: String
    /// Free text about the plan (shown in reports' headings).
    public var note: String?
    /// The bundled sample, or a copy of it: its progress is invented, and the UI says so.
    public var isSample: Bool
    public var units: [Unit]
    public var phases: [Phase]
    public var sections: [Section]
    public var tasks: [PlanTask]
    public var activities: [Activity]
    /// Changes to the plan's structure (units, sections, phases, activities, the plan's own title …), with
    /// who and when (留痕); a task's own changes are in its `history`.
    public var history: [HistoryEntry] = []
    /// People's names the plan marks as such (王敏, 李娜 …), besides those in notes' and history lines'
    /// `by`: the office screen's `--redact` hides them wherever a note mentions them (Redaction.swift).
    public var people: [String] = []

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(title: String, organization: String, year: Int, timeZoneID: String = "Asia/Shanghai",
                note: String? = nil, isSample: Bool = false, units: [Unit] = [], phases: [Phase] = [], sections: [Section] = [],
                tasks: [PlanTask] = [], activities: [Activity] = []) {
        self.title = title
        self.organization = organization
        self.year = year
        self.timeZoneID = timeZoneID
        self.note = note
        self.isSample = isSample
        self.units = units
        self.phases = phases
        self.sections = sections
        self.tasks = tasks
        self.activities = activities
    }

    /// The plan's time zone (validated on load, so this falls back only for hand-built plans).
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneID) ?? TimeZone(identifier: "Asia/Shanghai")! }

    /// Today in the plan's time zone, for an instant supplied by the caller (the clock is injected).
    public func today(at instant: Date) -> Day { Day(instant: instant, in: timeZone) }
}

public enum UnitKind: String, CaseIterable, Sendable {
    case party, government, military, township, other

    /// The kind a unit's name suggests, for when nobody said (adding a unit, importing a document):
    /// 部队/人武部/武警/军分区 military; 乡镇/街道/办事处/社区 or a name ending in 镇/乡 township;
    /// 县委…/党校/编办/宣传部/组织部 party; a name ending in 局/办/委/政府/院/中心 government; otherwise other.
    public static func guess(_ name: String) -> UnitKind {
        if ["部队", "人武部", "武警", "军分区", "警备区", "边防", "预备役", "消防救援"].contains(where: name.contains) { return .military }
        if ["乡镇", "街道", "办事处", "社区"].contains(where: name.contains) || name.hasSuffix("镇") || name.hasSuffix("乡") { return .township }
        if ["县委", "市委", "区委"].contains(where: name.hasPrefix)
            || ["党校", "编办", "宣传部", "组织部", "统战部", "政法委", "党委", "纪委", "团县委", "团市委"].contains(where: name.contains) {
            return .party
        }
        if ["局", "办", "委", "政府", "办公室", "院", "中心"].contains(where: name.hasSuffix) { return .government }
        return .other
    }

    /// The kind in the words history lines use (党委, 政府, 部队, 乡镇, 其他).
    public var label: String {
        switch self {
        case .party: "党委"
        case .government: "政府"
        case .military: "部队"
        case .township: "乡镇"
        case .other: "其他"
        }
    }
}

/// An organisation named in the plan: a department, the troops, every township, or a collective name.
public struct Unit: Equatable, Sendable, Identifiable {
    public var id: String
    /// Full name as the plan writes it, e.g. 县双拥工作领导小组各成员单位.
    public var name: String
    /// Short name for narrow columns, e.g. 各成员单位.
    public var shortName: String
    public var kind: UnitKind

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(id: String, name: String, shortName: String? = nil, kind: UnitKind) {
        self.id = id
        self.name = name
        self.shortName = shortName ?? name
        self.kind = kind
    }
}

/// A stage of the work (组织准备, 全面实施, …) with an inclusive date range.
public struct Phase: Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var start: Day
    public var end: Day
    public var summary: String

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(id: String, name: String, start: Day, end: Day, summary: String = "") {
        self.id = id
        self.name = name
        self.start = start
        self.end = end
        self.summary = summary
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
}

/// A numbered part of 创建任务及责任, e.g. (二)宣传教育广泛深入, with its 牵头单位 and 责任单位.
public struct Section: Equatable, Sendable, Identifiable {
    public var id: String
    public var number: Int
    public var title: String
    public var leadUnits: [String]
    public var responsibleUnits: [String]

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(id: String, number: Int, title: String, leadUnits: [String], responsibleUnits: [String]) {
        self.id = id
        self.number = number
        self.title = title
        self.leadUnits = leadUnits
        self.responsibleUnits = responsibleUnits
    }
}

public enum TaskStatus: String, CaseIterable, Sendable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done
    case blocked
    case cancelled

    /// Done and cancelled tasks are closed: never overdue, never due soon.
    public var isClosed: Bool { self == .done || self == .cancelled }
}

/// A quantified target from the task text, e.g. 不少于2篇 with 1 done.
public struct QuantifiedTarget: Equatable, Sendable {
    public var required: Int
    public var achieved: Int
    /// The measure word: 篇, 次, %, 天 …
    public var unit: String
    /// What is counted, e.g. 市级以上稿件.
    public var label: String

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(required: Int, achieved: Int = 0, unit: String, label: String = "") {
        self.required = required
        self.achieved = achieved
        self.unit = unit
        self.label = label
    }

    public var isMet: Bool { achieved >= required }
}

/// One line of a task's trace (留痕): when, who, what.
public struct HistoryEntry: Equatable, Sendable {
    /// ISO 8601 instant with offset, e.g. 2026-07-03T09:15:00+08:00.
    public var at: String
    public var by: String
    public var change: String
    /// What the edit changed, as data (field, id, value before and after; FieldChange): the first is the
    /// edit's own field, the rest what it changed with it (progress with 已完成, references with a unit
    /// merge …). Empty in entries written before these were recorded, and in hand-written ones.
    public var changes: [FieldChange]

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(at: String, by: String, change: String, changes: [FieldChange] = []) {
        self.at = at
        self.by = by
        self.change = change
        self.changes = changes
    }
}

/// A note on a task: progress remarks, evidence (佐证材料) references.
public struct TaskNote: Equatable, Sendable {
    public var at: String
    public var by: String
    public var text: String

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(at: String, by: String, text: String) {
        self.at = at
        self.by = by
        self.text = text
    }
}

/// A value kept on the heap and never changed there, so that members most tasks lack cost a task one
/// pointer instead of their whole width (`PlanTask.rareStorage`: its target, notes, carry-over and unknown
/// members): at 20,000 tasks the plan's task array went from 5.8 MB to 2.7 MB (DECISIONS.md, "Smaller
/// tasks"). Setting a member makes a new box; copies of a task share the old one, so a task stays a value.
public final class Boxed<Value: Equatable & Sendable>: Equatable, Sendable {
    public let value: Value

    @inlinable
    public init(_ value: Value) { self.value = value }

    public static func == (a: Boxed, b: Boxed) -> Bool { a === b || a.value == b.value }
}

/// A numbered task of a section.
public struct PlanTask: Equatable, Sendable, Identifiable {
    public var id: String
    public var sectionID: String
    /// The number within its section (1、2、…).
    public var number: Int
    /// A short title for lists.
    public var title: String
    /// The full text as the plan states it.
    public var text: String
    public var phaseID: String
    /// The task's own 牵头单位, when it names them; empty when the section's 牵头单位 lead it.
    public var leadUnits: [String]
    /// Units the task's own text names as doing it ("县人社局负责…"); empty when the section's units do it.
    public var ownerUnits: [String]
    /// Explicit due date; nil means the end of the task's phase.
    public var due: Optional<Day>
    public var status: TaskStatus
    public var progress: Int
    /// The quantified target ("不少于2篇"), when the task has one.
    public var target: QuantifiedTarget? {
        get { rareStorage?.value.target }
        set { changeRare { $0.target = newValue } }
    }
    /// Notes added at a desk (`shuangyong edit --note`).
    public var notes: [TaskNote] {
        get { rareStorage?.value.notes ?? [] }
        set { changeRare { $0.notes = newValue } }
    }
    public var history: [HistoryEntry]
    /// Set when `shuangyong rollover` carried this task over (结转) from last year's plan, unfinished:
    /// where it came from and how far it had got (`Rollover`, PLAN-FORMAT.md "Next year's plan").
    public var carriedOver: CarryOver? {
        get { rareStorage?.value.carriedOver }
        set { changeRare { $0.carriedOver = newValue } }
    }
    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers: UnknownMembers {
        get { rareStorage?.value.unknownMembers ?? UnknownMembers() }
        set { changeRare { $0.unknownMembers = newValue } }
    }

    /// Where `target`, `notes`, `carriedOver` and `unknownMembers` are kept: boxed together, nil when the
    /// task has none of them (most tasks), so they cost a task one pointer instead of four words.
    public var rareStorage: Optional<Boxed<RareMembers>>

    /// The members of a task most tasks lack (`rareStorage`).
    public struct RareMembers: Equatable, Sendable {
        public var target: QuantifiedTarget?
        public var notes: [TaskNote]
        public var carriedOver: CarryOver?
        public var unknownMembers: UnknownMembers

        /// The box for these members, or nil when there are none (a task keeps no empty box, so that two
        /// equal tasks have equal `rareStorage`).
        /// (Inlined where a snapshot makes 20,000 tasks: `case .none` tests the optionals' tags where
        /// `!= nil`, called, went through their value witnesses, 6 M instructions a report.)
        @inlinable @inline(__always)
        public static func boxed(target: QuantifiedTarget?, notes: [TaskNote], carriedOver: CarryOver?,
                                 unknownMembers: UnknownMembers) -> Boxed<RareMembers>? {
            if case .none = target, case .none = carriedOver, notes.isEmpty, unknownMembers.isEmpty { return nil }
            return Boxed(RareMembers(target: target, notes: notes, carriedOver: carriedOver, unknownMembers: unknownMembers))
        }

        @inlinable
        init(target: QuantifiedTarget?, notes: [TaskNote], carriedOver: CarryOver?, unknownMembers: UnknownMembers) {
            self.target = target
            self.notes = notes
            self.carriedOver = carriedOver
            self.unknownMembers = unknownMembers
        }
    }

    /// Sets `rareStorage` to a new box with `change` made (the old box may be shared with copies).
    private mutating func changeRare(_ change: (inout RareMembers) -> Void) {
        var rare = rareStorage?.value ?? RareMembers(target: nil, notes: [], carriedOver: nil, unknownMembers: UnknownMembers())
        change(&rare)
        rareStorage = RareMembers.boxed(target: rare.target, notes: rare.notes, carriedOver: rare.carriedOver,
                                        unknownMembers: rare.unknownMembers)
    }

    // (No member has a default value, not even the nil a `T?` member gets, hence `Optional<T>`: with one,
    // an initialiser builds the task in a temporary and copies it out, retaining and releasing every field —
    // 550 instructions a task reading a snapshot.)
    @inlinable
    public init(id: String, sectionID: String, number: Int, title: String, text: String, phaseID: String,
                ownerUnits: [String] = [], due: Day? = nil, status: TaskStatus = .notStarted, progress: Int = 0,
                target: QuantifiedTarget? = nil, notes: [TaskNote] = [], history: [HistoryEntry] = []) {
        self.init(id: id, sectionID: sectionID, number: number, title: title, text: text, phaseID: phaseID, leadUnits: [],
                  ownerUnits: ownerUnits, due: due, status: status, progress: progress, target: target, notes: notes,
                  history: history, carriedOver: nil, unknownMembers: UnknownMembers())
    }

    /// Every member given, none defaulted: for readers that have them all (a snapshot makes 20,000–100,000
    /// tasks this way; setting `leadUnits` and the rest after the short initialiser copied each task).
    @inlinable  // inlined where a snapshot is read (3 % of a report's instructions otherwise)
    public init(id: String, sectionID: String, number: Int, title: String, text: String, phaseID: String,
                leadUnits: [String], ownerUnits: [String], due: Day?, status: TaskStatus, progress: Int,
                target: QuantifiedTarget?, notes: [TaskNote], history: [HistoryEntry], carriedOver: CarryOver?,
                unknownMembers: UnknownMembers) {
        self.id = id
        self.sectionID = sectionID
        self.number = number
        self.title = title
        self.text = text
        self.phaseID = phaseID
        self.leadUnits = leadUnits
        self.ownerUnits = ownerUnits
        self.due = due
        self.status = status
        self.progress = progress
        self.history = history
        self.rareStorage = RareMembers.boxed(target: target, notes: notes, carriedOver: carriedOver, unknownMembers: unknownMembers)
    }
}
