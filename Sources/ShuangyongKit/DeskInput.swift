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

    /// A command line in the plain shape every example writes (`edit s2-1 --progress 60 plan.json`):
    /// positional arguments, and options of `options` each followed by its value, in any order, each at
    /// most once, no value beginning with "-". Gives each option's value (nil where absent) in the order
    /// of `options`, and the positional arguments in order; nil for any other shape — another option,
    /// `--name=value`, an option twice or without its value, a value that begins with "-" (a parser may
    /// read it as an option), `--` — which the command's full parser then reads. `shuangyong edit` reads
    /// its plain shape so, without ArgumentParser's reflection (1.5 ms of a 17 ms edit).
    public static func plainArguments(_ arguments: [String], options: [String]) -> (values: [String?], positionals: [String])? {
        var values = [String?](repeating: nil, count: options.count)
        var positionals: [String] = []
        var k = 0
        while k < arguments.count {
            let argument = arguments[k]
            guard argument.hasPrefix("-") else {
                positionals.append(argument)
                k += 1
                continue
            }
            guard let option = options.firstIndex(of: argument), values[option] == nil, k + 1 < arguments.count,
                  !arguments[k + 1].hasPrefix("-") else { return nil }
            values[option] = arguments[k + 1]
            k += 2
        }
        return (values, positionals)
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
        let t = Token.all(in: normalised(text))
        var parsed: DateText?
        if t.contains(.mark("年")) || t.contains(.mark("月")) {
            // 2026年11月15日, 11月15日 (日 or 号 optional).
            let body = t.last == .mark("日") || t.last == .mark("号") ? Array(t.dropLast()) : t
            if let n = Token.match(body, [.year, .mark("年"), .number, .mark("月"), .number]) {
                parsed = DateText(year: n[0], month: n[1], day: n[2])
            } else if let n = Token.match(body, [.number, .mark("月"), .number]) {
                parsed = DateText(year: nil, month: n[0], day: n[1])
            }
        } else if let n = Token.match(t, [.year, .separator, .number, .separator, .number]) {
            parsed = DateText(year: n[0], month: n[1], day: n[2])
        } else if let n = Token.match(t, [.number, .separator, .number]) {
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
        let t = Token.all(in: normalised(text))
        var parsed: MonthText?
        if let n = Token.match(t, [.year, .mark("年"), .number, .mark("月")]) ?? Token.match(t, [.year, .mark("年"), .number])
            ?? Token.match(t, [.year, .separator, .number]) {
            parsed = MonthText(year: n[0], month: n[1])
        } else if let n = Token.match(t, [.number, .mark("月")]) {
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

    /// Full-width digits and separators as ASCII, surrounding white space (ASCII or full-width: tab and
    /// the space separators, Unicode category Zs) dropped.
    static func normalised(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(s.value - 0xFF10 + 0x30)!)
            case 0xFF0D, 0x2014, 0x2013: out.append("-")
            case 0xFF0F: out.append("/")
            case 0xFF0E, 0x3002: out.append(".")
            default: out.append(s)
            }
        }
        func blank(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        guard let first = out.firstIndex(where: { !blank($0) }), let last = out.lastIndex(where: { !blank($0) }) else { return "" }
        return String(out[first...last])
    }

    /// A typed date or month cut into runs of ASCII digits and the characters between them, one mark each:
    /// "2026年8月" is 2026, 年, 8, 月. The forms above are sequences of these (plain scanning: a regular
    /// expression would cost more than the rest of a small command's parsing).
    enum Token: Equatable {
        case number(Int, digits: Int)
        case mark(Unicode.Scalar)

        /// What a form expects at one place.
        enum Piece {
            /// Four digits, or up to nine (a year out of range is said to be that, not "not a date").
            case year
            /// One or two digits.
            case number
            /// This character.
            case mark(Unicode.Scalar)
            /// `-`, `/` or `.`, the same one at every separator of the form.
            case separator
        }

        static func all(in text: String) -> [Token] {
            var tokens: [Token] = []
            var value = 0, digits = 0
            for s in text.unicodeScalars {
                if ("0"..."9").contains(s) {
                    value = digits < 9 ? value * 10 + Int(s.value - 0x30) : value
                    digits += 1
                    continue
                }
                if digits > 0 { tokens.append(.number(value, digits: digits)); value = 0; digits = 0 }
                tokens.append(.mark(s))
            }
            if digits > 0 { tokens.append(.number(value, digits: digits)) }
            return tokens
        }

        /// The numbers of `tokens` when they are exactly `form`; nil otherwise.
        static func match(_ tokens: [Token], _ form: [Piece]) -> [Int]? {
            guard tokens.count == form.count else { return nil }
            var numbers: [Int] = []
            var separator: Unicode.Scalar?
            for (token, piece) in zip(tokens, form) {
                switch (token, piece) {
                case let (.number(n, 4...9), .year), let (.number(n, 1...2), .number): numbers.append(n)
                case let (.mark(m), .mark(want)) where m == want: break
                case let (.mark(m), .separator) where "-/.".unicodeScalars.contains(m) && (separator ?? m) == m: separator = m
                default: return nil
                }
            }
            return numbers
        }
    }
}
