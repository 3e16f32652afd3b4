import Foundation

/// A civil date (year, month, day) with no time of day and no time zone.
///
/// Plan dates are days, not instants: a task due on 2026-09-30 is due on that day wherever the
/// file is opened. "Today" becomes a `Day` at the edge of the program, in the plan's time zone
/// (`Day(instant:in:)`), so nothing deeper ever reads the machine's clock or zone.
///
/// Every `Day` lies in 0001-01-01 … 9999-12-31 (`Day.min` … `Day.max`, the years a plan file can
/// write). Arithmetic is total: `adding(days:)`, `adding(months:)`, `init(ordinal:)` and
/// `init(instant:in:)` clamp a result beyond either end to that end, so looking a year ahead from
/// 9999-12-20 gives 9999-12-31 rather than a day no other code can handle.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The date in four bytes, year << 9 | month << 5 | day, so that the numbers compare as the days do.
    /// A plan holds a few per task and its index one or two more; as three `Int`s a `Day?` took 32 bytes
    /// in an array, 8 now (DECISIONS.md, "Smaller tasks").
    private let packed: UInt32

    /// 1 … 9999.
    public var year: Int { Int(packed >> 9) }
    /// 1 … 12.
    public var month: Int { Int(packed >> 5 & 0xF) }
    /// 1 … 31, within the month's length.
    public var day: Int { Int(packed & 0x1F) }

    /// The first and last days a `Day` can be: 0001-01-01 and 9999-12-31.
    public static let min = Day(unchecked: 1, 1, 1)
    public static let max = Day(unchecked: 9999, 12, 31)
    private static let ordinals = Day.min.ordinal...Day.max.ordinal
    /// Seconds since 1970 from 1601-01-02 to 9999-12-30 UTC: a day inside any time zone's offset (±18
    /// hours at most) of the years where the proleptic Gregorian calendar is Foundation's.
    static let fastInstants = (-11_644_473_600.0 + 86_400)..<(253_402_300_800.0 - 2 * 86_400)

    /// Creates a day, or returns nil when the components are not a real Gregorian date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.init(unchecked: year, month, day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        packed = UInt32(truncatingIfNeeded: year) << 9 | UInt32(truncatingIfNeeded: month) << 5 | UInt32(truncatingIfNeeded: day)
    }

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
    public init?(iso text: some StringProtocol) {
        // The bytes in place when the string has them contiguous (no array per date: a plan has thousands).
        if let day = text.utf8.withContiguousStorageIfAvailable({ Day(isoBytes: $0) }) {
            guard let day else { return nil }
            self = day
            return
        }
        guard let day = Array(text.utf8).withUnsafeBufferPointer({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    /// `init(iso:)` over UTF-8 bytes.
    init?(isoBytes u: UnsafeBufferPointer<UInt8>) {
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day an instant falls on in a time zone (clamped to `Day.min` … `Day.max`).
    public init(instant: Date, in zone: TimeZone) {
        self = Day(exactInstant: instant, in: zone) ?? (instant.timeIntervalSince1970 < 0 ? .min : .max)
    }

    /// The day an instant falls on in a time zone; nil when that is outside `Day.min` … `Day.max`.
    ///
    /// From 1601 to 9999 (`fastInstants`) the day is the zone's offset at that instant plus day arithmetic:
    /// making a Gregorian `Calendar` costs more than the rest of a small command's own work. Outside it,
    /// and at the ends of the range, Foundation's calendar answers (Julian dates before 1582-10-15, eras).
    init?(exactInstant instant: Date, in zone: TimeZone) {
        let seconds = instant.timeIntervalSince1970
        if Day.fastInstants.contains(seconds) {
            let local = (seconds + Double(zone.secondsFromGMT(for: instant))) / 86_400
            self.init(ordinal: Int(local.rounded(.down)))
            return
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.era, .year, .month, .day], from: instant)
        // Years before 1 are era 0 (BC), counted backwards: never a plan day.
        guard c.era != 0, let year = c.year, let month = c.month, let day = c.day else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian): cheap arithmetic and comparison.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given ordinal (inverse of `ordinal`); an ordinal before `Day.min` or after
    /// `Day.max` gives that day.
    public init(ordinal: Int) {
        let z0 = Swift.min(Swift.max(ordinal, Day.ordinals.lowerBound), Day.ordinals.upperBound)
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day `n` days later (earlier when `n` is negative), clamped to `Day.min` … `Day.max`.
    public func adding(days n: Int) -> Day {
        let (sum, overflow) = ordinal.addingReportingOverflow(n)
        return overflow ? (n > 0 ? .max : .min) : Day(ordinal: sum)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    /// 0 = Monday … 6 = Sunday.
    public var weekdayFromMonday: Int {
        let w = (ordinal + 3) % 7  // 1970-01-01 was a Thursday
        return w >= 0 ? w : w + 7
    }

    public var firstOfMonth: Day { Day(unchecked: year, month, 1) }
    public var lastOfMonth: Day { Day(unchecked: year, month, Day.daysIn(month: month, year: year)) }

    /// The same day of month `n` months later (clamped to the month's length); `Day.min` or `Day.max`
    /// when that month is before 0001-01 or after 9999-12.
    public func adding(months n: Int) -> Day {
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(n)
        if overflow { return n > 0 ? .max : .min }
        if total < 1 * 12 { return .min }
        if total > 9999 * 12 + 11 { return .max }
        let y = total / 12, m = total % 12 + 1
        return Day(unchecked: y, m, Swift.min(day, Day.daysIn(month: m, year: y)))
    }

    public var iso: String {
        if (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) {
            // Ten digits and dashes as one small string (reports write one per row).
            let b: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
                UInt8(48 + year / 1000), UInt8(48 + year / 100 % 10), UInt8(48 + year / 10 % 10), UInt8(48 + year % 10), 0x2D,
                UInt8(48 + month / 10), UInt8(48 + month % 10), 0x2D, UInt8(48 + day / 10), UInt8(48 + day % 10))
            return withUnsafeBytes(of: b) { String(decoding: $0, as: UTF8.self) }
        }
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return String(repeating: "0", count: Swift.max(0, 4 - y.count)) + y + "-" + m + "-" + d
    }

    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { a.packed < b.packed }
}

/// A calendar month, as used by the calendar view and `--month YYYY-MM`.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public init(_ day: Day) {
        year = day.year
        month = day.month
    }

    /// Parses `YYYY-MM`.
    public init?(iso text: some StringProtocol) {
        guard let d = Day(iso: text + "-01") else { return nil }
        self.init(d)
    }

    /// A `YearMonth` is always a real month of 0001-01 … 9999-12, so these never fail.
    public var first: Day { Day(year: year, month: month, day: 1) ?? (year < 1 ? .min : .max) }
    public var last: Day { first.lastOfMonth }
    public var days: ClosedRange<Day> { first...last }

    /// The month `n` months later (earlier when negative), clamped to 0001-01 … 9999-12.
    public func adding(months n: Int) -> YearMonth { YearMonth(first.adding(months: n)) }

    public var description: String { String(first.iso.prefix(7)) }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
