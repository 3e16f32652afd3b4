import Foundation

/// The year's fixed days a 双拥 office plans around: public holidays and memorial days, shown in the
/// calendar beside the lunar festivals.
///
/// Sources: 全国年节及纪念日放假办法 (国务院令第795号, 2024) for 元旦, 清明, 劳动节, 国庆 and the days
/// marked for groups (青年节 五四, 建军节 八一); 中国共产党成立纪念日 七一; 全国人大常委会 2014 decisions for
/// 9月3日 中国人民抗日战争胜利纪念日 and 9月30日 烈士纪念日; 国务院 2001 (国防教育法 implementation) for
/// 全民国防教育日, the third Saturday of September.
public struct FixedDay: Equatable, Sendable {
    public enum Rule: Equatable, Sendable {
        /// The same Gregorian date every year.
        case date(month: Int, day: Int)
        /// The day (Beijing time) the sun reaches this apparent ecliptic longitude, in degrees: a solar term
        /// (节气), e.g. 15° is 清明.
        case solarTerm(longitude: Double)
        /// The `n`th `weekday` (1 = Monday … 7 = Sunday) of `month`.
        case nthWeekday(month: Int, n: Int, weekday: Int)
    }

    public var name: String
    public var rule: Rule

    public init(name: String, rule: Rule) {
        self.name = name
        self.rule = rule
    }

    /// The day in `year`, or nil when the year is outside what `Day` can hold.
    public func day(in year: Int) -> Day? {
        switch rule {
        case let .date(month, day): return Day(year: year, month: month, day: day)
        case let .solarTerm(longitude): return SolarTerm.day(longitude: longitude, year: year)
        case let .nthWeekday(month, n, weekday): return Day.nthWeekday(n, weekday, month: month, year: year)
        }
    }

    /// The days the calendar marks every year.
    public static let all: [FixedDay] = [
        FixedDay(name: "元旦", rule: .date(month: 1, day: 1)),
        FixedDay(name: "清明节", rule: .solarTerm(longitude: 15)),
        FixedDay(name: "劳动节", rule: .date(month: 5, day: 1)),
        FixedDay(name: "青年节", rule: .date(month: 5, day: 4)),
        FixedDay(name: "建党节", rule: .date(month: 7, day: 1)),
        FixedDay(name: "八一建军节", rule: .date(month: 8, day: 1)),
        FixedDay(name: "抗战胜利纪念日", rule: .date(month: 9, day: 3)),
        FixedDay(name: "全民国防教育日", rule: .nthWeekday(month: 9, n: 3, weekday: 6)),
        FixedDay(name: "烈士纪念日", rule: .date(month: 9, day: 30)),
        FixedDay(name: "国庆节", rule: .date(month: 10, day: 1)),
    ]
}

extension Day {
    /// The `n`th `weekday` (1 = Monday … 7 = Sunday) of a month, e.g. the third Saturday of September;
    /// nil when the month has no such day (a fifth Monday) or the date is out of range.
    public static func nthWeekday(_ n: Int, _ weekday: Int, month: Int, year: Int) -> Day? {
        guard (1...5).contains(n), (1...7).contains(weekday), let first = Day(year: year, month: month, day: 1) else { return nil }
        let offset = (weekday - 1 - first.weekdayFromMonday + 7) % 7 + (n - 1) * 7
        let d = first.adding(days: offset)
        return d.month == month ? d : nil
    }
}

/// Solar terms (节气) from the sun's apparent ecliptic longitude, computed, not tabulated: the low-precision
/// solar coordinates of Meeus, *Astronomical Algorithms* (2nd ed.), ch. 25 (about 0.01°, i.e. a quarter of
/// an hour), solved for the instant by Newton's method and dated in Beijing time (UTC+8), as the Chinese
/// calendar dates them.
public enum SolarTerm {
    /// The sun's apparent longitude in degrees [0, 360) at a Julian Day (TT ≈ UT here: ΔT is about a minute).
    public static func apparentLongitude(julianDay jd: Double) -> Double {
        let t = (jd - 2_451_545.0) / 36_525
        let l0 = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t
        let m = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * .pi / 180
        let c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m) + 0.000289 * sin(3 * m)
        let omega = (125.04 - 1934.136 * t) * .pi / 180
        let lambda = l0 + c - 0.00569 - 0.00478 * sin(omega)
        return (lambda.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
    }

    /// The instant (as a Julian Day) in `year` when the sun's apparent longitude is `longitude` degrees.
    public static func julianDay(longitude: Double, year: Int) -> Double {
        // Start from the mean date: the sun is at 0° (春分) near March 20 and moves about 360°/365.2422 d.
        let march20 = 2_451_623.8 + Double(year - 2000) * 365.2422
        var jd = march20 + (longitude / 360) * 365.2422
        for _ in 0..<8 {
            var diff = longitude - apparentLongitude(julianDay: jd)
            diff = (diff + 540).truncatingRemainder(dividingBy: 360) - 180
            jd += diff / 360 * 365.2422
            if abs(diff) < 1e-7 { break }
        }
        return jd
    }

    /// The day in Beijing time on which the solar term at `longitude` falls in `year`; nil outside 1–9999.
    public static func day(longitude: Double, year: Int) -> Day? {
        guard (1...9999).contains(year) else { return nil }
        let jd = julianDay(longitude: longitude, year: year)
        let beijing = jd + 0.5 + 8.0 / 24  // Julian Days begin at noon; Beijing is UTC+8
        let days = Int(beijing.rounded(.down)) - 2_440_588  // days since 1970-01-01
        return Day(year: 1970, month: 1, day: 1).map { $0.adding(days: days) }
    }
}
