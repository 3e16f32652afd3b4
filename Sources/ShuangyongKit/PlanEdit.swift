import Foundation

// Edits as data: every change a desk can make to a plan is a `PlanEdit` value. An edit validates
// itself against a plan, applies to it, appends a line to the task's history (留痕) and returns the
// edit that undoes it. The clock and the user are parameters: nothing here reads the time or the OS.
//
// One rule worth knowing: setting a task's status to 已完成 (done) also sets its progress to 100%, and
// the history line says so ("状态: 进行中 → 已完成（进度 60% → 100%）"); undoing it restores both. The
// other way round, a progress below 100% sets a done task back to 进行中 ("进度: 100% → 60%（状态 已完成 →
// 进行中）"): a done task is at 100% (`PlanValidation`), whichever field is changed.

/// A field an edit changes: what history lines, merges and conflicts talk about.
public enum PlanField: String, Sendable, Hashable, CaseIterable {
    case status, progress, due, notes
    /// The achieved count of the task's quantified target (完成量).
    case target
    case owners
    /// The task itself: whether it exists (added, deleted, restored).
    case task
    /// A unit's name and short name.
    case unitName
    /// The plan's title, issuing body, year and time zone.
    case plan
    /// A whole unit, section, phase or activity (structure edits guard the whole of it).
    case unit, section, phase, activity
    /// A task's title and text; its section and phase; its own 牵头单位; its quantified target.
    case taskText, taskPlace, leads, targetSpec

    /// The label history lines and conflicts use.
    public var label: String {
        switch self {
        case .status: "状态"
        case .progress: "进度"
        case .due: "截止"
        case .notes: "备注"
        case .target: "完成量"
        case .owners: "责任单位"
        case .task: "任务"
        case .unitName: "单位名称"
        case .plan: "计划"
        case .unit: "单位"
        case .section: "部分"
        case .phase: "阶段"
        case .activity: "活动"
        case .taskText: "任务内容"
        case .taskPlace: "所属部分与阶段"
        case .leads: "牵头单位"
        case .targetSpec: "量化指标"
        }
    }
}

/// Why a set of edits was made: a change of its own, or undoing/redoing an earlier one.
/// Undo and redo are real edits, saved and recorded like any other, with a prefix in the history.
public enum EditKind: String, Sendable, CaseIterable {
    case change, undo, redo

    /// What the history line starts with: nothing, "撤销: " or "重做: ".
    public var historyPrefix: String {
        switch self {
        case .change: ""
        case .undo: "撤销: "
        case .redo: "重做: "
        }
    }
}

extension TaskStatus {
    /// The Chinese name history lines use: 未开始, 进行中, 已完成, 受阻, 已取消.
    public var historyLabel: String {
        switch self {
        case .notStarted: "未开始"
        case .inProgress: "进行中"
        case .done: "已完成"
        case .blocked: "受阻"
        case .cancelled: "已取消"
        }
    }
}

/// One change to a plan.
public enum PlanEdit: Equatable, Sendable {
    case setStatus(taskID: String, TaskStatus)
    case setProgress(taskID: String, Int)
    /// nil: no date of its own, the task is due at the end of its phase.
    case setDue(taskID: String, Day?)
    /// Adds a note stamped with the edit's time and user.
    case addNote(taskID: String, String)
    /// Removes the (last) note equal to this one; the undo of `addNote`.
    case removeNote(taskID: String, TaskNote)
    case setTargetAchieved(taskID: String, Int)
    /// Empty: the section's 责任单位 do the task.
    case setOwners(taskID: String, [String])
    /// Adds a task to the end of its section; its number becomes the section's next number.
    case addTask(PlanTask)
    /// Puts a deleted task back at its position, as it was (number and history included); the undo of `deleteTask`.
    case restoreTask(PlanTask, at: Int)
    case deleteTask(taskID: String)
    /// `shortName` nil: the short name is the name.
    case renameUnit(unitID: String, name: String, shortName: String?)
    /// A change to the plan's structure: units, sections, phases, activities, the plan's own fields, a
    /// task's text, place, leads or target (StructureEdit.swift).
    case structure(StructureEdit)

