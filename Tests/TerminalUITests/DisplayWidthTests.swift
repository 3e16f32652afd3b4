import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    private func width(_ c: Character) -> Int { DisplayWidth.of(c) }

    @Test func asciiIsOneCell() {
        for c in "aZ09 ~!@" { #expect(width(c) == 1, "\(c)") }
        #expect("Shuangyong 2025".displayWidth == 15)
    }

    @Test func cjkIsTwoCells() {
        for c in "县双拥工作领导小组龘" { #expect(width(c) == 2, "\(c)") }
        #expect("双拥".displayWidth == 4)
        #expect("军民共建 2025".displayWidth == 13)
        #expect("한글".displayWidth == 4)  // Hangul syllables
        #expect("ひらがなカタカナ".displayWidth == 16)
        #expect(width("𠀀") == 2)  // CJK extension B, outside the BMP
    }

    @Test func fullwidthPunctuationIsTwoCells() {
        for c in "，。：；！？（）、《》【】" { #expect(width(c) == 2, "\(c)") }
        #expect(width("　") == 2)  // ideographic space
        #expect(width("Ａ") == 2)  // fullwidth Latin
        #expect(width("“") == 1)  // East Asian ambiguous: narrow, as most terminals draw it
    }

    @Test func combiningMarksAreZero() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(width("\u{301}") == 0)
        #expect(width("e\u{301}") == 1)  // é as e + combining acute: one cluster, one cell
        #expect("cafe\u{301}".displayWidth == 4)
        #expect(width("\u{200B}") == 0)  // zero-width space
    }

    @Test func emojiIsTwoCells() {
        for c: Character in ["😀", "👍", "🎉", "🚩", "⭐", "✅"] { #expect(width(c) == 2, "\(c)") }
        #expect(width("👍🏽") == 2)  // with skin tone modifier: drawn as 👍 (see GlyphTests)
        #expect(width("👨‍👩‍👧") == 2)  // ZWJ family: drawn as 👨
        #expect(width("❤️") == 1)  // text-default symbol with VS16: drawn as the text symbol ❤, one cell
    }

    @Test func controlsCountAsTheirVisibleStandIns() {
        #expect("a\u{1b}b".displayWidth == 3)  // ESC is drawn as ␛
    }
}

@Suite struct TextLayoutTests {
    @Test func truncateNeverSplitsAWideCharacter() {
        let t = TextLayout.truncate("县双拥工作领导小组各成员单位", to: 9)
        #expect(t.displayWidth == 9)
        #expect(t.hasSuffix("…"))
        #expect(t == "县双拥工…")
        // Even width: the half cell that cannot hold a character is a space.
        let e = TextLayout.truncate("县双拥工作领导小组各成员单位", to: 10)
        #expect(e == "县双拥工 …")
        for w in 1...30 {
            let s = TextLayout.truncate("县双拥工作领导小组各成员单位", to: w)
            #expect(s.displayWidth == min(w, 28), "width \(w): \(s)")
        }
    }

    @Test func truncateLeavesShortTextAlone() {
        #expect(TextLayout.truncate("双拥", to: 4) == "双拥")
        #expect(TextLayout.truncate("双拥", to: 10) == "双拥")
        #expect(TextLayout.truncate("abc", to: 2) == "a…")
        #expect(TextLayout.truncate("abc", to: 0) == "")
        #expect(TextLayout.truncate("abc", to: -3) == "")
    }

    @Test func truncateSanitises() {
        #expect(TextLayout.truncate("a\u{1b}[2Jb", to: 10) == "a␛[2Jb")
    }

    @Test func fitPadsToExactWidth() {
        #expect(TextLayout.fit("县", to: 5) == "县   ")
        #expect(TextLayout.fit("县", to: 5, alignRight: true) == "   县")
        #expect(TextLayout.fit("县双拥", to: 5) == "县双…")
        for w in 0...20 {
            #expect(TextLayout.fit("双拥工作 plan 2025", to: w).displayWidth == w, "width \(w)")
            #expect(TextLayout.fit("县双拥工作领导小组", to: w, alignRight: true).displayWidth == w, "width \(w)")
        }
    }

    @Test func centerPadsBothSides() {
        #expect(TextLayout.center("双拥", in: 8) == "  双拥  ")
        #expect(TextLayout.center("双拥", in: 7) == " 双拥  ")
        #expect(TextLayout.center("县双拥工作", in: 5).displayWidth == 5)
    }

    @Test func wrapByWidth() {
        #expect(TextLayout.wrap("县双拥工作", width: 4) == ["县双", "拥工", "作"])
        #expect(TextLayout.wrap("县双拥工作", width: 5) == ["县双", "拥工", "作"])
        #expect(TextLayout.wrap("a县b", width: 2) == ["a", "县", "b"])
        #expect(TextLayout.wrap("abcdef", width: 3) == ["abc", "def"])
        #expect(TextLayout.wrap("", width: 3) == [""])
        #expect(TextLayout.wrap("abc", width: 0) == [])
        let text = "各成员单位要按照序时进度完成双拥工作任务，做到件件有着落、事事有回音。"
        for w in 2...20 {
            let lines = TextLayout.wrap(text, width: w)
            #expect(lines.allSatisfy { $0.displayWidth <= w }, "width \(w)")
            #expect(lines.joined() == text)
        }
    }

    @Test func wrapKeepsHardLineBreaks() {
        #expect(TextLayout.wrap("第一行\n第二行", width: 20) == ["第一行", "第二行"])
        #expect(TextLayout.wrap("a\n\nb", width: 20) == ["a", "", "b"])
        // Windows line endings from a plan file edited in Notepad.
        #expect(TextLayout.wrap("第一行\r\n第二行", width: 20) == ["第一行", "第二行"])
    }

    @Test func wrapNarrowerThanACharacterGivesOneCharacterPerLine() {
        #expect(TextLayout.wrap("县双", width: 1) == ["县", "双"])
    }
}
