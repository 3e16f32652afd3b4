@testable import NcursesBackend
import Testing
import TerminalUI

/// The escape-sequence reader as a pure function over the bytes a terminal sends (no terminal).
@Suite struct EscapeSequenceTests {
    static func keys(_ text: String) -> [Key] { EscapeSequenceParser.keys(from: Array(text.utf8)) }

    @Test func unknownSequencesAreDroppedWhole() {
        // The reported case: ESC [ 9 5 ~ must not become Escape, "[", "9", "5" (the tasks view), "~".
        #expect(Self.keys("\u{1B}[95~") == [])
        #expect(Self.keys("\u{1B}[95~5") == [.char("5")])
        // Other members of the kind: keys nobody maps, sequences with intermediates or private markers,
        // SS3 finals that are no key, focus events, bracketed-paste markers, terminal replies, mouse.
        for unknown in ["\u{1B}[29~", "\u{1B}[2~", "\u{1B}[25~", "\u{1B}[1;5Q", "\u{1B}[ q", "\u{1B}[?1;2c",
                        "\u{1B}[>0;276;0c", "\u{1B}[I", "\u{1B}[O", "\u{1B}[200~", "\u{1B}[201~", "\u{1B}Oz", "\u{1B}O[",
                        "\u{1B}[<0;10;5M", "\u{1B}[<64;3;3M", "\u{1B}[<0;10;5m", "\u{1B}[M !!", "\u{1B}[12;40R",
                        "\u{1B}[1;9A", "\u{1B}[" + String(repeating: "1", count: 100) + "~"] {
            #expect(Self.keys(unknown) == [], "\(Array(unknown.utf8))")
            #expect(Self.keys(unknown + "q") == [.char("q")], "\(Array(unknown.utf8)) then q")
        }
    }

    @Test func knownSequencesBecomeKeys() {
        #expect(Self.keys("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.up, .down, .right, .left])
        #expect(Self.keys("\u{1B}OA\u{1B}OB\u{1B}OC\u{1B}OD") == [.up, .down, .right, .left])
        #expect(Self.keys("\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}OF\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~")
            == [.home, .end, .home, .end, .home, .end, .home, .end])
        #expect(Self.keys("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[Z") == [.pageUp, .pageDown, .delete, .backTab])
        #expect(Self.keys("\u{1B}OP\u{1B}OQ\u{1B}OR\u{1B}OS") == [.function(1), .function(2), .function(3), .function(4)])
        #expect(Self.keys("\u{1B}[11~\u{1B}[15~\u{1B}[17~\u{1B}[21~\u{1B}[23~\u{1B}[24~")
            == [.function(1), .function(5), .function(6), .function(10), .function(11), .function(12)])
        // Modified keys carry the names ncurses gives them.
        #expect(Self.keys("\u{1B}[1;5C\u{1B}[1;2A\u{1B}[3;5~\u{1B}O5D") == [.unknown("kRIT5"), .unknown("kUP2"), .unknown("kDC5"), .unknown("kLFT5")])
        // The keypad in application mode types its characters (ESC O u is "5", not "u" = undo).
        #expect(Self.keys("\u{1B}Ou\u{1B}Op\u{1B}Oy\u{1B}Ok\u{1B}Om\u{1B}OM") == [.char("5"), .char("0"), .char("9"), .char("+"), .char("-"), .enter])
    }

    @Test func escapeAloneIsEscapeAndBeforeAKeyIsEscapeThenTheKey() {
        #expect(Self.keys("\u{1B}") == [.escape])
        #expect(Self.keys("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(Self.keys("\u{1B}q") == [.escape, .char("q")])
        #expect(Self.keys("\u{1B}5") == [.escape, .char("5")])
        #expect(Self.keys("\u{1B}\u{1B}[A") == [.escape, .up])
        // Esc then "[" or "O" with nothing after: what was typed, not a sequence.
        #expect(Self.keys("\u{1B}[") == [.escape, .char("[")])
        #expect(Self.keys("\u{1B}O") == [.escape, .char("O")])
        // Text around sequences is untouched, Chinese included.
        #expect(Self.keys("a\u{1B}[Ab") == [.char("a"), .up, .char("b")])
        #expect(EscapeSequenceParser.keys(from: "进度\u{1B}[95~完成") == [.char("进"), .char("度"), .char("完"), .char("成")])
    }

    @Test func aSequenceCutShortIsDroppedAndAControlKeyInsideItIsKept() {
        // Cut short by the input pausing.
        #expect(Self.keys("\u{1B}[1;5") == [])
        #expect(Self.keys("\u{1B}O5") == [])
        // Broken off by a control key or a new sequence.
        #expect(Self.keys("\u{1B}[1\u{03}") == [.ctrl("c")])
        #expect(Self.keys("\u{1B}[1\r") == [.enter])
        #expect(Self.keys("\u{1B}[9\u{1B}[A") == [.up])
    }

    @Test func keysNcursesDecodedPassThroughOrEndASequence() {
        var parser = EscapeSequenceParser()
        #expect(parser.feed(.key(.up)) == [.up])
        #expect(parser.feed(.character(0x1B)) == [])
        #expect(!parser.isIdle)
        #expect(parser.feed(.key(.down)) == [.escape, .down])
        #expect(parser.isIdle)
        #expect(parser.feed(.character(0x1B)) + parser.feed(.character(0x5B)) + parser.feed(.character(0x39)) == [])
        #expect(parser.feed(.key(.resize(width: 80, height: 24))) == [.resize(width: 80, height: 24)])
        #expect(parser.isIdle)
        #expect(parser.inputPaused() == [])
    }
}
