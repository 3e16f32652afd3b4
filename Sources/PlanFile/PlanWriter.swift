#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShuangyongKit

/// Writes a plan file's bytes: exactly `JSONWriter.bytes(PlanCodec.encode(plan))`, with the tasks written
/// straight from the model rather than through a `JSONValue` tree (a tree of 20,000 task objects was most
/// of a save's time). A task with members this program does not know is written through its tree as before,
/// so they stay in place; a test checks the bytes against the tree's for the sample and generated plans.
enum PlanWriter {
    /// The bytes of a plan file read before (or written), its plan and where its tasks are: a save keeps the
    /// bytes of every task that has not changed and whose bytes are the writer's (`TaskLayout.canonical`).
    struct Earlier {
        var bytes: [UInt8]
        var tasks: [PlanTask]
        var layout: TaskLayout
    }

    static func bytes(_ plan: Plan) -> [UInt8] { bytes(plan, reusing: nil).bytes }

    /// What the writer puts between two tasks of the list.
    private static let taskSeparator: [UInt8] = Array(",\n    ".utf8)

    /// The plan's bytes, the same as `bytes(plan)`, and where its tasks are in them. Tasks equal to those of
    /// `earlier` at the same position are copied from its bytes when those are the writer's.
    static func bytes(_ plan: Plan, reusing earlier: Earlier?) -> (bytes: [UInt8], layout: TaskLayout) {
        var layout = TaskLayout()
        // The plan's members through its tree, but for the long lists, written below straight from the model.
        var shell = plan
        shell.units = []
        shell.sections = []
        guard case let .object(members) = PlanCodec.encode(shell, tasks: .array([])) else {
            return (JSONWriter.bytes(PlanCodec.encode(plan)), layout)
        }
        let reuse = earlier.flatMap { e in
            e.layout.spans.count == e.tasks.count && e.layout.canonical.count == e.tasks.count ? e : nil
        }
        layout.spans.reserveCapacity(plan.tasks.count)
        var w = ByteWriter()
        w.out.reserveCapacity(4096 + plan.tasks.count * 600)
        w.out.append(UInt8(ascii: "{"))
        for (k, (key, value)) in members.enumerated() {
            if k > 0 { w.out.append(UInt8(ascii: ",")) }
            w.newline(2)
            w.string(key)
            w.literal(": ")
            if key == "tasks", !plan.tasks.isEmpty {
                w.out.append(UInt8(ascii: "["))
                let oldTasks = reuse?.tasks ?? [], oldBytes = reuse?.bytes ?? []
                let spans = reuse?.layout.spans ?? [], canonical = reuse?.layout.canonical ?? []
                // Through buffers: a task copied out of an array to be compared retains each of its fields.
                plan.tasks.withUnsafeBufferPointer { tasks in
                    oldTasks.withUnsafeBufferPointer { old in
                        oldBytes.withUnsafeBufferPointer { bytes in
                            // Reused tasks that follow one another in the earlier bytes, with the separator
                            // written between them, are copied in one piece: `pending`, not yet in `w.out`.
                            var pending = 0..<0
                            for n in tasks.indices {
                                let reused = n < old.count && canonical[n] && PlanTask.same(tasks.baseAddress! + n, old.baseAddress! + n)
                                if reused, !pending.isEmpty, spans[n].lowerBound - pending.upperBound == taskSeparator.count,
                                   memcmp(bytes.baseAddress! + pending.upperBound, taskSeparator, taskSeparator.count) == 0 {
                                    let start = w.out.count + pending.count + taskSeparator.count
                                    layout.spans.append(start..<start + spans[n].count)
                                    pending = pending.lowerBound..<spans[n].upperBound
                                    continue
                                }
                                if !pending.isEmpty { w.out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending])) }
                                pending = 0..<0
                                if n > 0 { w.out.append(UInt8(ascii: ",")) }
                                w.newline(4)
                                let start = w.out.count
                                if reused {
                                    pending = spans[n]
                                    layout.spans.append(start..<start + spans[n].count)
                                } else {
                                    w.task(tasks[n], indent: 4)
                                    layout.spans.append(start..<w.out.count)
                                }
                            }
                            if !pending.isEmpty { w.out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending])) }
                        }
                    }
                }
                w.newline(2)
                w.out.append(UInt8(ascii: "]"))
            } else if key == "units", !plan.units.isEmpty {
                w.objects(plan.units, indent: 2) { $0.unit($1, indent: 4) }
            } else if key == "sections", !plan.sections.isEmpty {
                w.objects(plan.sections, indent: 2) { $0.section($1, indent: 4) }
            } else {
                w.value(value, indent: 2)
            }
        }
        w.newline(0)
        w.out.append(UInt8(ascii: "}"))
        w.out.append(0x0A)
        layout.canonical = Array(repeating: true, count: layout.spans.count)
        layout.exact = true
        if layout.spans.count != plan.tasks.count { layout = TaskLayout() }
        return (w.out, layout)
    }

    /// The bytes of `task` in a plan file, as `bytes(_:)` writes it in the list of tasks (from its `{`
    /// to its `}`).
    static func bytes(of task: PlanTask) -> [UInt8] {
        var w = ByteWriter()
        w.task(task, indent: 4)
        return w.out
    }

    /// Whether `bytes`, the file that `plan` was read from with `layout`, are exactly what this writer
    /// writes for `plan`: compared whole when every task's bytes are the writer's.
    static func isExact(_ bytes: [UInt8], _ plan: Plan, _ layout: TaskLayout) -> Bool {
        guard layout.spans.count == plan.tasks.count, layout.canonical.allSatisfy({ $0 }) else { return false }
        return self.bytes(plan, reusing: Earlier(bytes: bytes, tasks: plan.tasks, layout: layout)).bytes == bytes
    }
}

