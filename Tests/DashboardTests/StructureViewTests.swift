import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import Testing
import TerminalUI

/// View 6 计划: a plan built from nothing at a desk, the structure changed and undone, refusals shown.
@Suite("The plan's structure in the dashboard")
struct StructureViewTests {
    func type(_ desk: inout Desk, _ text: String) {
        for c in text { desk.step(.key(.char(c))) }
    }

    /// Fills the open prompt with `text` (replacing what it had) and presses Enter.
    func answer(_ desk: inout Desk, _ text: String) {
        for _ in 0..<(desk.app.state.prompt?.editor.text.count ?? 0) { desk.step(.key(.backspace)) }
        type(&desk, text)
        desk.step(.key(.enter))
    }

    /// Ticks the units named in the open multi picker, then Enter.
    func tick(_ desk: inout Desk, _ names: [String]) {
        guard let p = desk.app.state.picker else { Issue.record("no picker open"); return }
        for name in names {
            guard let k = p.options.firstIndex(where: { $0.label == name }) else { Issue.record("no \(name)"); continue }
            desk.step(.key(.home))
            for _ in 0..<k { desk.step(.key(.down)) }
            desk.step(.key(.char(" ")))
        }
        desk.step(.key(.enter))
    }

    @Test func aPlanIsBuiltFromNothingAtADesk() {
        let blank = Plan(title: "潢川县2027年双拥工作要点", organization: "潢川县双拥工作领导小组", year: 2027)
        var desk = Desk(plan: blank, view: .structure)
        #expect(render(desk.app).plainText.contains("还没有单位：按 a 新增"))
        // Units: name, short name, kind.
        for (name, kind) in [("县民政局", 1), ("各乡镇", 3), ("驻潢部队", 2)] {
            desk.step(.key(.char("a")))
            answer(&desk, name)
            answer(&desk, "")
            desk.step(.key(.home))
            for _ in 0..<kind { desk.step(.key(.down)) }
            desk.step(.key(.enter))
        }
        #expect(desk.store.disk.units.map(\.name) == ["县民政局", "各乡镇", "驻潢部队"])
        #expect(desk.store.disk.units.map(\.kind) == [.government, .township, .military])
        #expect(desk.store.disk.units.map(\.id) == ["xmzj", "gxz", "zhbd"])
        // Sections: title, 牵头单位, 责任单位.
        desk.step(.key(.right))
        for (title, lead, responsible) in [("组织领导", ["县民政局"], ["各乡镇"]), ("拥军优属", ["县民政局"], ["各乡镇", "驻潢部队"])] {
            desk.step(.key(.char("a")))
            answer(&desk, title)
            tick(&desk, lead)
            tick(&desk, responsible)
        }
        #expect(desk.store.disk.sections.map(\.title) == ["组织领导", "拥军优属"])
        #expect(desk.store.disk.sections[1].responsibleUnits == ["gxz", "zhbd"])
        // Phases: a bad date is refused in place.
        desk.step(.key(.right))
        desk.step(.key(.char("a")))
        answer(&desk, "全面实施")
        answer(&desk, "2027-02-30")
        #expect(desk.app.state.prompt?.error?.contains("不是有效日期") == true)
        answer(&desk, "2027-04-01")
        answer(&desk, "2027-09-30")
        desk.step(.key(.char("a")))
        answer(&desk, "检查验收")
        answer(&desk, "2027-10-01")
        answer(&desk, "2027-12-31")
        #expect(desk.store.disk.phases.map(\.name) == ["全面实施", "检查验收"])
        // Activities: title and rule.
        desk.step(.key(.right))
        for (title, rule) in [("全民国防教育日", "nth-weekday 09 3 sat"), ("八一走访慰问", "yearly 08-01")] {
            desk.step(.key(.char("a")))
            answer(&desk, title)
            answer(&desk, rule)
        }
        #expect(desk.store.disk.activities.map(\.rule) == [.nthWeekday(month: 9, n: 3, weekday: 6), .yearly(month: 8, day: 1)])
        // Tasks, in the tasks view.
        desk.step(.key(.char("5")))
        for title in ["召开领导小组会议", "制定实施方案", "走访慰问驻军", "宣传稿件"] {
            desk.step(.key(.char("a")))
            answer(&desk, title)
        }
        let plan = desk.store.disk
        #expect(plan.tasks.count == 4)
        #expect(PlanValidation.problems(in: plan).isEmpty)
        #expect(plan.history.count == 9 && plan.history.allSatisfy { $0.by == "王敏" })
        let g = render(desk.app)
        expectWellFormed(g)
    }

