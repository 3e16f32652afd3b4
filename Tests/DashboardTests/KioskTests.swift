import Dashboard
import Foundation
import ShuangyongKit
import Testing
import TerminalUI

/// An instant on the plan's clock (Asia/Shanghai).
private func shanghai(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Date {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    return cal.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}

/// 2026-10-15 09:15 in Shanghai: the sample's reference day.
private let t0 = shanghai(2026, 10, 15, 9, 15)

private func kiosk(plan: Plan = SamplePlan.make(year: 2026), lang: Language = .zh, now: Date = t0, interval: TimeInterval = 20,
                   followsClock: Bool = true) -> KioskModel {
    let state = DashboardState(plan: plan, today: plan.today(at: now), lang: lang)
    return KioskModel(state: state, interval: interval, now: now, followsClock: followsClock)
}

private func draw(_ model: KioskModel, _ width: Int = 120, _ height: Int = 40) -> Grid {
    KioskScreen.render(model, width: width, height: height, theme: Theme.builtinDefault)
}

private func tick(_ m: inout KioskModel, _ now: Date) -> Bool { m.tick(now: now) }
private func press(_ m: inout KioskModel, _ key: Key, _ now: Date) -> [Effect] { m.handle(key, now: now) }

/// The columns where `text`'s block glyphs stand, top row at `y`.
private func blockColumns(_ g: Grid, _ text: String, scale: Int, tall: Int = 1, y: Int) -> [Int] {
    let lines = BigText.lines(text, scale: scale, tall: tall)
    let w = BigText.width(text, scale: scale)
    guard y + lines.count <= g.height, w <= g.width else { return [] }
    return (0...(g.width - w)).filter { x in
        lines.enumerated().allSatisfy { row, line in
            line.enumerated().allSatisfy { k, ch in g[x + k, y + row].text == ch }
        }
    }
}

/// Whether `text` stands in block glyphs anywhere on the screen.
private func hasBlock(_ g: Grid, _ text: String, scale: Int, tall: Int = 1) -> Bool {
    (0..<g.height).contains { !blockColumns(g, text, scale: scale, tall: tall, y: $0).isEmpty }
}

@Suite("Office screen: block digits")
struct BigTextTests {
    @Test func glyphsAreFiveRowsOfFullBlocksAndWidthsAddUp() {
        #expect(BigText.lines("13") == [" █  ███", "██    █", " █  ███", " █    █", "███ ███"])
        #expect(BigText.width("13") == 7)
        #expect(BigText.width("09:15") == 17)
        #expect(BigText.width("09:15", scale: 2) == 34)
        #expect(BigText.lines("7%", scale: 2)[0] == "██████  ██  ██")
        // Twice as tall: each row of pixels twice.
        #expect(BigText.lines("13", tall: 2) == [" █  ███", " █  ███", "██    █", "██    █", " █  ███", " █  ███", " █    █", " █    █",
                                                "███ ███", "███ ███"])
        #expect(BigText.height(tall: 2) == 10 && BigText.width("13", scale: 3) == 21)
        for text in ["0123456789", ":-%/ ", "100%", "2026/10-15"] {
            let lines = BigText.lines(text, scale: 2)
            #expect(lines.count == BigText.height)
            #expect(lines.allSatisfy { $0.count == BigText.width(text, scale: 2) })
            #expect(lines.joined().allSatisfy { $0 == "█" || $0 == " " })
        }
    }

    @Test func unsupportedCharactersDrawBlankAtDigitWidth() {
        #expect(!BigText.supports("x"))
        #expect(BigText.lines("x").allSatisfy { $0 == "   " })
        #expect(BigText.width("1x1") == BigText.width("111"))
    }

    @Test func gridDrawsTheGlyphsClippedAtTheEdge() {
        var g = Grid(width: 12, height: 6)
        let w = g.bigText("42", x: 6, y: 1, style: Style(bold: true), scale: 2)
        #expect(w == 14)
        #expect(g.rowText(1) == "      ██  ██")
        #expect(g.rowText(3) == "      ██████")
        #expect(g[6, 1].style.bold)
        expectWellFormed(g)
    }
}

