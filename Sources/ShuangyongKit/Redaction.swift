import Foundation

// What a wall screen must not show (`--redact`): people's names. A plan says who is a person in two
// ways: every note's and history line's `by` (who wrote it; a `by` like "县双拥办 王敏" also names its last
// word, 王敏), and the plan's own list `people`. Names that are also a unit's name or short name are not
// people. Redacting replaces each name, wherever a note or a history line mentions it, with a mask.

extension Plan {
    /// The people's names the plan holds: `people`, every `by` of a note or history line, and the last word
    /// of a `by` of several words — without unit names, longest first (so 王小敏 is masked before 王小).
    public var personNames: [String] {
        let unitNames = Set(units.flatMap { [$0.name, $0.shortName] })
        var names = Set(people)
        func add(_ by: String) {
            names.insert(by)
            let words = by.split(whereSeparator: \.isWhitespace)
            if words.count > 1, let last = words.last { names.insert(String(last)) }
        }
        for e in history { add(e.by) }
        for t in tasks {
            for n in t.notes { add(n.by) }
            for e in t.history { add(e.by) }
        }
        return names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && !unitNames.contains($0) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// The plan without people's names (`personNames`): every note's and history line's `by`, and every
    /// mention of a name in a note's text or a history line, become `mask`; `people` is emptied and history lines
    /// lose their recorded changes (whose values hold notes and their authors).
    public func redacted(mask: String = "××") -> Plan {
        let names = personNames
        func clean(_ text: String) -> String {
            names.reduce(text) { $0.replacingOccurrences(of: $1, with: mask) }
        }
        var p = self
        p.people = []
        for k in p.history.indices {
            p.history[k].by = p.history[k].by.isEmpty ? "" : mask
            p.history[k].change = clean(p.history[k].change)
            p.history[k].changes = []  // values before and after hold notes and their authors
        }
        for t in p.tasks.indices {
            for k in p.tasks[t].notes.indices {
                p.tasks[t].notes[k].by = p.tasks[t].notes[k].by.isEmpty ? "" : mask
                p.tasks[t].notes[k].text = clean(p.tasks[t].notes[k].text)
            }
            for k in p.tasks[t].history.indices {
                p.tasks[t].history[k].by = p.tasks[t].history[k].by.isEmpty ? "" : mask
                p.tasks[t].history[k].change = clean(p.tasks[t].history[k].change)
                p.tasks[t].history[k].changes = []
            }
        }
        return p
    }
}
