#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShuangyongKit

/// Reads a plan file's tasks straight from its bytes into `PlanTask`s, without the `JSONValue` tree.
///
/// The tasks are nearly all of a plan file (20,000 objects of a dozen members each); building a tree of
/// them, mapping it and freeing it was most of the time a command spent loading. This reader takes only
/// the common, well-formed case: a top-level object whose `tasks` is a list of task objects holding only
/// the members this program knows, with values of the right types (whole numbers written plainly). That
/// includes what edits and `rollover` write into a task: history entries' changes (HistoryChanges.swift;
/// a value that is an object — a note, a task, a target — is cut out and read by `JSONReader` and
/// `PlanCodec.decodeValue`) and `carriedOver`.
/// Every other top-level member (units, phases, sections, activities, history, the plan's own fields and
/// any unknown member) is cut out as bytes and read by `JSONReader` and `PlanDecoding` as before.
///
/// Anything else — a syntax error, an unknown member of a task, a missing or mistyped field, a number
/// written as 1.0 or 1e2, a duplicate key, any problem `PlanValidation` finds — makes it give up (nil),
/// and the file is read the general way, which gives the error, its line and column, every problem and
/// every unknown member exactly as before. So this reader never decides anything about a file: it only
/// makes the plan the general way would make, faster, for files the general way accepts without remark.
struct PlanFastReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    /// A scratch buffer for strings with escapes.
    private var scratch: [UInt8] = []
    /// Whether the task being read is, so far, exactly as `PlanWriter` writes it.
    private var canon = true
    /// Where each task is in the file, and whether its bytes are the writer's.
    private var layout = TaskLayout()
    /// The tasks' `carriedOver`, by the task's index: set once the list is read (`task()` keeps no variable
    /// for it, as nearly every task has none).
    private var carried: [(Int, CarryOver)] = []

    /// Whether to work out `layout` (a save needs it; a report does not, and skips the checks).
    private let tracking: Bool

    private init(_ bytes: UnsafeBufferPointer<UInt8>, tracking: Bool) {
        self.bytes = bytes
        self.tracking = tracking
    }

    private struct GiveUp: Error {}

    /// The plan and the places of unknown members (outside tasks), or nil: read the file the general way.
    static func decode(_ data: [UInt8]) -> (plan: Plan, unknownMembers: [MemberPlace])? {
        read(data, tracking: false).map { ($0.plan, $0.unknownMembers) }
    }

    /// `decode`, with where each task is in `data` and whether its bytes are those `PlanWriter` writes.
    static func decodeWithLayout(_ data: [UInt8]) -> (plan: Plan, unknownMembers: [MemberPlace], layout: TaskLayout)? {
        read(data, tracking: true)
    }

    private static func read(_ data: [UInt8], tracking: Bool) -> (plan: Plan, unknownMembers: [MemberPlace], layout: TaskLayout)? {
        data.withUnsafeBufferPointer { buf -> (Plan, [MemberPlace], TaskLayout)? in
            var r = PlanFastReader(buf, tracking: tracking)
            guard let (root, tasks) = try? r.document() else { return nil }
            var d = PlanDecoding()
            guard var plan = d.plan(root), d.problems.isEmpty else { return nil }
            plan.tasks = tasks
            guard PlanValidation.problems(in: plan).isEmpty else { return nil }
            return (plan, d.unknownPlaces, r.layout)
        }
    }

    // MARK: The top level

    /// The top-level object with `tasks` left empty, and the tasks.
    private mutating func document() throws(GiveUp) -> (JSONValue, [PlanTask]) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        skipSpace()
        try expect(UInt8(ascii: "{"))
        var members: [(String, JSONValue)] = []
        var tasks: [PlanTask]?
        skipSpace()
        if peek() != UInt8(ascii: "}") {
            while true {
                skipSpace()
                let key = try string()
                if members.contains(where: { $0.0 == key }) { throw GiveUp() }
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if key == "tasks", peek() == UInt8(ascii: "[") {
                    tasks = try taskList()
                    members.append((key, .array([])))
                } else {
                    let start = i
                    try skipValue(depth: 1)
                    guard let v = try? JSONReader.parse(Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))) else { throw GiveUp() }
                    members.append((key, v))
                }
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                break
            }
        }
        try expect(UInt8(ascii: "}"))
        skipSpace()
        guard i == bytes.count, let tasks else { throw GiveUp() }
        return (.object(members), tasks)
    }

    /// Steps over one value (checked later by `JSONReader`, or the general way when this misjudges it).
    private mutating func skipValue(depth: Int) throws(GiveUp) {
        guard depth < JSONReader.maxDepth, i < bytes.count else { throw GiveUp() }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            i += 1
            skipSpace()
            if peek() == close { i += 1; return }
            while true {
                skipSpace()
                if close == UInt8(ascii: "}") {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                try expect(close)
                return
            }
        default:
            // A number or a literal: up to the next delimiter.
            let start = i
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A
                    || c == 0x0D || c == 0x09 { break }
                i += 1
            }
            if i == start { throw GiveUp() }
        }
    }

    // MARK: Tasks

    private mutating func taskList() throws(GiveUp) -> [PlanTask] {
        try expect(UInt8(ascii: "["))
        var out: [PlanTask] = []
        out.reserveCapacity(max(16, bytes.count / 600))
        skipSpace()
        if peek() == UInt8(ascii: "]") { i += 1; return out }
        while true {
            skipSpace()
            let start = i
            out.append(try task())
            layout.spans.append(start..<i)
            layout.canonical.append(canon)
            skipSpace()
            if peek() == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "]"))
            for (k, c) in carried { out[k].carriedOver = c }
            return out
        }
    }

    /// The known members of a task, as bits in the order `PlanWriter` writes them (a member given twice, or
    /// an unknown one, gives up).
    private enum Key: UInt32 {
        case id = 1, section = 2, number = 4, title = 8, text = 16, phase = 32, lead = 64, owners = 128, due = 256,
             status = 512, progress = 1024, target = 2048, carriedOver = 4096, notes = 8192, history = 16384
    }

    /// Reads a task, and clears `canon` unless its bytes are exactly what `PlanWriter` writes for it (members
    /// in its order, its white space, strings as it escapes them): such a task's bytes can be kept on saving.
    private mutating func task() throws(GiveUp) -> PlanTask {
        try expect(UInt8(ascii: "{"))
        canon = tracking
        var seen: UInt32 = 0
        var id: String?, section: String?, number: Int?, title: String?, text: String?, phase: String?
        var lead: [String] = [], owners: [String] = [], due: Day?, status = TaskStatus.notStarted, progress = 0
        var target: QuantifiedTarget?, notes: [TaskNote] = [], history: [HistoryEntry] = []
        if peek() != UInt8(ascii: "}") {
            while true {
                space(6)
                let key = try taskKey()
                guard seen & key.rawValue == 0 else { throw GiveUp() }
                if key.rawValue < seen { canon = false }  // out of the writer's order
                seen |= key.rawValue
                space(nil)
                try expect(UInt8(ascii: ":"))
                space(-1)
                switch key {
                case .id: id = try string()
                case .section: section = try string()
                case .number: number = try int()
                case .title: title = try string()
                case .text: text = try string()
                case .phase: phase = try string()
                case .lead: lead = try strings(); if lead.isEmpty { canon = false }
                case .owners: owners = try strings(); if owners.isEmpty { canon = false }
                case .due: guard let d = Day(iso: try string()) else { throw GiveUp() }; due = d
                case .status: guard let s = TaskStatus(rawValue: try string()) else { throw GiveUp() }; status = s
                case .progress: progress = try int()
                case .target: target = try quantifiedTarget()
                case .carriedOver: carried.append((layout.spans.count, try carryOver()))
                case .notes:
                    notes = try entries { r throws(GiveUp) in
                        let (at, by, text) = try r.entry(third: "text")
                        return TaskNote(at: at, by: by, text: text)
                    }
                    if notes.isEmpty { canon = false }
                case .history:
                    // A change that names no id is about the task itself (known here when `id` came first).
                    let owner = id
                    history = try entries { r throws(GiveUp) in try r.historyEntry(owner: owner) }
                    if history.isEmpty { canon = false }
                }
                if try endOfMember(closingIndent: 4) { break }
            }
        }
        try expect(UInt8(ascii: "}"))
        // The members the writer always writes.
        let always = Key.id.rawValue | Key.section.rawValue | Key.number.rawValue | Key.title.rawValue | Key.text.rawValue
            | Key.phase.rawValue | Key.status.rawValue | Key.progress.rawValue
        if seen & always != always { canon = false }
        guard let id, let section, let number, let title, let phase else { throw GiveUp() }
        var t = PlanTask(id: id, sectionID: section, number: number, title: title, text: text ?? title, phaseID: phase,
                         ownerUnits: owners, due: due, status: status, progress: progress, target: target,
                         notes: notes, history: history)
        t.leadUnits = lead
        return t
    }

    /// After a member's value: true at the object's end (a line break and `closingIndent` spaces before the
    /// `}` in the writer's layout), false after a comma (directly after the value).
    private mutating func endOfMember(closingIndent: Int) throws(GiveUp) -> Bool {
        let start = i
        skipSpace()
        if peek() == UInt8(ascii: ",") {
            if i != start { canon = false }
            i += 1
            return false
        }
        checkSpace(from: start, closingIndent)
        return true
    }

    /// The bytes of a key without escapes (a key with one gives up), for matching without making a string.
    private mutating func rawKey() throws(GiveUp) -> UnsafeBufferPointer<UInt8> {
        guard peek() == UInt8(ascii: "\"") else { throw GiveUp() }
        let start = i + 1
        var k = start
        while k < bytes.count, bytes[k] != UInt8(ascii: "\""), bytes[k] != UInt8(ascii: "\\") { k += 1 }
        guard k < bytes.count, bytes[k] == UInt8(ascii: "\""), k > start else { throw GiveUp() }
        i = k + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<k])
    }

    @inline(__always)
    private static func equals(_ key: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        s.utf8CodeUnitCount == key.count && memcmp(s.utf8Start, key.baseAddress!, key.count) == 0
    }

    /// A task member's key, matched on its bytes (no string is made).
    private mutating func taskKey() throws(GiveUp) -> Key {
        let key = try rawKey()
        func equals(_ s: StaticString) -> Bool { PlanFastReader.equals(key, s) }
        switch key.count {
        case 2 where equals("id"): return .id
        case 3 where equals("due"): return .due
        case 4 where equals("text"): return .text
        case 4 where equals("lead"): return .lead
        case 5 where equals("title"): return .title
        case 5 where equals("phase"): return .phase
        case 5 where equals("notes"): return .notes
        case 6 where equals("number"): return .number
        case 6 where equals("owners"): return .owners
        case 6 where equals("status"): return .status
        case 6 where equals("target"): return .target
        case 7 where equals("section"): return .section
        case 7 where equals("history"): return .history
        case 8 where equals("progress"): return .progress
        case 11 where equals("carriedOver"): return .carriedOver
        default: throw GiveUp()
        }
    }

    /// An object in the writer's layout (members at `indent`, its `}` at `indent - 2`), each member's value
    /// read by `member`, which returns the member's place in the writer's order, or nil for a member it does
    /// not take: then this stops there and returns false. A member out of order clears `canon`.
    private mutating func object(indent: Int,
                                 _ member: (inout PlanFastReader, UnsafeBufferPointer<UInt8>) throws(GiveUp) -> Int?) throws(GiveUp) -> Bool {
        try expect(UInt8(ascii: "{"))
        var last = 0
        if peek() != UInt8(ascii: "}") {
            while true {
                space(indent)
                let key = try rawKey()
                space(nil)
                try expect(UInt8(ascii: ":"))
                space(-1)
                guard let rank = try member(&self, key) else { return false }
                if rank < last { canon = false }
                last = rank
                if try endOfMember(closingIndent: indent - 2) { break }
            }
        }
        try expect(UInt8(ascii: "}"))
        return true
    }

    /// A task's target (its members at indent 8 in the writer's layout).
    private mutating func quantifiedTarget() throws(GiveUp) -> QuantifiedTarget {
        var required: Int?, achieved: Int?, unit: String?, label: String?
        let whole = try object(indent: 8) { (r: inout PlanFastReader, key) throws(GiveUp) -> Int? in
            if required == nil, PlanFastReader.equals(key, "required") { required = try r.int(); return 1 }
            if achieved == nil, PlanFastReader.equals(key, "achieved") { achieved = try r.int(); return 2 }
            if unit == nil, PlanFastReader.equals(key, "unit") { unit = try r.string(); return 3 }
            if label == nil, PlanFastReader.equals(key, "label") { label = try r.string(); return 4 }
            return nil
        }
        guard whole else { throw GiveUp() }
        guard let required, let unit, required >= 0, (achieved ?? 0) >= 0 else { throw GiveUp() }
        if achieved == nil || label == "" { canon = false }
        return QuantifiedTarget(required: required, achieved: achieved ?? 0, unit: unit, label: label ?? "")
    }

    /// A list of objects (notes, history entries, a history entry's further changes), each read by `item`,
    /// the items at `indent` in the writer's layout (8 in a task).
    private mutating func entries<T>(indent: Int = 8, _ item: (inout PlanFastReader) throws(GiveUp) -> T) throws(GiveUp) -> [T] {
        try expect(UInt8(ascii: "["))
        var out: [T] = []
        let first = i
        skipSpace()
        if peek() == UInt8(ascii: "]") { i += 1; return out }
        checkSpace(from: first, indent)
        while true {
            out.append(try item(&self))
            let start = i
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                if i != start { canon = false }
                i += 1
                space(indent)
                continue
            }
            checkSpace(from: start, indent - 2)
            try expect(UInt8(ascii: "]"))
            return out
        }
    }

    /// A note: `at` and the `third` member required, `by` optional (members at indent 10).
    private mutating func entry(third: StaticString) throws(GiveUp) -> (String, String, String) {
        var at: String?, by: String?, value: String?
        let whole = try object(indent: 10) { (r: inout PlanFastReader, key) throws(GiveUp) -> Int? in
            if at == nil, PlanFastReader.equals(key, "at") { at = try r.string(); return 1 }
            if by == nil, PlanFastReader.equals(key, "by") { by = try r.string(); return 2 }
            if value == nil, PlanFastReader.equals(key, third) { value = try r.string(); return 3 }
            return nil
        }
        guard whole else { throw GiveUp() }
        guard let at, let value else { throw GiveUp() }
        if by == nil { canon = false }
        return (at, by ?? "", value)
    }

    // MARK: History changes and carry-over

    /// A change's members in the writer's order (`PlanCodec.changeKeys`, after `at`, `by`, `change` of the
    /// entry and before its `also`), as bits: a member given twice gives up, one out of order is not canonical.
    private enum ChangeKey: UInt32 {
        case at = 1, by = 2, change = 4, field = 8, id = 16, before = 32, after = 64, position = 128, number = 256, also = 512
    }

    /// A change to read members into (which of them came is noted apart, as `ChangeKey` bits).
    private static func emptyChange() -> FieldChange { FieldChange(field: .status, id: "", before: nil, after: nil) }

    /// Checks a change read into `c` as `PlanCodec.decodeChange` does: `field`, `before` and `after` are
    /// required; an absent `id` is `owner`'s (nil: the id is required).
    private static func finish(_ c: inout FieldChange, seen: UInt32, owner: String?) throws(GiveUp) {
        let needed = ChangeKey.field.rawValue | ChangeKey.before.rawValue | ChangeKey.after.rawValue
        guard seen & needed == needed else { throw GiveUp() }
        if seen & ChangeKey.id.rawValue == 0 {
            guard let owner else { throw GiveUp() }
            c.id = owner
        }
    }

    /// The key of a member of a history entry or of one of its further changes.
    private mutating func changeKey() throws(GiveUp) -> ChangeKey { try PlanFastReader.changeKey(try rawKey()) }

    private static func changeKey(_ key: UnsafeBufferPointer<UInt8>) throws(GiveUp) -> ChangeKey {
        func equals(_ s: StaticString) -> Bool { PlanFastReader.equals(key, s) }
        switch key.count {
        case 2 where equals("at"): return .at
        case 2 where equals("by"): return .by
        case 2 where equals("id"): return .id
        case 4 where equals("also"): return .also
        case 5 where equals("field"): return .field
        case 5 where equals("after"): return .after
        case 6 where equals("change"): return .change
        case 6 where equals("before"): return .before
        case 6 where equals("number"): return .number
        case 8 where equals("position"): return .position
        default: throw GiveUp()
        }
    }

    /// Reads the value of one of a change's own members (`field` … `number`) into `c`; `seen` holds the
    /// members read so far, `indent` is where the writer puts them, `depth` the `JSONReader` depth of the
    /// object holding them.
    private mutating func changeMember(_ key: ChangeKey, _ c: inout FieldChange, seen: UInt32, indent: Int, depth: Int) throws(GiveUp) {
        // A value is read by its field, so `field` must come first (the writer puts it first).
        let hasField = seen & ChangeKey.field.rawValue != 0
        switch key {
        case .field: guard let f = PlanField(rawValue: try string()) else { throw GiveUp() }; c.field = f
        case .id: c.id = try string()
        case .before: guard hasField else { throw GiveUp() }; c.before = try changeValue(c.field, indent: indent, depth: depth)
        case .after: guard hasField else { throw GiveUp() }; c.after = try changeValue(c.field, indent: indent, depth: depth)
        case .position: c.position = try int()
        case .number: c.number = try int()
        case .at, .by, .change, .also: throw GiveUp()
        }
    }

    /// A task's history entry (members at indent 10): `at` and `change` required, `by` optional, and, when it
    /// has a `field`, its changes (HistoryChanges.swift) — the first in its own members (an absent `id` is
    /// `owner`'s), the rest in `also`. Changes that `PlanCodec.decodeChanges` would not read (and so would keep
    /// as members this program does not know) give up.
    private mutating func historyEntry(owner: String?) throws(GiveUp) -> HistoryEntry {
        try expect(UInt8(ascii: "{"))
        var at: String?, by: String?, change: String?, changes: [FieldChange] = []
        var seen: UInt32 = 0
        if peek() != UInt8(ascii: "}") {
            members: while true {
                space(10)
                let key = try rawKey()
                space(nil)
                try expect(UInt8(ascii: ":"))
                space(-1)
                let bit: UInt32
                if at == nil, PlanFastReader.equals(key, "at") { at = try string(); bit = ChangeKey.at.rawValue }
                else if by == nil, PlanFastReader.equals(key, "by") { by = try string(); bit = ChangeKey.by.rawValue }
                else if change == nil, PlanFastReader.equals(key, "change") { change = try string(); bit = ChangeKey.change.rawValue }
                else {
                    let k = try PlanFastReader.changeKey(key)
                    guard k.rawValue >= ChangeKey.field.rawValue else { throw GiveUp() }  // `at`, `by` or `change` twice
                    changes = try entryChanges(from: k, seen: seen | k.rawValue, owner: owner)
                    break members
                }
                if bit < seen { canon = false }
                seen |= bit
                if try endOfMember(closingIndent: 8) { break }
            }
        }
        try expect(UInt8(ascii: "}"))
        guard let at, let change else { throw GiveUp() }
        if by == nil { canon = false }
        return HistoryEntry(at: at, by: by ?? "", change: change, changes: changes)
    }

    /// A member's key up to its value (`"key": `), at `indent` in the writer's layout, noted in `seen`: given
    /// twice it gives up, out of the writer's order it is not canonical.
    @inline(__always)
    private mutating func changeMemberKey(indent: Int, seen: inout UInt32) throws(GiveUp) -> ChangeKey {
        space(indent)
        let key = try changeKey()
        guard seen & key.rawValue == 0 else { throw GiveUp() }
        if key.rawValue < seen { canon = false }
        seen |= key.rawValue
        space(nil)
        try expect(UInt8(ascii: ":"))
        space(-1)
        return key
    }

    /// A history entry's changes: from the value of its member `first` (a change's own member or `also`) to
    /// the entry's last member. The writer puts them after `at`, `by` and `change`; an entry that has one of
    /// those after them is left to the general way. Kept out of `historyEntry`, which entries without changes
    /// go through alone.
    @inline(never)
    private mutating func entryChanges(from first: ChangeKey, seen: UInt32, owner: String?) throws(GiveUp) -> [FieldChange] {
        var change = PlanFastReader.emptyChange(), also: [FieldChange]?, seen = seen, key = first
        while true {
            switch key {
            case .at, .by, .change: throw GiveUp()
            case .also:
                also = try entries(indent: 12) { r throws(GiveUp) in try r.furtherChange() }
                if also!.isEmpty { canon = false }  // the writer leaves out an empty `also`
            default: try changeMember(key, &change, seen: seen, indent: 10, depth: 5)
            }
            if try endOfMember(closingIndent: 8) { break }
            key = try changeMemberKey(indent: 10, seen: &seen)
        }
        // The writer leaves out the id of a change to the entry's own task.
        if seen & ChangeKey.id.rawValue != 0 && change.id == owner { canon = false }
        try PlanFastReader.finish(&change, seen: seen, owner: owner)
        guard let also else { return [change] }
        return [change] + also
    }

    /// One of a history entry's further changes (`also`, members at indent 14): `id` required.
    private mutating func furtherChange() throws(GiveUp) -> FieldChange {
        try expect(UInt8(ascii: "{"))
        var change = PlanFastReader.emptyChange()
        var seen: UInt32 = 0
        if peek() != UInt8(ascii: "}") {
            while true {
                let key = try changeMemberKey(indent: 14, seen: &seen)
                try changeMember(key, &change, seen: seen, indent: 14, depth: 7)
                if try endOfMember(closingIndent: 12) { break }
            }
        }
        try expect(UInt8(ascii: "}"))
        try PlanFastReader.finish(&change, seen: seen, owner: nil)
        return change
    }

    /// The value before or after a change of `field`, as `PlanCodec.decodeValue` reads it (nil: the thing did
    /// not exist). Null, a status, a date, a number and a list of ids are read here; anything else (a note, a
    /// task, a unit … or a value of an unexpected type) is cut out and read by `JSONReader` and `decodeValue`
    /// — the value a member at `indent` of an object at `JSONReader` depth `depth` — and is canonical when
    /// its bytes are those `JSONWriter` writes for it. A value `decodeValue` does not take gives up.
    private mutating func changeValue(_ field: PlanField, indent: Int, depth: Int) throws(GiveUp) -> FieldValue? {
        guard let c = peek() else { throw GiveUp() }
        if c == UInt8(ascii: "n") {
            guard i + 4 <= bytes.count, bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "l"),
                  bytes[i + 3] == UInt8(ascii: "l") else { throw GiveUp() }
            i += 4
            switch field {
            case .due: return .due(nil)
            case .targetSpec: return .targetSpec(nil)
            default: return nil
            }
        }
        if field == .notes, c == UInt8(ascii: "{"), let note = try noteRecord(indent: indent) { return .note(note) }
        switch field {
        case .status where c == UInt8(ascii: "\""):
            guard let s = TaskStatus(rawValue: try string()) else { throw GiveUp() }
            return .status(s)
        case .due where c == UInt8(ascii: "\""):
            guard let d = Day(iso: try string()) else { throw GiveUp() }
            return .due(d)
        case .progress: return .progress(try int())
        case .target: return .achieved(try int())
        case .owners: return .owners(try strings())
        case .leads: return .leads(try strings())
        default:
            let start = i
            try skipValue(depth: depth)
            let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
            guard let v = try? JSONReader.parse(Array(text)), case let .some(value) = PlanCodec.decodeValue(v, field: field) else {
                throw GiveUp()
            }
            if canon {
                var w = JSONWriter(reserving: text.count + 16)
                w.write(PlanCodec.encodeValue(value), indent: indent)
                if !w.out.elementsEqual(text) { canon = false }
            }
            return value
        }
    }

    /// A note's record as the writer writes it (`at`, `by`, `note`, each a text, members at `indent` + 2), read
    /// in place as `PlanCodec.decodeValue` reads it; nil, with nothing read, for any other object (which
    /// `changeValue` then reads the general way).
    private mutating func noteRecord(indent: Int) throws(GiveUp) -> TaskNote? {
        let start = i, wasCanon = canon
        var at: String?, by: String?, text: String?
        let whole = try object(indent: indent + 2) { (r: inout PlanFastReader, key) throws(GiveUp) -> Int? in
            if r.peek() != UInt8(ascii: "\"") { return nil }
            if at == nil, PlanFastReader.equals(key, "at") { at = try r.string(); return 1 }
            if by == nil, PlanFastReader.equals(key, "by") { by = try r.string(); return 2 }
            if text == nil, PlanFastReader.equals(key, "note") { text = try r.string(); return 3 }
            return nil
        }
        guard whole, let at, let text else { i = start; canon = wasCanon; return nil }
        if by == nil { canon = false }
        return TaskNote(at: at, by: by ?? "", text: text)
    }

    /// A task's `carriedOver` (members at indent 8): all five members required, progress 0–100, as the
    /// general way reads it (anything else gives up, and the general way names the problem).
    private mutating func carryOver() throws(GiveUp) -> CarryOver {
        var year: Int?, file: String?, task: String?, status: TaskStatus?, progress: Int?
        let whole = try object(indent: 8) { (r: inout PlanFastReader, key) throws(GiveUp) -> Int? in
            if year == nil, PlanFastReader.equals(key, "year") { year = try r.int(); return 1 }
            if file == nil, PlanFastReader.equals(key, "file") { file = try r.string(); return 2 }
            if task == nil, PlanFastReader.equals(key, "task") { task = try r.string(); return 3 }
            if status == nil, PlanFastReader.equals(key, "status") {
                guard let s = TaskStatus(rawValue: try r.string()) else { throw GiveUp() }
                status = s
                return 4
            }
            if progress == nil, PlanFastReader.equals(key, "progress") { progress = try r.int(); return 5 }
            return nil
        }
        guard whole else { throw GiveUp() }
        guard let year, let file, let task, let status, let progress, (0...100).contains(progress) else { throw GiveUp() }
        return CarryOver(year: year, file: file, taskID: task, status: status, progress: progress)
    }

    // MARK: Values

    /// A list of strings; canonical when it is on one line as the writer puts 1 to 12 of them.
    private mutating func strings() throws(GiveUp) -> [String] {
        try expect(UInt8(ascii: "["))
        var out: [String] = []
        space(nil)
        if peek() == UInt8(ascii: "]") { i += 1; return out }
        while true {
            out.append(try string())
            let start = i
            skipSpace()
            if peek() == UInt8(ascii: ",") {
                if i != start { canon = false }
                i += 1
                space(-1)
                continue
            }
            if i != start { canon = false }
            try expect(UInt8(ascii: "]"))
            if out.count > 12 { canon = false }
            return out
        }
    }

    /// A whole number written plainly (no fraction, exponent or leading zero), below 10⁹ in size.
    private mutating func int() throws(GiveUp) -> Int {
        var neg = false
        if peek() == UInt8(ascii: "-") { neg = true; i += 1 }
        let start = i
        var v = 0
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { v = v &* 10 &+ Int(bytes[i] &- 48); i += 1 }
        let n = i - start
        guard n > 0, n <= 9, !(n > 1 && bytes[start] == 48) else { throw GiveUp() }
        if let c = peek(), c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { throw GiveUp() }
        if neg && v == 0 { canon = false }  // written back as 0
        return neg ? -v : v
    }

    /// A string, strictly as `JSONReader` reads one (escapes, surrogate pairs, valid UTF-8, no raw controls).
    private mutating func string() throws(GiveUp) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw GiveUp() }
        i += 1
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                if canon {  // only while working out the layout
                    for k in start..<i where bytes[k] >= 0x7F && writerEscapes(at: k) { canon = false; break }
                }
                guard let s = JSONStrings.make(UnsafeBufferPointer(rebasing: bytes[start..<i])) else { throw GiveUp() }
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { canon = false; return try escapedString(from: start) }
            if c < 0x20 { throw GiveUp() }
            i += 1
        }
        throw GiveUp()
    }

    /// Whether the writer writes the character at `k` as an escape (DEL, C1 controls, U+061C, the U+20xx
    /// bidi controls and separators: `JSONWriter.appendString`), so the file's raw byte is not what it writes.
    private func writerEscapes(at k: Int) -> Bool {
        switch bytes[k] {
        case 0x7F: return true
        case 0xC2: return k + 1 < bytes.count && (0x80...0x9F).contains(bytes[k + 1])
        case 0xD8: return k + 1 < bytes.count && bytes[k + 1] == 0x9C
        case 0xE2:
            guard k + 2 < bytes.count else { return true }
            let scalar = (UInt32(bytes[k] & 0x0F) << 12) | (UInt32(bytes[k + 1] & 0x3F) << 6) | UInt32(bytes[k + 2] & 0x3F)
            return JSONWriter.mustEscape(scalar)
        default: return false
        }
    }

    private mutating func escapedString(from start: Int) throws(GiveUp) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = JSONStrings.make(scratch) else { throw GiveUp() }
                return s
            }
            if c < 0x20 { throw GiveUp() }
            guard c == UInt8(ascii: "\\") else { scratch.append(c); i += 1; continue }
            guard i + 1 < bytes.count else { throw GiveUp() }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { throw GiveUp() }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw GiveUp() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw GiveUp()
                }
                guard let u = Unicode.Scalar(scalar) else { throw GiveUp() }
                scratch.append(contentsOf: String(Character(u)).utf8)
            default:
                throw GiveUp()
            }
        }
        throw GiveUp()
    }

    private mutating func hex4() throws(GiveUp) -> UInt32 {
        guard i + 4 <= bytes.count else { throw GiveUp() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            guard let d = JSONStrings.hexDigit(c) else { throw GiveUp() }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    // MARK: Bytes

    @inline(__always)
    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    @inline(__always)
    private mutating func expect(_ c: UInt8) throws(GiveUp) {
        guard i < bytes.count, bytes[i] == c else { throw GiveUp() }
        i += 1
    }

    /// Skips white space, clearing `canon` unless it is what the writer puts there: nothing (`nil`), one
    /// space (-1), or a line break and `indent` spaces.
    @inline(__always)
    private mutating func space(_ indent: Int?) {
        guard canon else { skipSpace(); return }
        let start = i
        skipSpace()
        guard let indent else { if i != start { canon = false }; return }
        if indent < 0 {
            if i != start + 1 || bytes[start] != 0x20 { canon = false }
            return
        }
        checkSpace(from: start, indent)
    }

    /// Clears `canon` unless the bytes from `start` to here are a line break and `indent` spaces.
    private mutating func checkSpace(from start: Int, _ indent: Int) {
        guard canon else { return }
        if i != start + 1 + indent || bytes[start] != 0x0A { canon = false; return }
        var k = start + 1
        while k < i { if bytes[k] != 0x20 { canon = false; return }; k += 1 }
    }

    @inline(__always)
    private mutating func skipSpace() {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }
}

/// Where each task of a plan file is (its object's bytes) and whether those bytes are exactly what
/// `PlanWriter` writes for it: a save keeps such a task's bytes when the task has not changed.
struct TaskLayout: Sendable {
    var spans: [Range<Int>] = []
    var canonical: [Bool] = []
    /// Whether the whole file is exactly the writer's bytes of its plan (`PlanWriter.bytes`), not only its
    /// tasks: then a save that changes one task changes those bytes alone (`OneTaskSave`).
    var exact = false

    /// This layout once the bytes of task `k` are `count` long: the tasks after it move by the difference.
    func replacing(_ k: Int, count: Int) -> TaskLayout {
        var l = self
        let shift = count - spans[k].count
        l.spans[k] = spans[k].lowerBound..<spans[k].lowerBound + count
        for j in spans.indices.dropFirst(k + 1) { l.spans[j] = spans[j].lowerBound + shift..<spans[j].upperBound + shift }
        l.canonical[k] = true
        return l
    }
}
