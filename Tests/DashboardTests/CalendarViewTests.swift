import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

@Suite("The calendar's day list")
struct CalendarDayListTests {
    /// Enter lists the selected day's events (spans that cover it included), taken from the month's
    /// events rather than the whole plan again every frame: the same list either way.
    @Test func theDayListIsTheDaysEvents() {
        var app = sampleApp(view: .calendar, width: 160, height: 50) { $0.calendarDay = Day(year: 2026, month: 8, day: 1)! }
        _ = app.update(key: .enter)
        let g = render(app)
        expectWellFormed(g)
        let expected = app.state.derived.calendar.events(on: app.state.calendarDay)
        #expect(expected.contains { $0.title == "八一建军节走访慰问" } && expected.contains { !$0.isSingleDay })
        guard let heading = g.row(containing: "2026-08-01 六月十九") else {
            Issue.record("no day list: \(g.plainText)")
            return
        }
        let x = g.column(of: "2026-08-01 六月十九", row: heading) ?? 0
        var shown: [String] = []
        for y in (heading + 1)..<g.height {
            let cells = (x..<(g.width - 1)).filter { !g[$0, y].isContinuation }.map { String(g[$0, y].text) }
            let side = cells.joined().trimmingCharacters(in: .whitespaces)
            if side.hasPrefix("──") || side.isEmpty { break }
            shown.append(side)
        }
        #expect(shown.count == expected.count && expected.count >= 2, "\(shown)")
        for (line, e) in zip(shown, expected) { #expect(line.contains(e.title.prefix(5)), "\(line) / \(e.title)") }
    }
}
