#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// Snapshots of loaded plans: the same plan back, and never used for a file that is not the one they were
/// made from (PlanSnapshots.swift says how that is checked).
@Suite("Plan snapshots")
struct SnapshotTests {
    /// Plans with every kind of member: the sample, a generated one, one edited with every kind of edit
    /// (history with `changes`, notes, targets, a deleted and an added task), one rolled over (结转), and
    /// one with members this program does not know at every level.
    static func plans() throws -> [Plan] {
        var odd = SamplePlan.make(year: 2026)
        odd.unknownMembers.members = [.init(key: "xOffice", json: #"{"room": 3}"#, after: "title")]
        odd.units[0].unknownMembers.members = [.init(key: "xPhone", json: #""0376-1234""#, after: nil)]
        odd.sections[0].unknownMembers.members = [.init(key: "xNote", json: "[1, 2]", after: "title")]
        odd.tasks[0].unknownMembers.members = [.init(key: "xWhy", json: #""用地未批""#, after: "phase")]
        odd.tasks[0].target = QuantifiedTarget(required: 2, achieved: 1, unit: "篇", label: "市级以上稿件")
        odd.tasks[0].notes = [TaskNote(at: "2026-07-03T09:15:00+08:00", by: "李娜", text: "已报送 \u{1F600} \"引号\"\n第二行")]
        odd.tasks[1].due = Day(iso: "2026-12-31")
        odd.tasks[1].carriedOver = CarryOver(year: 2025, file: "plan-2025.json", taskID: "s3-2", status: .blocked, progress: 30)
        // As a load gives it (unknown members' JSON as the writer writes it).
        odd = try PlanStore.decode(PlanStore.encode(odd), file: "odd.json")
        return [SamplePlan.make(year: 2026), PlanGenerator.make(tasks: 300, units: 20, seed: 7),
                try EditedWeeks.make().plan, Rollover.nextYear(SamplePlan.make(year: 2026), to: 2027, sourceFile: "plan.json", at: "2027-01-02T09:00:00+08:00", by: "县双拥办"), odd]
    }

    @Test func aSnapshotGivesBackThePlanItWasMadeFrom() throws {
        for (k, plan) in try Self.plans().enumerated() {
            let bytes = try #require(PlanSnapshot.encode(plan))
            let back = bytes.withUnsafeBytes { PlanSnapshot.decode($0) }
            let same = back == plan  // (not inside #expect: a failure would print both plans whole)
            #expect(same, "plan \(k)")
        }
    }

    /// `.summary` gives every task but its text, notes, history and unknown members, and everything else
    /// of the plan whole.
    @Test func aSummaryIsThePlanWithoutItsTasksTexts() throws {
        let plans = try Self.plans()
        #expect(plans.contains { $0.tasks.contains { !$0.history.isEmpty } } && plans.contains { $0.tasks.contains { !$0.notes.isEmpty } })
        for (k, plan) in plans.enumerated() {
            let bytes = try #require(PlanSnapshot.encode(plan))
            let summary = try #require(bytes.withUnsafeBytes { PlanSnapshot.decode($0, detail: .summary) })
            var expected = plan
            for t in expected.tasks.indices {
                expected.tasks[t].text = ""
                expected.tasks[t].notes = []
                expected.tasks[t].history = []
                expected.tasks[t].unknownMembers = UnknownMembers()
            }
            let same = summary == expected
            #expect(same, "plan \(k)")
        }
    }

    /// A document's next snapshot copies what did not change from the one before (the encoder's own or a
    /// decoded one): after each kind of change it still gives back the plan as it now is.
    @Test func aSnapshotMadeFromAnEarlierOneGivesBackTheNewPlan() throws {
        var plan = PlanGenerator.make(tasks: 300, units: 20, seed: 7)
        #expect(plan.tasks.contains { !$0.history.isEmpty })
        let first = try #require(PlanSnapshot.encode(plan))
        var earlier = try #require(PlanSnapshot.decodeForReuse(first)).encoded
        let changes: [(inout Plan) -> Void] = [
            { $0.tasks[3].progress = 77; $0.tasks[3].title = "新的标题" },
            { $0.tasks.remove(at: 5) },
            { $0.tasks.insert($0.tasks[9], at: 2) },
            { $0.units[0].name = "县退役军人事务局（改）" },
            { p in p.tasks.append(PlanTask(id: "new-1", sectionID: p.sections[0].id, number: 99, title: "新任务", text: "新增的任务",
                                            phaseID: p.phases[0].id, ownerUnits: [p.units[1].id, p.units[2].id])) },
            { $0.tasks[0].notes.append(TaskNote(at: "2026-09-01T10:00:00+08:00", by: "李娜", text: "已报送")) },
            { p in p.sections[1].leadUnits = [p.units[2].id] },
            { p in p.tasks[1].leadUnits = [p.units[3].id, "新单位"]; p.tasks.swapAt(6, 7) },
        ]
        for (k, change) in changes.enumerated() {
            change(&plan)
            let next = try #require(PlanSnapshot.encode(plan, layout: nil, reusing: earlier))
            let back = next.body.withUnsafeBytes { PlanSnapshot.decode($0) }
            let same = back == plan
            #expect(same, "change \(k)")
            #expect(next.body.count < earlier.body.count + 4_000, "change \(k) copied the rest")
            #expect(PlanSnapshot.sameTasks(plan.tasks, earlier.tasks).filter { $0 == nil }.count <= 2, "change \(k)")
            // Alternately the encoder's own record and a decoded one carry on.
            earlier = k % 2 == 0 ? next : try #require(PlanSnapshot.decodeForReuse(next.body)).encoded
        }
    }

    /// A value too large for a task's fixed 32-bit fields gets no snapshot rather than a wrong one.
    @Test func aValueBeyond32BitsGetsNoSnapshot() throws {
        for change in [{ (t: inout PlanTask) in t.number = Int(Int32.max) + 1 }, { $0.progress = Int(Int32.min) - 1 }] {
            var plan = SamplePlan.make(year: 2026)
            change(&plan.tasks[3])
            #expect(PlanSnapshot.encode(plan) == nil)
        }
    }

    @Test func aCutOrDamagedSnapshotIsRefusedNotMisread() throws {
        let plan = try EditedWeeks.make().plan
        let bytes = try #require(PlanSnapshot.encode(plan))
        let summaryEnd = 8 + (try #require(PlanSnapshot.summaryCount(bytes)))
        #expect(summaryEnd < bytes.count, "there is a detail part")
        let summary = bytes.withUnsafeBytes { PlanSnapshot.decode($0, detail: .summary) }
        #expect(summary != nil)
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) + [summaryEnd - 1, summaryEnd] {
            #expect(Array(bytes.prefix(cut)).withUnsafeBytes { PlanSnapshot.decode($0) } == nil, "cut at \(cut)")
            // A summary needs the summary part only.
            let short = Array(bytes.prefix(cut)).withUnsafeBytes { PlanSnapshot.decode($0, detail: .summary) }
            #expect(cut < summaryEnd ? short == nil : short == summary, "cut at \(cut)")
        }
        var longer = bytes
        longer.append(0)
        #expect(longer.withUnsafeBytes { PlanSnapshot.decode($0) } == nil)
        // A string count far beyond the data: refused, not allocated.
        var huge = bytes
        huge.replaceSubrange(8..<9, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(huge.withUnsafeBytes { PlanSnapshot.decode($0) } == nil)
    }

    // MARK: The cache folder

    /// A plan file and a snapshot folder in a temporary folder.
    struct Setup {
        let folder = TempDir()
        let path: String
        let snapshots: PlanSnapshots

        init(_ plan: Plan = SamplePlan.make(year: 2026)) throws {
            path = folder.file("plan.json")
            try PlanStore.save(plan, to: path)
            snapshots = PlanSnapshots(folder: folder.file("cache/shuangyong/snapshots"))
        }

        var snapshotFiles: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: snapshots.folder)) ?? []).filter { $0.hasSuffix(".snapshot") }
        }

        /// Loads with snapshots, as the commands do.
        func load() throws -> Plan { try PlanStore.load(path, snapshots: snapshots) }

        /// Moves the file's times back, as if it had been written `seconds` ago (the racy mark is then not set).
        func age(_ seconds: Int) {
            var times = [timespec(tv_sec: time(nil) - seconds, tv_nsec: 0), timespec(tv_sec: time(nil) - seconds, tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, path, &times, 0)
        }
    }

    @Test func aLoadLeavesASnapshotAndTheNextLoadUsesIt() throws {
        let s = try Setup()
        let plan = try PlanStore.load(s.path)
        #expect(try s.load() == plan)
        #expect(s.snapshotFiles.count == 1)
        #expect(s.snapshots.plan(for: s.path) == plan)
        #expect(try s.load() == plan)
        // Only this user may read it: it holds the plan.
        var st = stat()
        #expect(stat(s.snapshots.folder + "/" + s.snapshotFiles[0], &st) == 0 && st.st_mode & 0o077 == 0)
    }

    /// However the plan's path is written — with `.`, `..`, a doubled slash, through a linked folder — it
    /// is one plan with one snapshot, which every spelling finds.
    @Test func everySpellingOfThePathIsOnePlanWithOneSnapshot() throws {
        let s = try Setup()
        s.age(60)
        let plan = try s.load()
        #expect(mkdir(s.folder.file("sub"), 0o755) == 0)
        #expect(symlink(s.folder.path, s.folder.file("linked")) == 0)
        let spellings = [s.folder.path + "/./plan.json", s.folder.file("sub/../plan.json"), s.folder.path + "//plan.json",
                         s.folder.file("linked/plan.json")]
        for path in spellings {
            #expect(PlanSnapshots.absolute(path) == PlanSnapshots.absolute(s.path), "\(path)")
            #expect(s.snapshots.plan(for: path) != nil, "\(path)")
            #expect(try PlanStore.load(path, snapshots: s.snapshots) == plan)
        }
        #expect(s.snapshotFiles.count == 1, "\(s.snapshotFiles)")
    }

    @Test func aSnapshotIsNotUsedOnceTheFileChangedEvenWithItsSizeAndTimeRestored() throws {
        let s = try Setup()
        s.age(60)
        _ = try s.load()
        #expect(s.snapshots.plan(for: s.path) != nil)
        // The same number of bytes, written in place, the modification time set back as it was.
        var before = stat()
        stat(s.path, &before)
        var text = try String(contentsOfFile: s.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"progress\": 0", with: "\"progress\": 9")
        let fd = open(s.path, O_WRONLY)
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        var times = [before.st_atim, before.st_mtim]
        _ = utimensat(AT_FDCWD, s.path, &times, 0)
        var after = stat()
        stat(s.path, &after)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        #expect(s.snapshots.plan(for: s.path) == nil)
        let loaded = try s.load()
        #expect(loaded == (try PlanStore.load(s.path)))
        #expect(loaded.tasks.contains { $0.progress == 9 })
    }

    @Test func aSavedOrReplacedFileIsReadAgain() throws {
        let s = try Setup()
        s.age(60)
        var plan = try s.load()
        plan.tasks[0].progress = 55
        try PlanStore.save(plan, to: s.path)  // a new file renamed over the old one
        #expect(s.snapshots.plan(for: s.path) == nil)
        #expect(try s.load().tasks[0].progress == 55)
        #expect(s.snapshots.plan(for: s.path)?.tasks[0].progress == 55)
    }

    @Test func aFileChangedJustBeforeItWasReadIsCheckedByItsBytes() throws {
        let s = try Setup()
        // Just written: a change in the same clock tick could leave every time as it is, so the snapshot is
        // marked racy and each use compares the file's bytes with the hash it recorded.
        let bytes = try AtomicFile.read(s.path)
        let plan = try PlanStore.load(s.path)
        let reading = s.snapshots.beginReading(s.path)
        var other = bytes
        other[other.count - 2] = UInt8(ascii: " ")  // bytes that are not the file's, recorded as its hash
        s.snapshots.store(plan, bytes: other, path: s.path, reading: reading)
        #expect(s.snapshotFiles.count == 1)
        #expect(s.snapshots.plan(for: s.path) == nil)
        // With the file's own bytes the same snapshot is used.
        s.snapshots.store(plan, bytes: bytes, path: s.path, reading: s.snapshots.beginReading(s.path))
        #expect(s.snapshots.plan(for: s.path) == plan)
    }

    @Test func aDamagedSnapshotFileIsIgnoredAndReplaced() throws {
        let s = try Setup()
        s.age(60)
        let plan = try s.load()
        let snap = s.snapshots.folder + "/" + s.snapshotFiles[0]
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: snap)))
        bytes[bytes.count - 5] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: snap))
        #expect(s.snapshots.plan(for: s.path) == nil)
        // A report reads the summary part alone, whose hash still holds.
        let summary = s.snapshots.plan(for: s.path, detail: .summary)
        #expect(summary?.tasks.map(\.title) == plan.tasks.map(\.title) && summary?.tasks.allSatisfy(\.text.isEmpty) == true)
        #expect(try s.load() == plan)
        #expect(s.snapshots.plan(for: s.path) == plan)
        // Damage in the summary part: neither reading uses it.
        bytes = try Array(Data(contentsOf: URL(fileURLWithPath: snap)))
        bytes[bytes.count / 3] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: snap))
        #expect(s.snapshots.plan(for: s.path, detail: .summary) == nil && s.snapshots.plan(for: s.path) == nil)
        #expect(try s.load() == plan)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: snap))
        #expect(s.snapshots.plan(for: s.path) == nil)
    }

    @Test func anotherPlanNeverGetsThisPlansSnapshot() throws {
        let s = try Setup()
        s.age(60)
        _ = try s.load()
        let other = s.folder.file("other.json")
        var plan = SamplePlan.make(year: 2026)
        plan.title = "另一个计划"
        try PlanStore.save(plan, to: other)
        #expect(s.snapshots.plan(for: other) == nil)
        #expect(try PlanStore.load(other, snapshots: s.snapshots).title == "另一个计划")
        #expect(s.snapshots.plan(for: s.path)?.title != "另一个计划")
    }

    @Test func aDocumentUsesASnapshotOfItsBytesAndEachSaveLeavesOne() throws {
        let s = try Setup()
        let options = PlanDocument.Options(snapshots: s.snapshots)
        let pristine = try AtomicFile.read(s.path)
        var doc = try PlanDocument(path: s.path, options: options)
        #expect(s.snapshotFiles.count == 1)  // the file as opened
        for (k, progress) in [10, 20, 30].enumerated() {
            _ = try doc.commit([.setProgress(taskID: "s5-2", progress)], by: "王敏", at: editClock.addingTimeInterval(Double(k) * 60))
        }
        // The newest and the one before; the plan in the newest is the file's.
        #expect(s.snapshotFiles.count == PlanSnapshots.keptPerPlan)
        let saved = try AtomicFile.read(s.path)
        let hit = s.snapshots.document(for: s.path, fileHash: Fingerprint(saved).hash)
        #expect(hit?.plan == (try PlanStore.decode(saved, file: "plan.json")))
        #expect(hit?.layout?.spans.count == hit?.plan.tasks.count)
        #expect(s.snapshots.document(for: s.path, fileHash: Fingerprint(pristine).hash) == nil)  // used longest ago: gone
        // A document opened on the saved file gets the same plan, and saves on top of it byte for byte as before.
        doc = try PlanDocument(path: s.path, options: options)
        #expect(doc.plan == hit?.plan)
        _ = try doc.commit([.setProgress(taskID: "s5-2", 40)], by: "王敏", at: editClock.addingTimeInterval(600))
        let plain = try PlanDocument(path: s.path)
        #expect(PlanStore.encode(plain.plan) == (try AtomicFile.read(s.path)))
    }

    @Test func noCacheFolderOrSnapshotsOffStillLoads() throws {
        let s = try Setup()
        #expect(PlanSnapshots.standard(environment: ["HOME": "/home/u", "SHUANGYONG_SNAPSHOTS": "off"]) == nil)
        #expect(PlanSnapshots.standard(environment: [:]) == nil)
        #expect(PlanSnapshots.standard(environment: ["HOME": "/home/u"])?.folder == "/home/u/.cache/shuangyong/snapshots")
        #expect(PlanSnapshots.standard(environment: ["HOME": "/home/u", "XDG_CACHE_HOME": "/c"])?.folder == "/c/shuangyong/snapshots")
        // A folder that cannot be made: the load works and leaves nothing.
        let blocked = s.folder.write("blocked", "a file where the folder would be")
        let nowhere = PlanSnapshots(folder: blocked + "/snapshots")
        #expect(try PlanStore.load(s.path, snapshots: nowhere) == (try PlanStore.load(s.path)))
        #expect(nowhere.plan(for: s.path) == nil)
    }

    @Test func errorsAreTheFilesWithOrWithoutASnapshot() throws {
        let s = try Setup()
        _ = try s.load()
        try "{\"format\": \"shuangyong-plan\",".write(toFile: s.path, atomically: true, encoding: .utf8)
        #expect(throws: PlanFileError.self) { try s.load() }
        unlink(s.path)
        #expect(throws: PlanFileError.self) { try s.load() }
    }
}
