import Foundation
import PlanFile
@testable import PlanImport
@testable import ShuangyongKit
import Testing

/// Units named at a higher heading, recurring months written without 每年, and counted targets of any measure
/// word: each with a new user's document and variants of the same kind, as literal fixtures.
@Suite("Units at higher headings, month lists, counted targets")
struct HeadingRolesTests {
    static let huangchuan = """
    潢川县2027年双拥工作要点
    一、组织领导
    牵头单位：县委办、县政府办
    责任单位：县双拥办、县民政局
    （一）健全领导机构
    1、调整充实县双拥工作领导小组。
    2、召开领导小组全体成员会议。
    （二）落实工作责任
    1、把双拥工作纳入年度考评。
    二、拥军优属
    牵头单位：县退役军人事务局
    责任单位：各乡镇人民政府
    （一）走访慰问
    1、八一、春节走访慰问驻军部队。
    2、7月和12月开展双拥工作督促检查。
    （二）优待抚恤
    1、发放宣传资料不少于5000份。
    三、宣传教育
    牵头单位：县委宣传部
    责任单位：县教体局
    1、开展国防教育进校园活动。
    """

    func text(_ s: String, year: Int? = 2027) throws -> ImportResult {
        try PlanImporter.importDocument(SourceDocument(blocks: s.split(separator: "\n", omittingEmptySubsequences: false).map { .paragraph(String($0)) },
                                                       format: "text"), file: "t.txt", year: year)
    }

    func names(_ ids: [String], _ p: Plan) -> [String] { ids.map { id in p.units.first { $0.id == id }!.name } }

    /// What validate checks, and the plan file round-trips.
    func expectValid(_ p: Plan) throws {
        #expect(PlanValidation.problems(in: p).isEmpty, "\(PlanValidation.problems(in: p))")
        #expect(try PlanStore.decode(PlanStore.encode(p), file: "t.json") == p)
    }

    @Test func unitsNamedAtAHigherHeadingApplyToTheSectionsBelow() throws {
        let r = try text(Self.huangchuan)
        // The group is the title's county's, not a verb's ("调整充实县双拥工作领导小组").
        #expect(r.plan.organization == "潢川县双拥工作领导小组")
        let p = r.plan
        #expect(p.sections.map(\.title) == ["组织领导·健全领导机构", "组织领导·落实工作责任", "拥军优属·走访慰问", "拥军优属·优待抚恤", "宣传教育"])
        #expect(p.tasks.map(\.id) == ["s1-1", "s1-2", "s2-1", "s3-1", "s3-2", "s4-1", "s5-1"])
        for s in p.sections.prefix(2) {
            #expect(names(s.leadUnits, p) == ["县委办", "县政府办"] && names(s.responsibleUnits, p) == ["县双拥办", "县民政局"])
        }
        for s in p.sections[2...3] {
            #expect(names(s.leadUnits, p) == ["县退役军人事务局"] && names(s.responsibleUnits, p) == ["各乡镇人民政府"])
        }
        #expect(names(p.sections[4].leadUnits, p) == ["县委宣传部"] && names(p.sections[4].responsibleUnits, p) == ["县教体局"])
        #expect(p.units.map(\.name) == ["县委办", "县政府办", "县双拥办", "县民政局", "县退役军人事务局", "各乡镇人民政府", "县委宣传部", "县教体局"])
        #expect(p.units.allSatisfy { Self.huangchuan.contains($0.name) }, "no unit is invented")
        // The report says where a section's units came from (and only for those that inherited them).
        let from = r.report.guesses.filter { $0.kind == "section units" }
        #expect(from.map { String($0.subject.prefix(2)) } == ["s1", "s2", "s3", "s4"])
        #expect(from[0].decision.contains("一、组织领导") && from[2].decision.contains("二、拥军优属"))
        #expect(r.report.structure.contains("组织领导") && r.report.structure.contains("拥军优属"))
        // The activity and the target of the same document.
        let a = try #require(p.activities.first { $0.rule == .months([7, 12]) })
        #expect(a.kind == .inspection && names(a.units, p) == ["县退役军人事务局", "各乡镇人民政府"])
        #expect(p.tasks.first { $0.id == "s4-1" }!.target.map { [$0.required] } == [5000])
        #expect(p.tasks.first { $0.id == "s4-1" }!.target?.unit == "份")
        try expectValid(p)
    }

