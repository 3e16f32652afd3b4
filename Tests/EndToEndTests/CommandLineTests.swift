import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI
import TestFixtures
import Testing

/// The command line as a desk worker or a script uses it: the real binary, real files.
@Suite("Command line")
final class CommandLineTests {
    struct Run {
        var status: Int32
        /// The process was ended by a signal (a crash), not by exiting.
        var signalled = false
        var out: String
        var err: String
    }

    static func run(_ args: [String], environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = Binary.shuangyong
        p.arguments = args
        var env = Binary.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                   out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// This test's folder (`sy-e2e-…`), removed when the test ends however it ends.
    let folder = TempDir(prefix: "sy-e2e-")
    let plan: String

    init() throws {
        plan = try DashboardEndToEndTests.samplePlan(in: folder)
    }


    @Test func overdueReportListsUnitsAndAMarchDateListsFewer() throws {
        let october = try Self.run(["report", "overdue", "--date", "2026-10-15", "--lang", "zh", plan])
        #expect(october.status == 0)
        #expect(october.out.contains("■ 驻固各部队  逾期 7  临期 0"))
        #expect(october.out.split(separator: "\n").contains { $0.hasPrefix("逾期任务") && $0.hasSuffix(" 13") })
        let march = try Self.run(["report", "overdue", "--date", "2026-03-15", "--lang", "zh", plan])
        #expect(march.out.contains("没有逾期或临期的任务。"))
        let july = try Self.run(["report", "overdue", "--date", "2026-07-15", "--format", "json", plan])
        let rowsJuly = try JSONReader.parse(Array(july.out.utf8))["rows"]
        let rowsOct = try JSONReader.parse(Array(try Self.run(["report", "overdue", "--date", "2026-10-15", "--format", "json", plan]).out.utf8))["rows"]
        guard case let .array(a)? = rowsJuly, case let .array(b)? = rowsOct else {
            Issue.record("no rows in JSON")
            return
        }
        #expect(a.count < b.count)
    }

    @Test func textColumnsAlignByDisplayWidth() throws {
        let r = try Self.run(["report", "tasks", "--date", "2026-10-15", "--lang", "zh", plan])
        let lines = r.out.split(separator: "\n").filter { $0.hasPrefix("s") && $0.dropFirst().first?.isNumber == true }
        #expect(lines.count == 45)
        let date = #/\d{4}-\d{2}-\d{2}/#
        let dueColumns = Set(lines.compactMap { line -> Int? in
            guard let m = line.firstMatch(of: date) else { return nil }
            return line[line.startIndex..<m.range.lowerBound].displayWidth
        })
        #expect(dueColumns.count == 1, "\(dueColumns)")
    }

    @Test func calendarMonthsShowBayiTheActivityMonthAndSpringFestival() throws {
        let aug = try Self.run(["report", "calendar", "--month", "2026-08", "--lang", "zh", plan]).out
        func line(_ text: String, _ prefix: String, _ needles: String...) -> Bool {
            text.split(separator: "\n").contains { l in l.hasPrefix(prefix) && needles.allSatisfy { l.contains($0) } }
        }
        #expect(line(aug, "2026-08-01 ", "六", "六月十九", "活动", "八一建军节走访慰问"))
        #expect(aug.contains("2026-08-01…2026-08-31"))
        #expect(aug.contains("双拥活动月"))
        let sep = try Self.run(["report", "calendar", "--month", "2026-09", "--lang", "zh", plan]).out
        #expect(line(sep, "2026-09-01 ", "阶段开始", "检查自评"))
        #expect(line(sep, "2026-09-30 ", "阶段结束", "全面实施"))
        let feb = try Self.run(["report", "calendar", "--month", "2027-02", "--lang", "zh", plan]).out
        #expect(line(feb, "2027-02-06 ", "六", "正月初一", "节日", "春节"))
        #expect(line(feb, "2027-02-06 ", "正月初一", "活动", "春节走访慰问"))
        #expect(line(feb, "2027-02-05 ", "除夕"))
    }

    @Test func csvOpensInExcelOnAChineseDesk() throws {
        let r = try Self.run(["report", "units", "--date", "2026-10-15", "--format", "csv", "--lang", "zh", plan])
        #expect(r.out.hasPrefix("\u{FEFF}单位,类别,任务"))
        #expect(r.out.contains("\r\n"))
        #expect(!r.out.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func validateListsEveryProblemWithItsPlaceAndFailsCleanly() throws {
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"progress\": 60", with: "\"progress\": 160")
            .replacingOccurrences(of: "\"lead\": [", with: "\"lead\": [\"nobody\", ")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let r = try Self.run(["validate", plan])
        #expect(r.status == 1)
        #expect(r.err.contains("progress 160 is out of range (0–100)"))
        #expect(r.err.contains("unknown unit id \"nobody\""))
        #expect(r.err.contains("tasks["))
        try "{\n  \"format\": \"shuangyong-plan\",\n  \"version\": 1,\n".write(toFile: plan, atomically: true, encoding: .utf8)
        let cut = try Self.run(["report", "tasks", plan])
        #expect(cut.status == 1)
        #expect(cut.err.contains("\(plan):4:1: not valid JSON"))
        #expect(cut.out.isEmpty)
        let missing = try Self.run(["report", "tasks", "/nonexistent/plan.json"])
        #expect(missing.err.contains("/nonexistent/plan.json: cannot open the file: no such file or directory"))
    }

