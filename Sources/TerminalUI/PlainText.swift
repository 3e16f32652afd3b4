/// Measuring and fitting text byte by byte when it is *plainly* plain: every scalar is printable ASCII,
/// Latin (U+00A0–U+02FF), general punctuation (U+2010–U+2027, U+2030–U+205E), box drawing and blocks
/// (U+2500–U+25FF), CJK punctuation (U+3000–U+3029), a CJK ideograph (U+4E00–U+9FFF) or a fullwidth form
/// (U+FF01–U+FF60). Each of these is `Glyph.isPlain` (a test checks every one), so such text is its own
/// sanitised, drawn form (`Glyph.text` returns it unchanged) and each scalar is one cell cluster 1 or 2
/// wide, as `DisplayWidth` says. That is nearly every title, name and date of a plan; any other text
/// goes the general way (`TextLayout`, `Glyph`), which gives the same result for these.
///
/// The reports (`ReportTable.text`) measure each cell once with this and write straight into one byte buffer.
public enum PlainText {
    /// The display width of `bytes` (valid UTF-8) when it is plainly plain, nil otherwise.
    @inlinable
    public static func width(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, w = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { return nil }
                w &+= 1
                i &+= 1
                continue
            }
            guard let (cw, len) = scalarWidth(bytes, at: i) else { return nil }
            w &+= cw
            i &+= len
        }
        return w
    }

    /// The display width of a string when it is plainly plain, nil otherwise.
    @inlinable
    public static func width(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { width($0) }
    }

    /// Width and byte length of the scalar starting at `i` (ASCII or not), when it is plainly plain.
    @inlinable @inline(__always)
    public static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (width: Int, length: Int)? {
        let b = p[i]
        if b < 0x80 { return b < 0x20 || b == 0x7F ? nil : (1, 1) }
        return scalarWidth(p, at: i)
    }

    /// The plainly plain scalar starting at `i` as a character, with its width and byte length (`scalar`
    /// said it is plain).
    @inlinable
    public static func character(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Character, Int, Int) {
        let b = p[i]
        if b < 0x80 { return (Character(Unicode.Scalar(b)), 1, 1) }
        let (w, len) = scalarWidth(p, at: i) ?? (1, 1)
        let v = len == 3 ? (UInt32(b & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F)
                         : (UInt32(b & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F)
        return (Character(Unicode.Scalar(v) ?? "\u{FFFD}"), w, len)
    }

    /// Width and byte length of the non-ASCII scalar starting at `i`, when it is one of the plain ranges.
    @inlinable @inline(__always)
    static func scalarWidth(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Int)? {
        let b = p[i]
        if b >= 0xE0, b < 0xF0, i &+ 2 < p.count {
            let v = (UInt32(b & 0x0F) << 12) | (UInt32(p[i &+ 1] & 0x3F) << 6) | UInt32(p[i &+ 2] & 0x3F)
            switch v {
            case 0x4E00...0x9FFF, 0xFF01...0xFF60, 0x3000...0x3029: return (2, 3)
            case 0x2010...0x2027, 0x2030...0x205E: return (1, 3)
            case 0x2500...0x25FF: return (v == 0x25FD || v == 0x25FE ? 2 : 1, 3)
            default: return nil
            }
        }
        if b >= 0xC2, b < 0xE0, i &+ 1 < p.count {
            let v = (UInt32(b & 0x1F) << 6) | UInt32(p[i &+ 1] & 0x3F)
            return v >= 0xA0 && v < 0x300 ? (1, 2) : nil
        }
        return nil
    }

    /// Appends `text` (plainly plain, `width` cells wide as `width(_:)` measured it) cut or padded to exactly
    /// `column` cells: what `TextLayout.fit(text, to: column, alignRight:)` gives, without making a string.
    public static func appendFitted(_ text: String, width: Int, column: Int, alignRight: Bool, to out: inout [UInt8]) {
        guard column > 0 else { return }
        if width <= column {
            if alignRight { appendSpaces(column - width, to: &out) }
            out.append(contentsOf: text.utf8)
            if !alignRight { appendSpaces(column - width, to: &out) }
            return
        }
        // Cut: as many clusters as fit before the "…" (one cell), blanks for a wide one that would straddle.
        let room = column - 1
        var text = text
        text.withUTF8 { p in
            let (i, used) = prefix(p, fitting: room)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[0..<i]))
            appendSpaces(room - used, to: &out)
        }
        out.append(contentsOf: [0xE2, 0x80, 0xA6])  // …
    }

    /// How much of plainly plain `bytes` fits in `room` cells, cut at a cluster: its length in bytes and
    /// its width in cells (a wide character that would straddle the edge is left out).
    @inlinable
    public static func prefix(_ bytes: UnsafeBufferPointer<UInt8>, fitting room: Int) -> (bytes: Int, width: Int) {
        var i = 0, used = 0
        while i < bytes.count {
            let (w, len) = bytes[i] < 0x80 ? (1, 1) : (scalarWidth(bytes, at: i) ?? (1, 1))
            if used + w > room { break }
            used += w
            i += len
        }
        return (i, used)
    }

    @inlinable
    public static func appendSpaces(_ n: Int, to out: inout [UInt8]) {
        if n > 0 { out.append(contentsOf: repeatElement(0x20, count: n)) }
    }
}
