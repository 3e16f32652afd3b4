import Foundation
import ShuangyongKit

// A history entry's changes in the plan file (PLAN-FORMAT.md, "History"): the first change as the entry's
// own members "field", "id" (left out on a task's entry about the task itself), "before", "after" and,
// when they apply, "position" and "number"; any further changes as objects of the same members in "also".
// Values are plain JSON: a status's name, a number, a date, a list of ids, a unit, task or note object
// as the plan file writes it; null is "did not exist" (or, for a due date and a target, "none").
extension PlanCodec {
    /// The members a change is written with, in order.
    static let changeKeys = ["field", "id", "before", "after", "position", "number"]

    /// The members of `changes` for a history entry of the task `owner` (nil: the plan's history).
    static func encode(_ changes: [FieldChange], owner: String?) -> [(String, JSONValue)] {
        guard let first = changes.first else { return [] }
        var m = encode(first, owner: owner)
        if changes.count > 1 { m.append(("also", .array(changes.dropFirst().map { .object(encode($0, owner: nil)) }))) }
        return m
    }

    private static func encode(_ c: FieldChange, owner: String?) -> [(String, JSONValue)] {
        var m: [(String, JSONValue)] = [("field", .string(c.field.rawValue))]
        if c.id != owner { m.append(("id", .string(c.id))) }
        m.append(("before", encodeValue(c.before)))
        m.append(("after", encodeValue(c.after)))
        if let p = c.position { m.append(("position", .number(Double(p)))) }
        if let n = c.number { m.append(("number", .number(Double(n)))) }
        return m
    }

    static func encodeValue(_ v: FieldValue?) -> JSONValue {
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        guard let v else { return .null }
        switch v {
        case let .status(s): return .string(s.rawValue)
        case let .progress(p): return .number(Double(p))
        case let .due(d): return d.map { .string($0.iso) } ?? .null
        case let .achieved(n): return .number(Double(n))
        case let .owners(o): return strings(o)
        case let .leads(l): return strings(l)
        case let .unitName(name, short): return .object([("name", .string(name)), ("short", .string(short))])
        case let .task(t): return encode(t)
        case let .planInfo(i):
            return .object([("title", .string(i.title)), ("organization", .string(i.organization)), ("year", .number(Double(i.year))),
                            ("timeZone", .string(i.timeZoneID))])
        case let .unit(u): return encode(u)
        case let .section(s): return encode(s)
        case let .phase(p): return encode(p)
        case let .activity(a): return encode(a)
        case let .taskText(title, text): return .object([("title", .string(title)), ("text", .string(text))])
        case let .taskPlace(section, phase): return .object([("section", .string(section)), ("phase", .string(phase))])
        case let .targetSpec(t):
            guard let t else { return .null }
            var m: [(String, JSONValue)] = [("required", .number(Double(t.required))), ("achieved", .number(Double(t.achieved))),
                                            ("unit", .string(t.unit))]
            if !t.label.isEmpty { m.append(("label", .string(t.label))) }
            return .object(m)
        case let .note(n):
            // "note", not "text": the record names the note without reading as a second note to anyone
            // counting `"text":` members of the file.
            return .object([("at", .string(n.at)), ("by", .string(n.by)), ("note", .string(n.text))])
        }
    }

    /// The changes of a history entry of the task `owner` (nil: the plan's), or nil when the entry has
    /// none or they cannot be read (then its members are kept as members this program does not know).
    static func decodeChanges(_ members: [(String, JSONValue)], owner: String?) -> [FieldChange]? {
        func member(_ m: [(String, JSONValue)], _ k: String) -> JSONValue? { m.first { $0.0 == k }?.1 }
        guard member(members, "field") != nil else { return nil }
        guard let first = decodeChange(members, owner: owner) else { return nil }
        var out = [first]
        if let also = member(members, "also") {
            guard case let .array(items) = also else { return nil }
            for item in items {
                // A member this program does not write makes the whole entry's changes unreadable, so they
                // are kept as written (read as changes, the member would be dropped by the next save).
                guard case let .object(m) = item, m.allSatisfy({ changeKeys.contains($0.0) }),
                      let c = decodeChange(m, owner: nil) else { return nil }
                out.append(c)
            }
        }
        return out
    }

