import Foundation

/// Lunar dates through Foundation's Chinese calendar (ICU): no hand-made tables.
///
/// Conversions are cached, so a month view or a year of occurrences costs a handful of ICU calls,
/// not one per day and frame.
public final class LunarCalendar: @unchecked Sendable {
    private let calendar: Calendar
    private let gregorian: Calendar
    private let lock = NSLock()
    private struct Key: Hashable {
        var year: Int, month: Int, day: Int, leap: Bool, clamp: Bool
    }
    private var cache: [Key: Day?] = [:]  // misses too: a month view asks for the same lunar days every frame
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
    /// Returns nil when that lunar month has no such day (e.g. day 30 of a short month); recurring
    /// activities use `gregorianDay(lunarYearStartingIn:month:clampingDay:leapMonth:)` instead.
    public func gregorianDay(lunarYearStartingIn year: Int, month: Int, day: Int, leapMonth: Bool = false) -> Day? {
        lookup(year: year, month: month, day: day, leap: leapMonth, clamp: false)
    }

    /// The Gregorian day of lunar `month`/`day`, a day past the end of the month falling on the month's
    /// last day: lunar 12/30 is 除夕 every year, also when 腊月 has 29 days.
    ///
    /// Lunar months have 29 or 30 days, and which is which changes from year to year, so a plan that
    /// says "腊月三十" (the common name of 除夕) or "the 30th of the 8th month" means the month's last
    /// day in a short year — as the Gregorian rule moves 2/29 to 2/28 (PLAN-FORMAT.md, activity rules).
    /// Nil only when the month itself is missing (a leap month the year does not have) or falls outside
    /// 0001–9999.
    public func gregorianDay(lunarYearStartingIn year: Int, month: Int, clampingDay day: Int, leapMonth: Bool = false) -> Day? {
        lookup(year: year, month: month, day: day, leap: leapMonth, clamp: true)
    }

    /// Days (29 or 30) in lunar `month` of the lunar year that begins in Gregorian `year`, or nil when
    /// the year has no such month.
    public func daysIn(lunarYearStartingIn year: Int, month: Int, leapMonth: Bool = false) -> Int? {
        guard let first = gregorianDay(lunarYearStartingIn: year, month: month, day: 1, leapMonth: leapMonth) else { return nil }
        guard let last = gregorianDay(lunarYearStartingIn: year, month: month, clampingDay: 30, leapMonth: leapMonth) else { return nil }
        return first.days(to: last) + 1
    }

    private func lookup(year: Int, month: Int, day: Int, leap: Bool, clamp: Bool) -> Day? {
        let key = Key(year: year, month: month, day: day, leap: leap, clamp: clamp)
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[key] { return hit }
        let result = compute(year: year, month: month, day: day, leap: leap, clamp: clamp)
        if cache.count > 20_000 { cache.removeAll() }
        cache[key] = .some(result)
        return result
    }

    private func compute(year: Int, month: Int, day: Int, leap: Bool, clamp: Bool) -> Day? {
        guard day >= 1 else { return nil }
        // The lunar year that starts in Gregorian `year` is the one in force on 1 July of that year.
        guard let midYear = gregorian.date(from: DateComponents(year: year, month: 7, day: 1, hour: 12)) else { return nil }
        let c = calendar.dateComponents([.era, .year], from: midYear)
        var comps = DateComponents()
        comps.era = c.era
        comps.year = c.year
        comps.month = month
        comps.day = 1
        comps.isLeapMonth = leap
        comps.hour = 12
        guard let first = calendar.date(from: comps) else { return nil }
        // ICU rolls a leap month the year lacks into another month: reject those.
        let back = calendar.dateComponents([.month, .day, .isLeapMonth], from: first)
        guard back.month == month, back.day == 1, (back.isLeapMonth ?? false) == leap else { return nil }
        // The month's length from ICU (29 or 30), not from a table.
        guard let length = calendar.range(of: .day, in: .month, for: first)?.count else { return nil }
        if day > length, !clamp { return nil }
        let target = min(day, length)
        guard let date = calendar.date(byAdding: .day, value: target - 1, to: first) else { return nil }
        // nil rather than a clamped day when it falls outside 0001-01-01 … 9999-12-31 (the lunar year
        // that starts in 9999 ends in 10000).
        return Day(exactInstant: date, in: calendar.timeZone)
    }

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
