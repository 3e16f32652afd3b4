import Dashboard
import Foundation
import ShuangyongKit
import TestFixtures
import Testing
import XlsxExport

/// The mini plan with a trace: task c finished in May, e finished five days late in September, an
/// inspection in September and a meeting in August, notes on a and d.
func documentPlan() -> Plan {
    var p = miniPlan()
    let d = { (s: String) in Day(iso: s)! }
    p.tasks[0].notes = [TaskNote(at: "2026-05-10T09:00:00+08:00", by: "县民政局 张", text: "初稿"),
                        TaskNote(at: "2026-06-02T10:00:00+08:00", by: "县民政局 张", text: "待审定，=SUM(A1)")]
    p.tasks[2].history = [HistoryEntry(at: "2026-05-20T16:30:00+08:00", by: "王敏", change: "状态: 进行中 → 已完成（进度 60% → 100%）")]
    p.tasks[3].notes = [TaskNote(at: "2026-08-20T09:00:00+08:00", by: "王敏", text: "场地已定")]
    p.tasks.append(PlanTask(id: "e", sectionID: "s1", number: 5, title: "慰问走访", text: "", phaseID: "p2", due: d("2026-08-31"),
                            status: .done, progress: 100,
                            history: [HistoryEntry(at: "2026-09-01T09:00:00+08:00", by: "王敏", change: "状态: 未开始 → 进行中"),
                                      HistoryEntry(at: "2026-09-05T17:00:00+08:00", by: "王敏", change: "状态: 进行中 → 已完成（进度 50% → 100%）")]))
    p.activities = [Activity(id: "x1", title: "督促检查", kind: .inspection, units: ["syb"], rule: .months([9])),
                    Activity(id: "x2", title: "军地联席会议", kind: .meeting, units: ["mzj", "syb"], rule: .once(d("2026-08-20")))]
    return p
}

@Suite("Documents an office circulates")
struct DocumentTests {
    let reports = Reports(status: PlanStatus(plan: documentPlan(), today: Day(iso: "2026-09-25")!), lang: .zh)

