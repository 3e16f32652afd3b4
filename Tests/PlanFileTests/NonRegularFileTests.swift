import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import PlanFile
import ShuangyongKit
import Testing
import TestFixtures

/// Plan paths that are not regular files are refused at once, before anything is read (a FIFO would
/// block the open until a writer comes, /dev/zero would be read up to the size cap), and the office
/// screen's reload runs where a path that does not answer cannot stop it.
@Suite("Plan paths that are not regular files, and checks that do not answer")
struct NonRegularFileTests {
    static let refused = "不是普通文件 (not a regular file)"

    static func refusal(_ path: String, _ kind: String) -> PlanFileError {
        .io(file: path, operation: "read the file", reason: refused + ": " + kind)
    }

    @Test func aFifoIsRefusedWithoutWaitingForAWriter() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        #expect(mkfifo(path, 0o600) == 0)
        // Without the fix these calls block in open() for good.
        #expect(throws: Self.refusal(path, "it is a FIFO (named pipe)")) { try AtomicFile.read(path) }
        #expect(throws: Self.refusal(path, "it is a FIFO (named pipe)")) { try PlanStore.load(path) }
        #expect(throws: Self.refusal(path, "it is a FIFO (named pipe)")) { try PlanDocument(path: path) }
        #expect(throws: Self.refusal(path, "it is a FIFO (named pipe)")) {
            try PlanDocument(path: path, options: .init(readOnly: true, replayStaleRecovery: false))
        }
    }

    @Test func devicesSocketsAndDirectoriesAreRefusedBeforeReading() throws {
        // /dev/zero never ends (it used to be read up to the size cap); /dev/null is empty.
        #expect(throws: Self.refusal("/dev/zero", "it is a character device")) { try PlanStore.load("/dev/zero") }
        #expect(throws: Self.refusal("/dev/null", "it is a character device")) { try PlanStore.load("/dev/null") }
        let dir = TempDir()
        let socket = dir.file("plan.sock")
        #expect(mknod(socket, S_IFSOCK | 0o600, 0) == 0)
        #expect(throws: Self.refusal(socket, "it is a socket")) { try PlanStore.load(socket) }
        #expect(throws: Self.refusal(dir.path, "it is a directory")) { try PlanStore.load(dir.path) }
        // Through a symbolic link, the target is what counts.
        let link = dir.file("link.json")
        #expect(symlink("/dev/zero", link) == 0)
        #expect(throws: Self.refusal(link, "it is a character device")) { try PlanStore.load(link) }
        // A regular file still reads.
        let plan = dir.file("plan.json")
        try PlanStore.save(miniPlan(), to: plan)
        #expect(try PlanStore.load(plan) == miniPlan())
    }

    @Test func aPlanReplacedByAFifoFailsTheReloadAtOnceAndKeepsThePlan() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(miniPlan(), to: path)
        let document = try PlanDocument(path: path, options: .init(readOnly: true, replayStaleRecovery: false))
        let fifo = dir.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(rename(fifo, path) == 0)
        #expect(throws: Self.refusal(path, "it is a FIFO (named pipe)")) { try document.reloadIfChanged() }
        #expect(document.plan == miniPlan())
    }

    // MARK: The office screen's reloader

    /// A check that blocks until the test opens the gate, as a hung network share would.
    final class Gate: @unchecked Sendable {
        let opened = DispatchSemaphore(value: 0)
        func open() { opened.signal() }
    }

    @Test func aCheckThatDoesNotAnswerIsReportedUnreachableAndItsLateAnswerStillCounts() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(miniPlan(), to: path)
        let document = try PlanDocument(path: path, options: .init(readOnly: true, replayStaleRecovery: false))
        let gate = Gate()
        var changed = miniPlan()
        changed.title = "改过的计划"
        let late = changed
        let reloader = PlanReloader(document: document, timeout: 5, patience: 0) { _ in
            gate.opened.wait()
            return .success(late)
        }
        let start = Date(timeIntervalSince1970: 1_800_000_000)

        // The first poll starts the check and returns at once: nothing to report yet.
        #expect(reloader.poll(now: start) == nil)
        // Still within the timeout: nothing new; no second check is started.
        #expect(reloader.poll(now: start.addingTimeInterval(2)) == nil)
        // Past the timeout: unreachable, on every poll while the check hangs.
        let unreachable = PlanReloader.Outcome.failure(.io(file: path, operation: "check the file",
                                                           reason: "文件无响应 (file unreachable): no answer within 5 s"))
        #expect(reloader.poll(now: start.addingTimeInterval(6)) == unreachable)
        #expect(reloader.poll(now: start.addingTimeInterval(8)) == unreachable)

        // The share answers: its outcome is handed over once, then checks start afresh.
        gate.open()
        reloader.waitUntilIdle()
        #expect(reloader.poll(now: start.addingTimeInterval(10)) == .success(changed))
        gate.open()  // lets the next check through
        #expect(reloader.poll(now: start.addingTimeInterval(12)) == nil)
        reloader.waitUntilIdle()
        #expect(reloader.poll(now: start.addingTimeInterval(14)) == .success(changed))
    }

    @Test func theRealCheckReportsChangesAndProblemsOfTheFile() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(miniPlan(), to: path)
        let document = try PlanDocument(path: path, options: .init(readOnly: true, replayStaleRecovery: false))
        let reloader = PlanReloader(document: document, timeout: 5, patience: 0)
        let now = Date(timeIntervalSince1970: 1_800_000_000)

        func check() -> PlanReloader.Outcome? {
            _ = reloader.poll(now: now)  // starts a check
            reloader.waitUntilIdle()
            return reloader.poll(now: now)  // its outcome
        }
        #expect(check() == .success(nil))
        var changed = miniPlan()
        changed.title = "另一席位保存的计划"
        try PlanStore.save(changed, to: path)
        #expect(check() == .success(changed))
        let fifo = dir.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(rename(fifo, path) == 0)
        #expect(check() == .failure(Self.refusal(path, "it is a FIFO (named pipe)")))
    }
}