    /// The id of the task (or, for `renameUnit`, the unit) the edit touches.
    public var targetID: String {
        switch self {
        case let .setStatus(id, _), let .setProgress(id, _), let .setDue(id, _), let .addNote(id, _),
             let .removeNote(id, _), let .setTargetAchieved(id, _), let .setOwners(id, _), let .deleteTask(id):
            return id
        case let .addTask(t), let .restoreTask(t, _): return t.id
        case let .renameUnit(id, _, _): return id
        case let .structure(s): return s.targetID
        }
    }

    /// What kind of thing `targetID` names.
    public var subject: StructureEdit.Subject {
        switch self {
        case .renameUnit: .unit
        case let .structure(s): s.subject
        default: .task
        }
    }

    /// Whether the edit takes its target away (a task, unit, section, phase or activity); removing what
    /// another desk already removed changes nothing.
    public var isRemoval: Bool {
        switch self {
        case .deleteTask, .structure(.removeSection), .structure(.removeActivity): true
        case let .structure(.removeUnit(_, into)): into == nil
        case let .structure(.removePhase(_, to)): to == nil
        default: false
        }
    }

    /// Whether the edit may bring its target into being (adding a task, a unit …), so it needs no
    /// existing target when it is merged.
    public var mayCreate: Bool {
        switch self {
        case .addTask, .restoreTask: true
        case let .structure(s): s.mayCreate
        default: false
        }
    }

    /// The field the edit sets. (Setting status to done also sets progress; see the note at the top.)
    public var field: PlanField {
        switch self {
        case .setStatus: .status
        case .setProgress: .progress
        case .setDue: .due
        case .addNote, .removeNote: .notes
        case .setTargetAchieved: .target
        case .setOwners: .owners
        case .addTask, .restoreTask, .deleteTask: .task
        case .renameUnit: .unitName
        case let .structure(s): s.field
        }
    }

    /// The field whose concurrent change elsewhere conflicts with this edit. Notes are appended, so
    /// adding or removing one never conflicts (only the task's disappearance does).
    public var guardField: PlanField? {
        switch self {
        case .addNote, .removeNote: nil
        default: field
        }
    }

    /// The value `guardField` has once the edit is applied (nil: the task or unit no longer exists).
    public var targetValue: FieldValue? {
        switch self {
        case let .setStatus(_, s): .status(s)
        case let .setProgress(_, p): .progress(p)
        case let .setDue(_, d): .due(d)
        case let .setTargetAchieved(_, n): .achieved(n)
        case let .setOwners(_, o): .owners(o)
        case let .addTask(t), let .restoreTask(t, _): .task(t)
        case .deleteTask, .addNote, .removeNote: nil
        case let .renameUnit(_, name, short): .unitName(name: name, short: short ?? name)
        case let .structure(s): s.targetValue
        }
    }
}

/// The value of one field of one task or unit, for merging and conflicts.
public enum FieldValue: Equatable, Sendable {
    case status(TaskStatus)
    case progress(Int)
    case due(Day?)
    case achieved(Int)
    case owners([String])
    case unitName(name: String, short: String)
    case task(PlanTask)
    case planInfo(PlanInfo)
    case unit(Unit)
    case section(Section)
    case phase(Phase)
    case activity(Activity)
    case taskText(title: String, text: String)
    case taskPlace(section: String, phase: String)
    case leads([String])
    case targetSpec(QuantifiedTarget?)
    /// One note of a task (history records a note added or removed with it).
    case note(TaskNote)
}

/// An edit that could not be applied: what is wrong and which task or unit it concerns.
public enum PlanEditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No task has this id; `first`/`last` are the plan's first and last task ids, for the message.
    case unknownTask(id: String, first: String?, last: String?)
    /// No unit has this id; `task` is the task whose owners named it.
    case unknownUnit(id: String, task: String?)
    /// A value is out of range or otherwise not allowed.
    case invalid(id: String, field: PlanField, message: String)

    public var description: String {
        switch self {
        case let .unknownTask(id, first, last):
            guard let first, let last else { return "no task \(id) (the plan has no tasks)" }
            return "no task \(id) (tasks are \(first) … \(last))"
        case let .unknownUnit(id, task):
            let subject = task.map { "task \($0) 责任单位: " } ?? ""
            return "\(subject)no unit \(id) in the plan (units are listed by `shuangyong report units`)"
        case let .invalid(id, field, message):
            let subject: String
            switch field {
            case .unitName, .unit: subject = "unit"
            case .plan: return "plan: \(message)"
            case .section: subject = "section"
            case .phase: subject = "phase"
            case .activity: subject = "activity"
            default: subject = "task"
            }
            return "\(subject) \(id) \(field.label): \(message)"
        }
    }
}

