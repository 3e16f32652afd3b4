import Foundation
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// `--as-of` on the command line: the plan edited over weeks (recorded history, fixed clock), reported and
/// rendered as it stood at a week's end.
@Suite("Command line: --as-of")
struct AsOfCommandTests {
    @Test func reportAndRenderShowThePlanAsItStood() throws {
        try withTemporaryFolder(prefix: "sy-e2e-") { folder in
            let weeks = try EditedWeeks.make()
            let path = folder.file("plan.json")
            try PlanStore.save(weeks.plan, to: path)
            let now = try CommandLineTests.run(["report", "tasks", "--format", "csv", "--date", "2026-08-03", path])
            let past = try CommandLineTests.run(["report", "tasks", "--format", "csv", "--as-of", "2026-07-05", path])
            #expect(now.status == 0 && past.status == 0)
            // Task a: 40% at the end of week 1; c (deleted in week 2) still there; e (added in week 2) not yet.
            #expect(past.out.contains("\r\na,制定计划,") && past.out.contains(",40,"))
            #expect(past.out.contains("\r\nc,已完成,") && !past.out.contains("\r\ne,"))
            #expect(!now.out.contains("\r\nc,") && now.out.contains("\r\ne,"))
            let frame = try CommandLineTests.run(["render", "--view", "tasks", "--size", "120x20", "--lang", "zh", "--as-of", "2026-07-05", path])
            #expect(frame.out.split(separator: "\n").first?.contains("截至 2026-07-05 的计划 │ 2026-07-05 周日") == true)
            #expect(frame.out.contains("测试计划") && !frame.out.contains("测试计划（修订）"))
            // The documents (CSV of the overdue report, 催办单, 通报, workbooks) show the past plan too.
            let documentNow = try CommandLineTests.run(["report", "overdue", "--format", "csv", "--date", "2026-07-05", path])
            let documentPast = try CommandLineTests.run(["report", "overdue", "--format", "csv", "--as-of", "2026-07-05", path])
            try PlanStore.save(weeks.plan.asOf(Day(iso: "2026-07-05")!), to: folder.file("then.json"))
            let documentThen = try CommandLineTests.run(["report", "overdue", "--format", "csv", "--date", "2026-07-05", folder.file("then.json")])
            #expect(documentPast.status == 0 && documentPast.out == documentThen.out)
            #expect(documentNow.out != documentPast.out)
            let bad = try CommandLineTests.run(["report", "tasks", "--as-of", "2026-13-01", path])
            #expect(bad.status != 0 && bad.err.contains("--as-of"))
        }
    }
}
