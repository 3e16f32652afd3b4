import Dispatch
import Foundation
import PlanFile
import ShuangyongKit

/// Carries effects out on a serial queue of their own, so a plan file that does not answer (a hung network
/// share, a file system stuck in `stat`, `flock` or `read`) never holds up drawing, keys or signals.
///
/// The run loop submits each effect and collects finished events on every pass. One queue keeps effects in
/// the order they were asked for (a commit waits for a check before it). An effect still running after
/// `timeout` seconds is reported as the file being unreachable — once per `timeout` — and keeps running (a
/// blocked system call cannot be cancelled); a file check asked for while one is still running is skipped.
///
/// ```swift
/// let effects = BackgroundEffects(runner: runner)
/// effects.submit(.checkFile, now: Date())
/// for event in effects.collect(now: Date()) { … app.update(event) … }
/// ```
public final class BackgroundEffects: @unchecked Sendable {
    /// Seconds an effect may run before the file counts as unreachable.
    public let timeout: TimeInterval
    /// The plan file's name, for the unreachable message.
    public let path: String

    private let queue = DispatchQueue(label: "shuangyong.effects")
    private let lock = NSLock()
    /// Touched only on `queue`.
    private var runner: EffectRunner
    // Guarded by `lock`.
    private var finished: [Event] = []
    private var inFlight: [(id: Int, effect: Effect, since: Date, warned: Date?)] = []
    private var nextID = 0

    /// Takes over `runner` (and its store): from now on only the queue uses them.
    public init(runner: EffectRunner, path: String, timeout: TimeInterval = 5) {
        self.runner = runner
        self.path = path
        self.timeout = timeout
    }

    /// Starts an effect on the queue (`.quit` is the run loop's own and is ignored here).
    public func submit(_ effect: Effect, now: Date) {
        guard effect != .quit else { return }
        lock.lock()
        if effect == .checkFile, inFlight.contains(where: { $0.effect == .checkFile }) {
            lock.unlock()
            return
        }
        let id = nextID
        nextID += 1
        inFlight.append((id, effect, now, nil))
        lock.unlock()
        queue.async { [self] in
            let events = runner.run(effect)
            lock.lock()
            finished += events
            inFlight.removeAll { $0.id == id }
            lock.unlock()
        }
    }

    /// Events of effects that finished since the last call, in order, and for each effect running longer
    /// than `timeout` a `.reloadFailed` saying the file does not answer.
    public func collect(now: Date) -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        var events = finished
        finished = []
        for k in inFlight.indices {
            let since = inFlight[k].warned ?? inFlight[k].since
            if now < since { inFlight[k].warned = now; continue }  // the clock was set back: count from now
            if now.timeIntervalSince(since) >= timeout {
                inFlight[k].warned = now
                events.append(.reloadFailed(.io(file: path, operation: "reach the file",
                                                reason: PlanReloader.unreachableReason(timeout: timeout))))
            }
        }
        return events
    }

    /// Whether an effect is still running (a save not finished when quitting, say).
    public var isBusy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !inFlight.isEmpty
    }

    /// Waits until every submitted effect has finished (tests; blocks for as long as a stuck one does).
    public func waitUntilIdle() {
        queue.sync {}
    }
}
