import ShuangyongKit
import TerminalUI

/// View 2: phases as bars across the months (Gantt), a today marker, each phase's tasks with status.
enum TimelineView {
    /// Where a day falls in the chart, or nil outside it.
    struct Scale {
        let x: Int, monthWidth: Int, start: YearMonth, months: Int

        func column(of day: Day) -> Int? {
            let m = (day.year - start.year) * 12 + day.month - start.month
            guard m >= 0, m < months else { return nil }
            return x + m * monthWidth + (day.day - 1) * monthWidth / Day.daysIn(month: day.month, year: day.year)
        }

        var end: Int { x + months * monthWidth }

        /// Columns covered by a day range, clipped to the chart.
        func span(_ a: Day, _ b: Day) -> Range<Int>? {
            let first = start.first, last = start.adding(months: months - 1).last
            guard b >= first, a <= last else { return nil }
            let lo = column(of: max(a, first)) ?? x
            let hi = column(of: min(b, last)) ?? (end - 1)
            return lo..<max(lo + 1, hi + 1)
        }
    }

    /// The first month of the chart: the one chosen (← → on the desk), except that while it is the default
    /// (and always on the wall) today's month is kept on the chart: a plan longer than the chart opens at today.
    static func chartStart(_ state: DashboardState, months: Int) -> YearMonth {
        let start = state.timelineStart, today = YearMonth(state.today)
        guard !state.showsSelection || start == DashboardState.defaultTimelineStart(plan: state.plan, today: state.today) else {
            return start
        }
        return today < start.adding(months: months) ? start : today.adding(months: -(months - 1) / 3)
    }

    /// A month's header label in `width` cells: with the year on the chart's first month and on January when it
    /// fits whole, else the month alone ("10月", or "10" when not every month's "12月" fits), never cut.
    static func monthLabel(_ ym: YearMonth, first: Bool, width: Int, _ lang: Language) -> String {
        if first || ym.month == 1 {
            let withYear = lang == .zh ? "\(ym.year)年\(ym.month)月" : "\(ym.month)/\(ym.year)"
            if withYear.displayWidth <= width { return withYear }
        }
        // Every month alike: "月" only where "12月" fits too.
        return lang == .zh && width >= "12月".displayWidth ? "\(ym.month)月" : "\(ym.month)"
    }

    static func draw(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang, plan = state.plan
        let area = body.inset(left: 1, right: 1)
        let labelW = min(40, max(22, area.width / 4))
        let chartX = area.x + labelW + 1
        let chartW = area.maxX - chartX
        let monthW = max(4, chartW / 12)
        let months = max(1, chartW / monthW)
        let scale = Scale(x: chartX, monthWidth: monthW, start: chartStart(state, months: months), months: months)

        // Month header with the today marker.
        // Outside every phase the corner says so ("计划12天后开始", "计划已于…结束"): no bar is under way.
        var corner = lang.pick("阶段 / 任务", "Phase / task")
        switch state.status.phaseStanding {
        case .inPhase?, nil: break
        case let standing?: corner = lang.phaseShort(standing)
        }
        g.field(corner, x: area.x, y: area.y, width: labelW, style: theme[.header])
        for m in 0..<scale.months {
            let ym = scale.start.adding(months: m)
            g.field("│" + monthLabel(ym, first: m == 0, width: monthW - 1, lang), x: chartX + m * monthW, y: area.y, width: monthW,
                    style: theme[.header])
        }
        let todayX = scale.column(of: state.today)
        // Today's column is marked in every row; in the header it is highlighted without hiding the label.
        if let tx = todayX { g.restyle(Rect(x: tx, y: area.y, width: 1, height: 1)) { $0 = theme[.today] } }

        let rows = state.timelineRows
        let visible = area.height - ListLayout.headerRows
        // The desk scrolls to its selection (which starts on the current phase); the wall pages from the current phase.
        let shown: Range<Int>
        if state.showsSelection {
            let top = Screen.top(state.timelineCursor, count: rows.count, visible: visible)
            shown = top..<(top + max(0, min(visible, rows.count - top)))
        } else {
            let page = WallPage(count: rows.count, visible: visible, turn: state.wallTurn, anchor: state.currentPhaseRow ?? 0)
            shown = page.rows
            page.drawLabel(&g, total: rows.count, x: area.x, y: area.maxY - 1, width: area.width, lang, theme)
        }
        for (k, r) in shown.enumerated() {
            let y = area.y + ListLayout.headerRows + k
            let selected = state.showsSelection && r == state.timelineCursor.selected
            if selected { g.fill(Rect(x: area.x, y: y, width: labelW, height: 1), style: theme[.selection]) }
            let sel: (Style) -> Style = { s in
                guard selected else { return s }
                var t = s
                t.bg = theme[.selection].bg
                t.reverse = theme[.selection].reverse
                return t
            }
            // Light month grid so bars can be read against months.
            for m in 0..<scale.months { g.put("┊", x: chartX + m * monthW, y: y, style: theme[.border]) }
            switch rows[r] {
            case let .phase(p):
                let phase = plan.phases[p]
                g.field(phase.name + " " + Reports(status: state.status, lang: lang).phaseState(phase), x: area.x, y: y, width: labelW,
                        style: sel(theme[.header]))
                if let span = scale.span(phase.start, phase.end) {
                    let done = state.status.progress(through: phase)
                    let filledTo = span.lowerBound + Int((Double(span.count) * done).rounded())
                    for cx in span {
                        g.put(cx < filledTo ? "█" : "▒", x: cx, y: y, style: theme[cx < filledTo ? .progressFilled : .phaseBar])
                    }
                }
            case let .task(t):
                let task = plan.tasks[t], st = state.derived.states[t]
                let mark: String
                switch st {
                case .done: mark = "✓"
                case .cancelled: mark = "×"
                case .overdue: mark = "!"
                default: mark = task.status == .inProgress ? "▶" : task.status == .blocked ? "■" : "·"
                }
                g.field(" " + mark + " " + task.title, x: area.x, y: y, width: labelW, style: sel(Screen.stateStyle(st, theme)))
                if let due = state.index.due[t], let dx = scale.column(of: due) {
                    g.put("◆", x: dx, y: y, style: Screen.stateStyle(st, theme))
                    if task.progress > 0, task.progress < 100, let start = state.index.start[t], let span = scale.span(start, due) {
                        let n = span.count * task.progress / 100
                        for cx in span.prefix(n) where cx != dx { g.put("─", x: cx, y: y, style: theme[.muted]) }
                    }
                }
            }
            if let tx = todayX, g[tx, y].text == " " || g[tx, y].text == "┊" { g.put("│", x: tx, y: y, style: theme[.today]) }
        }
    }
}
