import Foundation
import ShuangyongKit

/// Recurring or dated activities a plan's text states, as activity rules:
/// 八一 (8/1) and 春节 (lunar 1/1) visits, 元旦, 国庆, lunar festivals; "每年8月…活动月", "每年7月和12月…检查",
/// "每年12月…汇报/述职", "每年8月…会议" as whole months, and so a list of months without 每年
/// ("7月和12月开展…督促检查", "督查安排在6月、12月") when the sentence says what is done; "每半年" as
/// half-yearly; a table row's time field (7月下旬, 6-8月份, 7月30日) as a range, months or a day.
/// A festival named without a date of its own ("节日慰问") and "待定" give nothing: no date is invented.
struct ActivityFinder {
    let year: Int
    var activities: [Activity] = []
    var guesses: [(String, String, String)] = []

    init(year: Int) { self.year = year }

    static let festivals: [(Pattern, Recurrence, String)] = [
        (Pattern(#"“?八\s*[•·.]?\s*一”?(?!\d)|建军节(?!\s*\d+\s*周年)|建军(?=\s*\d+\s*周年)"#), .yearly(month: 8, day: 1), "八一建军节"),
        (Pattern(#"春节"#), .lunar(month: 1, day: 1), "春节"),
        (Pattern(#"元旦"#), .yearly(month: 1, day: 1), "元旦"),
        (Pattern(#"国庆"#), .yearly(month: 10, day: 1), "国庆节"),
        (Pattern(#"元宵"#), .lunar(month: 1, day: 15), "元宵节"),
        (Pattern(#"中秋"#), .lunar(month: 8, day: 15), "中秋节"),
        (Pattern(#"重阳"#), .lunar(month: 9, day: 9), "重阳节"),
        (Pattern(#"端午"#), .lunar(month: 5, day: 5), "端午节"),
    ]

    static let strongKinds: [(Pattern, ActivityKind)] = [
        (Pattern(#"走访|慰问|联系点|看望"#), .visit), (Pattern(#"检查|督查|督办|考核|考评"#), .inspection),
        (Pattern(#"汇报|述职|报告|总结"#), .report), (Pattern(#"会议|座谈|联席|议军"#), .meeting),
    ]

    /// The kind named first after a month phrase ("8月定为议军议政会议…听取汇报" is a meeting); campaign
    /// words (活动, 竞赛) count only when no stronger word is there.
    static func kind(after s: String) -> ActivityKind {
        var best: (Int, ActivityKind)? = nil
        let ns = s as NSString
        for (p, k) in strongKinds {
            if let m = p.re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)), best == nil || m.range.location < best!.0 {
                best = (m.range.location, k)
            }
        }
        return best?.1 ?? kind(s)
    }

    static func kind(_ s: String) -> ActivityKind {
        if Pattern(#"走访|慰问|联系点|看望"#).contains(s) { return .visit }
        if Pattern(#"检查|督查|督办|考核|考评"#).contains(s) { return .inspection }
        if Pattern(#"汇报|述职|报告|总结"#).contains(s) { return .report }
        if Pattern(#"会议|座谈|联席|议军"#).contains(s) { return .meeting }
        if Pattern(#"活动月|宣传月|宣传周|活动周|竞赛|征文|联谊|活动"#).contains(s) { return .campaign }
        return .other
    }

    static func kindName(_ k: ActivityKind) -> String {
        switch k {
        case .visit: "走访慰问"
        case .inspection: "督促检查"
        case .report: "工作汇报"
        case .meeting: "会议"
        case .campaign: "活动"
        case .other: "活动"
        }
    }

    /// Adds an activity; one stated again elsewhere in the text (same rule and kind) only gains units. A
    /// row's own time (`merge` false) is its own activity even when another row has the same time.
    mutating func add(_ title: String, _ kind: ActivityKind, _ rule: Recurrence, units: [String], summary: String, source: String,
                      merge: Bool = true) {
        if merge, let k = activities.firstIndex(where: { $0.rule == rule && $0.kind == kind }) {
            activities[k].units += units.filter { !activities[k].units.contains($0) }
            return
        }
        let id = "a\(activities.count + 1)"
        activities.append(Activity(id: id, title: title, kind: kind, units: units, rule: rule, summary: summary.clipped(200)))
        guesses.append((title, rule.text, source + ": " + summary))
    }

    mutating func scan(text: String, units: [String], timeField: String?, sectionSpan: TimeExpressions.MonthSpan?, taskTitle: String, source: String) {
        let before = activities.count
        var dated = false
        // A row's own time field dates it before any festival its title names (八一座谈会 on 7月30日).
        if let field = timeField, let rule = rule(fromTime: field) {
            add(taskTitle, Self.kind(text), rule, units: units, summary: text, source: source, merge: false)
            return
        }
        for sentence in text.split(whereSeparator: { "。；;！!".contains($0) }).map(String.init) {
            let k = Self.kind(sentence)
            for (p, rule, name) in Self.festivals {
                guard let m = p.first(in: sentence) else { continue }
                // An anniversary (建军83周年) dates a plan, not an activity, when a time section gives the months.
                if m[0]?.hasPrefix("建军") == true, Pattern(#"建军节?\s*\d+\s*周年"#).contains(sentence), sectionSpan != nil { continue }
                add(name + (k == .other ? "" : Self.kindName(k)), k, rule, units: units, summary: sentence, source: source)
                dated = true
            }
            if let (rule, phrase, k) = monthsRule(in: sentence) {
                let title = Pattern(#"(?:为|开展|召开|举办|进行|组织)([\p{Han}]{2,12}?(?:活动月|宣传月|会议|检查|督查|汇报|述职|座谈会|联谊))"#)
                    .first(in: sentence)?[1] ?? Self.kindName(k)
                add(title, k, rule, units: units, summary: sentence, source: source + " (\(phrase))")
                dated = true
            }
            if sentence.contains("每半年") {
                add(Pattern(#"到[\p{Han}]{2,6}"#).first(in: sentence)?[0].map { "领导" + $0 } ?? "每半年" + Self.kindName(k),
                    k, .halfYearly, units: units, summary: sentence, source: source)
                dated = true
            }
        }
        if !dated, let span = sectionSpan {
            add(taskTitle, Self.kind(text), .months(Array(span.startMonth...max(span.startMonth, span.endMonth))), units: units,
                summary: text, source: source, merge: false)
        }
        _ = before
    }

    static let monthNumber = #"(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?"#
    /// 每年N月 (a day after it: 每年N月D日), or a list of two or more months: N月和M月, N月、M月、K月, N月及M月份.
    static let monthList = Pattern(#"(每年(?:的)?\s*)?(?<![\d一二三四五六七八九十至到～~—-])"# + monthNumber
                                   + #"((?:\s*(?:和|、|及|与|以及|,|，)\s*"# + monthNumber + #")*)"#
                                   + #"(?:\s*(\d{1,2})\s*[日号])?"#)

    /// The months a sentence gives an activity, wherever the month phrase stands: "每年N月" with its kind after it (or
    /// anywhere in the sentence), or two or more months named together ("7月和12月开展…督促检查", "督查安排在6月、12月")
    /// when the sentence names what is done then. A single month without 每年 is a deadline, not a recurrence:
    /// nothing is made of it, and no day is invented.
    func monthsRule(in sentence: String) -> (Recurrence, String, ActivityKind)? {
        for m in Self.monthList.matches(in: sentence) {
            guard let whole = m[0], let first = m[2].flatMap(Self.month) else { continue }
            var months = [first]
            if let rest = m[3], !rest.isEmpty {
                for x in Pattern(Self.monthNumber).matches(in: rest) { if let v = x[1].flatMap(Self.month), !months.contains(v) { months.append(v) } }
            }
            let yearly = m[1] != nil
            guard yearly || months.count >= 2 else { continue }
            // A day after a list or after a month not said to recur is a date, not a month's activity.
            let day = m[5].flatMap(Int.init)
            if day != nil, !(yearly && months.count == 1) { continue }
            let tail = String(sentence[sentence.range(of: whole)!.lowerBound...])
            var k = Self.kind(after: tail)
            if k == .other { k = Self.kind(sentence) }
            // Without 每年, months are only an activity's when the sentence says what is done in them.
            if !yearly && k == .other { continue }
            if yearly, months.count == 1, let d = day, Day(year: year, month: first, day: d) != nil {
                return (.yearly(month: first, day: d), whole, k)
            }
            return (.months(months.sorted()), whole, k)
        }
        return nil
    }

    static func month(_ s: String) -> Int? {
        guard let v = Int(s) ?? ChineseNumerals.value(s), (1...12).contains(v) else { return nil }
        return v
    }

    /// A table row's time: 7月30日 → that day; 7月下旬 → its days; 8月份 / 6-8月份 → months; 待定 → nothing.
    func rule(fromTime s: String) -> Recurrence? {
        if let m = Pattern(#"(\d{1,2})\s*月\s*(\d{1,2})\s*日"#).first(in: s), let mo = m[1].flatMap(Int.init),
           let d = m[2].flatMap(Int.init), let day = Day(year: year, month: mo, day: d) {
            return .once(day)
        }
        guard let span = TimeExpressions.span(in: s), !span.wholeYears else { return nil }
        if span.startMonth == span.endMonth, span.startDay != nil || span.endDay != nil,
           let a = Day(year: year, month: span.startMonth, day: span.startDay ?? 1),
           let b = Day(year: year, month: span.endMonth, day: span.endDay ?? Day.daysIn(month: span.endMonth, year: year)) {
            return .range(a, b)
        }
        guard span.endYearOffset == 0, span.endMonth >= span.startMonth else { return .months([span.startMonth]) }
        return .months(Array(span.startMonth...span.endMonth))
    }
}
