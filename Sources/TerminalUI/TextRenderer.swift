/// Turns a grid into text: plain (for files, tests, README screenshots) or with ANSI SGR colours.
public enum TextRenderer {
    public static func plain(_ g: Grid) -> String { g.plainText + "\n" }

    /// Text with SGR sequences for colours and attributes; `colors` is 256 or 8.
    /// Cell text is already sanitised by the grid, so the only escapes in the output are ours.
    public static func ansi(_ g: Grid, colors: Int = 256) -> String {
        var out = ""
        var last: Style?
        for y in 0..<g.height {
            for x in 0..<g.width {
                let c = g[x, y]
                if c.isContinuation { continue }
                if c.style != last {
                    out += sgr(c.style, colors: colors)
                    last = c.style
                }
                out.append(c.text)
            }
            out += "\u{1B}[0m\n"
            last = nil
        }
        return out
    }

    static func sgr(_ s: Style, colors: Int) -> String {
        var codes = ["0"]
        if s.bold { codes.append("1") }
        if s.dim { codes.append("2") }
        if s.underline { codes.append("4") }
        if s.reverse { codes.append("7") }
        func color(_ c: Color, base: Int) -> String? {
            guard case let .indexed(n) = (colors >= 256 ? c : c.basic) else { return nil }
            if n < 8 { return String(base + Int(n)) }
            if n < 16 { return String(base + 60 + Int(n) - 8) }
            return "\(base + 8);5;\(n)"
        }
        if let f = color(s.fg, base: 30) { codes.append(f) }
        if let b = color(s.bg, base: 40) { codes.append(b) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
