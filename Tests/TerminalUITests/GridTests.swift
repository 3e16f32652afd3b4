import Testing
@testable import TerminalUI

@Suite struct GridTests {
    private let red = Style(fg: .red)
    private let blue = Style(fg: .blue, bold: true)

    /// The row as cells, for readable assertions: "县" wide, "·" a continuation, others themselves.
    private func cells(_ g: Grid, _ y: Int) -> [String] {
        (0..<g.width).map { x in g[x, y].isContinuation ? "·" : String(g[x, y].text) }
    }

    @Test func wideCharacterTakesACellAndAContinuation() {
        var g = Grid(width: 10, height: 2)
        let n = g.put("县双拥", x: 1, y: 0, style: red)
        #expect(n == 6)
        #expect(cells(g, 0) == [" ", "县", "·", "双", "·", "拥", "·", " ", " ", " "])
        #expect(g[1, 0] == Cell("县", width: 2, style: red))
        #expect(g[2, 0] == Cell(" ", width: 0, style: red))
        #expect(g[2, 0].isContinuation)
        #expect(g[7, 0] == Cell())
        #expect(g.rowText(0) == " 县双拥   ")
        #expect(g.rowText(0).displayWidth == 10)
    }

    @Test func mixedWidths() {
        var g = Grid(width: 8, height: 1)
        #expect(g.put("a县b", x: 0, y: 0, style: .plain) == 4)
        #expect(cells(g, 0) == ["a", "县", "·", "b", " ", " ", " ", " "])
    }

    @Test func overwritingTheRightHalfBlanksTheLeftHalf() {
        var g = Grid(width: 6, height: 1)
        g.put("县双", x: 0, y: 0, style: red)
        g.put("x", x: 1, y: 0, style: blue)
        #expect(cells(g, 0) == [" ", "x", "双", "·", " ", " "])
        #expect(g[0, 0] == Cell(" ", width: 1, style: red))  // keeps its style, loses its half glyph
        #expect(g[1, 0] == Cell("x", width: 1, style: blue))
    }

    @Test func overwritingTheLeftHalfBlanksTheRightHalf() {
        var g = Grid(width: 6, height: 1)
        g.put("县双", x: 0, y: 0, style: red)
        g.put("y", x: 2, y: 0, style: blue)
        #expect(cells(g, 0) == ["县", "·", "y", " ", " ", " "])
        #expect(!g[3, 0].isContinuation)
    }

    @Test func aWideCharacterOverAnotherOffByOne() {
        var g = Grid(width: 6, height: 1)
        g.put("县双", x: 0, y: 0, style: red)
        g.put("拥", x: 1, y: 0, style: blue)
        #expect(cells(g, 0) == [" ", "拥", "·", " ", " ", " "])
        #expect(g.rowText(0) == " 拥   ")
    }

    @Test func aWideCharacterThatDoesNotFitAtTheEdgeLeavesABlank() {
        var g = Grid(width: 5, height: 1)
        g.put("abcde", x: 0, y: 0, style: .plain)
        #expect(g.put("县双拥", x: 0, y: 0, style: red) == 5)
        #expect(cells(g, 0) == ["县", "·", "双", "·", " "])
        #expect(g[4, 0] == Cell(" ", width: 1, style: red))
    }

    @Test func aWideCharacterThatDoesNotFitMaxWidthLeavesABlank() {
        var g = Grid(width: 8, height: 1)
        g.put("abcdefgh", x: 0, y: 0, style: .plain)
        #expect(g.put("县双", x: 1, y: 0, style: red, maxWidth: 3) == 3)
        #expect(cells(g, 0) == ["a", "县", "·", " ", "e", "f", "g", "h"])
    }

    @Test func textStartingLeftOfTheGridIsClipped() {
        var g = Grid(width: 6, height: 1)
        g.put("abcdef", x: 0, y: 0, style: .plain)
        g.put("12345", x: -2, y: 0, style: red)
        #expect(g.rowText(0) == "345def")
        // A wide character cut by the left edge leaves its visible half blank, not stale.
        g.put("县双", x: -1, y: 0, style: red)
        #expect(cells(g, 0) == [" ", "双", "·", "d", "e", "f"])
        #expect(g[0, 0] == Cell(" ", width: 1, style: red))
    }

    @Test func wideCharacterCutByTheLeftEdgeOverAnotherWideCharacter() {
        var g = Grid(width: 6, height: 1)
        g.put("县双拥", x: 0, y: 0, style: .plain)
        g.put("作x", x: -1, y: 0, style: red)
        #expect(cells(g, 0) == [" ", "x", "双", "·", "拥", "·"])
        #expect(!g[0, 0].isContinuation && g[0, 0].width == 1)
        #expect(g[1, 0] == Cell("x", width: 1, style: red))
    }

