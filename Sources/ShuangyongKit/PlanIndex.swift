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
        func positions<T>(_ items: [T], _ id: (T) -> String) -> [String: Int] {
            var d = [String: Int](minimumCapacity: items.count)
            for (k, item) in items.enumerated() where d[id(item)] == nil { d[id(item)] = k }
            return d
        }
        unitPosition = positions(plan.units, \.id)
        sectionPosition = positions(plan.sections, \.id)
        phasePosition = positions(plan.phases, \.id)
        taskPosition = positions(plan.tasks, \.id)
        let up = unitPosition
        let sectionLead = plan.sections.map { $0.leadUnits.compactMap { up[$0] } }
        let sectionResp = plan.sections.map { $0.responsibleUnits.compactMap { up[$0] } }
        var due: [Day?] = [], start: [Day?] = [], lead: [[Int]] = [], resp: [[Int]] = []
        due.reserveCapacity(plan.tasks.count)
        start.reserveCapacity(plan.tasks.count)
        lead.reserveCapacity(plan.tasks.count)
        resp.reserveCapacity(plan.tasks.count)
        for t in plan.tasks {
            let phase = phasePosition[t.phaseID].map { plan.phases[$0] }
            due.append(t.due ?? phase?.end)
            start.append(phase?.start)
            let s = sectionPosition[t.sectionID]
            let l = t.leadUnits.isEmpty ? (s.map { sectionLead[$0] } ?? []) : t.leadUnits.compactMap { up[$0] }
            lead.append(l)
            let r = t.ownerUnits.isEmpty ? (s.map { sectionResp[$0] } ?? []) : t.ownerUnits.compactMap { up[$0] }
            resp.append(r.filter { !l.contains($0) })
        }
        self.due = due
        self.start = start
        leadUnits = lead
        responsibleUnits = resp
    }
}
