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
/// Layout (little-endian; "varint" is LEB128, signed ones zigzagged; "u32" and "i32" are 4 bytes): a u64
/// byte count of the summary part, the summary part, then the detail part. A reader that needs no task
/// texts (`PlanDetail.summary`: the reports) reads, hashes and decodes the summary part alone — a third of
/// the snapshot of a generated plan, whose texts and history are the bulk.
///
/// Each part begins with its string table and unit lists:
/// - the string table: a varint count n, n u32 end offsets, then every string's UTF-8 one after another.
///   Every string of the part is stored once and referred to by its place (a varint, or a u32 in a task's
///   fixed part), so the ids repeated on every task (sections, phases, units, history authors) share one
///   `String` after loading; a string is made only when something refers to it;
/// - the unit lists (summary part; the detail part has none): a varint count, then each list as a count and
///   its strings' places. A task's 牵头单位 and 责任单位 name one of them, so the few hundred distinct
///   lists are made once, not per task.
///
/// The summary part then holds
/// - the plan's other members (title, phases, activities, the structure history, people, unknown
///   members): their plan-file JSON (`PlanWriter`), read back with `PlanDecoding` — they are small;
/// - units and sections, field by field;
/// - the tasks' heads: each a fixed part (id, section, number, title, phase, lead list, responsible list,
///   due day, progress as u32/i32, then the status and a flag byte), then the target and carry-over when
///   the flags say so.
///
/// The detail part holds each task's text, notes, history and unknown members, task by task, then the
/// task layout (`TaskLayout`) when known, then each task's detail byte count (u32) and, last, a u64 of
/// all of them: a reader of one task (`OneTaskSave`) goes from the end to the layout and to that task's
/// detail without stepping through the others. A history entry's `changes` (values as rich as whole tasks) are
/// kept as their plan-file JSON text (HistoryChanges.swift), read back only for entries that have them.
enum PlanSnapshot {
    /// Bumped whenever the layout above changes; a snapshot of another version is never read.
    static let version: UInt64 = 5

    /// The plan's bytes in the layout above, with where its tasks are in the file's bytes when known.
    /// Nil when a task's number, progress or due day does not fit the 32 bits of its fixed part (a
    /// checked plan's never do; such a plan gets no snapshot).
    static func encode(_ plan: Plan, layout: TaskLayout? = nil) -> [UInt8]? {
        encode(plan, layout: layout, reusing: nil)?.body
    }

    /// `encode`, copying from `earlier` (a snapshot of an earlier version of the plan) the bytes of the
    /// units, sections and every task that are still the same, so a save that changed one task encodes
    /// one task. The earlier strings keep their places and the changed parts' strings are added after them
    /// without looking for earlier copies (a few hundred bytes a save; a snapshot made from the file again
    /// has none), so the bytes differ from a fresh `encode` but decode to the same plan.
    static func encode(_ plan: Plan, layout: TaskLayout?, reusing earlier: Encoded?) -> Encoded? {
        var s = Writer(earlier, part: \.summary), d = Writer(earlier, part: \.detail)
        var rest = plan
        rest.units = []
        rest.sections = []
        rest.tasks = []
        s.bytes(PlanWriter.bytes(rest))
        let structureStart = s.body.count
        if let earlier, earlier.units == plan.units, earlier.sections == plan.sections {
            s.body.append(contentsOf: earlier.body[earlier.structure])
        } else {
            s.count(plan.units.count)
            for u in plan.units {
                s.string(u.id); s.string(u.name); s.string(u.shortName); s.string(u.kind.rawValue); s.unknown(u.unknownMembers)
            }
            s.count(plan.sections.count)
            for x in plan.sections {
                s.string(x.id); s.int(x.number); s.string(x.title); s.strings(x.leadUnits); s.strings(x.responsibleUnits)
                s.unknown(x.unknownMembers)
            }
        }
        let structure = structureStart..<s.body.count
        s.count(plan.tasks.count)
        var heads: [Range<Int>] = [], details: [Range<Int>] = []
        heads.reserveCapacity(plan.tasks.count)
        details.reserveCapacity(plan.tasks.count)
        for (k, j) in Self.sameTasks(plan.tasks, earlier?.tasks ?? []).enumerated() {
            let (head, detail) = (s.body.count, d.body.count)
            if let earlier, let j {
                s.body.append(contentsOf: earlier.body[earlier.heads[j]])
                d.body.append(contentsOf: earlier.body[earlier.details[j]])
            } else {
                s.head(plan.tasks[k])
                d.detail(plan.tasks[k])
            }
            heads.append(head..<s.body.count)
            details.append(detail..<d.body.count)
        }
        // Many new strings (tasks deleted or moved in bulk, texts rewritten): a fresh snapshot, without
        // the earlier copies of them.
        if let earlier, s.table.added + d.table.added > earlier.body.count / 4 {
            return encode(plan, layout: layout, reusing: nil)
        }
        d.layout(layout.flatMap { $0.spans.count == plan.tasks.count && $0.canonical.count == plan.tasks.count ? $0 : nil })
        d.index(details.map(\.count))
        guard s.fits else { return nil }
        let (body, sShift, dShift) = assemble(s, d)
        return Encoded(body: body, bodyStart: 0, lists: s.lists,
                       structure: structure.lowerBound + sShift..<structure.upperBound + sShift,
                       units: plan.units, sections: plan.sections,
                       heads: heads.map { $0.lowerBound + sShift..<$0.upperBound + sShift },
                       details: details.map { $0.lowerBound + dShift..<$0.upperBound + dShift }, tasks: plan.tasks)
    }

