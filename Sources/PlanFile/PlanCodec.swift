import Foundation
import ShuangyongKit

/// Converts between `Plan` and the plan-file JSON (format documented in `docs/plan-format.md`).
///
/// Decoding never stops at the first problem: it collects every problem with its path and id, so
/// `shuangyong validate` lists them all at once.
public enum PlanCodec {
    public static let formatName = "shuangyong-plan"

    // MARK: Decoding

    /// Decodes a plan, or returns every problem found (never an empty list on failure).
    public static func decode(_ root: JSONValue) -> (plan: Plan?, problems: [PlanProblem]) {
        let (plan, problems, _) = decodeReporting(root)
        return (plan, problems)
    }

    /// Decodes a plan like `decode`, and says where the members this program does not know are: they are
    /// kept in the plan (`UnknownMembers`) and written back in place by `encode`.
    public static func decodeReporting(_ root: JSONValue) -> (plan: Plan?, problems: [PlanProblem], unknownMembers: [MemberPlace]) {
        var d = PlanDecoding()
        let plan = d.plan(root)
        if d.problems.isEmpty, let plan { return (plan, [], d.unknownPlaces) }
        return (nil, d.problems.isEmpty ? [PlanProblem(path: "$", message: "not a plan")] : d.problems, d.unknownPlaces)
    }

    /// Decodes one task as `encode(_: PlanTask)` writes it (the recovery file keeps tasks this way),
    /// with the problems found; `path` prefixes the problems' paths.
    static func decodeTask(_ json: JSONValue, path: String) -> (task: PlanTask?, problems: [PlanProblem]) {
        var d = PlanDecoding()
        let task = d.task(json, PlanDecoding.Path(path))
        return (d.problems.isEmpty ? task : nil, d.problems)
    }

    /// A JSON number as an Int when it is whole and below 10⁹ in size (beyond any count a plan holds);
    /// nil otherwise. Every JSON number that becomes an Int goes through here: `Int(1e20)` would trap.
    static func wholeNumber(_ d: Double) -> Int? {
        d == d.rounded() && abs(d) < 1e9 ? Int(d) : nil
    }

    // MARK: Known members

    // The members each object of the file may have, in the order `encode` writes them. Any other member
    // is kept as an `UnknownMembers.Member` and written back after the known member it followed.
    static let planKeys = ["format", "version", "title", "organization", "year", "timeZone", "note", "sample", "people",
                           "units", "phases", "sections", "tasks", "activities", "history"]
    static let unitKeys = ["id", "name", "short", "kind"]
    static let phaseKeys = ["id", "name", "start", "end", "summary"]
    static let sectionKeys = ["id", "number", "title", "lead", "responsible"]
    static let taskKeys = ["id", "section", "number", "title", "text", "phase", "lead", "owners", "due", "status", "progress",
                           "target", "carriedOver", "notes", "history"]
    static let carryOverKeys = ["year", "file", "task", "status", "progress"]
    static let targetKeys = ["required", "achieved", "unit", "label"]
    static let noteKeys = ["at", "by", "text"]
    static let historyKeys = ["at", "by", "change"]
    /// A history entry's members when its changes are read (HistoryChanges.swift).
    static let historyChangeKeys = historyKeys + changeKeys + ["also"]
    static let activityKeys = ["id", "title", "kind", "units", "rule", "summary"]
    /// A rule's members depend on its type.
    static func ruleKeys(_ type: String) -> [String] {
        switch type {
        case "yearly", "lunar": return ["type", "month", "day"]
        case "months": return ["type", "months"]
        case "once": return ["type", "date"]
        case "range": return ["type", "start", "end"]
        case "nth-weekday": return ["type", "month", "n", "weekday"]
        default: return ["type"]
        }
    }

