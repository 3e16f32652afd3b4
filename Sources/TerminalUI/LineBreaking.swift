/// Where a line of Chinese text may break, by the rules Chinese typesetting calls 避头尾 (禁则, kinsoku):
/// W3C "Requirements for Chinese Text Layout" (clreq) §3.1.7 and GB/T 15834 (标点符号用法).
///
/// - No line begins with closing or trailing punctuation — 、。，；：？！）」』》〉】〕…— and their half-width
///   forms — so a pause or a closing bracket is never cut off from the word it closes.
/// - No line ends with opening punctuation — （「『《〈【〔“ — so a bracket is never left behind.
/// - Latin words and numbers (ASCII letters, digits and the marks inside them, as in `2026-05-03`, `100%`)
///   are not split while the line has room for them, as UAX #14 keeps them.
///
/// A line that cannot break anywhere by these rules (a whole line of punctuation, a word longer than the
/// line) is broken at the width anyway: the text is never wider than promised.
public enum LineBreakRules {
    /// Characters that may not begin a line: closing brackets and quotes, pauses and stops, ellipsis and
    /// dash (which also must not be split in two), small kana and iteration marks, full- and half-width.
    public static func cannotStart(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first else { return false }
        switch s.value {
        case 0x21, 0x25, 0x29, 0x2C, 0x2E, 0x3A, 0x3B, 0x3F, 0x5D, 0x7D,  // ! % ) , . : ; ? ] }
             0x00B7, 0x00B0,  // · °
             0x2010, 0x2013, 0x2014, 0x2015, 0x2019, 0x201D, 0x2025, 0x2026, 0x2030, 0x2032, 0x2033, 0x2103, 0x22EF, 0x2E3A,
             0x3001, 0x3002, 0x3003, 0x3005, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F,
             0x303B, 0x309B...0x309E, 0x30FB...0x30FE, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7,
             0x30EE, 0x30F5, 0x30F6, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,
             0xFE10...0xFE16, 0xFE18, 0xFE19, 0xFE50...0xFE57, 0xFE5A, 0xFE5C, 0xFE5E,
             0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF5E, 0xFF60,
             0xFF61, 0xFF63, 0xFF64, 0xFF65, 0xFF9E, 0xFF9F:
            return true
        default:
            return false
        }
    }

    /// Characters that may not end a line: opening brackets and quotes, full- and half-width.
    public static func cannotEnd(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first else { return false }
        switch s.value {
        case 0x28, 0x5B, 0x7B,  // ( [ {
             0x2018, 0x201C,  // ‘ “
             0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D,
             0xFE59, 0xFE5B, 0xFE5D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62:
            return true
        default:
            return false
        }
    }

    /// Part of a Latin word or number: ASCII letters and digits, and the marks that join them (`2026-05-03`,
    /// `a_b`, `x.y/z`).
    static func isWordPart(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        switch a {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x23, 0x26, 0x2B, 0x2D, 0x2E, 0x2F, 0x3A, 0x3D, 0x40, 0x5F, 0x7E: return true
        default: return false
        }
    }

    /// Whether a line may end with `before` and the next begin with `after` (curly and CJK punctuation,
    /// Latin words). Straight quotes, which look the same opening and closing, are decided by
    /// `WrappedLines` from where they stand in the paragraph.
    public static func canBreak(between before: Character, and after: Character) -> Bool {
        !cannotStart(after) && !cannotEnd(before) && !(isWordPart(before) && isWordPart(after))
    }

}

/// The lines of a text wrapped to a width, made one at a time: the text past the last line asked for is
/// never read, so showing the first screen of a 100 MB text costs what the screen shows (a view asks for
/// the lines it has rows for; see `TextLayout.wrap(_:width:maxLines:)`).
///
/// Lines break by display width (CJK = 2 cells) where `LineBreakRules` allow; hard line breaks (LF, CRLF,
/// CR) are kept; control characters come out as their visible stand-ins (`Sanitizer`). A soft break drops
/// the spaces that would start the next line.
///
/// ```swift
/// var lines = WrappedLines("各级党委、政府和驻固部队……", width: 20)
/// let first = lines.next()   // reads one line's worth of the text, and one character more
/// ```
public struct WrappedLines: Sequence, IteratorProtocol {
    private let parts: [Substring]
    private let width: Int
    private var part = 0
    private var iterator: Substring.Iterator
    private var peeked: Character?
    /// Characters read for the current line that a break moved to the next one, with their widths.
    private var carry: [(Character, Int)] = []
    private var afterSoftBreak = false
    /// Straight double quotes in the paragraph before the current line (they open and close in turn).
    private var quotesBefore = 0
    private var finished: Bool
    /// UTF-8 bytes of the text taken into lines so far (the lines returned and the character looked at
    /// after them): what has not been read is not counted.
    public private(set) var consumedUTF8 = 0