    /// A body from its summary and detail parts' writers: the summary part's byte count, then each part
    /// (`Writer.finish(into:)`); with where each writer's body starts in it.
    static func assemble(_ s: Writer, _ d: Writer) -> (body: [UInt8], summaryShift: Int, detailShift: Int) {
        var body = [UInt8](repeating: 0, count: 8)
        body.reserveCapacity(8 + s.finishedCount + d.finishedCount)
        let sShift = s.finish(into: &body)
        withUnsafeBytes(of: UInt64(body.count - 8).littleEndian) { for (k, b) in $0.enumerated() { body[k] = b } }
        let dShift = d.finish(into: &body)
        return (body, sShift, dShift)
    }

    /// For each task of `new`, the place of the same task in `old` when it is there in the same order:
    /// tasks are compared walking both lists, so an edited, added or deleted task leaves the rest matched.
    /// Compared in place, by their bits first (`PlanTask.same`).
    static func sameTasks(_ new: [PlanTask], _ old: [PlanTask]) -> [Int?] {
        new.withUnsafeBufferPointer { new in
            old.withUnsafeBufferPointer { old in
                func same(_ j: Int, _ k: Int) -> Bool { j < old.count && k < new.count && PlanTask.same(old.baseAddress! + j, new.baseAddress! + k) }
                var found: [Int?] = []
                found.reserveCapacity(new.count)
                var j = 0
                for k in new.indices {
                    if same(j, k) {
                        found.append(j)
                        j += 1
                    } else if same(j + 1, k) {  // old[j] deleted
                        found.append(j + 1)
                        j += 2
                    } else {  // new[k] changed, or added before old[j]
                        found.append(nil)
                        if !same(j, k + 1) { j += 1 }
                    }
                }
                return found
            }
        }
    }

    /// A snapshot's body with where its parts are in it and what they hold: what `encode` needs to copy
    /// the parts a save did not change. An open document's snapshots keep the last one (`PlanSnapshots`):
    /// about the size of the snapshot (4 MB for 20,000 tasks).
    struct Encoded {
        /// The whole body, from `bodyStart` on (a snapshot file read whole keeps its header before it);
        /// every range below is a place in this array.
        let body: [UInt8]
        let bodyStart: Int
        /// Each unit list as its strings' places.
        let lists: [[Int]]
        /// Where the units and sections are in `body`, and they.
        let structure: Range<Int>
        let units: [ShuangyongKit.Unit]
        let sections: [Section]
        /// Where each task's head and detail bytes are in `body`, and the tasks.
        let heads: [Range<Int>]
        let details: [Range<Int>]
        let tasks: [PlanTask]

        /// The summary and detail parts' bytes in `body` (after the summary's byte count).
        var summary: Range<Int> { bodyStart + 8..<bodyStart + 8 + PlanSnapshot.summaryCount(body[bodyStart...])! }
        var detail: Range<Int> { summary.upperBound..<body.count }
    }

    /// The summary part's byte count that `body` starts with, when `body` is long enough to say it.
    static func summaryCount(_ body: some Collection<UInt8>) -> Int? {
        guard body.count >= 8 else { return nil }
        let count = body.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return count <= UInt64(body.count - 8) ? Int(count) : nil
    }

    /// The plan `encode` was given (with `.summary`, without its tasks' texts, notes, history and unknown
    /// members), or nil when `bytes` are not a whole, well-formed snapshot body (for `.summary`, its first
    /// 8 bytes and summary part are enough).
    static func decode(_ bytes: UnsafeRawBufferPointer, detail: PlanDetail = .whole) -> Plan? {
        guard let n = summaryCount(bytes), !detail.isWhole || bytes.count > 8 + n else { return nil }
        var d = Decoder(summary: UnsafeRawBufferPointer(rebasing: bytes[8..<8 + n]),
                        detail: detail.isWhole ? UnsafeRawBufferPointer(rebasing: bytes[(8 + n)...]) : nil)
        if case let .deadlines(range) = detail { d.deadlines = range }
        return try? d.plan().plan
    }

