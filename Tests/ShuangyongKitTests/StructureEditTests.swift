import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

/// Structure edits: each applies, validates, records history and is undone exactly by its inverse.
@Suite("Structure edits: units, sections, phases, activities, the plan, task text and place")
struct StructureEditTests {
    let user = editUser

    func error(_ edit: PlanEdit, on plan: Plan = editPlan()) -> PlanEditError? { editError(edit, on: plan) }

    /// Applies the edit, then its inverse, and checks the plan is back as it was (history only grows).
    @discardableResult
    func expectUndone(_ edit: PlanEdit, on plan: Plan = editPlan(), sourceLocation: SourceLocation = #_sourceLocation) throws -> Plan {
        let (after, a) = try apply(edit, to: plan)
        #expect(!a.isNoOp, sourceLocation: sourceLocation)
        #expect(a.history != nil, "recorded with who and when", sourceLocation: sourceLocation)
        var back = after
        for inverse in a.inverse { back = try apply(inverse, to: back, kind: .undo).0 }
        func withoutHistory(_ p: Plan) -> Plan {
            var p = p
            p.history = []
            for k in p.tasks.indices { p.tasks[k].history = [] }
            return p
        }
        #expect(withoutHistory(back) == withoutHistory(plan), "\(edit) undone", sourceLocation: sourceLocation)
        return after
    }

    @Test func everyStructureEditIsUndoneByItsInverse() throws {
        let plan = editPlan()
        var unit = plan.units[0]
        unit.name = "县退役军人事务局"
        let edits: [StructureEdit] = [
            .setPlanInfo(PlanInfo(title: "新标题", organization: "新单位", year: 2027, timeZoneID: "Asia/Urumqi")),
            .putUnit(Unit(id: "wlj", name: "县文旅局", kind: .government), at: nil),
            .putUnit(unit, at: nil),
            .putUnit(plan.units[2], at: 0),
            .removeUnit(unitID: "rsj", reassignTo: "mzj"),
            .putSection(Section(id: "s2", number: 2, title: "宣传教育", leadUnits: ["mzj"], responsibleUnits: ["syb", "rsj"]), at: nil),
            .putSection(Section(id: "s1", number: 1, title: "组织领导坚强有力", leadUnits: ["syb"], responsibleUnits: []), at: nil),
            .putPhase(Phase(id: "p3", name: "检查验收", start: Day(iso: "2026-10-01")!, end: Day(iso: "2026-12-31")!), at: nil),
            .putPhase(Phase(id: "p2", name: "全面实施", start: Day(iso: "2026-06-01")!, end: Day(iso: "2026-08-31")!), at: nil),
            .removePhase(phaseID: "p1", moveTasksTo: "p2"),
            .putActivity(Activity(id: "gfjyr", title: "全民国防教育日", kind: .campaign, rule: .nthWeekday(month: 9, n: 3, weekday: 6)), at: nil),
            .setTaskText(taskID: "a", title: "制定实施方案", text: "制定并印发实施方案"),
            .moveTask(taskID: "a", sectionID: "s1", phaseID: "p2"),
            .setTaskLeads(taskID: "b", ["syb"]),
            .setTarget(taskID: "a", QuantifiedTarget(required: 3, unit: "次", label: "督查")),
            .setTarget(taskID: "d", nil),
        ]
        for e in edits { try expectUndone(.structure(e), on: plan) }
        // Removals of things nothing names.
        var withExtra = plan
        withExtra.units.append(Unit(id: "x", name: "多余单位", kind: .other))
        withExtra.activities.append(Activity(id: "act", title: "八一走访", kind: .visit, rule: .yearly(month: 8, day: 1)))
        withExtra.sections.append(Section(id: "s9", number: 9, title: "空部分", leadUnits: [], responsibleUnits: []))
        for e: StructureEdit in [.removeUnit(unitID: "x", reassignTo: nil), .removeActivity(activityID: "act"), .removeSection(sectionID: "s9")] {
            try expectUndone(.structure(e), on: withExtra)
        }
    }