    @Test func overdueCSVHasOneRowPerTaskUnderATitle() {
        let csv = reports.overdueTasks().csv()
        #expect(csv == "\u{FEFF}测试计划　逾期督办　截至2026-09-25\r\n"
            + "编号,任务,牵头单位,责任单位,截止日期,情况,逾期天数,进度,状态,最新备注\r\n"
            + "a,制定计划,县民政局,县双拥办,2026-05-31,逾期117天,117,0%,未开始,2026-06-02 县民政局 张：待审定，=SUM(A1)\r\n"
            + "d,八月活动,县民政局,县双拥办,2026-08-31,逾期25天,25,10%,未开始,2026-08-20 王敏：场地已定\r\n"
            + "b,人社就业,县民政局,县人社局,2026-09-30,还有5天,,0%,未开始,\r\n")
    }

    @Test func reminderForOneUnitIsDatedAndSigned() {
        let text = reports.reminderText(reports.reminders(unit: 0))
        #expect(text == """
            催办单

            县民政局：
                截至2026年9月25日，《测试计划》中由你单位牵头或负责的任务有2项逾期、1项将在7天内到期。请抓紧办理，并及时报送进展情况。

            一、逾期任务（2项）
            编号  任务      截止日期    情况       逾期天数  进度  牵头单位  本单位角色
            ────  ────────  ──────────  ─────────  ────────  ────  ────────  ──────────
            a     制定计划  2026-05-31  逾期117天       117    0%  县民政局  牵头
            d     八月活动  2026-08-31  逾期25天         25   10%  县民政局  牵头

            二、临期任务（1项）
            编号  任务      截止日期    情况     逾期天数  进度  牵头单位  本单位角色
            ────  ────────  ──────────  ───────  ────────  ────  ────────  ──────────
            b     人社就业  2026-09-30  还有5天              0%  县民政局  牵头

            测试县
            2026年9月25日

            """)
    }

    @Test func remindersForEveryUnitArePagedAndAUnitWithNothingIsTold() {
        let all = reports.reminders()
        #expect(all.map { reports.status.plan.units[$0.unit].id } == ["mzj", "syb", "rsj"])
        #expect(reports.reminderText(all).components(separatedBy: "\u{0C}\n").count == 3)
        let quiet = Reports(status: PlanStatus(plan: documentPlan(), today: Day(iso: "2026-04-02")!), lang: .en)
        #expect(quiet.reminderText(quiet.reminders(unit: 2)) == """
            Reminder (催办单)

            To: 县人社局
            As of 2026-04-02, none of the tasks in 《测试计划》 your unit leads or does is overdue or due soon.

            测试县
            2026-04-02

            """)
        #expect(reports.unitPosition(named: "SYB") == 1 && reports.unitPosition(named: "县人社局") == 2)
    }

    @Test func bulletinSaysWhatChangedInThePeriod() {
        let b = Reports(status: PlanStatus(plan: documentPlan(), today: Day(iso: "2026-09-10")!), lang: .zh)
        let bulletin = b.bulletin(from: Day(iso: "2026-08-25")!)
        #expect(b.bulletinText(bulletin) == """
            测试计划
            工作通报（2026-08-25 至 2026-09-10）

            一、总体情况
                本期完成任务1项，新增逾期1项，仍有1项逾期未完成。截至2026年9月10日，全部任务完成率40%（2/5）。

            二、本期完成的任务（1项）
            编号  任务      牵头单位  责任单位  截止日期    完成日期    情况
            ────  ────────  ────────  ────────  ──────────  ──────────  ───────────
            e     慰问走访  县民政局  县双拥办  2026-08-31  2026-09-05  逾期5天完成

            三、新增逾期任务（1项）
            编号  任务      牵头单位  责任单位  截止日期    逾期天数  进度
            ────  ────────  ────────  ────────  ──────────  ────────  ────
            d     八月活动  县民政局  县双拥办  2026-08-31        10   10%

            四、仍未完成的逾期任务（1项）
            编号  任务      牵头单位  责任单位  截止日期    逾期天数  进度
            ────  ────────  ────────  ────────  ──────────  ────────  ────
            a     制定计划  县民政局  县双拥办  2026-05-31       102    0%

            五、单位完成情况排名（红黑榜）
                红榜：无
                黑榜：县民政局 40%；县双拥办 50%
            名次  单位      任务  完成  逾期  完成率  榜单
            ────  ────────  ────  ────  ────  ──────  ────
               1  县双拥办     4     2     2     50%  黑榜
               2  县民政局     5     2     2     40%  黑榜
               3  县人社局     1     0     0      0%

            六、本期检查与活动（1项）
            日期                   类别  事项      参加单位
            ─────────────────────  ────  ────────  ────────
            2026-09-01…2026-09-30  检查  督促检查  县双拥办

            测试县
            2026年9月10日

            """)
        let md = b.bulletinMarkdown(bulletin)
        #expect(md.hasPrefix("# 测试计划\n\n## 工作通报（2026-08-25 至 2026-09-10）\n\n### 一、总体情况\n\n"))
        #expect(md.contains("\n| 编号 | 任务 | 牵头单位 | 责任单位 | 截止日期 | 完成日期 | 情况 |\n| --- | --- | --- | --- | --- | --- | --- |\n"
                            + "| e | 慰问走访 | 县民政局 | 县双拥办 | 2026-08-31 | 2026-09-05 | 逾期5天完成 |\n"))
        #expect(md.contains("- 红榜：无\n- 黑榜：县民政局 40%；县双拥办 50%\n"))
    }

    @Test func markdownCellsCannotBreakTheTable() {
        let t = ReportTable(name: "t", columns: [.init("a", "A"), .init("n", "N", numeric: true)], rows: [["x|y\nz", "3"]])
        #expect(t.markdown() == "| A | N |\n| --- | ---: |\n| x\\|y<br>z | 3 |\n")
    }

    @Test func sheetNamesExcelAccepts() {
        #expect(XlsxWriter.sheetName("a[b]:c*?/\\", taken: []) == "a_b__c____")
        #expect(XlsxWriter.sheetName("县双拥工作领导小组各成员单位县双拥工作领导小组各成员单位县双拥办", taken: []).count == 31)
        #expect(XlsxWriter.sheetName("逾期督办", taken: ["逾期督办"]) == "逾期督办(2)")
        #expect(XlsxWriter.sheetName("'", taken: []) == "Sheet")
    }
}
