import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

@Suite("Day arithmetic and parsing")
struct DayTests {
    @Test func parsesStrictISO() {
        #expect(Day(iso: "2026-10-15") == Day(year: 2026, month: 10, day: 15))
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-1-01") == nil)
        #expect(Day(iso: "2026/10/15") == nil)
        #expect(Day(iso: "") == nil)
        #expect(Day(iso: "２０２６-10-15") == nil)
    }

    @Test func ordinalRoundTripsAcrossCenturies() {
        for ordinal in stride(from: Day.min.ordinal, through: Day.max.ordinal, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
        #expect(Day(ordinal: Day.max.ordinal).ordinal == Day.max.ordinal)
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1)!.ordinal - Day(year: 2000, month: 2, day: 28)!.ordinal == 2)
    }

    /// A day is packed into four bytes; its parts, order and equality are still the calendar's.
    @Test func packedDaysKeepTheirPartsAndOrder() {
        var previous: Day?
        for ordinal in stride(from: Day.min.ordinal, through: Day.max.ordinal, by: 367) {
            let day = Day(ordinal: ordinal)
            let again = Day(year: day.year, month: day.month, day: day.day)
            #expect(again == day)
            #expect(again?.hashValue == day.hashValue)
            #expect(Day(iso: day.iso) == day)
            if let previous {
                #expect(previous < day)
                #expect(!(day < previous))
                #expect((previous.year, previous.month, previous.day) < (day.year, day.month, day.day))
            }
            previous = day
        }
        // The last day of one month and the first of the next, across a year's end.
        #expect(Day(year: 2026, month: 12, day: 31)! < Day(year: 2027, month: 1, day: 1)!)
        #expect(Day(year: 2026, month: 1, day: 31)! < Day(year: 2026, month: 2, day: 1)!)
        #expect((Day.max.year, Day.max.month, Day.max.day) == (9999, 12, 31))
        #expect(MemoryLayout<Day?>.stride == 8)
    }

    @Test func weekdayAndMonths() {
        #expect(Day(year: 2026, month: 11, day: 23)!.weekdayFromMonday == 0)  // a Monday
        #expect(Day(year: 2026, month: 8, day: 1)!.weekdayFromMonday == 5)    // a Saturday
        #expect(Day(year: 2026, month: 1, day: 31)!.adding(months: 1) == Day(year: 2026, month: 2, day: 28))
        #expect(YearMonth(iso: "2026-08")!.last == Day(year: 2026, month: 8, day: 31))
        #expect(YearMonth(iso: "2026-12")!.adding(months: 1).description == "2027-01")
    }

    @Test func todayFollowsThePlanTimeZoneNotTheMachine() {
        // 2026-10-14 17:30 UTC is already 2026-10-15 01:30 in Shanghai, still the 14th in New York.
        let instant = Date(timeIntervalSince1970: 1_791_999_000)
        var plan = Plan(title: "t", organization: "", year: 2026)
        #expect(plan.today(at: instant) == Day(year: 2026, month: 10, day: 15))
        plan.timeZoneID = "America/New_York"
        #expect(plan.today(at: instant) == Day(year: 2026, month: 10, day: 14))
    }

    /// Zones with historical local mean time, daylight saving and ±14 hours, and instants (seconds since
    /// 1970) across the years that `Day.fastInstants` works out by arithmetic and a little beyond, with
    /// fractions of a second, and more around midnight and the ends of that range: where arithmetic on
    /// the zone's offset must agree with Foundation's Gregorian calendar.
    static func zonesAndInstants() -> (zones: [TimeZone], instants: [Double]) {
        let zones = ["Asia/Shanghai", "UTC", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kolkata", "Europe/Dublin"]
            .map { TimeZone(identifier: $0)! }
        var instants = Array(stride(from: Day.fastInstants.lowerBound - 3 * 86_400, to: Day.fastInstants.upperBound + 3 * 86_400,
                                    by: 86_400 * 97.3 + 1_234.75))
        for edge in [Day.fastInstants.lowerBound, Day.fastInstants.upperBound, 0, 1_792_000_000] {
            instants += stride(from: edge - 2 * 86_400, through: edge + 2 * 86_400, by: 3_600 * 5.5 + 17.25)
            instants += [edge - 0.5, edge - 1, edge + 0.999]
        }
        return (zones, instants)
    }

    /// The day of an instant, worked out from the zone's offset, is the day Foundation's Gregorian
    /// calendar gives, in zones with historical local mean time, daylight saving and ±14 hours, across the
    /// years and around midnight and the ends of the range worked out that way.
    @Test func dayOfAnInstantIsTheCalendarsDay() {
        let (zones, instants) = Self.zonesAndInstants()
        for zone in zones {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = zone
            for seconds in instants {
                let instant = Date(timeIntervalSince1970: seconds)
                let c = cal.dateComponents([.era, .year, .month, .day], from: instant)
                let want = c.era == 0 ? nil : Day(year: c.year!, month: c.month!, day: c.day!)
                #expect(Day(exactInstant: instant, in: zone) == want, "\(zone.identifier) \(seconds)")
            }
        }
    }
}
