import ShuangyongKit
import XlsxExport

/// A bulletin (通报) for a period: what changed from `from` to `to` (the reports' today), read from the
/// tasks' history lines ("状态: 进行中 → 已完成", with their day).
///
/// A task counts as finished on the day of the last history line that set it to 已完成, when it is done
/// now; a done task without such a line counts as finished before any period (its day is not known), and a
/// cancelled task as closed. Progress and units are the plan's as it is now.
public struct Bulletin: Sendable, Equatable {
    /// A task in one of the bulletin's lists.
    public struct Entry: Sendable, Equatable {
        public var task: Int
        /// The day it was finished (completed tasks), else nil.
        public var finished: Day?
        /// Days late: when finished (completed tasks; 0 on time) or at the period's end (overdue ones).
        public var daysLate: Int
    }

    /// A unit's place in the ranking at the period's end.
    public struct Rank: Sendable, Equatable {
        public var unit: Int
        /// Tasks it leads or does that count (not cancelled).
        public var counted: Int
        public var done: Int
        public var overdue: Int
        /// done / counted, 0…1.
        public var completion: Double
    }

    public var from: Day
    public var to: Day
    /// Finished in the period, in the order they were finished.
    public var completed: [Entry]
    /// Became overdue in the period (their due day passed in it) and still open at its end, most overdue first.
    public var newlyOverdue: [Entry]
    /// Already overdue before the period and still open at its end, most overdue first.
    public var stillOverdue: [Entry]
    /// Units with counted tasks, best completion first (then fewer overdue, then plan order).
    public var ranking: [Rank]
    /// 红榜: the best of the units with nothing overdue and something done, at most `Bulletin.listSize`.
    public var best: [Rank]
    /// 黑榜: the worst of the units with something overdue, worst first, at most `Bulletin.listSize`.
    public var worst: [Rank]
    /// Done / counted over the whole plan at the period's end.
    public var done: Int
    public var counted: Int
    /// Activities (inspections among them) that fall in the period.
    public var events: [CalendarEvent]

    /// How many units the 红榜 and 黑榜 name.
    public static let listSize = 5
}

extension Reports {
    /// The day of the last history line that set task `t` to 已完成 (undo and redo lines included).
    func finishedDay(_ t: Int) -> Day? {
        for h in plan.tasks[t].history.reversed() {
            var change = Substring(h.change)
            for prefix in ["撤销: ", "重做: "] where change.hasPrefix(prefix) { change = change.dropFirst(prefix.count) }
            guard change.hasPrefix("状态: "), let arrow = change.range(of: " → ") else { continue }
            if change[arrow.upperBound...].hasPrefix(TaskStatus.done.historyLabel) { return Day(iso: String(h.at.prefix(10))) }
        }
        return nil
    }

    /// The bulletin from `from` to the reports' today.
    public func bulletin(from: Day) -> Bulletin {
        let to = status.today
        let finished = plan.tasks.indices.map { plan.tasks[$0].status == .done ? finishedDay($0) : nil }
        func closed(_ t: Int) -> Bool {
            switch plan.tasks[t].status {
            case .cancelled: return true
            case .done: return finished[t].map { $0 <= to } ?? true
            default: return false
            }
        }
        func daysLate(_ t: Int, on day: Day) -> Int { status.index.due[t].map { max(0, $0.days(to: day)) } ?? 0 }
        var completed: [Bulletin.Entry] = [], newly: [Bulletin.Entry] = [], still: [Bulletin.Entry] = []
        for t in plan.tasks.indices {
            if let f = finished[t], from <= f, f <= to {
                completed.append(.init(task: t, finished: f, daysLate: daysLate(t, on: f)))
            }
            guard let due = status.index.due[t], due < to, !closed(t) else { continue }
            let entry = Bulletin.Entry(task: t, finished: nil, daysLate: due.days(to: to))
            if due.adding(days: 1) >= from { newly.append(entry) } else { still.append(entry) }
        }
        completed.sort { $0.finished! != $1.finished! ? $0.finished! < $1.finished! : $0.task < $1.task }
        for i in [0, 1] {
            let sorted = (i == 0 ? newly : still).sorted { $0.daysLate != $1.daysLate ? $0.daysLate > $1.daysLate : $0.task < $1.task }
            if i == 0 { newly = sorted } else { still = sorted }
        }

        var ranks = plan.units.indices.map { Bulletin.Rank(unit: $0, counted: 0, done: 0, overdue: 0, completion: 0) }
        var done = 0, counted = 0
        for t in plan.tasks.indices where plan.tasks[t].status != .cancelled {
            let isDone = plan.tasks[t].status == .done && closed(t)
            let isOverdue = !closed(t) && (status.index.due[t].map { $0 < to } ?? false)
            counted += 1
            if isDone { done += 1 }
            for u in Set(status.index.leadUnits[t] + status.index.responsibleUnits[t]) {
                ranks[u].counted += 1
                if isDone { ranks[u].done += 1 }
                if isOverdue { ranks[u].overdue += 1 }
            }
        }
        var ranking = ranks.filter { $0.counted > 0 }
        for i in ranking.indices { ranking[i].completion = Double(ranking[i].done) / Double(ranking[i].counted) }
        ranking.sort {
            if $0.completion != $1.completion { return $0.completion > $1.completion }
            if $0.overdue != $1.overdue { return $0.overdue < $1.overdue }
            return $0.unit < $1.unit
        }
        let best = Array(ranking.filter { $0.overdue == 0 && $0.done > 0 }.prefix(Bulletin.listSize))
        let worst = Array(ranking.filter { $0.overdue > 0 }.reversed().prefix(Bulletin.listSize))
        let events = PlanCalendar(status: status).events(in: from...max(from, to), deadlines: false).filter { $0.kind == .activity }
        return Bulletin(from: from, to: to, completed: completed, newlyOverdue: newly, stillOverdue: still, ranking: ranking,
                        best: best, worst: worst, done: done, counted: counted, events: events)
    }