    /// The whole plan and the task layout `encode` was given (nil when it was given none), from the body
    /// at `bodyStart` in `bytes` (a snapshot file read whole), with what a later `encode(_:layout:reusing:)`
    /// needs; `bytes` are kept, not copied.
    static func decodeForReuse(_ bytes: [UInt8], bodyStart: Int = 0) -> (plan: Plan, layout: TaskLayout?, encoded: Encoded)? {
        bytes.withUnsafeBytes { all in
            let raw = UnsafeRawBufferPointer(rebasing: all[bodyStart...])
            guard let n = summaryCount(raw), raw.count > 8 + n else { return nil }
            var d = Decoder(summary: UnsafeRawBufferPointer(rebasing: raw[8..<8 + n]), detail: UnsafeRawBufferPointer(rebasing: raw[(8 + n)...]))
            d.noting = true
            guard let (plan, layout) = try? d.plan() else { return nil }
            let (sShift, dShift) = (bodyStart + 8, bodyStart + 8 + n)
            return (plan, layout, Encoded(body: bytes, bodyStart: bodyStart, lists: d.s.listPlaces,
                                          structure: d.structure.lowerBound + sShift..<d.structure.upperBound + sShift,
                                          units: plan.units, sections: plan.sections,
                                          heads: d.heads.map { $0.lowerBound + sShift..<$0.upperBound + sShift },
                                          details: d.details.map { $0.lowerBound + dShift..<$0.upperBound + dShift }, tasks: plan.tasks))
        }
    }

    /// `TaskStatus.allCases`: a status is stored as its place in it.
    static let statuses = TaskStatus.allCases

    /// Task flag bits (the byte after the status).
    static let hasTarget: UInt8 = 1, hasCarryOver: UInt8 = 2

    // MARK: Writing

    struct Writer {
        var body: [UInt8] = []
        var table = StringTable()
        /// Unit lists by their strings' places, and those places list by list.
        var listPlaces: [[Int]: Int] = [:]
        var lists: [[Int]] = []
        /// False once a value was too large for its fixed 32 bits.
        var fits = true

        /// A writer of one part of a snapshot whose string table and unit lists start as that part of
        /// `earlier`'s, so the bytes copied from it stay valid; its new strings are added without looking
        /// for earlier copies (`encode`).
        init() {}

        init(_ earlier: Encoded?, part: KeyPath<Encoded, Range<Int>>) {
            guard let earlier else {
                self.init()
                return
            }
            self.init(continuing: earlier.body[earlier[keyPath: part]], lists: part == \Encoded.summary ? earlier.lists : [])
        }

        /// A writer continuing the snapshot part `part` (its string table, kept where it is, and `lists`, its
        /// unit lists by their strings' places: a detail part has none).
        init(continuing part: ArraySlice<UInt8>, lists: [[Int]]) {
            let ranges = part.withUnsafeBytes { raw -> (ends: Range<Int>, blob: Range<Int>)? in
                var r = Reader(raw)
                r.sparse = true
                return (try? r.tables(lists: false)) != nil ? (r.endsRange, r.blobRange) : nil
            }
            if let ranges {
                let at = part.startIndex
                table = StringTable(continuing: part[at + ranges.blob.lowerBound..<at + ranges.blob.upperBound],
                                    ends: part[at + ranges.ends.lowerBound..<at + ranges.ends.upperBound])
            }
            self.lists = lists
            for (k, l) in lists.enumerated() where listPlaces[l] == nil { listPlaces[l] = k }
        }

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

        mutating func u32(_ v: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian) { body.append(contentsOf: $0) } }
        mutating func i32(_ v: Int) {
            if Int32(exactly: v) == nil { fits = false }
            u32(Int(Int32(truncatingIfNeeded: v)))
        }

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

