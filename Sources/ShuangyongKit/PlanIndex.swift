import Foundation

/// Lookups derived once from a plan: ids to positions, each task's section, phase, due date and the units
/// involved.
///
/// Build it once per loaded or edited plan; every date query then runs over flat arrays. Building it costs
/// one pass over the tasks for the dates (`phase`, `due`, `start` and their ordinals). The rest is made
/// the first time it is asked for, from any thread, then kept: the units of each task (`taskUnits`,
/// `section`, `leadUnits`, `responsibleUnits`: a calendar never asks), the id prefixes (`idPrefix`) and the
/// task id table (`taskPosition`: editing asks, reports and frames do not).
public struct PlanIndex: Sendable {
    public let unitPosition: IDPositions
    public let sectionPosition: IDPositions
    public let phasePosition: IDPositions
    /// Where each task id is; built on first use, then kept.
    public var taskPosition: IDPositions { parts.taskPositions.value }
    /// Position of each task's section, by task position; nil when the section is not in the plan.
    /// Built with `taskUnits` on first use.
    public var section: PositionsByTask { parts.taskUnits.value.section }
    /// Position of each task's phase, by task position; nil when the phase is not in the plan.
    public let phase: PositionsByTask
    /// Due day of each task (its own, else the end of its phase), by task position; made from `dueOrdinal`.
    public var due: DaysByTask { DaysByTask(ordinals: dueOrdinal) }
    /// Start of each task's window (the start of its phase), by task position; made from `startOrdinal`.
    public var start: DaysByTask { DaysByTask(ordinals: startOrdinal) }
    /// `due` and `start` as ordinals (`Day.ordinal`), `PlanIndex.noDay` where the day is nil: the status
    /// rules, sorts and calendars compare days many times per task.
    public let dueOrdinal: [Int], startOrdinal: [Int]
    /// The ordinal standing for no day in `dueOrdinal` and `startOrdinal` (below every real day's).
    public static let noDay = Int.min
    /// The first eight bytes of each task's id as a big-endian number (zeros past its end), by task
    /// position, when the id is ASCII — ordered as `String` orders ASCII ids up to those eight bytes —
    /// else `UInt64.max`. Built on first use; a caller wanting a few tasks' prefixes can take
    /// `PlanIndex.idPrefix(_:)` of their ids instead.
    public var idPrefix: [UInt64] { parts.idPrefixes.value }

    /// `idPrefix` of one id.
    public static func idPrefix(_ id: String) -> UInt64 {
        func prefix(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var prefix: UInt64 = 0, n = 0
            for b in bytes {
                if b >= 0x80 { return .max }
                if n < 8 { prefix |= UInt64(b) << (56 - 8 * n) }
                n += 1
            }
            return prefix
        }
        // The bytes in place when the string has them contiguous (always, for a native string).
        return id.utf8.withContiguousStorageIfAvailable { prefix($0) } ?? prefix(id.utf8)
    }
    /// The units involved in each task, as flat lists (`TaskUnits`): what `leadUnits` and
    /// `responsibleUnits` hold, without an array per task. Built on first use.
    public var taskUnits: TaskUnits { parts.taskUnits.value }
    /// Units answerable for each task (its own 牵头单位, else the section's), by task position, as unit
    /// positions. Made from `taskUnits` on first use.
    public var leadUnits: [[Int]] { parts.unitLists.value.lead }
    /// Units doing each task: the owners its text names, else the section's 责任单位 (minus lead units).
    /// Made from `taskUnits` on first use.
    public var responsibleUnits: [[Int]] { parts.unitLists.value.responsible }

    private let parts: Parts

    public init(_ plan: Plan) {
        // Items are read by position, field by field: binding each to a value copied the whole task.
        let units = IDPositions(count: plan.units.count) { plan.units[$0].id }
        let sections = IDPositions(count: plan.sections.count) { plan.sections[$0].id }
        let phases = IDPositions(count: plan.phases.count) { plan.phases[$0].id }
        unitPosition = units
        sectionPosition = sections
        phasePosition = phases
        let n = plan.tasks.count
        var phase = [Int32](), dueOrdinal = [Int](), startOrdinal = [Int]()
        phase.reserveCapacity(n)
        dueOrdinal.reserveCapacity(n)
        startOrdinal.reserveCapacity(n)
        let phaseStart = plan.phases.map(\.start.ordinal), phaseEnd = plan.phases.map(\.end.ordinal)
        // A plan has a handful of phases: each id is hashed once, then found by its bytes (`IDMemo`).
        var phaseOf = IDMemo(phases)
        plan.tasks.withUnsafeBufferPointer { tasks in
            for k in tasks.indices {
                let p = phaseOf(tasks[k].phaseID)
                phase.append(PositionsByTask.stored(p))
                if let ownDue = tasks[k].due {
                    dueOrdinal.append(ownDue.ordinal)
                } else if let p {
                    dueOrdinal.append(phaseEnd[p])
                } else {
                    dueOrdinal.append(PlanIndex.noDay)
                }
                startOrdinal.append(p.map { phaseStart[$0] } ?? PlanIndex.noDay)
            }
        }
        self.phase = PositionsByTask(stored: phase)
        self.dueOrdinal = dueOrdinal
        self.startOrdinal = startOrdinal
        parts = Parts(plan, units: units, sections: sections)
    }
}

