import Foundation
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// `shuangyong edit` in its plain shape is read without ArgumentParser (`EditCommand.direct`). Each
/// command line here is run twice on copies of one plan — as it is read by default, and with
/// `SHUANGYONG_ARGUMENTS=library`, by ArgumentParser — and must do and say the same: exit status, output,
/// messages, and the plan file (but for the edit times).
@Suite("edit: read directly or by ArgumentParser, one outcome")
struct EditArgumentsTests {
    /// PLAN stands for the plan file's path.
    static let commandLines: [[String]] = [
        ["edit", "s2-1", "--progress", "60", "PLAN"],
        ["edit", "--progress", "61", "s2-1", "PLAN"],
        ["edit", "s2-2", "--status", "已完成", "PLAN"],
        ["edit", "s2-2", "--status", "done", "--progress", "100", "--user", "王敏", "PLAN"],
        ["edit", "s2-3", "--due", "11月15日", "--note", "已报送 😀 \"引号\"", "PLAN"],
        ["edit", "s2-3", "--due", "none", "--lang", "en", "PLAN"],
        ["edit", "s2-4", "--target-achieved", "4", "--date", "2026-10-15", "PLAN"],
        ["edit", "s2-4", "--target-achieved", "+4", "PLAN"],
        ["edit", "s2-1", "--progress", "60", "PLAN", "--base", "PLAN"],
        // Refused, each by the check that the reading both ways shares or by the parser.
        ["edit", "s2-1", "--progress", "150", "PLAN"],
        ["edit", "s2-1", "--status", "完成了", "PLAN"],
        ["edit", "s2-1", "--status", "done", "--progress", "50", "PLAN"],
        ["edit", "s2-1", "--due", "13月40日", "PLAN"],
        ["edit", "s2-1", "--note", "  ", "PLAN"],
        ["edit", "s2-1", "PLAN"],
        ["edit", "PLAN", "--progress", "5"],
        ["edit", "s2-1", "--progress", "abc", "PLAN"],
        ["edit", "s2-1", "--progress", "5", "PLAN", "extra"],
        ["edit", "s2-1", "--lang", "fr", "--progress", "5", "PLAN"],
        ["edit", "s99-9", "--progress", "5", "PLAN"],
    ]

    @Test(arguments: commandLines)
    func readDirectlyOrByArgumentParserAnEditIsTheSame(_ commandLine: [String]) throws {
        let desk = try EditProcessTests()
        var outcomes: [(status: Int32, out: String, err: String, plan: String)] = []
        for (way, environment) in [("direct", [String: String]()), ("library", ["SHUANGYONG_ARGUMENTS": "library"])] {
            let folder = desk.scratch.file(way)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let plan = folder + "/plan.json"
            try PlanStore.save(SamplePlan.make(year: 2026), to: plan)
            let run = try desk.run(commandLine.map { $0 == "PLAN" ? plan : $0 }, environment: environment)
            let saved = try String(contentsOfFile: plan, encoding: .utf8)
            func same(_ text: String) -> String {
                text.replacingOccurrences(of: folder, with: "FOLDER")
                    .replacingOccurrences(of: #""at": "[^"]*""#, with: #""at": "…""#, options: .regularExpression)
            }
            outcomes.append((run.status, same(run.out), same(run.err), same(saved)))
        }
        let (direct, library) = (outcomes[0], outcomes[1])
        #expect(direct.status == library.status, "\(commandLine)")
        #expect(direct.out == library.out, "\(commandLine)")
        #expect(direct.err == library.err, "\(commandLine)")
        #expect(direct.plan == library.plan, "\(commandLine)")
    }

    /// The direct reading knows every option `edit` has: one added to the command must be added to it
    /// (`EditCommand.directOptions`), or a command line using it is never read directly.
    @Test func theDirectReadingKnowsEveryOptionOfEdit() throws {
        let help = try EditProcessTests().run(["edit", "--help", "--lang", "en"]).out
        let options = Set(help.matches(of: /--[a-z][a-z-]+/).map { String($0.output) }).subtracting(["--help", "--version"])
        #expect(options == ["--status", "--progress", "--due", "--note", "--target-achieved", "--user", "--base", "--date", "--lang"],
                "\(options.sorted())")
    }
}