        /// The place of the unit list `a` in the list table, adding it when it is new.
        mutating func list(_ a: [String]) -> Int {
            let places = a.map { table.place(of: $0) }
            if let k = listPlaces[places] { return k }
            listPlaces[places] = lists.count
            lists.append(places)
            return lists.count - 1
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

        /// A task's head (summary part): the fixed part, then the target and carry-over.
        mutating func head(_ t: PlanTask) {
            u32(table.place(of: t.id)); u32(table.place(of: t.sectionID)); i32(t.number); u32(table.place(of: t.title))
            u32(table.place(of: t.phaseID)); u32(list(t.leadUnits)); u32(list(t.ownerUnits))
            i32(t.due.map { $0.ordinal + 1 } ?? 0); i32(t.progress)
            body.append(UInt8(TaskStatus.allCases.firstIndex(of: t.status)!))
            body.append((t.target != nil ? PlanSnapshot.hasTarget : 0) | (t.carriedOver != nil ? PlanSnapshot.hasCarryOver : 0))
            if let g = t.target {
                int(g.required); int(g.achieved); string(g.unit); string(g.label); unknown(g.unknownMembers)
            }
            if let c = t.carriedOver {
                int(c.year); string(c.file); string(c.taskID); status(c.status); int(c.progress); unknown(c.unknownMembers)
            }
        }

        /// A task's detail (detail part): text, notes, history, unknown members.
        mutating func detail(_ t: PlanTask) {
            string(t.text)
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
            unknown(t.unknownMembers)
        }

        /// A 0 alone when there is no layout, else a 1 (a 2 when the file is exactly the writer's bytes,
        /// `TaskLayout.exact`), then each task's span as its distance from the previous one's end and its
        /// length, and whether its bytes are the writer's.
        mutating func layout(_ l: TaskLayout?) {
            body.append(l == nil ? 0 : l!.exact ? 2 : 1)
            guard let l else { return }
            var end = 0
            for (span, canonical) in zip(l.spans, l.canonical) {
                count(span.lowerBound - end); count(span.count); flag(canonical)
                end = span.upperBound
            }
        }

        /// The detail index: each task's detail byte count as a u32, then their sum as a u64.
        mutating func index(_ counts: [Int]) {
            body.reserveCapacity(body.count + 4 * counts.count + 8)
            for c in counts { u32(c) }
            withUnsafeBytes(of: UInt64(counts.reduce(0, +)).littleEndian) { body.append(contentsOf: $0) }
        }

        /// The bytes `finish(into:)` will append, about (for reserving).
        var finishedCount: Int { body.count + table.earlierBytes.count + table.bytes.count + table.count * 4 + lists.count * 4 + 16 }

        /// A piece of a snapshot being written: bytes made now, or bytes of an earlier snapshot kept as they are.
        enum Piece {
            case made([UInt8])
            case kept(ArraySlice<UInt8>)

            var count: Int {
                switch self {
                case let .made(b): return b.count
                case let .kept(b): return b.count
                }
            }
        }

        /// The string table and the unit lists, as `finish(into:)` writes them before the body.
        var tables: [Piece] {
            var count = Writer(), lists = Writer()  // their counts and places, written as the body is
            count.count(table.count)
            lists.count(self.lists.count)
            for l in self.lists {
                lists.count(l.count)
                for p in l { lists.count(p) }
            }
            return [.made(count.body), .kept(table.earlierEnds), .made(table.addedEnds), .kept(table.earlierBytes), .made(table.bytes),
                    .made(lists.body)]
        }

        /// Appends the string table and the unit lists, then the body, to `out`; returns where the body
        /// starts in `out`.
        func finish(into out: inout [UInt8]) -> Int {
            for piece in tables {
                switch piece {
                case let .made(b): out += b
                case let .kept(b): out += b
                }
            }
            let offset = out.count
            out += body
            return offset
        }
    }

    /// The strings written so far, each once, found by their UTF-8 bytes. (A `[String: Int]` hashed and
    /// compared every title and text in Unicode normal form: 1.2 billion instructions for 20,000 tasks.)
    struct StringTable {
        /// The strings a snapshot began the table with (`init(continuing:ends:)`), where that snapshot
        /// has them: their ends (u32, little-endian) and their UTF-8 one after another. They are written
        /// out again as they are.
        private(set) var earlierEnds: ArraySlice<UInt8> = []
        private(set) var earlierBytes: ArraySlice<UInt8> = []
        private var earlier: Int { earlierEnds.count / 4 }
        /// The strings added since, one after another: string `earlier + k` is `bytes[starts[k]..<starts[k + 1]]`.
        private(set) var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        /// The added strings' hashes, and (open addressing) their places among them or -1.
        private var hashes: [UInt64] = []
        private var slots = [Int32](repeating: -1, count: 1024)

        var count: Int { earlier + hashes.count }

        /// How many bytes the strings added since `init(continuing:ends:)` take.
        var added: Int { bytes.count }

        /// Earlier strings whose places are known, by their UTF-8 (`know`).
        private var known: [[UInt8]: Int] = [:]

        /// Tells the table that the earlier string at `place` is `s`, so that `place(of:)` gives that place
        /// rather than adding it again (the strings of a task written anew, `PlanSnapshot.pieces`).
        mutating func know(_ s: String, at place: Int) {
            guard place < earlier else { return }
            known[Array(s.utf8)] = place
        }

        init() {}

        /// A table that starts with a snapshot's (`blob` its strings' bytes, `ends` each one's end as a
        /// u32) and indexes only the strings added to it: finding a place among 45,000 earlier strings would
        /// mean hashing them all, and a string stored twice costs a few bytes, not a wrong plan.
        init(continuing blob: ArraySlice<UInt8>, ends: ArraySlice<UInt8>) {
            earlierBytes = blob
            earlierEnds = ends.prefix(ends.count / 4 * 4)
        }