    @Test func whatIsStillNamedCannotBeRemoved() {
        #expect(error(.structure(.removeUnit(unitID: "rsj", reassignTo: nil)))?.description
                == "unit rsj 单位: still named by b 责任单位; reassign them to another unit (merge) first")
        #expect(error(.structure(.removeSection(sectionID: "s1")))?.description.contains("4 task(s) are in it (a, b, c, d)") == true)
        #expect(error(.structure(.removePhase(phaseID: "p1", moveTasksTo: nil)))?.description.contains("2 task(s) use it (a, c)") == true)
        #expect(error(.structure(.removeUnit(unitID: "mzj", reassignTo: "mzj")))?.description.contains("merged into itself") == true)
    }

    @Test func valuesAreChecked() {
        let p = editPlan()
        #expect(error(.structure(.putPhase(Phase(id: "p9", name: "倒挂", start: Day(iso: "2026-05-01")!, end: Day(iso: "2026-04-01")!), at: nil))) != nil)
        #expect(error(.structure(.putSection(Section(id: "s2", number: 1, title: "重号", leadUnits: [], responsibleUnits: []), at: nil)))?
            .description.contains("number 1 is already section s1") == true)
        #expect(error(.structure(.putSection(Section(id: "s2", number: 2, title: "未知单位", leadUnits: ["ghost"], responsibleUnits: []), at: nil)))
                == .unknownUnit(id: "ghost", task: nil))
        #expect(error(.structure(.setPlanInfo(PlanInfo(title: "", organization: "", year: 2026, timeZoneID: "Asia/Shanghai")))) != nil)
        #expect(error(.structure(.setPlanInfo(PlanInfo(title: "t", organization: "", year: 10_000, timeZoneID: "Asia/Shanghai")))) != nil)
        #expect(error(.structure(.setPlanInfo(PlanInfo(title: "t", organization: "", year: 2026, timeZoneID: "Mars/Olympus")))) != nil)
        #expect(error(.structure(.putActivity(Activity(id: "x", title: "x", kind: .other, rule: .nthWeekday(month: 9, n: 6, weekday: 6)), at: nil))) != nil)
        #expect(error(.structure(.setTarget(taskID: "a", QuantifiedTarget(required: 0, unit: "次")))) != nil)
        #expect(error(.structure(.moveTask(taskID: "a", sectionID: "nope", phaseID: "p1"))) != nil)
        #expect(p.references(toUnit: "mzj") == ["s1 牵头单位"])
    }

    @Test func mergingAUnitMovesEveryReference() throws {
        var plan = editPlan()
        plan.tasks[3].leadUnits = ["rsj"]
        plan.activities = [Activity(id: "act", title: "走访", kind: .visit, units: ["rsj", "mzj"], rule: .yearly(month: 8, day: 1))]
        let (after, a) = try apply(.structure(.removeUnit(unitID: "rsj", reassignTo: "mzj")), to: plan)
        #expect(!after.units.contains { $0.id == "rsj" })
        #expect(after.references(toUnit: "rsj").isEmpty)
        #expect(after.tasks[1].ownerUnits == ["mzj"] && after.tasks[3].leadUnits == ["mzj"])
        #expect(after.activities[0].units == ["mzj"])  // named once, not twice
        #expect(a.change.hasPrefix("合并单位: 县人社局 并入 县民政局"))
        #expect(after.history.last?.by == user)
        try expectUndone(.structure(.removeUnit(unitID: "rsj", reassignTo: "mzj")), on: plan)
    }

    @Test func aPhasesTasksDueOnItsEndMoveWithIt() throws {
        var plan = editPlan()
        plan.tasks[3].due = Day(iso: "2026-09-30")  // d: due on p2's last day
        var p2 = plan.phases[1]
        p2.end = Day(iso: "2026-09-20")!
        let (after, a) = try apply(.structure(.putPhase(p2, at: nil)), to: plan)
        #expect(after.tasks[3].due == Day(iso: "2026-09-20"))
        #expect(a.change.contains("1 项任务的截止日随之改为 2026-09-20"))
        try expectUndone(.structure(.putPhase(p2, at: nil)), on: plan)
    }

    @Test func aTaskMovedToAnotherSectionTakesItsNextNumber() throws {
        var plan = editPlan()
        plan.sections.append(Section(id: "s2", number: 2, title: "宣传", leadUnits: [], responsibleUnits: []))
        plan.tasks.append(PlanTask(id: "s2-1", sectionID: "s2", number: 1, title: "已有", text: "", phaseID: "p1"))
        let (after, _) = try apply(.structure(.moveTask(taskID: "b", sectionID: "s2", phaseID: "p2")), to: plan)
        let moved = after.tasks.first { $0.id == "b" }!
        #expect(moved.sectionID == "s2" && moved.number == 2)
        #expect(after.tasks.map(\.id) == ["a", "c", "d", "s2-1", "b"])
        #expect(moved.history.last?.change.hasPrefix("所属: (1) 组织领导 / 全面实施 → (2) 宣传 / 全面实施") == true)
    }

    @Test func rulesReadAndWriteAsText() {
        let rules: [Recurrence] = [.yearly(month: 8, day: 1), .lunar(month: 1, day: 1), .months([7, 12]), .halfYearly,
                                   .once(Day(iso: "2026-04-20")!), .range(Day(iso: "2026-07-01")!, Day(iso: "2026-12-31")!),
                                   .nthWeekday(month: 9, n: 3, weekday: 6)]
        for r in rules { #expect(Recurrence(text: r.text) == r, "\(r.text)") }
        #expect(Recurrence(text: "nth-weekday 09 3 sat") == .nthWeekday(month: 9, n: 3, weekday: 6))
        #expect(Recurrence(text: "nth-weekday 9 3 周六") == .nthWeekday(month: 9, n: 3, weekday: 6))
        #expect(Recurrence(text: "months 7，12") == .months([7, 12]))
        for bad in ["", "yearly 13-01", "lunar 01-31", "nth-weekday 09 6 sat", "range 2026-12-31 2026-01-01", "weekly mon", "months"] {
            #expect(Recurrence(text: bad) == nil, "\(bad)")
        }
        // The third Saturday of September, every year.
        let lunar = LunarCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let days = Recurrence.nthWeekday(month: 9, n: 3, weekday: 6)
            .occurrences(overlapping: Day(iso: "2026-01-01")!...Day(iso: "2027-12-31")!, lunar: lunar).map(\.lowerBound.iso)
        #expect(days == ["2026-09-19", "2027-09-18"])
    }
}
