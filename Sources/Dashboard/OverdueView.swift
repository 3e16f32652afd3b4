import ShuangyongKit
import TerminalUI

/// View 3: units by overdue count (red) then due soon (blue), expandable to their tasks.
enum OverdueView {
    static func draw(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang, plan = state.plan, groups = state.derived.overdueByUnit
        let rows = state.overdueRows
        let area = body.inset(left: 1, right: 1)
        // The wall lists units only (nobody expands them there).
        let wall = !state.showsSelection
        let headers = ["", wall ? lang.pick("单位", "Unit") : lang.pick("单位 / 任务", "Unit / task"), lang.pick("逾期", "Overdue"), lang.pick("临期", "Due soon"),
                       lang.pick("截止", "Due"), lang.pick("情况", "State")]
        let mins = [4, 12, 6, 6, 14, 12]
        // At the narrowest, the task's state outlives the due date.
        let priorities = [3, 3, 3, 1, 0, 2]
        // The wall cannot expand a unit, so it shows no ▸ column (the first column's width is 0 there).
        var widths = ColumnLayout.widths(zip(mins, headers).enumerated().dropFirst(wall ? 1 : 0).map { k, p in
            .init(min: max(p.0, p.1.displayWidth), flex: k == 1 ? 3 : 0, priority: priorities[k])
        }, total: area.width)
        if wall { widths.insert(0, at: 0) }
        var x = area.x
        for (k, h) in headers.enumerated() where widths[k] > 0 {
            g.field(h, x: x, y: area.y, width: widths[k], style: theme[.header], alignRight: k == 2 || k == 3)
            x += widths[k] + 1
        }
        if groups.isEmpty {
            g.field(lang.pick("没有逾期或临期的任务。", "No overdue or due-soon tasks."), x: area.x + (wall ? 0 : widths[0] + 1), y: area.y + 2,
                    width: area.width, style: theme[.onTrack])
            return
        }
        let visible = area.height - ListLayout.headerRows
        // The desk scrolls to its selection; the wall pages through the units, one page each time round.
        let shown: Range<Int>
        if wall {
            let page = WallPage(count: rows.count, visible: visible, turn: state.wallTurn)
            shown = page.rows
            page.drawLabel(&g, total: rows.count, x: area.x, y: area.maxY - 1, width: area.width, lang, theme)
        } else {
            let top = Screen.top(state.overdueCursor, count: rows.count, visible: visible)
            shown = top..<(top + max(0, min(visible, rows.count - top)))
        }
        for (k, r) in shown.enumerated() {
            let y = area.y + ListLayout.headerRows + k
            let selected = state.showsSelection && r == state.overdueCursor.selected
            var cells: [(String, Style, Bool)] = []
            switch rows[r] {
            case let .unit(gi):
                let grp = groups[gi]
                let open = state.expandedUnits.contains(plan.units[grp.unit].id)
                cells = [(open ? "▾" : "▸", theme[.muted], false),
                         (plan.units[grp.unit].name, theme[.base].with(bold: true), false),
                         (grp.overdue.isEmpty ? "" : "\(grp.overdue.count)", theme[.overdue].with(bold: true), true),
                         (grp.dueSoon.isEmpty ? "" : "\(grp.dueSoon.count)", theme[.dueSoon], true),
                         (grp.overdue.first.map { lang.pick("最长", "max ") + lang.lateness($0.daysLate) } ?? "", theme[.muted], false),
                         ("", theme[.base], false)]
            case let .task(_, e):
                let task = plan.tasks[e.task]
                let st = state.derived.states[e.task]
                cells = [("", theme[.base], false),
                         ("  [" + lang.involvement(e.involvement) + "] " + task.id + " " + task.title, theme[.base], false),
                         ("", theme[.base], false), ("", theme[.base], false),
                         (state.index.due[e.task]?.iso ?? "", theme[.muted], false),
                         (Screen.stateLabel(st, lang), Screen.stateStyle(st, theme), false)]
            }
            if selected { g.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.selection]) }
            var cx = area.x
            for (c, (text, style, right)) in cells.enumerated() where widths[c] > 0 {
                var s = style
                if selected { s.bg = theme[.selection].bg; s.reverse = theme[.selection].reverse }
                g.field(text, x: cx, y: y, width: widths[c], style: s, alignRight: right)
                cx += widths[c] + 1
            }
        }
    }
}
