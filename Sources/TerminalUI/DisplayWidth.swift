/// Display width of text in terminal cells: East Asian wide and fullwidth characters take two cells,
/// combining marks and zero-width characters none, everything else one.
///
/// This does not call `wcwidth`, whose answer depends on the process locale (it returns -1 for CJK
/// under the C locale), so layout is the same in tests, in `render` and in the live terminal.
public enum DisplayWidth {
    /// Width of one Unicode scalar: 0, 1 or 2.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return 1 }  // ASCII and Latin: controls are sanitised before they get here.
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return 0 }
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }  // Hangul medial vowels / final consonants
        return isWide(v) ? 2 : 1
    }

    /// East_Asian_Width W or F (Unicode 15), plus emoji presentation.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DFF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18DFF, 0x1AFF0...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F260...0x1F265,
             0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
             0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E,
             0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
             0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
             0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF, 0x1F6EB...0x1F6EC,
             0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
             0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Width of a grapheme cluster as drawn: the width of the cell `Glyph.cell(for:)` gives it (a
    /// base plus combining marks is as wide as its base; an emoji sequence is drawn as its stand-in).
    public static func of(_ c: Character) -> Int {
        Glyph.cell(for: c)?.width ?? 0
    }

    /// Width of a string after sanitising.
    public static func of(_ text: some StringProtocol) -> Int {
        // Fast path over scalars: exact whenever every scalar is plain (`Glyph.isPlain`: it joins no
        // neighbour and is drawn as it is). Controls, marks, joiners, selectors go the slow way.
        var w = 0
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x7F, v >= 0x20 { w += 1; continue }
            if !Glyph.isPlain(s) { return slowWidth(text) }
            w += of(s)
        }
        return w
    }

    /// Width by grapheme clusters (as `Glyph.cell(for:)` draws them), for text with combining marks or joined emoji.
    static func slowWidth(_ text: some StringProtocol) -> Int {
        var w = 0
        for c in text { w += of(Sanitizer.visible(c)) }
        return w
    }
}

extension StringProtocol {
    /// Terminal cells this text occupies once sanitised.
    public var displayWidth: Int { DisplayWidth.of(self) }
}

/// Cutting and padding text by display width; results hold each cluster as the terminal draws it (`Glyph.text`).
public enum TextLayout {
    /// The text cut to at most `width` cells, ending with "…" when cut. Never splits a wide character:
    /// when one would straddle the edge, the cell is left blank so the result is exactly as wide as promised.
    public static func truncate(_ text: some StringProtocol, to width: Int, ellipsis: String = "…") -> String {
        truncateMeasured(text, to: width, ellipsis: ellipsis).text
    }

    /// `truncate`, also returning the result's width (saves measuring it again).
    static func truncateMeasured(_ text: some StringProtocol, to width: Int, ellipsis: String = "…") -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        // A long text (a title pasted with a whole document) is read only as far as the width: a field
        // costs what it shows, not what the text holds.
        if text.utf8.count > max(256, width * 16) { return truncateLong(text, to: width, ellipsis: ellipsis) }
        let clean = Glyph.text(text)
        let full = clean.displayWidth
        if full <= width { return (clean, full) }
        let ew = ellipsis.displayWidth
        let room = max(0, width - ew)
        var out = ""
        var used = 0
        for c in clean {
            let w = DisplayWidth.of(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        if used < room { out += String(repeating: " ", count: room - used) }
        return ew <= width ? (out + ellipsis, room + ew) : (out, room)
    }

    /// `truncateMeasured` reading characters only until the width is passed.
    static func truncateLong(_ text: some StringProtocol, to width: Int, ellipsis: String) -> (text: String, width: Int) {
        let ew = ellipsis.displayWidth
        let room = max(0, width - ew)
        var kept = "", keptWidth = 0  // what fits before the ellipsis
        var all = "", allWidth = 0  // everything read, while it still fits the whole width
        for raw in text {
            guard let (c, w) = Glyph.cell(for: raw) else { continue }
            if keptWidth + w <= room, keptWidth == allWidth {
                kept.append(c)
                keptWidth += w
            }
            allWidth += w
            if allWidth > width {
                if keptWidth < room { kept += String(repeating: " ", count: room - keptWidth) }
                return ew <= width ? (kept + ellipsis, room + ew) : (kept, room)
            }
            all.append(c)
        }
        return (all, allWidth)
    }

    /// The text cut (with ellipsis) or padded with spaces to exactly `width` cells.
    public static func fit(_ text: some StringProtocol, to width: Int, alignRight: Bool = false) -> String {
        let (t, w) = truncateMeasured(text, to: width)
        let pad = max(0, width - w)
        let spaces = String(repeating: " ", count: pad)
        return alignRight ? spaces + t : t + spaces
    }

    /// Centres text within `width` cells (cut if needed).
    public static func center(_ text: some StringProtocol, in width: Int) -> String {
        let t = truncate(text, to: width)
        let pad = max(0, width - t.displayWidth)
        return String(repeating: " ", count: pad / 2) + t + String(repeating: " ", count: pad - pad / 2)
    }

    /// Breaks text into lines of at most `width` cells: the one wrapping function of every view and dialog.
    ///
    /// Chinese has no spaces, so lines break between any two characters except where the Chinese rules
    /// forbid it (no line starts with 、。，）」… nor ends with （「“; `LineBreakRules`, from clreq §3.1.7)
    /// or inside a Latin word or number. Hard line breaks in the text are kept. At most `maxLines` lines
    /// are made, and the text after them is not read (`WrappedLines`): pass the rows there are.
    public static func wrap(_ text: some StringProtocol, width: Int, maxLines: Int = .max) -> [String] {
        Array(WrappedLines(text, width: width).prefix(max(0, maxLines)))
    }

    /// `wrap` of several texts one after the other as if joined, without joining them (a label and a note).
    public static func wrap(parts: [Substring], width: Int, maxLines: Int = .max) -> [String] {
        Array(WrappedLines(parts: parts, width: width).prefix(max(0, maxLines)))
    }
}
