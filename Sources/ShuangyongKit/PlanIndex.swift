/// Lookups derived once from a plan: ids to positions, each task's due date and the units involved.
///
/// Build it once per loaded or edited plan; every date query then runs over flat arrays.
public struct PlanIndex: Sendable {
    public let unitPosition: [String: Int]
    public let sectionPosition: [String: Int]
    public let phasePosition: [String: Int]
    public let taskPosition: [String: Int]
    /// Due day of each task (its own, else the end of its phase), by task position.
    public let due: [Day?]
    /// Start of each task's window (the start of its phase), by task position.
    public let start: [Day?]
    /// Units answerable for each task (its own 牵头单位, else the section's), by task position, as unit positions.
    public let leadUnits: [[Int]]
    /// Units doing each task: the owners its text names, else the section's 责任单位 (minus lead units).
    public let responsibleUnits: [[Int]]

    public init(_ plan: Plan) {
        // Items are read by position, field by field: binding each to a value copied the whole task.
        func positions(_ count: Int, _ id: (Int) -> String) -> [String: Int] {
            var d = [String: Int](minimumCapacity: count)
            for k in 0..<count {
                let key = id(k)
                if d[key] == nil { d[key] = k }
            }
            return d
        }
        unitPosition = positions(plan.units.count) { plan.units[$0].id }
        sectionPosition = positions(plan.sections.count) { plan.sections[$0].id }
        phasePosition = positions(plan.phases.count) { plan.phases[$0].id }
        taskPosition = positions(plan.tasks.count) { plan.tasks[$0].id }
        let up = unitPosition
        let sectionLead = plan.sections.map { $0.leadUnits.compactMap { up[$0] } }
        let sectionResp = plan.sections.map { $0.responsibleUnits.compactMap { up[$0] } }
        var due: [Day?] = [], start: [Day?] = [], lead: [[Int]] = [], resp: [[Int]] = []
        due.reserveCapacity(plan.tasks.count)
        start.reserveCapacity(plan.tasks.count)
        lead.reserveCapacity(plan.tasks.count)
        resp.reserveCapacity(plan.tasks.count)
        for k in plan.tasks.indices {
            let phase = phasePosition[plan.tasks[k].phaseID]
            due.append(plan.tasks[k].due ?? phase.map { plan.phases[$0].end })
            start.append(phase.map { plan.phases[$0].start })
            let s = sectionPosition[plan.tasks[k].sectionID]
            let taskLead = plan.tasks[k].leadUnits, owners = plan.tasks[k].ownerUnits
            let l = taskLead.isEmpty ? (s.map { sectionLead[$0] } ?? []) : taskLead.compactMap { up[$0] }
            lead.append(l)
            let r = owners.isEmpty ? (s.map { sectionResp[$0] } ?? []) : owners.compactMap { up[$0] }
            resp.append(r.filter { !l.contains($0) })
        }
        self.due = due
        self.start = start
        leadUnits = lead
        responsibleUnits = resp
    }
}
