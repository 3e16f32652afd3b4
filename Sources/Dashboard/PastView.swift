import Foundation
import PlanFile
import ShuangyongKit

// The plan as it stood at the end of a day (`--as-of`): `Plan.asOf` gives the plan; the dashboard shows
// it read-only, and its title bar says which day it is ("截至 2026-06-30 的计划").

/// A plan store holding the plan as it stood on a past day: nothing can be saved (the view is read-only
/// with `readOnlyReason`) and the plan never changes. Later changes to the file do not belong in a past view.
public final class PastPlanStore: PlanStoring {
    public let plan: Plan
    public let pending: [PendingEdit] = []
    public let readOnlyReason: String?
    public let unsavedLocation: PlanDocument.UnsavedLocation = .none
    private let file: String

    /// `plan`: the plan as it stood (already `asOf`); `day`: the day it stood at; `file`: the plan file, for messages.
    public init(plan: Plan, day: Day, file: String, lang: Language) {
        self.plan = plan
        self.file = file
        readOnlyReason = DashboardState.pastViewReason(day, lang)
    }

    public func commit(_ edits: [PlanEdit], by user: String, at now: Date, as kind: EditKind) throws(PlanSyncError) -> CommitResult {
        throw .readOnly(file: file, reason: readOnlyReason ?? "")
    }

    public func resolve(_ conflicts: [PlanConflict], keep: (PlanConflict) -> ConflictSide) throws(PlanSyncError) -> CommitResult {
        throw .readOnly(file: file, reason: readOnlyReason ?? "")
    }

    public func retry(lockTimeout: Double?) throws(PlanSyncError) -> CommitResult {
        throw .readOnly(file: file, reason: readOnlyReason ?? "")
    }

    public func reloadIfChanged() throws(PlanFileError) -> Plan? { nil }

    public func refreshReadOnly() {}
}

extension DashboardState {
    /// Why a past view cannot be edited: "截至 2026-06-30 的计划（过去的视图，不能修改）".
    public static func pastViewReason(_ day: Day, _ lang: Language) -> String {
        lang.pick("\(pastViewTitle(day, lang))（过去的视图，不能修改）", "\(pastViewTitle(day, lang)) (a past view, cannot be changed)")
    }

    /// "截至 2026-06-30 的计划" / "plan as of 2026-06-30".
    public static func pastViewTitle(_ day: Day, _ lang: Language) -> String {
        lang.pick("截至 \(day.iso) 的计划", "plan as of \(day.iso)")
    }
}
