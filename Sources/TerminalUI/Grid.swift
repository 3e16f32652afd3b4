/// A rectangle of cells, in columns (x) and rows (y) from the top left.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// Shrinks by the given margins.
    public func inset(left: Int = 0, top: Int = 0, right: Int = 0, bottom: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Splits off `n` rows at the top: (top part, rest).
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: k), Rect(x: x, y: y + k, width: width, height: height - k))
    }

    /// Splits off `n` rows at the bottom: (rest, bottom part).
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - k), Rect(x: x, y: maxY - k, width: width, height: k))
    }

    /// Splits off `n` columns at the left: (left part, rest).
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let k = min(max(0, n), width)
        return (Rect(x: x, y: y, width: k, height: height), Rect(x: x + k, y: y, width: width - k, height: height))
    }
}

/// One terminal cell: a grapheme and its style. The cell after a double-width grapheme is a
/// continuation (`width == 0`) that draws nothing.
public struct Cell: Equatable, Sendable {
    public var text: Character
    public var width: UInt8
    public var style: Style

    public init(_ text: Character = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public var isContinuation: Bool { width == 0 }
}

/// An in-memory screen. Views draw here; a backend (ncurses, ANSI text, tests) shows it.
public struct Grid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Fills a rectangle with blanks in a style.
    public mutating func fill(_ r: Rect, style: Style) {
        let x0 = max(0, r.x), x1 = min(width, r.maxX), y0 = max(0, r.y), y1 = min(height, r.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            repairLeft(x0, y)
            repairRight(x1, y)
            for x in x0..<x1 { cells[y * width + x] = Cell(style: style) }
        }
    }

    /// Changes the style of cells without changing their text (selection highlight, lights).
    public mutating func restyle(_ r: Rect, _ change: (inout Style) -> Void) {
        let x0 = max(0, r.x), x1 = min(width, r.maxX), y0 = max(0, r.y), y1 = min(height, r.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { change(&cells[y * width + x].style) } }
    }

