import ShuangyongKit

// The supervision office's documents (督办): one row per task with its lead and responsible units, the
// units' standing, and the ledger (台账) of every task. They make the sheets of `report … --format xlsx`;
// the first is also the overdue report's CSV.

extension Reports {
    /// "潢川县2026年双拥工作要点　逾期督办　截至2026-07-15": the title line of a document.
    public func documentTitle(_ report: String) -> String {
        plan.title + "　" + report + "　" + lang.pick("截至", "as of ") + status.today.iso
    }

    /// Full unit names joined for a cell: "县委宣传部、县民政局".
    func unitNames(_ units: [Int]) -> String {
        units.map { plan.units[$0].name }.joined(separator: "、")
    }

    /// A task's latest note: "2026-07-03 县双拥办 王敏：…", or "" without notes.
    func latestNote(_ t: Int) -> String {
        guard let n = plan.tasks[t].notes.last else { return "" }
        return String(n.at.prefix(10)) + " " + n.by + lang.pick("：", ": ") + n.text
    }

    /// 逾期督办: one row per overdue task (most overdue first), then per due-soon task (soonest first), with
    /// its lead (牵头单位) and responsible units (责任单位) joined, days late, progress, status and latest note.
    public func overdueTasks() -> ReportTable {
        var overdue: [(Int, Int)] = [], soon: [(Int, Int)] = []
        for t in plan.tasks.indices {
            switch status.state(t) {
            case let .overdue(days): overdue.append((t, days))
            case let .dueSoon(days): soon.append((t, days))
            default: break
            }
        }
        overdue.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        soon.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        let name = lang.pick("逾期督办", "Overdue")
        var table = ReportTable(
            name: "overdue",
            heading: [("overdueTasks", lang.pick("逾期任务", "Overdue tasks"), String(overdue.count)),
                      ("dueSoonTasks", lang.pick("临期任务", "Due soon"), String(soon.count))],
            columns: [.init("id", lang.pick("编号", "Id")), .init("title", lang.pick("任务", "Task")),
                      .init("lead", lang.pick("牵头单位", "Lead")), .init("responsible", lang.pick("责任单位", "Responsible")),
                      .init("due", lang.pick("截止日期", "Due"), kind: .day), .init("state", lang.pick("情况", "State")),
                      .init("daysLate", lang.pick("逾期天数", "Days late"), numeric: true),
                      .init("progress", lang.pick("进度", "Progress"), kind: .percent),
                      .init("status", lang.pick("状态", "Status")), .init("latestNote", lang.pick("最新备注", "Latest note"))])
        table.title = documentTitle(name)
        table.sheetName = name
        // Texts many rows share (a list of units, a day, a lateness, a progress, a status) made once each;
        // the task's fields read in place.
        let lang = self.lang, status = self.status, plan = self.plan
        var rows = ReportRows()
        rows.reserveCapacity(rows: overdue.count + soon.count, cells: 10)
        var units: [[Int]: ReportRows.Text] = [:]
        var dueText = ReportTexts(), lateness = ReportTexts(), late = ReportTexts(), progressText = ReportTexts(), statusText = ReportTexts()
        let none = rows.text("")
        func names(_ list: [Int]) -> ReportRows.Text {
            if let t = units[list] { return t }
            let t = rows.text(unitNames(list))
            units[list] = t
            return t
        }
        let leadUnits = status.index.leadUnits, responsibleUnits = status.index.responsibleUnits
        for (t, days) in overdue + soon.map({ ($0.0, -$0.1) }) {
            let id = rows.text(plan.tasks[t].id), title = rows.text(plan.tasks[t].title)
            let lead = names(leadUnits[t]), responsible = names(responsibleUnits[t])
            let due = status.index.due[t].map { d in dueText.text(status.index.dueOrdinal[t], in: &rows) { d.iso } } ?? none
            let state = lateness.text(days, in: &rows) { lang.lateness(days) }
            let number = days > 0 ? late.text(days, in: &rows) { String(days) } : none
            let progress = plan.tasks[t].progress, taskStatus = plan.tasks[t].status
            let done = progressText.text(progress, in: &rows) { "\(progress)%" }
            let statusName = statusText.text(TaskStatus.allCases.firstIndex(of: taskStatus)!, in: &rows) { lang.status(taskStatus) }
            let note = plan.tasks[t].notes.isEmpty ? none : rows.text(latestNote(t))
            rows.append(cell: id); rows.append(cell: title); rows.append(cell: lead); rows.append(cell: responsible)
            rows.append(cell: due); rows.append(cell: state); rows.append(cell: number); rows.append(cell: done)
            rows.append(cell: statusName); rows.append(cell: note)
            rows.endRow()
        }
        table.rows = rows
        return table
    }

