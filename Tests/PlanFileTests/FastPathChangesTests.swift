import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// The fast reader takes what edits and `rollover` write into tasks — history entries' changes and
/// `carriedOver` — and reads them exactly as the general way does: the same plan, a task's bytes kept on
/// saving only when they are the writer's, and every bad value left to the general way and its message.
@Suite("Plan file: the fast reader takes edited and carried-over plans")
struct FastPathChangesTests {
    // MARK: Plans made by the program's own edits

    /// A generated plan edited through `PlanEdit` as desks edit one: every kind of change a task's history
    /// records (a status with the progress it sets, progress, due dates set and cleared, notes added and
    /// removed, target counts, owners, a task's text, place, leads and target, a task added, one deleted and
    /// restored, an undo); then next year's plan from it (`Rollover`: tasks carried over), edited again.
    static func editedPlans() throws -> (edited: Plan, rolledOver: Plan) {
        var plan = PlanGenerator.make(tasks: 120, units: 12, seed: 5)
        var minutes = 0.0
        @discardableResult
        func edit(_ e: PlanEdit, kind: EditKind = .change) throws -> AppliedEdit {
            minutes += 7
            return try e.apply(to: &plan, by: editUser, at: later(minutes), kind: kind)
        }
        let open = plan.tasks.filter { !$0.status.isClosed && $0.target == nil && $0.ownerUnits.isEmpty && $0.due == nil }.map(\.id)
        let counted = try #require(plan.tasks.first { $0.target != nil && $0.target!.achieved < 4 }).id
        try edit(.setStatus(taskID: open[0], .done))
        try edit(.setProgress(taskID: open[1], 55))
        try edit(.addNote(taskID: open[2], "第一条备注"))
        try edit(.addNote(taskID: open[2], "第二条备注"))
        try edit(.removeNote(taskID: open[2], plan.tasks.first { $0.id == open[2] }!.notes[0]))
        try edit(.setDue(taskID: open[3], Day(iso: "2026-09-15")!))
        try edit(.setDue(taskID: open[3], nil))
        try edit(.setTargetAchieved(taskID: counted, 4))
        try edit(.setOwners(taskID: open[4], ["u1", "u2"]))
        try edit(.structure(.setTaskText(taskID: open[5], title: "改后的标题", text: "改后的内容")))
        let other = plan.sections.first { $0.id != plan.tasks.first { $0.id == open[6] }!.sectionID }!.id
        try edit(.structure(.moveTask(taskID: open[6], sectionID: other, phaseID: plan.phases[1].id)))
        try edit(.structure(.setTaskLeads(taskID: open[7], ["u3"])))
        try edit(.structure(.setTarget(taskID: open[8], QuantifiedTarget(required: 5, unit: "篇"))))
        try edit(.structure(.setTarget(taskID: open[9], QuantifiedTarget(required: 3, unit: "次", label: "走访"))))
        try edit(.addTask(PlanTask(id: "new1", sectionID: plan.sections[0].id, number: 0, title: "新增的任务", text: "", phaseID: plan.phases[1].id)))
        try edit(.setProgress(taskID: "new1", 20))
        let deleted = try edit(.deleteTask(taskID: "new1"))
        for e in deleted.inverse { try edit(e, kind: .undo) }
        let wrong = try edit(.setProgress(taskID: open[10], 90))
        for e in wrong.inverse { try edit(e, kind: .undo) }
        let edited = plan

        plan = Rollover.nextYear(plan, to: 2027, sourceFile: "plan.json", at: "2026-12-31T17:00:00+08:00", by: editUser)
        let carried = Rollover.carriedOver(in: plan).map(\.id)
        try edit(.setProgress(taskID: carried[0], 15))
        try edit(.setStatus(taskID: carried[1], .done))
        try edit(.addNote(taskID: carried[1], "结转后完成"))
        return (edited, plan)
    }

    static func plans() throws -> [Plan] {
        let (edited, rolledOver) = try editedPlans()
        return [try EditedWeeks.make().plan, edited, rolledOver]
    }

