import Foundation
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// Another county's plan built in the dashboard alone, from `init --blank`: units, sections, phases,
/// activities in view 6, tasks in view 5; every step saved at once and the result valid.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux); .ci/run installs it"))
struct StructureDashboardEndToEndTests {
    let folder = TempDir(prefix: "sy-e2e-")

    /// Types into the open prompt (after clearing it) and presses Enter.
    func answer(_ session: TmuxSession, _ text: String) {
        session.sendKeys("C-u")
        if !text.isEmpty { session.sendLiteral(text) }
        session.sendKeys("Enter")
    }

    @Test func aPlanIsBuiltAtADeskFromNothing() throws {
        let path = folder.file("plan.json")
        let made = try CommandLineTests.run(["init", "--blank", "--title", "潢川县2027年双拥工作要点", "--org", "潢川县双拥工作领导小组", "--year", "2027", path])
        #expect(made.status == 0, "\(made.err)")
        let session = try TmuxSession(command: [Binary.shuangyong.path, "--date", "2027-03-01", "--lang", "zh", "--user", "李娜", path],
                                      width: 120, height: 36)
        defer { session.kill() }
        session.sendKeys("6")
        _ = try session.waitFor(text: "还没有单位：按 a 新增")
        for (name, kindDowns) in [("县民政局", 1), ("各乡镇", 3), ("驻潢部队", 2)] {
            session.sendKeys("a")
            _ = try session.waitFor(text: "单位全称")
            answer(session, name)
            _ = try session.waitFor(text: "简称")
            answer(session, "")
            _ = try session.waitFor(text: "单位类别")
            session.sendKeys("Home")
            for _ in 0..<kindDowns { session.sendKeys("Down") }
            session.sendKeys("Enter")
            _ = try session.waitFor(text: "已保存：新增单位")
        }
        session.sendKeys("Right")
        _ = try session.waitFor(text: "还没有部分")
        session.sendKeys("a")
        _ = try session.waitFor(text: "部分标题")
        answer(session, "组织领导")
        _ = try session.waitFor(text: "牵头单位（空格选择")
        session.sendKeys("Space", "Enter")  // 县民政局
        _ = try session.waitFor(text: "责任单位（空格选择")
        session.sendKeys("Down", "Space", "Enter")  // 各乡镇
        _ = try session.waitFor(text: "已保存：新增部分")
        session.sendKeys("Right", "a")
        _ = try session.waitFor(text: "阶段名称")
        answer(session, "全面实施")
        _ = try session.waitFor(text: "开始日期")
        answer(session, "2027-04-01")
        _ = try session.waitFor(text: "结束日期")
        answer(session, "2027-09-30")
        _ = try session.waitFor(text: "已保存：新增阶段")
        session.sendKeys("Right", "a")
        _ = try session.waitFor(text: "活动名称")
        answer(session, "全民国防教育日")
        _ = try session.waitFor(text: "时间规则")
        answer(session, "nth-weekday 09 3 sat")
        _ = try session.waitFor(text: "已保存：新增活动")
        session.sendKeys("5")
        for title in ["召开领导小组会议", "制定实施方案"] {
            session.sendKeys("a")
            _ = try session.waitFor(text: "新增任务到")
            answer(session, title)
            _ = try session.waitFor(text: "已保存：新增任务: \(title)")
        }
        session.sendKeys("q")
        #expect(try session.waitForExit() == 0)

        let validate = try CommandLineTests.run(["validate", path])
        #expect(validate.status == 0, "\(validate.out)\(validate.err)")
        let plan = try PlanStore.load(path)
        #expect(plan.units.map(\.name) == ["县民政局", "各乡镇", "驻潢部队"])
        #expect(plan.units.map(\.kind) == [.government, .township, .military])
        #expect(plan.sections.first?.leadUnits == ["xmzj"] && plan.sections.first?.responsibleUnits == ["gxz"])
        #expect(plan.phases.first?.end == Day(iso: "2027-09-30"))
        #expect(plan.activities.first?.rule == .nthWeekday(month: 9, n: 3, weekday: 6))
        #expect(plan.tasks.map(\.title) == ["召开领导小组会议", "制定实施方案"])
        #expect(plan.history.allSatisfy { $0.by == "李娜" } && plan.history.count == 6)
    }
}
