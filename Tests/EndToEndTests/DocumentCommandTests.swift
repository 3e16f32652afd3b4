import Foundation
import TestFixtures
import Testing

/// `report … --format xlsx`, `report remind` and `report bulletin` from the command line: the real binary.
@Suite("Document commands")
final class DocumentCommandTests {
    let folder = TempDir(prefix: "sy-doc-")
    let plan: String

    init() throws {
        plan = try DashboardEndToEndTests.samplePlan(in: folder)
    }


    /// The overdue CSV has a title row, a header and one row per late task; --per-unit the old shape.
    @Test func overdueCSVHasOneRowPerTaskAndPerUnitKeepsTheOldShape() throws {
        let args = ["report", "overdue", "--date", "2026-10-15", "--lang", "zh", "--format", "csv", plan]
        let byTask = try CommandLineTests.run(args)
        let lines = byTask.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "\u{FEFF}固始县创建双拥模范县实施方案　逾期督办　截至2026-10-15")
        #expect(lines.dropFirst().first == "编号,任务,牵头单位,责任单位,截止日期,情况,逾期天数,进度,状态,最新备注")
        #expect(lines.count == 2 + 13)
        let byUnit = try CommandLineTests.run(args + ["--per-unit"])
        let old = byUnit.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(old.first == "\u{FEFF}单位,角色,任务,内容,截止,情况,逾期天数")
        #expect(old.count > lines.count)
    }

    @Test func xlsxNeedsAnOutputAndWritesOnlyThere() throws {
        let missing = try CommandLineTests.run(["report", "units", "--format", "xlsx", plan])
        #expect(missing.status != 0 && missing.err.contains("--output FILE.xlsx"))
        let wrong = try CommandLineTests.run(["report", "bulletin", "--format", "csv", plan])
        #expect(wrong.status != 0 && wrong.err.contains("--format for bulletin must be text, markdown, xlsx"))
        let out = folder.file("督办.xlsx")
        let r = try CommandLineTests.run(["report", "units", "--date", "2026-10-15", "--lang", "zh", "--format", "xlsx", "-o", out, plan])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.err.contains("逾期督办、单位汇总、任务台账"))
        let head = try #require(FileManager.default.contents(atPath: out)).prefix(2)
        #expect(Array(head) == [0x50, 0x4B])  // a zip, as every .xlsx is
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!names.contains { $0.hasSuffix(".partial") })
    }

    @Test func remindNamesAUnitOrSaysThereIsNone() throws {
        let r = try CommandLineTests.run(["report", "remind", "--unit", "县民政局", "--date", "2026-10-15", "--lang", "zh", plan])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("催办单\n\n县民政局：\n    截至2026年10月15日，"))
        #expect(r.out.hasSuffix("\n固始县双拥工作领导小组\n2026年10月15日\n"))
        let none = try CommandLineTests.run(["report", "remind", "--unit", "没有的单位", plan])
        #expect(none.status != 0 && none.err.contains("--unit 没有的单位"))
    }

    @Test func bulletinCoversItsPeriod() throws {
        let r = try CommandLineTests.run(["report", "bulletin", "--from", "2026-07-01", "--to", "2026-07-31", "--lang", "zh",
                                          "--format", "markdown", plan])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("# 固始县创建双拥模范县实施方案\n\n## 工作通报（2026-07-01 至 2026-07-31）\n"))
        #expect(r.out.contains("| 2026-07-01…2026-07-31 | 检查 | 督促检查 |"))
        let backwards = try CommandLineTests.run(["report", "bulletin", "--from", "2026-08-01", "--to", "2026-07-31", plan])
        #expect(backwards.status != 0 && backwards.err.contains("--from 2026-08-01 is after --to 2026-07-31"))
    }
}
