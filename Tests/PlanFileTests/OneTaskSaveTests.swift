import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// `OneTaskSave`, the save of `shuangyong edit` that splices one task's bytes into the file: where it
/// saves, the file, the messages and the next snapshot are what `PlanDocument.commit` gives, byte for
/// byte; everywhere else it writes nothing and leaves the save to the document.
@Suite("Saving one task's change by splicing it into the file")
struct OneTaskSaveTests {
    /// A plan file as the program leaves it, with the snapshot a load leaves beside it, and a second copy
    /// of the same bytes saved through the whole document, without snapshots, to compare with.
    struct Pair {
        let folder = TempDir()
        let spliced: String, whole: String
        let snapshots: PlanSnapshots

        init(_ plan: Plan) throws {
            spliced = folder.file("plan.json")
            whole = folder.file("whole.json")
            try PlanStore.save(plan, to: spliced)
            try PlanStore.save(plan, to: whole)
            snapshots = PlanSnapshots(folder: folder.file("cache/snapshots"))
            _ = try PlanDocument(path: spliced, options: .init(snapshots: snapshots))  // leaves the snapshot
        }

        /// Saves `edits` both ways; the spliced save must have happened.
        func save(_ edits: [PlanEdit], at now: Date) throws -> (spliced: [AppliedEdit], whole: [AppliedEdit]) {
            let id = edits[0].targetID
            let spliced = try #require(OneTaskSave.commit(task: id, to: self.spliced, by: "王敏", at: now, snapshots: snapshots) { _ in edits })
            let whole = try PlanDocument(path: whole).commit(edits, by: "王敏", at: now).applied
            return (spliced, whole)
        }

        func bytes(_ path: String) throws -> [UInt8] { try AtomicFile.read(path) }
    }

    /// Edits of every kind `shuangyong edit` makes, for a task of `plan` at `k`.
    static func edits(_ plan: Plan, _ k: Int) -> [[PlanEdit]] {
        let t = plan.tasks[k]
        var out: [[PlanEdit]] = [
            [.setProgress(taskID: t.id, t.progress == 45 ? 50 : 45)],
            [.setStatus(taskID: t.id, t.status == .done ? .blocked : .done)],
            [.setDue(taskID: t.id, Day(iso: "2026-12-24")), .addNote(taskID: t.id, "已报送 \u{1F600} \"引号\"\n第二行\\")],
            [.setDue(taskID: t.id, nil), .setStatus(taskID: t.id, .inProgress), .setProgress(taskID: t.id, 70)],
        ]
        if let target = t.target { out.append([.setTargetAchieved(taskID: t.id, target.achieved + 123_456)]) }
        return out
    }

