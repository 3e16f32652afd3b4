import Foundation

/// Lookups derived once from a plan: ids to positions, each task's section, phase, due date and the units
/// involved.
///
/// Build it once per loaded or edited plan; every date query then runs over flat arrays. Building it costs
/// one pass over the tasks with a cheap hash per id (`IDPositions`); the task ids themselves are hashed
/// only when `taskPosition` is first asked for (a report never asks).
public struct PlanIndex: Sendable {
    public let unitPosition: IDPositions
    public let sectionPosition: IDPositions
    public let phasePosition: IDPositions
    /// Where each task id is; built on first use (editing asks, reports and frames do not), then kept.
    public var taskPosition: IDPositions { taskPositions.value }
    /// Position of each task's section, by task position; nil when the section is not in the plan.
    public let section: [Int?]
    /// Position of each task's phase, by task position; nil when the phase is not in the plan.
    public let phase: [Int?]
    /// Due day of each task (its own, else the end of its phase), by task position.
    public let due: [Day?]
    /// Start of each task's window (the start of its phase), by task position.
    public let start: [Day?]
    /// `due` and `start` as ordinals (`Day.ordinal`), `PlanIndex.noDay` where the day is nil: the status
    /// rules, sorts and calendars compare days many times per task.
    public let dueOrdinal: [Int], startOrdinal: [Int]
    /// The ordinal standing for no day in `dueOrdinal` and `startOrdinal` (below every real day's).
    public static let noDay = Int.min
    /// The first eight bytes of each task's id as a big-endian number (zeros past its end), by task
    /// position, when the id is ASCII — ordered as `String` orders ASCII ids up to those eight bytes —
    /// else `UInt64.max`: a calendar orders thousands of deadlines by id without reading the tasks.
    public let idPrefix: [UInt64]

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
    /// Units answerable for each task (its own 牵头单位, else the section's), by task position, as unit positions.
    public let leadUnits: [[Int]]
    /// Units doing each task: the owners its text names, else the section's 责任单位 (minus lead units).
    public let responsibleUnits: [[Int]]

    private let taskPositions: LazyTaskPositions

    public init(_ plan: Plan) {
        // Items are read by position, field by field: binding each to a value copied the whole task.
        let units = IDPositions(count: plan.units.count) { plan.units[$0].id }
        let sections = IDPositions(count: plan.sections.count) { plan.sections[$0].id }
        let phases = IDPositions(count: plan.phases.count) { plan.phases[$0].id }
        unitPosition = units
        sectionPosition = sections
        phasePosition = phases
        let sectionLead = plan.sections.indices.map { plan.sections[$0].leadUnits.compactMap { units[$0] } }
        let sectionRespAll = plan.sections.indices.map { plan.sections[$0].responsibleUnits.compactMap { units[$0] } }
        // A section's responsible units minus its lead units: shared by every task that names neither.
        let sectionResp = plan.sections.indices.map { s in sectionRespAll[s].filter { !sectionLead[s].contains($0) } }
        let n = plan.tasks.count
        var section = [Int?](), phase = [Int?](), due = [Day?](), start = [Day?](), lead = [[Int]](), resp = [[Int]]()
        var dueOrdinal = [Int](), startOrdinal = [Int](), idPrefix = [UInt64]()
        idPrefix.reserveCapacity(n)
        dueOrdinal.reserveCapacity(n)
        startOrdinal.reserveCapacity(n)
        let phaseStart = plan.phases.map(\.start.ordinal), phaseEnd = plan.phases.map(\.end.ordinal)
        section.reserveCapacity(n)
        phase.reserveCapacity(n)
        due.reserveCapacity(n)
        start.reserveCapacity(n)
        lead.reserveCapacity(n)
        resp.reserveCapacity(n)
        // A task naming one owner (nearly every task that names any) shares that unit's one-element list.
        var single = [[Int]?](repeating: nil, count: plan.units.count)
        // The last phase and section looked up: tasks of a section come together in a plan as written.
        var lastPhaseID = "", lastPhase: Int? = nil, lastSectionID = "", lastSection: Int? = nil
        for k in 0..<n {
            let phaseID = plan.tasks[k].phaseID
            if phaseID != lastPhaseID || k == 0 { lastPhaseID = phaseID; lastPhase = phases[phaseID] }
            let p = lastPhase
            let sectionID = plan.tasks[k].sectionID
            if sectionID != lastSectionID || k == 0 { lastSectionID = sectionID; lastSection = sections[sectionID] }
            let s = lastSection
            section.append(s)
            phase.append(p)
            idPrefix.append(PlanIndex.idPrefix(plan.tasks[k].id))
            let ownDue = plan.tasks[k].due
            due.append(ownDue ?? p.map { plan.phases[$0].end })
            start.append(p.map { plan.phases[$0].start })
            dueOrdinal.append(ownDue?.ordinal ?? p.map { phaseEnd[$0] } ?? PlanIndex.noDay)
            startOrdinal.append(p.map { phaseStart[$0] } ?? PlanIndex.noDay)
            let taskLead = plan.tasks[k].leadUnits, owners = plan.tasks[k].ownerUnits
            let l = taskLead.isEmpty ? (s.map { sectionLead[$0] } ?? []) : taskLead.compactMap { units[$0] }
            lead.append(l)
            if owners.isEmpty {
                if taskLead.isEmpty {
                    resp.append(s.map { sectionResp[$0] } ?? [])
                } else {
                    resp.append((s.map { sectionRespAll[$0] } ?? []).filter { !l.contains($0) })
                }
            } else if owners.count == 1 {
                if let u = units[owners[0]], !l.contains(u) {
                    if let shared = single[u] {
                        resp.append(shared)
                    } else {
                        single[u] = [u]
                        resp.append([u])
                    }
                } else {
                    resp.append([])
                }
            } else {
                resp.append(owners.compactMap { units[$0] }.filter { !l.contains($0) })
            }
        }
        self.section = section
        self.phase = phase
        self.due = due
        self.start = start
        self.dueOrdinal = dueOrdinal
        self.startOrdinal = startOrdinal
        self.idPrefix = idPrefix
        leadUnits = lead
        responsibleUnits = resp
        taskPositions = LazyTaskPositions(plan.tasks)
    }
}

/// The task id table of a `PlanIndex`, made the first time it is asked for (from any thread) and kept.
private final class LazyTaskPositions: @unchecked Sendable {
    private let tasks: [PlanTask]
    private let lock = NSLock()
    private var built: IDPositions?

    init(_ tasks: [PlanTask]) { self.tasks = tasks }

    var value: IDPositions {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let table = IDPositions(count: tasks.count) { tasks[$0].id }
        built = table
        return table
    }
}
