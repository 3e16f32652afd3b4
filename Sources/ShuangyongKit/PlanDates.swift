import Foundation

/// The one range every year, day and time in a plan — or given on the command line — must lie in, and
/// the checks that say why a value is refused.
///
/// A plan year is 1900–9999 and a plan day 1900-01-01 … 9999-12-31: four-digit years, as the file
/// writes them, and nothing a county plan could mean before 1900. Times (a note's or a history line's
/// `at`) are ISO 8601 instants with a UTC offset, `2026-07-03T09:15:00+08:00`, whose day lies in range.
/// Values derived from a year (the sample's phases run to the end of year + 2) are checked with the
/// same functions, so no derived date can leave the range either.
public enum PlanDates {
    /// The years a plan, its dates and the command line's `--year`, `--date`, `--month` and `--due` may name.
    public static let years: ClosedRange<Int> = 1900...9999
    /// The first day a plan may name: 1900-01-01.
    public static let firstDay = Day(year: 1900, month: 1, day: 1)!
    /// The days a plan may name: 1900-01-01 … 9999-12-31.
    public static let days: ClosedRange<Day> = firstDay...Day.max
    /// The instants a change may be stamped with: a day inside `days` in every time zone (offsets are
    /// under a day), so its local date is a plan day wherever the plan's zone is.
    public static let instants: ClosedRange<Double> = -2_208_902_400 ... 253_402_214_399  // 1900-01-02T00:00:00Z … 9999-12-30T23:59:59Z

    /// Why `year` cannot be a plan year, or nil when it can.
    public static func yearProblem(_ year: Int) -> String? {
        years.contains(year) ? nil : "year \(year) is outside \(years.lowerBound)–\(years.upperBound)"
    }

    /// Why `day` cannot be a plan day, or nil when it can.
    public static func dayProblem(_ day: Day) -> String? {
        days.contains(day) ? nil : "\(day.iso) is outside \(days.lowerBound.iso)…\(days.upperBound.iso)"
    }

    /// Why `month` cannot be a plan month, or nil when it can.
    public static func monthProblem(_ month: YearMonth) -> String? {
        years.contains(month.year) ? nil : "\(month) is outside \(days.lowerBound.iso.prefix(7))…\(days.upperBound.iso.prefix(7))"
    }

    /// A plan day from `YYYY-MM-DD` text: the day, or why the text is not one (not a date, or out of range).
    public static func day(_ text: String) -> Result<Day, DateProblem> {
        guard let d = Day(iso: text) else {
            return .failure(DateProblem("\"\(text)\" is not a date (expected YYYY-MM-DD, a real calendar day)"))
        }
        if let p = dayProblem(d) { return .failure(DateProblem(p)) }
        return .success(d)
    }

    /// A plan month from `YYYY-MM` text: the month, or why the text is not one.
    public static func month(_ text: String) -> Result<YearMonth, DateProblem> {
        guard let m = YearMonth(iso: text) else {
            return .failure(DateProblem("\"\(text)\" is not a month (expected YYYY-MM)"))
        }
        if let p = monthProblem(m) { return .failure(DateProblem(p)) }
        return .success(m)
    }

    /// Why `text` is not an ISO 8601 time with a UTC offset (`2026-07-03T09:15:00+08:00`, fractions of a
    /// second and `Z` allowed) on a plan day, or nil when it is one.
    public static func timeProblem(_ text: String) -> String? {
        var bytes = text
        return bytes.withUTF8 { timeProblem(text, $0) }
    }

    private static func timeProblem(_ text: String, _ u: UnsafeBufferPointer<UInt8>) -> String? {
        // The message is made only for a problem (every note and history entry of a plan is checked).
        var expected: String { "\"\(text)\" is not a time with an offset (expected e.g. 2026-07-03T09:15:00+08:00)" }
        guard u.count >= 20, u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":") else {
            return expected
        }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard i < u.count, u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let day = Day(isoBytes: UnsafeBufferPointer(rebasing: u[0..<10])) else {
            return expected
        }
        guard let h = num(11..<13), let m = num(14..<16), let s = num(17..<19), h < 24, m < 60, s < 60 else { return expected }
        var i = 19
        if u[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            if i == start { return expected }
        }
        guard i < u.count else { return expected }
        if u[i] == UInt8(ascii: "Z") {
            if i + 1 != u.count { return expected }
        } else {
            guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), u.count == i + 6, u[i + 3] == UInt8(ascii: ":"),
                  let offsetHours = num(i + 1..<i + 3), let offsetMinutes = num(i + 4..<i + 6), offsetHours < 24, offsetMinutes < 60 else {
                return expected
            }
        }
        return dayProblem(day)
    }
}

/// Why a date, month or year was refused, as a sentence.
public struct DateProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// The same in Chinese, when the code that found the problem says it (`DeskInput`); else nil.
    public var messageZH: String?
    public init(_ message: String, zh: String? = nil) {
        self.message = message
        self.messageZH = zh
    }
    public var description: String { message }
}