@Suite("Office screen: rotation, keys, reloads, midnight")
struct KioskModelTests {
    @Test func rotatesEveryIntervalThroughTheFourViewsAndWraps() {
        var m = kiosk()
        #expect(m.currentView == .overview && m.state.view == .overview)
        #expect(m.secondsToNext == 20)
        #expect(tick(&m, t0 + 1))  // the countdown changed
        #expect(!tick(&m, t0 + 1.4))  // same second shown: nothing to redraw
        m.tick(now: t0 + 19.9)
        #expect(m.currentView == .overview)
        #expect(tick(&m, t0 + 20))
        #expect(m.currentView == .overdue && m.state.view == .overdue)
        m.tick(now: t0 + 40.3)
        #expect(m.currentView == .calendar)
        // A late tick does not push the schedule back.
        #expect(m.viewStarted == t0 + 40)
        m.tick(now: t0 + 60)
        #expect(m.currentView == .timeline)
        m.tick(now: t0 + 80)
        #expect(m.currentView == .overview)
        #expect(m.rotation == [.overview, .overdue, .calendar, .timeline])
    }

    @Test func pausedStaysOnItsViewAndResumingGivesAFullInterval() {
        var m = kiosk()
        _ = m.handle(.char(" "), now: t0 + 5)
        #expect(m.isPaused)
        m.tick(now: t0 + 500)
        #expect(m.currentView == .overview)
        #expect(draw(m).rowText(39).contains("正在显示 总览 (1/4) · 已暂停"))
        _ = m.handle(.char("p"), now: t0 + 600)
        #expect(!m.isPaused)
        m.tick(now: t0 + 619)
        #expect(m.currentView == .overview)
        m.tick(now: t0 + 620)
        #expect(m.currentView == .overdue)
    }

    @Test func arrowsStepBetweenViewsAndRestartTheInterval() {
        var m = kiosk()
        _ = m.handle(.right, now: t0 + 15)
        #expect(m.currentView == .overdue)
        #expect(m.viewStarted == t0 + 15)
        m.tick(now: t0 + 34)
        #expect(m.currentView == .overdue)
        m.tick(now: t0 + 35)
        #expect(m.currentView == .calendar)
        _ = m.handle(.left, now: t0 + 36)
        _ = m.handle(.left, now: t0 + 36)
        _ = m.handle(.left, now: t0 + 36)
        #expect(m.currentView == .timeline)  // wraps backwards
        #expect(draw(m).rowText(39).contains("正在显示 阶段进度 (4/4) · 下一屏 总览 20秒后"))
    }

