import Dashboard
import Foundation
import ShuangyongKit
import Testing
import TerminalUI

/// 2026-10-15 09:15 in Shanghai: the sample's reference day.
private let t0: Date = {
    var cal = Calendar(identifier: .gregorian)
    cal.timeZone = TimeZone(identifier: "Asia/Shanghai")!
    return cal.date(from: DateComponents(year: 2026, month: 10, day: 15, hour: 9, minute: 15))!
}()

private let wallSizes = [(80, 24), (120, 40), (160, 50), (200, 60)]

private func wall(_ view: ViewID, lang: Language = .zh, plan: Plan = SamplePlan.make(year: 2026)) -> KioskModel {
    let state = DashboardState(plan: plan, today: plan.today(at: t0), lang: lang)
    return KioskModel(state: state, rotation: [.view(view)], now: t0)
}

/// The wall's screens for `view`, one for each time the view comes round, `turns` times.
private func screens(_ view: ViewID, _ w: Int, _ h: Int, turns: Int, lang: Language = .zh) -> [Grid] {
    var m = wall(view, lang: lang)
    var out = [Grid]()
    for _ in 0..<turns {
        out.append(KioskScreen.render(m, width: w, height: h, theme: Theme.builtinDefault))
        _ = m.handle(.right, now: t0)  // the one-view rotation comes round again
    }
    return out
}

/// "2/3页" or "page 2/3" on the screen, as (page, pages).
private func pageLabel(_ g: Grid) -> (Int, Int)? {
    for y in 0..<g.height {
        let row = g.rowText(y)
        if let m = row.firstMatch(of: /(\d+)\/(\d+)页 · 共\d+项/) ?? row.firstMatch(of: /page (\d+)\/(\d+) · \d+ rows/) {
            return (Int(m.1)!, Int(m.2)!)
        }
    }
    return nil
}

/// The pages of a list in the order the wall shows them.
private enum WallPageProbe {
    static func pages(count: Int, visible: Int, anchor: Int = 0) -> [Range<Int>] {
        let n = WallPage(count: count, visible: visible, turn: 0, anchor: anchor).pages
        return (0..<n).map { WallPage(count: count, visible: visible, turn: $0, anchor: anchor).rows }
    }
}

@Suite("Office screen: long lists page, the timeline opens at today, nothing suggests a dead key")
struct KioskListTests {
    @Test func pagesSplitAListAtItsAnchorAndComeRound() {
        // 10 rows in 4: 3 a page plus the "n/m" row.
        #expect(WallPageProbe.pages(count: 10, visible: 4) == [0..<3, 3..<6, 6..<9, 9..<10])
        #expect(WallPageProbe.pages(count: 3, visible: 4) == [0..<3])
        // Anchored at row 5: that page first, the rows before it in pages of their own.
        #expect(WallPageProbe.pages(count: 10, visible: 4, anchor: 5) == [5..<8, 8..<10, 0..<2, 2..<5])
        // Near the end the anchor's page is the last full one.
        #expect(WallPageProbe.pages(count: 10, visible: 4, anchor: 9) == [7..<10, 0..<1, 1..<4, 4..<7])
    }