    @Test func thePlansHoldEveryShapeOfChangeATaskRecords() throws {
        let tasks = try FastPathChangesTests.plans().flatMap(\.tasks)
        let entries = tasks.flatMap(\.history)
        let changes = entries.flatMap(\.changes)
        let fields: Set<PlanField> = [.status, .progress, .due, .notes, .target, .owners, .task, .taskText, .taskPlace, .leads, .targetSpec]
        #expect(fields.isSubset(of: Set(changes.map(\.field))))
        #expect(changes.contains { $0.position != nil } && changes.contains { $0.number != nil })
        #expect(changes.contains { $0.before == nil } && changes.contains { $0.after == nil })
        #expect(changes.contains { $0.before == .due(nil) } && changes.contains { $0.after == .targetSpec(nil) || $0.before == .targetSpec(nil) })
        #expect(entries.contains { $0.changes.count > 1 })
        // A task restored with its history: changes inside a change's value.
        #expect(changes.contains { if case let .task(t)? = $0.after { return t.history.contains { !$0.changes.isEmpty } }; return false })
        #expect(tasks.contains { $0.carriedOver != nil && $0.history.contains { !$0.changes.isEmpty } })
    }

    // MARK: The same plan as the general way

    private func general(_ bytes: [UInt8]) -> (Plan?, [MemberPlace]) {
        guard let root = try? JSONReader.parse(bytes) else { return (nil, []) }
        let (plan, _, places) = PlanCodec.decodeReporting(root)
        return (plan, places)
    }

    @Test func editedAndCarriedOverPlansAreReadFastAndAsTheGeneralWayReadsThem() throws {
        for plan in try FastPathChangesTests.plans() {
            let bytes = PlanStore.encode(plan)
            let fast = try #require(PlanFastReader.decode(bytes))
            let (slow, places) = general(bytes)
            #expect(fast.plan == slow)
            #expect(fast.plan == plan)
            #expect(fast.unknownMembers == places)
        }
    }

    // MARK: Canonical layout

    /// The bytes `PlanWriter` writes for a task (through its tree: a task with changes or a carry-over).
    private func writerBytes(_ t: PlanTask) -> [UInt8] {
        var w = JSONWriter()
        w.write(PlanCodec.encode(t), indent: 4)
        return w.out
    }

    /// Reads `bytes` with the layout and checks it: the plan is the general way's, a task marked canonical
    /// has exactly the writer's bytes, and a save (the plan as read, and with a task changed) keeping the
    /// canonical tasks' bytes gives exactly a full encoding. Returns the canonical flags.
    @discardableResult
    private func checkLayout(_ bytes: [UInt8], _ note: Comment) throws -> [Bool] {
        let read = try #require(PlanFastReader.decodeWithLayout(bytes), note)
        let (slow, places) = general(bytes)
        #expect(read.plan == slow, note)
        #expect(read.unknownMembers == places, note)
        #expect(read.layout.canonical.count == read.plan.tasks.count, note)
        for (k, t) in read.plan.tasks.enumerated() where read.layout.canonical[k] {
            let same = Array(bytes[read.layout.spans[k]]) == writerBytes(t)
            #expect(same, "\(note): task \(t.id) is marked canonical but its bytes are not the writer's")
        }
        let earlier = PlanWriter.Earlier(bytes: bytes, tasks: read.plan.tasks, layout: read.layout)
        var changed = read.plan
        let k = try #require(changed.tasks.firstIndex { !$0.history.isEmpty })
        changed.tasks[k].progress = 61
        for plan in [read.plan, changed] {
            let same = PlanWriter.bytes(plan, reusing: earlier).bytes == JSONWriter.bytes(PlanCodec.encode(plan))
            #expect(same, "\(note): a save keeping the canonical tasks' bytes is a full encoding")
        }
        return read.layout.canonical
    }

    @Test func theWritersOwnBytesAreKeptTaskForTask() throws {
        for plan in try FastPathChangesTests.plans() {
            let bytes = PlanStore.encode(plan)
            let canonical = try checkLayout(bytes, "\(plan.title)")
            #expect(canonical.allSatisfy { $0 })
            // Saving the unchanged plan gives the file back, byte for byte.
            let read = try #require(PlanFastReader.decodeWithLayout(bytes))
            let earlier = PlanWriter.Earlier(bytes: bytes, tasks: read.plan.tasks, layout: read.layout)
            let same = PlanWriter.bytes(read.plan, reusing: earlier).bytes == bytes
            #expect(same, "\(plan.title): saved unchanged, byte for byte")
        }
    }

