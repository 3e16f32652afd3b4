import Dashboard
import Foundation
import ShuangyongKit
import Testing
import TerminalUI

/// The ways a large plan is kept fast — a search narrowed letter by letter over an index of the tasks,
/// the 计划 view's list made once, report rows that share their texts — give what the plain ways give.
@Suite("Fast paths agree with the plain ways")
struct LargePlanPathsTests {
    /// A generated plan plus tasks that test the search's shortcuts: upper-case ids, a semicolon and its
    /// Greek look-alike (U+037E, canonically the same character), a Kelvin sign, traditional characters.
    func searchPlan() -> Plan {
        var plan = PlanGenerator.make(tasks: 600, units: 40, seed: 9)
        let section = plan.sections[0].id, phase = plan.phases[0].id
        let extra: [(String, String, String)] = [
            ("DJ-7", "督促检查", "组织督导；检查"), ("x;1", "国防教育", "宣传学习"), ("greek", "国防教育", "宣传\u{037E}学习"),
            ("k9", "\u{212A}级走访", "走访慰问"),
            ("trad", "國防教育", "軍民共建"), ("mix", "Dj双拥", "dj; dj"),
        ]
        for (k, (id, title, text)) in extra.enumerated() {
            plan.tasks.append(PlanTask(id: id, sectionID: section, number: 100 + k, title: title, text: text, phaseID: phase))
        }
        return plan
    }

    func expected(_ plan: Plan, _ search: String, section: String? = nil) -> [Int] {
        let needle = TaskSearch.normalize(search)
        return plan.tasks.indices.filter { t in
            (section == nil || plan.tasks[t].sectionID == section) && (needle.isEmpty || TaskSearch.matches(plan.tasks[t], needle: needle))
        }
    }

    @Test func aSearchTypedLetterByLetterFindsWhatTheRuleFinds() {
        let plan = searchPlan()
        for section in [nil, plan.sections[0].id] as [String?] {
            var app = sampleApp(view: .tasks, width: 120, height: 40, plan: plan) { $0.query.sectionID = section }
            _ = app.update(key: .char("/"))
            for word in ["dj", "djc", "DJ-", ";", "；", "k", "國防", "gfjy", "zf", "x;1"] {
                var typed = ""
                for c in word {
                    _ = app.update(key: .char(c))
                    typed.append(c)
                    #expect(app.state.visibleTasks == expected(plan, typed, section: section), "\(typed)")
                }
                for _ in word {
                    _ = app.update(key: .backspace)
                    typed.removeLast()
                    #expect(app.state.visibleTasks == expected(plan, typed, section: section), "\(typed) after backspace")
                }
            }
        }
    }

    @Test func thePickerNarrowsAsTheRuleSays() {
        var plan = PlanGenerator.make(tasks: 200, units: 300, seed: 2)
        plan.units += [Unit(id: "K1", name: "\u{212A}县武装部", kind: .military), Unit(id: "semi", name: "宣传\u{037E}部", kind: .party),
                       Unit(id: "XZ9", name: "Xiang镇", kind: .township)]
        var app = sampleApp(view: .tasks, width: 120, height: 40, plan: plan)
        _ = app.update(key: .char("w"))
        guard let options = app.state.picker?.options else { Issue.record("no unit picker"); return }
        func expected(_ filter: String) -> [Picker.Option] {
            let f = filter.lowercased(), latin = f.unicodeScalars.allSatisfy(\.isASCII)
            return filter.isEmpty ? options
                : options.filter { $0.label.lowercased().contains(f) || $0.keys.contains(f) || (latin && Pinyin.matches($0.label, query: f)) }
        }
        for word in ["xz", "k", ";", "K1", "县民", "mzj", "xiang"] {
            var typed = ""
            for c in word {
                _ = app.update(key: .char(c))
                typed += String(c).lowercased()
                #expect(app.state.picker?.visibleOptions == expected(typed), "\(typed)")
            }
            for _ in word { _ = app.update(key: .backspace) }
            #expect(app.state.picker?.visibleOptions == options)
        }
    }

    @Test func aSearchFollowsAnEditedPlan() {
        var plan = searchPlan()
        var state = DashboardState(plan: plan, today: sampleToday, lang: .zh)
        state.query.search = "dj"
        #expect(state.visibleTasks == expected(plan, "dj"))
        plan.tasks[0].title = "督军"
        state.replacePlan(plan)
        state.query.search = "djx"
        state.query.search = "dj"
        #expect(state.visibleTasks == expected(plan, "dj") && state.visibleTasks.contains(0))
    }

