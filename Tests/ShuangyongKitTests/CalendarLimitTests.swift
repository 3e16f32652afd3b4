import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

/// The ends of the calendar a plan can name, 0001-01-01 and 9999-12-31: arithmetic clamps, nothing traps.
@Suite("Dates at the ends of the calendar")
struct CalendarLimitTests {
    func day(_ s: String) -> Day { Day(iso: s)! }

    /// A plan whose activities use every kind of rule.
    func plan() -> Plan {
        var p = miniPlan()
        p.activities = [
            Activity(id: "y", title: "八一走访", kind: .visit, rule: .yearly(month: 8, day: 1)),
            Activity(id: "l", title: "春节慰问", kind: .visit, rule: .lunar(month: 12, day: 29)),
            Activity(id: "m", title: "双拥活动月", kind: .campaign, rule: .months([1, 8, 12])),
            Activity(id: "h", title: "联系点走访", kind: .visit, rule: .halfYearly),
            Activity(id: "o", title: "检查", kind: .inspection, rule: .once(day("9999-12-31"))),
            Activity(id: "r", title: "集中宣传", kind: .campaign, rule: .range(day("9999-12-25"), day("9999-12-31"))),
        ]
        return p
    }

    @Test func dayArithmeticClampsToTheCalendarsEnds() {
        #expect(Day.min == day("0001-01-01") && Day.max == day("9999-12-31"))
        #expect(Day.max.adding(days: 1) == .max)
        #expect(day("9999-12-20").adding(days: 400) == .max)
        #expect(Day.min.adding(days: -1) == .min)
        #expect(Day.max.adding(days: Int.max) == .max && Day.min.adding(days: Int.min) == .min)
        #expect(day("9999-12-20").adding(months: 1) == .max)
        #expect(day("0001-01-20").adding(months: -1) == .min)
        #expect(Day.max.adding(months: Int.max) == .max && Day.min.adding(months: Int.min) == .min)
        #expect(day("9999-11-30").adding(months: 1) == day("9999-12-30"))  // inside the range: as before
        #expect(Day(ordinal: Int.max) == .max && Day(ordinal: Int.min) == .min)
        #expect(Day(ordinal: Day.max.ordinal + 1) == .max && Day(ordinal: Day.min.ordinal - 1) == .min)
        let utc = TimeZone(identifier: "UTC")!
        #expect(Day(instant: Date(timeIntervalSince1970: 1e12), in: utc) == .max)
        #expect(Day(instant: Date(timeIntervalSince1970: -1e12), in: utc) == .min)
        #expect(Day(instant: Date(timeIntervalSince1970: 253_402_300_799), in: utc) == .max)
    }

    @Test func monthsClampToo() {
        let last = YearMonth(year: 9999, month: 12)!
        #expect(last.adding(months: 1) == last)
        #expect(last.adding(months: Int.max) == last)
        #expect(last.last == .max)
        let first = YearMonth(year: 1, month: 1)!
        #expect(first.adding(months: -1) == first)
        #expect(first.first == .min)
        #expect(YearMonth(year: 9999, month: 11)!.adding(months: 1) == last)
    }

    @Test func aCalendarLookingPastTheLastYearDoesNotTrap() {
        let cal = PlanCalendar(status: PlanStatus(plan: plan(), today: day("9999-12-20")))
        let upcoming = cal.upcoming(limit: 10)
        #expect(!upcoming.isEmpty)
        #expect(upcoming.allSatisfy { $0.end <= .max })
        #expect(upcoming.contains { $0.ref == "o" && $0.start == .max })
        #expect(cal.nextActivity()?.event.ref == "r")
        let december = cal.events(in: YearMonth(year: 9999, month: 12)!)
        #expect(december.contains { $0.ref == "m" && $0.start == day("9999-12-01") && $0.end == .max })
        #expect(december.contains { $0.ref == "h" && $0.start == day("9999-07-01") })
        #expect(cal.events(on: .max).contains { $0.ref == "o" })
    }

    @Test func aCalendarAtTheFirstDayDoesNotTrap() {
        let cal = PlanCalendar(status: PlanStatus(plan: plan(), today: .min))
        _ = cal.upcoming(limit: 10)
        _ = cal.nextActivity()
        #expect(cal.events(in: YearMonth(year: 1, month: 1)!).contains { $0.ref == "m" && $0.start == .min })
    }

    @Test func lunarDaysBeyondTheLastYearAreNotClampedIntoIt() {
        let lunar = LunarCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        // 腊月廿九 of the lunar year that starts in 9999 falls in January or February of 10000.
        #expect(lunar.gregorianDay(lunarYearStartingIn: 9999, month: 12, day: 29) == nil)
        // The lunar rule finds no occurrence there, rather than one on 9999-12-31.
        let found = Recurrence.lunar(month: 12, day: 29).occurrences(overlapping: day("9999-12-01")...Day.max, lunar: lunar)
        #expect(found.isEmpty)
    }
}
