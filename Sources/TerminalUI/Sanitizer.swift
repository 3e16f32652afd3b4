/// Makes untrusted text (task titles, notes, unit names from a plan file) safe to draw.
///
/// Control characters would otherwise reach the terminal as commands: ESC starts escape sequences
/// (set the window title, clear the screen, remap keys), C1 controls do the same on some terminals,
/// and bidirectional overrides reorder what the user reads. Each is replaced by a visible symbol.
public enum Sanitizer {
    /// The visible stand-in for one character; ordinary characters come back unchanged.
    @inline(__always)
    public static func visible(_ c: Character) -> Character {
        guard let first = c.unicodeScalars.first else { return c }
        let v = first.value
        if v >= 0x20 && v < 0x7F { return c }
        if c.unicodeScalars.count == 1 || v < 0x20 || (0x7F...0x9F).contains(v) {
            switch v {
            case 0x00..<0x20: return Character(Unicode.Scalar(0x2400 + v)!)  // ␀ … ␟ (␛ for ESC)
            case 0x7F: return "␡"
            case 0x80...0x9F: return "¤"  // C1 control (CSI, OSC …): never sent raw
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return "¦"  // bidi controls
            case 0x2028, 0x2029: return "↵"
            default: break
            }
        }
        // A cluster that starts with a control (e.g. "\r\n" is one Character) is made visible whole.
        if v < 0x20 { return Character(Unicode.Scalar(0x2400 + v)!) }
        return c
    }

    /// Whether the text needs no replacement (fast path for the common case).
    public static func isClean(_ text: some StringProtocol) -> Bool {
        for u in text.utf8 where u < 0x20 || u == 0x7F || u == 0xC2 || u == 0xE2 || u == 0xD8 {
            return false
        }
        return true
    }

    /// The text with every control character replaced by its visible symbol.
    public static func clean(_ text: some StringProtocol) -> String {
        if isClean(text) { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text { out.append(visible(c)) }
        return out
    }

    /// `cleanLines` of a string: its bytes read in place when it needs nothing (nearly always; a report's
    /// CSV asks for every cell).
    public static func cleanLines(_ text: String) -> String {
        let clean = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xD8 }
        }
        if clean == true { return text }
        return cleanLines(text[...])
    }

    /// Each line cleaned, line breaks kept: for messages and CSV cells that may span lines.
    public static func cleanLines(_ text: some StringProtocol) -> String {
        if isCleanExceptNewlines(text) { return String(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { clean($0) }.joined(separator: "\n")
    }

    private static func isCleanExceptNewlines(_ text: some StringProtocol) -> Bool {
        for u in text.utf8 where (u < 0x20 && u != 0x0A) || u == 0x7F || u == 0xC2 || u == 0xE2 || u == 0xD8 {
            return false
        }
        return true
    }
}
