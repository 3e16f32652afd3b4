import ArgumentParser
import Dashboard
import Foundation
import PlanFile
import ShuangyongKit

// `shuangyong unit|section|phase|activity|task|plan …`: the plan's structure changed from a script, through
// the same path as every edit (validated, recorded with who and when, merged with other desks under the
// save lock, kept in the recovery file when it cannot be saved). Wherever a command takes a unit, section or
// phase, its id or its name will do.
//
// Every command names itself (`commandName:`): ArgumentParser builds the whole command tree on every run,
// even for `--version`, and a command without a name gets one from `String(describing: Self.self)`, whose
// dynamic casts scan all the program's protocol conformances once per type (a third of `--version`'s
// instructions for these 17 commands before they were named; see DECISIONS.md, start-up).

/// Options every structure command shares: the plan, the language, who makes the change.
struct StructureOptions: ParsableArguments {
    @OptionGroup var plan: PlanOptions

    @Option(help: "Record the change as made by NAME (default: $SHUANGYONG_USER, else your login name).")
    var user: String?

    /// Messages in this run's language (`--lang`, else the locale), as every command's.
    var language: MessageLanguage { L.messages }

    /// Opens the plan, lets `make` build the edits from the plan as it is, saves them as one change and
    /// prints what changed. Exit status 1 when refused or not saved (the message says why, and whether the
    /// change is queued or lost), 3 on a conflict with another desk.
    func change(_ make: (Plan) throws -> [PlanEdit]) throws {
        let l = language.line
        let path = try plan.resolvePath()
        let doc: PlanDocument
        do {
            doc = try PlanDocument(path: path, options: .init(snapshots: PlanSnapshots.standard()))
        } catch {
            throw fail(error.message(L.messages) + "\n" + l("（`shuangyong validate \(path)` 列出全部问题）", "(run `shuangyong validate \(path)` to list every problem)"))
        }
        if let reason = doc.readOnlyReason {
            throw fail(l("未保存：\(path) 只读（\(PlanMessagesChinese.readOnlyReason(reason))），未作任何更改", "not saved: \(path) is read-only (\(reason)): nothing was changed"))
        }
        let edits: [PlanEdit]
        do {
            edits = try make(doc.plan)
        } catch let refusal as Refusal {
            throw fail(l("未保存：", "not saved: ") + refusal.message)
        }
        let who = EditUser.resolve(explicit: user)
        let result: CommitResult
        do {
            result = try doc.commit(edits, by: who, at: Date())
        } catch {
            throw fail(error.explanation(for: .command, in: language))
        }
        for a in result.applied {
            say(a.isNoOp ? "\(a.change) — " + l("无需更改", "nothing to change")
                         : (a.edit.subject == .task ? a.line : a.change) + " — " + l("已保存到 \(path)", "saved to \(path)"))
        }
        if !result.conflicts.isEmpty {
            var text = l("冲突，未保存：另一席位同时改了同一项", "conflict — not saved: another desk changed the same thing meanwhile") + ":\n"
            for c in result.conflicts { text += "  \(c.message(L.messages))\n" }
            note(text + l("文件保留对方的值；要用你的值覆盖，请重新运行命令", "the file keeps the other desk's value; to put yours over it, run the command again"))
            throw ExitCode(3)
        }
    }
}

/// Why a structure command refuses its arguments (an unknown unit, a name that fits two sections …).
struct Refusal: Error {
    var message: String
}