    @Test func putOutsideTheGridWritesNothing() {
        var g = Grid(width: 4, height: 2)
        #expect(g.put("abc", x: 0, y: 2, style: red) == 0)
        #expect(g.put("abc", x: 0, y: -1, style: red) == 0)
        #expect(g.put("abc", x: 4, y: 0, style: red) == 0)
        #expect(g == Grid(width: 4, height: 2))
    }

    @Test func putSanitisesAndSkipsLoneCombiningMarks() {
        var g = Grid(width: 8, height: 1)
        g.put("\u{1b}[2J", x: 0, y: 0, style: .plain)
        #expect(g.rowText(0) == "␛[2J    ")
        g.put("e\u{301}\u{301}z", x: 0, y: 0, style: .plain)
        #expect(g[0, 0].text == "e\u{301}\u{301}")
        #expect(g[1, 0].text == "z")
        #expect(g.put("\u{301}ab", x: 4, y: 0, style: .plain) == 2)  // a mark with nothing to sit on
        #expect(g[4, 0].text == "a" && g[5, 0].text == "b")
    }

    @Test func rowTextAndPlainText() {
        var g = Grid(width: 8, height: 3)
        g.put("双拥", x: 0, y: 0, style: .plain)
        g.put("ok", x: 3, y: 2, style: .plain)
        #expect(g.rowText(0) == "双拥    ")
        #expect(g.rowText(1) == "        ")
        #expect(g.plainText == "双拥\n\n   ok")
        #expect(g.column(of: "拥", row: 0) == 2)
        #expect(g.column(of: "ok", row: 2) == 3)
        #expect(g.column(of: "zz", row: 0) == nil)
        #expect(g.row(containing: "ok") == 2)
        #expect(g.row(containing: "zz") == nil)
    }

    @Test func fillBlanksARectangleAndRepairsWideGlyphsAtItsEdges() {
        var g = Grid(width: 8, height: 2)
        g.put("县双拥作", x: 0, y: 0, style: red)
        g.put("县双拥作", x: 0, y: 1, style: red)
        g.fill(Rect(x: 3, y: 0, width: 2, height: 2), style: blue)
        // The fill starts on the right half of 双 (2–3) and ends on the left half of 拥 (4–5).
        for y in 0..<2 {
            #expect(cells(g, y) == ["县", "·", " ", " ", " ", " ", "作", "·"])
            #expect(g[2, y].style == red)  // what was left of 双 keeps its style
            #expect(g[3, y] == Cell(style: blue))
            #expect(g[4, y] == Cell(style: blue))
            #expect(g[5, y].style == red && !g[5, y].isContinuation)
        }
    }

    @Test func fillIsClippedToTheGrid() {
        var g = Grid(width: 4, height: 2)
        g.fill(Rect(x: -2, y: -2, width: 100, height: 3), style: blue)
        #expect((0..<4).allSatisfy { g[$0, 0] == Cell(style: blue) })
        #expect((0..<4).allSatisfy { g[$0, 1] == Cell() })
        g.fill(Rect(x: 10, y: 0, width: 3, height: 3), style: red)  // entirely outside: no-op
        #expect((0..<4).allSatisfy { g[$0, 1] == Cell() })
    }

    @Test func restyleChangesStyleNotText() {
        var g = Grid(width: 6, height: 2)
        g.put("县a", x: 0, y: 0, style: red)
        g.restyle(Rect(x: 0, y: 0, width: 3, height: 1)) { $0.reverse = true; $0.bg = .yellow }
        #expect(cells(g, 0) == ["县", "·", "a", " ", " ", " "])
        #expect(g[0, 0].style == Style(fg: .red, bg: .yellow, reverse: true))
        #expect(g[2, 0].style == Style(fg: .red, bg: .yellow, reverse: true))
        #expect(g[3, 0].style == .plain)
        #expect(g[0, 1].style == .plain)
    }

    @Test func initialStyleAndSize() {
        let g = Grid(width: 3, height: 2, style: blue)
        #expect(g.cells.count == 6)
        #expect(g.cells.allSatisfy { $0 == Cell(style: blue) })
        #expect(g.bounds == Rect(x: 0, y: 0, width: 3, height: 2))
        let empty = Grid(width: -1, height: 5)
        #expect(empty.width == 0 && empty.cells.isEmpty)
    }

    @Test func rectSplits() {
        let r = Rect(x: 2, y: 1, width: 10, height: 6)
        #expect(r.splitTop(2) == (Rect(x: 2, y: 1, width: 10, height: 2), Rect(x: 2, y: 3, width: 10, height: 4)))
        #expect(r.splitBottom(1).1 == Rect(x: 2, y: 6, width: 10, height: 1))
        #expect(r.splitLeft(20).0 == r)
        #expect(r.inset(left: 1, top: 1, right: 1, bottom: 1) == Rect(x: 3, y: 2, width: 8, height: 4))
        #expect(r.inset(left: 20).isEmpty)
        #expect(r.contains(x: 2, y: 1) && !r.contains(x: 12, y: 1))
    }
}
