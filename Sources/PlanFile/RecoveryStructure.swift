import Foundation
import ShuangyongKit

// Structure edits in the recovery file: units, sections, phases, activities and tasks are written with the
// plan file's own encoders and read back with its own decoders, so a change that could not be saved is
// kept exactly as it would have been saved.
extension RecoveryFile {
    static func encode(_ s: StructureEdit) -> JSONValue {
        func n(_ i: Int) -> JSONValue { .number(Double(i)) }
        func at(_ k: Int?) -> JSONValue { k.map(n) ?? .null }
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        func str(_ x: String?) -> JSONValue { x.map { .string($0) } ?? .null }
        switch s {
        case let .setPlanInfo(i): return .object([("op", .string("setPlanInfo")), ("info", encodeInfo(i))])
        case let .putUnit(u, k): return .object([("op", .string("putUnit")), ("data", PlanCodec.encode(u)), ("at", at(k))])
        case let .removeUnit(id, into): return .object([("op", .string("removeUnit")), ("id", .string(id)), ("into", str(into))])
        case let .putSection(x, k): return .object([("op", .string("putSection")), ("data", PlanCodec.encode(x)), ("at", at(k))])
        case let .removeSection(id): return .object([("op", .string("removeSection")), ("id", .string(id))])
        case let .putPhase(p, k): return .object([("op", .string("putPhase")), ("data", PlanCodec.encode(p)), ("at", at(k))])
        case let .removePhase(id, to): return .object([("op", .string("removePhase")), ("id", .string(id)), ("into", str(to))])
        case let .putActivity(a, k): return .object([("op", .string("putActivity")), ("data", PlanCodec.encode(a)), ("at", at(k))])
        case let .removeActivity(id): return .object([("op", .string("removeActivity")), ("id", .string(id))])
        case let .setTaskText(id, title, text):
            return .object([("op", .string("setTaskText")), ("id", .string(id)), ("title", .string(title)), ("text", .string(text))])
        case let .moveTask(id, section, phase):
            return .object([("op", .string("moveTask")), ("id", .string(id)), ("section", .string(section)), ("phase", .string(phase))])
        case let .setTaskLeads(id, leads): return .object([("op", .string("setTaskLeads")), ("id", .string(id)), ("lead", strings(leads))])
        case let .setTarget(id, t): return .object([("op", .string("setTarget")), ("id", .string(id)), ("target", encodeTarget(t))])
        }
    }

    static func structureEdit(_ v: JSONValue) -> StructureEdit? {
        func s(_ k: String) -> String? { if case let .string(x)? = v[k] { return x }; return nil }
        func at() -> Int? { if case let .number(x)? = v["at"] { return PlanCodec.wholeNumber(x) }; return nil }
        guard let op = s("op") else { return nil }
        let data = v["data"]
        switch op {
        case "setPlanInfo": return v["info"].flatMap(info).map { .setPlanInfo($0) }
        case "putUnit": return data.flatMap { one($0) { $0.unit($1, $2) } }.map { .putUnit($0, at: at()) }
        case "removeUnit": return s("id").map { .removeUnit(unitID: $0, reassignTo: s("into")) }
        case "putSection": return data.flatMap { one($0) { $0.section($1, $2) } }.map { .putSection($0, at: at()) }
        case "removeSection": return s("id").map { .removeSection(sectionID: $0) }
        case "putPhase": return data.flatMap { one($0) { $0.phase($1, $2) } }.map { .putPhase($0, at: at()) }
        case "removePhase": return s("id").map { .removePhase(phaseID: $0, moveTasksTo: s("into")) }
        case "putActivity": return data.flatMap { one($0) { $0.activity($1, $2) } }.map { .putActivity($0, at: at()) }
        case "removeActivity": return s("id").map { .removeActivity(activityID: $0) }
        case "setTaskText":
            guard let id = s("id"), let title = s("title"), let text = s("text") else { return nil }
            return .setTaskText(taskID: id, title: title, text: text)
        case "moveTask":
            guard let id = s("id"), let section = s("section"), let phase = s("phase") else { return nil }
            return .moveTask(taskID: id, sectionID: section, phaseID: phase)
        case "setTaskLeads":
            guard let id = s("id"), let leads = strings(v["lead"]) else { return nil }
            return .setTaskLeads(taskID: id, leads)
        case "setTarget":
            guard let id = s("id"), let t = v["target"] else { return nil }
            if t == .null { return .setTarget(taskID: id, nil) }
            guard let target = target(t) else { return nil }
            return .setTarget(taskID: id, target)
        default: return nil
        }
    }