/// Finding a unit, section, phase, activity or task by what a person types: its id, its name (full or
/// short), or for a section its number.
enum Lookup {
    static func unit(_ s: String, in plan: Plan) throws -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let u = plan.units.first(where: { $0.id == t }) ?? plan.units.first(where: { $0.name == t })
            ?? plan.units.first(where: { $0.shortName == t }) {
            return u.id
        }
        throw Refusal(message: "no unit \"\(t)\" (units: " + plan.units.prefix(12).map { "\($0.id) \($0.name)" }.joined(separator: ", ")
                      + (plan.units.count > 12 ? " …" : "") + "; add it with `shuangyong unit add`)")
    }

    /// Units from repeated options or lists written with , ， 、 or spaces between them.
    static func units(_ values: [String], in plan: Plan) throws -> [String] {
        var out: [String] = []
        for v in values {
            for part in v.split(whereSeparator: { ",，、 ".contains($0) }) {
                let id = try unit(String(part), in: plan)
                if !out.contains(id) { out.append(id) }
            }
        }
        return out
    }

    static func section(_ s: String, in plan: Plan) throws -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let x = plan.sections.first(where: { $0.id == t || $0.title == t }) ?? Int(t).flatMap({ n in plan.sections.first { $0.number == n } }) {
            return x.id
        }
        throw Refusal(message: "no section \"\(t)\" (sections: " + plan.sections.map { "\($0.id) \($0.title)" }.joined(separator: ", ") + ")")
    }

    static func phase(_ s: String, in plan: Plan) throws -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let p = plan.phases.first(where: { $0.id == t || $0.name == t }) { return p.id }
        throw Refusal(message: "no phase \"\(t)\" (phases: " + plan.phases.map { "\($0.id) \($0.name)" }.joined(separator: ", ") + ")")
    }

    static func activity(_ s: String, in plan: Plan) throws -> Activity {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let a = plan.activities.first(where: { $0.id == t || $0.title == t }) { return a }
        throw Refusal(message: "no activity \"\(t)\" (activities: " + plan.activities.map { "\($0.id) \($0.title)" }.joined(separator: ", ") + ")")
    }

    static func task(_ s: String, in plan: Plan) throws -> PlanTask {
        if let t = plan.tasks.first(where: { $0.id == s }) { return t }
        throw Refusal(message: "no task \(s) (`shuangyong report tasks` lists them)")
    }

    /// A day as a desk writes it (2027-06-30, 2027/6/30, 2027年6月30日, 6月30日 in the plan year).
    static func day(_ option: String, _ text: String, in plan: Plan) throws -> Day {
        try resolvedDay(option, text, planYear: plan.year)
    }
}

extension UnitKind: ExpressibleByArgument {}

extension ActivityKind: ExpressibleByArgument {}

/// The activity rule option: `--rule "yearly 08-01"` and the other forms of `Recurrence.init(text:)`.
private func ruleArgument(_ text: String) throws -> Recurrence {
    guard let rule = Recurrence(text: text) else {
        throw Refusal(message: "--rule \"\(text)\" is not a rule; write one of: " + Recurrence.textHelp)
    }
    return rule
}

// MARK: unit

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit", _superCommandName: "shuangyong", abstract: L.t("添加、改名、合并或删除单位。", "Add, rename, merge or remove a unit (单位)."),
        subcommands: [Add.self, Rename.self, Merge.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: L.t("添加单位：`shuangyong unit add 县民政局 --kind government plan.json`。", "Add a unit: `shuangyong unit add 县民政局 --kind government plan.json`."))
        @Argument(help: "The unit's full name, e.g. 县民政局.") var name: String
        @Option(help: "Its short name (default: the name).") var short: String?
        @Option(help: "party, government, military, township or other (default: guessed from the name, and said so).") var kind: UnitKind?
        @Option(help: "Its id (default: the name's pinyin initials, e.g. xmzj).") var id: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            let l = options.language.line
            try options.change { plan in
                if plan.units.contains(where: { $0.name == name }) { throw Refusal(message: "the plan already has a unit \(name)") }
                let unitID = id ?? Wizard.newID(for: name, taken: Set(plan.units.map(\.id)))
                if kind == nil { note(l("单位类别按名称推定为 \(UnitKind.guess(name).rawValue)（可用 --kind 指定）",
                                        "kind guessed from the name: \(UnitKind.guess(name).rawValue) (give --kind to choose)")) }
                return [.structure(.putUnit(Unit(id: unitID, name: name, shortName: short, kind: kind ?? UnitKind.guess(name)), at: nil))]
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: L.t("单位改名、改简称或类别；各处引用随之改变（引用的是编号）。", "Rename a unit, change its short name or kind; every reference follows (they use its id)."))
        @Argument(help: "The unit: its id or name.") var unit: String
        @Argument(help: "Its new full name.") var name: String
        @Option(help: "Its new short name (default: the new name).") var short: String?
        @Option(help: "A new kind: party, government, military, township or other.") var kind: UnitKind?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let id = try Lookup.unit(unit, in: plan)
                var u = plan.units.first { $0.id == id }!
                u.name = name
                u.shortName = short ?? name
                if let kind { u.kind = kind }
                return [.structure(.putUnit(u, at: nil))]
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "merge",
            abstract: "Merge a unit into another: every section, task and activity that names it names the other; it is removed.")
        @Argument(help: "The unit that goes: its id or name.") var unit: String
        @Argument(help: "The unit that stays: its id or name.") var into: String
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                [.structure(.removeUnit(unitID: try Lookup.unit(unit, in: plan), reassignTo: try Lookup.unit(into, in: plan)))]
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove",
            abstract: "Remove a unit; refused while anything names it (the message lists where), unless --reassign-to names who takes over.")
        @Argument(help: "The unit: its id or name.") var unit: String
        @Option(help: "The unit that takes over every reference (a merge).") var reassignTo: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                [.structure(.removeUnit(unitID: try Lookup.unit(unit, in: plan), reassignTo: try reassignTo.map { try Lookup.unit($0, in: plan) }))]
            }
        }
    }
}