extension PlanTask {
    /// Whether the tasks at `a` and `b` are equal (`==`). First by the bits of each stored property: a task
    /// that an edit of another task left alone shares every string and array with the task it was copied
    /// from, so it compares in a few instructions (the derived `==` copies the optional members to compare
    /// them, which made comparing an edited plan with the one it came from a tenth of an edit's work).
    /// Otherwise, field by field with `==`.
    static func same(_ a: UnsafePointer<PlanTask>, _ b: UnsafePointer<PlanTask>) -> Bool {
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        if storedRuns.allSatisfy({ memcmp(x + $0.lowerBound, y + $0.lowerBound, $0.count) == 0 }) { return true }
        return a.pointee == b.pointee
    }

    /// Every stored property of `PlanTask`: its name, and where its bytes are within a task. Padding
    /// between them is left out, its bytes being whatever a copy left there. A test checks that the names
    /// are those of the type's stored properties, so that one added later is compared too.
    static let storedProperties: [(name: String, bytes: Range<Int>)] = [
        property("id", \.id), property("sectionID", \.sectionID), property("number", \.number),
        property("title", \.title), property("text", \.text), property("phaseID", \.phaseID),
        property("leadUnits", \.leadUnits), property("ownerUnits", \.ownerUnits), property("due", \.due),
        property("status", \.status), property("progress", \.progress), property("history", \.history),
        property("rareStorage", \.rareStorage),
    ]

    private static func property<T>(_ name: String, _ path: KeyPath<PlanTask, T>) -> (name: String, bytes: Range<Int>) {
        let offset = MemoryLayout<PlanTask>.offset(of: path)!
        return (name, offset..<offset + MemoryLayout<T>.size)
    }

    /// `storedProperties`' bytes as runs of adjacent properties: a few `memcmp`s a task.
    private static let storedRuns: [Range<Int>] = storedProperties.map(\.bytes).sorted { $0.lowerBound < $1.lowerBound }
        .reduce(into: []) { runs, r in
            if let last = runs.last, last.upperBound == r.lowerBound { runs[runs.count - 1] = last.lowerBound..<r.upperBound } else { runs.append(r) }
        }
}