    /// The id of the first task of `plan` that `p` holds for.
    private func id(_ plan: Plan, _ p: (PlanTask) -> Bool) throws -> String {
        let task = plan.tasks.first(where: p)
        return try #require(task).id
    }

    /// The text of `text` with `edit` applied to the object of the task `id` only.
    private func inTask(_ text: String, _ id: String, _ edit: (String) -> String) throws -> String {
        let start = try #require(text.range(of: "{\n      \"id\": \"\(id)\",")).lowerBound
        let end = try #require(text.range(of: "\n    }", range: start..<text.endIndex)).upperBound
        return text.replacingCharacters(in: start..<end, with: edit(String(text[start..<end])))
    }

    @Test func aTaskWrittenDifferentlyByHandIsReadTheSameAndWrittenAgain() throws {
        let (edited, rolledOver) = try FastPathChangesTests.editedPlans()
        func has(_ field: PlanField, _ p: @escaping (FieldChange) -> Bool = { _ in true }) -> (PlanTask) -> Bool {
            { $0.history.contains { $0.changes.contains { $0.field == field && p($0) } } }
        }
        let noted = try id(edited, has(.notes) { $0.position != nil })
        let due = try id(edited, has(.due))
        let progressed = try id(edited, has(.progress) { $0.after == .progress(55) })
        let target = try id(edited, has(.targetSpec) { if case let .targetSpec(t?)? = $0.after { return t.label.isEmpty }; return false })
        let added = "new1"
        let carried = try id(rolledOver) { $0.carriedOver != nil }
        let base = String(decoding: PlanStore.encode(edited), as: UTF8.self)
        let next = String(decoding: PlanStore.encode(rolledOver), as: UTF8.self)
        let cases: [(String, String, (String) -> String)] = [
            // A note's record with "text" for "note" (both are read), and on one line.
            (base, noted, { $0.replacingOccurrences(of: "\"note\": \"第一条备注\"", with: "\"text\": \"第一条备注\"") }),
            (base, noted, { $0.replacingOccurrences(of: "{\n            \"at\"", with: "{\"at\"") }),
            // A note's record without `by` (read as empty), or with a member this program does not know.
            (base, noted, { $0.replacingOccurrences(of: "\n            \"by\": \"县双拥办 王敏\",", with: "") }),
            (base, noted, { $0.replacingOccurrences(of: "\"note\": \"第一条备注\"", with: "\"note\": \"第一条备注\",\n            \"xPage\": 3") }),
            // The position as -0, and a value without the space after its colon.
            (base, noted, { $0.replacingOccurrences(of: "\"position\": 0", with: "\"position\": -0") }),
            (base, due, { $0.replacingOccurrences(of: "\"before\": null", with: "\"before\":null") }),
            // The task's own id, which the writer leaves out.
            (base, due, { $0.replacingOccurrences(of: "\"field\": \"due\",", with: "\"field\": \"due\",\n          \"id\": \"\(due)\",") }),
            // Members out of the writer's order, `by` left out; an empty `also`; an escape the writer does not write.
            (base, progressed, { $0.replacingOccurrences(of: #"("by": "[^"]*"),\n          ("change": "[^"]*")"#, with: "$2,\n          $1",
                                                        options: .regularExpression) }),
            (base, progressed, { $0.replacingOccurrences(of: "\n          \"by\": \"县双拥办 王敏\",", with: "") }),
            (base, progressed, { $0.replacingOccurrences(of: "\"after\": 55", with: "\"after\": 55,\n          \"also\": []") }),
            (base, progressed, { $0.replacingOccurrences(of: "\"change\": \"进度: ", with: "\"change\": \"\\u8fdb度: ") }),
            // A target's record with the empty label the writer leaves out; a task's record on fewer lines.
            (base, target, { $0.replacingOccurrences(of: "\"unit\": \"篇\"\n          }", with: "\"unit\": \"篇\",\n            \"label\": \"\"\n          }") }),
            (base, added, { $0.replacingOccurrences(of: "\"after\": {\n            \"id\"", with: "\"after\": {\"id\"") }),
            // A carry-over with its members reordered, and on one line.
            (next, carried, { $0.replacingOccurrences(of: "\"year\": 2026,\n        \"file\": \"plan.json\",", with: "\"file\": \"plan.json\",\n        \"year\": 2026,") }),
            (next, carried, { $0.replacingOccurrences(of: "\"carriedOver\": {\n        \"year\"", with: "\"carriedOver\": {\"year\"") }),
        ]
        for (text, task, edit) in cases {
            let variant = try inTask(text, task, edit)
            #expect(variant != text, "the edit applies (task \(task))")
            if variant == text { continue }
            let canonical = try checkLayout(Array(variant.utf8), "task \(task)")
            let read = try #require(PlanFastReader.decode(Array(variant.utf8)))
            let k = try #require(read.plan.tasks.firstIndex { $0.id == task })
            #expect(!canonical[k], "task \(task) is written again")
            #expect(canonical.enumerated().allSatisfy { $0.offset == k || $0.element }, "the other tasks are kept")
        }
    }

