/// Activity rules as a person writes them on the command line, and back:
///
/// | text | rule |
/// |---|---|
/// | `yearly 08-01` | every year on 8/1 |
/// | `lunar 01-01` | every year on lunar 1/1 (春节) |
/// | `months 7,12` | every July and December, the whole month |
/// | `half-yearly` | once in each half year |
/// | `once 2026-04-20` | one day |
/// | `range 2026-07-01 2026-12-31` | a span of days |
/// | `nth-weekday 09 3 sat` | the third Saturday of September (全民国防教育日) |
///
/// Weekdays are `mon`…`sun`, `1`…`7` (1 = Monday), or 周一…周日 / 星期一…星期日.
extension Recurrence {
    /// The rule in the words `init?(text:)` reads.
    public var text: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case let .yearly(m, d): return "yearly \(two(m))-\(two(d))"
        case let .lunar(m, d): return "lunar \(two(m))-\(two(d))"
        case let .months(ms): return "months " + ms.map(String.init).joined(separator: ",")
        case .halfYearly: return "half-yearly"
        case let .once(d): return "once \(d.iso)"
        case let .range(a, b): return "range \(a.iso) \(b.iso)"
        case let .nthWeekday(m, n, w): return "nth-weekday \(two(m)) \(n) \(Recurrence.weekdayNames[w - 1])"
        }
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Reads a rule written as in the table above; nil when it is not one (see `RecurrenceText.help`).
    /// The rule's values are checked too (`problem`).
    public init?(text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let kind = words.first?.lowercased() else { return nil }
        let args = Array(words.dropFirst())
        func monthDay(_ s: String) -> (Int, Int)? {
            let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) }
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        let rule: Recurrence
        switch (kind, args.count) {
        case ("yearly", 1):
            guard let (m, d) = monthDay(args[0]) else { return nil }
            rule = .yearly(month: m, day: d)
        case ("lunar", 1):
            guard let (m, d) = monthDay(args[0]) else { return nil }
            rule = .lunar(month: m, day: d)
        case ("months", 1...):
            let ms = args.joined(separator: ",").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }).map { Int($0) }
            guard !ms.isEmpty, ms.allSatisfy({ $0 != nil }) else { return nil }
            rule = .months(ms.map { $0! })
        case ("half-yearly", 0):
            rule = .halfYearly
        case ("once", 1):
            guard let d = Day(iso: args[0]) else { return nil }
            rule = .once(d)
        case ("range", 2):
            guard let a = Day(iso: args[0]), let b = Day(iso: args[1]) else { return nil }
            rule = .range(a, b)
        case ("nth-weekday", 3):
            guard let m = Int(args[0]), let n = Int(args[1]), let w = Recurrence.weekday(args[2]) else { return nil }
            rule = .nthWeekday(month: m, n: n, weekday: w)
        default:
            return nil
        }
        guard rule.problem == nil else { return nil }
        self = rule
    }

    /// 1 (Monday) … 7 (Sunday) from `sat`, `6`, `周六` or `星期六`.
    static func weekday(_ s: String) -> Int? {
        let lower = s.lowercased()
        if let k = weekdayNames.firstIndex(where: { lower.hasPrefix($0) }) { return k + 1 }
        if let n = Int(lower), (1...7).contains(n) { return n }
        let chinese = ["一", "二", "三", "四", "五", "六", "日"]
        for prefix in ["周", "星期"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest == "天" { return 7 }
            if let k = chinese.firstIndex(of: String(rest)) { return k + 1 }
        }
        return nil
    }

    /// What `init?(text:)` accepts, for error messages.
    public static let textHelp = "yearly MM-DD | lunar MM-DD | months M,M | half-yearly | once YYYY-MM-DD | "
        + "range YYYY-MM-DD YYYY-MM-DD | nth-weekday MM N WEEKDAY (e.g. \"nth-weekday 09 3 sat\")"
}
