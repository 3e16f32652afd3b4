import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// Numbers too large for an Int in a plan or recovery file: a clear problem, never a trap.
@Suite("Huge numbers in plan and recovery files")
struct HostileNumberTests {
    /// The mini plan with one activity of each rule type that carries numbers.
    func plan() -> Plan {
        var p = editPlan()
        p.activities = [
            Activity(id: "m", title: "双拥活动月", kind: .campaign, rule: .months([8])),
            Activity(id: "y", title: "八一走访", kind: .visit, rule: .yearly(month: 8, day: 1)),
        ]
        return p
    }

    /// The problems decoding the plan's JSON reports after `mutate`.
    func problems(_ mutate: (inout [(String, JSONValue)]) -> Void) -> [PlanProblem] {
        guard case var .object(root) = PlanCodec.encode(plan()) else { return [] }
        mutate(&root)
        do {
            _ = try PlanStore.decode(JSONWriter.bytes(.object(root)), file: "p.json")
            return []
        } catch {
            if case let .invalid(_, problems) = error { return problems }
            return [PlanProblem(path: "?", message: "\(error)")]
        }
    }

    /// Sets `key` of the object `list[index]` (or of its `nested` object) in the plan's top level.
    func set(_ root: inout [(String, JSONValue)], _ list: String, _ index: Int, nested: String? = nil, _ key: String, _ value: JSONValue) {
        func put(_ v: JSONValue) -> JSONValue {
            guard case var .object(m) = v else { return v }
            m.removeAll { $0.0 == key }
            m.append((key, value))
            return .object(m)
        }
        guard let k = root.firstIndex(where: { $0.0 == list }), case var .array(items) = root[k].1 else { return }
        if let nested {
            guard case var .object(m) = items[index], let j = m.firstIndex(where: { $0.0 == nested }) else { return }
            m[j].1 = put(m[j].1)
            items[index] = .object(m)
        } else {
            items[index] = put(items[index])
        }
        root[k].1 = .array(items)
    }

    static let huge: [Double] = [1e20, -1e19, 1e300, 9.3e18, -9.3e18]

    @Test(arguments: huge)
    func aHugeMonthIsAProblem(value: Double) {
        let found = problems { set(&$0, "activities", 0, nested: "rule", "months", .array([.number(value)])) }
        #expect(found == [PlanProblem(path: "activities[0].rule.months[0]", id: "m", message: "expected a month 1–12")])
    }

