import ShuangyongKit

/// What one CSV cell becomes so that Excel, opening the file by double-click, shows what the report says.
///
/// Excel does not read a CSV cell as text: it runs it through the same parser as typing into a cell.
/// Two policies follow, both here so they cannot contradict each other (DECISIONS.md, "CSV for Excel"):
///
/// 1. **Coercion.** A text cell Excel would turn into something else — a number (`0012` loses its
///    zeros, 16+ digits lose precision, `1E5`, `50%`, `(12)`, `$5`), a date or time (`3-1`, `1-10`, `1/2`,
///    `9:30`, `3月1日`, `SEPT2`), a fraction (`1 1/2`), a boolean (`TRUE`) or an error literal (`#N/A`) —
///    is written as the formula `="3-1"`, which Excel shows as the text itself. Columns whose values are
///    numbers, percentages or ISO days (`ReportTable.Column.Kind`) are written bare when they hold
///    one, so they stay numbers and dates a desk can sum and sort.
/// 2. **Formula injection** (OWASP "CSV injection"). Any other text cell starting with `=`, `+`, `-` or
///    `@` would run as a formula: it gets a leading `'`, which Excel shows.
///
/// The check errs towards protecting: `="…"` costs nothing in Excel, a lost leading zero or an id
/// turned into a date cannot be undone once the sheet is saved.
enum CSVCell {
    /// The cell's content (before RFC 4180 quoting) for `value` in a column of `kind`.
    static func content(_ value: String, kind: ReportTable.Column.Kind) -> String {
        switch kind {
        case .integer where isPlainInteger(value), .percent where isPlainPercent(value), .day where isISODay(value):
            return value
        default:
            return text(value)
        }
    }

    /// A text cell: kept as text when Excel would convert it, neutralised when it would run as a formula.
    static func text(_ value: String) -> String {
        if excelWouldConvert(value) { return literal(value) }
        if let f = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(f),
           !value.unicodeScalars.allSatisfy({ $0 == "-" || $0 == "." }) {
            return "'" + value
        }
        return value
    }

