import Foundation

/// Values typed on the command line the way a Chinese desk writes them (issue 12, "Chinese on the command
/// line"), parsed in one place for every command: statuses by their Chinese names beside the ids, dates
/// as 2026-11-15, 2026/11/15, 2026年11月15日 or — in the plan year — 11-15, 11/15, 11月15日, months as
/// 2026-08, 2026/8, 2026年8月 or 8月. Full-width digits and separators (２０２６－１１－１５) are read like
/// ASCII ones, and single-digit months and days are allowed (2026-8-1).
public enum DeskInput {
    /// A status from its id (`in-progress`) or its Chinese name (进行中, as history lines write it).
    public static func status(_ text: String) -> TaskStatus? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let s = TaskStatus(rawValue: t.lowercased()) { return s }
        return TaskStatus.allCases.first { $0.historyLabel == t }
    }

    /// The accepted status words, for messages: "not-started (未开始), in-progress (进行中), …".
    public static var statusWords: String {
        TaskStatus.allCases.map { "\($0.rawValue) (\($0.historyLabel))" }.joined(separator: ", ")
    }

    /// A date as typed: with its year, or a month and day meaning the plan's year.
    public struct DateText: Equatable, Sendable {
        /// Nil when the text gave no year (11-15, 11月15日): the plan year is meant.
        public var year: Int?
        public var month: Int
        public var day: Int

        /// The day, with the plan's year when the text gave none; or why it is not a plan day (11-31,
        /// 2/29 of a common year, a year outside `PlanDates.years`).
        public func resolved(planYear: Int) -> Result<Day, DateProblem> {
            let y = year ?? planYear
            guard let d = Day(year: y, month: month, day: day) else {
                return .failure(DateProblem("\(y)-\(month)-\(day) is not a real calendar day",
                                            zh: "\(y)年\(month)月\(day)日不是真实的日期"))
            }
            if let p = PlanDates.dayProblem(d) { return .failure(DateProblem(p, zh: "\(d.iso) 不在 \(PlanDates.days.lowerBound.iso)…\(PlanDates.days.upperBound.iso) 之内")) }
            return .success(d)
        }
    }

    /// A month as typed, with its year or (8月) meaning the plan's year.
    public struct MonthText: Equatable, Sendable {
        public var year: Int?
        public var month: Int

        public func resolved(planYear: Int) -> Result<YearMonth, DateProblem> {
            let y = year ?? planYear
            guard let m = YearMonth(year: y, month: month), PlanDates.monthProblem(m) == nil else {
                return .failure(DateProblem("\(y)-\(month) is outside the plan months 1900-01…9999-12",
                                            zh: "\(y)年\(month)月不在 1900-01…9999-12 之内"))
            }
            return .success(m)
        }
    }

    /// Parses a date in any of the accepted forms; checks the month and day (a day the month never has,
    /// such as 4月31日, is refused here; 2/29 waits for the year). The problem names the accepted forms.
    public static func date(_ text: String) -> Result<DateText, DateProblem> {
        let t = normalised(text)
        let n = numbers(t)
        var parsed: DateText?
        if t.contains("年") || t.contains("月") {
            // 2026年11月15日, 11月15日 (日 or 号 optional).
            let body = t.hasSuffix("日") || t.hasSuffix("号") ? String(t.dropLast()) : t
            if n.count == 3, body.wholeMatch(of: #/\d{4}年\d{1,2}月\d{1,2}/#) != nil {
                parsed = DateText(year: n[0], month: n[1], day: n[2])
            } else if n.count == 2, body.wholeMatch(of: #/\d{1,2}月\d{1,2}/#) != nil {
                parsed = DateText(year: nil, month: n[0], day: n[1])
            }
        } else if t.wholeMatch(of: #/\d{4}([-\/.])\d{1,2}\1\d{1,2}/#) != nil {
            parsed = DateText(year: n[0], month: n[1], day: n[2])
        } else if t.wholeMatch(of: #/\d{1,2}([-\/.])\d{1,2}/#) != nil {
            parsed = DateText(year: nil, month: n[0], day: n[1])
        }
        guard let parsed, (1...12).contains(parsed.month),
              parsed.day >= 1, parsed.day <= Day.daysIn(month: parsed.month, year: parsed.year ?? 2000) else {
            return .failure(DateProblem(
                "\"\(text)\" is not a date (write YYYY-MM-DD: 2026-11-15, 2026/11/15, 2026年11月15日, or 11-15 / 11月15日 for the plan year)",
                zh: "“\(text)”不是日期（可写 2026-11-15、2026/11/15、2026年11月15日，本计划年度内也可写 11-15 或 11月15日）"))
        }
        if let y = parsed.year, let p = PlanDates.yearProblem(y) {
            return .failure(DateProblem(p, zh: "年份 \(y) 不在 \(PlanDates.years.lowerBound)–\(PlanDates.years.upperBound) 之内"))
        }
        return .success(parsed)
    }

    /// A date resolved at once, with `planYear` for a date typed without a year.
    public static func day(_ text: String, planYear: Int) -> Result<Day, DateProblem> {
        date(text).flatMap { $0.resolved(planYear: planYear) }
    }

    /// Parses a month: 2026-08, 2026/8, 2026.08, 2026年8月, or 8月 (the plan year).
    public static func month(_ text: String) -> Result<MonthText, DateProblem> {
        let t = normalised(text)
        let n = numbers(t)
        var parsed: MonthText?
        if t.wholeMatch(of: #/\d{4}年\d{1,2}月?/#) != nil || t.wholeMatch(of: #/\d{4}[-\/.]\d{1,2}/#) != nil {
            parsed = MonthText(year: n[0], month: n[1])
        } else if t.wholeMatch(of: #/\d{1,2}月/#) != nil {
            parsed = MonthText(year: nil, month: n[0])
        }
        guard let parsed, (1...12).contains(parsed.month) else {
            return .failure(DateProblem("\"\(text)\" is not a month (write YYYY-MM: 2026-08, 2026/8, 2026年8月, or 8月 for the plan year)",
                                        zh: "“\(text)”不是月份（可写 2026-08、2026/8、2026年8月，本计划年度内也可写 8月）"))
        }
        if let y = parsed.year, let p = PlanDates.yearProblem(y) {
            return .failure(DateProblem(p, zh: "年份 \(y) 不在 \(PlanDates.years.lowerBound)–\(PlanDates.years.upperBound) 之内"))
        }
        return .success(parsed)
    }

    /// Full-width digits and separators as ASCII, surrounding white space (ASCII or full-width) dropped.
    static func normalised(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(s.value - 0xFF10 + 0x30)!)
            case 0xFF0D, 0x2014, 0x2013: out += "-"
            case 0xFF0F: out += "/"
            case 0xFF0E, 0x3002: out += "."
            default: out.unicodeScalars.append(s)
            }
        }
        return out.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{3000}")))
    }

    /// The runs of ASCII digits in `text`, as numbers (each at most 4 digits by the patterns above).
    private static func numbers(_ text: String) -> [Int] {
        text.split { !("0"..."9").contains($0) }.compactMap { Int($0) }
    }
}