    static func encodeStructureValue(_ f: FieldValue) -> JSONValue {
        func strings(_ a: [String]) -> JSONValue { .array(a.map { .string($0) }) }
        switch f {
        case let .planInfo(i): return .object([("planInfo", encodeInfo(i))])
        case let .unit(u): return .object([("unitData", PlanCodec.encode(u))])
        case let .section(s): return .object([("sectionData", PlanCodec.encode(s))])
        case let .phase(p): return .object([("phaseData", PlanCodec.encode(p))])
        case let .activity(a): return .object([("activityData", PlanCodec.encode(a))])
        case let .taskText(title, text): return .object([("taskText", .object([("title", .string(title)), ("text", .string(text))]))])
        case let .taskPlace(section, phase): return .object([("taskPlace", .object([("section", .string(section)), ("phase", .string(phase))]))])
        case let .leads(l): return .object([("leads", strings(l))])
        case let .targetSpec(t): return .object([("targetSpec", encodeTarget(t))])
        case let .note(n): return .object([("note", .object([("at", .string(n.at)), ("by", .string(n.by)), ("text", .string(n.text))]))])
        case .status, .progress, .due, .achieved, .owners, .unitName, .task: return .null  // written by `encode(_: FieldValue)`
        }
    }

    static func structureValue(_ key: String, _ value: JSONValue) -> FieldValue? {
        func s(_ k: String) -> String? { if case let .string(x)? = value[k] { return x }; return nil }
        switch key {
        case "planInfo": return info(value).map { .planInfo($0) }
        case "unitData": return one(value) { $0.unit($1, $2) }.map { .unit($0) }
        case "sectionData": return one(value) { $0.section($1, $2) }.map { .section($0) }
        case "phaseData": return one(value) { $0.phase($1, $2) }.map { .phase($0) }
        case "activityData": return one(value) { $0.activity($1, $2) }.map { .activity($0) }
        case "taskText": return s("title").flatMap { title in s("text").map { .taskText(title: title, text: $0) } }
        case "taskPlace": return s("section").flatMap { section in s("phase").map { .taskPlace(section: section, phase: $0) } }
        case "leads": return strings(value).map { .leads($0) }
        case "targetSpec": return value == .null ? .targetSpec(nil) : target(value).map { .targetSpec($0) }
        case "note":
            guard let at = s("at"), let by = s("by"), let text = s("text") else { return nil }
            return .note(TaskNote(at: at, by: by, text: text))
        default: return nil
        }
    }

    /// Reads one unit, section, phase or activity with the plan file's own decoder; nil on any problem.
    private static func one<T>(_ v: JSONValue, _ read: (inout PlanDecoding, JSONValue, PlanDecoding.Path) -> T?) -> T? {
        PlanDecoding.one(v, path: "data", read)
    }

    private static func strings(_ v: JSONValue?) -> [String]? {
        guard case let .array(items)? = v else { return nil }
        let out = items.compactMap { if case let .string(x) = $0 { return x }; return nil }
        return out.count == items.count ? out : nil
    }

    private static func encodeInfo(_ i: PlanInfo) -> JSONValue {
        .object([("title", .string(i.title)), ("organization", .string(i.organization)), ("year", .number(Double(i.year))),
                 ("timeZone", .string(i.timeZoneID))])
    }

    private static func info(_ v: JSONValue) -> PlanInfo? {
        guard case let .string(title)? = v["title"], case let .string(org)? = v["organization"], case let .number(y)? = v["year"],
              let year = PlanCodec.wholeNumber(y), case let .string(zone)? = v["timeZone"] else { return nil }
        return PlanInfo(title: title, organization: org, year: year, timeZoneID: zone)
    }

    private static func encodeTarget(_ t: QuantifiedTarget?) -> JSONValue {
        guard let t else { return .null }
        return .object([("required", .number(Double(t.required))), ("achieved", .number(Double(t.achieved))),
                        ("unit", .string(t.unit)), ("label", .string(t.label))])
    }

    private static func target(_ v: JSONValue) -> QuantifiedTarget? {
        guard case let .number(r)? = v["required"], let required = PlanCodec.wholeNumber(r), case let .number(a)? = v["achieved"],
              let achieved = PlanCodec.wholeNumber(a), case let .string(unit)? = v["unit"] else { return nil }
        var label = ""
        if case let .string(l)? = v["label"] { label = l }
        return QuantifiedTarget(required: required, achieved: achieved, unit: unit, label: label)
    }
}
