import Foundation
import ShuangyongKit

/// Precision and recall of one kind of thing in one document.
struct Score: CustomStringConvertible {
    var matched = 0
    var produced = 0
    var expected = 0

    var precision: Double { produced == 0 ? 1 : Double(matched) / Double(produced) }
    var recall: Double { expected == 0 ? 1 : Double(matched) / Double(expected) }
    var description: String {
        String(format: "P %.2f R %.2f (%d/%d produced, %d expected)", precision, recall, matched, produced, expected)
    }
}

/// Scores an imported plan against an answer key of shared/importer-examples (see its README): tasks match
/// when their text starts with the answer's `starts` (one to one), units exactly after NFKC or by an alias
/// (`units_also_acceptable` neither count nor hurt), phases by name and months, activities by `when`.
struct AnswerKeyScore {
    var tasks = Score(), units = Score(), phases = Score(), activities = Score()
    /// Produced units the key does not list (neither expected nor acceptable).
    var inventedUnits: [String] = []
    /// Produced tasks or units made from the key's noise.
    var noiseUsed: [String] = []

    /// NFKC, white space removed, Traditional characters as Simplified (the importer converts them).
    static func nfkc(_ s: String) -> String {
        let simple = s.applyingTransform(StringTransform("Traditional-Simplified"), reverse: false) ?? s
        return simple.precomposedStringWithCompatibilityMapping.filter { !$0.isWhitespace }
    }

    init(plan: Plan, key: [String: Any]) {
        // Tasks.
        let items = key["task_items"] as? [[String: Any]] ?? []
        var free = Array(plan.tasks.indices)
        for item in items {
            guard let starts = item["starts"] as? String else { continue }
            if let k = free.firstIndex(where: { Self.nfkc(plan.tasks[$0].text).hasPrefix(Self.nfkc(starts)) }) {
                tasks.matched += 1
                free.remove(at: k)
            }
        }
        tasks.produced = plan.tasks.count
        tasks.expected = items.count
        // Units.
        let expected = (key["units"] as? [String] ?? []).map(Self.nfkc)
        let aliases = (key["unit_aliases"] as? [String: [String]] ?? [:])
        var aliasOf: [String: String] = [:]
        for (u, list) in aliases { for a in list { aliasOf[Self.nfkc(a)] = Self.nfkc(u) } }
        let acceptable = Set((key["units_also_acceptable"] as? [String] ?? []).map(Self.nfkc))
        var found = Set<String>()
        for u in plan.units {
            let n = Self.nfkc(u.name)
            let canonical = aliasOf[n] ?? n
            if expected.contains(canonical) { found.insert(canonical); units.produced += 1 }
            else if acceptable.contains(n) { continue }
            else { units.produced += 1; inventedUnits.append(u.name) }
        }
        units.matched = found.count
        units.expected = expected.count
        // Phases.
        let keyPhases = key["phases"] as? [[String: Any]] ?? []
        phases.expected = keyPhases.count
        let realPhases = plan.phases.filter { !($0.name == "全年" && $0.summary.hasPrefix("文档未划分阶段")) }
        phases.produced = realPhases.count
        for p in keyPhases {
            let name = Self.nfkc(p["name"] as? String ?? "")
            let a = p["start_month"] as? Int, b = p["end_month"] as? Int
            if realPhases.contains(where: { p in
                (Self.nfkc(p.name).contains(name) || name.contains(Self.nfkc(p.name))) && p.start.month == a && p.end.month == b
            }) {
                phases.matched += 1
            }
        }
        // Activities.
        let keyActivities = key["activities"] as? [[String: Any]] ?? []
        var produced = plan.activities.map { Self.whens($0.rule) }
        activities.produced = produced.count
        for a in keyActivities {
            let optional = a["optional"] as? Bool ?? false
            var whens = [a["when"] as? String ?? ""] + (a["when_also"] as? [String] ?? [])
            whens = whens.map { w in w.replacingOccurrences(of: #"\s*\(.*\)$"#, with: "", options: .regularExpression) }
            if whens.contains("unspecified") && !optional { activities.expected += 1 }
            else if !optional { activities.expected += 1 }
            if let k = produced.firstIndex(where: { mine in whens.contains { w in mine.contains(w) || (w.hasSuffix("-?") && mine.contains { $0.hasPrefix(String(w.dropLast())) || $0 == "month " + w.dropFirst(7).dropLast(2) }) } }) {
                activities.matched += 1
                produced.remove(at: k)
            }
        }
        activities.produced = max(activities.produced, activities.matched)
        // Noise.
        for n in key["noise"] as? [String] ?? [] {
            let text = Self.nfkc(n.replacingOccurrences(of: #"\s*\(.*\)$"#, with: "", options: .regularExpression))
            guard text.count >= 4 else { continue }
            for t in plan.tasks where Self.nfkc(t.text).hasPrefix(text) { noiseUsed.append(t.text) }
            for u in plan.units where Self.nfkc(u.name) == text { noiseUsed.append(u.name) }
        }
    }

    /// The answer-key spellings a rule satisfies.
    static func whens(_ r: Recurrence) -> [String] {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch r {
        case let .yearly(m, d): return ["\(two(m))-\(two(d))", "month \(m)"]
        case let .lunar(m, d): return ["lunar \(two(m))-\(two(d))"]
        case let .once(d): return ["\(two(d.month))-\(two(d.day))", "month \(d.month)"]
        case .halfYearly: return ["half-yearly"]
        case let .nthWeekday(m, _, _): return ["month \(m)"]
        case let .months(ms):
            guard let a = ms.first, let b = ms.last else { return [] }
            var out = ms.count == 1 ? ["month \(a)"] : ["months \(a)-\(b)"]
            if ms.count == 3, a % 3 == 1, b == a + 2 { out.append("Q\((a + 2) / 3)") }
            if ms == [12] { out.append("year-end") }
            return out
        case let .range(a, b):
            var out = ["month \(a.month)"]
            if a.month == b.month {
                if a.day >= 21 { out.append("month \(a.month) late") }
                else if a.day >= 11 { out.append("month \(a.month) mid") }
                else if b.day <= 10 { out.append("month \(a.month) early") }
            }
            return out
        }
    }
}
