import Testing
@testable import TerminalUI

/// `PlainText` must agree with the general rules (`Glyph`, `DisplayWidth`, `TextLayout.fit`) wherever it answers.
@Suite struct PlainTextTests {
    private static let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E,
                                                        0x2500...0x25FF, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF60]

    @Test func everyFastScalarIsPlainWithTheSameWidth() {
        for r in Self.ranges {
            for v in r {
                let s = Unicode.Scalar(v)!
                let text = String(Character(s))
                #expect(Glyph.isPlain(s), "U+\(String(v, radix: 16))")
                #expect(PlainText.width(text) == DisplayWidth.of(s), "U+\(String(v, radix: 16))")
                #expect(Glyph.text(text) == text)
            }
        }
    }

    @Test func otherTextIsLeftToTheGeneralWay() {
        for text in ["a\u{1B}[2J", "e\u{301}", "👨‍👩‍👧", "한", "\u{202E}abc", "x\u{85}", "\t", "\u{2028}", "\u{3030}", "\u{FF9E}",
                     "ᄒ", "\u{200D}", "\u{7F}"] {
            #expect(PlainText.width(text) == nil, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(PlainText.width("") == 0)
        #expect(PlainText.width("双拥 2026（第一阶段）──…") == 2 * 2 + 5 + 2 * 6 + 2 + 1)
    }

    @Test func fittingMatchesTextLayout() {
        let samples = ["", "a", "双", "双拥工作", "协调双拥工作计划，做到年度有部署", "abc 双拥 def", "逾期12天", "2026-11-30",
                       "Ａ１，。", "│─┼▽◽", "é ß ǅ", "x双y拥z工作", String(repeating: "长", count: 40)]
        for text in samples {
            let w = PlainText.width(text)!
            for column in 0...20 {
                for right in [false, true] {
                    var out: [UInt8] = []
                    PlainText.appendFitted(text, width: w, column: column, alignRight: right, to: &out)
                    let expected = column > 0 ? TextLayout.fit(text, to: column, alignRight: right) : ""
                    #expect(String(decoding: out, as: UTF8.self) == expected, "\(text) \(column) \(right)")
                }
            }
        }
    }
}