    /// An object of `known` members in the writer's order, with `unknown` put back where they were: each
    /// after the known member it followed in the file (or, when that one is not written now, after the
    /// nearest one before it in `order`), those that came first at the start.
    static func object(_ known: [(String, JSONValue)], _ unknown: UnknownMembers, order: [String]) -> JSONValue {
        guard !unknown.isEmpty else { return .object(known) }
        let written = Set(known.map(\.0))
        func anchor(_ after: String?) -> String? {
            guard let after else { return nil }
            if written.contains(after) { return after }
            guard let k = order.firstIndex(of: after) else { return known.last?.0 }
            return order[..<k].last { written.contains($0) }
        }
        var leading: [(String, JSONValue)] = []
        var following: [String: [(String, JSONValue)]] = [:]
        for m in unknown.members {
            // The text was written by `JSONWriter` when the file was read, so it parses.
            let value = (try? JSONReader.parse(Array(m.json.utf8))) ?? .string(m.json)
            if let a = anchor(m.after) { following[a, default: []].append((m.key, value)) } else { leading.append((m.key, value)) }
        }
        var out = leading
        for member in known {
            out.append(member)
            if let extra = following[member.0] { out += extra }
        }
        return .object(out)
    }

    // MARK: Encoding

    public static func encode(_ plan: Plan) -> JSONValue {
        encode(plan, tasks: .array(plan.tasks.map(encode)))
    }

    /// `encode(plan)` with `tasks` as the value of its `tasks` member (`PlanWriter` writes the tasks itself).
    static func encode(_ plan: Plan, tasks: JSONValue) -> JSONValue {
        var root: [(String, JSONValue)] = [
            ("format", .string(formatName)),
            ("version", .number(Double(Plan.schemaVersion))),
            ("title", .string(plan.title)),
            ("organization", .string(plan.organization)),
            ("year", .number(Double(plan.year))),
            ("timeZone", .string(plan.timeZoneID)),
        ]
        if let note = plan.note { root.append(("note", .string(note))) }
        if plan.isSample { root.append(("sample", .bool(true))) }
        if !plan.people.isEmpty { root.append(("people", strings(plan.people))) }
        root.append(("units", .array(plan.units.map(encode))))
        root.append(("phases", .array(plan.phases.map(encode))))
        root.append(("sections", .array(plan.sections.map(encode))))
        root.append(("tasks", tasks))
        root.append(("activities", .array(plan.activities.map(encode))))
        if !plan.history.isEmpty { root.append(("history", .array(plan.history.map { encode($0, owner: nil) }))) }
        return object(root, plan.unknownMembers, order: planKeys)
    }