// MARK: section

struct SectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "section", _superCommandName: "shuangyong", abstract: L.t("添加、修改或删除部分及其牵头单位、责任单位。", "Add, change or remove a section (部分) with its 牵头单位 and 责任单位."),
        subcommands: [Add.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: L.t("添加部分：`shuangyong section add 组织领导 --lead 县民政局 --responsible 各乡镇 plan.json`。", "Add a section: `shuangyong section add 组织领导 --lead 县民政局 --responsible 各乡镇 plan.json`."))
        @Argument(help: "Its title.") var title: String
        @Option(help: "Its number (default: the next).") var number: Int?
        @Option(help: "牵头单位: ids or names, repeated or separated by 、 or commas.") var lead: [String] = []
        @Option(help: "责任单位: ids or names, repeated or separated by 、 or commas.") var responsible: [String] = []
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let n = number ?? (plan.sections.map(\.number).max() ?? 0) + 1
                var id = "s\(n)", k = 2
                while plan.sections.contains(where: { $0.id == id }) { id = "s\(n)-\(k)"; k += 1 }
                let section = Section(id: id, number: n, title: title, leadUnits: try Lookup.units(lead, in: plan),
                                      responsibleUnits: try Lookup.units(responsible, in: plan))
                return [.structure(.putSection(section, at: nil))]
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: L.t("修改部分的标题、序号、位置或单位。", "Retitle, renumber or move a section, or set its units."))
        @Argument(help: "The section: its id, title or number.") var section: String
        @Option(help: "A new title.") var title: String?
        @Option(help: "A new number (numbers are unique).") var number: Int?
        @Option(help: "Move it to this position in the list (1 = first).") var position: Int?
        @Option(help: "New 牵头单位 (all of them).") var lead: [String] = []
        @Option(help: "New 责任单位 (all of them).") var responsible: [String] = []
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let id = try Lookup.section(section, in: plan)
                var s = plan.sections.first { $0.id == id }!
                if let title { s.title = title }
                if let number { s.number = number }
                if !lead.isEmpty { s.leadUnits = try Lookup.units(lead, in: plan) }
                if !responsible.isEmpty { s.responsibleUnits = try Lookup.units(responsible, in: plan) }
                return [.structure(.putSection(s, at: position.map { $0 - 1 }))]
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: L.t("删除部分；其中还有任务时不能删除。", "Remove a section; refused while it holds tasks."))
        @Argument(help: "The section: its id, title or number.") var section: String
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in [.structure(.removeSection(sectionID: try Lookup.section(section, in: plan)))] }
        }
    }
}

// MARK: phase

struct PhaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase", _superCommandName: "shuangyong", abstract: L.t("添加、修改或删除阶段及其日期。", "Add, change or remove a phase (阶段) and its dates."),
        subcommands: [Add.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: L.t("添加阶段：`shuangyong phase add 全面实施 --start 2027-04-01 --end 2027-09-30 plan.json`。", "Add a phase: `shuangyong phase add 全面实施 --start 2027-04-01 --end 2027-09-30 plan.json`."))
        @Argument(help: "Its name.") var name: String
        @Option(help: "First day (YYYY-MM-DD).") var start: String
        @Option(help: "Last day (YYYY-MM-DD).") var end: String
        @Option(help: "What happens in it.") var summary: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                var n = plan.phases.count + 1
                while plan.phases.contains(where: { $0.id == "p\(n)" }) { n += 1 }
                let phase = Phase(id: "p\(n)", name: name, start: try Lookup.day("--start", start, in: plan), end: try Lookup.day("--end", end, in: plan),
                                  summary: summary ?? "")
                return [.structure(.putPhase(phase, at: nil))]
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit",
            abstract: "Rename a phase or change its dates; tasks due on its last day move with a new end.")
        @Argument(help: "The phase: its id or name.") var phase: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "A new first day.") var start: String?
        @Option(help: "A new last day.") var end: String?
        @Option(help: "A new summary.") var summary: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let id = try Lookup.phase(phase, in: plan)
                var p = plan.phases.first { $0.id == id }!
                if let name { p.name = name }
                if let start { p.start = try Lookup.day("--start", start, in: plan) }
                if let end { p.end = try Lookup.day("--end", end, in: plan) }
                if let summary { p.summary = summary }
                return [.structure(.putPhase(p, at: nil))]
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a phase; refused while tasks use it, unless --move-tasks-to names another.")
        @Argument(help: "The phase: its id or name.") var phase: String
        @Option(help: "The phase its tasks move to.") var moveTasksTo: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                [.structure(.removePhase(phaseID: try Lookup.phase(phase, in: plan), moveTasksTo: try moveTasksTo.map { try Lookup.phase($0, in: plan) }))]
            }
        }
    }
}

