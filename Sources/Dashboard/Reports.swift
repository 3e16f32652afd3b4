import ShuangyongKit

/// The command-line reports: the dashboard's questions answered as tables.
public struct Reports {
    public let status: PlanStatus
    public let lang: Language

    public init(status: PlanStatus, lang: Language) {
        self.status = status
        self.lang = lang
    }

    var plan: Plan { status.plan }

    private func unitName(_ u: Int) -> String { plan.units[u].name }


    /// Title, today and the headline phase: the lines every report starts with.
    private var commonHeading: [(key: String, label: String, value: String)] {
        var lines: [(key: String, label: String, value: String)] = [
            ("plan", lang.pick("计划", "Plan"), plan.title + (plan.isSample ? lang.pick("（示例数据）", " (sample data)") : "")),
            ("date", lang.pick("日期", "Date"), status.today.iso),
            // Outside every phase there is no current phase: say when the plan starts or that it ended.
            ("phase", lang.pick("当前阶段", "Current phase"), lang.phaseSummary(status.phaseStanding)),
        ]
        if let note = plan.note { lines.insert(("note", lang.pick("说明", "Note"), note), at: 1) }
        return lines
    }

    /// A phase's state today: "12天后开始" / "starts in 12 days", "进行中 45%" / "under way 45%", "已结束" / "finished".
    public func phaseState(_ p: Phase) -> String {
        if status.today < p.start { return lang.startsIn(days: status.today.days(to: p.start)) }
        if status.today > p.end { return lang.pick("已结束", "finished") }
        return lang.pick("进行中", "under way") + " " + lang.percent(status.progress(through: p))
    }

    public func timeline() -> ReportTable {
        let summary = status.planSummary()
        // Tasks and done tasks by the position of their phase's id (`PlanIndex.phase`).
        var counts = [(Int, Int)](repeating: (0, 0), count: plan.phases.count)
        for t in plan.tasks.indices {
            guard let p = status.index.phase[t] else { continue }
            counts[p].0 += 1
            if case .done = status.state(t) { counts[p].1 += 1 }
        }
        var table = ReportTable(
            name: "timeline",
            heading: commonHeading + [
                ("timeProgress", lang.pick("时间进度", "Time elapsed"), lang.percent(status.timeProgress)),
                ("completion", lang.pick("完成率", "Completion"), lang.completion(summary) + " (\(summary.done)/\(summary.total - summary.cancelled))"),
                ("overdue", lang.pick("逾期任务", "Overdue tasks"), String(summary.overdue)),
            ],
            columns: [.init("phase", lang.pick("阶段", "Phase")), .init("start", lang.pick("开始", "Start"), kind: .day),
                      .init("end", lang.pick("结束", "End"), kind: .day), .init("state", lang.pick("状态", "State")),
                      .init("tasks", lang.pick("任务", "Tasks"), numeric: true), .init("done", lang.pick("完成", "Done"), numeric: true)])
        for p in plan.phases {
            let c = status.index.phasePosition[p.id].map { counts[$0] } ?? (0, 0)
            table.rows.append([p.name, p.start.iso, p.end.iso, phaseState(p), String(c.0), String(c.1)])
        }
        return table
    }

    public func overdue() -> ReportTable {
        let states = plan.tasks.indices.map(status.state)
        let groups = status.overdueByUnit(states: states)
        var total = 0, lateTasks = 0
        for s in states {
            switch s {
            case .overdue: total += 1; lateTasks += 1
            case .dueSoon: lateTasks += 1
            default: continue
            }
        }
        var table = ReportTable(
            name: "overdue",
            heading: commonHeading + [
                ("overdueTasks", lang.pick("逾期任务", "Overdue tasks"), String(total)),
                ("unitsWithOverdue", lang.pick("有逾期的单位", "Units with overdue tasks"), String(groups.filter { !$0.overdue.isEmpty }.count)),
                ("dueSoonDays", lang.pick("临期范围", "Due soon within"), lang.pick("\(status.dueSoonDays)天", "\(status.dueSoonDays) days")),
            ],
            columns: [.init("unit", lang.pick("单位", "Unit")), .init("role", lang.pick("角色", "Role")),
                      .init("task", lang.pick("任务", "Task")), .init("title", lang.pick("内容", "Title")),
                      .init("due", lang.pick("截止", "Due"), kind: .day), .init("state", lang.pick("情况", "State")),
                      .init("daysLate", lang.pick("逾期天数", "Days late"), numeric: true)])
        // Texts made in closures from locals, not from `self` (each closure would copy the whole report).
        let lang = self.lang, status = self.status, plan = self.plan
        var rows = ReportRows()
        // Room for every row, and for the texts: each late task's id and title, each unit's short name and a
        // few more (days and lateness, fewer than the tasks; the array grows for them if need be).
        rows.reserveCapacity(rows: groups.reduce(0) { $0 + $1.overdue.count + $1.dueSoon.count }, cells: 7,
                             texts: 2 * lateTasks + groups.count + 64)
        // Each text once, named by every row that shows it: a task's id and title (a task is a row of each
        // unit it involves), the roles, each due day, lateness and number of days.
        let roles = [rows.text(lang.involvement(.lead)), rows.text(lang.involvement(.responsible))], none = rows.text("")
        var ids = TaskTexts(plan.tasks.count), titles = TaskTexts(plan.tasks.count)
        var lateness = ReportTexts(), late = ReportTexts(), dueText = ReportTexts()
        for g in groups {
            // One string made, in the language shown (`pick` would make both).
            let name = unitName(g.unit), overdue = g.overdue.count, soon = g.dueSoon.count
            table.groupTitles[rows.count] = lang == .zh ? "■ \(name)  逾期 \(overdue)  临期 \(soon)" : "■ \(name)  overdue \(overdue), due soon \(soon)"
            let short = rows.text(plan.units[g.unit].shortName)
            for list in [g.overdue, g.dueSoon] {
                for e in list {
                    let t = e.task, days = e.daysLate
                    // The two fields read from the task, not a copy of the whole task per row.
                    let id = ids.text(t, in: &rows) { plan.tasks[t].id }, title = titles.text(t, in: &rows) { plan.tasks[t].title }
                    let due = status.index.due[t].map { d in dueText.text(status.index.dueOrdinal[t], in: &rows) { d.iso } } ?? none
                    let state = lateness.text(days, in: &rows) { lang.lateness(days) }, number = late.text(days, in: &rows) { String(days) }
                    rows.append(cell: short); rows.append(cell: roles[e.involvement == .lead ? 0 : 1]); rows.append(cell: id)
                    rows.append(cell: title); rows.append(cell: due); rows.append(cell: state); rows.append(cell: number)
                    rows.endRow()
                }
            }
        }
        table.rows = rows
        return table
    }