/// What applying an edit did.
public struct AppliedEdit: Equatable, Sendable {
    public var edit: PlanEdit
    public var kind: EditKind
    /// The change in the history's words, without the undo/redo prefix, e.g. "进度: 20% → 60%".
    public var change: String
    /// The line appended to the task's history, or to the plan's (deleted tasks, units, the structure);
    /// nil for no-ops.
    public var history: HistoryEntry?
    /// The edits that undo this one, in order (empty for a no-op).
    public var inverse: [PlanEdit]
    /// The field already had the value: nothing changed and nothing was recorded.
    public var isNoOp: Bool
    /// The edit came from another, ended session's recovery file (`CommitResult.recovered`): saved by
    /// this commit but not made here, so `EditSession.record` leaves it out of undo and redo.
    public var isRecovered: Bool

    public init(edit: PlanEdit, kind: EditKind, change: String, history: HistoryEntry?, inverse: [PlanEdit], isNoOp: Bool,
                isRecovered: Bool = false) {
        self.edit = edit
        self.kind = kind
        self.change = change
        self.history = history
        self.inverse = inverse
        self.isNoOp = isNoOp
        self.isRecovered = isRecovered
    }

    /// "s2-1 进度: 20% → 60%" (with "撤销: " or "重做: " for undo and redo).
    public var line: String { "\(edit.targetID) \(kind.historyPrefix)\(change)" }
}

