import Foundation

// History you can compute with: every history entry an edit makes also records, as data, what it
// changed — the field, the id of what it belongs to, the value before and the value after (and, for
// things that come back or move, where they stood). The human line (`change`) stays as it was.
//
// `Plan.asOf(_:in:)` uses these records to show the plan as it stood at the end of a day: it takes back,
// newest first, every change recorded after that day (see PlanAsOf.swift).

/// One field of one thing changed by an edit: what a history entry records besides its text.
public struct FieldChange: Equatable, Sendable {
    public var field: PlanField
    /// The task, unit, section, phase or activity it belongs to ("plan" for the plan's own fields).
    public var id: String
    /// The value before the edit; nil: the thing did not exist yet (a task, unit or note added).
    public var before: FieldValue?
    /// The value after the edit; nil: the thing no longer exists (removed).
    public var after: FieldValue?
    /// Where the thing stood in its list before the edit, when it was removed or moved (a task's place
    /// among the tasks, a note's among the task's notes, a unit's among the units …); nil otherwise.
    public var position: Int?
    /// A task's number within its section before it moved to another section; nil otherwise.
    public var number: Int?

    public init(field: PlanField, id: String, before: FieldValue?, after: FieldValue?, position: Int? = nil, number: Int? = nil) {
        self.field = field
        self.id = id
        self.before = before
        self.after = after
        self.position = position
        self.number = number
    }
}

extension Plan {
    /// What an edit changed, read from the edits that undo it (each names a field, an id and the value
    /// before), with the value after read from the plan as it is now, after the edit. Changes whose value
    /// did not change and that moved nothing are left out.
    func changes(undoneBy inverse: [PlanEdit]) -> [FieldChange] {
        inverse.compactMap { e -> FieldChange? in
            let change: FieldChange
            switch e {
            case let .removeNote(id, note):
                change = FieldChange(field: .notes, id: id, before: nil, after: .note(note))
            case let .restoreTask(t, at):
                change = FieldChange(field: .task, id: t.id, before: .task(t), after: nil, position: at)
            case let .structure(.putUnit(_, at)), let .structure(.putSection(_, at)), let .structure(.putPhase(_, at)),
                 let .structure(.putActivity(_, at)):
                change = FieldChange(field: e.field, id: e.targetID, before: e.targetValue, after: value(of: e.field, id: e.targetID),
                                     position: at)
            default:
                change = FieldChange(field: e.field, id: e.targetID, before: e.targetValue, after: value(of: e.field, id: e.targetID))
            }
            return change.before == change.after && change.position == nil ? nil : change
        }
    }
}