    @Test func changesRefusalsMergeAndUndo() {
        var desk = Desk(view: .structure)
        // Rename a unit through its wizard: every reference follows (they use its id).
        desk.step(.key(.down))  // 县委宣传部
        desk.step(.key(.char("e")))
        #expect(desk.app.state.prompt?.editor.text == "县委宣传部")
        answer(&desk, "县委宣传部（网信办）")
        answer(&desk, "宣传部")
        desk.step(.key(.enter))
        #expect(desk.store.disk.units[1].name == "县委宣传部（网信办）")
        #expect(render(desk.app).plainText.contains("县委宣传部（网信办）"))
        // Removing a unit still named is refused, with where it is named.
        desk.step(.key(.char("D")))
        desk.step(.key(.char("y")))
        #expect(desk.app.state.message?.contains("still named by s2 牵头单位") == true)
        #expect(desk.store.disk.units.count == 34)
        // Merging it into another moves every reference; undo brings it all back.
        desk.step(.key(.char("M")))
        #expect(desk.app.state.picker?.purpose == .mergeInto(unitID: "xcb"))
        type(&desk, "xwb")
        desk.step(.key(.enter))
        #expect(!desk.store.disk.units.contains { $0.id == "xcb" })
        #expect(desk.store.disk.references(toUnit: "xcb").isEmpty)
        desk.step(.key(.char("u")))
        #expect(desk.store.disk.units.contains { $0.id == "xcb" })
        #expect(desk.store.disk.sections[1].leadUnits == ["xcb"])
        // Esc anywhere in a wizard cancels the whole of it.
        desk.step(.key(.char("a")))
        type(&desk, "半途")
        desk.step(.key(.enter))
        desk.step(.key(.escape))
        #expect(desk.app.state.wizard == nil && desk.app.state.prompt == nil && desk.app.state.picker == nil)
        #expect(desk.store.disk.units.count == 34)
        // The plan's own fields.
        desk.step(.key(.char("P")))
        answer(&desk, "固始县2027年双拥工作要点")
        answer(&desk, "固始县双拥办")
        answer(&desk, "2027")
        #expect(desk.store.disk.info == PlanInfo(title: "固始县2027年双拥工作要点", organization: "固始县双拥办", year: 2027, timeZoneID: "Asia/Shanghai"))
    }

    @Test func helpListsEveryKeyOfTheView() {
        var app = sampleApp(view: .structure, width: 120, height: 40)
        _ = app.update(key: .char("?"))
        let text = render(app).plainText
        for b in KeyMap.bindings(in: .structure) { #expect(text.contains(b.help(.zh)), "\(b.help(.zh))") }
    }

    @Test func onceThePlanYearHasEndedTheDashboardOffersNextYearsPlan() {
        let ended = sampleApp(view: .overview, today: Day(year: 2027, month: 1, day: 4)!, width: 120, height: 40)
        #expect(ended.state.banner == "本计划年度（2026年）已结束：运行 shuangyong rollover 计划文件 生成 2027 年计划（未完成的任务将结转）")
        #expect(render(ended).rowText(2).contains("本计划年度（2026年）已结束"))
        #expect(sampleApp(view: .overview, today: Day(year: 2026, month: 12, day: 31)!, width: 120, height: 40).state.banner == nil)
    }

    @Test func fieldsTakeWhatADeskTypesAndTheKindStartsAtTheGuess() {
        var desk = Desk(plan: Plan(title: "测试", organization: "", year: 2027), view: .structure)
        desk.step(.key(.char("a")))
        answer(&desk, "县人武部")
        answer(&desk, "")
        #expect(desk.app.state.picker?.options[desk.app.state.picker!.cursor.selected].value == "military")
        desk.step(.key(.enter))
        #expect(desk.store.disk.units.first?.kind == .military)
        #expect(desk.app.state.message == "已保存：新增单位 xrwb: 县人武部（部队）")
        desk.step(.key(.right))
        desk.step(.key(.right))
        desk.step(.key(.char("a")))
        answer(&desk, "迎检验收")
        answer(&desk, "11月1日")
        answer(&desk, "2027年12月31日")
        #expect(desk.store.disk.phases.first.map { ($0.start.iso, $0.end.iso) } ?? ("", "") == ("2027-11-01", "2027-12-31"))
    }
}