    @Test func badArgumentsSayWhatToType() throws {
        let r = try Self.run(["report", "calendar", "--month", "2026-13", plan])
        #expect(r.status != 0)
        #expect(r.err.contains("YYYY-MM"))
        let d = try Self.run(["report", "overdue", "--date", "2026-02-30", plan])
        #expect(d.err.contains("is not a date"))
    }

    @Test func firstUseCreatesThePlanInTheDataDirectoryAndSaysWhere() throws {
        let data = folder.file("xdg-data")  // not there yet: the program creates it
        let r = try Self.run(["report", "timeline", "--date", "2026-10-15"], environment: ["XDG_DATA_HOME": data])
        #expect(r.status == 0)
        #expect(r.err.contains("\(data)/shuangyong/plan.json"))
        #expect(FileManager.default.fileExists(atPath: "\(data)/shuangyong/plan.json"))
        let again = try Self.run(["report", "timeline"], environment: ["XDG_DATA_HOME": data])
        #expect(again.err.isEmpty)
    }

    @Test func generateWritesALargeValidPlan() throws {
        let path = plan + ".big.json"
        let r = try Self.run(["generate", "--tasks", "2000", "--units", "100", "--seed", "3", path])
        #expect(r.status == 0)
        let p = try PlanStore.load(path)
        #expect(p.tasks.count == 2000 && p.units.count == 100)
        let again = plan + ".big2.json"
        _ = try Self.run(["generate", "--tasks", "2000", "--units", "100", "--seed", "3", again])
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: again))
    }

    /// A Word 97 plan is converted by antiword, whose output is read as UTF-8: under a locale the machine
    /// lacks (a desk's LC_ALL naming one never generated) it refused to start until the importer gave it
    /// `C.UTF-8`. The document is PlanImportTests' seed fixture, read from this repository.
    @Test(.enabled(if: ["/usr/bin/antiword", "/usr/local/bin/antiword"].contains { FileManager.default.isExecutableFile(atPath: $0) },
                   "antiword is not installed"))
    func importsAWordDocumentUnderAMissingLocale() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PlanImportTests/Resources/seed-plan.doc").path
        let out = folder.file("from-doc.json")
        let r = try Self.run(["import", doc, "--year", "2026", "--out", out], environment: ["LC_ALL": "xx_XX.UTF-8"])
        #expect(r.status == 0, "\(r.err)")
        #expect(try PlanStore.load(out).tasks.count == 45)
    }

    /// An import that may not replace the plan at its output path shows what it found and then, last, why
    /// nothing was written (on a terminal the refusal had come first, above a hundred lines of report).
    @Test func aRefusedImportEndsWithTheReason() throws {
        let document = folder.write("要点.txt", "某县2026年双拥工作要点\n一、加强组织领导\n1. 县退役军人事务局负责召开双拥工作领导小组会议。\n")
        let before = FileManager.default.contents(atPath: plan)
        let p = Process()
        p.executableURL = Binary.shuangyong
        p.arguments = ["import", document, "--out", plan]
        p.environment = Binary.environment
        let both = Pipe()  // stdout and stderr in the order they were written, as a terminal shows them
        p.standardOutput = both
        p.standardError = both
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: both.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.contains("导入报告") == true, "\(text)")
        #expect(lines.last?.contains("already exists; use --force") == true, "\(text)")
        #expect(FileManager.default.contents(atPath: plan) == before)
    }

    /// `generate` given the path of a plan that exists (the office's own, by mistake) leaves it alone, as
    /// `init` does; `--force` replaces it and keeps the old one as the backup.
    @Test func generateDoesNotReplaceAPlanWithoutForce() throws {
        let before = FileManager.default.contents(atPath: plan)
        let r = try Self.run(["generate", "--tasks", "20", "--units", "5", plan])
        #expect(r.status == 1)
        #expect(r.err.contains("already exists") && r.err.contains("--force"), "\(r.err)")
        #expect(FileManager.default.contents(atPath: plan) == before)
        let forced = try Self.run(["generate", "--tasks", "20", "--units", "5", "--force", plan])
        #expect(forced.status == 0, "\(forced.err)")
        #expect(try PlanStore.load(plan).tasks.count == 20)
        #expect(FileManager.default.contents(atPath: PlanStore.backupPath(for: plan)) == before)
    }

    @Test func renderPrintsAFrameOfTheRequestedSize() throws {
        let r = try Self.run(["render", "--view", "overdue", "--size", "90x20", "--date", "2026-10-15", "--lang", "zh", plan])
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20)
        #expect(lines.allSatisfy { $0.displayWidth <= 90 })
        #expect(r.out.contains("驻固各部队"))
    }
}