        /// The added strings' ends in the whole table's bytes, as u32 little-endian.
        var addedEnds: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(4 * hashes.count)
            for end in starts.dropFirst() {
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: earlierBytes.count + end).littleEndian) { out.append(contentsOf: $0) }
            }
            return out
        }

        /// The place of `s` in the table, adding it when it is new.
        mutating func place(of s: String) -> Int {
            var s = s
            return s.withUTF8 { u -> Int in
                if !known.isEmpty, let k = known[Array(u)] { return k }
                let h = Fingerprint.hash(UnsafeRawBufferPointer(u))
                var k = Int(truncatingIfNeeded: h) & (slots.count - 1)
                while slots[k] >= 0 {
                    let p = Int(slots[k])
                    if hashes[p] == h, starts[p + 1] - starts[p] == u.count,
                       bytes.withUnsafeBufferPointer({ u.count == 0 || memcmp($0.baseAddress! + starts[p], u.baseAddress!, u.count) == 0 }) {
                        return earlier + p
                    }
                    k = (k + 1) & (slots.count - 1)
                }
                bytes.append(contentsOf: u)
                starts.append(bytes.count)
                hashes.append(h)
                slots[k] = Int32(hashes.count - 1)
                if hashes.count * 2 > slots.count { grow() }
                return count - 1
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

    struct Malformed: Error {}

    /// Reads one part of a snapshot.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0
        /// The string table's bytes, where each string ends in them, how many there are, and the strings
        /// made so far (none kept when `sparse`: a reader of one task makes a few, and an array of a place
        /// for each of 45,000 strings cost more than they).
        var blob = UnsafeRawBufferPointer(start: nil, count: 0)
        var ends: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
        var made: [String?] = []
        /// Where `ends` and `blob` are in `bytes`.
        var endsRange = 0..<0, blobRange = 0..<0
        var stringCount = 0
        var sparse = false
        /// With `sparse`, each string made and its place: a writer continuing this part finds them there
        /// (`StringTable.know`) instead of adding them again.
        var seen: [(place: Int, string: String)] = []
        var lists: [[String]] = []
        /// Set to have each list's strings' places noted (`decodeForReuse`).
        var noting = false
        var listPlaces: [[Int]] = []

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        @inline(__always)
        mutating func uint() throws(Malformed) -> UInt64 {
            if i < bytes.count, bytes[i] < 0x80 {
                i += 1
                return UInt64(bytes[i - 1])
            }
            return try longUInt()
        }

        /// `uint()` of two bytes or more.
        mutating func longUInt() throws(Malformed) -> UInt64 {
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

        /// Four bytes at the reading place, unsigned.
        mutating func u32() throws(Malformed) -> Int {
            guard bytes.count - i >= 4 else { throw Malformed() }
            defer { i += 4 }
            return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
        }

        mutating func i32() throws(Malformed) -> Int {
            guard bytes.count - i >= 4 else { throw Malformed() }
            defer { i += 4 }
            return Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: Int32.self)))
        }

        mutating func byte() throws(Malformed) -> UInt8 {
            guard i < bytes.count else { throw Malformed() }
            i += 1
            return bytes[i - 1]
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

        /// String `k` of the table, made the first time it is asked for.
        mutating func string(at k: Int) throws(Malformed) -> String {
            guard k < stringCount else { throw Malformed() }
            if !sparse, let s = made[k] { return s }
            let start = k == 0 ? 0 : Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * (k - 1), as: UInt32.self)))
            let end = Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
            guard start <= end, end <= blob.count else { throw Malformed() }
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: blob[start..<end]), as: UTF8.self)
            if sparse { seen.append((k, s)) } else { made[k] = s }
            return s
        }

        mutating func string() throws(Malformed) -> String {
            let k = try uint()
            guard k < UInt64(stringCount) else { throw Malformed() }
            return try string(at: Int(k))
        }

        mutating func optionalString() throws(Malformed) -> String? { try flag() ? try string() : nil }

        mutating func strings() throws(Malformed) -> [String] {
            let n = try count()
            var out: [String] = []
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try string()) }
            return out
        }

        mutating func list() throws(Malformed) -> [String] {
            let k = try u32()
            guard k < lists.count else { throw Malformed() }
            return lists[k]
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
            guard k < UInt64(PlanSnapshot.statuses.count) else { throw Malformed() }
            return PlanSnapshot.statuses[Int(k)]
        }

        /// The string table (offsets checked to rise and end at the blob's end) and the unit lists.
        mutating func tables(lists readLists: Bool = true) throws(Malformed) {
            let n = try count()
            guard bytes.count - i >= 4 * n else { throw Malformed() }
            ends = UnsafeRawBufferPointer(rebasing: bytes[i..<i + 4 * n])
            endsRange = i..<i + 4 * n
            i += 4 * n
            var last = 0
            for k in 0..<n {
                let end = Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
                guard end >= last else { throw Malformed() }
                last = end
            }
            guard bytes.count - i >= last else { throw Malformed() }
            blob = UnsafeRawBufferPointer(rebasing: bytes[i..<i + last])
            blobRange = i..<i + last
            i += last
            stringCount = n
            if !sparse { made = [String?](repeating: nil, count: n) }
            guard readLists else { return }
            let listCount = try count()
            lists.reserveCapacity(listCount)
            for _ in 0..<listCount {
                guard noting else {
                    lists.append(try strings())
                    continue
                }
                let n = try count()
                var places: [Int] = [], list: [String] = []
                for _ in 0..<n {
                    let k = try uint()
                    guard k < UInt64(stringCount) else { throw Malformed() }
                    places.append(Int(k))
                    list.append(try string(at: Int(k)))
                }
                listPlaces.append(places)
                lists.append(list)
            }
        }

    }

    /// Reads a snapshot's summary part, and its detail part when given one (a whole plan).
    struct Decoder {
        var s: Reader
        var d: Reader?
        /// Set to have where the units and sections and each task's head and detail are noted.
        var noting = false {
            didSet { s.noting = noting }
        }
        var structure = 0..<0
        var heads: [Range<Int>] = [], details: [Range<Int>] = []
        /// When set, only the tasks whose deadline falls in the range it gives are made (`PlanDetail.deadlines`).
        var deadlines: ((Plan) -> ClosedRange<Day>?)?
        /// When set (with a detail part), only the task with this id is made, and where it is noted in `found`.
        var only: String?
        var found: (index: Int, head: Range<Int>, detail: Range<Int>)?
        /// Where each part's body begins (after its string table and unit lists), and the task layout.
        var bodyStarts = (summary: 0, detail: 0)
        var layoutStart = 0, indexStart = 0

        init(summary: UnsafeRawBufferPointer, detail: UnsafeRawBufferPointer?) {
            s = Reader(summary)
            d = detail.map(Reader.init)
        }

        mutating func plan() throws(Malformed) -> (plan: Plan, layout: TaskLayout?) {
            try s.tables()
            try d?.tables()
            bodyStarts = (s.i, d?.i ?? 0)
            guard let root = try? JSONReader.parse(Array(try s.raw())) else { throw Malformed() }
            var decoding = PlanDecoding()
            decoding.checksTimeZone = false  // checked when the snapshot was made
            guard var plan = decoding.plan(root) else { throw Malformed() }
            if let only { return try onlyTask(only, plan) }
            let structureStart = s.i
            plan.units = []
            for _ in 0..<(try s.count()) {
                let id = try s.string(), name = try s.string(), short = try s.string()
                guard let kind = UnitKind(rawValue: try s.string()) else { throw Malformed() }
                var u = ShuangyongKit.Unit(id: id, name: name, shortName: short, kind: kind)
                u.unknownMembers = try s.unknown()
                plan.units.append(u)
            }
            plan.sections = []
            for _ in 0..<(try s.count()) {
                var x = Section(id: try s.string(), number: try s.int(), title: try s.string(), leadUnits: try s.strings(),
                                responsibleUnits: try s.strings())
                x.unknownMembers = try s.unknown()
                plan.sections.append(x)
            }
            structure = structureStart..<s.i
            let taskCount = try s.count()
            if let range = deadlines?(plan) {
                plan.tasks = try tasks(taskCount, dueIn: range, phases: plan.phases)
                guard s.i == s.bytes.count else { throw Malformed() }
                return (plan, nil)
            }
            // Each task made in its place in the array, which is allocated once.
            plan.tasks = try [PlanTask](unsafeUninitializedCapacity: taskCount) { (buffer, made) throws(Malformed) in
                for k in 0..<taskCount {
                    let (head, detail) = (s.i, d?.i ?? 0)
                    (buffer.baseAddress! + k).initialize(to: try task())
                    made = k + 1
                    if noting {
                        heads.append(head..<s.i)
                        details.append(detail..<d!.i)
                    }
                }
            }
            guard s.i == s.bytes.count else { throw Malformed() }
            var layout: TaskLayout?
            if d != nil {
                guard d!.i - bodyStarts.detail == (try d!.detailsCount()) else { throw Malformed() }
                layout = try d!.layout(tasks: taskCount)
                d!.i += 4 * taskCount + 8  // the index, checked by `detailsCount()`
                guard d!.i == d!.bytes.count else { throw Malformed() }
            }
            return (plan, layout)
        }

        /// `plan` (the plan's other members) with the one task whose id is `id` (none when no task has
        /// it), and the layout; the units, sections and other tasks are stepped over without making their
        /// strings. Where the task is goes to `found`, its detail found through the detail index.
        mutating func onlyTask(_ id: String, _ plan: Plan) throws(Malformed) -> (plan: Plan, layout: TaskLayout?) {
            guard d != nil else { throw Malformed() }
            var plan = plan
            plan.units = []
            plan.sections = []
            for _ in 0..<(try s.count()) {
                for _ in 0..<4 { _ = try s.uint() }
                try s.skipUnknown()
            }
            for _ in 0..<(try s.count()) {
                for _ in 0..<3 { _ = try s.uint() }
                for _ in 0..<2 { for _ in 0..<(try s.count()) { _ = try s.uint() } }
                try s.skipUnknown()
            }
            let taskCount = try s.count()
            // The layout and the detail index, from the end of the detail part.
            d!.i = bodyStarts.detail + (try d!.detailsCount())
            layoutStart = d!.i
            let layout = try d!.layout(tasks: taskCount)
            guard d!.bytes.count - d!.i == 4 * taskCount + 8 else { throw Malformed() }
            let index = d!.i
            indexStart = index
            plan.tasks = []
            var detailStart = bodyStarts.detail
            for k in 0..<taskCount {
                let head = s.i
                guard s.bytes.count - s.i >= Self.fixedCount else { throw Malformed() }
                let detailCount = Int(UInt32(littleEndian: d!.bytes.loadUnaligned(fromByteOffset: index + 4 * k, as: UInt32.self)))
                if plan.tasks.isEmpty, try s.string(at: Int(UInt32(littleEndian: s.bytes.loadUnaligned(fromByteOffset: s.i, as: UInt32.self))), is: id) {
                    guard detailCount <= layoutStart - detailStart else { throw Malformed() }
                    d!.i = detailStart
                    plan.tasks.append(try task())
                    guard d!.i == detailStart + detailCount else { throw Malformed() }
                    found = (k, head..<s.i, detailStart..<d!.i)
                } else {
                    try skipTask()
                }
                detailStart += detailCount
            }
            guard s.i == s.bytes.count, detailStart == layoutStart else { throw Malformed() }
            return (plan, layout)
        }

        /// Of `count` tasks, those whose deadline (due day, else their phase's end) is in `range`; the
        /// others' strings are never made.
        mutating func tasks(_ count: Int, dueIn range: ClosedRange<Day>, phases: [Phase]) throws(Malformed) -> [PlanTask] {
            // A phase id's place in the string table and its last day: a plan has a handful of phases.
            var phaseEnds: [(place: Int, end: Int?)] = []
            let (lo, hi) = (range.lowerBound.ordinal, range.upperBound.ordinal)
            var kept: [PlanTask] = []
            for _ in 0..<count {
                let start = s.i
                guard s.bytes.count - s.i >= Self.fixedCount else { throw Malformed() }
                s.i = start + Self.phaseOffset
                let phasePlace = try s.u32()
                s.i = start + Self.dueOffset
                var deadline: Int? = try s.i32() - 1
                s.i = start
                if deadline == -1 {
                    if let known = phaseEnds.first(where: { $0.place == phasePlace }) {
                        deadline = known.end
                    } else {
                        let id = try s.string(at: phasePlace)
                        deadline = phases.first { $0.id == id }?.end.ordinal
                        phaseEnds.append((phasePlace, deadline))
                    }
                }
                if let deadline, deadline >= lo, deadline <= hi {
                    kept.append(try task())
                } else {
                    try skipTask()
                }
            }
            return kept
        }

        /// The bytes of a task's fixed part: id, section, number, title, phase, two lists, due, progress
        /// (4 bytes each), status and flags.
        static let fixedCount = 9 * 4 + 2
        /// Where the phase and the due day are in it (`Writer.head` writes them fifth and eighth).
        static let phaseOffset = 4 * 4, dueOffset = 7 * 4

        /// Steps over a task's head without making its strings.
        mutating func skipTask() throws(Malformed) {
            guard s.bytes.count - s.i >= Self.fixedCount else { throw Malformed() }
            s.i += Self.fixedCount - 1
            let flags = try s.byte()
            guard flags & ~(PlanSnapshot.hasTarget | PlanSnapshot.hasCarryOver) == 0 else { throw Malformed() }
            if flags & PlanSnapshot.hasTarget != 0 {
                _ = try s.uint(); _ = try s.uint(); _ = try s.uint(); _ = try s.uint()
                try s.skipUnknown()
            }
            if flags & PlanSnapshot.hasCarryOver != 0 {
                for _ in 0..<5 { _ = try s.uint() }
                try s.skipUnknown()
            }
        }

        /// A task: its head, and its detail when there is a detail part.
        @inline(__always)
        mutating func task() throws(Malformed) -> PlanTask {
            let id = try s.string(at: try s.u32()), section = try s.string(at: try s.u32()), number = try s.i32()
            let title = try s.string(at: try s.u32()), phase = try s.string(at: try s.u32())
            let lead = try s.list(), owners = try s.list()
            let dueOrdinal = try s.i32(), progress = try s.i32()
            let statusPlace = Int(try s.byte()), flags = try s.byte()
            guard statusPlace < PlanSnapshot.statuses.count, flags & ~(PlanSnapshot.hasTarget | PlanSnapshot.hasCarryOver) == 0 else { throw Malformed() }
            var target: QuantifiedTarget?
            if flags & PlanSnapshot.hasTarget != 0 {
                var g = QuantifiedTarget(required: try s.int(), achieved: try s.int(), unit: try s.string(), label: try s.string())
                g.unknownMembers = try s.unknown()
                target = g
            }
            var carried: CarryOver?
            if flags & PlanSnapshot.hasCarryOver != 0 {
                var c = CarryOver(year: try s.int(), file: try s.string(), taskID: try s.string(), status: try s.status(), progress: try s.int())
                c.unknownMembers = try s.unknown()
                carried = c
            }
            var text = "", notes: [TaskNote] = [], history: [HistoryEntry] = [], unknownMembers = UnknownMembers()
            if d != nil { (text, notes, history, unknownMembers) = try d!.detail(of: id) }
            return PlanTask(id: id, sectionID: section, number: number, title: title, text: text, phaseID: phase, leadUnits: lead,
                            ownerUnits: owners, due: dueOrdinal == 0 ? nil : Day(ordinal: dueOrdinal - 1),
                            status: PlanSnapshot.statuses[statusPlace], progress: progress, target: target, notes: notes,
                            history: history, carriedOver: carried, unknownMembers: unknownMembers)
        }
    }
}

