import Foundation
import ShuangyongKit

/// Months, ranges and deadlines as plans write them: 201x年4月至5月, 1--3月, 7~9月, 6-8月份, 一季度, 上半年,
/// 5月10日前, 6月底前, 年底前, 每年7月和12月, 7月下旬.
enum TimeExpressions {
    /// A span of months; years are offsets from the plan year (nil for a whole-years span "201x年至201x年").
    struct MonthSpan: Equatable {
        var startMonth: Int
        var endMonth: Int
        var startYearOffset = 0
        var endYearOffset = 0
        var startDay: Int? = nil
        var endDay: Int? = nil
        /// "201x年至201x年": whole years after the plan year.
        var wholeYears = false
    }

    static let year = #"(?:(?:19|20)\d{2}|(?:19|20)\d?[xX×*]{1,2})\s*年"#
    static let dash = #"\s*(?:至|到|—+|–|-+|~|～|──)\s*"#
    static let spanPattern = Pattern("(" + year + ")?\\s*(\\d{1,2})\\s*月(?:份)?(?:上旬|中旬|下旬|初|底|末)?" + dash + "(" + year + ")?\\s*(\\d{1,2})\\s*月")
    static let shortSpan = Pattern(#"(\d{1,2})\s*(?:-+|~|～|—+|至|到)\s*(\d{1,2})\s*月"#)
    static let yearsSpan = Pattern("(" + year + ")" + dash + "(" + year + ")(?!\\s*\\d{1,2}\\s*月)")
    static let single = Pattern(#"(?<![\d\-~～至到])(\d{1,2})\s*月(?:份)?(上旬|中旬|下旬)?(?!\s*\d{1,2}\s*日)"#)
    static let quarter = Pattern(#"(第?[一二三四1-4])\s*季度"#)

    /// The first span of months in `s`.
    static func span(in s: String) -> MonthSpan? {
        if let m = spanPattern.first(in: s), let a = m[2].flatMap(Int.init), let b = m[4].flatMap(Int.init), valid(a), valid(b) {
            var out = MonthSpan(startMonth: a, endMonth: b)
            let y1 = m[1].flatMap(explicitYear), y2 = m[3].flatMap(explicitYear)
            if let y1, let y2 { out.endYearOffset = y2 - y1 }
            else if b < a { out.endYearOffset = 1 }
            return out
        }
        if let m = shortSpan.first(in: s), let a = m[1].flatMap(Int.init), let b = m[2].flatMap(Int.init), valid(a) {
            return MonthSpan(startMonth: a, endMonth: valid(b) && b >= a ? b : a)
        }
        if let m = yearsSpan.first(in: s), m[1] != nil {
            return MonthSpan(startMonth: 1, endMonth: 12, wholeYears: true)
        }
        if let m = quarter.first(in: s), let q = m[1] {
            let n = ["一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4][String(q.last!)] ?? 1
            return MonthSpan(startMonth: n * 3 - 2, endMonth: n * 3)
        }
        if s.contains("上半年") { return MonthSpan(startMonth: 1, endMonth: 6) }
        if s.contains("下半年") { return MonthSpan(startMonth: 7, endMonth: 12) }
        if let m = single.first(in: s), let a = m[1].flatMap(Int.init), valid(a) {
            var out = MonthSpan(startMonth: a, endMonth: a)
            switch m[2] {
            case "上旬": out.startDay = 1; out.endDay = 10
            case "中旬": out.startDay = 11; out.endDay = 20
            case "下旬": out.startDay = 21
            default: break
            }
            return out
        }
        return nil
    }

    static func valid(_ m: Int) -> Bool { (1...12).contains(m) }

    static func explicitYear(_ s: String) -> Int? {
        Int(s.filter(\.isNumber).prefix(4)).flatMap { $0 >= 1900 && s.filter(\.isNumber).count == 4 ? $0 : nil }
    }

    static let dayBefore = Pattern(#"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前|以前)"#)
    static let monthEnd = Pattern(#"(?<!\d)(\d{1,2})\s*月(?:底|末|份?前|份?之前|份?以前)"#)
    static let everyYear = Pattern(#"每年(?:的)?\s*(\d{1,2})\s*月(?:\s*(?:和|、|及|与)\s*(\d{1,2})\s*月)?"#)
    static let bayi = Pattern(#"“?八\s*[•·.]?\s*一”?|建军节"#)
    static let anniversary = Pattern(#"建军节?\s*\d+\s*周年"#)
    static let yearEnd = Pattern(#"年底前|年底|年终|年末|全年|年内|每半年"#)

    /// A deadline the text states, with the phrase it came from.
    static func due(in text: String, year: Int) -> (Day, String)? {
        func last(_ m: Int) -> Day { Day(year: year, month: m, day: Day.daysIn(month: m, year: year))! }
        if let m = dayBefore.first(in: text),
           let mo = m[1].flatMap(Int.init), let d = m[2].flatMap(Int.init), valid(mo), let day = Day(year: year, month: mo, day: d) {
            return (day, m[0]!)
        }
        if let m = monthEnd.first(in: text), let mo = m[1].flatMap(Int.init), valid(mo) {
            let isBefore = m[0]!.hasSuffix("前") && !m[0]!.contains("底") && !m[0]!.contains("末")
            let month = isBefore ? max(1, mo - 1) : mo
            return (last(month), m[0]!)
        }
        if let m = everyYear.first(in: text),
           let a = m[1].flatMap(Int.init), valid(a) {
            let b = m[2].flatMap(Int.init).flatMap { valid($0) ? $0 : nil } ?? a
            return (last(max(a, b)), m[0]!)
        }
        if let m = bayi.first(in: text), !anniversary.contains(text) {
            return (Day(year: year, month: 8, day: 1)!, m[0]!)
        }
        if let m = yearEnd.first(in: text) {
            return (last(12), m[0]!)
        }
        return nil
    }
}
