import Foundation
import TestFixtures
import Testing

/// Reports run twice on the same plan read the second time from the snapshot in the cache folder, and say
/// the same; after an edit they say what the file now says.
@Suite("Plan snapshots, as commands use them")
struct SnapshotCommandTests {
    let folder = TempDir(prefix: "sy-e2e-")

    func run(_ args: [String], snapshots: Bool = true) throws -> CommandLineTests.Run {
        try CommandLineTests.run(args, environment: ["XDG_CACHE_HOME": folder.file("cache"),
                                                     "SHUANGYONG_SNAPSHOTS": snapshots ? "on" : "off", "SHUANGYONG_USER": "县双拥办 王敏"])
    }

    var snapshots: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.file("cache/shuangyong/snapshots"))) ?? []
    }

    @Test func aSecondReportMatchesTheFirstAndAnEditShowsAtOnce() throws {
        let plan = try DashboardEndToEndTests.samplePlan(in: folder)
        let report = ["report", "overdue", "--date", "2026-10-15", "--lang", "zh", "--format", "json", plan]
        let first = try run(report)
        #expect(first.status == 0)
        #expect(snapshots.count == 1)
        let second = try run(report)
        #expect(second.out == first.out)
        #expect(second.out == (try run(report, snapshots: false)).out)

        #expect(try run(["edit", "s5-2", "--status", "已完成", plan]).status == 0)
        let after = try run(report)
        #expect(after.out != first.out)
        #expect(after.out == (try run(report, snapshots: false)).out)
        #expect(!after.out.contains("\"s5-2\""))
        #expect(snapshots.count == 2)  // the file before the edit and after it; no more are kept
        #expect(try run(["edit", "s5-3", "--progress", "20", plan]).status == 0)
        #expect(snapshots.count == 2)
    }

    /// `edit` with a snapshot of the file it last wrote splices the one task into the file (`OneTaskSave`):
    /// the file, the messages and the backup are those of the same edits made with snapshots off, but for
    /// the times in the history; and what it cannot do that way (an unknown task) says what it always said.
    @Test func anEditSplicedIntoTheFileIsTheWholeSave() throws {
        let spliced = try DashboardEndToEndTests.samplePlan(in: folder)
        let whole = folder.file("whole.json")
        try FileManager.default.copyItem(atPath: spliced, toPath: whole)
        let edits: [[String]] = [["s5-2", "--progress", "35"], ["s5-2", "--note", "已走访 😀 \"三户\""], ["s1-1", "--status", "已完成"],
                                 ["s3-2", "--due", "11-15", "--lang", "en"], ["s5-2", "--progress", "35"], ["s9-9", "--progress", "5", "--lang", "en"]]
        _ = try run(["report", "units", spliced])  // the snapshot of the file as it is
        for args in edits {
            let a = try run(["edit"] + args + [spliced]), b = try run(["edit"] + args + [whole], snapshots: false)
            #expect(a.status == b.status, "\(args)")
            #expect(a.out == b.out.replacingOccurrences(of: whole, with: spliced), "\(args)")
            #expect(a.err == b.err.replacingOccurrences(of: whole, with: spliced), "\(args)")
        }
        func timeless(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8).replacing(/"at": "[^"]*"/, with: "\"at\": …")
        }
        #expect(try timeless(spliced) == (try timeless(whole)))
        #expect(try timeless(spliced + ".bak") == (try timeless(whole + ".bak")))
        #expect(try run(["validate", spliced]).status == 0)
    }

    /// Each report table, and a month's calendar however the month is written (the calendar reads only
    /// that month's tasks from the snapshot), says what it says with snapshots off. (`--date` is given:
    /// without it the month is this month in the plan's time zone, which the same rule decides.)
    @Test func everyTableFromASnapshotIsTheFilesOwn() throws {
        let plan = try DashboardEndToEndTests.samplePlan(in: folder)
        #expect(try run(["edit", "s5-2", "--due", "2026-08-20", plan]).status == 0)
        var asked: [[String]] = [["calendar"], ["calendar", "--month", "8月"], ["calendar", "--month", "2026-12"],
                                 ["calendar", "--month", "2026年7月"]]
        for kind in ["timeline", "overdue", "units", "tasks"] { asked.append([kind]) }
        for args in asked {
            let report = ["report"] + args + ["--date", "2026-10-15", "--lang", "en", plan]
            let warm = try run(report)  // a snapshot is there from the edit's save
            let cold = try run(report, snapshots: false)
            #expect(warm.status == 0 && !warm.out.isEmpty, "\(args)")
            #expect(warm.out == cold.out, "\(args)")
        }
        #expect(try run(["report", "calendar", "--month", "13月", plan]).status != 0)
    }
}