    /// The instance: 20 of 27 units at 80×24 with no sign of the rest. Every unit comes round, and every
    /// screen that leaves some out says which page it is.
    @Test(arguments: wallSizes)
    func overdueUnitsPageAndEveryUnitIsShownOverTime(width: Int, height: Int) {
        let m = wall(.overdue)
        let names = m.state.derived.overdueByUnit.map { m.state.plan.units[$0.unit].name }
        #expect(names.count == 27)
        let shots = screens(.overdue, width, height, turns: 6)
        var seen = Set<String>()
        for (turn, g) in shots.enumerated() {
            expectWellFormed(g)
            let here = names.filter { n in (0..<g.height).contains { g.rowText($0).contains(" " + n + " ") } }
            seen.formUnion(here)
            if here.count < names.count {
                let label = pageLabel(g)
                #expect(label != nil, "\(width)x\(height) turn \(turn): \(here.count) of \(names.count) with no page label")
                if let (p, n) = label { #expect(p == turn % n + 1) }
            } else {
                #expect(pageLabel(g) == nil)
            }
        }
        #expect(seen == Set(names), "\(width)x\(height): never shown: \(Set(names).subtracting(seen))")
    }

    /// The overview's lists (sections, coming up, most overdue units) and the calendar's day list: every
    /// row comes round, with "n/m" whenever some are left out.
    @Test(arguments: wallSizes)
    func overviewListsPageToo(width: Int, height: Int) {
        let m = wall(.overview)
        let units = m.state.derived.overdueByUnit.filter { !$0.overdue.isEmpty }.map { m.state.plan.units[$0.unit].name }
        let shots = screens(.overview, width, height, turns: 12)
        guard width >= 76 else { return }
        var seen = Set<String>()
        for g in shots {
            expectWellFormed(g)
            let text = g.plainText
            // A long name may be cut at the box's edge: its first characters are enough.
            let here = units.filter { text.contains(" " + String($0.prefix(8))) }
            seen.formUnion(here)
            if here.count < units.count { #expect(pageLabel(g) != nil, "\(width)x\(height)") }
        }
        #expect(seen == Set(units), "\(width)x\(height): never shown: \(Set(units).subtracting(seen))")
    }

    @Test(arguments: wallSizes)
    func noExpandMarkersOrDeadKeyHintsOnTheWall(width: Int, height: Int) {
        for lang in Language.allCases {
            for view in KioskModel.defaultRotation.compactMap(\.view) {
                for g in screens(view, width, height, turns: 2, lang: lang) {
                    #expect(!g.plainText.contains("▸") && !g.plainText.contains("▾"), "\(view) \(width)x\(height)")
                    // Only the keys the wall takes are named: Space, ←→, q y.
                    for hint in ["Enter", "回车", "Esc", "展开", "expand", "PgUp", "PgDn"] {
                        #expect(!g.plainText.contains(hint), "\(view) \(width)x\(height): \(hint)")
                    }
                }
            }
        }
    }

    /// The instance: the timeline opened at the finished first phase; 检查自评 (under way) was off-screen.
    @Test(arguments: wallSizes)
    func theWallTimelineOpensAtTheCurrentPhaseAndPagesThroughTheRest(width: Int, height: Int) {
        let m = wall(.timeline)
        let phases = m.state.plan.phases.map(\.name)
        let shots = screens(.timeline, width, height, turns: 8)
        #expect(shots[0].row(containing: "检查自评 进行中") != nil, "\(width)x\(height):\n\(shots[0].plainText)")
        var seen = Set<String>()
        for g in shots {
            expectWellFormed(g)
            seen.formUnion(phases.filter { p in (0..<g.height).contains { g.rowText($0).hasPrefix(" " + p + " ") } })
        }
        #expect(seen == Set(phases))
    }

    @Test(arguments: [(80, 24), (120, 40), (160, 50)])
    func theDeskTimelineOpensAtTheCurrentPhaseToo(width: Int, height: Int) {
        var app = sampleApp(view: .timeline, width: width, height: height)
        let row = app.state.currentPhaseRow
        #expect(row != nil && app.state.timelineCursor.selected == row)
        #expect(render(app).row(containing: "检查自评 进行中") != nil)
        // Away and back with g (today).
        _ = app.update(key: .home)
        _ = app.update(key: .char("g"))
        #expect(app.state.timelineCursor.selected == row)
        #expect(render(app).row(containing: "检查自评 进行中") != nil)
    }

    /// Month labels are whole ("2026年4…" was cut), with the year only where it fits, on desk and wall.
    @Test(arguments: [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60), (240, 60)])
    func monthLabelsAreNeverCut(width: Int, height: Int) throws {
        for lang in Language.allCases {
            let desk = render(sampleApp(view: .timeline, lang: lang, width: width, height: height))
            let onWall = screens(.timeline, width, height, turns: 1, lang: lang)[0]
            for g in [desk, onWall] {
                let y = try #require(g.row(containing: lang.pick("阶段 / 任务", "Phase / task")))
                let labels = g.rowText(y).split(separator: "│").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(labels.count >= 12)
                for l in labels {
                    let whole = lang == .zh ? l.wholeMatch(of: /(\d{4}年)?\d{1,2}月|\d{1,2}/) : l.wholeMatch(of: /\d{1,2}(\/\d{4})?/)
                    #expect(whole != nil, "\(lang) \(width)x\(height): \(l)")
                }
                // All months alike: "10月" with "9月", never "9月" with "10".
                if lang == .zh { #expect(labels.filter { $0.hasSuffix("月") }.count == 0 || labels.allSatisfy { $0.hasSuffix("月") }) }
            }
        }
    }

    /// A day long after the chart's default first month: the chart moves so today is on it.
    @Test(arguments: wallSizes)
    func todayStaysOnTheChart(width: Int, height: Int) {
        let later = Day(year: 2027, month: 9, day: 15)!
        let desk = render(sampleApp(view: .timeline, today: later, width: width, height: height))
        var m = wall(.timeline)
        m.tick(now: t0 + 86_400 * 335)  // 2027-09-15
        let onWall = KioskScreen.render(m, width: width, height: height, theme: Theme.builtinDefault)
        for g in [desk, onWall] {
            // Today's column is marked (in the header and down the rows) only when it is on the chart.
            let marked = (3..<g.height).contains { y in (0..<g.width).contains { g[$0, y].style == Theme.builtinDefault[.today] } }
            #expect(marked, "\(width)x\(height)\n\(g.plainText)")
        }
    }
}
