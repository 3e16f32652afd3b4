import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

/// The index (`IDPositions`, `PlanIndex`), the overdue lists and the calendar's order, each against the
/// plain way they were worked out before they were made fast (dictionaries of ids, a sort per unit, a
/// sort of whole events).
@Suite("Index and orders agree with the plain way")
struct IndexAndOrderTests {
    func day(_ s: String) -> Day { Day(iso: s)! }

    @Test func idPositionsFindTheFirstOfEachId() {
        let ids = ["u1", "u2", "u1", "", "县民政局", "a-very-long-identifier-beyond-sixteen-bytes", "a-very-long-identifier-beyond-sixteen-bytez", "u2"]
        let positions = IDPositions(ids)
        #expect(positions.count == ids.count)
        #expect(positions["u1"] == 0 && positions["u2"] == 1 && positions[""] == 3 && positions["县民政局"] == 4)
        #expect(positions["a-very-long-identifier-beyond-sixteen-bytes"] == 5)
        #expect(positions["a-very-long-identifier-beyond-sixteen-bytez"] == 6)
        #expect(positions["u3"] == nil && positions["U1"] == nil && positions["县民政"] == nil)
        #expect(IDPositions([])["x"] == nil)
        let many = (0..<20_000).map { "t\($0)" }
        let table = IDPositions(count: many.count) { many[$0] }
        #expect(many.indices.allSatisfy { table[many[$0]] == $0 })
        #expect(table["t20000"] == nil)
    }

    /// A plan with what the index must get right: a task's own lead, owners that are unknown, repeated
    /// or also lead, sections and phases that are missing or repeated.
    func awkwardPlan() -> Plan {
        var plan = miniPlan()
        plan.units.append(Unit(id: "rwb", name: "县人武部", kind: .military))
        plan.sections.append(Section(id: "s2", number: 2, title: "第二部分", leadUnits: ["syb", "syb"], responsibleUnits: ["mzj", "syb", "zz", "rwb"]))
        plan.sections.append(Section(id: "s2", number: 3, title: "同号的部分", leadUnits: ["rwb"], responsibleUnits: []))
        let phase = plan.phases[0].id, section = plan.sections[0].id
        var own = PlanTask(id: "x1", sectionID: "s2", number: 1, title: "自有牵头", text: "", phaseID: phase, ownerUnits: ["rwb", "nobody", "rwb"])
        own.leadUnits = ["rwb", "mzj"]
        plan.tasks += [
            own,
            PlanTask(id: "x2", sectionID: "s2", number: 2, title: "一个责任单位", text: "", phaseID: "nophase", ownerUnits: ["syb"]),
            PlanTask(id: "x3", sectionID: "nosection", number: 3, title: "无部分", text: "", phaseID: phase, ownerUnits: ["mzj"],
                     due: day("2026-07-01")),
            PlanTask(id: "x4", sectionID: "s2", number: 4, title: "同上", text: "", phaseID: phase),
            PlanTask(id: "x1", sectionID: section, number: 5, title: "重号", text: "", phaseID: phase, ownerUnits: ["nobody"]),
        ]
        var second = PlanTask(id: "x6", sectionID: "s2", number: 6, title: "自有牵头无责任", text: "", phaseID: phase)
        second.leadUnits = ["mzj"]
        plan.tasks.append(second)
        return plan
    }

