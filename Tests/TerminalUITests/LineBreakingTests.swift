import Testing
@testable import TerminalUI

@Suite("Wrapping by the Chinese line-breaking rules (避头尾)")
struct LineBreakingTests {
    func wrap(_ s: String, _ width: Int) -> [String] { TextLayout.wrap(s, width: width) }

    @Test func noLineStartsWithAPauseOrStop() {
        // Breaking at any character would start the second line with 、 and leave 。 alone on the last.
        #expect(wrap("各级党委政、府驻固部队", 10) == ["各级党委", "政、府驻固", "部队"])
        #expect(wrap("双拥工作好。", 10) == ["双拥工作", "好。"])
        #expect(wrap("双拥工作好，军民团结", 10) == ["双拥工作", "好，军民团", "结"])
        #expect(wrap("双拥工作好；军民团结", 10) == ["双拥工作", "好；军民团", "结"])
        #expect(wrap("双拥工作好？", 10) == ["双拥工作", "好？"])
        #expect(wrap("双拥工作好！", 10) == ["双拥工作", "好！"])
        #expect(wrap("双拥工作好：", 10) == ["双拥工作", "好："])
    }

    @Test func noLineStartsWithAClosingBracketEllipsisOrDash() {
        #expect(wrap("走访（慰问）", 10) == ["走访（慰", "问）"])
        #expect(wrap("开展「双拥」活动", 10) == ["开展「双", "拥」活动"])
        #expect(wrap("《双拥工作》", 10) == ["《双拥工", "作》"])
        #expect(wrap("双拥工作好……", 10) == ["双拥工作", "好……"])
        #expect(wrap("双拥工作好——", 10) == ["双拥工作", "好——"])
        // Several closers in a row go down with the character before them.
        #expect(wrap("双拥工作好。」", 10) == ["双拥工作", "好。」"])
        #expect(wrap("各单位要：“双拥”。", 12) == ["各单位要：", "“双拥”。"])
    }

    @Test func noLineEndsWithAnOpeningBracket() {
        #expect(wrap("双拥工作（好）", 10) == ["双拥工作", "（好）"])
        #expect(wrap("双拥工作【好】", 10) == ["双拥工作", "【好】"])
        #expect(wrap("双拥工作《好》", 10) == ["双拥工作", "《好》"])
        #expect(wrap("双拥工作「『好』」", 10) == ["双拥工作", "「『好』」"])
        #expect(wrap("开展“双拥”活动", 5) == ["开展", "“双", "拥”活", "动"])
    }

    @Test func halfWidthPunctuationFollowsTheSameRules() {
        #expect(wrap("县民政局负责(全年)", 13) == ["县民政局负责", "(全年)"])
        #expect(wrap("县民政局负责,全年", 12) == ["县民政局负", "责,全年"])
        #expect(wrap("县民政局负责.", 12) == ["县民政局负", "责."])
        #expect(wrap("县民政局负责)", 12) == ["县民政局负", "责)"])
        #expect(wrap("县民政局负责｡", 12) == ["县民政局负", "责｡"])
        #expect(wrap("县民政局负责｢好", 13) == ["县民政局负责", "｢好"])
    }

    @Test func straightQuotesStayWithTheirWord() {
        #expect(wrap("unknown unit id \"县双拥\" (not in units)", 18) == ["unknown unit id ", "\"县双拥\" (not in ", "units)"])
        // In Chinese text they open and close in turn: the first stays with 双, the second with 拥.
        #expect(wrap("名称为\"双拥\"。", 7) == ["名称为", "\"双", "拥\"。"])
        #expect(wrap("名称为\"双拥\"。", 10) == ["名称为\"双", "拥\"。"])
        #expect(wrap("他说\"好\"，我说\"行\"", 13) == ["他说\"好\"，我", "说\"行\""])
        #expect(wrap("he said 'yes' now", 9) == ["he said ", "'yes' now"])
    }

