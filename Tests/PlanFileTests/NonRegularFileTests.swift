import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlanFile
import ShuangyongKit
import Testing
import TestFixtures

/// Plan paths that are not regular files are refused at once, before anything is read (a FIFO would
/// block the open until a writer comes, /dev/zero would be read up to the size cap).
@Suite("Plan paths that are not regular files")
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
        // /dev/zero never ends (it used to be read up to the 256 MB cap); /dev/null is empty.
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
}