    @Test func idMemoAnswersAsThePositions() {
        // Short ids (bytes in place), long ones (in storage, some as separate copies), non-ASCII, missing.
        let long = (0..<300).map { "a-unit-id-long-enough-to-be-stored-\($0)" }
        let ids = (0..<300).map { "u\($0)" } + long + ["县民政局", "", "u7"]
        let positions = IDPositions(ids)
        var memo = IDMemo(positions)
        let asked = ids + long.map { String(decoding: Array($0.utf8), as: UTF8.self) } + ["missing", "u300", "县民政"]
        for _ in 0..<3 {
            for id in asked.shuffled() { #expect(memo(id) == positions[id], "\(id)") }
        }
    }

    @Test func planIndexAgreesWithDictionaries() {
        for plan in [awkwardPlan(), miniPlan(), PlanGenerator.make(tasks: 2_000, units: 120, seed: 3)] {
            func first(_ ids: [String]) -> [String: Int] {
                var d: [String: Int] = [:]
                for (k, id) in ids.enumerated() where d[id] == nil { d[id] = k }
                return d
            }
            let up = first(plan.units.map(\.id)), sp = first(plan.sections.map(\.id)), pp = first(plan.phases.map(\.id))
            let tp = first(plan.tasks.map(\.id))
            let index = PlanIndex(plan)
            for id in Array(up.keys) + ["missing"] { #expect(index.unitPosition[id] == up[id]) }
            for id in Array(sp.keys) + ["missing"] { #expect(index.sectionPosition[id] == sp[id]) }
            for id in Array(pp.keys) + ["missing"] { #expect(index.phasePosition[id] == pp[id]) }
            for id in Array(tp.keys) + ["missing"] { #expect(index.taskPosition[id] == tp[id]) }
            let sectionLead = plan.sections.map { $0.leadUnits.compactMap { up[$0] } }
            let sectionResp = plan.sections.map { $0.responsibleUnits.compactMap { up[$0] } }
            for (t, task) in plan.tasks.enumerated() {
                let phase = pp[task.phaseID], section = sp[task.sectionID]
                let lead = task.leadUnits.isEmpty ? (section.map { sectionLead[$0] } ?? []) : task.leadUnits.compactMap { up[$0] }
                let resp = (task.ownerUnits.isEmpty ? (section.map { sectionResp[$0] } ?? []) : task.ownerUnits.compactMap { up[$0] })
                    .filter { !lead.contains($0) }
                let due = task.due ?? phase.map { plan.phases[$0].end }, start = phase.map { plan.phases[$0].start }
                #expect(index.section[t] == section && index.phase[t] == phase, "\(task.id)")
                #expect(index.leadUnits[t] == lead && index.responsibleUnits[t] == resp, "\(task.id)")
                #expect(index.taskUnits.lead(t).map { Int($0) } == lead && index.taskUnits.responsible(t).map { Int($0) } == resp)
                #expect(index.taskUnits.section[t] == section && index.idPrefix[t] == PlanIndex.idPrefix(task.id))
                #expect(index.due[t] == due && index.start[t] == start, "\(task.id)")
                #expect(index.dueOrdinal[t] == (due?.ordinal ?? PlanIndex.noDay) && index.startOrdinal[t] == (start?.ordinal ?? PlanIndex.noDay))
            }
            // The by-task collections (`DaysByTask`, `PositionsByTask`) have a place for every task.
            let n = plan.tasks.count
            let counts: [Int] = [index.due.count, index.start.count, index.phase.count, index.section.count]
            #expect(counts == [n, n, n, n])
        }
    }

    @Test func overdueListsAreThoseOfASortPerUnit() {
        let plan = PlanGenerator.make(tasks: 3_000, units: 150, seed: 11)
        for (today, soon) in [("2026-06-15", 7), ("2026-10-15", 0), ("2026-11-30", 30), ("2027-03-01", 7)] {
            let status = PlanStatus(plan: plan, today: day(today), dueSoonDays: soon)
            var overdue = [[UnitTask]](repeating: [], count: plan.units.count), dueSoon = overdue
            for t in plan.tasks.indices {
                let late: Int
                switch status.state(t) {
                case let .overdue(days): late = days
                case let .dueSoon(days): late = -days
                default: continue
                }
                for (units, role) in [(status.index.leadUnits[t], Involvement.lead), (status.index.responsibleUnits[t], .responsible)] {
                    for u in units {
                        let e = UnitTask(task: t, involvement: role, daysLate: late)
                        if late > 0 { overdue[u].append(e) } else { dueSoon[u].append(e) }
                    }
                }
            }
            let order = { (a: UnitTask, b: UnitTask) in a.daysLate != b.daysLate ? a.daysLate > b.daysLate : a.task < b.task }
            let groups = status.overdueByUnit()
            #expect(!groups.isEmpty)
            for g in groups {
                #expect(g.overdue == overdue[g.unit].sorted(by: order) && g.dueSoon == dueSoon[g.unit].sorted(by: order), "\(today)")
            }
            #expect(groups.count == plan.units.indices.filter { !overdue[$0].isEmpty || !dueSoon[$0].isEmpty }.count)
        }
    }

    /// The overdue lists' entries are twelve bytes, and keep any task position and days late a plan has;
    /// the flat unit lists are made once, at (about) their size.
    @Test func unitListsAreCompact() {
        #expect(MemoryLayout<UnitTask>.stride == 12)
        var e = UnitTask(task: 99_999, involvement: .responsible, daysLate: -3_652_059)
        #expect(e.task == 99_999 && e.daysLate == -3_652_059 && e.involvement == .responsible)
        e.daysLate = 3_652_059
        e.task = 0
        #expect(e == UnitTask(task: 0, involvement: .responsible, daysLate: 3_652_059))
        let units = PlanStatus(plan: PlanGenerator.make(tasks: 2_000, units: 100, seed: 3), today: day("2026-11-30")).index.taskUnits
        #expect(units.units.count > 2 * 2_000)  // more than two units a task: a list reserved at 2n grew
        #expect(units.units.capacity * 2 < units.units.count * 3)  // not doubled
    }

    @Test func daysLateSpanningCenturiesAreSortedToo() {
        // A span far wider than the list: the comparison sort, not the counting sort.
        let late = [(task: 0, days: 5), (task: 1, days: 3_000_000), (task: 2, days: -7), (task: 3, days: 5), (task: 4, days: 3_000_000)]
        let sorted = PlanStatus.sortedMostLateFirst(late)
        #expect(sorted.map(\.task) == [1, 4, 0, 3, 2])
        let dense = (0..<500).map { (task: $0, days: ($0 * 37) % 41 - 7) }
        #expect(PlanStatus.sortedMostLateFirst(dense).map(\.task)
                == dense.sorted { $0.days != $1.days ? $0.days > $1.days : $0.task < $1.task }.map(\.task))
    }

    /// The calendar's order as it was defined: a stable sort of the events by day, kind, ref, title.
    func plainOrder(_ events: [CalendarEvent]) -> [CalendarEvent] {
        let kinds = CalendarEvent.Kind.allCases
        return events.sorted {
            if $0.start != $1.start { return $0.start < $1.start }
            if $0.kind != $1.kind { return kinds.firstIndex(of: $0.kind)! < kinds.firstIndex(of: $1.kind)! }
            if $0.ref != $1.ref { return ($0.ref ?? "") < ($1.ref ?? "") }
            return $0.title < $1.title
        }
    }

    @Test func calendarOrderIsThePlainOrder() {
        var plan = PlanGenerator.make(tasks: 4_000, units: 100, seed: 5)
        let phase = plan.phases[0].id, section = plan.sections[0].id
        let due = day("2026-10-31")
        // Ties the integer keys cannot settle: ids alike in their first eight bytes, ids beyond ASCII,
        // the same id twice (then title, then the tasks' order), a ref equal to a phase's.
        for (k, id) in ["task-0000-b", "task-0000-a", "任务甲", "任务乙", "dup", "dup", "dup", "t1", "T1", "p1"].enumerated() {
            var task = PlanTask(id: id, sectionID: section, number: k, title: k == 6 ? "甲" : "乙", text: "", phaseID: phase, due: due)
            task.status = k == 5 ? .done : .notStarted
            plan.tasks.append(task)
        }
        let cal = PlanCalendar(status: PlanStatus(plan: plan, today: day("2026-10-15")))
        for month in [YearMonth(year: 2026, month: 10)!, YearMonth(year: 2026, month: 12)!, YearMonth(year: 2027, month: 2)!] {
            let events = cal.events(in: month)
            #expect(!events.isEmpty)
            #expect(events == plainOrder(events), "\(month)")
            let entries = cal.entries(in: month)
            #expect(entries.count == events.count)
            #expect(entries.indices.allSatisfy { entries[$0] == events[$0] && entries.start($0) == events[$0].start
                && entries.isSingleDay($0) == events[$0].isSingleDay })
        }
        // The three "dup" deadlines: title 乙 before 甲, and the two 乙 in the tasks' order (not started, done).
        let dups = cal.events(in: YearMonth(year: 2026, month: 10)!).filter { $0.ref == "dup" }
        #expect(dups.map(\.title) == ["乙", "乙", "甲"])
        #expect(dups.map { $0.state == .done } == [false, true, false])
        let year = cal.events(in: day("2026-01-01")...day("2027-12-31"))
        #expect(year == plainOrder(year))
    }
}