    // MARK: Bad values go the general way

    /// What the general way makes of `bytes` (the plan's unknown members, or the error), with how
    /// `PlanStore` reads them: the same, since the fast reader gives up.
    private func generalOutcome(_ bytes: [UInt8]) -> (String, String) {
        let expected: String
        do {
            let root = try JSONReader.parse(bytes)
            let (plan, problems, places) = PlanCodec.decodeReporting(root)
            expected = plan == nil ? "invalid \(problems)" : "plan, unknown \(places)"
        } catch {
            expected = "syntax \(error.line):\(error.column) \(error.message)"
        }
        let actual: String
        do {
            actual = "plan, unknown \(try PlanStore.inspect(bytes, file: "p.json").unknownMembers)"
        } catch {
            switch error {
            case let .syntax(_, line, column, message): actual = "syntax \(line):\(column) \(message)"
            case let .invalid(_, problems): actual = "invalid \(problems)"
            case .io: actual = "\(error)"
            }
        }
        return (expected, actual)
    }

    /// The line and column of the first `marker` in `text` (column in characters, as errors count them).
    private func place(_ marker: String, in text: String) throws -> String {
        let at = try #require(text.range(of: marker)).lowerBound
        let before = text[..<at]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
        return "\(line):\(column)"
    }

    @Test func badChangesAndCarryOversAreLeftToTheGeneralWay() throws {
        let (edited, rolledOver) = try FastPathChangesTests.editedPlans()
        func has(_ field: PlanField, _ value: FieldValue? = nil) -> (PlanTask) -> Bool {
            { $0.history.contains { $0.changes.contains { $0.field == field && (value == nil || $0.after == value) } } }
        }
        let due = try id(edited, has(.due)), progressed = try id(edited, has(.progress, .progress(55))), added = "new1"
        let done = try id(edited) { $0.history.contains { $0.changes.count > 1 && $0.changes[0].field == .status } }
        let carried = try id(rolledOver) { $0.carriedOver != nil }
        let base = String(decoding: PlanStore.encode(edited), as: UTF8.self)
        let next = String(decoding: PlanStore.encode(rolledOver), as: UTF8.self)
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        // (text, task, edit, what the general way says: a syntax error at the marker, problems naming a
        // path, or a plan keeping the changes as members it does not know)
        let cases: [(String, String, (String) -> String, String)] = [
            (base, progressed, { $0.replacingOccurrences(of: "\"field\": \"progress\",", with: "\"field\": \"progress\",\n          \"field\": \"progress\",") }, "syntax"),
            (base, due, { $0.replacingOccurrences(of: "\"before\": null", with: "\"before\": nul") }, "syntax"),
            (base, due, { $0.replacingOccurrences(of: "\"before\": null", with: "\"before\": 1 2") }, "syntax"),
            (base, added, { $0.replacingOccurrences(of: "\"before\": null", with: "\"before\": \(deep)") }, "syntax"),
            (base, progressed, { $0.replacingOccurrences(of: "\"field\": \"progress\"", with: "\"field\": \"colour\"") }, "unknown"),
            (base, progressed, { $0.replacingOccurrences(of: "\"field\": \"progress\",", with: "") }, "unknown"),
            (base, progressed, { $0.replacingOccurrences(of: "\"after\": 55", with: "\"after\": 55.5") }, "unknown"),
            (base, progressed, { $0.replacingOccurrences(of: "\"after\": 55", with: "\"after\": \"55\"") }, "unknown"),
            (base, due, { $0.replacingOccurrences(of: "\"after\": \"2026-09-15\"", with: "\"after\": \"2026-09-31\"") }, "unknown"),
            (base, done, { $0.replacingOccurrences(of: "\"field\": \"progress\",\n              \"id\": \"\(done)\",", with: "\"field\": \"progress\",") }, "unknown"),
            (base, done, { $0.replacingOccurrences(of: "\"after\": 100\n", with: "\"after\": 100,\n              \"at\": \"x\"\n") }, "plan"),
            (base, due, { $0.replacingOccurrences(of: "\"field\": \"due\",", with: "\"field\": \"due\",\n          \"id\": 5,") }, "plan"),
            (next, carried, { $0.replacingOccurrences(of: "\"task\": \"\(carried)\",\n        \"status\": \"", with: "\"task\": \"\(carried)\",\n        \"status\": \"late-") }, "carriedOver.status"),
            (next, carried, { $0.replacingOccurrences(of: "\"file\": \"plan.json\",\n", with: "") }, "carriedOver.file"),
            (next, carried, { $0.replacingOccurrences(of: #"("progress": )\d+(\n      \})"#, with: "$1150$2", options: .regularExpression) },
             "carriedOver.progress"),
            (next, carried, { $0.replacingOccurrences(of: #"("carriedOver": )\{[^}]*\}"#, with: "$1null", options: .regularExpression) },
             "carriedOver"),
            (next, carried, { $0.replacingOccurrences(of: "\"year\": 2026,", with: "\"year\": \"2026\",") }, "carriedOver.year"),
            (next, carried, { $0.replacingOccurrences(of: "\"year\": 2026,", with: "\"year\": 2026.5,") }, "carriedOver.year"),
            (next, carried, { $0.replacingOccurrences(of: "\"year\": 2026,", with: "\"year\": 2026, \"xWhy\": \"用地\",") }, "unknown"),
        ]
        for (text, task, edit, says) in cases {
            let variant = try inTask(text, task, edit)
            #expect(variant != text, "the edit applies (task \(task), \(says))")
            if variant == text { continue }
            let bytes = Array(variant.utf8)
            let taken = PlanFastReader.decode(bytes) != nil || PlanFastReader.decodeWithLayout(bytes) != nil
            #expect(!taken, "the fast reader gives up (task \(task), \(says))")
            let (expected, actual) = generalOutcome(bytes)
            #expect(actual == expected)
            switch says {
            case "syntax":
                #expect(actual.hasPrefix("syntax "), "\(actual)")
            case "unknown":
                #expect(actual.hasPrefix("plan, unknown [tasks["), "\(actual)")
            case "plan":
                #expect(actual.hasPrefix("plan, unknown"), "\(actual)")
            default:
                #expect(actual.hasPrefix("invalid") && actual.contains(says), "\(actual)")
            }
        }
    }

    @Test func aSyntaxErrorInAChangeIsNamedWhereItIs() throws {
        let (edited, _) = try FastPathChangesTests.editedPlans()
        let task = try #require(edited.tasks.first { $0.history.contains { $0.changes.contains { $0.after == .progress(55) } } }).id
        let text = String(decoding: PlanStore.encode(edited), as: UTF8.self)
        let noted = try #require(edited.tasks.first { $0.history.contains { $0.changes.contains { $0.position != nil && $0.field == .notes } } }).id
        // Each marker is where the error is, and nowhere before it in the file.
        for (id, from, to, marker) in [(task, "\"after\": 55", "\"after\": 55 §", "§"), (task, "\"after\": 55", "\"after\": 5§5", "§"),
                                       (task, "\"field\": \"progress\",", "\"field\": \"progress\",\n          \"field\" : \"due\",", "\"field\" :"),
                                       (noted, "\"note\": \"第一条备注\"", "\"note\" ¤\"第一条备注\"", "¤")] {
            let variant = try inTask(text, id) { $0.replacingOccurrences(of: from, with: to) }
            let taken = PlanFastReader.decode(Array(variant.utf8)) != nil
            #expect(!taken, "\(to)")
            do {
                _ = try PlanStore.decode(Array(variant.utf8), file: "p.json")
                Issue.record("\(to) was read")
            } catch {
                guard case let .syntax(_, line, column, _) = error else { Issue.record("\(error)"); continue }
                #expect("\(line):\(column)" == (try place(marker, in: variant)), "\(to): \(error)")
            }
        }
    }
}
