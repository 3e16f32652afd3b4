import Dashboard
import Foundation
import ShuangyongKit
import TerminalUI

// Usage: swift run -c release shuangyong-bench [domain|ui|all] [--tasks N] [--units U] [--iterations K]
let args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ def: Int) -> Int {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return def }
    return v
}
let taskCount = option("--tasks", 20_000), unitCount = option("--units", 1_000), iterations = option("--iterations", 21)
let suites = Set(args.filter { !$0.hasPrefix("--") && Int($0) == nil })
@MainActor func wants(_ s: String) -> Bool { suites.isEmpty || suites.contains(s) || suites.contains("all") }

let dir = NSTemporaryDirectory() + "shuangyong-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: dir) }

let today = Day(year: 2026, month: 10, day: 15)!
let plan = PlanGenerator.make(tasks: taskCount, units: unitCount, seed: 42)
let path = dir + "/plan.json"
try PlanStore.save(plan, to: path)
let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print("plan: \(taskCount) tasks, \(unitCount) units, \(size / 1024) KiB on disk; today \(today); \(iterations) iterations each")
var bench = Bench()

if wants("domain") {
    try bench.measure("load + validate (read, parse, decode, check)", iterations: iterations) { consume(try PlanStore.load(path)) }
    let index = PlanIndex(plan)
    bench.measure("index (ids, due dates, units per task)", iterations: iterations) { consume(PlanIndex(plan)) }
    let status = PlanStatus(plan: plan, index: index, today: today)
    bench.measure("overdue by unit", iterations: iterations) { consume(status.overdueByUnit()) }
    bench.measure("unit summaries (lights, completion)", iterations: iterations) { consume(status.unitSummaries()) }
    let lunar = LunarCalendar(timeZone: plan.timeZone)
    let calendar = PlanCalendar(status: status, lunar: lunar)
    _ = calendar.events(in: YearMonth(year: 2027, month: 2)!)  // warm the lunar cache as the dashboard would
    bench.measure("calendar: events of one month (2026-08)", iterations: iterations) {
        consume(calendar.events(in: YearMonth(year: 2026, month: 8)!))
    }
    bench.measure("encode to bytes (stable JSON)", iterations: iterations) { consume(PlanStore.encode(plan)) }
    try bench.measure("save (encode, temp file, fsync, rename, backup)", iterations: iterations) { try PlanStore.save(plan, to: path) }
    let sample = SamplePlan.make(year: 2026)
    let samplePath = dir + "/sample.json"
    try bench.measure("save the sample plan", iterations: iterations) { try PlanStore.save(sample, to: samplePath) }
}

if wants("ui") {
    let theme = Theme.builtinDefault
    var state = DashboardState(plan: plan, today: today, lang: .zh)
    var app = DashboardApp(state: state)
    _ = app.handle(.resize(width: 200, height: 60))
    for view in ViewID.allCases {
        app.state.view = view
        bench.measure("frame 200×60: \(view)", iterations: iterations) { consume(Screen.render(app, width: 200, height: 60, theme: theme)) }
    }
    app.state.view = .tasks
    bench.measure("key: ↓ in tasks + frame", iterations: iterations) {
        _ = app.handle(.down)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    bench.measure("key: Tab (switch view) + frame", iterations: iterations) {
        _ = app.handle(.tab)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    app.state.view = .overdue
    bench.measure("key: Enter (expand/collapse unit) + frame", iterations: iterations) {
        _ = app.handle(.enter)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    state = app.state
    bench.measure("day change: recompute derived state", iterations: iterations) {
        state.setToday(state.today.adding(days: 1))
        consume(state.derived)
    }
}

if wants("large") {
    let big = PlanGenerator.make(tasks: 100_000, units: 2_000, seed: 7)
    let bigPath = dir + "/big.json"
    try PlanStore.save(big, to: bigPath)
    try bench.measure("100,000 tasks: load + validate", iterations: 3) { consume(try PlanStore.load(bigPath)) }
    let loaded = try PlanStore.load(bigPath)
    bench.measure("100,000 tasks: overdue report", iterations: 3) {
        consume(Reports(status: PlanStatus(plan: loaded, today: today), lang: .zh).overdue().text(emptyMessage: ""))
    }
}

let mem = memoryKB()
print("memory: resident \(mem.current / 1024) MiB, peak \(mem.peak / 1024) MiB")