    @Test func thePlanViewFollowsItsListTheLanguageAndThePlan() {
        var plan = PlanGenerator.make(tasks: 800, units: 30, seed: 4)
        var app = sampleApp(view: .structure, width: 160, height: 50, plan: plan)
        // Each unit's count: the tasks it leads or does, each task once.
        let index = PlanIndex(plan)
        let u0 = plan.tasks.indices.filter { Set(index.leadUnits[$0] + index.responsibleUnits[$0]).contains(0) }.count
        let row = render(app).row(containing: plan.units[0].name).map { render(app).rowText($0) } ?? ""
        #expect(row.hasSuffix(" \(u0)") || row.contains(" \(u0) "), "\(row)")
        _ = app.update(key: .right)  // sections
        let s0 = plan.tasks.filter { $0.sectionID == plan.sections[0].id }.count
        let sectionRow = render(app).row(containing: plan.sections[0].title).map { render(app).rowText($0) } ?? ""
        #expect(sectionRow.contains(" \(s0) "), "\(sectionRow)")
        var state = app.state
        state.lang = .en
        #expect(render(DashboardApp(state: state)).plainText.contains("Responsible"))
        plan.sections[0].title = "改过的部分标题"
        state.replacePlan(plan)
        #expect(render(DashboardApp(state: state)).plainText.contains("改过的部分标题"))
        app = DashboardApp(state: state)
        _ = app.update(key: .resize(width: 160, height: 50))
        #expect(render(app).plainText.contains("改过的部分标题"))
    }

    @Test func rowsNamingSharedTextsPrintAsRowsOfStrings() {
        let plain: [[String]] = [["民政", "牵头", "t1", "协调双拥工作计划", "2026-11-30", "逾期3天", "3"],
                                 ["民政", "责任", "t2", "=1+2", "", "今天到期", "0"], ["民政"], [],
                                 ["双拥办", "牵头", "t1", "协调双拥工作计划", "2026-11-30", "逾期3天", "3", "extra"],
                                 ["e\u{301}", "\u{1B}[2J", "x", String(repeating: "长", count: 40), "1/2", "0012", "-5"]]
        let columns: [ReportTable.Column] = [.init("unit", "单位"), .init("role", "角色"), .init("task", "任务"), .init("title", "内容"),
                                             .init("due", "截止", kind: .day), .init("state", "情况"), .init("n", "天", numeric: true)]
        let a = ReportTable(name: "t", heading: [("k", "标签", "值")], columns: columns, rows: plain, groupTitles: [0: "■ 一", 4: "■ 二"])
        var b = a
        var rows = ReportRows()
        var made: [String: ReportRows.Text] = [:]
        for row in plain {
            for cell in row {
                let t = made[cell] ?? rows.text(cell)
                made[cell] = t
                rows.append(cell: t)
            }
            rows.endRow()
        }
        b.rows = rows
        #expect(b.rows.texts.count < a.rows.texts.count)
        #expect(Array(b.rows) == plain && Array(a.rows) == plain)
        for format in ReportTable.Format.allCases {
            #expect(a.renderBytes(format) == b.renderBytes(format), "\(format)")
            #expect(a.renderBytes(format) == Array(a.render(format).utf8), "\(format)")
        }
        let literal: ReportRows = [["a", "b"], ["c"]]
        #expect(literal.count == 2 && literal[1] == ["c"])
        // Text in pieces of any size joins to the whole, each piece whole rows; a writer that refuses
        // is handed nothing more.
        var many = a
        many.rows = ReportRows((0..<300).flatMap { k in plain.map { $0.map { "\($0)\(k % 7)" } } })
        many.groupTitles = [0: "■ 一", 600: "■ 二", 1_199: "■ 三"]
        for table in [a, many] {
            let whole = table.textBytes(emptyMessage: "")
            #expect(whole == Array(table.text(emptyMessage: "").utf8))
            for size in [1, 7, 100, 4_096, 1 << 20] {
                var pieces: [[UInt8]] = []
                table.writeText(emptyMessage: "", pieceSize: size) { pieces.append(Array($0)); return true }
                #expect(pieces.joined().elementsEqual(whole), "\(size)")
                #expect(pieces.allSatisfy { !$0.isEmpty && $0.last == 0x0A }, "\(size)")
                var calls = 0
                table.writeText(emptyMessage: "", pieceSize: size) { _ in calls += 1; return false }
                #expect(calls == 1)
            }
        }
        var empty = a
        empty.rows = ReportRows()
        var got: [UInt8] = []
        empty.writeText(emptyMessage: "没有。") { got += $0; return true }
        #expect(got == empty.textBytes(emptyMessage: "没有。") && String(decoding: got, as: UTF8.self).hasSuffix("没有。\n"))
    }
}
