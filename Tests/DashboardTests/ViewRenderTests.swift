import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

@Suite("Views rendered into an in-memory screen, asserted cell by cell")
struct ViewRenderTests {
    @Test(arguments: [(80, 24), (160, 50)])
    func everyViewIsWellFormedWithChineseText(width: Int, height: Int) {
        for view in ViewID.allCases {
            let g = render(sampleApp(view: view, width: width, height: height))
            expectWellFormed(g)
            #expect(g.rowText(0).hasPrefix(" 双拥看板 │ 固始县"))
            #expect(g.rowText(0).contains("2026-10-15 周四"))
            #expect(g.rowText(1).contains(" 1 总览 "))
            #expect(g.rowText(height - 1).contains("帮助"))
        }
    }

    @Test func titleBarShowsPhaseAndLunarDateAtTheRightEdge() {
        let g = render(sampleApp(width: 120, height: 30))
        let row = g.rowText(0)
        #expect(row.hasSuffix("2026-10-15 周四 农历九月初六 │ 检查自评 "))
        // The title bar's style covers the whole row.
        #expect((0..<120).allSatisfy { g[$0, 0].style == Theme.builtinDefault[.titleBar] || g[$0, 0].style.bold })
    }

    @Test func overviewSectionColumnsAlignAt80x24() {
        let g = render(sampleApp(width: 80, height: 24))
        guard let first = g.row(containing: "(一)组织领导坚强有力") else {
            Issue.record("section rows missing:\n\(g.plainText)")
            return
        }
        let rows = first..<(first + 8)
        // Titles of 10 CJK characters = 24 cells with "(一)"; percentages and lights line up.
        let percentEnds = rows.map { y in g.column(of: "%", row: y) }
        #expect(Set(percentEnds).count == 1 && percentEnds[0] != nil, "\(percentEnds)")
        let lights = columns(of: "●", in: g, rows: rows)
        #expect(Set(lights).count == 1 && lights[0] != nil, "\(lights)")
        #expect(g.rowText(first).contains("60% ● 黄"))
        #expect(g.rowText(first + 1).contains("50% ● 红"))
        // The right-hand boxes are there at 80 columns.
        #expect(g.plainText.contains("近期活动"))
        #expect(g.plainText.contains("逾期最多的单位"))
        #expect(g.rowText(5).contains("逾期 13"))
    }

    @Test func theOfficeScreenShowsNoSelection() {
        let app = sampleApp(view: .overdue, width: 120, height: 30) { $0.showsSelection = false }
        let g = render(app)
        #expect((0..<120).allSatisfy { g[$0, 3].style.bg != Theme.builtinDefault[.selection].bg || g[$0, 3].style.bg == Theme.builtinDefault[.base].bg })
        #expect(!(0..<120).contains { g[$0, 3].style.reverse })
    }

    @Test func overdueViewCountsAlignAndExpands() {
        var app = sampleApp(view: .overdue, width: 160, height: 50)
        var g = render(app)
        let header = 2
        #expect(g.rowText(header).contains("单位 / 任务"))
        let unitRows = (header + 1)...(header + 6)
        let digits = unitRows.map { y in (0..<g.width).first { g[$0, y].text.isNumber } }
        #expect(Set(digits).count == 1, "\(digits)")
        #expect(g.rowText(header + 1).contains("驻固各部队"))
        // The first unit is selected (selection style across the row).
        #expect(g[2, header + 1].style.bg == Theme.builtinDefault[.selection].bg)
        _ = app.update(key: .enter)
        g = render(app)
        #expect(g.rowText(header + 1).contains("▾"))
        #expect(g.rowText(header + 2).contains("[责任] s2-4 双拥宣传“五个一”工程"))
        #expect(g.rowText(header + 2).contains("逾期15天"))
        // Dates in the expanded rows line up.
        let dates = columns(of: "2026-09-30", in: g, rows: (header + 2)...(header + 8))
        #expect(Set(dates).count == 1 && dates[0] != nil, "\(dates)")
        _ = app.update(key: .left)
        #expect(render(app).rowText(header + 2).contains("县委办"))
    }

    @Test func tasksColumnsAlignWithMixedWidthText() {
        let g = render(sampleApp(view: .tasks, width: 80, height: 24))
        let rows = 4..<10
        let dates = columns(of: "2026-", in: g, rows: rows)
        #expect(Set(dates).count == 1 && dates[0] != nil, "\(dates)\n\(g.plainText)")
        let ids = columns(of: "s1-", in: g, rows: rows.prefix(5))
        #expect(Set(ids) == [1])
        // A long title is cut at a cell boundary with an ellipsis.
        #expect(g.plainText.contains("…"))
    }

    @Test func calendarMarksSpringFestivalOnItsDay() {
        var app = sampleApp(view: .calendar, today: Day(year: 2027, month: 2, day: 1)!, width: 160, height: 50,
                            plan: SamplePlan.make(year: 2027))
        _ = app.update(key: .char("g"))
        let g = render(app)
        expectWellFormed(g)
        #expect(g.plainText.contains("2027年2月"))
        // 2027-02-06 is a Saturday: its number and 春节 sit in the sixth column.
        let headerRow = 3  // title, tabs, month line, then the weekday header
        #expect(g.rowText(headerRow).hasPrefix(" 一 "))
        let saturdayX = g.column(of: "六", row: headerRow) ?? -99
        let dayRow = (0..<g.height).first { y in g.rowText(y).contains("6正月") || g.rowText(y).contains(" 6正月") }
        #expect(dayRow != nil, "\(g.plainText)")
        if let dayRow {
            let sixX = g.column(of: "6正月", row: dayRow) ?? -99
            #expect(sixX + 1 >= saturdayX && sixX <= saturdayX + 2)
            let festivalRow = g.rowText(dayRow + 1) + g.rowText(dayRow + 2)
            #expect(festivalRow.contains("春节"))
        }
    }