    public func units() -> ReportTable {
        let sums = status.unitSummaries()
        var table = ReportTable(
            name: "units", heading: commonHeading,
            columns: [.init("unit", lang.pick("单位", "Unit")), .init("kind", lang.pick("类别", "Kind")),
                      .init("tasks", lang.pick("任务", "Tasks"), numeric: true), .init("done", lang.pick("完成", "Done"), numeric: true),
                      .init("completion", lang.pick("完成率", "Completion"), kind: .percent),
                      .init("overdue", lang.pick("逾期", "Overdue"), numeric: true), .init("dueSoon", lang.pick("临期", "Due soon"), numeric: true),
                      .init("behind", lang.pick("滞后", "Behind"), numeric: true), .init("light", lang.pick("亮灯", "Light"))])
        let order = plan.units.indices.sorted {
            let a = sums[$0], b = sums[$1]
            if a.light != b.light { return a.light > b.light }
            if a.overdue != b.overdue { return a.overdue > b.overdue }
            return $0 < $1
        }
        for u in order where sums[u].total > 0 {
            let s = sums[u]
            table.rows.append([plan.units[u].name, lang.unitKind(plan.units[u].kind), String(s.total), String(s.done),
                               lang.completion(s), String(s.overdue), String(s.dueSoon), String(s.behind), lang.light(s.light)])
        }
        return table
    }

    /// The month's events, one row each: date (a span as `start…end`), weekday, lunar date, kind, title,
    /// ref. The weekday and lunar date are those of the row's own date (a span's first day, also when it
    /// began before the month), so every field of a row describes the same day.
    public func calendar(_ month: YearMonth) -> ReportTable {
        let cal = PlanCalendar(status: status)
        let events = cal.events(in: month)
        var table = ReportTable(
            name: "calendar",
            heading: commonHeading + [("month", lang.pick("月份", "Month"), month.description)],
            columns: [.init("date", lang.pick("日期", "Date"), kind: .day), .init("weekday", lang.pick("星期", "Day")),
                      .init("lunar", lang.pick("农历", "Lunar")), .init("kind", lang.pick("类别", "Kind")),
                      .init("event", lang.pick("事项", "Event")), .init("ref", lang.pick("编号", "Ref"))])
        let lang = self.lang
        var rows = ReportRows()
        rows.reserveCapacity(rows: events.count, cells: 6)
        // A month's rows fall on a few dozen days: each day's date, weekday and lunar date made once, as
        // each kind's name.
        var isoText = ReportTexts(), weekdayText = ReportTexts(), lunarText = ReportTexts(), kindText = ReportTexts()
        let none = rows.text("")
        for e in events {
            // Every field describes the row's own date: a span that began before the month is dated,
            // weekday and lunar date alike, by its own first day (not the month's).
            let start = e.start, day = start.ordinal
            let when = e.isSingleDay ? isoText.text(day, in: &rows) { start.iso } : rows.text("\(start.iso)…\(e.end.iso)")
            var title = e.title
            if e.kind == .deadline, let s = e.state {
                switch s {
                case .done: title += lang.pick("（已完成）", " (done)")
                case let .overdue(days): title += lang.pick("（逾期\(days)天）", " (\(days) d late)")
                default: break
                }
            }
            let kind = e.kind
            let weekday = weekdayText.text(day, in: &rows) { lang.weekday(start.weekdayFromMonday) }
            let lunar = lunarText.text(day, in: &rows) { cal.lunar.lunarDate(of: start).description }
            let kindName = kindText.text(CalendarEvent.Kind.allCases.firstIndex(of: kind)!, in: &rows) { lang.eventKind(kind) }
            let event = rows.text(title), ref = e.ref.map { rows.text($0) } ?? none
            rows.append(cell: when); rows.append(cell: weekday); rows.append(cell: lunar); rows.append(cell: kindName)
            rows.append(cell: event); rows.append(cell: ref)
            rows.endRow()
        }
        table.rows = rows
        return table
    }

