/// A one-line text field that edits by character and draws by display width, so Chinese typed through
/// an input method (arriving as whole characters) edits correctly: the cursor never lands inside a
/// double-width glyph, and a long text scrolls so the cursor stays visible.
public struct LineEditor: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case edited, moved, commit, cancel, ignored
    }

    public private(set) var characters: [Character]
    /// Cursor position as an index into `characters` (0…count).
    public private(set) var cursor: Int
    /// Longest text accepted, in characters.
    public var limit: Int

    public init(_ text: String = "", limit: Int = 2_000) {
        characters = Array(text)
        cursor = characters.count
        self.limit = limit
    }

    public var text: String { String(characters) }

    /// Display cells before the cursor.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + DisplayWidth.of(Sanitizer.visible($1)) } }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .commit
        case .escape: return .cancel
        case .left:
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            return .moved
        case .right:
            guard cursor < characters.count else { return .ignored }
            cursor += 1
            return .moved
        case .home, .ctrl("a"):
            cursor = 0
            return .moved
        case .end, .ctrl("e"):
            cursor = characters.count
            return .moved
        case .backspace:
            guard cursor > 0 else { return .ignored }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return .ignored }
            characters.remove(at: cursor)
            return .edited
        case .ctrl("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
            return .edited
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
            return .edited
        case let .char(c):
            guard characters.count < limit else { return .ignored }
            characters.insert(c, at: cursor)
            cursor += 1
            return .edited
        default:
            return .ignored
        }
    }

    /// Draws the field in `width` cells at (x, y): the text scrolled so the cursor is visible, the
    /// cursor cell in `cursorStyle` (a block after the text's end). Returns the cursor's column.
    @discardableResult
    public func draw(into g: inout Grid, x: Int, y: Int, width: Int, style: Style, cursorStyle: Style) -> Int {
        guard width > 1 else { return x }
        g.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let widths = characters.map { DisplayWidth.of(Sanitizer.visible($0)) }
        // First visible character: scroll right until the cursor (and one cell for it) fits.
        var first = 0
        var before = widths[..<cursor].reduce(0, +)
        while before + 1 > width, first < cursor {
            before -= widths[first]
            first += 1
        }
        var cx = x
        for k in first..<characters.count {
            let w = widths[k]
            if cx + w > x + width { break }
            let s = k == cursor ? cursorStyle : style
            g.put(String(characters[k]), x: cx, y: y, style: s)
            cx += w
        }
        let cursorX = x + before
        if cursor == characters.count, cursorX < x + width {
            g.put(" ", x: cursorX, y: y, style: cursorStyle)
        }
        return cursorX
    }
}