    /// Writes text at (x, y), sanitised, each cluster as `Glyph.cell(for:)` draws it, clipped to
    /// `maxWidth` cells and the grid's edge.
    /// A double-width character that does not fit leaves a blank instead of half a glyph.
    /// Returns the number of cells written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        put(text, x: x, y: y, style: style, maxWidth: maxWidth, plainByScalars: true)
    }

    /// `put`; `plainByScalars: false` places even plainly plain text cluster by cluster (the general way
    /// the fast one must agree with).
    @discardableResult
    mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style, maxWidth: Int?, plainByScalars: Bool) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        // Plainly plain text (nearly all) is placed scalar by scalar, without finding its clusters.
        if plainByScalars, let n = text.utf8.withContiguousStorageIfAvailable({ putPlain($0, x: x, y: y, style: style, limit: limit) }),
           let n {
            return n
        }
        var cx = x
        repairLeft(max(0, x), y)
        for raw in text {
            // What the terminal is sent: controls made visible, an untrustworthy cluster replaced by its
            // stand-in; nil for a lone combining mark or zero-width character (nothing to place).
            guard let (c, w) = Glyph.cell(for: raw) else { continue }
            if !place(c, w, at: &cx, y: y, limit: limit, style: style) { break }
        }
        repairRight(cx, y)
        return cx - x
    }

    /// `put` of plainly plain UTF-8 text (`PlainText`: each scalar a cluster drawn as it is, 1 or 2 cells
    /// wide), nil — having placed nothing — when the text is not plainly plain as far as it would be drawn
    /// (the scalars that fit before `limit`, and the one after them, which could join the last).
    private mutating func putPlain(_ p: UnsafeBufferPointer<UInt8>, x: Int, y: Int, style: Style, limit: Int) -> Int? {
        let room = limit - x
        var end = 0, w = 0
        while end < p.count {
            guard let (cw, len) = PlainText.scalar(p, at: end) else { return nil }
            end += len
            w += cw
            if w > room { break }
        }
        var cx = x
        repairLeft(max(0, x), y)
        var i = 0
        while i < end {
            let (c, cw, len) = PlainText.character(p, at: i)
            if !place(c, cw, at: &cx, y: y, limit: limit, style: style) { break }
            i += len
        }
        repairRight(cx, y)
        return cx - x
    }

    /// `put(TextLayout.fit(text, to: columns, alignRight:), …, maxWidth: columns)` for plainly plain text,
    /// without making the fitted string; nil — having placed nothing — when the text is not plainly plain
    /// as far as it would be drawn. `field` draws through here.
    mutating func fieldPlain(_ p: UnsafeBufferPointer<UInt8>, x: Int, y: Int, columns: Int, style: Style, alignRight: Bool) -> Int? {
        // How much fits: all of it (`total` cells), or the scalars that fit before the "…" (`kept` bytes,
        // `keptWidth` cells), found by reading only as far as the first scalar past the width.
        let room = columns - 1
        var end = 0, total = 0, kept = 0, keptWidth = 0
        while end < p.count {
            guard let (cw, len) = PlainText.scalar(p, at: end) else { return nil }
            if total + cw <= room { kept = end + len; keptWidth = total + cw }
            end += len
            total += cw
            if total > columns { break }
        }
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + max(0, columns))
        var cx = x
        repairLeft(max(0, x), y)
        var going = true
        func text(_ upTo: Int) {
            var i = 0
            while going, i < upTo {
                let (c, cw, len) = PlainText.character(p, at: i)
                going = place(c, cw, at: &cx, y: y, limit: limit, style: style)
                i += len
            }
        }
        func spaces(_ n: Int) {
            var k = 0
            while going, k < n {
                going = place(" ", 1, at: &cx, y: y, limit: limit, style: style)
                k += 1
            }
        }
        if total <= columns {
            if alignRight { spaces(columns - total) }
            text(end)
            if !alignRight { spaces(columns - total) }
        } else {
            text(kept)
            spaces(room - keptWidth)
            if going { going = place("…", 1, at: &cx, y: y, limit: limit, style: style) }
        }
        repairRight(cx, y)
        return cx - x
    }

    /// Places one cluster `w` cells wide at `cx` (advanced past it), as `put` draws: false, having left a
    /// blank where a wide one did not fit, when it goes past `limit` (nothing more is placed then).
    @inline(__always)
    private mutating func place(_ c: Character, _ w: Int, at cx: inout Int, y: Int, limit: Int, style: Style) -> Bool {
        if cx + w > limit {
            if cx < limit { setBlank(cx, y, style) ; cx += 1 }
            return false
        }
        if cx >= 0 {
            let i = y * width + cx
            if w == 2 {
                repairRight(cx + 2, y)
                cells[i] = Cell(c, width: 2, style: style)
                cells[i + 1] = Cell(" ", width: 0, style: style)
            } else {
                repairRight(cx + 1, y)
                cells[i] = Cell(c, width: 1, style: style)
            }
        } else if cx + w > 0 {
            setBlank(0, y, style)  // the right half of a wide glyph cut by the left edge
        }
        cx += w
        return true
    }

    private mutating func setBlank(_ x: Int, _ y: Int, _ style: Style) {
        guard x >= 0, x < width else { return }
        repairRight(x + 1, y)
        cells[y * width + x] = Cell(style: style)
    }

    /// If (x, y) is the right half of a wide glyph that starts at x-1, blank that glyph.
    private mutating func repairLeft(_ x: Int, _ y: Int) {
        guard x > 0, x < width, cells[y * width + x].isContinuation else { return }
        cells[y * width + x - 1] = Cell(style: cells[y * width + x - 1].style)
        cells[y * width + x] = Cell(style: cells[y * width + x].style)
    }

    /// If (x, y) is a continuation whose glyph began before x, blank it (its left half was overwritten).
    private mutating func repairRight(_ x: Int, _ y: Int) {
        guard x >= 0, x < width, cells[y * width + x].isContinuation else { return }
        cells[y * width + x] = Cell(style: cells[y * width + x].style)
    }

    /// The text of row `y` (continuation cells skipped), for tests and plain-text rendering.
    public func rowText(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s.append(self[x, y].text) }
        return s
    }

    /// Every row, trailing spaces removed, joined by newlines.
    public var plainText: String {
        var out: [UInt8] = []
        out.reserveCapacity(width * height * 2)
        for y in 0..<height {
            if y > 0 { out.append(0x0A) }
            let lineStart = out.count
            for x in 0..<width {
                let cell = cells[y * width + x]
                if cell.isContinuation { continue }
                if let a = cell.text.asciiValue { out.append(a) } else { out.append(contentsOf: cell.text.utf8) }
            }
            while out.count > lineStart, out.last == 0x20 { out.removeLast() }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The column (cell index) where `needle` starts on row `y`, or nil.
    public func column(of needle: String, row y: Int) -> Int? {
        let row = rowText(y)
        guard let r = row.firstRange(of: needle) else { return nil }
        return row[row.startIndex..<r.lowerBound].displayWidth
    }

    /// The first row containing `needle`.
    public func row(containing needle: String) -> Int? {
        (0..<height).first { rowText($0).contains(needle) }
    }
}
