import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

@Suite("Recurrence and the lunar calendar")
struct RecurrenceTests {
    let lunar = LunarCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    func day(_ s: String) -> Day { Day(iso: s)! }

    /// Published dates of 春节 (Chinese New Year).
    @Test(arguments: [(2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
                      (2028, "2028-01-26"), (2029, "2029-02-13"), (2030, "2030-02-03")])
    func springFestival(year: Int, expected: String) {
        let range = day("\(year)-01-01")...day("\(year)-12-31")
        let found = Recurrence.lunar(month: 1, day: 1).occurrences(overlapping: range, lunar: lunar)
        #expect(found == [day(expected)...day(expected)])
    }

    @Test func leapMonths() {
        // 2023 had 闰二月, 2025 闰六月, 2028 闰五月; 2024 and 2026 have none.
        #expect(lunar.leapMonth(inLunarYearStartingIn: 2023) == 2)
        #expect(lunar.leapMonth(inLunarYearStartingIn: 2025) == 6)
        #expect(lunar.leapMonth(inLunarYearStartingIn: 2028) == 5)
        #expect(lunar.leapMonth(inLunarYearStartingIn: 2024) == nil)
        #expect(lunar.leapMonth(inLunarYearStartingIn: 2026) == nil)
        // 闰六月初一 2025 is 2025-07-25, a month after 六月初一 (2025-06-25).
        #expect(lunar.gregorianDay(lunarYearStartingIn: 2025, month: 6, day: 1) == day("2025-06-25"))
        #expect(lunar.gregorianDay(lunarYearStartingIn: 2025, month: 6, day: 1, leapMonth: true) == day("2025-07-25"))
        #expect(lunar.lunarDate(of: day("2025-07-25")).description == "闰六月初一")
        // A lunar rule keeps to the ordinary month in a leap year: one 端午 a year, not two.
        let dragon = Recurrence.lunar(month: 5, day: 5).occurrences(overlapping: day("2028-01-01")...day("2028-12-31"), lunar: lunar)
        #expect(dragon == [day("2028-05-28")...day("2028-05-28")])
    }

    @Test func exactLookupHasNoDayAMonthLacks() {
        // 腊月 of the lunar year that began in 2024 had 29 days: 除夕 was 2025-01-28 (腊月廿九).
        #expect(lunar.gregorianDay(lunarYearStartingIn: 2024, month: 12, day: 30) == nil)
        #expect(lunar.gregorianDay(lunarYearStartingIn: 2024, month: 12, day: 29) == day("2025-01-28"))
        #expect(lunar.gregorianDay(lunarYearStartingIn: 2024, month: 12, clampingDay: 30) == day("2025-01-28"))
        #expect(lunar.daysIn(lunarYearStartingIn: 2024, month: 12) == 29)
        #expect(lunar.daysIn(lunarYearStartingIn: 2024, month: 6, leapMonth: true) == nil)  // 2024 has no leap month
    }

    /// 除夕 (lunar 12/30 in the plan's words) every year, whether 腊月 has 29 or 30 days: 2026-02-16 and
    /// 2027-02-05 are 腊月廿九, 2024-02-09 and 2030-02-02 腊月三十.
    @Test(arguments: [(2026, "2026-02-16", "腊月廿九"), (2027, "2027-02-05", "腊月廿九"), (2024, "2024-02-09", "腊月三十"),
                      (2030, "2030-02-02", "腊月三十")])
    func lunarTwelveThirtyIsNewYearsEveEveryYear(year: Int, eve: String, name: String) {
        let found = Recurrence.lunar(month: 12, day: 30).occurrences(overlapping: day("\(year)-01-01")...day("\(year)-12-31"), lunar: lunar)
        #expect(found == [day(eve)...day(eve)])
        #expect(lunar.lunarDate(of: day(eve)).description == name)
        #expect(lunar.gregorianDay(lunarYearStartingIn: year, month: 1, day: 1) == day(eve).adding(days: 1))
    }

    /// Every lunar month and day, 2020–2040: each lunar rule happens once per lunar year, in the ordinary
    /// month of its number; day 30 of a 29-day month is the month's last day (the day before the next
    /// month's first), and every day the month has is that day exactly.
    @Test func everyLunarDayHappensOnceAYearInItsOwnMonth() {
        for year in 2020...2040 {
            for month in 1...12 {
                let first = lunar.gregorianDay(lunarYearStartingIn: year, month: month, day: 1)!
                let length = lunar.daysIn(lunarYearStartingIn: year, month: month)!
                #expect((29...30).contains(length), "\(year) \(month)")
                for d in [1, 15, 28, 29, 30] {
                    let got = lunar.gregorianDay(lunarYearStartingIn: year, month: month, clampingDay: d)
                    #expect(got == first.adding(days: min(d, length) - 1), "\(year) \(month)/\(d)")
                    guard let got else { continue }
                    let named = lunar.lunarDate(of: got)
                    #expect(named.month == month && !named.isLeapMonth && named.day == min(d, length), "\(year) \(month)/\(d): \(named)")
                    // The next day starts the next month when the rule asked for a day past the end.
                    if d >= length { #expect(lunar.lunarDate(of: got.adding(days: 1)).day == 1, "\(year) \(month)/\(d)") }
                }
            }
            // In the plan year's span, one occurrence of lunar n/30 per lunar year: never zero, never two.
            let span = lunar.gregorianDay(lunarYearStartingIn: year, month: 1, day: 1)!...lunar.gregorianDay(lunarYearStartingIn: year + 1, month: 1, day: 1)!.adding(days: -1)
            for month in 1...12 {
                #expect(Recurrence.lunar(month: month, day: 30).occurrences(overlapping: span, lunar: lunar).count == 1, "\(year) \(month)")
            }
        }
    }

    @Test func lunarNames() {
        #expect(lunar.lunarDate(of: day("2027-02-06")).description == "正月初一")
        #expect(lunar.lunarDate(of: day("2026-09-25")).description == "八月十五")
        #expect(lunar.lunarDate(of: day("2026-02-16")).description == "腊月廿九")
    }

    @Test func fixedDayEveryYear() {
        let r = Recurrence.yearly(month: 8, day: 1).occurrences(overlapping: day("2026-01-01")...day("2027-12-31"), lunar: lunar)
        #expect(r == [day("2026-08-01")...day("2026-08-01"), day("2027-08-01")...day("2027-08-01")])
        let leap = Recurrence.yearly(month: 2, day: 29).occurrences(overlapping: day("2026-01-01")...day("2026-12-31"), lunar: lunar)
        #expect(leap == [day("2026-02-28")...day("2026-02-28")])
    }

    @Test func wholeMonthsAndHalfYears() {
        let aug = Recurrence.months([8]).occurrences(overlapping: day("2026-08-10")...day("2026-08-10"), lunar: lunar)
        #expect(aug == [day("2026-08-01")...day("2026-08-31")])
        let insp = Recurrence.months([12, 7]).occurrences(overlapping: day("2026-01-01")...day("2026-12-31"), lunar: lunar)
        #expect(insp == [day("2026-07-01")...day("2026-07-31"), day("2026-12-01")...day("2026-12-31")])
        let half = Recurrence.halfYearly.occurrences(overlapping: day("2026-06-30")...day("2026-07-01"), lunar: lunar)
        #expect(half == [day("2026-01-01")...day("2026-06-30"), day("2026-07-01")...day("2026-12-31")])
    }

    @Test func onceAndRange() {
        let r = day("2026-05-01")...day("2026-05-31")
        #expect(Recurrence.once(day("2026-05-20")).occurrences(overlapping: r, lunar: lunar).count == 1)
        #expect(Recurrence.once(day("2026-06-20")).occurrences(overlapping: r, lunar: lunar).isEmpty)
        #expect(Recurrence.range(day("2026-04-25"), day("2026-05-02")).occurrences(overlapping: r, lunar: lunar).count == 1)
    }
}
