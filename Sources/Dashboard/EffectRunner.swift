import Foundation
import PlanFile
import ShuangyongKit

/// Where the dashboard's plan lives and is saved. `PlanDocument` is the real one (the plan file, its lock,
/// merge with other desks, recovery file); tests use one in memory. Used from one thread.
public protocol PlanStoring: AnyObject {
    /// The plan as this desk sees it: the file as last read or saved, with unsaved edits on top.
    var plan: Plan { get }
    /// Edits accepted but not saved yet (a save failed); the next save saves them first.
    var pending: [PendingEdit] { get }
    /// Why the plan cannot be changed here, or nil.
    var readOnlyReason: String? { get }
    /// Where the pending edits are: the recovery file (they outlive this window) or only its memory.
    var unsavedLocation: PlanDocument.UnsavedLocation { get }
    /// Saves `edits` as one change by `user` at `now`; conflicts with another desk come back in the
    /// result, unsaved. Throws when nothing could be saved (the error says where the change is now).
    func commit(_ edits: [PlanEdit], by user: String, at now: Date, as kind: EditKind) throws(PlanSyncError) -> CommitResult
    /// Saves this desk's values for the conflicts `keep` says `.ours` to, over the other desk's.
    func resolve(_ conflicts: [PlanConflict], keep: (PlanConflict) -> ConflictSide) throws(PlanSyncError) -> CommitResult
    /// Tries again to save the pending edits, waiting at most `lockTimeout` seconds for another desk's save.
    func retry(lockTimeout: Double?) throws(PlanSyncError) -> CommitResult
    /// The plan another desk saved, or nil when the file has not changed since this desk read or wrote it.
    func reloadIfChanged() throws(PlanFileError) -> Plan?
    /// Re-checks whether the plan may be written (permissions can change while the dashboard is open).
    func refreshReadOnly()
}

extension PlanDocument: PlanStoring {}

/// Carries out the dashboard's effects against a plan store and answers each with the events that
/// report its result, for `DashboardApp.update(_:)`. It keeps this desk's undo history (`EditSession`).
/// The clock is injected, so tests drive it with a fixed one.
public struct EffectRunner {
    public let store: any PlanStoring
    /// Who changes are recorded as.
    public let user: String
    /// The time each change is recorded with.
    public let now: () -> Date
    /// This desk's undo and redo steps.
    public private(set) var session = EditSession()
    /// How long a periodic retry of unsaved edits waits for another desk's lock, in seconds: a busy lock
    /// must not freeze the screen; the next check tries again.
    public var retryLockTimeout: Double = 0.2

    public init(store: any PlanStoring, user: String, now: @escaping () -> Date) {
        self.store = store
        self.user = user
        self.now = now
    }

    /// Carries out one effect; returns the events that say how it went (none for `.quit`).
    public mutating func run(_ effect: Effect) -> [Event] {
        let user = user, at = now()
        switch effect {
        case .quit:
            return []
        case let .commit(edits, seen):
            if let conflict = changedSinceSeen(edits, seen, at: at) {
                return [.saved(CommitResult(applied: [], conflicts: [conflict], merged: true, recovered: [], saved: false,
                                            plan: store.plan), .change)]
            }
            return save(.change) { s throws(PlanSyncError) in try s.commit(edits, by: user, at: at, as: .change) }
        case .undo:
            guard let edits = session.undoEdits else { return [.nothingToUndo] }
            return save(.undo) { s throws(PlanSyncError) in try s.commit(edits, by: user, at: at, as: .undo) }
        case .redo:
            guard let edits = session.redoEdits else { return [.nothingToRedo] }
            return save(.redo) { s throws(PlanSyncError) in try s.commit(edits, by: user, at: at, as: .redo) }
        case let .keepMine(conflicts):
            return save(.keepMine) { s throws(PlanSyncError) in try s.resolve(conflicts) { _ in .ours } }
        case .checkFile:
            return checkFile()
        }
    }

    /// The conflict when the field an editor changes holds, in the plan this desk has now (after a reload),
    /// another value than the user saw when the editor opened — nil when it does not, or for edits that
    /// no editor opened. A change saved elsewhere but not yet reloaded is caught by the store's merge, since
    /// the store still holds the value the user saw.
    private func changedSinceSeen(_ edits: [PlanEdit], _ seen: SeenValue?, at: Date) -> PlanConflict? {
        guard let seen, edits.count == 1, let edit = edits.first, let field = edit.guardField else { return nil }
        let plan = store.plan, id = edit.targetID
        let now = plan.value(of: field, id: id)
        guard now != seen.value, now != edit.targetValue else { return nil }
        return PlanConflict(id: id, field: field, base: plan.describe(seen.value, of: id), disk: plan.describe(now, of: id),
                            ours: plan.describe(edit.targetValue, of: id), diskValue: now,
                            pending: PendingEdit(edit: edit, kind: .change, by: user, at: at, expected: seen.value))
    }

