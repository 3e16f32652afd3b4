import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// `shuangyong edit` as separate processes on one file: concurrent desks, conflicts, crashes mid-save,
/// read-only and invalid files.
@Suite("edit: several processes on one file")
struct EditProcessTests {
    /// A fresh folder per test (`shuangyong-edit-e2e-…`), removed when the test ends however it ends.
    struct Scratch {
        let folder = TempDir(prefix: "shuangyong-edit-e2e-")
        var path: String { folder.path }
        func file(_ name: String) -> String { folder.file(name) }
        var temporaries: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.contains(".tmp-") }
        }
    }

    struct Output {
        var status: Int32
        var out: String
        var err: String
    }

    let scratch = Scratch()
    let plan: String

    init() throws {
        plan = scratch.file("plan.json")
        try PlanStore.save(SamplePlan.make(year: 2026), to: plan)
    }

    /// Starts `shuangyong ARGS`, output to files (so nothing blocks on a full pipe).
    static func start(_ args: [String], tag: String, in scratch: Scratch, environment: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = Binary.shuangyong
        p.arguments = args
        var env = Binary.environment
        env["SHUANGYONG_USER"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        _ = FileManager.default.createFile(atPath: scratch.file("\(tag).out"), contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.file("\(tag).err"), contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: scratch.file("\(tag).out"))
        p.standardError = FileHandle(forWritingAtPath: scratch.file("\(tag).err"))
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func finish(_ p: Process, tag: String, in scratch: Scratch) -> Output {
        p.waitUntilExit()
        let read = { (name: String) in (try? String(contentsOfFile: scratch.file(name), encoding: .utf8)) ?? "" }
        return Output(status: p.terminationStatus, out: read("\(tag).out"), err: read("\(tag).err"))
    }

    func run(_ args: [String], environment: [String: String] = [:]) throws -> Output {
        let tag = UUID().uuidString
        return Self.finish(try Self.start(args, tag: tag, in: scratch, environment: environment), tag: tag, in: scratch)
    }

    /// Runs as a desk does, with snapshots (in the scratch folder).
    func runWithSnapshots(_ args: [String]) throws -> Output {
        try run(args, environment: ["SHUANGYONG_SNAPSHOTS": "on", "XDG_CACHE_HOME": scratch.file("cache")])
    }

    func task(_ id: String, _ p: Plan) -> PlanTask { p.tasks.first { $0.id == id }! }

    @Test func eightConcurrentDesksOnEightTasksAllKeepTheirChanges() throws {
        let before = try PlanStore.load(plan)
        let ids = ["s1-3", "s1-4", "s2-1", "s2-2", "s2-4", "s3-1", "s3-6", "s4-1"]
        let processes = try ids.enumerated().map { k, id in
            try Self.start(["edit", id, "--progress", "\(11 + k)", "--user", "desk-\(k)", plan], tag: "p\(k)", in: scratch)
        }
        let outputs = processes.enumerated().map { k, p in Self.finish(p, tag: "p\(k)", in: scratch) }
        for (k, o) in outputs.enumerated() {
            #expect(o.status == 0, "desk \(k): \(o.err)")
            #expect(o.out.contains("\(ids[k]) 进度: \(task(ids[k], before).progress)% → \(11 + k)% — saved to \(plan)"))
        }
        let after = try PlanStore.load(plan)
        for (k, id) in ids.enumerated() {
            #expect(task(id, after).progress == 11 + k, "\(id)")
            #expect(task(id, after).history.last?.by == "desk-\(k)")
        }
        #expect(scratch.temporaries.isEmpty)

        // Eight desks adding a note to the same task at once: appends never conflict, all eight are kept.
        let notes = try (0..<8).map { k in
            try Self.start(["edit", "s5-4", "--note", "第\(k)条", "--user", "desk-\(k)", plan], tag: "n\(k)", in: scratch)
        }
        for (k, p) in notes.enumerated() { #expect(Self.finish(p, tag: "n\(k)", in: scratch).status == 0) }
        let texts = Set(task("s5-4", try PlanStore.load(plan)).notes.map(\.text))
        #expect(texts.isSuperset(of: (0..<8).map { "第\($0)条" }))
    }

    @Test func twoDesksSettingOneFieldFromTheSameBaseConflictAndNothingIsLost() throws {
        // In process: two documents read the same file, then both change s2-1's progress.
        let first = try PlanDocument(path: plan), second = try PlanDocument(path: plan)
        try first.commit([.setProgress(taskID: "s2-1", 60)], by: "甲", at: Date())
        let r = try second.commit([.setProgress(taskID: "s2-1", 70)], by: "乙", at: Date())
        #expect(r.conflicts.count == 1)
        #expect(r.conflicts.first.map { [$0.base, $0.disk, $0.ours] } == ["80%", "60%", "70%"])
        #expect(task("s2-1", try PlanStore.load(plan)).progress == 60)

        // From the command line: the second edit is based on a copy taken before the first.
        let base = scratch.file("base.json")
        try FileManager.default.copyItem(atPath: plan, toPath: base)
        let ok = try run(["edit", "s3-1", "--progress", "55", plan])
        #expect(ok.status == 0, "\(ok.err)")
        let clash = try run(["edit", "s3-1", "--progress", "65", "--base", base, plan])
        #expect(clash.status == 3)
        #expect(clash.err.contains("conflict"))
        #expect(clash.err.contains("55%") && clash.err.contains("65%"))
        #expect(clash.err.contains("s3-1 进度"))
        #expect(task("s3-1", try PlanStore.load(plan)).progress == 55)
        // The conflict in the run's language alone.
        let en = try run(["edit", "s3-1", "--progress", "65", "--base", base, "--lang", "en", plan])
        #expect(en.err.contains("s3-1 进度: was 40%; another desk saved 55%; yours, 65%, was not saved") && !en.err.contains("另一处"), "\(en.err)")
        let zh = try run(["edit", "s3-1", "--progress", "65", "--base", base, "--lang", "zh", plan])
        #expect(zh.err.contains("s3-1 进度：原为 40%，另一处已保存 55%，本处要改为 65% — 未保存") && !zh.err.contains("another desk"), "\(zh.err)")
    }

    @Test func unknownTasksAndBadValuesAreRefusedWithTheAllowedValues() throws {
        let before = try AtomicFile.read(plan)
        let unknown = try run(["edit", "s9-9", "--progress", "5", plan])
        #expect(unknown.status == 1)
        #expect(unknown.err.contains("no task s9-9 in \(plan) (tasks are s1-1 … s8-3; see `shuangyong report tasks`)"))
        let status = try run(["edit", "s2-1", "--status", "finished", plan])
        #expect(status.status != 0 && status.err.contains("allowed: not-started, in-progress, done, blocked, cancelled"))
        let progress = try run(["edit", "s2-1", "--progress", "140", plan])
        #expect(progress.status != 0 && progress.err.contains("0–100"))
        let due = try run(["edit", "s2-1", "--due", "2026-02-30", plan])
        #expect(due.status != 0 && due.err.contains("YYYY-MM-DD"))
        let nothing = try run(["edit", "s2-1", plan])
        #expect(nothing.status != 0 && nothing.err.contains("nothing to change"))
        // The plan first, or the task id left out: the file is not taken for a task id.
        for args in [[plan, "s2-1", "--progress", "5"], ["--progress", "5", plan]] {
            let swapped = try run(["edit"] + args)
            #expect(swapped.status != 0 && swapped.err.contains("is a file, not a task id"), "\(swapped.err)")
        }
        #expect(try AtomicFile.read(plan) == before)
    }

    @Test func aReadOnlyFileIsRefusedAndLeftAsItWas() throws {
        let before = try AtomicFile.read(plan)
        chmod(plan, 0o444)
        defer { chmod(plan, 0o644) }
        let o = try run(["edit", "s2-1", "--progress", "5", plan])
        #expect(o.status == 1)
        #expect(o.err.contains("\(plan) is read-only"))
        #expect(o.err.contains("nothing was changed"))
        #expect(try AtomicFile.read(plan) == before)
    }

    @Test func anInvalidFileIsNotOverwrittenAndTheChangeIsSavedOnceItIsFixed() throws {
        // A save first, so a last good version (.bak) exists to check the edit against.
        #expect(try run(["edit", "s2-1", "--progress", "85", plan]).status == 0)
        let good = try AtomicFile.read(plan)
        let broken = Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"progress\": 85", with: "\"progress\": 185").utf8)
        try AtomicFile.write(broken, to: plan)

        let o = try run(["edit", "s3-1", "--progress", "45", "--user", "王敏", plan])
        #expect(o.status == 1)
        #expect(o.err.contains("not a valid plan, so it was not overwritten"))
        #expect(o.err.contains("progress 185 is out of range"))
        #expect(o.err.contains(plan + ".recovery.json"))
        #expect(try AtomicFile.read(plan) == broken)
        #expect(FileManager.default.fileExists(atPath: plan + ".recovery.json"))

        // Fixed by hand; the next edit saves the kept change too, as 王敏's.
        try AtomicFile.write(good, to: plan)
        let next = try run(["edit", "s3-2", "--note", "用地预审已批复", plan])
        #expect(next.status == 0, "\(next.err)")
        #expect(next.out.contains("s3-1 进度: 40% → 45%"))
        let after = try PlanStore.load(plan)
        #expect(task("s3-1", after).progress == 45)
        #expect(task("s3-1", after).history.last?.by == "王敏")
        #expect(task("s3-2", after).notes.last?.text == "用地预审已批复")
        #expect(!FileManager.default.fileExists(atPath: plan + ".recovery.json"))
    }

    /// A change made while the file is broken by hand is judged against the version this program last
    /// saved (its snapshot), not the backup, which is one save older: once the file is fixed it is saved,
    /// with no conflict with "another desk" that was this desk's own last save; and running the command
    /// again meanwhile queues it once.
    @Test func aChangeMadeWhileTheFileIsBrokenIsJudgedAgainstTheLastSave() throws {
        #expect(try runWithSnapshots(["edit", "s4-1", "--progress", "76", plan]).status == 0)
        #expect(try runWithSnapshots(["edit", "s4-1", "--progress", "78", plan]).status == 0)
        let good = try AtomicFile.read(plan)
        try AtomicFile.write(Array(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\"year\": 2026,", with: "\"year\": 2026，").utf8),
                             to: plan)
        for _ in 0..<2 {
            let queued = try runWithSnapshots(["edit", "s4-1", "--progress", "90", "--user", "王敏", plan])
            #expect(queued.status == 1)
            #expect(queued.err.contains("recovery.json"), "\(queued.err)")
        }
        let queue = try String(contentsOfFile: plan + ".recovery.json", encoding: .utf8)
        #expect(queue.components(separatedBy: "\"op\": \"setProgress\"").count - 1 == 1, "\(queue)")
        try AtomicFile.write(good, to: plan)
        let next = try runWithSnapshots(["edit", "s4-2", "--progress", "15", plan])
        #expect(next.status == 0, "\(next.err)")
        #expect(!next.err.contains("conflict"))
        #expect(task("s4-1", try PlanStore.load(plan)).progress == 90)
    }

    /// A done task is at 100%: asking for done and less at once is refused; less on a done task reopens it;
    /// a negative count is out of range, not an unknown option.
    @Test func aDoneTaskIsAtAHundredWhicheverFieldIsChanged() throws {
        let before = try AtomicFile.read(plan)
        let both = try run(["edit", "s2-1", "--status", "已完成", "--progress", "50", plan])
        #expect(both.status != 0 && both.err.contains("a done task is at 100%"), "\(both.err)")
        for args in [["--progress", "-5"], ["--target-achieved", "-1"]] {
            let negative = try run(["edit", "s2-1"] + args + [plan])
            #expect(negative.status != 0 && !negative.err.contains("Missing value"), "\(negative.err)")
        }
        #expect(try AtomicFile.read(plan) == before)
        let together = try run(["edit", "s2-2", "--status", "done", "--progress", "100", plan])
        #expect(together.status == 0 && together.out.split(separator: "\n").count == 1 && !together.out.contains("nothing to change"),
                "\(together.out)")
        #expect(try run(["edit", "s2-1", "--status", "done", plan]).status == 0)
        let reopened = try run(["edit", "s2-1", "--progress", "60", plan])
        #expect(reopened.out.contains("进度: 100% → 60%（状态 已完成 → 进行中）"))
        let after = try PlanStore.load(plan)
        #expect(task("s2-1", after).status == .inProgress)
        #expect(!PlanValidation.notices(in: after).contains { $0.id == "s2-1" })
    }

    @Test func membersThisProgramDoesNotKnowSurviveAnEditAndValidateListsThem() throws {
        // The case file: a custom member at the top, on a unit and on a task.
        let text = """
            {
              "format": "shuangyong-plan",
              "version": 1,
              "title": "最小计划",
              "year": 2026,
              "xCustom": {"keep": "me"},
              "units": [{"id": "u1", "name": "县民政局", "kind": "government", "xPhone": "0376-1234567"}],
              "phases": [{"id": "p1", "name": "实施", "start": "2026-01-01", "end": "2026-12-31"}],
              "sections": [{"id": "s1", "number": 1, "title": "组织领导", "lead": ["u1"], "responsible": ["u1"]}],
              "tasks": [{"id": "t1", "section": "s1", "number": 1, "title": "任务一", "phase": "p1", "status": "in-progress", "progress": 10, "xBudget": 12345}],
              "activities": []
            }
            """
        try AtomicFile.write(Array(text.utf8), to: plan)
        let v = try run(["validate", plan])
        #expect(v.status == 0)
        #expect(v.out.contains("kept 3 members this program does not know"))
        for place in ["xCustom", "units[0].xPhone (id \"u1\")", "tasks[0].xBudget (id \"t1\")"] { #expect(v.out.contains("\(plan): \(place)")) }
        let e = try run(["edit", "t1", "--progress", "20", plan])
        #expect(e.status == 0, "\(e.err)")
        let saved = try String(contentsOfFile: plan, encoding: .utf8)
        #expect(saved.contains("\"year\": 2026,\n  \"xCustom\": {\n    \"keep\": \"me\"\n  },"))
        #expect(saved.contains("\"kind\": \"government\",\n      \"xPhone\": \"0376-1234567\""))
        #expect(saved.contains("\"progress\": 20,\n      \"xBudget\": 12345,"))
    }

    @Test func aKeyGivenTwiceIsRefusedNotSilentlyDropped() throws {
        let text = """
            {
              "format": "shuangyong-plan",
              "version": 1,
              "title": "最小计划",
              "year": 2026,
              "units": [{"id": "u1", "name": "县民政局", "kind": "government"}],
              "phases": [{"id": "p1", "name": "实施", "start": "2026-01-01", "end": "2026-12-31"}],
              "sections": [{"id": "s1", "number": 1, "title": "组织领导", "lead": ["u1"], "responsible": ["u1"]}],
              "tasks": [{"id": "t1", "section": "s1", "number": 1, "title": "任务一", "phase": "p1", "status": "in-progress", "status": "done", "progress": 10}],
              "activities": []
            }
            """
        try AtomicFile.write(Array(text.utf8), to: plan)
        let v = try run(["validate", plan])
        #expect(v.status == 1)
        #expect(v.err.contains("\(plan):9:112: not valid JSON: duplicate key \"status\" (first at 9:87)"))
        let e = try run(["edit", "t1", "--progress", "20", plan])
        #expect(e.status == 1)
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == text)
    }

    /// The case of a note retried after a lock timeout: the first run queues it and says so (never "try
    /// again"); running the command again anyway does not record it twice.
    @Test func aNoteQueuedOnALockTimeoutAndRunAgainIsRecordedOnce() throws {
        let fd = open(plan + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let first = try run(["edit", "s1-1", "--note", "已召开座谈会", "--user", "deskB", plan])  // waits for the lock, 5 s
        flock(fd, LOCK_UN)
        close(fd)
        #expect(first.status == 1)
        #expect(first.err.contains("queued in \(plan).recovery.json, will be saved by the next save on this machine"))
        #expect(!first.err.contains("again") && !first.err.contains("memory"))
        let second = try run(["edit", "s1-1", "--note", "已召开座谈会", "--user", "deskB", plan])
        #expect(second.status == 0, "\(second.err)")
        #expect(task("s1-1", try PlanStore.load(plan)).notes.filter { $0.text == "已召开座谈会" }.count == 1)
        // Counted in the file as a person (or a script) would: one note with that text, whatever the history records.
        let text = try String(contentsOfFile: plan, encoding: .utf8)
        #expect(text.components(separatedBy: "\"text\": \"已召开座谈会\"").count - 1 == 1)
        #expect(!FileManager.default.fileExists(atPath: plan + ".recovery.json"))
    }

    /// When not even the recovery file can be written, the command says the change is lost and to run it
    /// again — not that it is kept anywhere.
    @Test func aChangeThatCannotBeQueuedIsReportedLost() throws {
        #expect(try run(["edit", "s2-1", "--progress", "85", plan]).status == 0)  // a last good version (.bak)
        let good = try AtomicFile.read(plan)
        try AtomicFile.write(Array("{\"format\": ".utf8), to: plan)  // the file on disk is broken …
        #expect(mkdir(plan + ".recovery.lock", 0o755) == 0)     // … and the recovery file cannot be locked
        let o = try run(["edit", "s3-1", "--progress", "45", plan])
        #expect(o.status == 1)
        #expect(o.err.contains("not saved, run again: the change is lost"))
        #expect(!o.err.contains("queued") && !o.err.contains("memory") && !o.err.contains("will be saved"))
        #expect(!FileManager.default.fileExists(atPath: plan + ".recovery.json"))
        rmdir(plan + ".recovery.lock")
        try AtomicFile.write(good, to: plan)
        let zh = try run(["edit", "s9-9", "--progress", "45", "--lang", "zh", plan])
        #expect(zh.err.contains("未保存：\(plan) 中没有任务 s9-9") && !zh.err.contains("not saved"))
    }

    /// Kills `edit` with SIGKILL ~30 times — at random moments of its life, and in the middle of writing
    /// (as soon as its temporary file appears): the file always parses and is either the plan before that
    /// edit or the plan with exactly that edit, and killed saves' temporary files do not pile up.
    @Test(.timeLimit(.minutes(5)))  // a guard against a hang only: a loaded 2-core machine takes about a minute
    func killedMidSaveTheFileIsAlwaysTheOldOrTheNewPlan() throws {
        // A larger plan (about 1.5 MB) so that writing is a real part of each run.
        var big = SamplePlan.make(year: 2026)
        let template = big.tasks
        for k in 0..<40 {
            big.tasks += template.map { t in
                var c = t
                c.id = "\(t.id)-\(k)"
                c.number = t.number + 100 * (k + 1)
                c.notes = t.notes + [TaskNote(at: "2026-10-01T09:00:00+08:00", by: "x", text: String(repeating: "佐证材料", count: 20))]
                return c
            }
        }
        try PlanStore.save(big, to: plan)

        // How long one edit takes here.
        var durations: [Double] = []
        for k in 0..<3 {
            let start = Date()
            #expect(try run(["edit", "s1-3", "--progress", "\(50 + k)", plan]).status == 0)
            durations.append(Date().timeIntervalSince(start))
        }
        let typical = durations.sorted()[1]

        var previous = try AtomicFile.read(plan)
        var killed = 0, completed = 0, killedWriting = 0
        for round in 0..<30 {
            let value = round % 2 == 0 ? 10 : 20
            let p = try Self.start(["edit", "s1-3", "--progress", "\(value)", "--user", "crash", plan], tag: "c", in: scratch)
            if round % 3 == 0 {
                // Any moment: start-up, reading, waiting for the lock, merging, writing.
                usleep(UInt32(typical * Double.random(in: 0.1...1.2) * 1_000_000))
            } else {
                // While writing: its temporary file exists (then up to a millisecond more: write, fsync or rename).
                let mine = ".plan.json.tmp-\(p.processIdentifier)-"
                let deadline = Date().addingTimeInterval(typical * 5 + 1)
                while p.isRunning, Date() < deadline, !scratch.temporaries.contains(where: { $0.hasPrefix(mine) }) {}
                usleep(UInt32.random(in: 0...1000))
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if p.terminationReason == .uncaughtSignal { killed += 1 } else {
                completed += 1
                #expect(p.terminationStatus == 0)
            }

            let bytes = try AtomicFile.read(plan)
            let now = try PlanStore.load(plan)  // always parses
            #expect(PlanStore.encode(now) == bytes, "round \(round): not a whole file written by the program")
            if bytes != previous {
                // Exactly the new plan: the old one with this edit and its history line.
                let old = try PlanStore.decode(previous, file: "previous")
                var expected = old
                let i = expected.tasks.firstIndex { $0.id == "s1-3" }!
                try PlanEdit.setProgress(taskID: "s1-3", value).apply(to: &expected, by: "crash", at: Date())
                expected.tasks[i].history[expected.tasks[i].history.count - 1].at = now.tasks[i].history.last!.at
                #expect(now == expected, "round \(round): neither the old nor the new plan")
            }
            previous = bytes
            let temps = scratch.temporaries
            if p.terminationReason == .uncaughtSignal, !temps.isEmpty { killedWriting += 1 }
            #expect(temps.count <= 1, "round \(round): temporary files accumulate: \(temps)")
        }
        #expect(killedWriting >= 3, "only \(killedWriting) kills landed while a temporary file existed")
        #expect(killed >= 10, "only \(killed) of 30 runs were killed")

        // The next save clears what the killed ones left, and nothing was left locked.
        #expect(try run(["edit", "s1-3", "--progress", "30", plan]).status == 0)
        #expect(scratch.temporaries.isEmpty)
        #expect(task("s1-3", try PlanStore.load(plan)).progress == 30)
        print("crash test: \(killed) killed (\(killedWriting) while writing), \(completed) completed")
    }
}
