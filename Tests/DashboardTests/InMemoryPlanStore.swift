import Dashboard
import Foundation
import PlanFile
import ShuangyongKit

/// A plan store in memory, for driving the dashboard from key to saved plan without a disk. It merges
/// with "another desk" exactly as the plan file does (`PlanDocument.merge`), and can be told to fail like
/// a full disk, to be unreadable, or to be view-only.
final class InMemoryPlanStore: PlanStoring {
    /// The plan "in the file".
    private(set) var disk: Plan
    /// The file as this desk last read or wrote it.
    private var base: Plan
    private(set) var plan: Plan
    private(set) var pending: [PendingEdit] = []
    var readOnlyReason: String?
    /// While set, saves fail with this error (after keeping the edits pending, as the real store does).
    var failure: PlanSyncError?
    /// While set, reading the "file" fails with this error.
    var unreadable: PlanFileError?
    var unsavedLocation: PlanDocument.UnsavedLocation {
        guard !pending.isEmpty else { return .none }
        switch failure {
        case let .saveFailed(_, file?, _)?, let .lockTimeout(_, _, _, file?, _)?, let .lockFailed(_, _, file?, _)?, let .diskFileInvalid(_, file?, _)?:
            return .recoveryFile(file)
        case let .saveFailed(_, nil, problem)?: return .memoryOnly(reason: problem ?? "unknown")
        default: return .recoveryFile("plan.json.recovery.json")
        }
    }
    /// How many times the plan was written.
    private(set) var writes = 0

    init(_ plan: Plan) {
        disk = plan
        base = plan
        self.plan = plan
    }

    /// Another desk saves a change to the file.
    func otherDeskSaves(_ change: (inout Plan) -> Void) {
        change(&disk)
    }

    func commit(_ edits: [PlanEdit], by user: String, at now: Date, as kind: EditKind) throws(PlanSyncError) -> CommitResult {
        try save(edits.map { PendingEdit(edit: $0, kind: kind, by: user, at: now, expected: nil) })
    }

    func resolve(_ conflicts: [PlanConflict], keep: (PlanConflict) -> ConflictSide) throws(PlanSyncError) -> CommitResult {
        try save(conflicts.filter { keep($0) == .ours }.map(\.pending))
    }

    func retry(lockTimeout: Double?) throws(PlanSyncError) -> CommitResult { try save([]) }

    func reloadIfChanged() throws(PlanFileError) -> Plan? {
        if let unreadable { throw unreadable }
        guard disk != base else { return nil }
        base = disk
        plan = PlanDocument.replay(pending, onto: disk)
        return plan
    }

    func refreshReadOnly() {}

    /// The save path of `PlanDocument`, without the file: validate against what this desk sees, then
    /// merge onto the "file".
    private func save(_ incoming: [PendingEdit]) throws(PlanSyncError) -> CommitResult {
        if let readOnlyReason { throw .readOnly(file: "memory", reason: readOnlyReason) }
        let (view, accepted) = try PlanDocument.accept(incoming, onto: plan)
        let all = pending + accepted
        if let failure {
            pending = all
            plan = view
            throw failure
        }
        let merged = disk != base
        let (result, applied, conflicts) = PlanDocument.merge(all, onto: disk)
        if result != disk { writes += 1 }
        disk = result
        base = result
        plan = result
        pending = []
        return CommitResult(applied: applied, conflicts: conflicts, merged: merged, recovered: [], saved: true, plan: result)
    }
}

/// A clock the test moves by hand.
final class FakeClock: @unchecked Sendable {
    var now: Date

    init(_ now: Date) { self.now = now }

    func advance(seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }
}