    private static func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }

    static func encode(_ u: ShuangyongKit.Unit) -> JSONValue {
        object([("id", .string(u.id)), ("name", .string(u.name)), ("short", .string(u.shortName)),
                ("kind", .string(u.kind.rawValue))], u.unknownMembers, order: unitKeys)
    }

    static func encode(_ p: Phase) -> JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(p.id)), ("name", .string(p.name)),
                                        ("start", .string(p.start.iso)), ("end", .string(p.end.iso))]
        if !p.summary.isEmpty { m.append(("summary", .string(p.summary))) }
        return object(m, p.unknownMembers, order: phaseKeys)
    }

    static func encode(_ s: Section) -> JSONValue {
        object([("id", .string(s.id)), ("number", .number(Double(s.number))), ("title", .string(s.title)),
                ("lead", strings(s.leadUnits)), ("responsible", strings(s.responsibleUnits))], s.unknownMembers, order: sectionKeys)
    }

    static func encode(_ t: PlanTask) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .string(t.id)), ("section", .string(t.sectionID)), ("number", .number(Double(t.number))),
            ("title", .string(t.title)), ("text", .string(t.text)), ("phase", .string(t.phaseID)),
        ]
        if !t.leadUnits.isEmpty { m.append(("lead", strings(t.leadUnits))) }
        if !t.ownerUnits.isEmpty { m.append(("owners", strings(t.ownerUnits))) }
        if let due = t.due { m.append(("due", .string(due.iso))) }
        m.append(("status", .string(t.status.rawValue)))
        m.append(("progress", .number(Double(t.progress))))
        if let g = t.target {
            var tm: [(String, JSONValue)] = [("required", .number(Double(g.required))),
                                             ("achieved", .number(Double(g.achieved))), ("unit", .string(g.unit))]
            if !g.label.isEmpty { tm.append(("label", .string(g.label))) }
            m.append(("target", object(tm, g.unknownMembers, order: targetKeys)))
        }
        if let c = t.carriedOver {
            m.append(("carriedOver", object([("year", .number(Double(c.year))), ("file", .string(c.file)), ("task", .string(c.taskID)),
                                             ("status", .string(c.status.rawValue)), ("progress", .number(Double(c.progress)))],
                                            c.unknownMembers, order: carryOverKeys)))
        }
        if !t.notes.isEmpty {
            m.append(("notes", .array(t.notes.map {
                object([("at", .string($0.at)), ("by", .string($0.by)), ("text", .string($0.text))], $0.unknownMembers, order: noteKeys)
            })))
        }
        if !t.history.isEmpty { m.append(("history", .array(t.history.map { encode($0, owner: t.id) }))) }
        return object(m, t.unknownMembers, order: taskKeys)
    }

    /// A history entry of the task `owner` (nil: of the plan), with its changes (HistoryChanges.swift).
    static func encode(_ h: HistoryEntry, owner: String?) -> JSONValue {
        object([("at", .string(h.at)), ("by", .string(h.by)), ("change", .string(h.change))] + encode(h.changes, owner: owner),
               h.unknownMembers, order: h.changes.isEmpty ? historyKeys : historyChangeKeys)
    }

    static func encode(_ a: Activity) -> JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(a.id)), ("title", .string(a.title)),
                                        ("kind", .string(a.kind.rawValue))]
        if !a.units.isEmpty { m.append(("units", strings(a.units))) }
        m.append(("rule", encode(a.rule, unknownMembers: a.ruleUnknownMembers)))
        if !a.summary.isEmpty { m.append(("summary", .string(a.summary))) }
        return object(m, a.unknownMembers, order: activityKeys)
    }

    static func encode(_ r: Recurrence, unknownMembers: UnknownMembers = UnknownMembers()) -> JSONValue {
        guard case let .object(known) = encodeRule(r), case let .string(type)? = known.first?.1 else { return encodeRule(r) }
        return object(known, unknownMembers, order: ruleKeys(type))
    }

    private static func encodeRule(_ r: Recurrence) -> JSONValue {
        func n(_ v: Int) -> JSONValue { .number(Double(v)) }
        switch r {
        case let .yearly(month, day): return .object([("type", .string("yearly")), ("month", n(month)), ("day", n(day))])
        case let .lunar(month, day): return .object([("type", .string("lunar")), ("month", n(month)), ("day", n(day))])
        case let .months(ms): return .object([("type", .string("months")), ("months", .array(ms.map(n)))])
        case .halfYearly: return .object([("type", .string("half-yearly"))])
        case let .once(d): return .object([("type", .string("once")), ("date", .string(d.iso))])
        case let .range(a, b):
            return .object([("type", .string("range")), ("start", .string(a.iso)), ("end", .string(b.iso))])
        case let .nthWeekday(month, k, weekday):
            return .object([("type", .string("nth-weekday")), ("month", n(month)), ("n", n(k)), ("weekday", n(weekday))])
        }
    }
}

/// The decoding pass: reads fields with their paths and collects problems.
struct PlanDecoding {
    var problems: [PlanProblem] = []
    /// Whether the plan's time zone is looked up, to report one that does not exist. A snapshot's plan
    /// was checked when the snapshot was made (only a plan without problems gets one), and the lookup is
    /// ICU's: its time-zone tables, half a megabyte of a report's memory at 20,000 tasks.
    var checksTimeZone = true
    /// Where members this program does not know were found (they are kept in the plan).
    var unknownPlaces: [MemberPlace] = []

    private mutating func problem(_ path: String, _ id: String?, _ message: String) {
        problems.append(PlanProblem(path: path, id: id, message: message))
    }

    /// Where an object is in the file, e.g. `tasks[3].notes[0]`, spelled out only for a problem's message:
    /// every object of a plan has one and almost none of them has a problem.
    /// Reads one unit, section, phase, activity or task (as the plan file writes it, e.g. inside the
    /// recovery file or a history record) with the plan file's own decoder; nil on any problem.
    static func one<T>(_ v: JSONValue, path: String, _ read: (inout PlanDecoding, JSONValue, Path) -> T?) -> T? {
        var d = PlanDecoding()
        let value = read(&d, v, Path(path))
        return d.problems.isEmpty ? value : nil
    }

    struct Path: CustomStringConvertible {
        var head: String
        var index = -1
        var member = ""
        var memberIndex = -1

        init(_ head: String, index: Int = -1) {
            self.head = head
            self.index = index
        }