    @Test func quitTakesQThenYAndNothingElse() {
        var m = kiosk()
        #expect(press(&m, .char("y"), t0).isEmpty)
        #expect(press(&m, .char("q"), t0).isEmpty)
        #expect(m.isQuitArmed)
        #expect(draw(m).rowText(39).contains("退出办公室大屏？按 y 确认"))
        #expect(press(&m, .char("x"), t0 + 1).isEmpty)  // any other key cancels
        #expect(!m.isQuitArmed)
        #expect(press(&m, .char("y"), t0 + 1).isEmpty)
        // Auto-repeat of one key never quits.
        for k in 0..<30 { #expect(press(&m, .char("q"), t0 + 2 + Double(k) * 0.03).isEmpty) }
        #expect(press(&m, .char("y"), t0 + 3) == [.quit])
        // The prompt lapses after five seconds.
        _ = m.handle(.char("q"), now: t0 + 10)
        m.tick(now: t0 + 15)
        #expect(!m.isQuitArmed)
        #expect(press(&m, .char("y"), t0 + 15.5).isEmpty)
        // A resize while the prompt is up leaves it up.
        _ = m.handle(.char("Q"), now: t0 + 20)
        _ = m.handle(.resize(width: 100, height: 30), now: t0 + 20.5)
        #expect(press(&m, .char("y"), t0 + 21) == [.quit])
    }

    @Test func editingKeysAndStrayKeysChangeNothing() {
        var m = kiosk()
        m.tick(now: t0 + 3)
        let before = draw(m), stamp = m.frameStamp, started = m.viewStarted
        let stray: [Key] = [.char("e"), .char("x"), .char("d"), .char("u"), .char("s"), .char("/"), .char("1"), .char("5"),
                            .char("?"), .enter, .backspace, .delete, .tab, .backTab, .escape, .up, .down, .pageDown,
                            .ctrl("z"), .ctrl("c"), .ctrl("s"), .ctrl("\\"), .function(2), .mouse(x: 3, y: 12), .scrollDown,
                            .unknown("kRIT5")]
        for key in stray { #expect(press(&m, key, t0 + 3).isEmpty, "\(key)") }
        #expect(m.frameStamp == stamp)
        #expect(m.viewStarted == started && !m.isPaused && m.currentView == .overview)
        #expect(m.state.plan == SamplePlan.make(year: 2026))
        #expect(draw(m) == before)
    }

    @Test func midnightRollsTodayOverAndOverdueCountsFollow() throws {
        var plan = SamplePlan.make(year: 2026)
        let t = try #require(plan.tasks.firstIndex { !$0.status.isClosed && $0.due.map { $0 > Day(year: 2026, month: 10, day: 15)! } == true })
        plan.tasks[t].due = Day(year: 2026, month: 10, day: 15)  // due today: overdue from tomorrow
        var m = kiosk(plan: plan, now: shanghai(2026, 10, 15, 23, 59, 50))
        let before = m.figures.overdue
        #expect(m.state.today == Day(year: 2026, month: 10, day: 15))
        #expect(tick(&m, shanghai(2026, 10, 16, 0, 0, 1)))
        #expect(m.state.today == Day(year: 2026, month: 10, day: 16))
        #expect(m.state.calendarDay == m.state.today)
        #expect(m.figures.overdue == before + 1)
        #expect(m.state.derived.planSummary.overdue == before + 1)
        let g = draw(m, 160, 50)
        #expect(g.row(containing: "2026年10月16日") != nil)
        #expect(hasBlock(g, "\(before + 1)", scale: 3, tall: 2))
        #expect(hasBlock(g, "00:00", scale: 3, tall: 2))

        // With --date the day stays put.
        var fixed = kiosk(plan: plan, now: shanghai(2026, 10, 15, 23, 59, 50), followsClock: false)
        fixed.tick(now: shanghai(2026, 10, 16, 0, 0, 1))
        #expect(fixed.state.today == Day(year: 2026, month: 10, day: 15))
        #expect(fixed.figures.overdue == before)
    }

    @Test func reloadFailureWarnsOverTheLastGoodDataAndAGoodReloadClearsIt() {
        var m = kiosk()
        m.tick(now: t0 + 3600)  // 10:15
        m.reloadFailed(.syntax(file: "/x/plan.json", line: 3, column: 7, message: "unexpected }"), now: t0 + 3600)
        #expect(m.warningText == "计划文件无法读取（JSON 格式错误，第3行第7列）：显示 09:15 载入的数据")
        var g = draw(m, 160, 50)
        #expect(g.row(containing: "⚠ 计划文件无法读取") == 15)  // under the (double-height) band, over the view
        #expect(g[0, 15].style == Theme.builtinDefault[.warning])
        #expect(hasBlock(g, "13", scale: 3, tall: 2))  // the last good figures stay
        #expect(m.currentView == .overdue)
        #expect(g.row(containing: "驻固各部队") != nil)

        m.reloadFailed(.io(file: "/x/plan.json", operation: "open the file", reason: "no such file or directory"), now: t0 + 3700)
        #expect(m.warningText == "计划文件无法读取（文件不存在）：显示 09:15 载入的数据")
        #expect(m.problem?.since == t0 + 3600)

        // Restored byte for byte: the document reports no change, and the warning goes.
        let cleared = m.planUnchanged(now: t0 + 3800)
        #expect(cleared)
        #expect(m.warningText == nil)
        g = draw(m, 160, 50)
        #expect(g.row(containing: "计划文件无法读取") == nil)

        // A failure, then a different valid plan: it is shown and the warning goes.
        m.reloadFailed(reason: "x", now: t0 + 3900)
        var plan = SamplePlan.make(year: 2026)
        for t in plan.tasks.indices where m.state.derived.states[t].light == .red {
            plan.tasks[t].status = .done
            plan.tasks[t].progress = 100
        }
        m.planReloaded(plan, now: t0 + 4000)
        #expect(m.problem == nil)
        #expect(m.figures.overdue == 0)
        #expect(m.lastGoodLoad == t0 + 4000)
        g = draw(m, 160, 50)
        #expect(hasBlock(g, "0", scale: 3, tall: 2))
        #expect(g.rowText(0).contains("数据载入于 10:21"))
    }

    @Test func englishWarningAndDayShownForAnOlderLoad() {
        var m = kiosk(lang: .en)
        m.tick(now: t0 + 86_400)
        m.reloadFailed(.invalid(file: "p", problems: [PlanProblem(path: "tasks[2].progress", id: "s1-3", message: "must be 0…100")]),
                       now: t0 + 86_400)
        #expect(m.warningText == "Cannot read the plan file (1 problem: tasks[2].progress (id \"s1-3\"): must be 0…100): "
            + "showing the data loaded at 10-15 09:15")
    }
}

@Suite("Office screen: frames")
struct KioskRenderTests {
    @Test func at80x24TheClockAndFiguresFitOnTwoLinesWithoutBlockDigits() {
        let m = kiosk()
        let g = draw(m, 80, 24)
        expectWellFormed(g)
        #expect(g.rowText(0).hasPrefix(" 09:15 │ 2026-10-15 周四 农历九月初六 │ "))
        #expect(g.rowText(1).contains("逾期任务 13"))
        #expect(g.rowText(1).contains("距下次检查(天) 47"))
        #expect(!hasBlock(g, "09:15", scale: 1) && !hasBlock(g, "13", scale: 1))
        #expect(g.rowText(23).contains("正在显示 总览 (1/4) · 下一屏 逾期督办 20秒后"))
        #expect(g.rowText(23).contains("q y 退出"))
        #expect(g.row(containing: "当前阶段 检查自评") == 2)  // the overview right below
    }