    /// Excel's string literal formula, `="…"`: shown as the text, never parsed. A literal holds at most
    /// 255 characters, so longer text is joined from pieces (`="…"&"…"`); past Excel's 8,192-character
    /// formula limit the leading `'` of the injection guard is the fallback (visible, but nothing is lost).
    static func literal(_ value: String) -> String {
        var pieces: [String] = []
        var piece = "", length = 0
        for c in value {
            let n = c.utf16.count * (c == "\"" ? 2 : 1)  // Excel counts UTF-16 units; a quote is written twice
            if length + n > 255 {
                pieces.append(piece)
                piece = ""
                length = 0
            }
            piece.append(c)
            length += n
        }
        pieces.append(piece)
        let formula = "=" + pieces.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: "&")
        return formula.utf16.count <= 8192 ? formula : "'" + value
    }

    // MARK: What Excel converts

    /// Whether Excel would read `value` as something other than its text: a number, percentage,
    /// currency, scientific or fraction, a date or time, a boolean or an error literal.
    static func excelWouldConvert(_ value: String) -> Bool {
        // Fast refusal: a value starts with a digit, sign, currency, bracket, point, '#', a month name,
        // TRUE/FALSE or a full-width form (most cells of a Chinese report start with a Han character).
        guard let first = value.unicodeScalars.first(where: { $0 != " " && $0 != "\t" && $0 != "\u{3000}" }) else { return false }
        if first.value >= 0x80, !(0xFF01...0xFF5E).contains(first.value), !"¥€£".unicodeScalars.contains(first) { return false }
        if isASCIILetter(first), !"JFMASONDTjfmasondt".unicodeScalars.contains(first) { return false }
        // Excel reads full-width digits and signs (１２, －, ／) as their ASCII forms; it ignores
        // surrounding spaces.
        var s: [Unicode.Scalar] = []
        for u in value.unicodeScalars {
            if u == "\n" || u == "\r" { return false }  // a line break keeps a cell text
            if (0xFF01...0xFF5E).contains(u.value), let a = Unicode.Scalar(u.value - 0xFEE0) { s.append(a) }
            else if u == "\u{3000}" { s.append(" ") }
            else { s.append(u) }
            if s.count > 32, !isNumberish(s.last!) { return false }  // long text is not a value (long digit runs are)
        }
        var a = s[...]
        while let f = a.first, f == " " || f == "\t" { a.removeFirst() }
        while let l = a.last, l == " " || l == "\t" { a.removeLast() }
        guard !a.isEmpty else { return false }
        if a.count <= 14 {
            // ASCII (nearly always) upper-cased by byte; other text by the full Unicode rules.
            let upper = a.allSatisfy(\.isASCII)
                ? String(decoding: a.map { UInt8($0.value) - ($0.value >= 0x61 && $0.value <= 0x7A ? 0x20 : 0) }, as: UTF8.self)
                : String(String.UnicodeScalarView(a)).uppercased()
            if upper == "TRUE" || upper == "FALSE" || errorLiterals.contains(upper) { return true }
        }
        return isNumber(a) || isDateOrTime(a)
    }

    private static let errorLiterals: Set<String> = ["#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                                                     "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!"]

    private static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 0x30 && u.value <= 0x39 }

    /// A–Z or a–z: the ASCII scalars whose Unicode property Alphabetic is true.
    private static func isASCIILetter(_ u: Unicode.Scalar) -> Bool { (u.value | 0x20) >= 0x61 && (u.value | 0x20) <= 0x7A }

    private static func isNumberish(_ u: Unicode.Scalar) -> Bool { isDigit(u) || ",.eE+-%()$ ".unicodeScalars.contains(u) }

    /// Signs, currency, accounting brackets and a percent around digits with thousands separators, a
    /// decimal part and an exponent: `-1,234.5`, `(12)`, `¥5`, `50 %`, `1E5`, `.5`, `0012`.
    private static func isNumber(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var a = scalars
        let lead = "+-($¥€£ ".unicodeScalars, trail = ")%$¥€£ ".unicodeScalars
        while let f = a.first, lead.contains(f) { a.removeFirst() }
        while let l = a.last, trail.contains(l) { a.removeLast() }
        var i = a.startIndex, digits = 0
        while i < a.endIndex, isDigit(a[i]) || (a[i] == "," && digits > 0) {
            if isDigit(a[i]) { digits += 1 }
            i += 1
        }
        if i < a.endIndex, a[i] == "." {
            i += 1
            while i < a.endIndex, isDigit(a[i]) { digits += 1; i += 1 }
        }
        guard digits > 0 else { return false }
        if i < a.endIndex, a[i] == "e" || a[i] == "E" {
            i += 1
            if i < a.endIndex, a[i] == "+" || a[i] == "-" { i += 1 }
            var exp = 0
            while i < a.endIndex, isDigit(a[i]) { exp += 1; i += 1 }
            guard exp > 0 else { return false }
        }
        return i == a.endIndex
    }

    private static let monthWords: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ]

    /// Digit groups, English month names, AM/PM and 年月日时分秒, separated by `- / . : , ` and spaces,
    /// with at least two parts or a Chinese date mark: `3-1`, `1/2`, `1 1/2`, `2026/9/30`, `9:30`,
    /// `9:30 PM`, `Mar-3`, `SEPT2`, `3月1日`, `9时30分`.
    private static func isDateOrTime(_ a: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = a.startIndex
        var parts = 0, digitGroups = 0, marks = 0
        while i < a.endIndex {
            let u = a[i]
            if isDigit(u) {
                var n = 0
                while i < a.endIndex, isDigit(a[i]) { n += 1; i += 1 }
                if n > 4 { return false }
                parts += 1
                digitGroups += 1
            } else if isASCIILetter(u) {
                // The ASCII letters are the ASCII scalars that are Alphabetic; the word lower-cased by byte.
                var word: [UInt8] = []
                while i < a.endIndex, isASCIILetter(a[i]) {
                    word.append(UInt8(a[i].value) | 0x20)
                    i += 1
                }
                let w = String(decoding: word, as: UTF8.self)
                if monthWords.contains(w) { parts += 1 } else if !["am", "pm", "a", "p"].contains(w) { return false }
            } else if "年月日时分秒時".unicodeScalars.contains(u) {
                marks += 1
                i += 1
            } else if "-/.:, ".unicodeScalars.contains(u) {
                i += 1
            } else {
                return false
            }
        }
        return digitGroups > 0 && (parts >= 2 || marks > 0)
    }

    // MARK: Values that stay values

    private static func isPlainInteger(_ v: String) -> Bool {
        let digits = v.utf8.first == UInt8(ascii: "-") ? v.utf8.dropFirst() : v.utf8[...]
        // Excel keeps 15 significant digits.
        return !digits.isEmpty && digits.count <= 15 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && !(digits.count > 1 && digits.first == UInt8(ascii: "0"))
    }

    private static func isPlainPercent(_ v: String) -> Bool {
        v.utf8.last == UInt8(ascii: "%") && isPlainInteger(String(v.dropLast())) && v.utf8.first != UInt8(ascii: "-")
    }

    private static func isISODay(_ v: String) -> Bool {
        v.utf8.count == 10 && Day(iso: v) != nil
    }
}