    private static func decodeChange(_ m: [(String, JSONValue)], owner: String?) -> FieldChange? {
        func member(_ k: String) -> JSONValue? { m.first { $0.0 == k }?.1 }
        guard case let .string(f)? = member("field"), let field = PlanField(rawValue: f) else { return nil }
        let id: String
        switch member("id") {
        case let .string(s)?: id = s
        case nil where owner != nil: id = owner!
        default: return nil  // no id where one is needed, or one that is not text: kept as written
        }
        guard let bv = member("before"), let av = member("after"),
              case let .some(before) = decodeValue(bv, field: field), case let .some(after) = decodeValue(av, field: field) else { return nil }
        func int(_ k: String) -> Int?? {
            guard let v = member(k) else { return .some(nil) }
            guard case let .number(d) = v, let n = wholeNumber(d) else { return nil }
            return .some(n)
        }
        guard let position = int("position"), let number = int("number") else { return nil }
        return FieldChange(field: field, id: id, before: before, after: after, position: position, number: number)
    }

    /// A value of `field`: .some(nil) for "did not exist", nil when it cannot be read.
    static func decodeValue(_ v: JSONValue, field: PlanField) -> FieldValue?? {
        func strings() -> [String]? {
            guard case let .array(items) = v else { return nil }
            let out = items.compactMap { if case let .string(x) = $0 { return x }; return nil }
            return out.count == items.count ? out : nil
        }
        func s(_ k: String) -> String? { if case let .string(x)? = v[k] { return x }; return nil }
        func one<T>(_ read: (inout PlanDecoding, JSONValue, PlanDecoding.Path) -> T?) -> T? {
            PlanDecoding.one(v, path: "value", read)
        }
        func some(_ x: FieldValue?) -> FieldValue?? { x.map { .some($0) } ?? nil }
        switch field {
        case .due:
            if v == .null { return .some(.due(nil)) }
            guard case let .string(d) = v, let day = Day(iso: d) else { return nil }
            return .some(.due(day))
        case .targetSpec:
            if v == .null { return .some(.targetSpec(nil)) }
            guard case let .number(r)? = v["required"], let required = wholeNumber(r), case let .number(a)? = v["achieved"],
                  let achieved = wholeNumber(a), let unit = s("unit") else { return nil }
            return .some(.targetSpec(QuantifiedTarget(required: required, achieved: achieved, unit: unit, label: s("label") ?? "")))
        default:
            break
        }
        if v == .null { return .some(nil) }
        switch field {
        case .status: if case let .string(x) = v { return some(TaskStatus(rawValue: x).map { .status($0) }) }; return nil
        case .progress: if case let .number(x) = v { return some(wholeNumber(x).map { .progress($0) }) }; return nil
        case .target: if case let .number(x) = v { return some(wholeNumber(x).map { .achieved($0) }) }; return nil
        case .owners: return some(strings().map { .owners($0) })
        case .leads: return some(strings().map { .leads($0) })
        case .unitName:
            guard let name = s("name"), let short = s("short") else { return nil }
            return .some(.unitName(name: name, short: short))
        case .plan:
            guard let title = s("title"), case let .number(y)? = v["year"], let year = wholeNumber(y), let zone = s("timeZone") else { return nil }
            return .some(.planInfo(PlanInfo(title: title, organization: s("organization") ?? "", year: year, timeZoneID: zone)))
        case .task: return some(decodeTask(v, path: "value").task.map { .task($0) })
        case .unit: return some(one { $0.unit($1, $2) }.map { .unit($0) })
        case .section: return some(one { $0.section($1, $2) }.map { .section($0) })
        case .phase: return some(one { $0.phase($1, $2) }.map { .phase($0) })
        case .activity: return some(one { $0.activity($1, $2) }.map { .activity($0) })
        case .taskText:
            guard let title = s("title"), let text = s("text") else { return nil }
            return .some(.taskText(title: title, text: text))
        case .taskPlace:
            guard let section = s("section"), let phase = s("phase") else { return nil }
            return .some(.taskPlace(section: section, phase: phase))
        case .notes:
            guard let at = s("at"), let text = s("note") ?? s("text") else { return nil }
            return .some(.note(TaskNote(at: at, by: s("by") ?? "", text: text)))
        case .due, .targetSpec: return nil
        }
    }
}