/// The units involved in each task of a plan (`PlanIndex.taskUnits`), flat: task `t`'s lead units are
/// `units[bounds[2t]..<bounds[2t+1]]`, its responsible units `units[bounds[2t+1]..<bounds[2t+2]]`.
///
/// Lead units are the task's own 牵头单位, else its section's; responsible units are the owners its text
/// names, else the section's 责任单位, less any lead unit. Ids not in the plan are left out.
public struct TaskUnits: Sendable {
    /// Position of each task's section, by task position; nil when the section is not in the plan.
    public let section: PositionsByTask
    /// Where each task's lead and responsible units are in `units`: `2 * tasks + 1` offsets.
    public let bounds: [Int32]
    /// Unit positions, task after task, each task's lead units before its responsible ones.
    public let units: [Int32]

    /// Task `t`'s lead units (牵头单位), as unit positions.
    public func lead(_ t: Int) -> ArraySlice<Int32> { units[Int(bounds[2 * t])..<Int(bounds[2 * t + 1])] }
    /// Task `t`'s responsible units (责任单位), as unit positions.
    public func responsible(_ t: Int) -> ArraySlice<Int32> { units[Int(bounds[2 * t + 1])..<Int(bounds[2 * t + 2])] }
    /// Who does task `t`: its responsible units, or its lead units when it has none.
    public func doers(_ t: Int) -> ArraySlice<Int32> {
        let responsible = responsible(t)
        return responsible.isEmpty ? lead(t) : responsible
    }
    /// Every unit involved in task `t`: its lead units, then its responsible ones.
    public func involved(_ t: Int) -> ArraySlice<Int32> { units[Int(bounds[2 * t])..<Int(bounds[2 * t + 2])] }

    init(_ plan: Plan, units: IDPositions, sections: IDPositions) {
        // Each section's lead units, responsible units, and responsible units less lead units (shared by
        // every task that names neither), flat: section `s`'s are `[s]` of each.
        var sectionLead = FlatLists(), sectionRespAll = FlatLists(), sectionResp = FlatLists()
        for s in plan.sections.indices {
            let leadStart = sectionLead.units.count
            for id in plan.sections[s].leadUnits { if let u = units[id] { sectionLead.units.append(Int32(truncatingIfNeeded: u)) } }
            sectionLead.end()
            let leads = leadStart..<sectionLead.units.count
            for id in plan.sections[s].responsibleUnits {
                guard let u = units[id] else { continue }
                sectionRespAll.units.append(Int32(truncatingIfNeeded: u))
                if !TaskUnits.has(u, sectionLead.units, leads) { sectionResp.units.append(Int32(truncatingIfNeeded: u)) }
            }
            sectionRespAll.end()
            sectionResp.end()
        }
        let n = plan.tasks.count
        var section = [Int32](), bounds = [Int32](), list = [Int32]()
        section.reserveCapacity(n)
        bounds.reserveCapacity(2 * n + 1)
        bounds.append(0)
        // Tasks name the same sections and units again and again: each id hashed once (`IDMemo`).
        var sectionOf = IDMemo(sections), unitOf = IDMemo(units)
        // Each task's section, and how many units the lists can hold at most, so that `list` is made once at
        // its size (grown by doubling, it held up to twice what it needed, and both copies at once).
        var most = 0
        plan.tasks.withUnsafeBufferPointer { tasks in
            for k in tasks.indices {
                let s = sectionOf(tasks[k].sectionID)
                section.append(PositionsByTask.stored(s))
                let ownLead = !tasks[k].leadUnits.isEmpty
                most += ownLead ? tasks[k].leadUnits.count : s.map { sectionLead[$0].count } ?? 0
                most += !tasks[k].ownerUnits.isEmpty ? tasks[k].ownerUnits.count
                    : s.map { ownLead ? sectionRespAll[$0].count : sectionResp[$0].count } ?? 0
            }
        }
        list.reserveCapacity(most)
        plan.tasks.withUnsafeBufferPointer { tasks in
            for k in tasks.indices {
                let s: Int? = section[k] < 0 ? nil : Int(section[k])
                let leadStart = list.count
                let ownLead = !tasks[k].leadUnits.isEmpty
                if ownLead {
                    for id in tasks[k].leadUnits { if let u = unitOf(id) { list.append(Int32(truncatingIfNeeded: u)) } }
                } else if let s {
                    for u in sectionLead[s] { list.append(u) }
                }
                let leads = leadStart..<list.count
                bounds.append(Int32(truncatingIfNeeded: list.count))
                if !tasks[k].ownerUnits.isEmpty {
                    for id in tasks[k].ownerUnits {
                        if let u = unitOf(id), !TaskUnits.has(u, list, leads) { list.append(Int32(truncatingIfNeeded: u)) }
                    }
                } else if let s {
                    if ownLead {
                        for u in sectionRespAll[s] where !TaskUnits.has(Int(u), list, leads) { list.append(u) }
                    } else {
                        for u in sectionResp[s] { list.append(u) }
                    }
                }
                bounds.append(Int32(truncatingIfNeeded: list.count))
            }
        }
        self.section = PositionsByTask(stored: section)
        self.bounds = bounds
        self.units = list
    }

