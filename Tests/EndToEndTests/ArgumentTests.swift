import Foundation
import PlanFile
import ShuangyongKit
import Testing

/// What the command line does with the values typed on it: control sequences are never echoed raw, and
/// every date and year is checked against the plan's range before anything is computed from it.
@Suite("Command-line arguments")
struct ArgumentTests {
    /// A fresh directory per test, removed afterwards (nothing is left in the temporary folder).
    final class Scratch {
        let path = NSTemporaryDirectory() + "shuangyong-args-e2e-" + UUID().uuidString
        init() { try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    static func run(_ args: [String]) throws -> CommandLineTests.Run { try CommandLineTests.run(args) }

    let scratch = Scratch()
    let plan: String

    init() throws {
        plan = scratch.file("plan.json")
        try PlanStore.save(SamplePlan.make(year: 2026), to: plan)
    }

    // MARK: E. Control characters

    /// An OSC 52 clipboard write and an OSC 2 title change, with a C1 CSI and a bidi override for good measure.
    static let hostile = "X\u{1B}]52;c;UFdORUQ=\u{07}\u{1B}]2;PWNED\u{07}\u{9B}2J\u{202E}"

    /// No byte of the output is a control a terminal would act on (newlines aside).
    func expectInert(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = text.unicodeScalars.filter { s in
            (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value)
                || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029].contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
        #expect(bad.isEmpty, "\(what): raw \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
    }

    @Test func valuesEchoedInErrorsReachTheTerminalAsSymbols() throws {
        let h = Self.hostile
        // Each command is refused; where its message quotes the value, the value shows as symbols.
        let cases: [(String, [String])] = [
            ("--month", ["report", "calendar", plan, "--month", h]),
            ("--date", ["report", "overdue", plan, "--date", h]),
            ("--due", ["edit", "s1-1", "--due", h, plan]),
            ("--status", ["edit", "s1-1", "--status", h, plan]),
            ("report kind (ArgumentParser's own message)", ["report", h, plan]),
            ("--format", ["report", "tasks", plan, "--format", h]),
            ("--lang", ["report", "tasks", plan, "--lang", h]),
            ("unknown option (ArgumentParser's own message)", ["report", "tasks", plan, "--" + h]),
            ("--year (ArgumentParser's own message)", ["init", "--year", h, scratch.file("x.json")]),
            ("task id", ["edit", h, "--progress", "5", plan]),
            ("plan path", ["validate", scratch.file(h + ".json")]),
        ]
        for (what, args) in cases {
            let r = try Self.run(args)
            #expect(r.status != 0, "\(what)")
            expectInert(r.err, what)
            expectInert(r.out, what)
            #expect(r.err.contains("X␛]52;c;UFdORUQ") || !r.err.contains("X"), "\(what): \(r.err)")
        }
    }

    @Test func pathsPrintedOnSuccessAreSanitisedToo() throws {
        let path = scratch.file("年度\u{1B}]2;T\u{07}.json")
        let r = try Self.run(["init", "--year", "2026", path])
        #expect(r.status == 0)
        expectInert(r.out, "init")
        #expect(r.out.contains("年度␛]2;T␇.json"))
        let v = try Self.run(["validate", path])
        expectInert(v.out, "validate")
        let g = try Self.run(["generate", "--tasks", "3", "--units", "2", scratch.file("生成\u{1B}]2;T\u{07}.json")])
        #expect(g.status == 0)
        expectInert(g.out, "generate")
        let e = try Self.run(["edit", "s1-1", "--note", "\u{1B}[31m已落实\u{202E}", "--user", "王\u{1B}]2;x\u{07}", path])
        #expect(e.status == 0)
        expectInert(e.out + e.err, "edit")
    }

    @Test func jsonReportsEscapeBidiControlsAndLineSeparators() throws {
        var p = SamplePlan.make(year: 2026)
        p.tasks[0].title = "甲\u{061C}\u{200E}\u{200F}\u{2028}\u{2029}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}乙"
        try PlanStore.save(p, to: plan)
        let r = try Self.run(["report", "tasks", "--format", "json", "--date", "2026-10-15", plan])
        #expect(r.status == 0)
        expectInert(r.out, "json report")
        #expect(r.out.contains("甲\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069乙"))
        let file = String(decoding: FileManager.default.contents(atPath: plan)!, as: UTF8.self)
        expectInert(file, "plan file")
    }

    // MARK: D. Dates and years (property: a seeded loop of generated values)

    /// Date, month and year arguments near and past every edge, malformed, and random.
    struct Values {
        var rng: PlanGenerator.SeededRandom

        mutating func pick(_ items: [String]) -> String { items[Int.random(in: 0..<items.count, using: &rng)] }

        mutating func year() -> String {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return pick(["0", "1", "1899", "1900", "2026", "9997", "9998", "9999", "10000", "99999999999999999999",
                                 "9223372036854775807", "-9223372036854775808", "2026.5", "二〇二六"])
            case 1: return String(Int.random(in: 1850...10050, using: &rng))
            default: return String(Int.random(in: Int.min...Int.max, using: &rng))
            }
        }

        mutating func day() -> String {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return pick(["0001-01-01", "1899-12-31", "1900-01-01", "9999-12-31", "9999-12-30", "10000-01-01",
                                 "2026-02-29", "2028-02-29", "2026-13-01", "garbage", "2026-1-5"])
            case 1:
                let y = Int.random(in: 0...9999, using: &rng), m = Int.random(in: 0...13, using: &rng), d = Int.random(in: 0...32, using: &rng)
                return String(format: "%04d-%02d-%02d", y, m, d)
            default:
                return Day(ordinal: Int.random(in: PlanDates.firstDay.ordinal...Day.max.ordinal, using: &rng)).iso
            }
        }

