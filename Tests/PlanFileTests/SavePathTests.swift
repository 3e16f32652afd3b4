import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// The shortcuts of a save (`PlanDocument`, `PlanWriter`): comparing tasks in place, checking the file by
/// its bytes, hashing long input, units and sections written from the model. Each gives what the long way gives.
@Suite("Plan file: the save path's shortcuts")
struct SavePathTests {
    /// `PlanTask.same` compares the bits of every stored property first: a property added to `PlanTask`
    /// must be added to its list, or an edit of only that property would keep the task's old bytes.
    @Test func theTaskComparisonListsEveryStoredProperty() {
        let task = PlanGenerator.make(tasks: 1, units: 3, seed: 1).tasks[0]
        let names = Mirror(reflecting: task).children.compactMap(\.label)
        #expect(PlanTask.storedProperties.map(\.name) == names)
        let layout = PlanTask.storedProperties.map(\.bytes).sorted { $0.lowerBound < $1.lowerBound }
        #expect(zip(layout, layout.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        #expect(layout.last!.upperBound <= MemoryLayout<PlanTask>.size)
    }

    @Test func theTaskComparisonAgreesWithEquality() {
        let base = PlanGenerator.make(tasks: 40, units: 12, seed: 5)
        var edited = base.tasks  // a copy: the tasks share their strings and arrays with `base`'s
        edited[0].progress += 1
        edited[1].notes.append(TaskNote(at: "2026-03-01T09:00:00+08:00", by: "王", text: "备注"))
        edited[2].title = String(edited[2].title)  // equal, in other storage
        edited[3].target = QuantifiedTarget(required: 3, achieved: 1, unit: "次", label: "")
        edited[4].carriedOver = CarryOver(year: 2025, file: "plan-2025.json", taskID: "t9", status: .inProgress, progress: 40)
        edited[5].unknownMembers = UnknownMembers([.init(key: "xNote", json: "1", after: "status")])
        edited[6].due = edited[6].due == nil ? Day(year: 2026, month: 6, day: 1)! : nil
        edited[7].status = edited[7].status == .done ? .blocked : .done
        base.tasks.withUnsafeBufferPointer { a in
            edited.withUnsafeBufferPointer { b in
                for n in a.indices {
                    #expect(PlanTask.same(a.baseAddress! + n, b.baseAddress! + n) == (a[n] == b[n]), "task \(n)")
                }
            }
        }
        var plan = base
        #expect(plan.isSame(as: base))
        plan.tasks = edited
        #expect(!plan.isSame(as: base))
        plan = base
        plan.units[0].name += "（改）"
        #expect(!plan.isSame(as: base))
    }

    @Test func aFileIsComparedWithBytesWithoutReadingItWhole() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        let bytes = PlanWriter.bytes(PlanGenerator.make(tasks: 800, units: 20, seed: 2))
        #expect(bytes.count > 1 << 18)  // more than one chunk
        try AtomicFile.write(bytes, to: path)
        #expect(try AtomicFile.holds(bytes, at: path))
        #expect(try AtomicFile.read(path) == bytes)
        var other = bytes
        other[other.count - 10] ^= 1
        #expect(try !AtomicFile.holds(other, at: path))
        #expect(try !AtomicFile.holds(Array(bytes.dropLast()), at: path))
        #expect(try !AtomicFile.holds(bytes + [0x0A], at: path))
        #expect(PlanDocument.stamp(ifHolding: bytes, path) == FileStamp(path: path))
        #expect(PlanDocument.stamp(ifHolding: other, path) == nil)
        #expect(mkfifo(dir.file("fifo"), 0o600) == 0)
        #expect(throws: PlanFileError.self) { try AtomicFile.holds(bytes, at: dir.file("fifo")) }
        #expect(throws: PlanFileError.self) { try AtomicFile.holds(bytes, at: dir.file("missing")) }
    }

    @Test func aLongInputsHashSeesEveryByte() {
        var bytes = Array(PlanWriter.bytes(PlanGenerator.make(tasks: 30, units: 5, seed: 4)).prefix(1000))
        let hash = Fingerprint(bytes).hash
        #expect(Fingerprint(bytes).hash == hash)
        for k in [0, 7, 8, 31, 32, 255, 256, 500, 991, 999] {
            bytes[k] ^= 0x20
            #expect(Fingerprint(bytes).hash != hash, "byte \(k)")
            bytes[k] ^= 0x20
        }
        #expect(Fingerprint(Array(bytes.dropLast())).hash != hash)
    }

    /// Units and sections are written from the model; with members this program does not know, through the tree.
    @Test func unitsAndSectionsWithUnknownMembersGiveTheTreeBytes() throws {
        var plan = PlanGenerator.make(tasks: 400, units: 15, seed: 9)
        try #require(plan.sections.count >= 2 && plan.units.count >= 13)
        plan.units[1].unknownMembers = UnknownMembers([.init(key: "xPhone", json: "\"123\"", after: "name")])
        plan.sections[0].unknownMembers = UnknownMembers([.init(key: "xOrder", json: "[1, 2]", after: nil)])
        plan.sections[1].leadUnits = []
        plan.sections[1].responsibleUnits = Array(plan.units.prefix(13).map(\.id))  // one per line
        #expect(PlanWriter.bytes(plan) == JSONWriter.bytes(PlanCodec.encode(plan)))
    }

    /// An edit saved over a file nobody else changed takes `accept`'s plan; the file is what a merge gives.
    @Test func aSaveOverAnUnchangedFileIsTheMerge() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        let plan = PlanGenerator.make(tasks: 60, units: 10, seed: 6)
        try PlanStore.save(plan, to: path)
        let doc = try PlanDocument(path: path, options: .init(replayStaleRecovery: false))
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        let id = plan.tasks[30].id
        let edits: [PlanEdit] = [.setProgress(taskID: id, 55), .addNote(taskID: id, "走访"), .setStatus(taskID: id, .done)]
        let result = try doc.commit(edits, by: "王", at: at)
        let pending = edits.map { PendingEdit(edit: $0, kind: .change, by: "王", at: at, expected: nil) }
        let (_, accepted) = try PlanDocument.accept(pending, onto: plan)
        let (merged, applied, conflicts) = PlanDocument.merge(accepted, onto: plan)
        #expect(result.saved && result.conflicts.isEmpty && conflicts.isEmpty)
        #expect(result.plan == merged && doc.plan == merged)
        #expect(result.applied == applied)
        #expect(try AtomicFile.read(path) == PlanWriter.bytes(merged))
        #expect(try PlanStore.load(path) == merged)
    }
}
