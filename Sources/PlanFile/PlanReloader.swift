import Dispatch
import Foundation
import ShuangyongKit

/// Checks a plan file for changes off the caller's thread, so that a path that does not answer (a hung
/// network share, a file system stuck in `stat` or `read`) never holds up drawing, keys or signals.
///
/// One check runs at a time, on a serial queue that owns the document. `poll(now:)` starts a check when
/// none is running and waits briefly (`patience`) for it: a local file answers within that, and its
/// outcome comes back at once. A check still running after `timeout` is reported as the file being
/// unreachable each time it is polled; it keeps running (a blocked system call cannot be cancelled), and
/// when it returns its outcome is handed over and the next poll starts a fresh check.
///
/// ```swift
/// let reloader = PlanReloader(document: document)   // the document now belongs to the reloader
/// if let outcome = reloader.poll(now: Date()) {
///     do { if let plan = try outcome.get() { show(plan) } } catch { warn(error) }
/// }
/// ```
public final class PlanReloader: @unchecked Sendable {
    /// What a check found: the plan as changed elsewhere, nil when unchanged, or why it could not be read.
    public typealias Outcome = Result<Plan?, PlanFileError>

    /// The file's name in messages.
    public let path: String
    /// How long a check may run before the file counts as unreachable.
    public let timeout: TimeInterval
    /// How long `poll` waits for a check it has just started.
    public let patience: TimeInterval

    private let document: PlanDocument
    private let check: @Sendable (PlanDocument) -> Outcome
    private let queue = DispatchQueue(label: "shuangyong.plan-reloader")
    private let lock = NSLock()
    /// When the running check started (the caller's clock), nil when none runs.
    private var running: Date?
    private var finished: Outcome?

    /// Takes over `document`: from now on only the reloader's queue uses it.
    public convenience init(document: PlanDocument, timeout: TimeInterval = 5, patience: TimeInterval = 0.05) {
        self.init(document: document, timeout: timeout, patience: patience) { document in
            Result { () throws(PlanFileError) -> Plan? in try document.reloadIfChanged() }
        }
    }

    /// With the check itself given (tests: one that blocks until released).
    init(document: PlanDocument, timeout: TimeInterval, patience: TimeInterval, check: @escaping @Sendable (PlanDocument) -> Outcome) {
        self.document = document
        path = document.path
        self.timeout = timeout
        self.patience = patience
        self.check = check
    }

    /// The reason given while a check has not answered within `timeout`.
    public static func unreachableReason(timeout: TimeInterval) -> String {
        "文件无响应 (file unreachable): no answer within \(Int(timeout.rounded(.up))) s"
    }

    /// The outcome of the last check if it has finished since the last poll; else, when a check is
    /// running, `.failure(…unreachable…)` once it has run for `timeout` or nil before that; else starts a
    /// check and returns its outcome if it finishes within `patience`, nil if not.
    public func poll(now: Date) -> Outcome? {
        lock.lock()
        if let outcome = finished {
            finished = nil
            lock.unlock()
            return outcome
        }
        if let started = running {
            if now < started { running = now }  // the clock was set back: count from now
            let late = now.timeIntervalSince(started) >= timeout
            lock.unlock()
            return late ? .failure(.io(file: path, operation: "check the file", reason: Self.unreachableReason(timeout: timeout))) : nil
        }
        running = now
        lock.unlock()
        let signal = DispatchSemaphore(value: 0)

        queue.async { [self] in
            let outcome = check(document)
            lock.lock()
            running = nil
            finished = outcome
            lock.unlock()
            signal.signal()
        }
        guard patience > 0, signal.wait(timeout: .now() + patience) == .success else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let outcome = finished
        finished = nil
        return outcome
    }

    /// Waits until no check is running (tests; blocks for as long as a stuck check does).
    func waitUntilIdle() {
        queue.sync {}
    }
}