        mutating func month() -> String { String(day().prefix(7)) }
    }

    /// Whatever date or year a command is given, it either does its work (and what it writes loads) or
    /// refuses with a message naming the option: it never crashes.
    @Test func everyDateAndYearArgumentIsAcceptedOrRefusedNeverACrash() throws {
        var values = Values(rng: PlanGenerator.SeededRandom(seed: 9998))
        // The edges first (the sample's phases end in year + 2; the calendar ends in 9999), then random values.
        let edges: [(String, [String])] = [
            ("--year", ["init", "--year", "9998", scratch.file("edge-init.json")]),
            ("--year", ["generate", "--tasks", "5", "--units", "3", "--year", "9998", scratch.file("edge-gen.json")]),
            ("--date", ["report", "overdue", "--due-soon", "366", "--date", "9999-12-31", plan]),
            ("--month", ["report", "calendar", "--month", "9999-12", plan]),
            ("--date", ["report", "timeline", "--date", "0001-01-01", plan]),
            ("--due", ["edit", "s1-1", "--due", "0001-01-01", plan]),
        ]
        var runs = edges
        for k in 0..<48 {
            let out = scratch.file("out-\(k).json")
            switch k % 6 {
            case 0: runs.append(("--year", ["init", "--year", values.year(), out]))
            case 1: runs.append(("--year", ["generate", "--tasks", "5", "--units", "3", "--year", values.year(), out]))
            case 2: runs.append(("--date", ["report", "overdue", "--due-soon", "366", "--date", values.day(), plan]))
            case 3: runs.append(("--month", ["report", "calendar", "--month", values.month(), plan]))
            case 4: runs.append(("--date", ["report", "timeline", "--date", values.day(), "--format", "json", plan]))
            default: runs.append(("--due", ["edit", "s1-1", "--due", values.day(), "--user", "王敏", plan]))
            }
        }
        for (option, args) in runs {
            let out = args.last!
            let r = try Self.run(args)
            #expect(!r.signalled && [0, 1, 64].contains(r.status), "\(args): status \(r.status)\n\(r.err)")
            if r.status == 0 {
                if args[0] == "init" || args[0] == "generate" { #expect(throws: Never.self) { try PlanStore.load(out) } }
            } else {
                #expect(r.err.contains(option), "\(args): \(r.err)")
            }
            #expect(throws: Never.self, "\(args) left the plan invalid") { try PlanStore.load(plan) }
        }
    }
}
