import PlanFile
import ShuangyongKit
import TerminalUI

/// A one-line input the user is typing into (progress, due date, note, new task title, unit name).
public struct Prompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case progress(taskID: String)
        case due(taskID: String)
        case note(taskID: String)
        case newTask(sectionID: String, phaseID: String)
        case renameUnit(unitID: String)
        /// A field of the open `Wizard`.
        case wizard

        /// The field the prompt edits and whose task or unit, when another desk could change it meanwhile
        /// (notes are appended and new tasks are new: nothing to watch).
        public var watched: (field: PlanField, id: String)? {
            switch self {
            case let .progress(id): (.progress, id)
            case let .due(id): (.due, id)
            case let .renameUnit(id): (.unitName, id)
            case .note, .newTask, .wizard: nil
            }
        }
    }

    public var purpose: Purpose
    public var title: String
    public var editor: LineEditor
    /// Why the last Enter was refused (shown under the field); the prompt stays open.
    public var error: String?
    /// The field's value when the prompt opened (set by `update`).
    public var seen: SeenValue?
    /// What another desk changed the field to while the prompt was open, as a person reads it.
    public var changedElsewhere: String?

    public init(purpose: Purpose, title: String, text: String = "") {
        self.purpose = purpose
        self.title = title
        editor = LineEditor(text)
    }
}

/// A yes/no question before a change that cannot be taken back by a glance (delete), or before quitting
/// with changes not yet in the file.
public struct Confirmation: Equatable, Sendable {
    public var message: String
    public var edits: [PlanEdit]
    /// "y" quits instead of committing.
    public var quits = false
}

/// What the dashboard knows about saving, set by the run loop after each attempt.
public struct SaveState: Equatable, Sendable {
    /// Why the plan cannot be edited here (read-only file or folder), or nil.
    public var readOnlyReason: String?
    /// Conflicts from the last save: the same field changed at another desk. Shown until resolved.
    public var conflicts: [PlanConflict] = []
    /// Edits that could not be saved yet (full disk, invalid file on disk, lock timeout): kept in memory and
    /// in the recovery file, retried every few seconds, shown in the title bar.
    public var unsaved = 0
    /// Where the unsaved edits are (the recovery file, or only this window's memory), for the quit question.
    public var kept: PlanDocument.UnsavedLocation = .none

    public init() {}
}
