/// Block digits for reading across a room: a clock, a date and a few figures, each glyph five rows
/// tall and drawn with full blocks (`█`).
///
/// Glyphs are 3 × 5 "pixels" (the colon and space narrower). A pixel is `scale` cells wide and `tall`
/// rows high (one by default), so at scale 2 (or scale 4, tall 2) a pixel is about square in a usual
/// terminal font (cells are twice as tall as wide). Glyphs are one pixel apart.
///
/// ```swift
/// let w = BigText.width("09:15", scale: 2)        // 34 cells
/// if w <= area.width { grid.bigText("09:15", x: area.x, y: area.y, style: theme[.bigText], scale: 2) }
/// ```
public enum BigText {
    /// Rows every glyph takes at `tall` 1, whatever the scale.
    public static let height = 5

    /// Rows every glyph takes with pixels `tall` rows high.
    public static func height(tall: Int) -> Int { height * max(1, tall) }

    /// The font: `#` is a lit pixel. Characters not here draw as a blank the width of a digit.
    static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"],
        "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"],
        "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"],
        "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"],
        "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"],
        "9": ["###", "# #", "###", "  #", "###"],
        ":": [" ", "#", " ", "#", " "],
        "-": ["   ", "   ", "###", "   ", "   "],
        "%": ["# #", "  #", " # ", "#  ", "# #"],
        "/": ["  #", "  #", " # ", "#  ", "#  "],
        " ": ["  ", "  ", "  ", "  ", "  "],
    ]

    static let blank = ["   ", "   ", "   ", "   ", "   "]

    /// Whether `c` has a glyph of its own (others draw blank).
    public static func supports(_ c: Character) -> Bool { font[c] != nil }

    /// Cells `text` takes across at `scale` (≥ 1).
    public static func width(_ text: some StringProtocol, scale: Int = 1) -> Int {
        let s = max(1, scale)
        var pixels = 0
        for c in text { pixels += (font[c] ?? blank)[0].count }
        return (pixels + max(0, text.count - 1)) * s
    }

    /// The rows of `text` at `scale` (five, each repeated `tall` times), `█` for lit pixels and spaces
    /// elsewhere, each `width(text)` cells.
    public static func lines(_ text: some StringProtocol, scale: Int = 1, tall: Int = 1) -> [String] {
        let s = max(1, scale), t = max(1, tall)
        let on = String(repeating: "█", count: s), off = String(repeating: " ", count: s)
        return (0..<height * t).map { $0 / t }.map { row in
            var line = ""
            for (k, c) in text.enumerated() {
                if k > 0 { line += off }
                for p in (font[c] ?? blank)[row] { line += p == "#" ? on : off }
            }
            return line
        }
    }
}

extension Grid {
    /// Draws `text` in block glyphs with its top-left corner at (x, y), clipped to the grid, unlit
    /// pixels as blanks in `style`. Returns the width drawn (`BigText.width(text, scale:)`).
    @discardableResult
    public mutating func bigText(_ text: some StringProtocol, x: Int, y: Int, style: Style, scale: Int = 1, tall: Int = 1) -> Int {
        for (row, line) in BigText.lines(text, scale: scale, tall: tall).enumerated() {
            put(line, x: x, y: y + row, style: style)
        }
        return BigText.width(text, scale: scale)
    }
}