        /// The path of a member object (`.target`), or of an item of a member list (`.notes[2]`).
        func appending(_ member: String, index: Int = -1) -> Path {
            var p = self
            if !p.member.isEmpty { p = Path(p.description) }
            p.member = member
            p.memberIndex = index
            return p
        }

        var isEmpty: Bool { head.isEmpty && index < 0 && member.isEmpty }

        var description: String {
            var s = head
            if index >= 0 { s += "[\(index)]" }
            if !member.isEmpty { s += "." + member }
            if memberIndex >= 0 { s += "[\(memberIndex)]" }
            return s
        }
    }

    /// A view of one JSON object with its path, for reading fields.
    struct Obj {
        let members: [(String, JSONValue)]
        let path: Path
        let id: String?

        /// The path of a member: `tasks[3].progress`, or just `title` at the top.
        func field(_ key: String) -> String { path.isEmpty ? key : path.description + "." + key }

        func value(_ key: String) -> JSONValue? {
            for m in members where m.0 == key { return m.1 }
            return nil
        }
    }

    /// The members of `o` not among `known` (which lists the members its type may have), in file order,
    /// each with the known member it followed; their places are noted for `validate`.
    private mutating func unknown(_ o: Obj, _ known: [String]) -> UnknownMembers {
        guard o.members.contains(where: { !known.contains($0.0) }) else { return UnknownMembers() }
        var out: [UnknownMembers.Member] = []
        var last: String?
        for (key, value) in o.members {
            if known.contains(key) { last = key; continue }
            let json = String(decoding: JSONWriter.bytes(value).dropLast(), as: UTF8.self)
            out.append(UnknownMembers.Member(key: key, json: json, after: last))
            unknownPlaces.append(MemberPlace(path: o.field(key), id: o.id))
        }
        return UnknownMembers(out)
    }

    private mutating func object(_ v: JSONValue, _ path: Path) -> Obj? {
        guard case let .object(m) = v else { problem(path.description, nil, "expected an object, found \(v.typeName)"); return nil }
        var id: String?
        for (k, val) in m where k == "id" { if case let .string(s) = val { id = s } }
        return Obj(members: m, path: path, id: id)
    }

    private mutating func string(_ o: Obj, _ key: String, required: Bool = true) -> String? {
        guard let v = o.value(key) else {
            if required { problem(o.field(key), o.id, "missing (a text is required)") }
            return nil
        }
        guard case let .string(s) = v else { problem(o.field(key), o.id, "expected a text, found \(v.typeName)"); return nil }
        return s
    }

    private mutating func int(_ o: Obj, _ key: String, required: Bool = true) -> Int? {
        guard let v = o.value(key) else {
            if required { problem(o.field(key), o.id, "missing (a whole number is required)") }
            return nil
        }
        guard case let .number(d) = v, let n = PlanCodec.wholeNumber(d) else {
            problem(o.field(key), o.id, "expected a whole number, found \(v.typeName == "a number" ? "a fraction or a huge number" : v.typeName)")
            return nil
        }
        return n
    }

    private mutating func day(_ o: Obj, _ key: String, required: Bool = true) -> Day? {
        guard let s = string(o, key, required: required) else { return nil }
        guard let d = Day(iso: s) else {
            problem(o.field(key), o.id, "\"\(s)\" is not a date (expected YYYY-MM-DD, a real calendar day)")
            return nil
        }
        return d
    }