    /// The lines of `text` at `width` cells (no lines when `width` < 1).
    public init(_ text: some StringProtocol, width: Int) {
        self.init(parts: [Substring(text)], width: width)
    }

    /// The lines of the texts one after the other, as if joined (without copying them: a label before a
    /// long note).
    public init(parts: [Substring], width: Int) {
        self.parts = parts.isEmpty ? [""] : parts
        self.width = width
        iterator = self.parts[0].makeIterator()
        finished = width < 1
    }

    private mutating func peek() -> Character? {
        if let p = peeked { return p }
        while true {
            if let c = iterator.next() {
                peeked = c
                consumedUTF8 += c.utf8.count
                return c
            }
            part += 1
            guard part < parts.count else { return nil }
            iterator = parts[part].makeIterator()
        }
    }

    private mutating func take() { peeked = nil }

    public mutating func next() -> String? {
        guard !finished else { return nil }
        var line = carry
        carry = []
        var used = line.reduce(0) { $0 + $1.1 }
        if afterSoftBreak, line.isEmpty {
            while peek() == " " { take() }
        }
        afterSoftBreak = false
        while true {
            guard let raw = peek() else {
                finished = true
                return Self.text(line)
            }
            if raw == "\n" || raw == "\r\n" || raw == "\r" {
                take()
                quotesBefore = 0
                return Self.text(line)
            }
            // What the terminal is sent for the cluster (a stand-in when it cannot be trusted), as in `Grid.put`.
            guard let (c, w) = Glyph.cell(for: raw) else {
                take()
                continue
            }
            if used + w > width, used > 0 {
                let k = Self.breakIndex(line, before: c, width: w, lineWidth: width, quotesBefore: quotesBefore)
                carry = Array(line[k...])
                line.removeSubrange(k...)
                quotesBefore += line.reduce(0) { $0 + ($1.0 == "\"" ? 1 : 0) }
                afterSoftBreak = true
                return Self.text(line)  // `raw` stays peeked: it starts (or follows the carry on) the next line
            }
            take()
            line.append((c, w))
            used += w
        }
    }

    /// Where to end a full line that `next` (of `width` cells) does not fit on: the latest position the
    /// rules allow, moving at most what still fits on the next line with `next`; the end of the line when
    /// no position does.
    ///
    /// Straight double quotes (`"`) open and close in turn through a paragraph (`quotesBefore` of them came
    /// before the line): an opening one stays with the text after it, a closing one with the text before.
    /// A straight single quote opens after a space or at the start of the line, else closes (or is an
    /// apostrophe).
    static func breakIndex(_ line: [(Character, Int)], before next: Character, width: Int, lineWidth: Int,
                           quotesBefore: Int = 0) -> Int {
        func char(_ i: Int) -> Character { i == line.count ? next : line[i].0 }
        var opening = [Bool](repeating: false, count: line.count + 1)
        var quotes = quotesBefore
        for i in 0...line.count where char(i) == "\"" {
            opening[i] = quotes % 2 == 0
            quotes += 1
        }
        func quoteBlocks(_ k: Int) -> Bool {
            let before = char(k - 1), after = char(k)
            if before == "\"", opening[k - 1] { return true }
            if after == "\"", !opening[k] { return true }
            if before == "'", k < 2 || char(k - 2) == " " { return true }
            if after == "'", before != " " { return true }
            return false
        }
        var k = line.count, tail = width
        while k >= 1 {
            let after = k == line.count ? next : line[k].0
            if LineBreakRules.canBreak(between: line[k - 1].0, and: after), !quoteBlocks(k) { return k }
            tail += line[k - 1].1
            k -= 1
            if tail > lineWidth || k == 0 { break }
        }
        return line.count
    }

    private static func text(_ line: [(Character, Int)]) -> String {
        var s = ""
        for (c, _) in line { s.append(c) }
        return s
    }
}
