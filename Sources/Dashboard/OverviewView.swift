import ShuangyongKit
import TerminalUI

/// View 1: where the plan stands today at a glance.
enum OverviewView {
    static func draw(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang, d = state.derived
        let base = theme[.base], muted = theme[.muted]
        var y = body.y
        let x = body.x + 1, w = body.width - 2

        // Phase line and plan-year progress.
        // Before the first phase or after the last there is no phase under way to show time elapsed for.
        if let s = lang.phaseHeadline(d.status) {
            g.field(s, x: x, y: y, width: w, style: theme[.header])
        }
        y += 1
        let labelW = 11  // "Completion" and a space; 任务完成 and three
        g.field(lang.pick("全年时间", "Year"), x: x, y: y, width: labelW, style: muted)
        let barW = max(10, w - labelW - 8)
        g.gauge(x: x + labelW, y: y, width: barW, fraction: d.status.timeProgress, filled: theme[.progressFilled], empty: theme[.progressEmpty])
        g.field(lang.percent(d.status.timeProgress), x: x + labelW + barW + 1, y: y, width: 6, style: base, alignRight: true)
        y += 1
        let sum = d.planSummary
        g.field(lang.pick("任务完成", "Completion"), x: x, y: y, width: labelW, style: muted)
        g.gauge(x: x + labelW, y: y, width: barW, fraction: sum.hasCountedTasks ? sum.completion : 0, filled: theme[.done],
                empty: theme[.progressEmpty])
        g.field(lang.completion(sum), x: x + labelW + barW + 1, y: y, width: 6, style: base, alignRight: true)
        y += 1

        // Counts.
        let counts: [(String, Int, Role)] = [
            (lang.pick("已完成", "done"), sum.done, .done), (lang.pick("进行中", "in progress"), sum.inProgress, .base),
            (lang.pick("逾期", "overdue"), sum.overdue, .overdue), (lang.pick("临期", "due soon"), sum.dueSoon, .dueSoon),
            (lang.pick("滞后", "behind"), sum.behind, .behind), (lang.pick("任务总数", "tasks"), sum.total, .muted),
        ]
        var cx = x
        for (label, n, role) in counts {
            let text = "\(label) \(n)"
            if cx + text.displayWidth > x + w { break }
            cx += g.put(text, x: cx, y: y, style: theme[role].with(bold: true)) + 3
        }
        y += 2

        // Sections on the left, activities and units on the right.
        let rest = Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)
        guard rest.height >= 3 else { return }
        let rightW = rest.width >= 100 ? rest.width * 2 / 5 : rest.width >= 76 ? 34 : 0
        let (left, right) = rest.splitLeft(rest.width - rightW)
        drawSections(&g, left, state, theme)
        if rightW > 0 {
            let upH = max(3, right.height / 2)
            let (up, down) = right.splitTop(upH)
            drawUpcoming(&g, up, state, theme)
            drawWorstUnits(&g, down, state, theme)
        }
    }

    /// Which of a box's `count` rows to show in `inner`: the first that fit on the desk (which says what is
    /// left over where it matters), a page with "n/m" under it on the wall.
    static func listRows(_ g: inout Grid, _ inner: Rect, count: Int, _ state: DashboardState, _ theme: Theme) -> Range<Int> {
        guard !state.showsSelection else { return 0..<min(count, max(0, inner.height)) }
        let page = WallPage(count: count, visible: inner.height, turn: state.wallTurn)
        page.drawLabel(&g, total: count, x: inner.x, y: inner.maxY - 1, width: inner.width, state.lang, theme)
        return page.rows
    }

    private static func drawSections(_ g: inout Grid, _ r: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        g.box(r, title: lang.pick("各部分进度", "Sections"), style: theme[.border], titleStyle: theme[.header])
        let inner = r.inset(left: 2, top: 1, right: 2, bottom: 1)
        if state.plan.sections.isEmpty {
            g.field(lang.pick("计划中还没有任务部分", "The plan has no sections yet"), x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
            return
        }
        // Columns: title, gauge, percent, light, done/total (dropped first when narrow).
        let titleW = min(24, state.derived.widestSectionTitle ?? 10)
        let widths = ColumnLayout.widths([.init(min: min(titleW, 20), flex: 1), .init(min: 6, flex: 3), .init(min: 4), .init(min: 4),
                                          .init(min: 5)], total: inner.width)
        let sections = state.plan.sections
        let shown = listRows(&g, inner, count: sections.count, state, theme)
        for (row, k) in shown.enumerated() {
            let s = sections[k], sum = state.derived.sectionSummaries[k]
            let y = inner.y + row
            var x = inner.x
            g.field(Screen.sectionNumber(s.number) + s.title, x: x, y: y, width: widths[0], style: theme[.base])
            x += widths[0] + 1
            g.gauge(x: x, y: y, width: widths[1], fraction: sum.hasCountedTasks ? sum.completion : 0, filled: theme[.progressFilled],
                    empty: theme[.progressEmpty])
            x += widths[1] + 1
            g.field(lang.completion(sum), x: x, y: y, width: widths[2], style: theme[.base], alignRight: true)
            x += widths[2] + 1
            let (text, style) = Screen.light(sum.light, lang, theme)
            g.field(text, x: x, y: y, width: widths[3], style: style)
            x += widths[3] + 1
            g.field("\(sum.done)/\(sum.total - sum.cancelled)", x: x, y: y, width: widths[4], style: theme[.muted], alignRight: true)
        }
        if state.showsSelection, state.plan.sections.count > inner.height, inner.height > 0 {
            g.field("… +\(state.plan.sections.count - inner.height)", x: inner.x, y: inner.maxY - 1, width: inner.width, style: theme[.muted])
        }
    }

    private static func drawUpcoming(_ g: inout Grid, _ r: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        g.box(r, title: lang.pick("近期活动", "Coming up"), style: theme[.border], titleStyle: theme[.header])
        let inner = r.inset(left: 2, top: 1, right: 1, bottom: 1)
        let all = state.derived.upcoming
        if all.isEmpty {
            g.field(lang.pick("暂无", "nothing scheduled"), x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
        }
        for (k, i) in listRows(&g, inner, count: all.count, state, theme).enumerated() {
            let e = all[i]
            // MM-DD this year; YY-MM-DD from next year on, so a list that runs into January still reads in order.
            let when = e.start <= state.today && !e.isSingleDay
                ? lang.pick("进行中", "now")
                : e.start.year == state.today.year ? String(e.start.iso.dropFirst(5)) : String(e.start.iso.dropFirst(2))
            g.field(when, x: inner.x, y: inner.y + k, width: 8, style: theme[.muted])
            let role: Role = e.kind == .festival || e.kind == .fixedDay ? .festival : e.kind == .activity ? .activity : .phaseBar
            let title = e.kind == .phaseStart ? e.title + lang.pick("开始", " starts")
                : e.kind == .phaseEnd ? e.title + lang.pick("结束", " ends") : e.title
            g.field(title, x: inner.x + 9, y: inner.y + k, width: inner.width - 9, style: theme[role])
        }
    }

    private static func drawWorstUnits(_ g: inout Grid, _ r: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        g.box(r, title: lang.pick("逾期最多的单位", "Most overdue units"), style: theme[.border], titleStyle: theme[.header])
        let inner = r.inset(left: 2, top: 1, right: 1, bottom: 1)
        // Units with overdue tasks come first in `overdueByUnit` (it is sorted by their number, most first).
        let groups = state.derived.overdueByUnit.prefix { !$0.overdue.isEmpty }
        if groups.isEmpty {
            g.field(lang.pick("没有逾期任务", "no overdue tasks"), x: inner.x, y: inner.y, width: inner.width, style: theme[.onTrack])
        }
        for (k, i) in listRows(&g, inner, count: groups.count, state, theme).enumerated() {
            let grp = groups[i]
            let n = "\(grp.overdue.count)"
            g.field(n, x: inner.x, y: inner.y + k, width: 3, style: theme[.overdue].with(bold: true), alignRight: true)
            g.field(state.plan.units[grp.unit].name, x: inner.x + 4, y: inner.y + k, width: inner.width - 4, style: theme[.base])
        }
    }
}
