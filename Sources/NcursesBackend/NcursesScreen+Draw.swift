internal import CNcursesw
import TerminalUI

extension NcursesScreen {
    /// Shows a grid: writes the cells that changed since the last call (all of them on the first
    /// frame, after a resize or after `invalidate()`), then refreshes the terminal once.
    ///
    /// A double-width glyph is always written whole from its first cell; its continuation cell is
    /// never written on its own. A glyph that does not fit the screen becomes a blank. Cells outside
    /// the screen are dropped; screen cells outside the grid are blank.
    public func draw(_ grid: Grid) {
        guard isActive else { return }
        let screenSize = size
        let full = needsFullRedraw || lastGrid?.width != grid.width || lastGrid?.height != grid.height
            || screenSize != lastScreenSize
        if full { werase(window) }
        let previous = full ? nil : lastGrid
        let rows = min(grid.height, screenSize.height)
        let cols = min(grid.width, screenSize.width)
        for y in 0..<rows {
            var x = 0
            while x < cols {
                let cell = grid[x, y]
                defer { x += 1 }
                if let previous, previous[x, y] == cell { continue }
                if cell.isContinuation {
                    // Drawn by the wide glyph to its left; an orphan continuation is shown as a blank.
                    if x > 0, grid[x - 1, y].width == 2 { continue }
                    put(" ", width: 1, style: cell.style, x: x, y: y, screen: screenSize)
                } else if cell.width == 2, x + 1 < cols {
                    put(cell.text, width: 2, style: cell.style, x: x, y: y, screen: screenSize)
                } else if cell.width == 2 {
                    put(" ", width: 1, style: cell.style, x: x, y: y, screen: screenSize)  // would be cut in half
                } else {
                    put(cell.text, width: 1, style: cell.style, x: x, y: y, screen: screenSize)
                }
            }
        }
        wrefresh(window)
        lastGrid = grid
        lastScreenSize = screenSize
        needsFullRedraw = false
    }

    /// Makes the next `draw` repaint the whole terminal from scratch (after something else wrote to
    /// it, or on Ctrl-L).
    public func invalidate() {
        guard isActive else { return }
        needsFullRedraw = true
        clearok(window, true)
    }

    /// Writes one glyph of `width` cells at (x, y). Control characters, and glyphs whose width per the
    /// C library disagrees with the grid's (which would desynchronise ncurses and the terminal), are
    /// replaced by "?" (or a fullwidth "？").
    private func put(_ text: Character, width: Int, style: Style, x: Int, y: Int, screen: (width: Int, height: Int)) {
        let attributes = style.cursesAttributes
        let pair = pairs.pair(for: style)
        // The bottom-right cell is inserted, not added: adding would try to move the cursor past it.
        let insert: Int32 = y == screen.height - 1 && x + width == screen.width ? 1 : 0
        if loadGlyph(text, width: width),
           shy_put_cell(Int32(y), Int32(x), glyph, attributes, pair, insert) == OK {
            return
        }
        if width == 2, loadGlyph("？", width: 2),
           shy_put_cell(Int32(y), Int32(x), glyph, attributes, pair, insert) == OK {
            return
        }
        _ = loadGlyph("?", width: 1)
        for i in 0..<width {
            let last: Int32 = y == screen.height - 1 && x + i + 1 == screen.width ? 1 : 0
            _ = shy_put_cell(Int32(y), Int32(x + i), glyph, attributes, pair, last)
        }
    }

    /// Fills `glyph` with the character's scalars (base plus up to four combining marks, NUL-ended).
    /// False when it contains a control character or its base is not `width` cells wide.
    private func loadGlyph(_ text: Character, width: Int) -> Bool {
        var n = 0
        for scalar in text.unicodeScalars {
            if n == glyph.count - 1 { break }
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
            glyph[n] = wchar_t(bitPattern: v)
            n += 1
        }
        glyph[n] = 0
        return n > 0 && Int(shy_wcwidth(glyph[0])) == width
    }
}
