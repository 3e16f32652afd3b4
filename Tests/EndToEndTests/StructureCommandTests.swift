import Foundation
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// Another county's plan built from nothing with the command line alone, as the example writes it.
@Suite("Building a plan on the command line")
struct StructureCommandTests {
    let folder = TempDir(prefix: "sy-e2e-")

    func run(_ args: [String]) throws -> CommandLineTests.Run {
        try CommandLineTests.run(args + [folder.file("plan.json")], environment: ["SHUANGYONG_USER": "潢川县双拥办 李娜", "XDG_DATA_HOME": folder.file("xdg")])
    }

    @Test func anotherCountysPlanFromInitBlankToAFullPlan() throws {
        let steps: [[String]] = [
            ["init", "--blank", "--title", "潢川县2027年双拥工作要点", "--org", "潢川县双拥工作领导小组", "--year", "2027"],
            ["unit", "add", "县民政局", "--kind", "government"],
            ["unit", "add", "各乡镇", "--kind", "township"],
            ["unit", "add", "驻潢部队", "--kind", "military"],
            ["section", "add", "组织领导", "--lead", "县民政局", "--responsible", "各乡镇"],
            ["section", "add", "拥军优属", "--lead", "县民政局", "--responsible", "各乡镇、驻潢部队"],
            ["phase", "add", "全面实施", "--start", "2027-04-01", "--end", "2027-09-30"],
            ["phase", "add", "检查验收", "--start", "2027-10-01", "--end", "2027-12-31"],
            ["activity", "add", "全民国防教育日", "--rule", "nth-weekday 09 3 sat"],
            ["activity", "add", "八一走访慰问", "--rule", "yearly 08-01", "--kind", "visit", "--units", "驻潢部队"],
            ["task", "add", "--section", "组织领导", "--phase", "全面实施", "--title", "召开领导小组会议"],
            ["task", "add", "--section", "组织领导", "--phase", "全面实施", "--title", "制定实施方案"],
            ["task", "add", "--section", "拥军优属", "--phase", "检查验收", "--title", "走访慰问驻军", "--owners", "驻潢部队"],
            ["task", "add", "--section", "2", "--phase", "全面实施", "--title", "宣传稿件", "--target", "2 篇 市级以上稿件"],
            ["task", "edit", "s1-1", "--title", "召开领导小组全体会议", "--due", "2027-06-30"],
        ]
        for step in steps {
            let r = try run(step)
            #expect(r.status == 0, "\(step): \(r.err)")
            if step.starts(with: ["phase", "add", "全面实施"]) {  // one phase so far: counted in the singular
                let early = try run(["validate"])
                #expect(early.out.contains("3 units, 1 phase, 2 sections, 0 tasks, 0 activities"), "\(early.out)\(early.err)")
            }
        }
        let validate = try run(["validate"])
        #expect(validate.status == 0, "\(validate.out)\(validate.err)")
        #expect(validate.out.contains("3 units, 2 phases, 2 sections, 4 tasks, 2 activities"))
        let plan = try PlanStore.load(folder.file("plan.json"))
        #expect(plan.title == "潢川县2027年双拥工作要点" && plan.organization == "潢川县双拥工作领导小组" && plan.year == 2027)
        #expect(plan.sections[1].responsibleUnits.count == 2)
        let s11 = plan.tasks.first { $0.id == "s1-1" }!
        #expect(s11.title == "召开领导小组全体会议" && s11.due == Day(iso: "2027-06-30"))
        #expect(s11.history.last?.by == "潢川县双拥办 李娜")
        #expect(plan.activities[0].rule == .nthWeekday(month: 9, n: 3, weekday: 6))
        #expect(plan.history.count == 9)  // units, sections, phases, activities: each recorded
        let calendar = try run(["report", "calendar", "--month", "2027-09", "--date", "2027-09-01"])
        #expect(calendar.out.contains("2027-09-18") && calendar.out.contains("全民国防教育日"))
    }

    @Test func refusalsSayWhyAndChangeNothing() throws {
        try PlanStore.save(editPlan(), to: folder.file("plan.json"))
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.file("plan.json")))
        let removeNamed = try run(["unit", "remove", "县人社局", "--lang", "en"])
        #expect(removeNamed.status == 1)
        #expect(removeNamed.err.contains("still named by b 责任单位"))
        let unknown = try run(["section", "add", "宣传", "--lead", "县教育局", "--lang", "en"])
        #expect(unknown.status == 1 && unknown.err.contains("no unit \"县教育局\""))
        let badRule = try run(["activity", "add", "每周例会", "--rule", "weekly mon", "--lang", "en"])
        #expect(badRule.status == 1 && badRule.err.contains("nth-weekday MM N WEEKDAY"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("plan.json"))) == before)
        // Merging moves the reference, then removal is allowed; both are recorded.
        #expect(try run(["unit", "merge", "县人社局", "mzj"]).status == 0)
        let merged = try PlanStore.load(folder.file("plan.json"))
        #expect(!merged.units.contains { $0.id == "rsj" } && task("b", merged).ownerUnits == ["mzj"])
    }
}
