/// What a terminal cell draws for a grapheme cluster, so that the grid, the curses screen and the
/// terminal agree on every row.
///
/// A terminal advances the cursor by its own rule. For one scalar that rule is the C library's
/// `wcwidth` (ncurses and tmux both use it) or the emulator's copy of the same Unicode East Asian
/// Width table; for a cluster of several scalars the rules differ: emoji ZWJ sequences (👨‍👩‍👧),
/// regional-indicator flags (🇨🇳), skin-tone modifiers (👍🏽), keycaps (1️⃣), variation selectors
/// (❤️ VS16, ☀︎ VS15) and tag sequences (the England flag) are drawn 1, 2, 4 or 8 cells wide, or
/// split, depending on the terminal, while ncurses counts the base's width. Once they disagree,
/// everything after the cluster on that row is drawn in the wrong column and later frames leave stale
/// cells (the issue "terminal, text, calendar", case `emoji-zwj-grapheme`).
///
/// So a cluster reaches the terminal only when every terminal can be trusted to draw it at the width
/// the grid gives it; any other cluster gets one defined stand-in:
///
/// 1. Control characters: `Sanitizer.visible` (␛, ¤, ¦ …).
/// 2. A *plain* base followed by at most `maxMarks` plain nonspacing marks (é as e + U+0301, 中 + ◌̄):
///    drawn as it is. Four marks is what a curses cell holds besides its base (`CCHARW_MAX` = 5).
/// 3. A modern Hangul syllable in conjoining jamo (ᄒ + ᅡ + ᆫ): the precomposed syllable (한), by
///    the arithmetic of Unicode §3.12.
/// 4. Otherwise, when the first scalar is plain: that scalar alone (👨‍👩‍👧 → 👨, 👍🏽 → 👍, 1️⃣ → 1,
///    ❤️ → ❤, 🏴 + tags → 🏴).
/// 5. A cluster of zero-width scalars only (a mark or joiner with no base): nothing.
/// 6. Anything else (flags, whose regional indicators are drawn 1 or 2 cells and pair up again when
///    adjacent; scalars newer than the terminals' tables; unassigned code points): `replacement`.
///
/// A scalar is *plain* when terminals agree on its width and it does not join its neighbours: it is
/// assigned in Unicode 14.0 or earlier (the table of glibc 2.36, Debian 12, whose `wcwidth` ncurses
/// and tmux use; a test checks `DisplayWidth` against it), has a width of 1 or 2, and is none of:
/// a mark, a format or control character, a grapheme extender, an emoji modifier, a regional
/// indicator, a conjoining Hangul jamo, or one of the few letters that join the next or previous
/// character (Unicode's Grapheme_Cluster_Break Prepend and SpacingMark letters). Rules from UAX #29
/// (grapheme clusters), UAX #11 (East Asian Width) and UTS #51 (emoji sequences).
///
/// The grid (`Grid.put`), widths (`DisplayWidth`), cutting and wrapping (`TextLayout`), and so the
/// dashboard, `shuangyong render` and text reports all go through `Glyph.cell(for:)`.
public enum Glyph {
    /// The stand-in for a cluster with no trustworthy part: U+3013 GETA MARK, which Japanese and
    /// Chinese typesetting use for a character that cannot be set. It is East Asian Wide (2 cells
    /// in every table, since Unicode 1.1). "□" and "�" are East Asian Ambiguous: 2 cells on a
    /// terminal set to CJK ambiguous-wide, as Chinese desks often are, 1 elsewhere.
    public static let replacement: Character = "〓"

    /// Nonspacing marks kept on one base: a curses cell holds a base and four more (`CCHARW_MAX`).
    public static let maxMarks = 4

    /// The last Unicode version whose widths the terminals are trusted to know (glibc 2.36).
    public static let unicodeVersion = (major: 14, minor: 0)

    /// What a cell draws for the cluster `c` and its width in cells (1 or 2); nil when it draws
    /// nothing (zero-width characters with no base). See the type's rules.
    @inline(__always)
    public static func cell(for c: Character) -> (text: Character, width: Int)? {
        if let a = c.asciiValue, a >= 0x20, a < 0x7F { return (c, 1) }  // ("\r\n" has asciiValue 0x0A)
        return slowCell(c, c.unicodeScalars.first!)
    }

