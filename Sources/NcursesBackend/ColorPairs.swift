internal import CNcursesw
import TerminalUI

/// Colour pairs allocated on demand, one per (foreground, background), remembered for the session.
struct ColorPairs {
    private struct Key: Hashable {
        var fg: Color
        var bg: Color
    }

    let colorCount: Int
    /// `use_default_colors` worked, so -1 means the terminal's own colour.
    let defaultColors: Bool
    /// One past the highest pair number that may be used.
    let pairLimit: Int
    private var cache: [Key: Int16] = [:]
    private var next = 1

    init(colorCount: Int, defaultColors: Bool, pairLimit: Int) {
        self.colorCount = colorCount
        self.defaultColors = defaultColors
        self.pairLimit = pairLimit
    }

    /// The pair for a style's colours; pair 0 (the terminal's colours) when there is no colour, when
    /// pairs run out, or when the terminal rejects the combination.
    mutating func pair(for style: Style) -> Int16 {
        guard colorCount > 0 else { return 0 }
        let key = Key(fg: style.fg, bg: style.bg)
        if let pair = cache[key] { return pair }
        var pair: Int16 = 0
        if key.fg == .default, key.bg == .default, defaultColors {
            pair = 0
        } else if next < pairLimit {
            let candidate = Int16(next)
            if init_pair(candidate, number(key.fg, foreground: true), number(key.bg, foreground: false)) == OK {
                pair = candidate
                next += 1
            }
        }
        cache[key] = pair
        return pair
    }

    /// The curses colour number for a colour on this terminal.
    func number(_ color: Color, foreground: Bool) -> Int16 {
        switch color {
        case .default:
            if defaultColors { return -1 }
            return foreground ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK)
        case let .indexed(n):
            if colorCount >= 256 || Int(n) < min(colorCount, 16) { return Int16(n) }
            if case let .indexed(b) = color.basic { return Int16(b) }
            return 0
        }
    }
}

extension Style {
    /// The curses attributes for this style (colour excluded).
    var cursesAttributes: attr_t {
        var a = SHY_A_NORMAL
        if bold { a |= SHY_A_BOLD }
        if underline { a |= SHY_A_UNDERLINE }
        if reverse { a |= SHY_A_REVERSE }
        if dim { a |= SHY_A_DIM }
        return a
    }
}
