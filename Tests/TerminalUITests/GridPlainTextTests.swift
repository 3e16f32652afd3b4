import Testing
@testable import TerminalUI

/// Plainly plain text (`PlainText`) is placed scalar by scalar (`Grid.put`, `Grid.field`): the cells, and
/// the width returned, must be those of the general way (`TextLayout.fit`, then cluster by cluster through
/// `Glyph.cell`) wherever the text lands — clipped at either edge, cut, padded, over wide characters.
@Suite struct GridPlainTextTests {
    static let texts = ["", "a", "双", "双拥工作", "协调双拥工作计划，做到年度有部署", "abc 双拥 def", "逾期12天", "2026-11-30",
                        "Ａ１，。　", "│─┼▽◽", "é ß ǅ ʰ", "x双y拥z工作", String(repeating: "长", count: 40), "█░▏… ——",
                        // Not plainly plain, at once or only past what fits: the general way throughout.
                        "e\u{301}双", "双拥\u{301}", "ab\u{1B}c", "双拥工作双拥工作双拥工作双拥工作双拥工作👨‍👩‍👧", "한국", "\u{7F}"]
    static let style = Style.plain.with(bold: true)

    /// A grid whose middle row already holds wide characters, so overwriting repairs both ends.
    static func background() -> Grid {
        var g = Grid(width: 20, height: 3)
        g.put("双拥工作双拥工作双拥", x: 0, y: 1, style: .plain, maxWidth: nil, plainByScalars: false)
        g.put("ab双cd拥", x: 3, y: 0, style: .plain, maxWidth: nil, plainByScalars: false)
        return g
    }

    @Test func putAgreesWithTheGeneralWay() {
        for text in Self.texts {
            for x in [-3, -2, -1, 0, 1, 5, 17, 18, 19, 20] {
                for maxWidth in [nil, 0, 1, 2, 3, 7, 30] as [Int?] {
                    for y in [0, 1, 3] {
                        var fast = Self.background(), slow = Self.background()
                        let a = fast.put(text, x: x, y: y, style: Self.style, maxWidth: maxWidth)
                        let b = slow.put(text, x: x, y: y, style: Self.style, maxWidth: maxWidth, plainByScalars: false)
                        #expect(a == b, "\(text) x \(x) max \(String(describing: maxWidth)) y \(y)")
                        #expect(fast == slow, "\(text) x \(x) max \(String(describing: maxWidth)) y \(y)")
                    }
                }
            }
        }
    }

    @Test func fieldAgreesWithTheGeneralWay() {
        for text in Self.texts {
            for x in [-3, -1, 0, 1, 6, 18, 19] {
                for width in [1, 2, 3, 4, 5, 8, 13, 25] {
                    for right in [false, true] {
                        var fast = Self.background(), slow = Self.background()
                        let a = fast.field(text, x: x, y: 1, width: width, style: Self.style, alignRight: right)
                        let b = slow.field(text, x: x, y: 1, width: width, style: Self.style, alignRight: right, plainByScalars: false)
                        #expect(a == b, "\(text) x \(x) width \(width) right \(right)")
                        #expect(fast == slow, "\(text) x \(x) width \(width) right \(right)")
                    }
                }
            }
        }
    }

    @Test func aSubstringIsPlacedLikeItsString() {
        let line = "逾期督办：协调双拥工作计划"
        let part = line.dropFirst(5)
        var a = Self.background(), b = Self.background()
        a.field(part, x: 2, y: 1, width: 9, style: Self.style)
        b.field(String(part), x: 2, y: 1, width: 9, style: Self.style, alignRight: false, plainByScalars: false)
        #expect(a == b)
    }
}