    @Test func latinWordsAndNumbersStayWhole() {
        #expect(wrap("Note 2026-05-03 Wang", 12) == ["Note ", "2026-05-03 ", "Wang"])
        #expect(wrap("受教育面达到100%", 14) == ["受教育面达到", "100%"])
        // A word longer than the line is cut at the width.
        #expect(wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
    }

    @Test func aLineOfOnlyPunctuationIsBrokenAtTheWidth() {
        #expect(wrap("。。。。。。", 4) == ["。。", "。。", "。。"])
        #expect(wrap("（（（（", 4) == ["（（", "（（"])
    }

    @Test func hardBreaksAreKeptAndSoftBreaksDropLeadingSpaces() {
        #expect(wrap("第一行\n第二行\r\n第三行\r", 20) == ["第一行", "第二行", "第三行", ""])
        #expect(wrap("", 10) == [""])
        #expect(wrap("one two three", 8) == ["one two ", "three"])
        #expect(wrap("abc", 0) == [])
    }

    /// Any width: every line fits and the lines put together are the text; from 10 cells (room for the
    /// longest run the rules keep together here, "〔2026〕1") no line starts with a closer or ends with an
    /// opener. Narrower, a run that cannot fit is broken at the width.
    @Test func seedParagraphAtEveryWidth() {
        let text = "各级党委、政府和驻固部队要把双拥工作纳入总体规划和年度考评，（认真落实）“双拥”工作。县人社局负责……" +
            "全年在市级以上媒体刊发稿件不得少于2篇；新生军训7至14天，受教育面达到100%！《实施方案》【附件】〔2026〕1号——完。"
        for width in 4...60 {
            let lines = wrap(text, width)
            #expect(lines.joined() == text, "width \(width)")
            for (k, line) in lines.enumerated() {
                #expect(line.displayWidth <= width, "width \(width): \(line)")
                guard width >= 10 else { continue }
                if k > 0, let f = line.first { #expect(!LineBreakRules.cannotStart(f), "width \(width) line \(k): \(lines)") }
                if k < lines.count - 1, let l = line.last { #expect(!LineBreakRules.cannotEnd(l), "width \(width) line \(k): \(lines)") }
            }
        }
    }
}

@Suite("A wrapped text is read only as far as the lines asked for")
struct LazyWrapTests {
    /// 10 MB of text: the first three lines read three lines' worth and the character after them.
    @Test func theWrapperStopsAfterTheLinesAskedFor() {
        let line = "各级党委、政府和驻固部队要把双拥工作纳入总体规划。"  // 25 characters, 75 bytes
        let text = String(repeating: line, count: 140_000)
        var lines = WrappedLines(text, width: 50)
        var got: [String] = []
        for _ in 0..<3 { if let l = lines.next() { got.append(l) } }
        #expect(got.count == 3)
        #expect(got.joined().utf8.count <= lines.consumedUTF8)
        #expect(lines.consumedUTF8 <= got.joined().utf8.count + 3 * 3, "read \(lines.consumedUTF8) bytes")
        #expect(TextLayout.wrap(text, width: 50, maxLines: 3) == got)
        #expect(TextLayout.wrap(parts: ["备注 ", text[...]], width: 50, maxLines: 2).first?.hasPrefix("备注 各级党委") == true)
    }

    @Test func maxLinesZeroReadsNothing() {
        let lines = WrappedLines(String(repeating: "长", count: 1000), width: 10)
        #expect(lines.consumedUTF8 == 0)
        #expect(TextLayout.wrap("长长长", width: 10, maxLines: 0) == [])
    }

    /// A field cut from a long text is the same as from a short one (the long path reads only the width).
    @Test func truncatingALongTextMatchesTheShortPath() {
        let long = String(repeating: "县双拥工作领导小组", count: 100_000)
        for w in [1, 2, 9, 10, 40] {
            #expect(TextLayout.truncate(long, to: w) == TextLayout.truncate(String(long.prefix(60)), to: w), "width \(w)")
            #expect(TextLayout.fit(long, to: w).displayWidth == w)
        }
        #expect(TextLayout.truncate(String(repeating: "a", count: 5000) + "\u{1B}", to: 3) == "aa…")
    }
}