extension PlanSnapshot.Reader {
    /// Steps over unknown members (`unknown()`) without making their strings.
    mutating func skipUnknown() throws(PlanSnapshot.Malformed) {
        for _ in 0..<(try count()) {
            _ = try uint(); _ = try uint()
            if try flag() { _ = try uint() }
        }
    }

    /// Whether string `k` of the table is `text`, compared by bytes without making the string.
    mutating func string(at k: Int, is text: String) throws(PlanSnapshot.Malformed) -> Bool {
        guard k < stringCount else { throw PlanSnapshot.Malformed() }
        let start = k == 0 ? 0 : Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * (k - 1), as: UInt32.self)))
        let end = Int(UInt32(littleEndian: ends.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
        guard start <= end, end <= blob.count else { throw PlanSnapshot.Malformed() }
        var text = text
        return text.withUTF8 { u in
            u.count == end - start && (u.count == 0 || memcmp(blob.baseAddress! + start, u.baseAddress!, u.count) == 0)
        }
    }

    /// The detail of the task `id`, in the order `Writer.detail` writes it.
    mutating func detail(of id: String) throws(PlanSnapshot.Malformed) -> (String, [TaskNote], [HistoryEntry], UnknownMembers) {
        let text = try string()
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
                      let changes = PlanCodec.decodeChanges(members, owner: id) else { throw PlanSnapshot.Malformed() }
                h.changes = changes
            }
            h.unknownMembers = try unknown()
            history.append(h)
        }
        return (text, notes, history, try unknown())
    }

    /// The byte count of the tasks' details, from the detail index's last 8 bytes (at the end of the part).
    func detailsCount() throws(PlanSnapshot.Malformed) -> Int {
        guard bytes.count >= 8 else { throw PlanSnapshot.Malformed() }
        let n = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        guard n <= UInt64(bytes.count) else { throw PlanSnapshot.Malformed() }
        return Int(n)
    }

    /// The task layout (`Writer.layout`), nil when there is none.
    mutating func layout(tasks: Int) throws(PlanSnapshot.Malformed) -> TaskLayout? {
        let mark = try byte()
        guard mark <= 2 else { throw PlanSnapshot.Malformed() }
        guard mark > 0 else { return nil }
        var l = TaskLayout()
        l.exact = mark == 2
        l.spans.reserveCapacity(tasks)
        l.canonical.reserveCapacity(tasks)
        var end = 0
        for _ in 0..<tasks {
            let (gap, length) = (try uint(), try uint())
            guard gap <= UInt64(Int32.max), length <= UInt64(Int32.max) else { throw PlanSnapshot.Malformed() }
            let start = end + Int(gap)
            end = start + Int(length)
            l.spans.append(start..<end)
            l.canonical.append(try flag())
        }
        return l
    }
}