// MARK: activity

struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity", _superCommandName: "shuangyong", abstract: L.t("添加、修改或删除经常性活动（八一走访、督查、全民国防教育日……）。", "Add, change or remove a recurring activity (八一 visits, inspections, 全民国防教育日 …)."),
        discussion: "Rules: " + Recurrence.textHelp + ".",
        subcommands: [Add.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add an activity: `shuangyong activity add 全民国防教育日 --rule \"nth-weekday 09 3 sat\" plan.json`.")
        @Argument(help: "Its title.") var title: String
        @Option(help: ArgumentHelp("When: " + Recurrence.textHelp + ".")) var rule: String
        @Option(help: "visit, campaign, meeting, inspection, report or other.") var kind: ActivityKind = .other
        @Option(help: "Units taking part: ids or names.") var units: [String] = []
        @Option(help: "What the plan says of it.") var summary: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let id = Wizard.newID(for: title, prefix: "a-", taken: Set(plan.activities.map(\.id)))
                let a = Activity(id: id, title: title, kind: kind, units: try Lookup.units(units, in: plan), rule: try ruleArgument(rule),
                                 summary: summary ?? "")
                return [.structure(.putActivity(a, at: nil))]
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: L.t("修改活动的名称、时间规则、类别、参与单位或说明。", "Change an activity's title, rule, kind, units or summary."))
        @Argument(help: "The activity: its id or title.") var activity: String
        @Option(help: "A new title.") var title: String?
        @Option(help: "A new rule.") var rule: String?
        @Option(help: "A new kind.") var kind: ActivityKind?
        @Option(help: "New units (all of them).") var units: [String] = []
        @Option(help: "A new summary.") var summary: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                var a = try Lookup.activity(activity, in: plan)
                if let title { a.title = title }
                if let rule { a.rule = try ruleArgument(rule) }
                if let kind { a.kind = kind }
                if !units.isEmpty { a.units = try Lookup.units(units, in: plan) }
                if let summary { a.summary = summary }
                return [.structure(.putActivity(a, at: nil))]
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: L.t("删除活动。", "Remove an activity."))
        @Argument(help: "The activity: its id or title.") var activity: String
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in [.structure(.removeActivity(activityID: try Lookup.activity(activity, in: plan).id))] }
        }
    }
}

// MARK: task