    private mutating func stringList(_ o: Obj, _ key: String) -> [String] {
        guard let v = o.value(key) else { return [] }
        guard case let .array(items) = v else { problem(o.field(key), o.id, "expected a list of texts, found \(v.typeName)"); return [] }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            if case let .string(s) = item { out.append(s) }
            else { problem("\(o.path).\(key)[\(k)]", o.id, "expected a text, found \(item.typeName)") }
        }
        return out
    }

    /// The items of a top-level list with their paths; records the key in `unreadable` when it is not a list.
    private mutating func list(_ o: Obj, _ key: String, _ unreadable: inout Set<String>) -> [(JSONValue, Path)] {
        guard let v = o.value(key) else {
            problem(o.field(key), nil, "missing (a list is required)")
            unreadable.insert(key)
            return []
        }
        guard case let .array(items) = v else {
            problem(o.field(key), nil, "expected a list, found \(v.typeName)")
            unreadable.insert(key)
            return []
        }
        return items.enumerated().map { ($1, Path(key, index: $0)) }
    }

    private mutating func enumValue<E: RawRepresentable & CaseIterable>(_ o: Obj, _ key: String, _ type: E.Type,
                                                                       default def: E? = nil) -> E? where E.RawValue == String {
        guard let s = string(o, key, required: def == nil) else { return def }
        guard let e = E(rawValue: s) else {
            let allowed = E.allCases.map { $0.rawValue }.joined(separator: ", ")
            problem(o.field(key), o.id, "unknown \(key) \"\(s)\" (allowed: \(allowed))")
            return nil
        }
        return e
    }

    mutating func plan(_ root: JSONValue) -> Plan? {
        guard let o = object(root, Path("$")) else { return nil }
        if let f = o.value("format"), f != .string(PlanCodec.formatName) {
            problem("format", nil, "this is not a Shuangyong plan file (format is not \"\(PlanCodec.formatName)\")")
        }
        let version = int(o, "version")
        if let version, version > Plan.schemaVersion {
            problem("version", nil, "the file is version \(version); this program reads up to version \(Plan.schemaVersion) (update Shuangyong)")
            return nil
        } else if let version, version < 1 {
            problem("version", nil, "version must be 1 or more")
        }
        let top = Obj(members: o.members, path: Path(""), id: nil)
        let title = string(top, "title") ?? ""
        let organization = string(top, "organization", required: false) ?? ""
        // A missing year is reported once, as missing; its range is checked with every other date's.
        let year = int(top, "year") ?? PlanDates.years.lowerBound
        let zone = string(top, "timeZone", required: false) ?? "Asia/Shanghai"
        if checksTimeZone, TimeZone(identifier: zone) == nil { problem("timeZone", nil, "unknown time zone \"\(zone)\" (e.g. Asia/Shanghai)") }
        let note = string(top, "note", required: false)
        var isSample = false
        if let v = top.value("sample") {
            if case let .bool(b) = v { isSample = b } else { problem("sample", nil, "expected true or false, found \(v.typeName)") }
        }

        var plan = Plan(title: title, organization: organization, year: year, timeZoneID: zone, note: note, isSample: isSample)
        plan.unknownMembers = unknown(top, PlanCodec.planKeys)
        plan.people = stringList(top, "people")
        var unreadable = Set<String>()
        plan.units = list(top, "units", &unreadable).compactMap { unit($0, $1) }
        plan.phases = list(top, "phases", &unreadable).compactMap { phase($0, $1) }
        plan.sections = list(top, "sections", &unreadable).compactMap { section($0, $1) }
        plan.tasks = list(top, "tasks", &unreadable).compactMap { task($0, $1) }
        plan.activities = top.value("activities") == nil ? [] : list(top, "activities", &unreadable).compactMap { activity($0, $1) }
        plan.history = historyEntries(top, owner: nil)
        // References into a list that could not be read at all would only repeat that one problem.
        problems += PlanValidation.problems(in: plan, unreadableLists: unreadable)
        return plan
    }

    mutating func unit(_ v: JSONValue, _ path: Path) -> ShuangyongKit.Unit? {
        guard let o = object(v, path) else { return nil }
        guard let id = string(o, "id"), let name = string(o, "name") else { return nil }
        let short = string(o, "short", required: false)
        let kind = enumValue(o, "kind", UnitKind.self, default: .other) ?? .other
        var u = Unit(id: id, name: name, shortName: short, kind: kind)
        u.unknownMembers = unknown(o, PlanCodec.unitKeys)
        return u
    }

    mutating func phase(_ v: JSONValue, _ path: Path) -> Phase? {
        guard let o = object(v, path) else { return nil }
        let id = string(o, "id"), name = string(o, "name"), start = day(o, "start"), end = day(o, "end")
        guard let id, let name, let start, let end else { return nil }
        var p = Phase(id: id, name: name, start: start, end: end, summary: string(o, "summary", required: false) ?? "")
        p.unknownMembers = unknown(o, PlanCodec.phaseKeys)
        return p
    }

    mutating func section(_ v: JSONValue, _ path: Path) -> Section? {
        guard let o = object(v, path) else { return nil }
        let id = string(o, "id"), number = int(o, "number"), title = string(o, "title")
        guard let id, let number, let title else { return nil }
        var s = Section(id: id, number: number, title: title, leadUnits: stringList(o, "lead"),
                        responsibleUnits: stringList(o, "responsible"))
        s.unknownMembers = unknown(o, PlanCodec.sectionKeys)
        return s
    }

    mutating func task(_ v: JSONValue, _ path: Path) -> PlanTask? {
        guard let o = object(v, path) else { return nil }
        let id = string(o, "id"), section = string(o, "section"), number = int(o, "number")
        let title = string(o, "title"), phase = string(o, "phase")
        let text = string(o, "text", required: false) ?? title ?? ""
        let lead = stringList(o, "lead")
        let owners = stringList(o, "owners")
        let due = day(o, "due", required: false)
        let status = enumValue(o, "status", TaskStatus.self, default: .notStarted)
        let progress = int(o, "progress", required: false) ?? 0
        var target: QuantifiedTarget?
        if let tv = o.value("target"), let to = object(tv, path.appending("target")) {
            let t2 = Obj(members: to.members, path: to.path, id: o.id)
            if let req = int(t2, "required"), let unit = string(t2, "unit") {
                let achieved = int(t2, "achieved", required: false) ?? 0
                if req < 0 { problem("\(t2.path).required", o.id, "must not be negative") }
                if achieved < 0 { problem("\(t2.path).achieved", o.id, "must not be negative") }
                target = QuantifiedTarget(required: req, achieved: achieved, unit: unit,
                                          label: string(t2, "label", required: false) ?? "")
                target?.unknownMembers = unknown(t2, PlanCodec.targetKeys)
            }
        }
        var carriedOver: CarryOver?
        if let cv = o.value("carriedOver"), let co = object(cv, path.appending("carriedOver")) {
            let c = Obj(members: co.members, path: co.path, id: o.id)
            let year = int(c, "year"), file = string(c, "file"), from = string(c, "task")
            let status = enumValue(c, "status", TaskStatus.self), progress = int(c, "progress")
            if let year, let file, let from, let status, let progress {
                if !(0...100).contains(progress) { problem("\(c.path).progress", o.id, "progress \(progress) is out of range (0–100)") }
                carriedOver = CarryOver(year: year, file: file, taskID: from, status: status, progress: progress)
                carriedOver?.unknownMembers = unknown(c, PlanCodec.carryOverKeys)
            }
        }
        let notes: [TaskNote] = entries(o, "notes").compactMap { e in
            guard let at = string(e, "at"), let text = string(e, "text") else { return nil }
            var note = TaskNote(at: at, by: string(e, "by", required: false) ?? "", text: text)
            note.unknownMembers = unknown(e, PlanCodec.noteKeys)
            return note
        }
        let history = historyEntries(o, owner: id)
        guard let id, let section, let number, let title, let phase, let status else { return nil }
        var task = PlanTask(id: id, sectionID: section, number: number, title: title, text: text, phaseID: phase,
                            ownerUnits: owners, due: due, status: status, progress: progress, target: target,
                            notes: notes, history: history)
        task.leadUnits = lead
        task.carriedOver = carriedOver
        task.unknownMembers = unknown(o, PlanCodec.taskKeys)
        return task
    }

    /// The `history` list of the task `owner` or (nil) of the plan (留痕). Changes that cannot be read are
    /// kept as members this program does not know.
    private mutating func historyEntries(_ o: Obj, owner: String?) -> [HistoryEntry] {
        entries(o, "history").compactMap { e in
            guard let at = string(e, "at"), let change = string(e, "change") else { return nil }
            let changes = PlanCodec.decodeChanges(e.members, owner: owner)
            var entry = HistoryEntry(at: at, by: string(e, "by", required: false) ?? "", change: change, changes: changes ?? [])
            entry.unknownMembers = unknown(e, changes == nil ? PlanCodec.historyKeys : PlanCodec.historyChangeKeys)
            return entry
        }
    }

    private mutating func entries(_ o: Obj, _ key: String) -> [Obj] {
        guard let v = o.value(key) else { return [] }
        guard case let .array(items) = v else { problem(o.field(key), o.id, "expected a list, found \(v.typeName)"); return [] }
        return items.enumerated().compactMap { k, item in
            guard let e = object(item, o.path.appending(key, index: k)) else { return nil }
            return Obj(members: e.members, path: e.path, id: o.id)
        }
    }

    mutating func activity(_ v: JSONValue, _ path: Path) -> Activity? {
        guard let o = object(v, path) else { return nil }
        let id = string(o, "id"), title = string(o, "title")
        let kind = enumValue(o, "kind", ActivityKind.self, default: .other) ?? .other
        let units = stringList(o, "units")
        guard let rv = o.value("rule") else { problem("\(path).rule", o.id, "missing (when does it happen?)"); return nil }
        guard let ro = object(rv, path.appending("rule")) else { return nil }
        let r = Obj(members: ro.members, path: ro.path, id: o.id)
        guard let type = string(r, "type") else { return nil }
        var rule: Recurrence?
        func month(_ key: String = "month") -> Int? {
            guard let m = int(r, key) else { return nil }
            guard (1...12).contains(m) else { problem(r.field(key), o.id, "month \(m) is not 1–12"); return nil }
            return m
        }
        switch type {
        case "yearly":
            if let m = month(), let d = int(r, "day") {
                if (1...Day.daysIn(month: m, year: 2024)).contains(d) { rule = .yearly(month: m, day: d) }
                else { problem("\(r.path).day", o.id, "\(m)/\(d) is not a day of the year") }
            }
        case "lunar":
            if let m = month(), let d = int(r, "day") {
                if (1...30).contains(d) { rule = .lunar(month: m, day: d) }
                else { problem("\(r.path).day", o.id, "lunar day \(d) is not 1–30") }
            }
        case "months":
            guard case let .array(items)? = r.value("months"), !items.isEmpty else {
                problem("\(r.path).months", o.id, "expected a non-empty list of months 1–12"); break
            }
            var ms: [Int] = []
            for (k, item) in items.enumerated() {
                if case let .number(d) = item, let m = PlanCodec.wholeNumber(d), (1...12).contains(m) { ms.append(m) }
                else { problem("\(r.path).months[\(k)]", o.id, "expected a month 1–12") }
            }
            if ms.count == items.count { rule = .months(ms) }
        case "half-yearly":
            rule = .halfYearly
        case "once":
            if let d = day(r, "date") { rule = .once(d) }
        case "range":
            if let a = day(r, "start"), let b = day(r, "end") {
                if b < a { problem("\(r.path).end", o.id, "ends (\(b)) before it starts (\(a))") }
                else { rule = .range(a, b) }
            }
        case "nth-weekday":
            if let m = month(), let k = int(r, "n"), let w = int(r, "weekday") {
                if !(1...5).contains(k) { problem("\(r.path).n", o.id, "\(k) is not 1–5 (which week of the month)") }
                else if !(1...7).contains(w) { problem("\(r.path).weekday", o.id, "\(w) is not 1–7 (1 = Monday … 7 = Sunday)") }
                else { rule = .nthWeekday(month: m, n: k, weekday: w) }
            }
        default:
            problem("\(r.path).type", o.id, "unknown rule type \"\(type)\" (allowed: yearly, lunar, months, half-yearly, once, range, nth-weekday)")
        }
        guard let id, let title, let rule else { return nil }
        var activity = Activity(id: id, title: title, kind: kind, units: units, rule: rule,
                                summary: string(o, "summary", required: false) ?? "")
        activity.unknownMembers = unknown(o, PlanCodec.activityKeys)
        activity.ruleUnknownMembers = unknown(r, PlanCodec.ruleKeys(type))
        return activity
    }
}

/// Where a member of the plan file that this program does not know was found, e.g. `tasks[0].xBudget`
/// (id "t1"). Such members are kept and written back in place by every save.
public struct MemberPlace: Equatable, Sendable, CustomStringConvertible {
    /// JSON path of the member, e.g. `units[0].xPhone`.
    public var path: String
    /// The id of the unit, phase, section, task or activity it belongs to, when it has one.
    public var id: String?

    public init(path: String, id: String? = nil) {
        self.path = path
        self.id = id
    }

    public var description: String { id.map { "\(path) (id \"\($0)\")" } ?? path }
}
