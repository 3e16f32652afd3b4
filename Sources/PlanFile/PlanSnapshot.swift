#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShuangyongKit

/// A loaded plan as compact binary data: what `PlanSnapshots` keeps beside a plan file so the next command
/// gets the plan without reading and checking 10–50 MB of JSON again.
///
/// It is derived data, never a source: it is written only from a plan that loaded and passed every check,
/// and read only after `PlanSnapshots` has matched it to the file. Anything unexpected in it (a short
/// read, a count out of range, a bad tag) makes `decode` return nil, and the file is read as before.
///
/// Layout (little-endian; integers as LEB128 varints, signed ones zigzagged):
/// - the string table: a count, then each string as a byte count and its UTF-8 bytes. Every string of
///   the plan is stored once and referred to by its place, so the ids repeated on every task (sections,
///   phases, units, history authors) share one `String` after loading;
/// - the plan's other members (title, phases, activities, the structure history, people, unknown
///   members): their plan-file JSON (`PlanWriter`), read back with `PlanDecoding` — they are small;
/// - units, sections and tasks, field by field, in the model's order.
///
/// A history entry's `changes` (values as rich as whole tasks) are kept as their plan-file JSON text
/// (HistoryChanges.swift), read back only for entries that have them.
enum PlanSnapshot {
    /// Bumped whenever the layout above changes; a snapshot of another version is never read.
    static let version: UInt64 = 2

    /// The plan's bytes in the layout above, with where its tasks are in the file's bytes when known.
    static func encode(_ plan: Plan, layout: TaskLayout? = nil) -> [UInt8] {
        var w = Writer()
        var rest = plan
        rest.units = []
        rest.sections = []
        rest.tasks = []
        w.bytes(PlanWriter.bytes(rest))
        w.count(plan.units.count)
        for u in plan.units {
            w.string(u.id); w.string(u.name); w.string(u.shortName); w.string(u.kind.rawValue); w.unknown(u.unknownMembers)
        }
        w.count(plan.sections.count)
        for s in plan.sections {
            w.string(s.id); w.int(s.number); w.string(s.title); w.strings(s.leadUnits); w.strings(s.responsibleUnits)
            w.unknown(s.unknownMembers)
        }
        w.count(plan.tasks.count)
        for t in plan.tasks { w.task(t) }
        w.layout(layout.flatMap { $0.spans.count == plan.tasks.count && $0.canonical.count == plan.tasks.count ? $0 : nil })
        return w.finish()
    }

    /// The plan `encode` was given, or nil when `bytes` are not a whole, well-formed snapshot.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Plan? { decodeWithLayout(bytes)?.plan }

    /// The plan and the task layout `encode` was given (nil when it was given none).
    static func decodeWithLayout(_ bytes: UnsafeRawBufferPointer) -> (plan: Plan, layout: TaskLayout?)? {
        var r = Reader(bytes)
        return try? r.plan()
    }

    // MARK: Writing

    private struct Writer {
        var body: [UInt8] = []
        var table = StringTable()

        mutating func uint(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                body.append(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            body.append(UInt8(v))
        }

        mutating func int(_ v: Int) { uint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }
        mutating func count(_ n: Int) { uint(UInt64(n)) }
        mutating func flag(_ b: Bool) { body.append(b ? 1 : 0) }

        mutating func string(_ s: String) { count(table.place(of: s)) }

        /// A status as its place in `TaskStatus.allCases`.
        mutating func status(_ s: TaskStatus) { count(TaskStatus.allCases.firstIndex(of: s)!) }

        mutating func optionalString(_ s: String?) {
            flag(s != nil)
            if let s { string(s) }
        }

        mutating func strings(_ a: [String]) {
            count(a.count)
            for s in a { string(s) }
        }

        mutating func bytes(_ b: [UInt8]) {
            count(b.count)
            body.append(contentsOf: b)
        }

        mutating func unknown(_ u: UnknownMembers) {
            count(u.members.count)
            for m in u.members {
                string(m.key); string(m.json); optionalString(m.after)
            }
        }

        mutating func task(_ t: PlanTask) {
            string(t.id); string(t.sectionID); int(t.number); string(t.title); string(t.text); string(t.phaseID)
            strings(t.leadUnits); strings(t.ownerUnits)
            int(t.due.map { $0.ordinal + 1 } ?? 0)
            status(t.status)
            int(t.progress)
            flag(t.target != nil)
            if let g = t.target {
                int(g.required); int(g.achieved); string(g.unit); string(g.label); unknown(g.unknownMembers)
            }
            count(t.notes.count)
            for n in t.notes {
                string(n.at); string(n.by); string(n.text); unknown(n.unknownMembers)
            }
            count(t.history.count)
            for h in t.history {
                string(h.at); string(h.by); string(h.change)
                flag(!h.changes.isEmpty)
                if !h.changes.isEmpty { bytes(JSONWriter.bytes(.object(PlanCodec.encode(h.changes, owner: t.id)))) }
                unknown(h.unknownMembers)
            }
            flag(t.carriedOver != nil)
            if let c = t.carriedOver {
                int(c.year); string(c.file); string(c.taskID); status(c.status); int(c.progress); unknown(c.unknownMembers)
            }
            unknown(t.unknownMembers)
        }

        /// Each task's span as its distance from the previous one's end and its length, then whether its
        /// bytes are the writer's; a 0 alone when there is no layout.
        mutating func layout(_ l: TaskLayout?) {
            flag(l != nil)
            guard let l else { return }
            var end = 0
            for (span, canonical) in zip(l.spans, l.canonical) {
                count(span.lowerBound - end); count(span.count); flag(canonical)
                end = span.upperBound
            }
        }

        /// The string table, then the body.
        mutating func finish() -> [UInt8] {
            let main = body
            body = []
            body.reserveCapacity(main.count + table.bytes.count + table.count * 2)
            count(table.count)
            for k in 0..<table.count {
                count(table.starts[k + 1] - table.starts[k])
                body.append(contentsOf: table.bytes[table.starts[k]..<table.starts[k + 1]])
            }
            body.append(contentsOf: main)
            return body
        }
    }

