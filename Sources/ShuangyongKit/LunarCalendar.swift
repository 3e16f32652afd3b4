import Foundation

/// Lunar dates through Foundation's Chinese calendar (ICU): no hand-made tables.
///
/// Conversions are cached per lunar year, so a month view or a year of occurrences costs a handful
/// of ICU calls, not one per day.
public final class LunarCalendar: @unchecked Sendable {
    private let calendar: Calendar
    private let gregorian: Calendar
    private let lock = NSLock()
    private var cache: [Int: [Int: Day]] = [:]  // key: year*10000 + month*100 + day
    private var lunarCache: [Int: LunarDate] = [:]  // key: Day.ordinal

    public init(timeZone: TimeZone) {
        var c = Calendar(identifier: .chinese)
        c.timeZone = timeZone
        calendar = c
        var g = Calendar(identifier: .gregorian)
        g.timeZone = timeZone
        gregorian = g
    }

    /// The Gregorian day of lunar `month`/`day` in the lunar year that begins (春节) in Gregorian year `year`.
    /// Returns nil when that lunar month has no such day (e.g. day 30 of a short month).
    public func gregorianDay(lunarYearStartingIn year: Int, month: Int, day: Int, leapMonth: Bool = false) -> Day? {
        let key = year * 10000 + month * 100 + day
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[year]?[key + (leapMonth ? 5000 : 0)] { return hit }
        let result = compute(year: year, month: month, day: day, leap: leapMonth)
        if let result { cache[year, default: [:]][key + (leapMonth ? 5000 : 0)] = result }
        return result
    }

    private func compute(year: Int, month: Int, day: Int, leap: Bool) -> Day? {
        // The lunar year that starts in Gregorian `year` is the one in force on 1 July of that year.
        guard let midYear = gregorian.date(from: DateComponents(year: year, month: 7, day: 1, hour: 12)) else { return nil }
        let c = calendar.dateComponents([.era, .year], from: midYear)
        var comps = DateComponents()
        comps.era = c.era
        comps.year = c.year
        comps.month = month
        comps.day = day
        comps.isLeapMonth = leap
        comps.hour = 12
        guard let date = calendar.date(from: comps) else { return nil }
        // ICU rolls invalid days (30 of a 29-day month) into the next month: reject those.
        let back = calendar.dateComponents([.month, .day, .isLeapMonth], from: date)
        guard back.month == month, back.day == day, (back.isLeapMonth ?? false) == leap else { return nil }
        // nil rather than a clamped day when it falls outside 0001-01-01 … 9999-12-31 (the lunar year
        // that starts in 9999 ends in 10000).
        return Day(exactInstant: date, in: calendar.timeZone)
    }

    /// The lunar date of a Gregorian day.
    /// The lunar date of a Gregorian day (cached: a month view asks for the same days every frame).
    public func lunarDate(of day: Day) -> LunarDate {
        let key = day.ordinal
        lock.lock()
        if let hit = lunarCache[key] { lock.unlock(); return hit }
        lock.unlock()
        let date = gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        let c = calendar.dateComponents([.month, .day, .isLeapMonth], from: date)
        let result = LunarDate(month: c.month!, day: c.day!, isLeapMonth: c.isLeapMonth ?? false)
        lock.lock()
        if lunarCache.count > 20_000 { lunarCache.removeAll() }
        lunarCache[key] = result
        lock.unlock()
        return result
    }

    /// Whether lunar year starting in Gregorian `year` has a leap month, and which.
    public func leapMonth(inLunarYearStartingIn year: Int) -> Int? {
        for m in 1...12 where gregorianDay(lunarYearStartingIn: year, month: m, day: 1, leapMonth: true) != nil {
            return m
        }
        return nil
    }
}

public struct LunarDate: Equatable, Sendable, CustomStringConvertible {
    public var month: Int
    public var day: Int
    public var isLeapMonth: Bool

    private static let monthNames = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]
    private static let tens = ["初", "十", "廿", "三"]
    private static let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// 正月, 闰四月, 腊月 …
    public var monthName: String { (isLeapMonth ? "闰" : "") + LunarDate.monthNames[month - 1] + "月" }

    /// 初一, 十五, 廿三, 三十 …
    public var dayName: String {
        switch day {
        case 10: return "初十"
        case 20: return "二十"
        case 30: return "三十"
        default: return LunarDate.tens[day / 10] + LunarDate.digits[day % 10]
        }
    }

    public var description: String { monthName + dayName }
}

/// Traditional lunar festivals the calendar marks.
public struct LunarFestival: Sendable {
    public var name: String
    public var month: Int
    public var day: Int

    public static let all: [LunarFestival] = [
        LunarFestival(name: "春节", month: 1, day: 1),
        LunarFestival(name: "元宵节", month: 1, day: 15),
        LunarFestival(name: "端午节", month: 5, day: 5),
        LunarFestival(name: "中秋节", month: 8, day: 15),
        LunarFestival(name: "重阳节", month: 9, day: 9),
    ]
}