extension Plan {
    /// `self == other`, quicker for a plan made from `other` by a few edits: tasks compare without being
    /// copied (`PlanTask.same`), and every other member through a copy of the plan without its tasks.
    func isSame(as other: Plan) -> Bool {
        guard tasks.count == other.tasks.count else { return false }
        let same = tasks.withUnsafeBufferPointer { a in
            other.tasks.withUnsafeBufferPointer { b in
                a.indices.allSatisfy { PlanTask.same(a.baseAddress! + $0, b.baseAddress! + $0) }
            }
        }
        guard same else { return false }
        var mine = self, theirs = other
        mine.tasks = []
        theirs.tasks = []
        return mine == theirs
    }
}

private struct ByteWriter {
    var out: [UInt8] = []

    /// A line break and up to 62 spaces, cut to length (one copy instead of a byte at a time).
    static let breaks: [UInt8] = [0x0A] + Array(repeating: 0x20, count: 62)

    mutating func newline(_ indent: Int) {
        if indent < ByteWriter.breaks.count {
            ByteWriter.breaks.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0...indent])) }
        } else {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: indent))
        }
    }

    mutating func literal(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func string(_ s: String) { JSONWriter.appendString(s, to: &out) }

    /// A whole number as `JSONWriter` writes `.number(Double(n))` (digits, below 10¹⁵ in size).
    mutating func int(_ n: Int) { out.append(contentsOf: String(n).utf8) }

    /// Any value, through `JSONWriter`.
    mutating func value(_ v: JSONValue, indent: Int) {
        var j = JSONWriter()
        j.write(v, indent: indent)
        out.append(contentsOf: j.out)
    }

    /// `"key": ` at the start of a member of an object whose members are at `indent`.
    mutating func key(_ key: StaticString, indent: Int, first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        newline(indent)
        out.append(0x22)
        literal(key)
        literal("\": ")
    }

    mutating func strings(_ a: [String], indent: Int) {
        // `JSONWriter`: up to 12 scalars on one line, more one per line.
        if a.count <= 12 {
            out.append(UInt8(ascii: "["))
            for (k, s) in a.enumerated() {
                if k > 0 { literal(", ") }
                string(s)
            }
            out.append(UInt8(ascii: "]"))
        } else {
            value(.array(a.map { .string($0) }), indent: indent)
        }
    }

    static let limit = 1_000_000_000_000_000

    /// Whether the task can be written here (else through its tree): no unknown members anywhere in it, no
    /// carry-over mark, history lines of text only (no recorded changes), and numbers `JSONWriter` writes as
    /// plain digits.
    static func isPlain(_ t: PlanTask) -> Bool {
        guard t.unknownMembers.isEmpty, t.carriedOver == nil, abs(t.number) < limit, abs(t.progress) < limit else { return false }
        guard t.history.allSatisfy({ $0.changes.isEmpty }) else { return false }
        if let g = t.target, !g.unknownMembers.isEmpty || abs(g.required) >= limit || abs(g.achieved) >= limit { return false }
        return t.notes.allSatisfy { $0.unknownMembers.isEmpty } && t.history.allSatisfy { $0.unknownMembers.isEmpty }
    }

    /// A task object, as `PlanCodec.encode(_: PlanTask)` and `JSONWriter` write it, starting at `indent`.
    mutating func task(_ t: PlanTask, indent: Int) {
        guard ByteWriter.isPlain(t) else { value(PlanCodec.encode(t), indent: indent); return }
        let m = indent + 2
        out.append(UInt8(ascii: "{"))
        key("id", indent: m, first: true); string(t.id)
        key("section", indent: m); string(t.sectionID)
        key("number", indent: m); int(t.number)
        key("title", indent: m); string(t.title)
        key("text", indent: m); string(t.text)
        key("phase", indent: m); string(t.phaseID)
        if !t.leadUnits.isEmpty { key("lead", indent: m); strings(t.leadUnits, indent: m) }
        if !t.ownerUnits.isEmpty { key("owners", indent: m); strings(t.ownerUnits, indent: m) }
        if let due = t.due { key("due", indent: m); string(due.iso) }
        key("status", indent: m); string(t.status.rawValue)
        key("progress", indent: m); int(t.progress)
        if let g = t.target {
            key("target", indent: m)
            out.append(UInt8(ascii: "{"))
            key("required", indent: m + 2, first: true); int(g.required)
            key("achieved", indent: m + 2); int(g.achieved)
            key("unit", indent: m + 2); string(g.unit)
            if !g.label.isEmpty { key("label", indent: m + 2); string(g.label) }
            newline(m)
            out.append(UInt8(ascii: "}"))
        }
        if !t.notes.isEmpty {
            key("notes", indent: m)
            entries(t.notes.map { ($0.at, $0.by, $0.text) }, third: "text", indent: m)
        }
        if !t.history.isEmpty {
            key("history", indent: m)
            entries(t.history.map { ($0.at, $0.by, $0.change) }, third: "change", indent: m)
        }
        newline(indent)
        out.append(UInt8(ascii: "}"))
    }

    /// A non-empty list of objects at `indent`, each written by `write` (at `indent + 2`).
    mutating func objects<T>(_ items: [T], indent: Int, _ write: (inout ByteWriter, T) -> Void) {
        out.append(UInt8(ascii: "["))
        for (k, item) in items.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 2)
            write(&self, item)
        }
        newline(indent)
        out.append(UInt8(ascii: "]"))
    }

    /// A unit object, as `PlanCodec.encode(_: Unit)` and `JSONWriter` write it, starting at `indent`.
    mutating func unit(_ u: ShuangyongKit.Unit, indent: Int) {
        guard u.unknownMembers.isEmpty else { value(PlanCodec.encode(u), indent: indent); return }
        let m = indent + 2
        out.append(UInt8(ascii: "{"))
        key("id", indent: m, first: true); string(u.id)
        key("name", indent: m); string(u.name)
        key("short", indent: m); string(u.shortName)
        key("kind", indent: m); string(u.kind.rawValue)
        newline(indent)
        out.append(UInt8(ascii: "}"))
    }

    /// A section object, as `PlanCodec.encode(_: Section)` and `JSONWriter` write it, starting at `indent`.
    mutating func section(_ s: Section, indent: Int) {
        guard s.unknownMembers.isEmpty, abs(s.number) < ByteWriter.limit else { value(PlanCodec.encode(s), indent: indent); return }
        let m = indent + 2
        out.append(UInt8(ascii: "{"))
        key("id", indent: m, first: true); string(s.id)
        key("number", indent: m); int(s.number)
        key("title", indent: m); string(s.title)
        key("lead", indent: m); strings(s.leadUnits, indent: m)
        key("responsible", indent: m); strings(s.responsibleUnits, indent: m)
        newline(indent)
        out.append(UInt8(ascii: "}"))
    }

    /// A list of notes or history entries (objects of `at`, `by` and `third`), at `indent`.
    mutating func entries(_ items: [(String, String, String)], third: StaticString, indent: Int) {
        out.append(UInt8(ascii: "["))
        for (k, e) in items.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 2)
            out.append(UInt8(ascii: "{"))
            key("at", indent: indent + 4, first: true); string(e.0)
            key("by", indent: indent + 4); string(e.1)
            key(third, indent: indent + 4); string(e.2)
            newline(indent + 2)
            out.append(UInt8(ascii: "}"))
        }
        newline(indent)
        out.append(UInt8(ascii: "]"))
    }
}
