import Foundation

// Edits to the plan's structure: the plan's own title and year, its units, sections, phases and
// activities, and a task's text, place (section, phase), own 牵头单位 and quantified target. They are
// `PlanEdit.structure` values, so they go the same way as every other edit: validated, recorded with who
// and when (on the task, or in the plan's own history for the structure), merged with other desks by the
// field they guard, and undone by the edits they return.
//
// Rules worth knowing:
// - A unit, section or phase that something still names cannot be removed: the error lists what names it.
//   Removing a unit with `reassignTo` is a merge: every reference follows to the other unit.
//   Removing a phase with `moveTasksTo` moves its tasks first.
// - Changing a phase's end moves the due date of its tasks that were due on the old end.
// - Section numbers are unique; ids never change (ids are what other desks' edits and files refer to).

/// The plan's own fields.
public struct PlanInfo: Equatable, Sendable {
    public var title: String
    public var organization: String
    public var year: Int
    public var timeZoneID: String

    public init(title: String, organization: String, year: Int, timeZoneID: String) {
        self.title = title
        self.organization = organization
        self.year = year
        self.timeZoneID = timeZoneID
    }
}

extension Plan {
    public var info: PlanInfo { PlanInfo(title: title, organization: organization, year: year, timeZoneID: timeZoneID) }
}

/// One change to the plan's structure (see the top of this file).
public enum StructureEdit: Equatable, Sendable {
    case setPlanInfo(PlanInfo)
    /// Adds the unit (at the end, or at `at`), or replaces the unit with its id (name, short name, kind).
    case putUnit(Unit, at: Int?)
    /// Removes a unit; refused while anything names it, unless `reassignTo` names the unit that takes
    /// over every reference (a merge of two units).
    case removeUnit(unitID: String, reassignTo: String?)
    /// Adds or replaces a section (title, number, 牵头单位, 责任单位).
    case putSection(Section, at: Int?)
    /// Removes a section; refused while tasks are in it.
    case removeSection(sectionID: String)
    /// Adds or replaces a phase; tasks due on its old end move with it.
    case putPhase(Phase, at: Int?)
    /// Removes a phase; refused while tasks use it, unless `moveTasksTo` names the phase they move to.
    case removePhase(phaseID: String, moveTasksTo: String?)
    /// Adds or replaces an activity.
    case putActivity(Activity, at: Int?)
    case removeActivity(activityID: String)
    /// A task's title and full text.
    case setTaskText(taskID: String, title: String, text: String)
    /// Moves a task to a section and a phase (its number becomes the next of a new section).
    case moveTask(taskID: String, sectionID: String, phaseID: String)
    /// A task's own 牵头单位 (empty: the section's).
    case setTaskLeads(taskID: String, [String])
    /// A task's quantified target (nil: none).
    case setTarget(taskID: String, QuantifiedTarget?)

    /// What kind of thing the edit changes.
    public enum Subject: String, Sendable {
        case plan, unit, section, phase, activity, task

        /// The word history lines and conflicts use.
        public var label: String {
            switch self {
            case .plan: "计划"
            case .unit: "单位"
            case .section: "部分"
            case .phase: "阶段"
            case .activity: "活动"
            case .task: "任务"
            }
        }
    }

    public var subject: Subject {
        switch self {
        case .setPlanInfo: .plan
        case .putUnit, .removeUnit: .unit
        case .putSection, .removeSection: .section
        case .putPhase, .removePhase: .phase
        case .putActivity, .removeActivity: .activity
        case .setTaskText, .moveTask, .setTaskLeads, .setTarget: .task
        }
    }

    /// The id of what it changes ("plan" for the plan itself).
    public var targetID: String {
        switch self {
        case .setPlanInfo: "plan"
        case let .putUnit(u, _): u.id
        case let .removeUnit(id, _), let .removeSection(id), let .removePhase(id, _), let .removeActivity(id): id
        case let .putSection(s, _): s.id
        case let .putPhase(p, _): p.id
        case let .putActivity(a, _): a.id
        case let .setTaskText(id, _, _), let .moveTask(id, _, _), let .setTaskLeads(id, _), let .setTarget(id, _): id
        }
    }

