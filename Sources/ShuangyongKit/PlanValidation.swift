/// Cross-reference and range rules a plan must satisfy, each problem with a path and id.
public enum PlanValidation {
    /// Problems in `plan`. References into a list named in `unreadableLists` (e.g. "units" when the file's
    /// `units` was not a list) are not checked: each would only repeat that one problem.
    public static func problems(in plan: Plan, unreadableLists: Set<String> = []) -> [PlanProblem] {
        var out: [PlanProblem] = []
        func add(_ path: String, _ id: String?, _ message: String) {
            out.append(PlanProblem(path: path, id: id, message: message))
        }
        func checkIDs(_ ids: [String], _ list: String) -> Set<String> {
            var seen = Set<String>()
            seen.reserveCapacity(ids.count)
            for (k, id) in ids.enumerated() {
                if id.isEmpty { add("\(list)[\(k)].id", nil, "an id must not be empty") }
                else if !seen.insert(id).inserted { add("\(list)[\(k)].id", id, "duplicate id (ids must be unique among \(list))") }
            }
            return seen
        }
        let units = checkIDs(plan.units.map(\.id), "units")
        let phases = checkIDs(plan.phases.map(\.id), "phases")
        let sections = checkIDs(plan.sections.map(\.id), "sections")
        _ = checkIDs(plan.tasks.map(\.id), "tasks")
        _ = checkIDs(plan.activities.map(\.id), "activities")

        // Paths are spelled out only for a problem (a plan has tens of thousands of places and few problems).
        func checkUnits(_ ids: [String], _ path: @autoclosure () -> String, _ owner: String) {
            guard !unreadableLists.contains("units") else { return }
            for (k, u) in ids.enumerated() where !units.contains(u) {
                add("\(path())[\(k)]", owner, "unknown unit id \"\(u)\" (not in units)")
            }
        }
        // Every year, day and time the plan carries lies in `PlanDates`' range (one check for all of them).
        if let p = PlanDates.yearProblem(plan.year) { add("year", nil, p) }
        func checkDay(_ day: Day?, _ path: @autoclosure () -> String, _ owner: String) {
            if let day, let p = PlanDates.dayProblem(day) { add(path(), owner, p) }
        }
        for (k, p) in plan.phases.enumerated() {
            checkDay(p.start, "phases[\(k)].start", p.id)
            checkDay(p.end, "phases[\(k)].end", p.id)
        }
        // Tasks are read field by field in place (binding each to a value copied the whole task).
        let tasks = plan.tasks
        for k in tasks.indices {
            checkDay(tasks[k].due, "tasks[\(k)].due", tasks[k].id)
            for (j, n) in tasks[k].notes.enumerated() {
                if let p = PlanDates.timeProblem(n.at) { add("tasks[\(k)].notes[\(j)].at", tasks[k].id, p) }
            }
            for (j, h) in tasks[k].history.enumerated() {
                if let p = PlanDates.timeProblem(h.at) { add("tasks[\(k)].history[\(j)].at", tasks[k].id, p) }
            }
        }
        for (k, a) in plan.activities.enumerated() {
            switch a.rule {
            case let .once(d): checkDay(d, "activities[\(k)].rule.date", a.id)
            case let .range(from, to):
                checkDay(from, "activities[\(k)].rule.start", a.id)
                checkDay(to, "activities[\(k)].rule.end", a.id)
            default: break
            }
        }

        for (k, u) in plan.units.enumerated() where u.name.isEmpty {
            add("units[\(k)].name", u.id, "a unit needs a name")
        }
        for (k, p) in plan.phases.enumerated() where p.end < p.start {
            add("phases[\(k)].end", p.id, "ends (\(p.end)) before it starts (\(p.start))")
        }
        for (k, s) in plan.sections.enumerated() {
            checkUnits(s.leadUnits, "sections[\(k)].lead", s.id)
            checkUnits(s.responsibleUnits, "sections[\(k)].responsible", s.id)
        }
        let checkSections = !unreadableLists.contains("sections"), checkPhases = !unreadableLists.contains("phases")
        for k in tasks.indices {
            func path() -> String { "tasks[\(k)]" }
            let id = tasks[k].id
            if checkSections, !sections.contains(tasks[k].sectionID) { add("\(path()).section", id, "unknown section id \"\(tasks[k].sectionID)\"") }
            if checkPhases, !phases.contains(tasks[k].phaseID) { add("\(path()).phase", id, "unknown phase id \"\(tasks[k].phaseID)\"") }
            checkUnits(tasks[k].leadUnits, "\(path()).lead", id)
            checkUnits(tasks[k].ownerUnits, "\(path()).owners", id)
            if !(0...100).contains(tasks[k].progress) { add("\(path()).progress", id, "progress \(tasks[k].progress) is out of range (0–100)") }
            if tasks[k].title.isEmpty { add("\(path()).title", id, "a task needs a title") }
        }
        for (k, a) in plan.activities.enumerated() {
            checkUnits(a.units, "activities[\(k)].units", a.id)
        }
        return out
    }
}

extension PlanValidation {
    /// What `validate` points out in a plan that loads (issue 12), each with its path and id: a section
    /// number or a task number within its section given twice (which one is "(二)3"?), and a task marked
    /// done below 100 % (the program sets 100 % with done; a hand edit may not). The plan still loads and
    /// saves: these are notices, not problems.
    public static func notices(in plan: Plan) -> [PlanProblem] {
        var out: [PlanProblem] = []
        var sectionNumbers: [Int: Int] = [:]
        for (k, s) in plan.sections.enumerated() {
            if let first = sectionNumbers[s.number] {
                out.append(PlanProblem(path: "sections[\(k)].number", id: s.id,
                                       message: "duplicate section number \(s.number) (also sections[\(first)], id \"\(plan.sections[first].id)\")"))
            } else {
                sectionNumbers[s.number] = k
            }
        }
        var taskNumbers: [String: Int] = [:]
        for (k, t) in plan.tasks.enumerated() {
            let key = "\(t.sectionID)\u{0}\(t.number)"
            if let first = taskNumbers[key] {
                out.append(PlanProblem(path: "tasks[\(k)].number", id: t.id,
                                       message: "duplicate task number \(t.number) in section \"\(t.sectionID)\" (also tasks[\(first)], id \"\(plan.tasks[first].id)\")"))
            } else {
                taskNumbers[key] = k
            }
            if t.status == .done, t.progress < 100 {
                out.append(PlanProblem(path: "tasks[\(k)].progress", id: t.id, message: "done but progress is \(t.progress)% (a done task is at 100%)"))
            }
        }
        return out
    }
}

/// One semantic problem in a plan file, e.g. `tasks[3] (id "s2-1").owners[0]: unknown unit id "xyz"`.
public struct PlanProblem: Equatable, Sendable, CustomStringConvertible {
    /// JSON path to the field, e.g. `tasks[3].progress`.
    public var path: String
    /// The id of the task, unit, phase, section or activity the field belongs to, when it has one.
    public var id: String?
    public var message: String

    public init(path: String, id: String? = nil, message: String) {
        self.path = path
        self.id = id
        self.message = message
    }

    public var description: String {
        (id.map { "\(path) (id \"\($0)\")" } ?? path) + ": " + message
    }
}