    /// What kind of activity: 督促检查 is an inspection (检查), and so on.
    func activityKind(_ k: ActivityKind) -> String {
        switch k {
        case .visit: lang.pick("走访慰问", "visit")
        case .campaign: lang.pick("宣传活动", "campaign")
        case .meeting: lang.pick("会议", "meeting")
        case .inspection: lang.pick("检查", "inspection")
        case .report: lang.pick("汇报", "report")
        case .other: lang.pick("其他", "other")
        }
    }

    /// The bulletin's title line: "工作通报（2026-07-01 至 2026-07-31）".
    public func bulletinTitle(_ b: Bulletin) -> String {
        lang.pick("工作通报（\(b.from.iso) 至 \(b.to.iso)）", "Bulletin (\(b.from.iso) to \(b.to.iso))")
    }

    /// The bulletin's parts in order: a heading and its table (the overview has none).
    public func bulletinTables(_ b: Bulletin) -> [(heading: String, table: ReportTable)] {
        let period = plan.title + "　" + bulletinTitle(b)
        func tasks(_ name: String, _ sheet: String, _ list: [Bulletin.Entry], finished: Bool) -> ReportTable {
            var columns: [ReportTable.Column] = [
                .init("id", lang.pick("编号", "Id")), .init("title", lang.pick("任务", "Task")),
                .init("lead", lang.pick("牵头单位", "Lead")), .init("responsible", lang.pick("责任单位", "Responsible")),
                .init("due", lang.pick("截止日期", "Due"), kind: .day)]
            columns += finished
                ? [.init("finished", lang.pick("完成日期", "Finished"), kind: .day), .init("state", lang.pick("情况", "State"))]
                : [.init("daysLate", lang.pick("逾期天数", "Days late"), numeric: true), .init("progress", lang.pick("进度", "Progress"), kind: .percent)]
            var table = ReportTable(name: name, columns: columns)
            table.title = period + "　" + sheet
            table.sheetName = sheet
            for e in list {
                let task = plan.tasks[e.task]
                var row = [task.id, task.title, unitNames(status.index.leadUnits[e.task]),
                           unitNames(status.index.responsibleUnits[e.task]), status.index.due[e.task]?.iso ?? ""]
                row += finished
                    ? [e.finished?.iso ?? "", e.daysLate > 0 ? lang.pick("逾期\(e.daysLate)天完成", "\(e.daysLate) d late") : lang.pick("按期完成", "on time")]
                    : [String(e.daysLate), "\(task.progress)%"]
                table.rows.append(row)
            }
            return table
        }
        let completed = tasks("completed", lang.pick("本期完成", "Completed"), b.completed, finished: true)
        let newly = tasks("newlyOverdue", lang.pick("新增逾期", "Newly overdue"), b.newlyOverdue, finished: false)
        let still = tasks("stillOverdue", lang.pick("仍逾期", "Still overdue"), b.stillOverdue, finished: false)

        var ranking = ReportTable(
            name: "ranking",
            columns: [.init("rank", lang.pick("名次", "Rank"), numeric: true), .init("unit", lang.pick("单位", "Unit")),
                      .init("tasks", lang.pick("任务", "Tasks"), numeric: true), .init("done", lang.pick("完成", "Done"), numeric: true),
                      .init("overdue", lang.pick("逾期", "Overdue"), numeric: true),
                      .init("completion", lang.pick("完成率", "Completion"), kind: .percent),
                      .init("list", lang.pick("榜单", "List"))])
        ranking.sheetName = lang.pick("红黑榜", "Ranking")
        ranking.title = period + "　" + lang.pick("单位完成情况排名", "Units by completion")
        let best = Set(b.best.map(\.unit)), worst = Set(b.worst.map(\.unit))
        for (k, r) in b.ranking.enumerated() {
            let list = best.contains(r.unit) ? lang.pick("红榜", "best") : worst.contains(r.unit) ? lang.pick("黑榜", "worst") : ""
            ranking.rows.append([String(k + 1), plan.units[r.unit].name, String(r.counted), String(r.done), String(r.overdue),
                                 lang.percent(r.completion), list])
        }

        var events = ReportTable(
            name: "events",
            columns: [.init("date", lang.pick("日期", "Date")), .init("kind", lang.pick("类别", "Kind")),
                      .init("event", lang.pick("事项", "Event")), .init("units", lang.pick("参加单位", "Units"))])
        events.sheetName = lang.pick("检查与活动", "Activities")
        events.title = period + "　" + events.sheetName!
        for e in b.events {
            let activity = plan.activities.first { $0.id == e.ref }
            let units = (activity?.units ?? []).compactMap { status.index.unitPosition[$0] }
            events.rows.append([e.isSingleDay ? e.start.iso : "\(e.start.iso)…\(e.end.iso)",
                                activity.map { activityKind($0.kind) } ?? "", e.title, unitNames(units)])
        }
        return [
            (lang.pick("二、本期完成的任务（\(b.completed.count)项）", "2. Completed in the period (\(b.completed.count))"), completed),
            (lang.pick("三、新增逾期任务（\(b.newlyOverdue.count)项）", "3. Newly overdue (\(b.newlyOverdue.count))"), newly),
            (lang.pick("四、仍未完成的逾期任务（\(b.stillOverdue.count)项）", "4. Still overdue (\(b.stillOverdue.count))"), still),
            (lang.pick("五、单位完成情况排名（红黑榜）", "5. Units by completion (best and worst)"), ranking),
            (lang.pick("六、本期检查与活动（\(b.events.count)项）", "6. Inspections and activities in the period (\(b.events.count))"), events),
        ]
    }

