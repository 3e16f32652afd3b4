import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

// Usage: swift run -c release shuangyong-bench [domain|ui|edit|large|commands|keys|soak|all] [--tasks N] [--units U] [--iterations K]
//        (soak runs only when named: [--cycles N] [--large-cycles N]; keys: [--key-tasks N] [--key-units U] [--key-iterations K] [--key-case TEXT])
let args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ def: Int) -> Int {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return def }
    return v
}
let taskCount = option("--tasks", 20_000), unitCount = option("--units", 1_000), iterations = option("--iterations", 21)
let textOptions: Set<String> = ["--key-case"]  // options whose value is a word, not a suite
let suites = Set(args.indices.filter { k in !args[k].hasPrefix("--") && Int(args[k]) == nil && !(k > 0 && textOptions.contains(args[k - 1])) }.map { args[$0] })
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
    bench.measure("index (ids, due dates)", iterations: iterations) { consume(PlanIndex(plan)) }
    // The units of each task are made on first use (a calendar never asks): measured on their own.
    bench.measure("index with units per task", iterations: iterations) { consume(PlanIndex(plan).taskUnits) }
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
    var app = DashboardApp(state: DashboardState(plan: plan, today: today, lang: .zh))
    _ = app.update(key: .resize(width: 200, height: 60))
    for view in ViewID.allCases {
        app.update(key: .char(Character(String(view.rawValue))))
        bench.measure("frame 200×60: \(view)", iterations: iterations) { consume(Screen.render(app, width: 200, height: 60, theme: theme)) }
    }
    app.update(key: .char("5"))
    bench.measure("key: ↓ in tasks + frame", iterations: iterations) {
        _ = app.update(key: .down)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    bench.measure("key: Tab (switch view) + frame", iterations: iterations) {
        _ = app.update(key: .tab)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    app.update(key: .char("4"))
    bench.measure("key: PgDn (next month) in calendar + frame", iterations: iterations) {
        _ = app.update(key: .pageDown)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    app.update(key: .char("3"))
    bench.measure("key: Enter (expand/collapse unit) + frame", iterations: iterations) {
        _ = app.update(key: .enter)
        consume(Screen.render(app, width: 200, height: 60, theme: theme))
    }
    var state = app.state
    bench.measure("day change: recompute derived state", iterations: iterations) {
        state.setToday(state.today.adding(days: 1))
        consume(state.derived)
    }
    // Every task's title against a query of initials (督促检查 du cu jian cha), every reading of each
    // character: the first search works out each title's readings, later ones find them cached.
    let needle = TaskSearch.normalize("dcjc")
    let tasksLabel = taskCount == 20_000 ? "20,000" : String(taskCount)
    bench.measure("search by pinyin initials, first (readings computed)", iterations: 1) {
        consume(plan.tasks.filter { TaskSearch.matches($0, needle: needle) }.count)
    }
    bench.measure("search by pinyin initials on \(tasksLabel) tasks", iterations: iterations) {
        consume(plan.tasks.filter { TaskSearch.matches($0, needle: needle) }.count)
    }
}

if wants("edit") {
    // One edit saved through the same path as the dashboard: lock, re-read, merge, atomic write.
    let now = Date(timeIntervalSince1970: 1_792_000_000)
    for (label, source) in [("sample", SamplePlan.make(year: 2026)), ("20,000 tasks", plan)] {
        let editPath = dir + "/edit-\(label.count).json"
        try PlanStore.save(source, to: editPath)
        let document = try PlanDocument(path: editPath)
        let id = source.tasks[source.tasks.count / 2].id
        var progress = 0
        try bench.measure("edit + save (\(label))", iterations: iterations) {
            progress = (progress + 7) % 100
            _ = try document.commit([.setProgress(taskID: id, progress)], by: "bench", at: now)
        }
        // Another desk saved a different task in between: the save re-reads, decodes and merges.
        // Their two versions are prepared beforehand and written without fsync (a few ms, included).
        let other = source.tasks[source.tasks.count / 3].id
        var variants: [Data] = []
        for bump in [1, 2] {
            var theirs = document.plan
            let k = theirs.tasks.firstIndex { $0.id == other }!
            theirs.tasks[k].progress = (theirs.tasks[k].progress + bump) % 100
            variants.append(Data(PlanStore.encode(theirs)))
        }
        var turn = 0
        try bench.measure("edit + save merging another desk's change (\(label))", iterations: max(5, iterations / 2)) {
            turn += 1
            try variants[turn % 2].write(to: URL(fileURLWithPath: editPath))
            progress = (progress + 7) % 100
            _ = try document.commit([.setProgress(taskID: id, progress)], by: "bench", at: now)
        }
    }
}

if wants("large") {
    let big = PlanGenerator.make(tasks: 100_000, units: 2_000, seed: 7)
    let bigPath = dir + "/big.json"
    try PlanStore.save(big, to: bigPath)
    try bench.measure("100,000 tasks: load + validate", iterations: 3) { consume(try PlanStore.load(bigPath)) }
    let loaded = try PlanStore.load(bigPath)
    let bigStatus = PlanStatus(plan: loaded, today: today)
    bench.measure("100,000 tasks: overdue by unit", iterations: 3) { consume(bigStatus.overdueByUnit()) }
    let table = Reports(status: bigStatus, lang: .zh).overdue()
    print("  (\(table.rows.count) rows)")
    bench.measure("100,000 tasks: overdue report as text", iterations: 3) { consume(table.text(emptyMessage: "")) }
    bench.measure("100,000 tasks: overdue report, end to end", iterations: 3) {
        consume(Reports(status: PlanStatus(plan: loaded, today: today), lang: .zh).overdue().text(emptyMessage: ""))
    }
}

// Whole commands as a user types them: the `shuangyong` built beside this benchmark, run as a process.
if wants("commands") {
    let commands = CommandBench(binary: CommandBench.binaryBesideThisOne(), plan: path, date: today.iso, month: "2026-10",
                                editID: plan.tasks[plan.tasks.count / 2].id)
    let tasksLabel = taskCount == 20_000 ? "20,000 tasks" : "\(taskCount) tasks"
    try commands.measure(into: &bench, iterations: min(iterations, 11), label: tasksLabel)
}

// A key and the frame after it on a large plan (100,000 tasks, 2,000 units unless told), as the run loop
// handles it: `DashboardRuntime` with effects carried out at once, then `Screen.render`.
if wants("keys") {
    let n = option("--key-tasks", 100_000), u = option("--key-units", 2_000)
    let keyPlan = n == taskCount && u == unitCount ? plan : PlanGenerator.make(tasks: n, units: u, seed: 20261129)
    let keyPath = dir + "/keys.json"
    try PlanStore.save(keyPlan, to: keyPath)
    print("keys: \(n) tasks, \(u) units, 200×60, today \(today)")
    let only = args.firstIndex(of: "--key-case").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
    _ = try KeyBench(plan: keyPlan, path: keyPath, today: today, iterations: option("--key-iterations", 201), only: only).run(into: &bench)
}

// The office-screen soak runs for minutes, so only when named: `shuangyong-bench soak [--cycles N] [--large-cycles N]`.
if suites.contains("soak") {
    let cycles = option("--cycles", 100_000)
    let start = Date(timeIntervalSince1970: 1_792_026_900)  // 2026-10-15 09:15 in Shanghai
    _ = Soak(cycles: cycles).run("sample plan", plan: SamplePlan.make(year: 2026), start: start)
    _ = Soak(cycles: option("--large-cycles", cycles)).run("\(taskCount)-task plan", plan: plan, start: start)
}

let mem = memoryKB()
print("memory: resident \(mem.current / 1024) MiB, peak \(mem.peak / 1024) MiB")