    /// Whether the edit may bring its subject into being (an add), so it needs no existing target.
    public var mayCreate: Bool {
        switch self {
        case .setPlanInfo, .putUnit, .putSection, .putPhase, .putActivity: true
        default: false
        }
    }

    /// The field it sets, and guards against a change elsewhere.
    public var field: PlanField {
        switch self {
        case .setPlanInfo: .plan
        case .putUnit, .removeUnit: .unit
        case .putSection, .removeSection: .section
        case .putPhase, .removePhase: .phase
        case .putActivity, .removeActivity: .activity
        case .setTaskText: .taskText
        case .moveTask: .taskPlace
        case .setTaskLeads: .leads
        case .setTarget: .targetSpec
        }
    }

    /// The value `field` has once the edit is applied (nil: removed).
    public var targetValue: FieldValue? {
        switch self {
        case let .setPlanInfo(i): .planInfo(i)
        case let .putUnit(u, _): .unit(u)
        case let .putSection(s, _): .section(s)
        case let .putPhase(p, _): .phase(p)
        case let .putActivity(a, _): .activity(a)
        case .removeUnit, .removeSection, .removePhase, .removeActivity: nil
        case let .setTaskText(_, title, text): .taskText(title: title, text: text)
        case let .moveTask(_, s, p): .taskPlace(section: s, phase: p)
        case let .setTaskLeads(_, l): .leads(l)
        case let .setTarget(_, t): .targetSpec(t)
        }
    }

    /// What applying did: nothing (with why), or a change in history's words, the edits that undo it,
    /// the task whose history records it (nil: the plan's history), and what it changed as data (nil:
    /// read from the inverse edits).
    enum Outcome {
        case noOp(String)
        case changed(String, inverse: [PlanEdit], task: Int?, changes: [FieldChange]? = nil)
    }