    /// Runs one save; records what it saved for undo; a failure becomes `.saveFailed` with where the change is.
    private mutating func save(_ kind: SaveKind, _ body: (any PlanStoring) throws(PlanSyncError) -> CommitResult) -> [Event] {
        do {
            let result = try body(store)
            session.record(result.applied)
            return [.saved(result, kind)]
        } catch {
            return [.saveFailed(reason: error.description, plan: store.plan, unsaved: store.pending.count, kept: store.unsavedLocation)]
        }
    }

    /// Saves edits a failed save left waiting, picks up a plan saved at another desk (keeping the last
    /// good plan when the file is unreadable), and re-checks permissions.
    private mutating func checkFile() -> [Event] {
        var events: [Event] = []
        if !store.pending.isEmpty {
            let retried = save(.retry) { [retryLockTimeout] s throws(PlanSyncError) in try s.retry(lockTimeout: retryLockTimeout) }
            if case .saveFailed = retried.first { events.append(.retryFailed(unsaved: store.pending.count)) } else { events += retried }
        }
        do {
            events.append(try store.reloadIfChanged().map(Event.reloaded) ?? .fileUnchanged)
        } catch {
            events.append(.reloadFailed(error))
        }
        store.refreshReadOnly()
        events.append(.readOnlyChanged(store.readOnlyReason))
        return events
    }
}

/// The dashboard as a program: `DashboardApp` and where its effects are carried out, joined. An event goes
/// to `update`, each effect to the runner, each result back to `update`, until nothing is left to do. The
/// executable's run loop only reads the terminal and the clock, sends events here and draws `app`.
///
/// Effects run either at once on the caller's thread (`EffectRunner`; tests, where the store is in memory),
/// or on a queue of their own (`BackgroundEffects`; the terminal, where a plan file on a hung share must
/// not freeze the screen) — then `collect()` brings their results in.
public struct DashboardRuntime {
    public private(set) var app: DashboardApp
    /// Carries effects out at once (nil when they run in the background).
    public private(set) var runner: EffectRunner?
    /// Carries effects out on their own queue (nil when they run at once).
    public let background: BackgroundEffects?
    private let now: () -> Date

    /// Starts the dashboard on the store's plan, view-only when the store says so; effects run at once.
    public init(app: DashboardApp, runner: EffectRunner) {
        self.app = app
        self.runner = runner
        background = nil
        now = runner.now
        send(.readOnlyChanged(runner.store.readOnlyReason))
    }

    /// As `init(app:runner:)`, with effects on a queue of their own; `timeout` seconds without an answer
    /// from the plan file shows it as unreachable.
    public init(app: DashboardApp, backgroundRunner runner: EffectRunner, path: String, timeout: TimeInterval = 5) {
        self.app = app
        self.runner = nil
        now = runner.now
        let readOnly = runner.store.readOnlyReason
        background = BackgroundEffects(runner: runner, path: path, timeout: timeout)
        send(.readOnlyChanged(readOnly))
    }

    /// Sends one event and carries out everything it leads to. Returns true when the dashboard should quit.
    @discardableResult
    public mutating func send(_ event: Event) -> Bool {
        var queue = [event]
        while !queue.isEmpty {
            for effect in app.update(queue.removeFirst()) {
                if effect == .quit { return true }
                if let background {
                    background.submit(effect, now: now())
                } else if runner != nil {
                    queue += runner!.run(effect)
                }
            }
        }
        return false
    }

    /// Sends the results of effects that finished in the background since the last call (and notices of
    /// a file that does not answer). Returns true when the dashboard should quit.
    /// `patience`: how long to wait for effects still running (a local save takes milliseconds, so its
    /// result shows in the next frame rather than after the next key).
    @discardableResult
    public mutating func collect(patience: TimeInterval = 0.05) -> Bool {
        guard let background else { return false }
        let deadline = Date().addingTimeInterval(patience)
        while background.isBusy, Date() < deadline { usleep(2_000) }
        for event in background.collect(now: now()) where send(event) { return true }
        return false
    }

    /// Before quitting: waits up to `seconds` for effects still running (a save under way), so a change
    /// is not cut off; a file that does not answer is not waited for longer.
    public func finish(within seconds: TimeInterval) {
        guard let background else { return }
        let deadline = Date().addingTimeInterval(seconds)
        while background.isBusy, Date() < deadline { usleep(20_000) }
    }
}