    @Test(arguments: huge)
    func aHugeWholeNumberAnywhereIsAProblem(value: Double) {
        let message = "expected a whole number, found a fraction or a huge number"
        #expect(problems { set(&$0, "tasks", 0, "progress", .number(value)) }
            == [PlanProblem(path: "tasks[0].progress", id: "a", message: message)])
        #expect(problems { set(&$0, "tasks", 1, "number", .number(value)) }
            == [PlanProblem(path: "tasks[1].number", id: "b", message: message)])
        #expect(problems { set(&$0, "tasks", 3, nested: "target", "achieved", .number(value)) }
            == [PlanProblem(path: "tasks[3].target.achieved", id: "d", message: message)])
        #expect(problems { set(&$0, "activities", 1, nested: "rule", "day", .number(value)) }
            == [PlanProblem(path: "activities[1].rule.day", id: "y", message: message)])
        #expect(problems { set(&$0, "sections", 0, "number", .number(value)) }.first?.path == "sections[0].number")
        #expect(problems { $0.removeAll { $0.0 == "year" }; $0.append(("year", .number(value))) }.map(\.path) == ["year"])
    }

    @Test func theReviewersFileIsReportedNotCrashedOn() throws {
        // `"months": [1e20]` as text, as `shuangyong validate` reads it.
        let text = String(decoding: PlanStore.encode(plan()), as: UTF8.self)
        let months = text.replacingOccurrences(of: "\"months\": [8]", with: "\"months\": [1e20]")
        #expect(months != text)
        #expect(throws: PlanFileError.invalid(file: "p.json", problems: [
            PlanProblem(path: "activities[0].rule.months[0]", id: "m", message: "expected a month 1–12"),
        ])) { try PlanStore.decode(Array(months.utf8), file: "p.json") }
        let progress = text.replacingOccurrences(of: "\"progress\": 10", with: "\"progress\": 1e300")
        #expect(progress != text)
        #expect(throws: PlanFileError.self) { try PlanStore.decode(Array(progress.utf8), file: "p.json") }
    }

    // MARK: Recovery files

    func recoveryEntry(_ change: (inout [(String, JSONValue)]) -> Void) -> JSONValue {
        let pending = PendingEdit(edit: .setProgress(taskID: "d", 60), kind: .change, by: "王敏", at: editClock, expected: .progress(10))
        guard case var .object(m) = RecoveryFile.encode(RecoveredEdit(pending: pending, session: "h:1:2", host: "h", pid: 1,
                                                                     reason: "r", isStale: false)) else { return .null }
        change(&m)
        return .object(m)
    }

    func replace(_ m: inout [(String, JSONValue)], _ key: String, _ value: JSONValue) {
        if let i = m.firstIndex(where: { $0.0 == key }) { m[i].1 = value }
    }

    @Test(arguments: huge)
    func aRecoveryEntryWithAHugeNumberIsUnreadableNotATrap(value: Double) {
        #expect(RecoveryFile.record(recoveryEntry { _ in }) != nil)  // the entry as written reads back
        #expect(RecoveryFile.record(recoveryEntry { replace(&$0, "pid", .number(value)) }) == nil)
        #expect(RecoveryFile.record(recoveryEntry { replace(&$0, "time", .number(value)) }) == nil)
        #expect(RecoveryFile.record(recoveryEntry { replace(&$0, "expected", .object([("progress", .number(value))])) }) == nil)
        #expect(RecoveryFile.record(recoveryEntry { replace(&$0, "expected", .object([("achieved", .number(value))])) }) == nil)
        #expect(RecoveryFile.record(recoveryEntry {
            replace(&$0, "edit", .object([("op", .string("setProgress")), ("task", .string("d")), ("progress", .number(value))]))
        }) == nil)
        var t = PlanCodec.encode(editPlan().tasks[3])
        if case var .object(m) = t { replace(&m, "number", .number(value)); t = .object(m) }
        #expect(RecoveryFile.record(recoveryEntry { replace(&$0, "edit", .object([("op", .string("addTask")), ("taskData", t)])) }) == nil)
    }

    @Test func aRecoveryTaskIsReadByThePlanFilesTaskDecoder() {
        let t = editPlan().tasks[3]
        #expect(RecoveryFile.task(PlanCodec.encode(t)) == t)
        // What the plan file refuses, the recovery file refuses too (the old decoder took these).
        guard case var .object(m) = PlanCodec.encode(t) else { return }
        m.append(("owners", .array([.string("mzj"), .number(3)])))
        #expect(RecoveryFile.task(.object(m)) == nil)
        let (task, problems) = PlanCodec.decodeTask(.object(m), path: "task")
        #expect(task == nil && problems.map(\.path) == ["task.owners[1]"])
    }

    @Test func aCommitSavesOverARecoveryFileWithAHugeNumber() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(editPlan(), to: path)
        // One good entry of an ended session, one with a pid no Int32 holds.
        let dead: Int32 = 999_999_999
        let good = RecoveryFile.encode(RecoveredEdit(pending: PendingEdit(edit: .setProgress(taskID: "d", 60), kind: .change, by: "王敏",
                                                                          at: editClock, expected: .progress(10)),
                                                     session: "\(RecoveryFile.host):\(dead):1", host: RecoveryFile.host, pid: dead,
                                                     reason: "r", isStale: true))
        var bad = good
        if case var .object(m) = bad { replace(&m, "pid", .number(1e20)); replace(&m, "session", .string("x")); bad = .object(m) }
        let recovery = path + ".recovery.json"
        let bytes = JSONWriter.bytes(.object([("format", .string(RecoveryFile.formatName)), ("version", .number(1)),
                                              ("edits", .array([good, bad]))]))
        try AtomicFile.write(bytes, to: recovery)

        let doc = try PlanDocument(path: path)
        #expect(doc.pendingRecovery().count == 1)
        let r = try doc.commit([.addNote(taskID: "a", "新的")], by: "李娜", at: editClock.addingTimeInterval(60))
        #expect(r.saved && r.recovered.map(\.edit) == [.setProgress(taskID: "d", 60)])
        #expect(try PlanStore.load(path).tasks[3].progress == 60)
        // The unreadable entry is not lost: the file was moved aside before being rewritten.
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("plan.json.recovery.json.unreadable-") }
        #expect(aside.count == 1)
        #expect(try aside.first.map { try AtomicFile.read(dir.file($0)) } == bytes)
    }
}