    /// The strings written so far, each once, found by their UTF-8 bytes. (A `[String: Int]` hashed and
    /// compared every title and text in Unicode normal form: 1.2 billion instructions for 20,000 tasks.)
    private struct StringTable {
        /// Every string's UTF-8, one after another: string k is `bytes[starts[k]..<starts[k + 1]]`.
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var hashes: [UInt64] = []
        /// Open addressing: a string's place, or -1.
        var slots = [Int32](repeating: -1, count: 1024)

        var count: Int { hashes.count }

        /// The place of `s` in the table, adding it when it is new.
        mutating func place(of s: String) -> Int {
            var s = s
            return s.withUTF8 { u -> Int in
                let h = Fingerprint.hash(UnsafeRawBufferPointer(u))
                var k = Int(truncatingIfNeeded: h) & (slots.count - 1)
                while slots[k] >= 0 {
                    let p = Int(slots[k])
                    if hashes[p] == h, starts[p + 1] - starts[p] == u.count,
                       bytes.withUnsafeBufferPointer({ u.count == 0 || memcmp($0.baseAddress! + starts[p], u.baseAddress!, u.count) == 0 }) {
                        return p
                    }
                    k = (k + 1) & (slots.count - 1)
                }
                let place = count
                bytes.append(contentsOf: u)
                starts.append(bytes.count)
                hashes.append(h)
                slots[k] = Int32(place)
                if count * 2 > slots.count { grow() }
                return place
            }
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 4)
            for (p, h) in hashes.enumerated() {
                var k = Int(truncatingIfNeeded: h) & (slots.count - 1)
                while slots[k] >= 0 { k = (k + 1) & (slots.count - 1) }
                slots[k] = Int32(p)
            }
        }
    }

    // MARK: Reading

    private struct Malformed: Error {}

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0
        var table: [String] = []

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func uint() throws(Malformed) -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < bytes.count, shift < 64 else { throw Malformed() }
                let b = bytes[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }

        mutating func int() throws(Malformed) -> Int {
            let u = try uint()
            return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
        }

        /// A count of items still to come, each at least one byte long (so a bad count cannot ask for more
        /// memory than the snapshot's size).
        mutating func count() throws(Malformed) -> Int {
            let n = try uint()
            guard n <= UInt64(bytes.count - i) else { throw Malformed() }
            return Int(n)
        }

        mutating func flag() throws(Malformed) -> Bool {
            guard i < bytes.count, bytes[i] <= 1 else { throw Malformed() }
            i += 1
            return bytes[i - 1] == 1
        }

        mutating func string() throws(Malformed) -> String {
            let k = try uint()
            guard k < UInt64(table.count) else { throw Malformed() }
            return table[Int(k)]
        }

        mutating func optionalString() throws(Malformed) -> String? { try flag() ? try string() : nil }