    public func tasks() -> ReportTable {
        var table = ReportTable(
            name: "tasks", heading: commonHeading,
            columns: [.init("id", lang.pick("编号", "Id")), .init("title", lang.pick("任务", "Task")),
                      .init("units", lang.pick("责任单位", "Units")), .init("phase", lang.pick("阶段", "Phase")),
                      .init("due", lang.pick("截止", "Due"), kind: .day), .init("status", lang.pick("状态", "Status")),
                      .init("progress", lang.pick("进度", "Progress"), numeric: true), .init("light", lang.pick("亮灯", "Light")),
                      .init("target", lang.pick("指标", "Target"))])
        let status = self.status, plan = self.plan, lang = self.lang
        var rows = ReportRows()
        rows.reserveCapacity(rows: plan.tasks.count, cells: 9)
        // Texts many rows share made once each: a unit (a task's only doer), a phase, a due day, a status,
        // a progress figure, a light.
        var unitText = TaskTexts(plan.units.count), phaseText = TaskTexts(plan.phases.count), dueText = ReportTexts()
        var statusText = ReportTexts(), progressText = ReportTexts(), lightText = ReportTexts()
        let none = rows.text("")
        let involved = status.index.taskUnits
        for t in plan.tasks.indices {
            // Fields read in place: binding each task to a value copied the whole task.
            let doers = involved.doers(t)
            let owners = doers.count == 1 ? unitText.text(Int(doers.first!), in: &rows) { plan.units[Int(doers.first!)].shortName }
                : rows.text(Screen.unitShortNames(doers.map { Int($0) }, plan))
            let phase = status.index.phase[t].map { p in phaseText.text(p, in: &rows) { plan.phases[p].name } } ?? rows.text(plan.tasks[t].phaseID)
            let target = plan.tasks[t].target.map { rows.text("\($0.achieved)/\($0.required)\($0.unit)") } ?? none
            let due = status.index.due[t].map { d in dueText.text(status.index.dueOrdinal[t], in: &rows) { d.iso } } ?? none
            let taskStatus = plan.tasks[t].status, progress = plan.tasks[t].progress, light = status.state(t).light
            let id = rows.text(plan.tasks[t].id), title = rows.text(plan.tasks[t].title)
            let statusName = statusText.text(TaskStatus.allCases.firstIndex(of: taskStatus)!, in: &rows) { lang.status(taskStatus) }
            let done = progressText.text(progress, in: &rows) { String(progress) }
            let lightName = lightText.text(light.rawValue, in: &rows) { lang.light(light) }
            rows.append(cell: id); rows.append(cell: title); rows.append(cell: owners); rows.append(cell: phase)
            rows.append(cell: due); rows.append(cell: statusName); rows.append(cell: done); rows.append(cell: lightName)
            rows.append(cell: target)
            rows.endRow()
        }
        table.rows = rows
        return table
    }
}

/// Texts a report's rows repeat, added to the rows once per key (a day's ordinal, a number of days) and
/// then named by every row that shows them. Keys near the first one asked for (a few years of days either
/// side) are kept by offset, others by hash.
struct ReportTexts {
    private var base = 0
    private var near: [ReportRows.Text?] = []
    private var far: [Int: ReportRows.Text] = [:]

    /// The text for `key`, made by `make` and added to `rows` the first time.
    mutating func text(_ key: Int, in rows: inout ReportRows, _ make: () -> String) -> ReportRows.Text {
        if near.isEmpty {
            base = key &- 2048
            near = [ReportRows.Text?](repeating: nil, count: 4096)
        }
        let i = key &- base
        if i >= 0, i < near.count {
            if let t = near[i] { return t }
            let t = rows.text(make())
            near[i] = t
            return t
        }
        if let t = far[key] { return t }
        let t = rows.text(make())
        far[key] = t
        return t
    }
}

/// A text per position (a task's, a unit's, a phase's), added to the rows the first time it is asked for.
struct TaskTexts {
    /// Each position's text's index in the rows, -1 before it is made (four bytes a position; an optional
    /// text took eight).
    private var made: [Int32]

    init(_ count: Int) { made = [Int32](repeating: -1, count: count) }

    mutating func text(_ k: Int, in rows: inout ReportRows, _ make: () -> String) -> ReportRows.Text {
        if made[k] >= 0 { return ReportRows.Text(index: made[k]) }
        let t = rows.text(make())
        made[k] = t.index
        return t
    }
}
