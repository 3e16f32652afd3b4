import ShuangyongKit
import TerminalUI

/// How a list shows more rows than it has room for on the office screen, where nobody scrolls: in
/// pages, one page each time its view comes round (`DashboardState.wallTurn`), with "n/m" on the last
/// row, so every row is shown over time and the screen says there is more.
///
/// Page boundaries fall on `anchor` (the row the list should open at: the timeline's current phase),
/// so the first page shown starts there (or, near the end, is the last full page); the rows before it
/// make pages of their own.
public struct WallPage: Equatable, Sendable {
    /// The rows this page shows.
    public var rows: Range<Int>
    /// 0-based page shown, and how many there are.
    public var page: Int
    public var pages: Int

    /// The page for `turn` of a list of `count` rows in `visible` rows. One page (no label) when all fit.
    public init(count: Int, visible: Int, turn: Int, anchor: Int = 0) {
        guard count > visible, visible >= 2 else {
            self.init(rows: 0..<min(count, max(0, visible)), page: 0, pages: 1)
            return
        }
        let v = visible - 1  // the last row says "n/m"
        // Near the end the anchor's page starts earlier, so that it is full and the anchor still on it.
        let a = min(max(0, anchor), count - v)
        var starts = Array(stride(from: a, to: count, by: v))
        var before = a - v
        while before > -v {
            starts.insert(max(0, before), at: 0)
            before -= v
        }
        let first = starts.firstIndex(of: a) ?? 0
        let page = (first + max(0, turn)) % starts.count
        let lo = starts[page], hi = page + 1 < starts.count ? starts[page + 1] : count
        self.init(rows: lo..<min(hi, lo + v), page: page, pages: starts.count)
    }

    private init(rows: Range<Int>, page: Int, pages: Int) {
        self.rows = rows
        self.page = page
        self.pages = pages
    }

    /// "2/3页 · 共27项" / "page 2/3 · 27 rows", or nil when everything fits on one page.
    func label(total: Int, _ lang: Language) -> String? {
        guard pages > 1 else { return nil }
        return lang.pick("\(page + 1)/\(pages)页 · 共\(total)项", "page \(page + 1)/\(pages) · \(total) rows")
    }

    /// Draws the label right-aligned on row `y` of `x ..< x + width`.
    func drawLabel(_ g: inout Grid, total: Int, x: Int, y: Int, width: Int, _ lang: Language, _ theme: Theme) {
        guard let text = label(total: total, lang) else { return }
        g.field(text, x: x, y: y, width: width, style: theme[.muted], alignRight: true)
    }
}