        mutating func strings() throws(Malformed) -> [String] {
            let n = try count()
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try string()) }
            return out
        }

        mutating func raw() throws(Malformed) -> UnsafeRawBufferPointer {
            let n = try count()
            defer { i += n }
            return UnsafeRawBufferPointer(rebasing: bytes[i..<i + n])
        }

        mutating func unknown() throws(Malformed) -> UnknownMembers {
            var u = UnknownMembers()
            let n = try count()
            for _ in 0..<n {
                u.members.append(.init(key: try string(), json: try string(), after: try optionalString()))
            }
            return u
        }

        mutating func status() throws(Malformed) -> TaskStatus {
            let k = try uint()
            guard k < UInt64(TaskStatus.allCases.count) else { throw Malformed() }
            return Self.statuses[Int(k)]
        }

        static let statuses = TaskStatus.allCases

        mutating func plan() throws(Malformed) -> (plan: Plan, layout: TaskLayout?) {
            let n = try count()
            table.reserveCapacity(n)
            for _ in 0..<n { table.append(String(decoding: try raw(), as: UTF8.self)) }
            guard let root = try? JSONReader.parse(Array(try raw())) else { throw Malformed() }
            var d = PlanDecoding()
            guard var plan = d.plan(root) else { throw Malformed() }
            plan.units = []
            for _ in 0..<(try count()) {
                let id = try string(), name = try string(), short = try string()
                guard let kind = UnitKind(rawValue: try string()) else { throw Malformed() }
                var u = ShuangyongKit.Unit(id: id, name: name, shortName: short, kind: kind)
                u.unknownMembers = try unknown()
                plan.units.append(u)
            }
            plan.sections = []
            for _ in 0..<(try count()) {
                var s = Section(id: try string(), number: try int(), title: try string(), leadUnits: try strings(),
                                responsibleUnits: try strings())
                s.unknownMembers = try unknown()
                plan.sections.append(s)
            }
            let tasks = try count()
            plan.tasks = []
            plan.tasks.reserveCapacity(tasks)
            for _ in 0..<tasks { plan.tasks.append(try task()) }
            var layout: TaskLayout?
            if try flag() {
                var l = TaskLayout()
                l.spans.reserveCapacity(tasks)
                l.canonical.reserveCapacity(tasks)
                var end = 0
                for _ in 0..<tasks {
                    let (gap, length) = (try uint(), try uint())
                    guard gap <= UInt64(Int32.max), length <= UInt64(Int32.max) else { throw Malformed() }
                    let start = end + Int(gap)
                    end = start + Int(length)
                    l.spans.append(start..<end)
                    l.canonical.append(try flag())
                }
                layout = l
            }
            guard i == bytes.count else { throw Malformed() }
            return (plan, layout)
        }

        /// A task, its fields read in the order `Writer.task` writes them.
        mutating func task() throws(Malformed) -> PlanTask {
            let id = try string(), section = try string(), number = try int(), title = try string(), text = try string()
            let phase = try string(), lead = try strings(), owners = try strings()
            let dueOrdinal = try int()
            let status = try status(), progress = try int()
            var target: QuantifiedTarget?
            if try flag() {
                var g = QuantifiedTarget(required: try int(), achieved: try int(), unit: try string(), label: try string())
                g.unknownMembers = try unknown()
                target = g
            }
            var notes: [TaskNote] = []
            let noteCount = try count()
            if noteCount > 0 { notes.reserveCapacity(noteCount) }
            for _ in 0..<noteCount {
                var n = TaskNote(at: try string(), by: try string(), text: try string())
                n.unknownMembers = try unknown()
                notes.append(n)
            }
            var history: [HistoryEntry] = []
            let entries = try count()
            if entries > 0 { history.reserveCapacity(entries) }
            for _ in 0..<entries {
                var h = HistoryEntry(at: try string(), by: try string(), change: try string())
                if try flag() {
                    guard case let .object(members)? = try? JSONReader.parse(Array(try raw())),
                          let changes = PlanCodec.decodeChanges(members, owner: id) else { throw Malformed() }
                    h.changes = changes
                }
                h.unknownMembers = try unknown()
                history.append(h)
            }
            var carried: CarryOver?
            if try flag() {
                var c = CarryOver(year: try int(), file: try string(), taskID: try string(), status: try self.status(), progress: try int())
                c.unknownMembers = try unknown()
                carried = c
            }
            let unknownMembers = try unknown()
            var t = PlanTask(id: id, sectionID: section, number: number, title: title, text: text, phaseID: phase,
                             ownerUnits: owners, due: dueOrdinal == 0 ? nil : Day(ordinal: dueOrdinal - 1), status: status,
                             progress: progress, target: target, notes: notes, history: history)
            if !lead.isEmpty { t.leadUnits = lead }
            if carried != nil { t.carriedOver = carried }
            if !unknownMembers.isEmpty { t.unknownMembers = unknownMembers }
            return t
        }
    }
}
