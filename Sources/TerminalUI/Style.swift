/// A terminal colour as a theme names it.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 256 indexed colours (0–7 standard, 8–15 bright, 16–231 cube, 232–255 grey).
    case indexed(UInt8)

    public static let black = Color.indexed(0), red = Color.indexed(1), green = Color.indexed(2),
                      yellow = Color.indexed(3), blue = Color.indexed(4), magenta = Color.indexed(5),
                      cyan = Color.indexed(6), white = Color.indexed(7)

    /// The nearest of the 8 basic colours, for terminals without 256 colours.
    public var basic: Color {
        guard case let .indexed(n) = self else { return self }
        if n < 8 { return self }
        if n < 16 { return .indexed(n - 8) }
        let (r, g, b) = rgb
        let hi = max(r, g, b), lo = min(r, g, b)
        if hi - lo < 40 {  // grey
            return hi < 90 ? .black : .white
        }
        let threshold = (Int(hi) + Int(lo)) / 2
        let bits = (r > threshold ? 1 : 0) | (g > threshold ? 2 : 0) | (b > threshold ? 4 : 0)
        return .indexed(UInt8(bits))
    }

    /// Approximate RGB of an indexed colour (xterm palette).
    public var rgb: (Int, Int, Int) {
        guard case let .indexed(n) = self else { return (192, 192, 192) }
        let base: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
                                       (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
                                       (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if n < 16 { return base[Int(n)] }
        if n >= 232 { let v = 8 + Int(n - 232) * 10; return (v, v, v) }
        let i = Int(n) - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
    }

    /// The nearest indexed colour to an RGB value (from the 6×6×6 cube or the grey ramp).
    public static func nearest(r: Int, g: Int, b: Int) -> Color {
        func dist(_ c: (Int, Int, Int)) -> Int {
            let dr = c.0 - r, dg = c.1 - g, db = c.2 - b
            return dr * dr + dg * dg + db * db
        }
        var best = 16, bestD = Int.max
        for n in 16...255 {
            let d = dist(Color.indexed(UInt8(n)).rgb)
            if d < bestD { bestD = d; best = n }
        }
        return .indexed(UInt8(best))
    }
}

/// How a cell is drawn: colours and attributes.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(fg: Color = .default, bg: Color = .default, bold: Bool = false, underline: Bool = false,
                reverse: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    public static let plain = Style()

    public func with(bold: Bool? = nil, underline: Bool? = nil, reverse: Bool? = nil) -> Style {
        var s = self
        if let bold { s.bold = bold }
        if let underline { s.underline = underline }
        if let reverse { s.reverse = reverse }
        return s
    }
}
