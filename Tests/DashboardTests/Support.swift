import Dashboard
import ShuangyongKit
import Testing
import TerminalUI

let sampleToday = Day(year: 2026, month: 10, day: 15)!

/// The dashboard on `plan` (the sample by default) at a size; `configure` sets up the state it starts in.
func sampleApp(view: ViewID = .overview, lang: Language = .zh, today: Day = sampleToday, width: Int, height: Int,
               plan: Plan = SamplePlan.make(year: 2026), configure: (inout DashboardState) -> Void = { _ in }) -> DashboardApp {
    var state = DashboardState(plan: plan, today: today, lang: lang)
    state.view = view
    configure(&state)
    var app = DashboardApp(state: state, followsClock: false)
    _ = app.update(key: .resize(width: width, height: height))
    return app
}

func render(_ app: DashboardApp) -> Grid {
    Screen.render(app, width: app.size.width, height: app.size.height, theme: Theme.builtinDefault)
}

/// Every double-width glyph is followed by its continuation, and no continuation stands alone;
/// no control character is in any cell.
func expectWellFormed(_ g: Grid, sourceLocation: SourceLocation = #_sourceLocation) {
    for y in 0..<g.height {
        var x = 0
        while x < g.width {
            let c = g[x, y]
            #expect(!c.isContinuation, "row \(y) col \(x): continuation without its glyph", sourceLocation: sourceLocation)
            for s in c.text.unicodeScalars {
                #expect(s.value >= 0x20 && s.value != 0x7F && !(0x80...0x9F).contains(s.value),
                        "row \(y) col \(x): control character U+\(String(s.value, radix: 16))", sourceLocation: sourceLocation)
            }
            if c.width == 2 {
                #expect(x + 1 < g.width && g[x + 1, y].isContinuation, "row \(y) col \(x): wide glyph without continuation",
                        sourceLocation: sourceLocation)
                x += 2
            } else {
                x += 1
            }
        }
    }
}

/// The display column of the first `needle` on each of `rows`.
func columns(of needle: String, in g: Grid, rows: some Sequence<Int>) -> [Int?] {
    rows.map { g.column(of: needle, row: $0) }
}