extension PlanEdit {
    /// Applies the edit to `plan`, appending the history entry (stamped `now` in the plan's time zone, by `user`).
    /// Throws, leaving `plan` unchanged, when the edit names an unknown task or unit or sets a bad value.
    @discardableResult
    public func apply(to plan: inout Plan, by user: String, at now: Date, kind: EditKind = .change) throws(PlanEditError) -> AppliedEdit {
        // The edit's time becomes a history line's `at`: it must be a plan time like every other.
        guard PlanDates.instants.contains(now.timeIntervalSince1970) else {
            throw .invalid(id: targetID, field: field,
                           message: "the change's time (\(now)) is outside the years a plan can hold (\(PlanDates.years.lowerBound)–\(PlanDates.years.upperBound)): is the clock right?")
        }
        let stamp = PlanEdit.timestamp(now, in: plan.timeZone)
        func taskIndex(_ id: String) throws(PlanEditError) -> Int {
            if let i = plan.tasks.firstIndex(where: { $0.id == id }) { return i }
            throw .unknownTask(id: id, first: plan.tasks.first?.id, last: plan.tasks.last?.id)
        }
        func noOp(_ change: String) -> AppliedEdit {
            AppliedEdit(edit: self, kind: kind, change: change, history: nil, inverse: [], isNoOp: true)
        }
        /// Records the change on task `i`, or (nil: a deleted task, a unit, the structure) in the plan's history.
        /// `changes`: what it changed as data; nil reads them from `inverse` (`Plan.changes(undoneBy:)`).
        func done(_ i: Int?, _ change: String, _ inverse: [PlanEdit], changes: [FieldChange]? = nil) -> AppliedEdit {
            let entry: HistoryEntry
            let recorded = changes ?? plan.changes(undoneBy: inverse)
            if let i {
                entry = HistoryEntry(at: stamp, by: user, change: kind.historyPrefix + change, changes: recorded)
                plan.tasks[i].history.append(entry)
            } else {
                let named = if case .structure = self { "" } else { targetID + " " }
                entry = HistoryEntry(at: stamp, by: user, change: named + kind.historyPrefix + change, changes: recorded)
                plan.history.append(entry)
            }
            return AppliedEdit(edit: self, kind: kind, change: change, history: entry, inverse: inverse, isNoOp: false)
        }

        switch self {
        case let .setStatus(id, status):
            let i = try taskIndex(id)
            let old = plan.tasks[i].status, oldProgress = plan.tasks[i].progress
            if old == status { return noOp("状态: 已是\(status.historyLabel)") }
            var change = "状态: \(old.historyLabel) → \(status.historyLabel)"
            var inverse: [PlanEdit] = [.setStatus(taskID: id, old)]
            plan.tasks[i].status = status
            if status == .done, oldProgress != 100 {
                plan.tasks[i].progress = 100
                change += "（进度 \(oldProgress)% → 100%）"
                inverse.append(.setProgress(taskID: id, oldProgress))
            }
            return done(i, change, inverse)

        case let .setProgress(id, progress):
            let i = try taskIndex(id)
            guard (0...100).contains(progress) else {
                throw .invalid(id: id, field: .progress, message: "\(progress) is out of range (allowed: 0–100)")
            }
            let old = plan.tasks[i].progress
            if old == progress { return noOp("进度: 已是 \(progress)%") }
            plan.tasks[i].progress = progress
            // A done task is at 100% (`PlanValidation`): less reopens it, as setting it done sets 100%.
            if plan.tasks[i].status == .done, progress < 100 {
                plan.tasks[i].status = .inProgress
                return done(i, "进度: \(old)% → \(progress)%（状态 \(TaskStatus.done.historyLabel) → \(TaskStatus.inProgress.historyLabel)）",
                            [.setProgress(taskID: id, old), .setStatus(taskID: id, .done)])
            }
            return done(i, "进度: \(old)% → \(progress)%", [.setProgress(taskID: id, old)])

        case let .setDue(id, due):
            let i = try taskIndex(id)
            if let due, let problem = PlanDates.dayProblem(due) { throw .invalid(id: id, field: .due, message: problem) }
            let old = plan.tasks[i].due
            if old == due { return noOp("截止: 已是 \(plan.describe(.due(due), of: id))") }
            let change = "截止: \(plan.describe(.due(old), of: id)) → \(plan.describe(.due(due), of: id))"
            plan.tasks[i].due = due
            return done(i, change, [.setDue(taskID: id, old)])

        case let .addNote(id, text):
            let i = try taskIndex(id)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .invalid(id: id, field: .notes, message: "a note needs some text")
            }
            let note = TaskNote(at: stamp, by: user, text: text)
            plan.tasks[i].notes.append(note)
            return done(i, "备注: " + PlanEdit.abbreviate(text), [.removeNote(taskID: id, note)])

        case let .removeNote(id, note):
            let i = try taskIndex(id)
            // The note is known by what a person sees (time, who, text): a copy read back from a recovery file
            // lacks the members of the plan file's note this program does not know.
            guard let k = plan.tasks[i].notes.lastIndex(where: { $0.at == note.at && $0.by == note.by && $0.text == note.text }) else {
                return noOp("备注: 已不存在")
            }
            let removed = plan.tasks[i].notes.remove(at: k)
            return done(i, "删除备注: " + PlanEdit.abbreviate(note.text), [.addNote(taskID: id, note.text)],
                        changes: [FieldChange(field: .notes, id: id, before: .note(removed), after: nil, position: k)])

        case let .setTargetAchieved(id, achieved):
            let i = try taskIndex(id)
            guard let target = plan.tasks[i].target else {
                throw .invalid(id: id, field: .target, message: "this task has no quantified target (完成量指标) to count against")
            }
            guard (0...1_000_000_000).contains(achieved) else {
                throw .invalid(id: id, field: .target, message: "\(achieved) is not allowed (a count from 0 up)")
            }
            if target.achieved == achieved { return noOp("完成量: 已是 \(achieved) \(target.unit)") }
            plan.tasks[i].target!.achieved = achieved
            return done(i, "完成量: \(target.achieved) → \(achieved) \(target.unit)", [.setTargetAchieved(taskID: id, target.achieved)])

        case let .setOwners(id, owners):
            let i = try taskIndex(id)
            for u in owners where !plan.units.contains(where: { $0.id == u }) { throw .unknownUnit(id: u, task: id) }
            if Set(owners).count != owners.count {
                throw .invalid(id: id, field: .owners, message: "a unit is named twice")
            }
            let old = plan.tasks[i].ownerUnits
            if old == owners { return noOp("责任单位: 已是 \(plan.describe(.owners(owners), of: id))") }
            let change = "责任单位: \(plan.describe(.owners(old), of: id)) → \(plan.describe(.owners(owners), of: id))"
            plan.tasks[i].ownerUnits = owners
            return done(i, change, [.setOwners(taskID: id, old)])

        case let .addTask(task):
            try PlanEdit.checkNewTask(task, in: plan)
            var t = task
            t.number = (plan.tasks.lazy.filter { $0.sectionID == task.sectionID }.map(\.number).max() ?? 0) + 1
            let at = (plan.tasks.lastIndex { $0.sectionID == task.sectionID }).map { $0 + 1 } ?? plan.tasks.count
            plan.tasks.insert(t, at: at)
            return done(at, "新增任务: \(t.title)", [.deleteTask(taskID: t.id)])

        case let .restoreTask(task, position):
            try PlanEdit.checkNewTask(task, in: plan)
            let at = min(max(position, 0), plan.tasks.count)
            plan.tasks.insert(task, at: at)
            return done(at, "恢复任务: \(task.title)", [.deleteTask(taskID: task.id)])

        case let .deleteTask(id):
            let i = try taskIndex(id)
            let task = plan.tasks.remove(at: i)
            return done(nil, "删除任务: \(task.title)", [.restoreTask(task, at: i)])

        case let .renameUnit(id, name, shortName):
            guard let k = plan.units.firstIndex(where: { $0.id == id }) else { throw .unknownUnit(id: id, task: nil) }
            guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .invalid(id: id, field: .unitName, message: "a unit needs a name")
            }
            let short = shortName ?? name
            guard !short.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .invalid(id: id, field: .unitName, message: "the short name must not be empty")
            }
            let old = plan.units[k]
            if old.name == name, old.shortName == short { return noOp("单位名称: 已是 \(name)") }
            plan.units[k].name = name
            plan.units[k].shortName = short
            return done(nil, "单位名称: \(plan.describe(.unitName(name: old.name, short: old.shortName), of: id)) → \(plan.describe(.unitName(name: name, short: short), of: id))",
                        [.renameUnit(unitID: id, name: old.name, shortName: old.shortName)])

        case let .structure(edit):
            switch try edit.apply(to: &plan) {
            case let .noOp(change): return noOp(change)
            case let .changed(change, inverse, task, changes): return done(task, change, inverse, changes: changes)
            }
        }
    }

    /// The plan with the edit applied, and what was done.
    public func applying(to plan: Plan, by user: String, at now: Date, kind: EditKind = .change) throws(PlanEditError) -> (plan: Plan, applied: AppliedEdit) {
        var p = plan
        let a = try apply(to: &p, by: user, at: now, kind: kind)
        return (p, a)
    }

    /// A task to add must have a fresh id, a known section, phase and owners, a title and progress 0–100.
    static func checkNewTask(_ t: PlanTask, in plan: Plan) throws(PlanEditError) {
        if t.id.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalid(id: t.id, field: .task, message: "a task needs an id") }
        if plan.tasks.contains(where: { $0.id == t.id }) {
            throw .invalid(id: t.id, field: .task, message: "a task with this id already exists")
        }
        if !plan.sections.contains(where: { $0.id == t.sectionID }) {
            throw .invalid(id: t.id, field: .task, message: "unknown section \(t.sectionID) (sections are \(plan.sections.map(\.id).joined(separator: ", ")))")
        }
        if !plan.phases.contains(where: { $0.id == t.phaseID }) {
            throw .invalid(id: t.id, field: .task, message: "unknown phase \(t.phaseID) (phases are \(plan.phases.map(\.id).joined(separator: ", ")))")
        }
        for u in t.ownerUnits where !plan.units.contains(where: { $0.id == u }) { throw .unknownUnit(id: u, task: t.id) }
        if t.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalid(id: t.id, field: .task, message: "a task needs a title")
        }
        if !(0...100).contains(t.progress) {
            throw .invalid(id: t.id, field: .progress, message: "\(t.progress) is out of range (allowed: 0–100)")
        }
    }

    /// An instant as ISO 8601 with the zone's offset at that instant, e.g. 2026-07-03T09:15:00+08:00.
    ///
    /// From 1601 to 9999 (`Day.fastInstants`) the local time is the zone's offset plus day arithmetic, as
    /// for `Day(exactInstant:in:)` (making a Gregorian `Calendar` was a tenth of an edit's own work);
    /// outside it Foundation's calendar answers.
    public static func timestamp(_ instant: Date, in zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        if Day.fastInstants.contains(instant.timeIntervalSince1970) {
            let local = Int((instant.timeIntervalSince1970 + Double(offset)).rounded(.down))
            let ordinal = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
            let d = Day(ordinal: ordinal), inDay = local - ordinal * 86_400
            (year, month, day, hour, minute, second) = (d.year, d.month, d.day, inDay / 3_600, inDay / 60 % 60, inDay % 60)
        } else {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = zone
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
            (year, month, day, hour, minute, second) = (c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let yearText = String(year)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
            + "T" + two(hour) + ":" + two(minute) + ":" + two(second) + sign + two(minutes / 60) + ":" + two(minutes % 60)
    }

    /// The first line of a note, cut to 40 characters (with "…" when anything was cut), for a history line.
    public static func abbreviate(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let multiLine = line.count < text.trimmingCharacters(in: .whitespacesAndNewlines).count
        if line.count > 40 { return String(line.prefix(40)) + "…" }
        return multiLine ? line + "…" : line
    }
}

extension Plan {
    /// The current value of `field` of the task (or unit) `id`; nil when it does not exist
    /// (or, for `.target`, when the task has no quantified target; for `.notes`, always nil: notes are appended).
    public func value(of field: PlanField, id: String) -> FieldValue? {
        switch field {
        case .unitName: return units.first { $0.id == id }.map { .unitName(name: $0.name, short: $0.shortName) }
        case .plan: return .planInfo(info)
        case .unit: return units.first { $0.id == id }.map(FieldValue.unit)
        case .section: return sections.first { $0.id == id }.map(FieldValue.section)
        case .phase: return phases.first { $0.id == id }.map(FieldValue.phase)
        case .activity: return activities.first { $0.id == id }.map(FieldValue.activity)
        default: break
        }
        guard let t = tasks.first(where: { $0.id == id }) else { return nil }
        switch field {
        case .status: return .status(t.status)
        case .progress: return .progress(t.progress)
        case .due: return .due(t.due)
        case .target: return t.target.map { .achieved($0.achieved) }
        case .owners: return .owners(t.ownerUnits)
        case .task: return .task(t)
        case .taskText: return .taskText(title: t.title, text: t.text)
        case .taskPlace: return .taskPlace(section: t.sectionID, phase: t.phaseID)
        case .leads: return .leads(t.leadUnits)
        case .targetSpec: return .targetSpec(t.target)
        case .notes, .unitName, .plan, .unit, .section, .phase, .activity: return nil
        }
    }

    /// A value as a person reads it: 进行中, 60%, 2026-10-20, 阶段末(2026-09-30), 县人社局、县民政局 …
    /// `id` is the task (or unit) the value belongs to, for the phase end and the target's measure word.
    public func describe(_ value: FieldValue?, of id: String) -> String {
        guard let value else { return "(无)" }
        let task = tasks.first { $0.id == id }
        switch value {
        case let .status(s): return s.historyLabel
        case let .progress(p): return "\(p)%"
        case let .due(d?): return d.iso
        case .due(nil):
            if let phase = task.flatMap({ t in phases.first { $0.id == t.phaseID } }) { return "阶段末(\(phase.end.iso))" }
            return "阶段末"
        case let .achieved(n): return "\(n)" + (task?.target.map { " " + $0.unit } ?? "")
        case let .owners(o):
            if o.isEmpty { return "(按分工)" }
            return o.map { u in units.first { $0.id == u }?.shortName ?? u }.joined(separator: "、")
        case let .unitName(name, short): return short == name ? name : "\(name)（简称 \(short)）"
        case let .task(t): return "「\(t.title)」"
        case let .planInfo(i): return "「\(i.title)」\(i.organization.isEmpty ? "" : " " + i.organization) \(i.year)年" + (i.timeZoneID == "Asia/Shanghai" ? "" : " " + i.timeZoneID)
        case let .unit(u): return (u.shortName == u.name ? u.name : "\(u.name)（简称 \(u.shortName)）") + "（\(u.kind.label)）"
        case let .section(s):
            return "(\(s.number)) \(s.title)  牵头 \(describe(.owners(s.leadUnits), of: id))  责任 \(describe(.owners(s.responsibleUnits), of: id))"
        case let .phase(p): return "\(p.name) \(p.start.iso)–\(p.end.iso)"
        case let .activity(a): return "\(a.title) (\(a.rule.text))"
        case let .taskText(title, _): return "「\(title)」"
        case let .taskPlace(s, p):
            let section = sections.first { $0.id == s }.map { "(\($0.number)) \($0.title)" } ?? s
            let phase = phases.first { $0.id == p }?.name ?? p
            return section + " / " + phase
        case let .leads(l): return l.isEmpty ? "(按部分)" : describe(.owners(l), of: id)
        case let .targetSpec(t): return t.map { "\($0.label.isEmpty ? "" : $0.label + " ")\($0.achieved)/\($0.required) \($0.unit)" } ?? "(无)"
        case let .note(n): return "「\(PlanEdit.abbreviate(n.text))」"
        }
    }
}

/// Undo and redo within one session: a pure value the dashboard keeps beside its `PlanDocument`.
///
/// Every successful commit is recorded (`record(_:)`); undo and redo hand back the edits to commit,
/// which are saved and recorded in the history like any change (with "撤销: " / "重做: ").
public struct EditSession: Equatable, Sendable {
    /// One user action: the edits that made it and the edits that take it back.
    public struct Step: Equatable, Sendable {
        /// The edits as made, in order; redo commits them again.
        public var edits: [PlanEdit]
        /// The edits that undo the step, in order.
        public var inverse: [PlanEdit]
        /// The history lines, e.g. ["s2-1 进度: 20% → 60%"], for a status line ("撤销 s2-1 进度 …").
        public var lines: [String]

        public init(edits: [PlanEdit], inverse: [PlanEdit], lines: [String]) {
            self.edits = edits
            self.inverse = inverse
            self.lines = lines
        }

        init?(_ applied: [AppliedEdit]) {
            let real = applied.filter { !$0.isNoOp }
            guard !real.isEmpty else { return nil }
            self.init(edits: real.map(\.edit), inverse: real.reversed().flatMap(\.inverse), lines: real.map(\.line))
        }
    }

    public private(set) var undoStack: [Step] = []
    public private(set) var redoStack: [Step] = []
    /// How many steps undo can go back.
    public var limit: Int

    public init(limit: Int = 500) { self.limit = limit }

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }
    /// The edits to commit (with kind `.undo`) to undo the last step.
    public var undoEdits: [PlanEdit]? { undoStack.last?.inverse }
    /// The edits to commit (with kind `.redo`) to redo the last undone step.
    public var redoEdits: [PlanEdit]? { redoStack.last?.edits }

    /// Records what a successful commit saved: a change becomes a new undo step (and clears redo);
    /// an undo moves its step to the redo stack; a redo moves it back (with fresh inverses).
    /// Edits recovered from another session (`isRecovered`) are left out: they are not this session's.
    public mutating func record(_ applied: [AppliedEdit]) {
        let applied = applied.filter { !$0.isRecovered }
        // A commit can carry edits of an earlier, failed commit first: handle each run of one kind.
        var start = 0
        while start < applied.count {
            let kind = applied[start].kind
            var end = start
            while end < applied.count, applied[end].kind == kind { end += 1 }
            let run = Array(applied[start..<end])
            switch kind {
            case .change:
                if let step = Step(run) {
                    undoStack.append(step)
                    if undoStack.count > limit { undoStack.removeFirst(undoStack.count - limit) }
                    redoStack.removeAll()
                }
            case .undo:
                if let step = undoStack.popLast() { redoStack.append(step) }
            case .redo:
                if redoStack.popLast() != nil, let step = Step(run) { undoStack.append(step) }
            }
            start = end
        }
    }
}
