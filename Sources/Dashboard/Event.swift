import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// Everything that can change the dashboard: input from the terminal, the clock, and the result of every
/// effect the dashboard asked for. `DashboardApp.update(_:)` is the only code that handles them.
public enum Event: Equatable, Sendable {
    /// A key (mouse-wheel steps included).
    case key(Key)
    /// A mouse press at a cell (column, row; 0-based).
    case mouse(x: Int, y: Int)
    /// The terminal's size in cells.
    case resize(width: Int, height: Int)
    /// The clock: "today" follows it (unless `--date` fixed it), and the plan file is checked every
    /// `DashboardApp.fileCheckInterval`.
    case tick(Date)

    // Results of effects, sent back by `EffectRunner`.

    /// A change (or undo, redo, resolution, retry) was saved; the result may carry conflicts.
    case saved(CommitResult, SaveKind)
    /// A save failed: `reason` says why and where the change is now; `plan` is what the store shows
    /// (the change applied on top), `unsaved` how many edits wait for the next save, `kept` where they are.
    case saveFailed(reason: String, plan: Plan, unsaved: Int, kept: PlanDocument.UnsavedLocation)
    /// A periodic retry of unsaved edits failed again; `unsaved` are still waiting.
    case retryFailed(unsaved: Int)
    /// `u` or Ctrl-R with nothing to undo or redo in this session.
    case nothingToUndo, nothingToRedo
    /// Another desk saved the plan file: its plan (with this desk's unsaved edits on top).
    case reloaded(Plan)
    /// The file was checked and is as this desk last read or wrote it.
    case fileUnchanged
    /// The file cannot be read or is invalid: the dashboard keeps the last good plan.
    case reloadFailed(PlanFileError)
    /// The plan became view-only (with the reason) or writable again (nil).
    case readOnlyChanged(String?)

    /// The event a key from the terminal stands for: presses become `.mouse`, size changes `.resize`.
    public init(_ key: Key) {
        switch key {
        case let .mouse(x, y): self = .mouse(x: x, y: y)
        case let .resize(w, h): self = .resize(width: w, height: h)
        default: self = .key(key)
        }
    }
}

/// What a save was for, so the message after it can say so.
public enum SaveKind: Equatable, Sendable {
    case change, undo, redo
    /// The user chose to keep this desk's values in a conflict.
    case keepMine
    /// Edits that could not be saved before were saved by a periodic retry.
    case retry
}

/// What `update` asks the world to do. `EffectRunner` carries effects out and answers with events.
public enum Effect: Equatable, Sendable {
    case quit
    /// Save these edits now (lock, merge with other desks, atomic write, history). `seen` is the value
    /// the user saw when the editor for the edit's field opened: if the field holds another value by the
    /// time of saving (another desk changed it meanwhile), the save is a conflict for the user to settle,
    /// never a silent overwrite.
    case commit([PlanEdit], seen: SeenValue? = nil)
    case undo, redo
    /// Save this desk's values over the other desk's for these conflicts.
    case keepMine([PlanConflict])
    /// Save edits still waiting (full disk, lock, invalid file earlier), pick up a plan saved at another
    /// desk, and re-check whether the file may be written.
    case checkFile
}

/// The value of a field as the user saw it when its editor opened (nil inside: the task or unit, or its
/// target, did not exist).
public struct SeenValue: Equatable, Sendable {
    public var value: FieldValue?

    public init(_ value: FieldValue?) { self.value = value }
}