    /// Lists of unit positions, one after another: list `k` is `units[ends[k - 1]..<ends[k]]`.
    private struct FlatLists {
        var units: [Int32] = []
        var ends: [Int] = []

        /// Ends the list whose units were appended since the last one ended.
        mutating func end() { ends.append(units.count) }

        subscript(k: Int) -> ArraySlice<Int32> { units[(k == 0 ? 0 : ends[k - 1])..<ends[k]] }
    }

    /// Whether unit `u` is in `list[range]` (a task's lead units: one or two).
    private static func has(_ u: Int, _ list: [Int32], _ range: Range<Int>) -> Bool {
        let u = Int32(truncatingIfNeeded: u)
        for i in range where list[i] == u { return true }
        return false
    }
}

extension PlanIndex {
    /// The parts of an index made on first use, each once (from any thread) and then kept.
    private final class Parts: Sendable {
        let taskPositions: Deferred<IDPositions>
        let taskUnits: Deferred<TaskUnits>
        let unitLists: Deferred<(lead: [[Int]], responsible: [[Int]])>
        let idPrefixes: Deferred<[UInt64]>

        init(_ plan: Plan, units: IDPositions, sections: IDPositions) {
            let tasks = plan.tasks
            taskPositions = Deferred { IDPositions(count: tasks.count) { tasks[$0].id } }
            let taskUnits = Deferred { TaskUnits(plan, units: units, sections: sections) }
            self.taskUnits = taskUnits
            unitLists = Deferred {
                let flat = taskUnits.value
                // A task naming one unit (nearly every task) shares that unit's one-element list.
                var single = [[Int]?](repeating: nil, count: plan.units.count)
                func list(_ slice: ArraySlice<Int32>) -> [Int] {
                    guard slice.count == 1 else { return slice.map { Int($0) } }
                    let u = Int(slice.first!)
                    if let shared = single[u] { return shared }
                    single[u] = [u]
                    return [u]
                }
                var lead = [[Int]](), responsible = [[Int]]()
                lead.reserveCapacity(tasks.count)
                responsible.reserveCapacity(tasks.count)
                for t in tasks.indices {
                    lead.append(list(flat.lead(t)))
                    responsible.append(list(flat.responsible(t)))
                }
                return (lead, responsible)
            }
            idPrefixes = Deferred { tasks.indices.map { PlanIndex.idPrefix(tasks[$0].id) } }
        }
    }
}

/// A value made by `make` the first time it is asked for (from any thread), then kept.
private final class Deferred<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private var make: (@Sendable () -> Value)?

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make!()
        made = value
        make = nil
        return value
    }
}

/// Days by task position (`PlanIndex.due`, `.start`), read from the ordinals the index keeps
/// (`dueOrdinal`, `startOrdinal`) rather than stored a second time: nil where the ordinal is
/// `PlanIndex.noDay`. An array of `Day?` beside the ordinals was 160 kB more at 20,000 tasks.
public struct DaysByTask: RandomAccessCollection, Equatable, Sendable {
    /// The days' ordinals (`Day.ordinal`), `PlanIndex.noDay` for none.
    public let ordinals: [Int]

    public var startIndex: Int { ordinals.startIndex }
    public var endIndex: Int { ordinals.endIndex }

    public subscript(task: Int) -> Day? {
        let o = ordinals[task]
        return o == PlanIndex.noDay ? nil : Day(ordinal: o)
    }
}

/// Places of a section or phase by task position (`PlanIndex.phase`, `.section`): nil where the task's id
/// names none in the plan. Four bytes a task; an `[Int?]` took sixteen (320 kB at 20,000 tasks).
public struct PositionsByTask: RandomAccessCollection, Equatable, Sendable {
    /// Each position, or -1 for none.
    private let storage: [Int32]

    init(stored: [Int32]) { storage = stored }

    /// `position` as stored: -1 for nil. A plan's sections and phases number far fewer than 2³¹.
    static func stored(_ position: Int?) -> Int32 { position.map { Int32(truncatingIfNeeded: $0) } ?? -1 }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }

    public subscript(task: Int) -> Int? {
        let p = storage[task]
        return p < 0 ? nil : Int(p)
    }
}
