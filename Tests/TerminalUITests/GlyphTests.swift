#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TerminalUI

/// Clusters a terminal may draw at another width than the grid assumes get one stand-in, the same in
/// the grid, in widths, in cut and wrapped text (issue "terminal, text, calendar", case
/// `emoji-zwj-grapheme`). Every kind of emoji sequence in UTS #51 has a case here.
@Suite struct GlyphTests {
    /// The scalars of what a cell draws for `c` (Character equality is canonical equivalence, which
    /// would call "e\u{301}" and "é" the same), and its width.
    private func drawn(_ c: Character) -> (scalars: [UInt32], width: Int)? {
        Glyph.cell(for: c).map { ($0.text.unicodeScalars.map(\.value), $0.width) }
    }

    private func expectDrawn(_ c: Character, as standIn: Character, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let d = drawn(c)
        #expect(d?.scalars == standIn.unicodeScalars.map(\.value), "\(c.unicodeScalars.map { String($0.value, radix: 16) })",
                sourceLocation: sourceLocation)
        #expect(d?.width == width, sourceLocation: sourceLocation)
    }

    @Test func zwjSequencesAreDrawnAsTheirFirstEmoji() {
        expectDrawn("👨‍👩‍👧", as: "👨", width: 2)  // family
        expectDrawn("🧑‍🚒", as: "🧑", width: 2)  // firefighter
        expectDrawn("🏳️‍🌈", as: "🏳", width: 1)  // rainbow flag: white flag is text-default, one cell
        expectDrawn("👁️‍🗨️", as: "👁", width: 1)
        expectDrawn("a\u{200D}", as: "a", width: 1)  // a stray joiner would glue the next cell on in tmux
    }

    @Test func flagsAreTheReplacement() {
        expectDrawn("🇨🇳", as: Glyph.replacement, width: 2)
        expectDrawn("🇺🇳", as: Glyph.replacement, width: 2)
        expectDrawn("\u{1F1E8}", as: Glyph.replacement, width: 2)  // a lone regional indicator
        // Two flags stay two cells each: the stand-ins do not pair up again.
        #expect(Glyph.text("🇨🇳🇨🇳") == "〓〓")
        #expect("🇨🇳🇨🇳".displayWidth == 4)
    }

    @Test func skinTonesAreDrawnWithoutTheModifier() {
        expectDrawn("👍🏽", as: "👍", width: 2)
        expectDrawn("👩🏿‍💻", as: "👩", width: 2)
        expectDrawn("🏽", as: Glyph.replacement, width: 2)  // a lone modifier
    }

    @Test func keycapsAreDrawnAsTheirKey() {
        expectDrawn("1️⃣", as: "1", width: 1)
        expectDrawn("#️⃣", as: "#", width: 1)
        expectDrawn("1\u{20E3}", as: "1", width: 1)  // without VS16: still an enclosing mark
    }

    @Test func variationSelectorsAreDropped() {
        expectDrawn("❤️", as: "❤", width: 1)  // VS16 on a text-default symbol
        expectDrawn("☀️", as: "☀", width: 1)
        expectDrawn("☀︎", as: "☀", width: 1)  // VS15
        expectDrawn("⌚︎", as: "⌚", width: 2)  // VS15 on an emoji-default symbol keeps its width
        expectDrawn("⌚️", as: "⌚", width: 2)
        expectDrawn("葛\u{E0100}", as: "葛", width: 2)  // ideographic variation sequence
    }

    @Test func tagSequencesAreDrawnAsTheirBase() {
        expectDrawn("🏴󠁧󠁢󠁥󠁮󠁧󠁿", as: "🏴", width: 2)  // England
        expectDrawn("🏴󠁧󠁢󠁳󠁣󠁴󠁿", as: "🏴", width: 2)  // Scotland
    }

    @Test func newerScalarsThanTheTerminalsKnowAreTheReplacement() {
        expectDrawn("🫠", as: "🫠", width: 2)  // Unicode 14: known to glibc 2.36
        expectDrawn("🫨", as: Glyph.replacement, width: 2)  // Unicode 15: wcwidth -1, tmux draws nothing
        expectDrawn("\u{2FFFD}", as: Glyph.replacement, width: 2)  // unassigned
    }

    @Test func combiningMarksOnLettersAndCJKAreKept() {
        expectDrawn("e\u{301}", as: "e\u{301}", width: 1)
        expectDrawn("é", as: "é", width: 1)
        expectDrawn("中\u{304}", as: "中\u{304}", width: 2)
        expectDrawn("a\u{301}\u{302}\u{303}\u{304}", as: "a\u{301}\u{302}\u{303}\u{304}", width: 1)  // four marks
        // More marks than a curses cell holds: the base alone, rather than some of them.
        expectDrawn("a\u{301}\u{302}\u{303}\u{304}\u{305}", as: "a", width: 1)
        #expect("cafe\u{301} 中\u{304}".displayWidth == 7)
        #expect(Glyph.text("cafe\u{301}").unicodeScalars.map(\.value) == "cafe\u{301}".unicodeScalars.map(\.value))
    }

    @Test func otherJoiningScriptsAreDrawnAsTheirFirstCharacter() {
        expectDrawn("\u{1112}\u{1161}\u{11AB}", as: "한", width: 2)  // conjoining jamo, composed
        expectDrawn("\u{1100}\u{1161}", as: "가", width: 2)
        expectDrawn("คำ", as: "ค", width: 1)  // Thai AM joins its consonant
        expectDrawn("ｶﾞ", as: "ｶ", width: 1)  // halfwidth voiced mark: two cells in every terminal
        expectDrawn("कि", as: "क", width: 1)  // Devanagari spacing vowel sign
    }

    @Test func zeroWidthClustersDrawNothing() {
        #expect(Glyph.cell(for: "\u{301}") == nil)
        #expect(Glyph.cell(for: "\u{200B}") == nil)
        #expect(Glyph.cell(for: "\u{FE0F}") == nil)
        #expect(Glyph.text("\u{301}开头") == "开头")
    }

    @Test func controlsStillBecomeVisibleSymbols() {
        expectDrawn("\u{1B}", as: "␛", width: 1)
        expectDrawn("\r\n", as: "␍", width: 1)
        expectDrawn("\u{202E}", as: "¦", width: 1)
    }

    /// Titles holding every kind, as the grid, widths, cutting and wrapping see them.
    static let titles = [
        "👨‍👩‍👧军属家庭", "🇨🇳国旗", "👍🏽点赞", "1️⃣第一", "❤️拥军", "☀︎晴", "🏴󠁧󠁢󠁥󠁮󠁧󠁿英格兰", "café e\u{301}",
        "🫨颤抖", "คำไทย", "\u{301}开头", "a\u{200D}b", "🇨🇳🇺🇳",
    ]

    @Test(arguments: titles) func gridWidthsAndLayoutAgree(title: String) {
        let drawn = Glyph.text(title)
        // What is drawn is plain: every scalar a plain base or a mark kept on one.
        for c in drawn {
            #expect(Glyph.isPlain(c.unicodeScalars.first!))
            #expect(c.unicodeScalars.dropFirst().allSatisfy(Glyph.isPlainMark))
        }
        #expect(Glyph.text(drawn) == drawn)  // stand-ins are their own stand-ins
        #expect(drawn.displayWidth == title.displayWidth)

        var g = Grid(width: 40, height: 1)
        #expect(g.put(title, x: 0, y: 0, style: .plain) == title.displayWidth)
        #expect(g.rowText(0).trimmingSuffix(" ") == drawn)
        #expect(g.rowText(0).displayWidth == 40)

        let fitted = TextLayout.fit(title, to: 12)
        #expect(fitted.displayWidth == 12)
        #expect(Glyph.text(fitted) == fitted)
        for line in TextLayout.wrap(title, width: 5) {
            #expect(line.displayWidth <= 5)
            #expect(Glyph.text(line) == line)
        }
    }

    /// The ranges `isPlain` answers without looking up properties agree with the full rule.
    @Test func fastRangesAgreeWithTheProperties() {
        let differing = (UInt32(0x300)...0x3FFFF).compactMap(Unicode.Scalar.init).filter { Glyph.isPlain($0) != Glyph.isPlainByProperties($0) }
        #expect(differing.isEmpty, "\(differing.prefix(20).map { "U+" + String($0.value, radix: 16, uppercase: true) })")
    }

    #if canImport(Glibc)
    /// The widths the grid gives plain scalars are the C library's, which ncurses and tmux use: the
    /// three agree on every cell. Runs `wcwidth` under C.UTF-8 set for this thread only (`uselocale`),
    /// so tests running in parallel are not affected.
    @Test func plainScalarsHaveTheCLibraryWidth() throws {
        typealias WcWidth = @convention(c) (Int32) -> Int32
        let locale = newlocale(Int32(1 << LC_CTYPE), "C.UTF-8", nil)
        try #require(locale != nil, "the C.UTF-8 locale is missing")
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else {
            Issue.record("wcwidth not found")
            return
        }
        let wcwidth = unsafeBitCast(symbol, to: WcWidth.self)
        let previous = uselocale(locale)
        defer {
            uselocale(previous)
            freelocale(locale)
        }
        var disagreements: [String] = []
        for v in UInt32(0x20)...0x3FFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let c = Int(wcwidth(Int32(v)))
            if Glyph.isPlain(s), DisplayWidth.of(s) != c {
                disagreements.append("U+\(String(v, radix: 16, uppercase: true)) grid \(DisplayWidth.of(s)) C library \(c)")
            }
            if Glyph.isPlainMark(s), c != 0 {
                disagreements.append("mark U+\(String(v, radix: 16, uppercase: true)) C library \(c)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20))")
    }
    #endif
}

private extension String {
    func trimmingSuffix(_ c: Character) -> String {
        var s = self
        while s.last == c { s.removeLast() }
        return s
    }
}