    @Test func calendarAugustShowsBayiAndTheActivityMonth() {
        let app = sampleApp(view: .calendar, width: 160, height: 50) { $0.calendarDay = Day(year: 2026, month: 8, day: 1)! }
        let g = render(app)
        #expect(g.rowText(2).contains("双拥活动月"))
        #expect(g.plainText.contains("★八一建军节"))
    }

    @Test func timelineMarksTodayAndPhases() {
        var app = sampleApp(view: .timeline, width: 160, height: 50)
        let g = render(app)
        expectWellFormed(g)
        #expect(g.plainText.contains("检查自评 进行中"))  // it opens at the current phase
        #expect(g.plainText.contains("迎检验收 17天后开始"))  // 2026-11-01, 17 days after 10-15
        _ = app.update(key: .home)
        #expect(render(app).plainText.contains("组织准备 已结束"))
        let todayStyle = Theme.builtinDefault[.today]
        let marked = (0..<g.width).filter { x in (3..<10).allSatisfy { g[x, $0].style == todayStyle } }
        #expect(marked.count == 1, "one today column, found \(marked)")
    }

    @Test func tooSmallSaysWhatItNeeds() {
        let g = render(sampleApp(width: 50, height: 12))
        #expect(g.plainText.contains("窗口太小"))
        #expect(g.plainText.contains("至少需要 60×16"))
        #expect(g.plainText.contains("当前 50×12"))
    }

    @Test func englishInterface() {
        let g = render(sampleApp(lang: .en, width: 100, height: 30))
        #expect(g.rowText(1).contains(" 1 Overview "))
        #expect(g.plainText.contains("Sections"))
    }

    @Test func escapeSequencesInPlanTextAreShownNotSent() {
        var plan = SamplePlan.make(year: 2026)
        plan.tasks[0].title = "\u{1B}]0;pwned\u{07}\u{1B}[2J标题\u{9B}31m"
        plan.units[0].name = "县委办\u{1B}[5m"
        var app = sampleApp(view: .tasks, width: 120, height: 40, plan: plan)
        var g = render(app)
        expectWellFormed(g)
        #expect(g.plainText.contains("␛]0;pwned␇␛[2J标题¤31m"))
        _ = app.update(key: .char("3"))
        g = render(app)
        expectWellFormed(g)
        let text = TextRenderer.ansi(g)
        // The only ESC bytes in the coloured output are our own SGR sequences.
        let escapes = text.components(separatedBy: "\u{1B}").dropFirst()
        #expect(escapes.allSatisfy { $0.hasPrefix("[") && $0.contains("m") && !$0.hasPrefix("[2J") && !$0.hasPrefix("]") })
    }
}

@Suite("Figures that must not overstate")
struct FigureTextTests {
    @Test func percentagesNeverRoundToAllOrNothing() {
        #expect(Language.zh.percent(0.996) == "99%")
        #expect(Language.zh.percent(1) == "100%")
        #expect(Language.zh.percent(0.004) == "1%")
        #expect(Language.zh.percent(0) == "0%")
        #expect(Language.zh.percent(17.0 / 44) == "39%")
    }

    @Test func anEmptyOrAllCancelledSectionShowsNoRate() {
        var plan = SamplePlan.make(year: 2026)
        plan.sections.append(Section(id: "s9", number: 9, title: "新增部分", leadUnits: ["syb"], responsibleUnits: []))
        for k in plan.tasks.indices where plan.tasks[k].sectionID == "s8" { plan.tasks[k].status = .cancelled }
        let app = sampleApp(width: 120, height: 40, plan: plan)
        let g = render(app)
        let s8 = g.row(containing: "(八)军政军民关系融洽")!
        #expect(g.rowText(s8).contains(" - "), "\(g.rowText(s8))")
        #expect(!g.rowText(s8).contains("100%"))
        let s9 = g.row(containing: "(九)新增部分")!
        #expect(!g.rowText(s9).contains("100%"))
    }
}

@Suite("Odd plans and dates render without trouble")
struct OddPlanRenderTests {
    @Test(arguments: [(60, 16), (80, 24), (250, 80)])
    func anEmptyPlanRendersEveryView(width: Int, height: Int) {
        let empty = Plan(title: "空计划", organization: "", year: 2026)
        for view in ViewID.allCases {
            var app = sampleApp(view: view, width: width, height: height, plan: empty)
            for key in [Key.down, .end, .enter, .pageDown, .char("?"), .char("x"), .right] { _ = app.update(key: key) }
            let g = render(app)
            expectWellFormed(g)
            #expect(g.rowText(0).contains("空计划"))
        }
        let g = render(sampleApp(width: width, height: height, plan: empty))
        #expect(!g.plainText.contains("100%"))
    }

    @Test func theLastYearsOfTheCalendarRender() {
        for view in ViewID.allCases {
            var app = sampleApp(view: view, today: Day(year: 9999, month: 12, day: 31)!, width: 120, height: 40)
            for key in [Key.pageDown, .right, .end, .char("g")] { _ = app.update(key: key) }
            expectWellFormed(render(app))
        }
    }
}