    /// 单位汇总: per unit with tasks, its tasks, done, overdue, behind (序时进度), completion, light and
    /// longest delay; red units first, then by overdue count and longest delay.
    public func unitStanding() -> ReportTable {
        let sums = status.unitSummaries()
        var longest = [Int](repeating: 0, count: plan.units.count)
        for g in status.overdueByUnit() { longest[g.unit] = g.overdue.first?.daysLate ?? 0 }
        let name = lang.pick("单位汇总", "Units")
        var table = ReportTable(
            name: "units",
            columns: [.init("unit", lang.pick("单位", "Unit")), .init("tasks", lang.pick("任务", "Tasks"), numeric: true),
                      .init("done", lang.pick("完成", "Done"), numeric: true), .init("overdue", lang.pick("逾期", "Overdue"), numeric: true),
                      .init("behind", lang.pick("滞后", "Behind"), numeric: true),
                      .init("completion", lang.pick("完成率", "Completion"), kind: .percent),
                      .init("light", lang.pick("亮灯", "Light"), kind: .light),
                      .init("longestDelay", lang.pick("最长逾期天数", "Longest delay (days)"), numeric: true)])
        table.title = documentTitle(name)
        table.sheetName = name
        let order = plan.units.indices.filter { sums[$0].total > 0 }.sorted {
            let a = sums[$0], b = sums[$1]
            if a.light != b.light { return a.light > b.light }
            if a.overdue != b.overdue { return a.overdue > b.overdue }
            if longest[$0] != longest[$1] { return longest[$0] > longest[$1] }
            return $0 < $1
        }
        for u in order {
            let s = sums[u]
            table.rows.append([plan.units[u].name, String(s.total), String(s.done), String(s.overdue), String(s.behind),
                               lang.completion(s), lang.light(s.light), longest[u] > 0 ? String(longest[u]) : ""])
        }
        return table
    }

    /// 任务台账: every task in plan order, with its section, units, phase, due day, status, progress against
    /// 序时进度 (expected progress), light, target and latest note.
    public func ledger() -> ReportTable {
        let name = lang.pick("任务台账", "Ledger")
        var table = ReportTable(
            name: "tasks",
            columns: [.init("id", lang.pick("编号", "Id")), .init("section", lang.pick("部分", "Section")),
                      .init("title", lang.pick("任务", "Task")), .init("lead", lang.pick("牵头单位", "Lead")),
                      .init("responsible", lang.pick("责任单位", "Responsible")), .init("phase", lang.pick("阶段", "Phase")),
                      .init("due", lang.pick("截止日期", "Due"), kind: .day), .init("status", lang.pick("状态", "Status")),
                      .init("progress", lang.pick("进度", "Progress"), kind: .percent),
                      .init("expected", lang.pick("序时进度", "Expected"), kind: .percent),
                      .init("light", lang.pick("亮灯", "Light"), kind: .light), .init("target", lang.pick("指标", "Target")),
                      .init("latestNote", lang.pick("最新备注", "Latest note"))])
        table.title = documentTitle(name)
        table.sheetName = name
        for (t, task) in plan.tasks.enumerated() {
            let section = status.index.sectionPosition[task.sectionID].map { plan.sections[$0].title } ?? task.sectionID
            let phase = status.index.phasePosition[task.phaseID].map { plan.phases[$0].name } ?? task.phaseID
            let target = task.target.map { "\($0.achieved)/\($0.required)\($0.unit)" } ?? ""
            table.rows.append([task.id, section, task.title, unitNames(status.index.leadUnits[t]),
                               unitNames(status.index.responsibleUnits[t]), phase, status.index.due[t]?.iso ?? "",
                               lang.status(task.status), "\(task.progress)%", "\(status.expectedProgress(t))%",
                               lang.light(status.state(t).light), target, latestNote(t)])
        }
        return table
    }

    /// The supervision workbook's sheets: 逾期督办, 单位汇总, 任务台账.
    public func supervisionSheets() -> [ReportTable] { [overdueTasks(), unitStanding(), ledger()] }
}