    func apply(to plan: inout Plan) throws(PlanEditError) -> Outcome {
        let id = targetID
        func fail(_ message: String) -> PlanEditError { .invalid(id: id, field: field, message: message) }
        func blank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        func checkUnits(_ ids: [String]) throws(PlanEditError) {
            for u in ids where !plan.units.contains(where: { $0.id == u }) { throw .unknownUnit(id: u, task: nil) }
            if Set(ids).count != ids.count { throw fail("a unit is named twice") }
        }
        func taskIndex(_ id: String) throws(PlanEditError) -> Int {
            if let i = plan.tasks.firstIndex(where: { $0.id == id }) { return i }
            throw .unknownTask(id: id, first: plan.tasks.first?.id, last: plan.tasks.last?.id)
        }
        /// Puts `item` in `list`: replaces the item with its id, or inserts it (at `at`, else at the end).
        func put<T: Identifiable & Equatable>(_ item: T, at: Int?, in list: inout [T], describe: (T) -> String)
            -> Outcome where T.ID == String {
            if let k = list.firstIndex(where: { $0.id == item.id }) {
                let old = list[k]
                let moves = at.map { min(max($0, 0), list.count - 1) != k } ?? false
                if old == item, !moves { return .noOp("\(subject.label): 已是 \(describe(item))") }
                list[k] = item
                if let at, moves {
                    list.remove(at: k)
                    list.insert(item, at: min(max(at, 0), list.count))
                }
                let change = old == item ? "\(subject.label) \(item.id): 移到第 \(min(max(at ?? k, 0), list.count - 1) + 1) 位"
                    : "\(subject.label) \(item.id): \(describe(old)) → \(describe(item))"
                return .changed(change, inverse: [.structure(reput(old, at: k))], task: nil)
            }
            let k = at.map { min(max($0, 0), list.count) } ?? list.count
            list.insert(item, at: k)
            return .changed("新增\(subject.label) \(item.id): \(describe(item))", inverse: [.structure(removal(of: item.id))], task: nil)
        }

        switch self {
        case let .setPlanInfo(info):
            guard !blank(info.title) else { throw fail("the plan needs a title") }
            guard PlanDates.years.contains(info.year) else {
                throw fail("year \(info.year) is outside \(PlanDates.years.lowerBound)–\(PlanDates.years.upperBound)")
            }
            guard TimeZone(identifier: info.timeZoneID) != nil else { throw fail("unknown time zone \"\(info.timeZoneID)\" (e.g. Asia/Shanghai)") }
            let old = plan.info
            if old == info { return .noOp("计划: 没有变化") }
            plan.title = info.title
            plan.organization = info.organization
            plan.year = info.year
            plan.timeZoneID = info.timeZoneID
            return .changed("计划: \(plan.describe(.planInfo(old), of: id)) → \(plan.describe(.planInfo(info), of: id))",
                            inverse: [.structure(.setPlanInfo(old))], task: nil)

        case let .putUnit(u, at):
            guard !blank(u.id), !blank(u.name), !blank(u.shortName) else { throw fail("a unit needs an id, a name and a short name") }
            return put(u, at: at, in: &plan.units) { [view = plan] in view.describe(.unit($0), of: $0.id) }

        case let .removeUnit(unitID, reassignTo):
            guard let k = plan.units.firstIndex(where: { $0.id == unitID }) else { throw .unknownUnit(id: unitID, task: nil) }
            let refs = plan.references(toUnit: unitID)
            let removed = plan.units[k]
            guard let into = reassignTo else {
                guard refs.isEmpty else {
                    throw fail("still named by " + refs.prefix(8).joined(separator: ", ") + (refs.count > 8 ? " … (\(refs.count) in all)" : "")
                               + "; reassign them to another unit (merge) first")
                }
                plan.units.remove(at: k)
                return .changed("删除单位 \(unitID): \(removed.name)", inverse: [.structure(.putUnit(removed, at: k))], task: nil)
            }
            guard into != unitID, plan.units.contains(where: { $0.id == into }) else {
                throw into == unitID ? fail("a unit cannot be merged into itself") : .unknownUnit(id: into, task: nil)
            }
            var inverse: [PlanEdit] = []
            func follow(_ ids: [String]) -> [String] {
                var out: [String] = []
                for u in ids.map({ $0 == unitID ? into : $0 }) where !out.contains(u) { out.append(u) }
                return out
            }
            for s in plan.sections.indices where plan.sections[s].leadUnits.contains(unitID) || plan.sections[s].responsibleUnits.contains(unitID) {
                inverse.append(.structure(.putSection(plan.sections[s], at: s)))
                plan.sections[s].leadUnits = follow(plan.sections[s].leadUnits)
                plan.sections[s].responsibleUnits = follow(plan.sections[s].responsibleUnits)
            }
            for t in plan.tasks.indices {
                if plan.tasks[t].ownerUnits.contains(unitID) {
                    inverse.append(.setOwners(taskID: plan.tasks[t].id, plan.tasks[t].ownerUnits))
                    plan.tasks[t].ownerUnits = follow(plan.tasks[t].ownerUnits)
                }
                if plan.tasks[t].leadUnits.contains(unitID) {
                    inverse.append(.structure(.setTaskLeads(taskID: plan.tasks[t].id, plan.tasks[t].leadUnits)))
                    plan.tasks[t].leadUnits = follow(plan.tasks[t].leadUnits)
                }
            }
            for a in plan.activities.indices where plan.activities[a].units.contains(unitID) {
                inverse.append(.structure(.putActivity(plan.activities[a], at: a)))
                plan.activities[a].units = follow(plan.activities[a].units)
            }
            plan.units.remove(at: k)
            // Undo puts the unit back first, then every reference.
            let target = plan.units.first { $0.id == into }!
            return .changed("合并单位: \(removed.name) 并入 \(target.name)（\(refs.count) 处引用随之改为 \(target.shortName)）",
                            inverse: [.structure(.putUnit(removed, at: k))] + inverse, task: nil)

        case let .putSection(s, at):
            guard !blank(s.id), !blank(s.title) else { throw fail("a section needs an id and a title") }
            guard s.number >= 1 else { throw fail("number \(s.number): sections are numbered from 1") }
            if let other = plan.sections.first(where: { $0.number == s.number && $0.id != s.id }) {
                throw fail("number \(s.number) is already section \(other.id) \(other.title)")
            }
            try checkUnits(s.leadUnits)
            try checkUnits(s.responsibleUnits)
            return put(s, at: at, in: &plan.sections) { [view = plan] in view.describe(.section($0), of: $0.id) }

        case let .removeSection(sectionID):
            guard let k = plan.sections.firstIndex(where: { $0.id == sectionID }) else { throw fail("no section \(sectionID)") }
            let tasks = plan.tasks.filter { $0.sectionID == sectionID }.map(\.id)
            guard tasks.isEmpty else {
                throw fail("\(tasks.count) task(s) are in it (" + tasks.prefix(8).joined(separator: ", ") + "); move or remove them first")
            }
            let old = plan.sections.remove(at: k)
            return .changed("删除部分 \(sectionID): \(old.title)", inverse: [.structure(.putSection(old, at: k))], task: nil)

        case let .putPhase(p, at):
            guard !blank(p.id), !blank(p.name) else { throw fail("a phase needs an id and a name") }
            guard p.start <= p.end else { throw fail("it ends (\(p.end.iso)) before it starts (\(p.start.iso))") }
            let oldEnd = plan.phases.first { $0.id == p.id }?.end
            // Tasks of the phase already due on the new end: undoing (which moves tasks due on the end back
            // with it) must leave them where they were.
            let alreadyThere = plan.tasks.filter { $0.phaseID == p.id && $0.due == p.end }.map { PlanEdit.setDue(taskID: $0.id, p.end) }
            let outcome = put(p, at: at, in: &plan.phases) { [view = plan] in view.describe(.phase($0), of: $0.id) }
            guard case let .changed(change, inverse, _, _) = outcome, let oldEnd, oldEnd != p.end else { return outcome }
            // Tasks due on the phase's last day keep being due on it.
            var moved: [FieldChange] = []
            for t in plan.tasks.indices where plan.tasks[t].phaseID == p.id && plan.tasks[t].due == oldEnd {
                plan.tasks[t].due = p.end
                moved.append(FieldChange(field: .due, id: plan.tasks[t].id, before: .due(oldEnd), after: .due(p.end)))
            }
            let note = moved.isEmpty ? "" : "（\(moved.count) 项任务的截止日随之改为 \(p.end.iso)）"
            return .changed(change + note, inverse: inverse + alreadyThere, task: nil, changes: plan.changes(undoneBy: inverse) + moved)

        case let .removePhase(phaseID, moveTasksTo):
            guard let k = plan.phases.firstIndex(where: { $0.id == phaseID }) else { throw fail("no phase \(phaseID)") }
            let using = plan.tasks.indices.filter { plan.tasks[$0].phaseID == phaseID }
            var inverse: [PlanEdit] = []
            if !using.isEmpty {
                guard let to = moveTasksTo else {
                    throw fail("\(using.count) task(s) use it (" + using.prefix(8).map { plan.tasks[$0].id }.joined(separator: ", ")
                               + "); move them to another phase first")
                }
                guard to != phaseID, plan.phases.contains(where: { $0.id == to }) else { throw fail("no other phase \(to) to move its tasks to") }
                for t in using {
                    inverse.append(.structure(.moveTask(taskID: plan.tasks[t].id, sectionID: plan.tasks[t].sectionID, phaseID: phaseID)))
                    plan.tasks[t].phaseID = to
                }
            }
            let old = plan.phases.remove(at: k)
            let moved = using.isEmpty ? "" : "（\(using.count) 项任务移至 \(moveTasksTo ?? "")）"
            return .changed("删除阶段 \(phaseID): \(old.name)" + moved, inverse: [.structure(.putPhase(old, at: k))] + inverse, task: nil)

        case let .putActivity(a, at):
            guard !blank(a.id), !blank(a.title) else { throw fail("an activity needs an id and a title") }
            try checkUnits(a.units)
            if let problem = a.rule.problem { throw fail(problem) }
            return put(a, at: at, in: &plan.activities) { [view = plan] in view.describe(.activity($0), of: $0.id) }

        case let .removeActivity(activityID):
            guard let k = plan.activities.firstIndex(where: { $0.id == activityID }) else { throw fail("no activity \(activityID)") }
            let old = plan.activities.remove(at: k)
            return .changed("删除活动 \(activityID): \(old.title)", inverse: [.structure(.putActivity(old, at: k))], task: nil)

        case let .setTaskText(taskID, title, text):
            let i = try taskIndex(taskID)
            guard !blank(title) else { throw fail("a task needs a title") }
            let old = plan.tasks[i]
            if old.title == title, old.text == text { return .noOp("任务内容: 没有变化") }
            plan.tasks[i].title = title
            plan.tasks[i].text = text
            let change = old.title == title ? "任务内容: 已修改正文" : "任务名称: \(old.title) → \(title)" + (old.text == text ? "" : "（正文已修改）")
            return .changed(change, inverse: [.structure(.setTaskText(taskID: taskID, title: old.title, text: old.text))], task: i)

        case let .moveTask(taskID, sectionID, phaseID):
            var i = try taskIndex(taskID)
            let oldIndex = i
            guard plan.sections.contains(where: { $0.id == sectionID }) else { throw fail("no section \(sectionID)") }
            guard plan.phases.contains(where: { $0.id == phaseID }) else { throw fail("no phase \(phaseID)") }
            let old = plan.tasks[i]
            if old.sectionID == sectionID, old.phaseID == phaseID { return .noOp("所属: 没有变化") }
            plan.tasks[i].phaseID = phaseID
            if old.sectionID != sectionID {
                var t = plan.tasks.remove(at: i)
                t.sectionID = sectionID
                t.number = (plan.tasks.lazy.filter { $0.sectionID == sectionID }.map(\.number).max() ?? 0) + 1
                i = (plan.tasks.lastIndex { $0.sectionID == sectionID }).map { $0 + 1 } ?? plan.tasks.count
                plan.tasks.insert(t, at: i)
            }
            let change = "所属: \(plan.describe(.taskPlace(section: old.sectionID, phase: old.phaseID), of: taskID)) → "
                + plan.describe(.taskPlace(section: sectionID, phase: phaseID), of: taskID)
            let moved = old.sectionID != sectionID
            let record = FieldChange(field: .taskPlace, id: taskID, before: .taskPlace(section: old.sectionID, phase: old.phaseID),
                                     after: .taskPlace(section: sectionID, phase: phaseID),
                                     position: moved ? oldIndex : nil,
                                     number: moved ? old.number : nil)
            return .changed(change, inverse: [.structure(.moveTask(taskID: taskID, sectionID: old.sectionID, phaseID: old.phaseID))], task: i,
                            changes: [record])

        case let .setTaskLeads(taskID, leads):
            let i = try taskIndex(taskID)
            try checkUnits(leads)
            let old = plan.tasks[i].leadUnits
            if old == leads { return .noOp("牵头单位: 没有变化") }
            plan.tasks[i].leadUnits = leads
            return .changed("牵头单位: \(plan.describe(.leads(old), of: taskID)) → \(plan.describe(.leads(leads), of: taskID))",
                            inverse: [.structure(.setTaskLeads(taskID: taskID, old))], task: i)

        case let .setTarget(taskID, target):
            let i = try taskIndex(taskID)
            if let target {
                guard target.required >= 1 else { throw fail("the required count must be at least 1") }
                guard target.achieved >= 0 else { throw fail("the achieved count must not be negative") }
                guard !blank(target.unit) else { throw fail("a target needs a measure word (篇, 次, 个 …)") }
            }
            let old = plan.tasks[i].target
            if old == target { return .noOp("量化指标: 没有变化") }
            plan.tasks[i].target = target
            return .changed("量化指标: \(plan.describe(.targetSpec(old), of: taskID)) → \(plan.describe(.targetSpec(target), of: taskID))",
                            inverse: [.structure(.setTarget(taskID: taskID, old))], task: i)
        }
    }

