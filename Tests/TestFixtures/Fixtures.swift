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