    private static func slowCell(_ c: Character, _ first: Unicode.Scalar) -> (text: Character, width: Int)? {
        let visible = Sanitizer.visible(c)
        if visible != c || first.value < 0x20 || (0x7F...0x9F).contains(first.value) {
            return (visible, DisplayWidth.of(visible.unicodeScalars.first!))
        }
        let scalars = c.unicodeScalars
        let baseWidth = DisplayWidth.of(first)
        if isPlain(first) {
            var marks = 0
            var trusted = true
            for s in scalars.dropFirst() {
                marks += 1
                if marks > maxMarks || !isPlainMark(s) { trusted = false; break }
            }
            return (trusted ? c : Character(first), baseWidth)
        }
        if let syllable = hangulSyllable(scalars) { return (syllable, 2) }
        if scalars.allSatisfy({ DisplayWidth.of($0) == 0 }) { return nil }
        return (replacement, 2)
    }

    /// The text as a terminal should be sent it: every cluster replaced by what `cell(for:)` draws,
    /// zero-width clusters dropped. Its `displayWidth` is the sum of the cells' widths.
    public static func text(_ text: some StringProtocol) -> String {
        if isPlain(text) { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if let cell = cell(for: c) { out.append(cell.text) }
        }
        return out
    }

    /// Whether every scalar of the text is plain, so each is its own cluster and drawn as it is.
    @inline(__always)
    public static func isPlain(_ text: some StringProtocol) -> Bool {
        for s in text.unicodeScalars where !isPlain(s) { return false }
        return true
    }

    /// Whether terminals agree on this scalar's width (1 or 2, as `DisplayWidth` gives it) and it
    /// joins neither neighbour when drawn alone. See the type's rules.
    @inline(__always)
    public static func isPlain(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x300 { return (v >= 0x20 && v < 0x7F) || v >= 0xA0 }  // Latin; C0, DEL and C1 are controls
        if (0x4E00...0x9FFF).contains(v) || (0xFF01...0xFF60).contains(v) || (0x3000...0x3029).contains(v)
            || (0x2500...0x25FF).contains(v) || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) {
            // CJK ideographs, fullwidth forms, CJK punctuation, box drawing and blocks, dashes, quotes,
            // ellipsis: the common case (a test checks these ranges against the full rule)
            return true
        }
        return isPlainByProperties(s)
    }

    /// `isPlain` from the scalar's Unicode properties.
    static func isPlainByProperties(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        guard let age = p.age, (age.major, age.minor) <= unicodeVersion else { return false }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control, .surrogate, .unassigned,
             .lineSeparator, .paragraphSeparator:
            return false
        default: break
        }
        if p.isGraphemeExtend || p.isEmojiModifier || joinsNeighbour(s.value) { return false }
        return DisplayWidth.of(s) > 0
    }

    /// Letters that form one cluster with a neighbour although they are neither marks nor format
    /// characters: regional indicators (pairs make flags), conjoining Hangul jamo, and the
    /// Grapheme_Cluster_Break Prepend and SpacingMark letters of UAX #29.
    private static func joinsNeighbour(_ v: UInt32) -> Bool {
        switch v {
        case 0x1F1E6...0x1F1FF,  // regional indicators
             0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF,  // conjoining jamo (L, V, T)
             0x0D4E, 0x111C2...0x111C3, 0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46,  // Prepend letters
             0x0E33, 0x0EB3:  // SpacingMark letters (Thai and Lao AM)
            return true
        default:
            return false
        }
    }

    /// Whether the scalar is a nonspacing mark that terminals draw over the cell before it (width 0
    /// everywhere): general category Mn, known to the terminals' tables, not a variation selector
    /// (those switch between text and emoji presentation, of different widths).
    @inline(__always)
    static func isPlainMark(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (0x300...0x36F).contains(v) { return true }  // combining diacritical marks
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return false }
        let p = s.properties
        guard let age = p.age, (age.major, age.minor) <= unicodeVersion else { return false }
        return p.generalCategory == .nonspacingMark
    }

    /// A modern Hangul syllable written as conjoining jamo (L V or L V T), composed (Unicode §3.12).
    private static func hangulSyllable(_ scalars: Character.UnicodeScalarView) -> Character? {
        var it = scalars.makeIterator()
        guard let l = it.next()?.value, (0x1100...0x1112).contains(l),
              let v = it.next()?.value, (0x1161...0x1175).contains(v) else { return nil }
        var t: UInt32 = 0
        if let next = it.next()?.value {
            guard (0x11A8...0x11C2).contains(next), it.next() == nil else { return nil }
            t = next - 0x11A7
        }
        let code = 0xAC00 + ((l - 0x1100) * 21 + (v - 0x1161)) * 28 + t
        return Unicode.Scalar(code).map(Character.init)
    }
}