/// `--target "2 篇 市级以上稿件"`: the required count, the measure word, an optional label.
private func targetArgument(_ text: String, achieved: Int) throws -> QuantifiedTarget {
    let words = text.split(separator: " ").map(String.init)
    guard words.count >= 2, let required = Int(words[0]) else {
        throw Refusal(message: "--target \"\(text)\": write the count, the measure word and a label, e.g. \"2 篇 市级以上稿件\"")
    }
    return QuantifiedTarget(required: required, achieved: achieved, unit: words[1], label: words.dropFirst(2).joined(separator: " "))
}

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", _superCommandName: "shuangyong", abstract: L.t("添加、修改或删除任务；状态和进度用 `shuangyong edit`。", "Add, change or remove a task; status and progress are `shuangyong edit`."),
        subcommands: [Add.self, Edit.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: L.t("添加任务：`shuangyong task add --section 组织领导 --phase 全面实施 --title 召开领导小组会议 plan.json`。", "Add a task: `shuangyong task add --section 组织领导 --phase 全面实施 --title 召开领导小组会议 plan.json`."))
        @Option(help: "Its section: id, title or number.") var section: String
        @Option(help: "Its phase: id or name.") var phase: String
        @Option(help: "Its title.") var title: String
        @Option(help: "Its full text (default: the title).") var text: String?
        @Option(help: "Its due date (default: the end of its phase).") var due: String?
        @Option(help: "Units doing it, when not the section's 责任单位.") var owners: [String] = []
        @Option(help: "Its own 牵头单位, when not the section's.") var lead: [String] = []
        @Option(help: "A quantified target, e.g. \"2 篇 市级以上稿件\".") var target: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let sectionID = try Lookup.section(section, in: plan)
                let number = (plan.tasks.filter { $0.sectionID == sectionID }.map(\.number).max() ?? 0) + 1
                var n = number
                while plan.tasks.contains(where: { $0.id == "\(sectionID)-\(n)" }) { n += 1 }
                var task = PlanTask(id: "\(sectionID)-\(n)", sectionID: sectionID, number: n, title: title, text: text ?? title,
                                    phaseID: try Lookup.phase(phase, in: plan), ownerUnits: try Lookup.units(owners, in: plan),
                                    due: try due.map { try Lookup.day("--due", $0, in: plan) })
                task.leadUnits = try Lookup.units(lead, in: plan)
                task.target = try target.map { try targetArgument($0, achieved: 0) }
                return [.addTask(task)]
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit",
            abstract: "Change a task's title, text, section, phase, due date, units or target: `shuangyong task edit s1-1 --title … --due 2027-06-30 plan.json`.")
        @Argument(help: "The task id.") var task: String
        @Option(help: "A new title.") var title: String?
        @Option(help: "A new full text.") var text: String?
        @Option(help: "Move it to this section.") var section: String?
        @Option(help: "Move it to this phase.") var phase: String?
        @Option(help: "A new due date, or \"none\" for the end of its phase.") var due: String?
        @Option(help: "Units doing it (all of them); \"none\": the section's.") var owners: [String] = []
        @Option(help: "Its own 牵头单位 (all of them); \"none\": the section's.") var lead: [String] = []
        @Option(help: "A quantified target, e.g. \"2 篇 市级以上稿件\"; \"none\" removes it.") var target: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                let t = try Lookup.task(task, in: plan)
                var edits: [PlanEdit] = []
                if title != nil || text != nil {
                    edits.append(.structure(.setTaskText(taskID: t.id, title: title ?? t.title, text: text ?? t.text)))
                }
                if section != nil || phase != nil {
                    edits.append(.structure(.moveTask(taskID: t.id, sectionID: try section.map { try Lookup.section($0, in: plan) } ?? t.sectionID,
                                                      phaseID: try phase.map { try Lookup.phase($0, in: plan) } ?? t.phaseID)))
                }
                if let due { edits.append(.setDue(taskID: t.id, due == "none" ? nil : try Lookup.day("--due", due, in: plan))) }
                if !owners.isEmpty { edits.append(.setOwners(taskID: t.id, owners == ["none"] ? [] : try Lookup.units(owners, in: plan))) }
                if !lead.isEmpty { edits.append(.structure(.setTaskLeads(taskID: t.id, lead == ["none"] ? [] : try Lookup.units(lead, in: plan)))) }
                if let target {
                    let spec = target == "none" ? nil : try targetArgument(target, achieved: t.target?.achieved ?? 0)
                    edits.append(.structure(.setTarget(taskID: t.id, spec)))
                }
                if edits.isEmpty { throw Refusal(message: "nothing to change: give --title, --text, --section, --phase, --due, --owners, --lead or --target") }
                return edits
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a task (its history goes with it; the plan's history records the removal).")
        @Argument(help: "The task id.") var task: String
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in [.deleteTask(taskID: try Lookup.task(task, in: plan).id)] }
        }
    }
}

// MARK: plan

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", _superCommandName: "shuangyong", abstract: L.t("修改计划本身的标题、发文单位、年度或时区。", "Change the plan's own title, issuing body, year or time zone."), subcommands: [Edit.self])

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: L.t("`shuangyong plan edit --title … --org … plan.json`。", "`shuangyong plan edit --title … --org … plan.json`."))
        @Option(help: "A new title.") var title: String?
        @Option(help: "A new issuing body (发文单位).") var org: String?
        @Option(help: "A new plan year.") var year: Int?
        @Option(help: "A new time zone, e.g. Asia/Shanghai.") var timeZone: String?
        @OptionGroup var options: StructureOptions

        func run() throws {
            try options.change { plan in
                var info = plan.info
                if let title { info.title = title }
                if let org { info.organization = org }
                if let year { info.year = year }
                if let timeZone { info.timeZoneID = timeZone }
                return [.structure(.setPlanInfo(info))]
            }
        }
    }
}
