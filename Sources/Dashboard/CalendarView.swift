import ShuangyongKit
import TerminalUI

/// View 4: a month grid with activities, deadlines, phase boundaries and lunar festivals marked.
enum CalendarView {
    static func draw(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        let month = YearMonth(state.calendarDay)
        // The month's events as the state keeps them (with where each day's are), not sorted out again
        // each frame: a month of a large plan has thousands of deadlines.
        let events = state.monthEvents
        let spans = state.monthSpans.map { events[$0] }

        // Side list: the selected day's events (Enter), else the month's spans and events.
        let sideW = body.width >= 110 ? body.width / 3 : body.width >= 90 ? 34 : 0
        let (gridArea, side) = body.splitLeft(body.width - sideW)
        let area = gridArea.inset(left: 1, right: 1)

        let title = lang == .zh ? "\(month.year)年\(month.month)月" : "\(month)"
        g.field(title, x: area.x, y: area.y, width: 12, style: theme[.header].with(bold: true))
        let spanText = spans.map { e in e.title + "(\(e.start.month)/\(e.start.day)–\(e.end.month)/\(e.end.day))" }.joined(separator: "  ")
        g.field(spanText, x: area.x + 13, y: area.y, width: area.width - 13, style: theme[.activity])

        // 7 columns × up to 6 weeks.
        let colW = max(8, area.width / 7)
        let first = month.first
        let lead = first.weekdayFromMonday
        let weeks = (lead + Day.daysIn(month: month.month, year: month.year) + 6) / 7
        // One row per week when that is all there is (day numbers only; Enter lists a day's events).
        let cellH = max(1, (area.height - 2) / weeks)
        for d in 0..<7 {
            g.field(lang.weekday(d), x: area.x + d * colW, y: area.y + 1, width: colW - 1, style: theme[d >= 5 ? .weekend : .header])
        }
        for day in month.first.day...month.last.day {
            let date = Day(year: month.year, month: month.month, day: day)!
            let slot = lead + day - 1
            let cx = area.x + (slot % 7) * colW, cy = area.y + 2 + (slot / 7) * cellH
            guard cy < area.maxY else { continue }
            let isToday = date == state.today, isSelected = date == state.calendarDay
            var numStyle = theme[(slot % 7) >= 5 ? .weekend : .base]
            if isToday { numStyle = theme[.today] }
            if isSelected { numStyle = theme[.selection] }
            let lunar = state.lunar.lunarDate(of: date)
            let lunarText = lunar.day == 1 ? lunar.monthName : lunar.dayName
            g.field(String(day), x: cx, y: cy, width: 3, style: numStyle.with(bold: true), alignRight: true)
            g.field(lunarText, x: cx + 3, y: cy, width: colW - 4, style: theme[.muted])
            let dayEvents = day - 1 < state.monthEventsByDay.count ? state.monthEventsByDay[day - 1] : []
            for (k, i) in dayEvents.prefix(max(0, min(cellH - 1, area.maxY - cy - 1))).enumerated() {
                let e = events[i]
                let more = k == cellH - 2 && dayEvents.count > cellH - 1
                let text = more ? "+\(dayEvents.count - k)" : marker(e, lang) + e.title
                g.field(text, x: cx, y: cy + 1 + k, width: colW - 1, style: style(e, theme))
            }
        }

        // The selected day's events from the month's (kept up to date), not the whole plan again each frame.
        // The selected day's: the spans that cover it and its own, in the month's order.
        let selectedDayEvents: [Int]
        if state.showDayEvents {
            let day = state.calendarDay.day - 1
            let own = day < state.monthEventsByDay.count ? state.monthEventsByDay[day] : []
            selectedDayEvents = (state.monthSpans.filter { events[$0].covers(state.calendarDay) } + own).sorted()
        } else {
            selectedDayEvents = []
        }
        if side.width > 0 {
            let showDay = state.showDayEvents
            let list = showDay ? selectedDayEvents : Array(events.indices)
            let heading = showDay ? state.calendarDay.iso + " " + state.lunar.lunarDate(of: state.calendarDay).description
                                  : lang.pick("本月事项", "This month")
            drawList(&g, side, heading, list, state, theme)
        } else if state.showDayEvents {
            // Narrow screens: the day's events in a box over the grid.
            let list = selectedDayEvents
            let h = min(body.height - 2, list.count + 2)
            let r = Rect(x: body.x + 4, y: body.maxY - max(3, h) - 1, width: body.width - 8, height: max(3, h))
            g.fill(r, style: theme[.base])
            drawList(&g, r, state.calendarDay.iso, list, state, theme)
        }
    }

    static func marker(_ e: CalendarEvent, _ lang: Language) -> String {
        switch e.kind {
        case .activity: return "★"
        case .deadline: return "◆"
        case .phaseStart: return "▶"
        case .phaseEnd: return "◀"
        case .festival: return "✿"
        case .fixedDay: return "◎"
        }
    }

    static func style(_ e: CalendarEvent, _ theme: Theme) -> Style {
        switch e.kind {
        case .activity: return theme[.activity]
        case .deadline: return e.state.map { Screen.stateStyle($0, theme) } ?? theme[.base]
        case .phaseStart, .phaseEnd: return theme[.phaseBar]
        case .festival, .fixedDay: return theme[.festival]
        }
    }

    /// Draws the events at positions `list` of the month's (`state.monthEvents`), as many as fit.
    private static func drawList(_ g: inout Grid, _ r: Rect, _ title: String, _ list: [Int], _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        g.box(r, title: title, style: theme[.border], titleStyle: theme[.header])
        let inner = r.inset(left: 2, top: 1, right: 1, bottom: 1)
        if list.isEmpty {
            g.field(lang.pick("无事项", "nothing"), x: inner.x, y: inner.y, width: inner.width, style: theme[.muted])
        }
        let shown = OverviewView.listRows(&g, inner, count: list.count, state, theme)
        for (k, i) in list[shown].enumerated() {
            let e = state.monthEvents[i]
            let when = e.isSingleDay ? String(e.start.iso.dropFirst(5)) : "\(e.start.month)/\(e.start.day)–\(e.end.month)/\(e.end.day)"
            let kind = lang.eventKind(e.kind)
            g.field(when, x: inner.x, y: inner.y + k, width: 11, style: theme[.muted])
            g.field(marker(e, lang) + kind + " " + e.title, x: inner.x + 12, y: inner.y + k, width: inner.width - 12, style: style(e, theme))
        }
    }
}
