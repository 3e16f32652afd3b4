import Foundation

/// Where a task of next year's plan came from when it was carried over (结转) unfinished: last year's
/// plan file and task, and the state it had there. Written by `Rollover.nextYear` as the task's
/// `carriedOver` member (PLAN-FORMAT.md, "Next year's plan"); its notes and history stay in that file.
public struct CarryOver: Equatable, Sendable {
    /// The plan year it was carried over from, e.g. 2026.
    public var year: Int
    /// The file name of that year's plan (beside this one when `rollover` wrote it), e.g. `plan.json`.
    public var file: String
    /// The task's id in that plan.
    public var taskID: String
    /// Its status and progress in that plan when it was carried over.
    public var status: TaskStatus
    public var progress: Int

    /// Members of its object in the plan file that this program does not know, kept for the next save.
    public var unknownMembers = UnknownMembers()

    public init(year: Int, file: String, taskID: String, status: TaskStatus, progress: Int) {
        self.year = year
        self.file = file
        self.taskID = taskID
        self.status = status
        self.progress = progress
    }

    /// "结转自2026年计划 plan.json（s3-2，受阻，30%）" — the line a report or the dashboard shows.
    public var summaryZH: String { "结转自\(year)年计划 \(file)（\(taskID)，\(status.historyLabel)，\(progress)%）" }
    /// "carried over from the 2026 plan plan.json (s3-2, blocked, 30%)".
    public var summaryEN: String { "carried over from the \(year) plan \(file) (\(taskID), \(status.rawValue), \(progress)%)" }
}

/// Next year's plan from this year's (`shuangyong rollover`, issue 12 "Next year's plan"). Pure: the
/// clock, the user and the old file's name are parameters.
///
/// The rules (PLAN-FORMAT.md "Next year's plan", DECISIONS.md "Rollover"):
/// - A phase that ends within the old plan year moves to the new year, start and end by the same number
///   of years (`shift`: 2/29 falls on 2/28, the last day of a month stays the last day). A phase that
///   runs past the old plan year (the sample's 巩固提高, 2027–2028) is multi-year: it keeps its dates.
/// - A task in a moving phase starts over: not started, progress 0, a target's achieved count 0, its
///   own due date moved like the phases. When it was open (not done, not cancelled) it is marked as
///   carried over (`PlanTask.carriedOver`, 结转) with last year's file, id, status and progress. A
///   cancelled task stays cancelled (it was struck from the plan, not left unfinished).
/// - A task in a multi-year phase keeps its due date, status, progress and achieved count.
/// - Every task's notes and history stay in the old file; the plan's history starts with one line
///   saying which plan this one was rolled over from.
/// - Activity rules are yearly, lunar, by month, half-yearly or nth-weekday and need no change: the
///   calendar places them in the new year (春节, lunar 1/1, falls on next year's lunar date). A `once` or
///   `range` activity moves like the phases, unless it lies past the old plan year.
/// - The title's year ("2026年双拥工作要点") becomes the new year; other text is kept as written.
public enum Rollover {
    /// Why `plan` cannot be rolled over to `year`, or nil when it can: the new year must come after the
    /// plan's and be a plan year (`PlanDates.years`).
    public static func yearProblem(from plan: Plan, to year: Int) -> String? {
        if let p = PlanDates.yearProblem(year) { return p }
        return year > plan.year ? nil : "year \(year) is not after the plan's year \(plan.year)"
    }

    /// Whether a phase runs past the end of `planYear`: it keeps its dates at a rollover.
    public static func isMultiYear(_ phase: Phase, planYear: Int) -> Bool { phase.end.year > planYear }

    /// `day` moved by `years` years: February 29 falls on the 28th in a common year, and the last day of
    /// a month stays the last day (2027-02-28 → 2028-02-29). Clamped to `Day.min` … `Day.max`.
    public static func shift(_ day: Day, years: Int) -> Day {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        if overflow { return years > 0 ? .max : .min }
        let moved = day.adding(months: months)
        return day == day.lastOfMonth ? moved.lastOfMonth : moved
    }

    /// Next year's plan: `plan` rolled over to `year` by the rules above. `sourceFile` names the old
    /// plan's file in the carried-over marks and the history line; `at` (ISO 8601 with offset) and `by`
    /// stamp that line. Check `yearProblem` first; the result should be validated (`PlanValidation`).
    public static func nextYear(_ plan: Plan, to year: Int, sourceFile: String, at: String, by: String) -> Plan {
        let years = year &- plan.year
        var out = plan
        out.year = year
        let oldYear = String(plan.year)
        if plan.title.contains(oldYear) { out.title = plan.title.replacingOccurrences(of: oldYear, with: String(year)) }

        var multiYear = Set<String>()
        for k in out.phases.indices {
            let p = out.phases[k]
            if isMultiYear(p, planYear: plan.year) {
                multiYear.insert(p.id)
            } else {
                out.phases[k].start = shift(p.start, years: years)
                out.phases[k].end = shift(p.end, years: years)
            }
        }

        for k in out.tasks.indices {
            var t = out.tasks[k]
            t.notes = []
            t.history = []
            t.carriedOver = nil
            if !multiYear.contains(t.phaseID) {
                let wasOpen = !t.status.isClosed
                if wasOpen {
                    t.carriedOver = CarryOver(year: plan.year, file: sourceFile, taskID: t.id, status: t.status, progress: t.progress)
                }
                if t.status != .cancelled { t.status = .notStarted }
                t.progress = 0
                t.target?.achieved = 0
                t.due = t.due.map { shift($0, years: years) }
            }
            out.tasks[k] = t
        }

        for k in out.activities.indices {
            switch out.activities[k].rule {
            case let .once(d) where d.year <= plan.year:
                out.activities[k].rule = .once(shift(d, years: years))
            case let .range(a, b) where b.year <= plan.year:
                out.activities[k].rule = .range(shift(a, years: years), shift(b, years: years))
            default:
                break
            }
        }

        out.history = [HistoryEntry(at: at, by: by, change: "结转: 由\(plan.year)年计划 \(sourceFile) 生成\(year)年计划")]
        return out
    }

    /// The tasks of a rolled-over plan that were carried over (结转), in plan order.
    public static func carriedOver(in plan: Plan) -> [PlanTask] { plan.tasks.filter { $0.carriedOver != nil } }

    /// The default file for next year's plan, beside the old one: the old name with its year replaced
    /// (`plan-2026.json` → `plan-2027.json`), else with `-YEAR` before the extension (`plan.json` →
    /// `plan-2027.json`).
    public static func defaultPath(for oldPath: String, oldYear: Int, newYear: Int) -> String {
        let dir = (oldPath as NSString).deletingLastPathComponent
        let name = (oldPath as NSString).lastPathComponent
        let newName: String
        if name.contains(String(oldYear)) {
            newName = name.replacingOccurrences(of: String(oldYear), with: String(newYear))
        } else {
            let ext = (name as NSString).pathExtension
            let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
            newName = stem + "-\(newYear)" + (ext.isEmpty ? "" : "." + ext)
        }
        return dir.isEmpty ? newName : (dir as NSString).appendingPathComponent(newName)
    }
}