    /// The overview paragraph and the 红榜/黑榜 lines.
    func bulletinSummary(_ b: Bulletin) -> (overview: String, best: String, worst: String) {
        let rate = b.counted == 0 ? "-" : lang.percent(Double(b.done) / Double(b.counted))
        let overview = lang.pick(
            "本期完成任务\(b.completed.count)项，新增逾期\(b.newlyOverdue.count)项，仍有\(b.stillOverdue.count)项逾期未完成。截至\(signedDate(b.to))，全部任务完成率\(rate)（\(b.done)/\(b.counted)）。",
            "\(b.completed.count) tasks completed in the period, \(b.newlyOverdue.count) newly overdue, \(b.stillOverdue.count) still overdue. As of \(b.to.iso), \(rate) of all tasks are done (\(b.done)/\(b.counted)).")
        func names(_ list: [Bulletin.Rank]) -> String {
            list.isEmpty ? lang.pick("无", "none") : list.map { plan.units[$0.unit].name + " " + lang.percent($0.completion) }.joined(separator: lang.pick("；", "; "))
        }
        return (overview, lang.pick("红榜：", "Best: ") + names(b.best), lang.pick("黑榜：", "Worst: ") + names(b.worst))
    }

    /// The bulletin as printable text.
    public func bulletinText(_ b: Bulletin) -> String {
        let s = bulletinSummary(b)
        var out = plan.title + "\n" + bulletinTitle(b) + "\n\n"
        out += lang.pick("一、总体情况", "1. Overview") + "\n    " + s.overview + "\n"
        for (heading, table) in bulletinTables(b) {
            out += "\n" + heading + "\n"
            if table.name == "ranking" { out += "    " + s.best + "\n    " + s.worst + "\n" }
            out += table.rows.isEmpty ? lang.pick("    无。", "    None.") + "\n" : table.text(emptyMessage: "")
        }
        return out + "\n" + issuer + "\n" + signedDate(b.to) + "\n"
    }

    /// The bulletin as Markdown: headings and pipe tables.
    public func bulletinMarkdown(_ b: Bulletin) -> String {
        let s = bulletinSummary(b)
        var out = "# " + plan.title + "\n\n## " + bulletinTitle(b) + "\n\n"
        out += "### " + lang.pick("一、总体情况", "1. Overview") + "\n\n" + s.overview + "\n"
        for (heading, table) in bulletinTables(b) {
            out += "\n### " + heading + "\n\n"
            if table.name == "ranking" { out += "- " + s.best + "\n- " + s.worst + "\n\n" }
            out += table.rows.isEmpty ? lang.pick("无。", "None.") + "\n" : table.markdown()
        }
        return out + "\n" + issuer + "　" + signedDate(b.to) + "\n"
    }

    /// The bulletin as a workbook: an overview sheet, then a sheet per part.
    public func bulletinWorkbook(_ b: Bulletin) -> XlsxWorkbook {
        let s = bulletinSummary(b)
        var overview = ReportTable(name: "overview", columns: [.init("item", lang.pick("项目", "Item")), .init("value", lang.pick("内容", "Value"))])
        overview.sheetName = lang.pick("概况", "Overview")
        overview.title = plan.title + "　" + bulletinTitle(b)
        overview.rows = [[lang.pick("总体情况", "Overview"), s.overview], [lang.pick("红榜", "Best"), s.best], [lang.pick("黑榜", "Worst"), s.worst]]
        let footer = excelFooterText(issuer + "　" + signedDate(b.to)) + "　&P / &N"
        return XlsxWorkbook(title: plan.title + "　" + bulletinTitle(b),
                            sheets: ([overview] + bulletinTables(b).map(\.table)).map { $0.sheet(footer: footer) })
    }
}
