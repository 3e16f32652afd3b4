/// Small drawing routines shared by the views. Each draws into a rectangle of a grid and nothing else.
extension Grid {
    /// A horizontal bar of `width` cells filled to `fraction` (0…1), in eighths for smooth steps.
    public mutating func gauge(x: Int, y: Int, width: Int, fraction: Double, filled: Style, empty: Style) {
        guard width > 0 else { return }
        let f = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int((f * Double(width * 8)).rounded())
        let full = eighths / 8, part = eighths % 8
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for k in 0..<width {
            if k < full {
                put("█", x: x + k, y: y, style: filled)
            } else if k == full, part > 0 {
                var s = filled
                s.bg = empty.bg
                put(String(partials[part - 1]), x: x + k, y: y, style: s)
            } else {
                put("░", x: x + k, y: y, style: empty)
            }
        }
    }

    /// A frame of box-drawing lines around `r`, with an optional title in the top edge.
    public mutating func box(_ r: Rect, title: String? = nil, style: Style, titleStyle: Style? = nil) {
        guard r.width >= 2, r.height >= 2 else { return }
        let inner = r.width - 2
        put("┌" + String(repeating: "─", count: inner) + "┐", x: r.x, y: r.y, style: style)
        for y in (r.y + 1)..<(r.maxY - 1) {
            put("│", x: r.x, y: y, style: style)
            put("│", x: r.maxX - 1, y: y, style: style)
        }
        put("└" + String(repeating: "─", count: inner) + "┘", x: r.x, y: r.maxY - 1, style: style)
        if let title, inner > 4 {
            put(" " + TextLayout.truncate(title, to: inner - 4) + " ", x: r.x + 2, y: r.y, style: titleStyle ?? style)
        }
    }

    /// Writes `text` fitted to exactly `width` cells (cut with an ellipsis, or padded).
    @discardableResult
    public mutating func field(_ text: some StringProtocol, x: Int, y: Int, width: Int, style: Style, alignRight: Bool = false) -> Int {
        field(text, x: x, y: y, width: width, style: style, alignRight: alignRight, plainByScalars: true)
    }

    /// `field`; `plainByScalars: false` fits and places even plainly plain text the general way
    /// (`TextLayout.fit`, then cluster by cluster), which the fast way must agree with.
    @discardableResult
    mutating func field(_ text: some StringProtocol, x: Int, y: Int, width: Int, style: Style, alignRight: Bool, plainByScalars: Bool) -> Int {
        guard width > 0 else { return 0 }
        if plainByScalars,
           let n = text.utf8.withContiguousStorageIfAvailable({ fieldPlain($0, x: x, y: y, columns: width, style: style, alignRight: alignRight) }),
           let n {
            return n
        }
        return put(TextLayout.fit(text, to: width, alignRight: alignRight), x: x, y: y, style: style, maxWidth: width,
                   plainByScalars: plainByScalars)
    }

    /// Fills row `y` from `x` for `width` cells with blanks in `style`.
    public mutating func clearLine(x: Int, y: Int, width: Int, style: Style) {
        fill(Rect(x: x, y: y, width: width, height: 1), style: style)
    }
}

/// Column layout for tables: fixed widths and one or more flexible columns that share what is left.
public struct ColumnLayout {
    public struct Spec {
        public var min: Int
        public var flex: Int
        /// When even the minimums do not fit, columns of lower priority are dropped first (ties: rightmost first).
        public var priority: Int

        public init(min: Int, flex: Int = 0, priority: Int = 0) {
            self.min = min
            self.flex = flex
            self.priority = priority
        }
    }

    /// Widths for `total` cells with `gap` cells between columns. Flexible columns share the rest by weight;
    /// when even the minimums do not fit, columns are dropped (width 0) by priority.
    public static func widths(_ specs: [Spec], total: Int, gap: Int = 1) -> [Int] {
        var widths = specs.map(\.min)
        var kept = Set(specs.indices)
        func needed() -> Int { kept.reduce(0) { $0 + widths[$1] } + gap * max(0, kept.count - 1) }
        let dropOrder = specs.indices.sorted { (specs[$0].priority, -$0) < (specs[$1].priority, -$1) }
        for k in dropOrder where needed() > total {
            kept.remove(k)
            widths[k] = 0
        }
        var rest = total - needed()
        let flexible = specs.indices.filter { kept.contains($0) && specs[$0].flex > 0 }
        let sum = flexible.reduce(0) { $0 + specs[$1].flex }
        guard sum > 0, rest > 0 else { return widths }
        let share = rest
        for k in flexible {
            let add = share * specs[k].flex / sum
            widths[k] += add
            rest -= add
        }
        if let last = flexible.last { widths[last] += rest }
        return widths
    }
}
