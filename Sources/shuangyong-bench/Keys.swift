import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// A key as the dashboard's run loop handles it, on a large plan: the event through `DashboardRuntime`
/// (update, and any effect carried out at once) and the next 200×60 frame drawn into a grid, timed
/// together. Each kind of key is pressed `iterations` times in a row; the suite reports the median, the
/// 95th percentile and the slowest press of each, and of all of them together.
struct KeyBench {
    var plan: Plan
    var path: String
    var today: Day
    var iterations: Int
    /// Only the cases whose name contains this (all when nil), for profiling one kind of key.
    var only: String? = nil
    var width = 200
    var height = 60

    /// One kind of key: the view it is pressed in, and the keys pressed in turn (the same key again and
    /// again, or a pair that goes and comes back so the selection stays where the data is).
    struct Case {
        var name: String
        var view: ViewID
        var keys: [Key]
        /// Keys pressed once in the view before timing (a unit expanded, the selection moved into a list).
        var setup: [Key] = []
    }

    static let cases: [Case] = [
        Case(name: "↓ in tasks (move the selection)", view: .tasks, keys: [.down]),
        Case(name: "PgDn / PgUp in tasks", view: .tasks, keys: [.pageDown, .pageDown, .pageUp, .pageUp]),
        Case(name: "Tab (switch to the next view)", view: .overview, keys: [.tab]),
        Case(name: "1–6 (switch view by number)", view: .overview,
             keys: ["2", "3", "4", "5", "6", "1"].map { Key.char(Character($0)) }),
        Case(name: "↓ in overdue (move among units)", view: .overdue, keys: [.down]),
        Case(name: "Enter in overdue (expand/collapse a unit)", view: .overdue, keys: [.enter]),
        Case(name: "→ in calendar (next day)", view: .calendar, keys: [.right]),
        Case(name: "PgDn / PgUp in calendar (month)", view: .calendar, keys: [.pageDown, .pageUp]),
        Case(name: "↓ in timeline", view: .timeline, keys: [.down]),
        Case(name: "↓ in plan structure", view: .structure, keys: [.down]),
        // Typing a search (/ then letters, pinyin initials matched against every title): a letter and
        // Backspace in turn, so the search stays two letters long.
        Case(name: "a letter typed in a task search", view: .tasks, keys: [.char("j"), .backspace], setup: [.char("/"), .char("d")]),
        // The unit filter's picker (w), narrowed as letters are typed (pinyin of every unit's name).
        Case(name: "a letter typed in the unit picker", view: .tasks, keys: [.char("z"), .backspace], setup: [.char("w"), .char("x")]),
    ]

    /// Runs every case on a fresh dashboard; returns all samples (milliseconds) together.
    func run(into bench: inout Bench) throws -> [Double] {
        let theme = Theme.builtinDefault
        let document = try PlanDocument(path: path)
        var all: [Double] = []
        for c in Self.cases where only.map({ c.name.contains($0) }) ?? true {
            var state = DashboardState(plan: plan, today: today, lang: .zh)
            state.view = c.view
            let runner = EffectRunner(store: document, user: "bench", now: { Date(timeIntervalSince1970: 1_792_026_900) })
            var runtime = DashboardRuntime(app: DashboardApp(state: state, followsClock: false), runner: runner)
            runtime.send(.resize(width: width, height: height))
            for k in c.setup { runtime.send(.key(k)) }
            consume(Screen.render(runtime.app, width: width, height: height, theme: theme))
            var samples: [Double] = []
            samples.reserveCapacity(iterations)
            let clock = ContinuousClock()
            for i in 0..<iterations {
                let key = c.keys[i % c.keys.count]
                let t = clock.now
                runtime.send(.key(key))
                consume(Screen.render(runtime.app, width: width, height: height, theme: theme))
                let d = clock.now - t
                samples.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            bench.recordTail("key + frame: \(c.name)", samples)
            all += samples
        }
        bench.recordTail("key + frame: all of the above", all)
        return all
    }
}
