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
        var counts = [String: (Int, Int)]()
        for (t, task) in plan.tasks.enumerated() {
            var c = counts[task.phaseID] ?? (0, 0)
            c.0 += 1
            if case .done = status.state(t) { c.1 += 1 }
            counts[task.phaseID] = c
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
            let c = counts[p.id] ?? (0, 0)
            table.rows.append([p.name, p.start.iso, p.end.iso, phaseState(p), String(c.0), String(c.1)])
        }
        return table
    }

    public func overdue() -> ReportTable {
        let groups = status.overdueByUnit()
        let total = status.overdueTasks().count
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
        for g in groups {
            table.groupTitles[table.rows.count] = "■ " + unitName(g.unit) + "  " +
                lang.pick("逾期 \(g.overdue.count)  临期 \(g.dueSoon.count)", "overdue \(g.overdue.count), due soon \(g.dueSoon.count)")
            let short = plan.units[g.unit].shortName
            for list in [g.overdue, g.dueSoon] {
                for e in list {
                    // The two fields read from the task, not a copy of the whole task per row.
                    table.rows.append([short, lang.involvement(e.involvement), plan.tasks[e.task].id, plan.tasks[e.task].title,
                                       status.index.due[e.task]?.iso ?? "", lang.lateness(e.daysLate), String(e.daysLate)])
                }
            }
        }
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
        for e in events {
            // Every field describes the row's own date: a span that began before the month is dated,
            // weekday and lunar date alike, by its own first day (not the month's).
            let when = e.isSingleDay ? e.start.iso : "\(e.start.iso)…\(e.end.iso)"
            var title = e.title
            if e.kind == .deadline, let s = e.state {
                switch s {
                case .done: title += lang.pick("（已完成）", " (done)")
                case let .overdue(days): title += lang.pick("（逾期\(days)天）", " (\(days) d late)")
                default: break
                }
            }
            table.rows.append([when, lang.weekday(e.start.weekdayFromMonday), cal.lunar.lunarDate(of: e.start).description,
                               lang.eventKind(e.kind), title, e.ref ?? ""])
        }
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
        for (t, task) in plan.tasks.enumerated() {
            let owners = Screen.unitShortNames(status.index.doers(of: t), plan)
            let phase = status.index.phasePosition[task.phaseID].map { plan.phases[$0].name } ?? task.phaseID
            let target = task.target.map { "\($0.achieved)/\($0.required)\($0.unit)" } ?? ""
            table.rows.append([task.id, task.title, owners, phase, status.index.due[t]?.iso ?? "", lang.status(task.status),
                               String(task.progress), lang.light(status.state(t).light), target])
        }
        return table
    }
}
