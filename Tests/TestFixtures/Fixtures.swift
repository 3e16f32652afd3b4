// Fixtures shared by the test targets: a small plan built in code, a fixed clock and temporary folders.
import Foundation
import ShuangyongKit

/// A fresh folder under the system's temporary directory, removed with everything in it by `remove()`
/// or, at the latest, when the last reference goes (a test's `let`, a suite's stored property).
///
/// Tests create their files in one of these, never loose in the temporary directory, so a run leaves
/// nothing behind whether it passes, fails or throws. For a folder local to one function, prefer
/// `withTemporaryFolder { }` or `defer { folder.remove() }`: both make plain where the folder ends.
public final class TempDir: Sendable {
    public let path: String

    /// Creates `<temporary directory>/<prefix><UUID>`.
    public init(prefix: String = "shuangyong-test-") {
        path = NSTemporaryDirectory() + prefix + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { remove() }

    /// Deletes the folder and everything in it, first making every folder inside writable again (a test
    /// may have made one read-only). Safe to call more than once.
    public func remove() {
        Self.makeWritable(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func makeWritable(_ directory: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              (try? FileManager.default.destinationOfSymbolicLink(atPath: directory)) == nil else { return }
        chmod(directory, 0o755)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            makeWritable(directory + "/" + name)
        }
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        _ = FileManager.default.createFile(atPath: p, contents: Data(text.utf8))
        return p
    }
}

/// Runs `body` with a fresh temporary folder and removes the folder afterwards, however `body` ends.
public func withTemporaryFolder<R>(prefix: String = "shuangyong-test-", _ body: (TempDir) throws -> R) rethrows -> R {
    let folder = TempDir(prefix: prefix)
    defer { folder.remove() }
    return try body(folder)
}

/// A small plan built in code for rule tests: two units, two phases, one section.
public func miniPlan() -> Plan {
    let d = { (s: String) in Day(iso: s)! }
    return Plan(
        title: "测试计划", organization: "测试县", year: 2026,
        units: [Unit(id: "mzj", name: "县民政局", kind: .government), Unit(id: "syb", name: "县双拥办", kind: .government),
                Unit(id: "rsj", name: "县人社局", kind: .government)],
        phases: [Phase(id: "p1", name: "组织准备", start: d("2026-04-01"), end: d("2026-05-31")),
                 Phase(id: "p2", name: "全面实施", start: d("2026-06-01"), end: d("2026-09-30"))],
        sections: [Section(id: "s1", number: 1, title: "组织领导", leadUnits: ["mzj"], responsibleUnits: ["syb"])],
        tasks: [
            PlanTask(id: "a", sectionID: "s1", number: 1, title: "制定计划", text: "", phaseID: "p1"),
            PlanTask(id: "b", sectionID: "s1", number: 2, title: "人社就业", text: "县人社局负责…", phaseID: "p2", ownerUnits: ["rsj"]),
            PlanTask(id: "c", sectionID: "s1", number: 3, title: "已完成", text: "", phaseID: "p1", status: .done, progress: 100),
            PlanTask(id: "d", sectionID: "s1", number: 4, title: "八月活动", text: "", phaseID: "p2", due: d("2026-08-31"), progress: 10),
        ])
}

/// The mini plan with a quantified target on task d.
public func editPlan() -> Plan {
    var p = miniPlan()
    p.tasks[3].target = QuantifiedTarget(required: 2, achieved: 0, unit: "篇", label: "市级以上稿件")
    return p
}

/// Who the edit tests' changes are made by.
public let editUser = "县双拥办 王敏"

/// An edit applied to a plan by `editUser` at `editClock`: the plan after it and what was done.
public func apply(_ edit: PlanEdit, to plan: Plan, kind: EditKind = .change) throws -> (Plan, AppliedEdit) {
    try edit.applying(to: plan, by: editUser, at: editClock, kind: kind)
}

/// Why an edit is refused on `plan` (nil when it applies).
public func editError(_ edit: PlanEdit, on plan: Plan = editPlan()) -> PlanEditError? {
    do {
        _ = try edit.applying(to: plan, by: editUser, at: editClock)
        return nil
    } catch {
        return error
    }
}

/// The task with an id in a plan (tests know it is there).
public func task(_ id: String, _ plan: Plan) -> PlanTask { plan.tasks.first { $0.id == id }! }

/// The edit tests' fixed clock: 2026-07-03 09:15 in Beijing (01:15 UTC).
public let editClock = Date(timeIntervalSince1970: 1_783_041_300)

/// `minutes` after the edit tests' fixed clock.
public func later(_ minutes: Double) -> Date { editClock.addingTimeInterval(minutes * 60) }


/// An instant on the plan's clock (Asia/Shanghai).
public func weeksClock(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    return cal.date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
}

/// A plan edited over five weeks (every kind of edit, at an injected clock) by two desks, with the plan as it was at the end of each week (a Sunday).
public struct EditedWeeks {
    public var plan = editPlan()
    public var copies: [(day: Day, plan: Plan)] = []

    @discardableResult
    public mutating func edit(_ e: PlanEdit, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0, by user: String = "县双拥办 王敏",
                       kind: EditKind = .change) throws -> AppliedEdit {
        try e.apply(to: &plan, by: user, at: weeksClock(month, day, hour, minute), kind: kind)
    }

    public mutating func weekEnds(_ iso: String) { copies.append((Day(iso: iso)!, plan)) }

    public static func make() throws -> EditedWeeks {
        var w = EditedWeeks()
        w.weekEnds("2026-06-28")  // nothing yet
        // Week 1 (6/29–7/5): status, progress, notes, a target count, owners.
        try w.edit(.setStatus(taskID: "a", .inProgress), 6, 29, 9)
        try w.edit(.setProgress(taskID: "a", 40), 6, 30, 10)
        try w.edit(.addNote(taskID: "a", "已召开协调会，李娜参加"), 7, 1, 15, by: "李娜")
        try w.edit(.setTargetAchieved(taskID: "d", 1), 7, 2, 11)
        try w.edit(.setOwners(taskID: "b", ["rsj", "mzj"]), 7, 3, 16)
        try w.edit(.setStatus(taskID: "d", .done), 7, 5, 23, 50)  // also sets progress 10 → 100
        w.weekEnds("2026-07-05")
        // Week 2: a task added and edited, another deleted, a due date, a note removed, an undo.
        try w.edit(.addTask(PlanTask(id: "e", sectionID: "s1", number: 0, title: "七月检查准备", text: "", phaseID: "p2")), 7, 6, 0, 5)
        try w.edit(.setDue(taskID: "e", Day(iso: "2026-07-20")!), 7, 6, 9)
        try w.edit(.setProgress(taskID: "e", 30), 7, 7, 9)
        try w.edit(.deleteTask(taskID: "c"), 7, 8, 10)
        let note = w.plan.tasks[0].notes[0]
        try w.edit(.removeNote(taskID: "a", note), 7, 9, 10)
        let wrong = try w.edit(.setProgress(taskID: "a", 90), 7, 10, 10)
        for e in wrong.inverse { try w.edit(e, 7, 10, 10, 5, kind: .undo) }
        w.weekEnds("2026-07-12")
        // Week 3: the structure — a unit added and renamed, a section added, a task moved there, texts, leads, a target.
        try w.edit(.structure(.putUnit(Unit(id: "tyjr", name: "县退役军人事务局", shortName: "退役军人局", kind: .government), at: 1)), 7, 13, 9)
        try w.edit(.renameUnit(unitID: "mzj", name: "县民政局（双拥）", shortName: "民政局"), 7, 13, 10)
        try w.edit(.structure(.putSection(Section(id: "s2", number: 2, title: "宣传教育", leadUnits: ["tyjr"], responsibleUnits: ["syb"]), at: nil)), 7, 14, 9)
        try w.edit(.structure(.moveTask(taskID: "b", sectionID: "s2", phaseID: "p2")), 7, 14, 10)
        try w.edit(.structure(.setTaskText(taskID: "e", title: "七月督促检查准备", text: "迎接市检查")), 7, 15, 9)
        try w.edit(.structure(.setTaskLeads(taskID: "e", ["tyjr"])), 7, 15, 10)
        try w.edit(.structure(.setTarget(taskID: "e", QuantifiedTarget(required: 3, unit: "次", label: "自查"))), 7, 16, 9)
        try w.edit(.setDue(taskID: "a", Day(iso: "2026-05-31")!), 7, 16, 10)
        try w.edit(.structure(.putActivity(Activity(id: "x1", title: "七月督查", kind: .inspection, units: ["syb"], rule: .months([7])), at: nil)), 7, 17, 9)
        w.weekEnds("2026-07-19")
        // Week 4: a phase's end moves (and the tasks due on it), a unit merged into another, an activity removed, the plan renamed.
        try w.edit(.structure(.putPhase(Phase(id: "p1", name: "组织准备", start: Day(iso: "2026-04-01")!, end: Day(iso: "2026-06-15")!), at: nil)), 7, 20, 9)
        try w.edit(.setOwners(taskID: "e", ["rsj"]), 7, 21, 9)
        try w.edit(.structure(.removeUnit(unitID: "rsj", reassignTo: "tyjr")), 7, 22, 9)
        try w.edit(.structure(.removeActivity(activityID: "x1")), 7, 23, 9)
        try w.edit(.structure(.setPlanInfo(PlanInfo(title: "测试计划（修订）", organization: "测试县", year: 2026, timeZoneID: "Asia/Shanghai"))), 7, 24, 9)
        w.weekEnds("2026-07-26")
        // Week 5: the deleted task's section emptied and a task moved back; a phase removed with its tasks moved.
        try w.edit(.structure(.moveTask(taskID: "b", sectionID: "s1", phaseID: "p1")), 7, 27, 9)
        try w.edit(.structure(.removeSection(sectionID: "s2")), 7, 27, 10)
        try w.edit(.structure(.removePhase(phaseID: "p1", moveTasksTo: "p2")), 7, 28, 9)
        try w.edit(.addNote(taskID: "b", "八月初完成"), 8, 2, 23, 59)
        w.weekEnds("2026-08-02")
        return w
    }
}