    /// 120×40 keeps 5-row digits (a 15-row band would take more than a third); 160×50 and 200×60 double
    /// them, 3 and 4 cells a pixel across.
    @Test(arguments: [(120, 40, 2, 1), (160, 50, 3, 2), (200, 60, 4, 2)])
    func largeScreensShowTheClockAndTheFiguresInBlockDigits(width: Int, height: Int, scale: Int, tall: Int) throws {
        let m = kiosk()
        #expect(m.figures.overdue == 13)
        #expect(m.figures.nextInspection?.days == 47 && m.figures.nextInspection?.title == "督促检查")
        #expect(Language.zh.percent(m.figures.completion) == "39%")
        let g = draw(m, width, height)
        expectWellFormed(g)
        #expect(blockColumns(g, "09:15", scale: scale, tall: tall, y: 2) == [2])
        let labelRow = 2 + BigText.height(tall: tall)
        // Each figure's digits stand centred over its label.
        for (value, label) in [("13", "逾期任务"), ("47", "距下次检查(天)"), ("39%", "任务完成率")] {
            let labelX = try #require(g.column(of: label, row: labelRow), "\(label) missing:\n\(g.plainText)")
            let cols = blockColumns(g, value, scale: scale, tall: tall, y: 2)
            #expect(cols.count == 1, "\(value): \(cols)")
            if let x = cols.first {
                let centre = x + BigText.width(value, scale: scale) / 2, labelCentre = labelX + label.displayWidth / 2
                #expect(abs(centre - labelCentre) <= 9, "\(value) at \(x), label at \(labelX)")
            }
        }
        #expect(g.rowText(labelRow + 1).contains("12-01 督促检查"))
        #expect(g.rowText(labelRow + 1).contains("涉及"))
        #expect(g[2, 2].style == Theme.builtinDefault[.bigText])
        #expect(g.row(containing: "2026年10月15日") == 2)
        #expect(g.rowText(3).contains("星期四"))
        #expect(g.rowText(4).contains("农历九月初六"))
        #expect(g.rowText(height - 1).contains("正在显示 总览 (1/4)"))
        #expect(g.row(containing: "当前阶段 检查自评") == labelRow + 3)
        #expect(labelRow + 3 <= height / 3)  // the band takes at most a third of the screen
    }