    @Test(arguments: try SnapshotTests.plans().indices)
    func aSplicedSaveIsTheDocumentsSaveByteForByte(_ which: Int) throws {
        let plan = try SnapshotTests.plans()[which]
        for k in Set([0, plan.tasks.count / 2, plan.tasks.count - 1]).sorted() {
            let pair = try Pair(plan)
            // A file whose every member this program knows is laid out as it is read, and spliced into;
            // the others (members it does not know, here) are left to the document.
            guard PlanFastReader.decodeWithLayout(try pair.bytes(pair.spliced)) != nil else {
                #expect(OneTaskSave.commit(task: plan.tasks[k].id, to: pair.spliced, by: "王敏", at: editClock, snapshots: pair.snapshots) { _ in
                    Self.edits(plan, k)[0]
                } == nil)
                continue
            }
            // One save after another: each goes on from the snapshot the one before left.
            for (n, edits) in Self.edits(plan, k).enumerated() {
                let now = editClock.addingTimeInterval(Double(n) * 90)
                let (spliced, whole) = try pair.save(edits, at: now)
                #expect(spliced.map(\.line) == whole.map(\.line))
                let bytes = try pair.bytes(pair.spliced)
                #expect(bytes == (try pair.bytes(pair.whole)), "plan \(which), task \(plan.tasks[k].id), save \(n)")
                // The snapshot it left is the file's plan, whole and in summary, with the file's layout.
                let fresh = try PlanStore.decode(bytes, file: "plan.json")
                let hit = try #require(pair.snapshots.document(for: pair.spliced, fileHash: Fingerprint(bytes).hash))
                #expect(hit.plan == fresh)
                #expect(hit.layout?.exact == true)
                #expect(hit.layout?.spans == (try #require(PlanFastReader.decodeWithLayout(bytes))).layout.spans)
                #expect(pair.snapshots.plan(for: pair.spliced) == fresh)
                #expect(pair.snapshots.plan(for: pair.spliced, detail: .summary) == PlanSnapshot.encode(fresh).flatMap { body in
                    body.withUnsafeBytes { PlanSnapshot.decode($0, detail: .summary) }
                })
            }
            #expect(try pair.bytes(pair.spliced + ".bak") == (try pair.bytes(pair.whole + ".bak")))
        }
    }

    /// A snapshot spliced edit after edit grows by what each edit adds (its history line), not by the
    /// task's strings again each time: its title, units and earlier history keep their places.
    @Test func editAfterEditTheSnapshotGrowsByTheEditsAlone() throws {
        let plan = PlanGenerator.make(tasks: 300, units: 20, seed: 7)
        let pair = try Pair(plan)
        let id = plan.tasks[150].id
        var sizes: [Int] = []
        for n in 0..<30 {
            _ = try pair.save([.setProgress(taskID: id, n % 2 == 0 ? 40 : 60)], at: editClock.addingTimeInterval(Double(n) * 60))
            let bytes = try pair.bytes(pair.spliced)
            let name = PlanSnapshots.name(try #require(PlanSnapshots.absolute(pair.spliced)), Fingerprint(bytes).hash)
            sizes.append(Int(try #require(FileStamp(path: pair.snapshots.folder + "/" + name)).size))
        }
        let growth = zip(sizes, sizes.dropFirst()).map { $1 - $0 }
        // A history line is a time, a name, a change and the change as data: about 150 bytes with their places.
        #expect(growth.allSatisfy { $0 < 250 }, "\(growth)")
        #expect(try pair.bytes(pair.spliced) == (try pair.bytes(pair.whole)))
    }

    /// A file of several of the chunks it is read and copied in (`AtomicFile.chunkSize`) is saved whole.
    @Test func aFileOfManyChunksIsCopiedWhole() throws {
        let plan = PlanGenerator.make(tasks: 4_000, units: 40, seed: 11)
        let pair = try Pair(plan)
        #expect(try pair.bytes(pair.spliced).count > 2 * AtomicFile.chunkSize)
        for (n, k) in [plan.tasks.count - 1, 1_700, 0].enumerated() {
            _ = try pair.save([.addNote(taskID: plan.tasks[k].id, String(repeating: "走访慰问", count: 50 * (n + 1)))],
                              at: editClock.addingTimeInterval(Double(n)))
            #expect(try pair.bytes(pair.spliced) == (try pair.bytes(pair.whole)))
        }
    }

    /// The file and snapshot saved in pieces are named and checked by the hash of their bytes together.
    @Test func theHashOfPiecesIsTheHashOfTheirBytesTogether() {
        var rng = SystemRandomNumberGenerator()
        for count in [0, 7, 31, 32, 33, 255, 256, 257, 1000, 4099] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let whole = bytes.withUnsafeBytes(Fingerprint.hash)
            for _ in 0..<20 {
                var cuts = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Int.random(in: 0...count, using: &rng) }.sorted()
                cuts = [0] + cuts + [count]
                let hashed = bytes.withUnsafeBytes { raw in
                    Fingerprint.hash(pieces: zip(cuts, cuts.dropFirst()).map { UnsafeRawBufferPointer(rebasing: raw[$0..<$1]) })
                }
                #expect(hashed == whole, "\(count) bytes cut at \(cuts)")
            }
        }
    }

    /// A report's load leaves a snapshot an edit can splice into, as a document's does.
    @Test func aReportsSnapshotServesTheNextEdit() throws {
        let folder = TempDir()
        let path = folder.file("plan.json"), snapshots = PlanSnapshots(folder: folder.file("cache"))
        try PlanStore.save(SamplePlan.make(year: 2026), to: path)
        _ = try PlanStore.load(path, snapshots: snapshots, detail: .summary)
        let id = SamplePlan.make(year: 2026).tasks[4].id
        #expect(OneTaskSave.commit(task: id, to: path, by: "王敏", at: editClock, snapshots: snapshots) { _ in
            [.setProgress(taskID: id, 33)]
        }?.count == 1)
        #expect(task(id, try PlanStore.load(path)).progress == 33)
    }

    @Test func aChangeThatChangesNothingWritesNothing() throws {
        let pair = try Pair(SamplePlan.make(year: 2026))
        let task = SamplePlan.make(year: 2026).tasks[3]
        let before = try pair.bytes(pair.spliced)
        let stamp = FileStamp(path: pair.spliced)
        let applied = OneTaskSave.commit(task: task.id, to: pair.spliced, by: "王敏", at: editClock, snapshots: pair.snapshots) { _ in
            [.setProgress(taskID: task.id, task.progress)]
        }
        #expect(applied?.map(\.isNoOp) == [true])
        #expect(try pair.bytes(pair.spliced) == before)
        #expect(FileStamp(path: pair.spliced) == stamp)
        #expect(!FileManager.default.fileExists(atPath: pair.spliced + ".bak"))
    }

    @Test func aDateWithoutAYearIsInThePlansYear() throws {
        let pair = try Pair(SamplePlan.make(year: 2027))
        let id = SamplePlan.make(year: 2027).tasks[0].id
        let applied = OneTaskSave.commit(task: id, to: pair.spliced, by: "王敏", at: editClock, snapshots: pair.snapshots) { plan in
            [.setDue(taskID: id, Day(year: plan.year, month: 11, day: 15)!)]
        }
        #expect(applied?.count == 1)
        #expect(try PlanStore.load(pair.spliced).tasks[0].due == Day(iso: "2027-11-15"))
    }

    /// The snapshot is first looked for by the file's size (while the file is hashed); one of another file
    /// of that size, here the most recently used, is passed over for the one the file's hash names.
    @Test func aSnapshotOfAnotherFileOfTheSameSizeIsPassedOver() throws {
        var plan = SamplePlan.make(year: 2026)
        plan.tasks[5].progress = 41
        let pair = try Pair(plan)
        let original = try pair.bytes(pair.spliced)
        // The same plan but for one digit: as long, and its snapshot is now the most recently used.
        var other = plan
        other.tasks[5].progress = 42
        try PlanStore.save(other, to: pair.spliced)
        let otherBytes = try pair.bytes(pair.spliced)
        #expect(otherBytes.count == original.count && otherBytes != original)
        _ = try PlanDocument(path: pair.spliced, options: .init(snapshots: pair.snapshots))
        try AtomicFile.write(original, to: pair.spliced)
        let id = plan.tasks[2].id
        let guess = try #require(pair.snapshots.oneTask(id, path: pair.spliced, fileSize: original.count))
        #expect(guess.fileHash == Fingerprint(otherBytes).hash)

        let (spliced, whole) = try pair.save([.setProgress(taskID: id, 77)], at: editClock)
        #expect(spliced.map(\.line) == whole.map(\.line))
        let saved = try pair.bytes(pair.spliced)
        #expect(saved == (try pair.bytes(pair.whole)))
        let hit = try #require(pair.snapshots.document(for: pair.spliced, fileHash: Fingerprint(saved).hash))
        #expect(hit.plan == (try PlanStore.decode(saved, file: "plan.json")))
    }

    /// The file is hashed, and the next snapshot written, by `Background`: work on a thread of its own.
    @Test func backgroundWorkRunsOnAThreadOfItsOwn() {
        let caller = pthread_self()
        #expect(pthread_equal(Background { pthread_self() }.value, caller) == 0)
        #expect(Background { 6 * 7 }.value == 42)
    }

    /// A write that fails leaves the plan as it was, no temporary file beside it or among the snapshots,
    /// and the snapshot it read for the document to use.
    @Test(arguments: [AtomicFile.Fault.write(errno: ENOSPC), .fsync(errno: EIO), .rename(errno: EXDEV)])
    func aFailedWriteLeavesThePlanAndNoHalfSnapshot(fault: AtomicFile.Fault) throws {
        let plan = PlanGenerator.make(tasks: 3_000, units: 30, seed: 5)
        let pair = try Pair(plan)
        let before = try pair.bytes(pair.spliced)
        let id = plan.tasks[1_500].id
        #expect(OneTaskSave.commit(task: id, to: pair.spliced, by: "王敏", at: editClock, snapshots: pair.snapshots, fault: fault) { _ in
            [.setProgress(taskID: id, 12)]
        } == nil)
        #expect(try pair.bytes(pair.spliced) == before)
        let everything = try FileManager.default.subpathsOfDirectory(atPath: pair.folder.path)
        #expect(everything.filter { $0.contains(".tmp") }.isEmpty, "\(everything)")
        #expect(pair.snapshots.document(for: pair.spliced, fileHash: Fingerprint(before).hash) != nil)
    }

    /// Each case leaves the save to the document: nil, and the file, its folder and the snapshots as they
    /// were (but for the lock file, which any save leaves).
    @Test func whatItDoesNotSaveItLeavesUntouched() throws {
        let plan = SamplePlan.make(year: 2026)
        let id = plan.tasks[2].id
        let progress: [PlanEdit] = [.setProgress(taskID: id, 66)]
        func refused(_ edits: [PlanEdit], task: String = id, lockHeld: Bool = false, _ setUp: (Pair) throws -> Void = { _ in }) throws {
            let pair = try Pair(plan)
            try setUp(pair)
            let held = lockHeld ? ExactlyOnceTests.HeldLock(pair.spliced + ".lock") : nil
            // Every file and its size (a snapshot that was read is marked used: its time changes).
            func listing() -> [String] {
                let files = (try? FileManager.default.subpathsOfDirectory(atPath: pair.folder.path)) ?? []
                return files.filter { !$0.hasSuffix(".lock") }.sorted().map { "\($0) \(FileStamp(path: pair.folder.file($0))?.size ?? -1)" }
            }
            let before = listing()
            let (beforeBytes, beforeStamp) = (try pair.bytes(pair.spliced), FileStamp(path: pair.spliced))
            #expect(OneTaskSave.commit(task: task, to: pair.spliced, by: "王敏", at: editClock, snapshots: pair.snapshots) { _ in edits } == nil,
                    "\(edits)")
            #expect(try pair.bytes(pair.spliced) == beforeBytes)
            #expect(FileStamp(path: pair.spliced) == beforeStamp)
            #expect(listing() == before)
            withExtendedLifetime(held) {}
        }
        // No snapshot of these bytes: a file changed by hand since (here only an extra blank line at the end).
        try refused(progress) { pair in
            let fd = open(pair.spliced, O_WRONLY | O_APPEND)
            _ = write(fd, "\n", 1)
            close(fd)
        }
        // A snapshot of these bytes, but they are not the writer's: the document would write them anew.
        try refused(progress) { pair in
            var bytes = try pair.bytes(pair.spliced)
            bytes.append(0x0A)
            try AtomicFile.write(bytes, to: pair.spliced)
            _ = try PlanDocument(path: pair.spliced, options: .init(snapshots: pair.snapshots))
        }
        // Changes queued in the recovery file are saved first, by the document.
        try refused(progress) { pair in _ = pair.folder.write("plan.json.recovery.json", "{}") }
        // Another desk is saving.
        try refused(progress, lockHeld: true)
        // An unknown task, a bad value, a change of another kind or of two tasks: the document says why.
        try refused([.setProgress(taskID: "s99-9", 10)], task: "s99-9")
        try refused([.setProgress(taskID: id, 101)])
        try refused([.setOwners(taskID: id, [plan.units[0].id])])
        try refused([.setProgress(taskID: id, 10), .setProgress(taskID: plan.tasks[3].id, 10)])
        // A file this user may not write.
        try refused(progress) { pair in chmod(pair.spliced, 0o444) }
        // No plan there, or not a file: nothing is made beside it, not even a lock file.
        let folder = TempDir()
        for path in [folder.file("missing.json"), folder.path] {
            #expect(OneTaskSave.commit(task: id, to: path, by: "王敏", at: editClock, snapshots: PlanSnapshots(folder: folder.file("cache"))) { _ in
                progress
            } == nil)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.path + ".lock"))
    }
}
