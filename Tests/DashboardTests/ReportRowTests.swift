import Dashboard
import ShuangyongKit
import Testing

/// Every field of a report row describes that row's own date or task, never another row's or the month's.
@Suite("Report rows agree with their own dates")
struct ReportRowTests {
    let plan = SamplePlan.make(year: 2026)

    /// The calendar report over two years of months: each row's weekday and lunar date are those of the
    /// day its date column starts with (a span's own first day, also when it began in an earlier month).
    @Test func calendarRowsDescribeTheirOwnDate() {
        let lunar = LunarCalendar(timeZone: plan.timeZone)
        for lang in Language.allCases {
            let reports = Reports(status: PlanStatus(plan: plan, today: Day(year: 2026, month: 8, day: 10)!), lang: lang)
            var spansBeforeTheMonth = 0
            for m in 0..<24 {
                let month = YearMonth(year: 2026, month: 1)!.adding(months: m)
                for row in reports.calendar(month).rows {
                    let parts = row[0].components(separatedBy: "…")
                    guard let day = Day(iso: parts[0]) else {
                        Issue.record("no date in \(row)")
                        continue
                    }
                    if parts.count == 2, day < month.first { spansBeforeTheMonth += 1 }
                    #expect(row[1] == lang.weekday(day.weekdayFromMonday), "\(month): \(row)")
                    #expect(row[2] == lunar.lunarDate(of: day).description, "\(month): \(row)")
                }
            }
            #expect(spansBeforeTheMonth > 0)  // the half-year liaison visits run Jul–Dec
        }
    }

    /// The issue's case: August 2026 lists the Jul–Dec span with 2026-07-01's weekday (Wed) and lunar date.
    @Test func augustListsTheHalfYearSpanWithItsOwnStart() {
        let reports = Reports(status: PlanStatus(plan: plan, today: Day(year: 2026, month: 8, day: 10)!), lang: .en)
        let row = reports.calendar(YearMonth(year: 2026, month: 8)!).rows.first { $0[0] == "2026-07-01…2026-12-31" }
        #expect(row?[1] == "Wed")
        #expect(row?[2] == "五月十七")
    }

    /// Overdue rows: the state and the days late are both the task's, counted from its own due day.
    @Test func overdueRowsCountFromTheirOwnDueDay() {
        let today = Day(year: 2026, month: 10, day: 15)!
        let reports = Reports(status: PlanStatus(plan: plan, today: today), lang: .en)
        let rows = reports.overdue().rows
        #expect(!rows.isEmpty)
        for row in rows {
            guard let due = Day(iso: row[4]), let late = Int(row[6]) else {
                Issue.record("\(row)")
                continue
            }
            #expect(due.days(to: today) == late, "\(row)")
            #expect(row[5] == Language.en.lateness(late), "\(row)")
        }
    }
}