    /// The edit that puts `item` back as it was, at `at`.
    private func reput<T>(_ item: T, at: Int) -> StructureEdit {
        switch item {
        case let u as Unit: .putUnit(u, at: at)
        case let s as Section: .putSection(s, at: at)
        case let p as Phase: .putPhase(p, at: at)
        case let a as Activity: .putActivity(a, at: at)
        default: self
        }
    }

    /// The edit that removes what this edit added.
    private func removal(of id: String) -> StructureEdit {
        switch subject {
        case .unit: .removeUnit(unitID: id, reassignTo: nil)
        case .section: .removeSection(sectionID: id)
        case .phase: .removePhase(phaseID: id, moveTasksTo: nil)
        default: .removeActivity(activityID: id)
        }
    }
}

extension Plan {
    /// Whether the plan has the task, unit, section, phase or activity `id` (the plan itself always).
    public func contains(_ subject: StructureEdit.Subject, id: String) -> Bool {
        switch subject {
        case .plan: true
        case .unit: units.contains { $0.id == id }
        case .section: sections.contains { $0.id == id }
        case .phase: phases.contains { $0.id == id }
        case .activity: activities.contains { $0.id == id }
        case .task: tasks.contains { $0.id == id }
        }
    }

    /// Where a unit is named: "s1 牵头单位", "s2-3 责任单位", "a-bayi 参与单位" …
    public func references(toUnit id: String) -> [String] {
        var out: [String] = []
        for s in sections {
            if s.leadUnits.contains(id) { out.append("\(s.id) 牵头单位") }
            if s.responsibleUnits.contains(id) { out.append("\(s.id) 责任单位") }
        }
        for t in tasks {
            if t.leadUnits.contains(id) { out.append("\(t.id) 牵头单位") }
            if t.ownerUnits.contains(id) { out.append("\(t.id) 责任单位") }
        }
        for a in activities where a.units.contains(id) { out.append("\(a.id) 参与单位") }
        return out
    }
}

extension Recurrence {
    /// Why the rule cannot be used, or nil: months 1–12, days of the month, weeks 1–5, weekdays 1–7,
    /// ranges that end after they start.
    public var problem: String? {
        switch self {
        case let .yearly(m, d):
            guard (1...12).contains(m), (1...Day.daysIn(month: m, year: 2024)).contains(d) else { return "\(m)/\(d) is not a day of the year" }
        case let .lunar(m, d):
            guard (1...12).contains(m), (1...30).contains(d) else { return "lunar \(m)/\(d) is not a lunar day (months 1–12, days 1–30)" }
        case let .months(ms):
            guard !ms.isEmpty, ms.allSatisfy({ (1...12).contains($0) }) else { return "months must be 1–12" }
        case .halfYearly, .once:
            break
        case let .range(a, b):
            guard a <= b else { return "the range ends (\(b.iso)) before it starts (\(a.iso))" }
        case let .nthWeekday(m, n, w):
            guard (1...12).contains(m), (1...5).contains(n), (1...7).contains(w) else {
                return "month 1–12, week 1–5 and weekday 1–7 (1 = Monday) are needed"
            }
        }
        return nil
    }
}