    @Test func aMidSizedScreenUsesSingleWidthDigits() {
        let g = draw(kiosk(), 100, 30)
        expectWellFormed(g)
        #expect(hasBlock(g, "09:15", scale: 1) && !hasBlock(g, "09:15", scale: 2))
        #expect(hasBlock(g, "13", scale: 1) && hasBlock(g, "47", scale: 1) && hasBlock(g, "39%", scale: 1))
        #expect(g.rowText(29).contains("正在显示 总览 (1/4)"))
    }

    /// The sizes the README gives for block digits.
    @Test func blockDigitsNeed28RowsAnd75116Columns() {
        let m = kiosk()
        func shows(_ w: Int, _ h: Int) -> (clock: Int?, figures: [String]) {
            let g = draw(m, w, h)
            expectWellFormed(g)
            let scale = [2, 1].first { hasBlock(g, "09:15", scale: $0) }
            return (scale, ["13", "47", "39%"].filter { v in scale.map { hasBlock(g, v, scale: $0) } ?? false })
        }
        #expect(shows(200, 27).clock == nil)
        #expect(shows(116, 28).clock == 2 && shows(116, 28).figures == ["13", "47", "39%"])
        #expect(shows(115, 28).clock == 1 && shows(115, 28).figures == ["13", "47", "39%"])
        #expect(shows(93, 28).clock == 1 && shows(93, 28).figures == ["13", "47", "39%"])
        #expect(shows(92, 28).figures == ["13", "39%"])  // the next inspection goes first
        #expect(shows(75, 28).figures == ["13", "39%"])
        #expect(shows(74, 28).clock == nil)
    }

    @Test func everyRotatedViewIsWellFormedAtManySizesInBothLanguages() {
        for lang in Language.allCases {
            var m = kiosk(lang: lang)
            m.reloadFailed(reason: lang.pick("文件不存在", "the file is missing"), now: t0)
            for view in 0..<4 {
                for (w, h) in [(60, 16), (80, 24), (74, 28), (75, 28), (93, 28), (100, 30), (115, 40), (116, 40), (160, 50), (200, 60), (40, 10)] {
                    let g = draw(m, w, h)
                    expectWellFormed(g)
                    if w >= 60 {
                        #expect(g.row(containing: lang.pick("正在显示", "Showing")) == h - 1, "\(lang) \(view) \(w)x\(h)")
                        #expect(g.row(containing: "⚠") != nil)
                    }
                }
                _ = m.handle(.right, now: t0)
                #expect(m.currentView == KioskModel.defaultRotation[(view + 1) % 4])
            }
        }
    }

    @Test func calendarViewShowsThisMonthAndTheStatusNamesIt() {
        var m = kiosk()
        m.tick(now: t0 + 20)
        m.tick(now: t0 + 40)
        #expect(m.currentView == .calendar)
        let g = draw(m, 160, 50)
        #expect(g.row(containing: "2026年10月") != nil)
        #expect(g.rowText(49).contains("正在显示 月历 (3/4) · 下一屏 阶段进度 20秒后"))
    }
}