    @Test func aSectionsOwnUnitsWinAndHeadingsNestDeeper() throws {
        // Roles at the top heading only for 责任单位; one (二) names its own 牵头单位; tasks two levels below.
        let r = try text("""
        2027年某县双拥工作安排
        一、拥政爱民
        责任单位：县人武部、县消防救援大队
        （一）支援地方建设
        牵头单位：县发改委
        1、参与乡村振兴重点项目建设。
        2、支持驻地抢险救灾。
        （二）开展共建活动
        1、开展军民共建文明村镇活动。
        二、拥军优属
        牵头单位：县退役军人事务局
        （一）优抚对象
        牵头单位：县民政局
        责任单位：县财政局
        1、按时足额发放抚恤补助。
        （二）随军家属
        1、做好随军家属就业安置。
        """)
        let p = r.plan
        #expect(p.sections.map(\.title) == ["拥政爱民·支援地方建设", "拥政爱民·开展共建活动", "拥军优属·优抚对象", "拥军优属·随军家属"])
        #expect(names(p.sections[0].leadUnits, p) == ["县发改委"])
        #expect(names(p.sections[0].responsibleUnits, p) == ["县人武部", "县消防救援大队"])
        #expect(p.sections[1].leadUnits.isEmpty, "no heading above names a 牵头单位")
        #expect(names(p.sections[1].responsibleUnits, p) == ["县人武部", "县消防救援大队"])
        #expect(names(p.sections[2].leadUnits, p) == ["县民政局"] && names(p.sections[2].responsibleUnits, p) == ["县财政局"])
        #expect(names(p.sections[3].leadUnits, p) == ["县退役军人事务局"] && p.sections[3].responsibleUnits.isEmpty)
        #expect(!r.report.guesses.contains { $0.kind == "section units" && $0.subject.hasPrefix("s3 ") }, "s3 names its own")
        try expectValid(p)
    }

    @Test func sectionsUnderOneHeadingKeepTheirTitles() throws {
        // One heading above all sections (the seed's layout): titles are not led by it, its roles still apply.
        let r = try text("""
        2027年某县双拥工作计划
        一、工作任务
        牵头单位：县双拥办
        （一）宣传教育
        1、开展国防教育。
        （二）走访慰问
        1、每年6月、12月对各乡镇双拥工作进行督查。
        """)
        #expect(r.plan.sections.map(\.title) == ["宣传教育", "走访慰问"])
        #expect(r.plan.sections.allSatisfy { names($0.leadUnits, r.plan) == ["县双拥办"] })
        #expect(r.plan.activities.map(\.rule) == [.months([6, 12])])
        try expectValid(r.plan)
    }

    @Test func monthListsWhereverTheyStand() throws {
        var f = ActivityFinder(year: 2027)
        func rules(_ s: String) -> [Recurrence] {
            f = ActivityFinder(year: 2027)
            f.scan(text: s, units: [], timeField: nil, sectionSpan: nil, taskTitle: "t", source: "t")
            return f.activities.map(\.rule)
        }
        #expect(rules("7月和12月开展双拥工作督促检查。") == [.months([7, 12])])
        #expect(f.activities.first?.kind == .inspection)
        #expect(rules("县双拥办牵头，于6月、12月对各乡镇进行督查。") == [.months([6, 12])])
        #expect(rules("开展双拥工作督促检查，时间安排在3月和9月。") == [.months([3, 9])])
        #expect(rules("3月、6月、9月、12月分别召开联席会议。") == [.months([3, 6, 9, 12])])
        #expect(f.activities.first?.kind == .meeting)
        #expect(rules("每年十一月开展双拥工作检查。") == [.months([11])])
        #expect(rules("每年7月对优抚政策落实情况进行督查。") == [.months([7])])
        #expect(rules("每年8月1日召开军政座谈会。") == [.yearly(month: 8, day: 1)])
        // No date is invented: a single month without 每年 is a deadline, months without an activity say nothing,
        // a span is not a list, and a list with a day is a date.
        #expect(rules("7月底前完成领导小组调整。").isEmpty)
        #expect(rules("6月和12月更新优抚对象名册。").isEmpty)
        #expect(rules("4月至6月开展督促检查。").isEmpty)
        #expect(rules("7月1日和12月1日前完成督查。").isEmpty)
    }

    @Test func countedTargetsOfAnyMeasureWord() {
        func t(_ s: String) -> (Int, String)? { TargetFinder.targets(in: s).first.map { ($0.required, $0.unit) } }
        #expect(t("发放宣传资料不少于5000份。")! == (5000, "份"))
        #expect(t("刊发稿件不低于20篇。")! == (20, "篇"))
        #expect(t("每季度至少开展3场文艺演出。")! == (3, "场"))
        #expect(t("走访困难军属不少于200户。")! == (200, "户"))
        #expect(t("培训退役军人不少于1,200人。")! == (1200, "人"))
        #expect(t("发放倡议书不少于1万份。")! == (10_000, "份"))
        #expect(t("参与志愿服务不少于二十人次。")! == (20, "人次"))
        #expect(t("建设服务站不少于12个。")! == (12, "个"))
        #expect(t("落实帮扶资金不少于5万元。")! == (5, "万元"))
        #expect(t("就业安置率不低于95%。")! == (95, "%"))
        #expect(t("组织开展督查不少于两次。")! == (2, "次"))
        #expect(t("达到100%。")! == (100, "%"))
        #expect(t("不少于规定数量。") == nil)
    }
}
