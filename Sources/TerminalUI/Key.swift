/// Input as the dashboard sees it, whatever the terminal sent.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// A mouse press at a cell.
    case mouse(x: Int, y: Int)
    case scrollUp, scrollDown
    case resize(width: Int, height: Int)
    case unknown(String)

    /// A short label for help texts, e.g. "Tab", "↑", "g", "Ctrl-R".
    public var label: String {
        switch self {
        case let .char(c): return c == " " ? "Space" : String(c)
        case let .ctrl(c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case let .function(n): return "F\(n)"
        case .mouse: return "Mouse"
        case .scrollUp: return "Wheel↑"
        case .scrollDown: return "Wheel↓"
        case .resize: return "Resize"
        case let .unknown(s): return s
        }
    }
}
