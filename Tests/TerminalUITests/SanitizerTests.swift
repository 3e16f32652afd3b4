import Testing
@testable import TerminalUI

@Suite struct SanitizerTests {
    /// True when no C0, DEL or C1 control scalar is left.
    private func noControls(_ s: String) -> Bool {
        !s.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    @Test func escapeBecomesVisible() {
        #expect(Sanitizer.clean("\u{1b}[31mred") == "␛[31mred")
        #expect(Sanitizer.clean("\u{1b}[2J") == "␛[2J")
    }

    @Test func titleSettingSequenceIsDefused() {
        let s = Sanitizer.clean("\u{1b}]0;pwned\u{7}")
        #expect(s == "␛]0;pwned␇")
        #expect(noControls(s))
    }

    @Test func everyC0ControlIsReplaced() {
        let all = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "\u{7f}"
        let s = Sanitizer.clean(all)
        #expect(noControls(s))
        #expect(s.hasSuffix("␡"))
        #expect(Sanitizer.clean("a\tb\nc") == "a␉b␊c")
        #expect(noControls(Sanitizer.clean("line\r\nnext")))  // CR LF is one Character
    }

    @Test func c1ControlsBecomeCurrencySign() {
        #expect(Sanitizer.clean("\u{9b}31m") == "¤31m")  // CSI as one C1 byte
        #expect(Sanitizer.clean("\u{9d}0;x\u{9c}") == "¤0;x¤")  // OSC … ST
        #expect(noControls(Sanitizer.clean("\u{80}\u{85}\u{9f}")))
    }

    @Test func bidiControlsAreReplaced() {
        #expect(Sanitizer.clean("abc\u{202E}fed") == "abc¦fed")  // RIGHT-TO-LEFT OVERRIDE
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C] {
            let s = Sanitizer.clean("x" + String(Unicode.Scalar(v)!) + "y")
            #expect(s == "x¦y", "U+\(String(v, radix: 16))")
        }
        #expect(Sanitizer.clean("a\u{2028}b") == "a↵b")
    }

    @Test func cleanTextIsUnchanged() {
        for text in ["县双拥工作领导小组", "Plan 2025（一）", "中秋·国庆", "café", "e\u{301}", "👨‍👩‍👧 ❤️", "“引号”—破折号", ""] {
            #expect(Sanitizer.clean(text) == text, "\(text)")
        }
        #expect(Sanitizer.isClean("县双拥 plan"))
        #expect(!Sanitizer.isClean("a\u{1b}b"))
    }

    @Test func visibleKeepsOrdinaryCharacters() {
        for c: Character in ["a", "县", "，", "é", "😀"] { #expect(Sanitizer.visible(c) == c) }
        #expect(Sanitizer.visible("\u{1b}") == "␛")
    }
}
