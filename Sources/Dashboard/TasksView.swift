import Foundation
import ShuangyongKit
import TerminalUI

/// View 5: every task, filtered, searched and sorted, with a detail pane.
enum TasksView {
    static func draw(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang, plan = state.plan
        let visibleTasks = state.visibleTasks
        // Filter line.
        var filters: [String] = []
        if let s = state.query.sectionID, let k = state.index.sectionPosition[s] {
            filters.append(lang.pick("部分：", "section: ") + Screen.sectionNumber(plan.sections[k].number) + plan.sections[k].title)
        }
        if let u = state.query.unitID, let k = state.index.unitPosition[u] { filters.append(lang.pick("单位：", "unit: ") + plan.units[k].shortName) }
        if let st = state.query.status { filters.append(lang.pick("状态：", "status: ") + lang.status(st)) }
        let sortNames = [lang.pick("计划顺序", "plan order"), lang.pick("截止日期", "due date"), lang.pick("紧急程度", "urgency"), lang.pick("进度", "progress")]
        let searchText = state.searching ? "/" + state.query.search + "▏" : state.query.search.isEmpty ? "" : "/" + state.query.search
        let line = "\(visibleTasks.count)/\(plan.tasks.count) " + lang.pick("项", "tasks") + "  " +
            (filters.isEmpty ? "" : filters.joined(separator: "  ") + "  ") + lang.pick("排序：", "sort: ") + sortNames[state.query.sort.rawValue]
        let fy = body.y
        g.field(" " + line, x: body.x, y: fy, width: body.width - searchText.displayWidth - 1, style: theme[.muted])
        if !searchText.isEmpty {
            let sw = min(searchText.displayWidth + 1, body.width / 2)
            g.field(searchText, x: body.maxX - sw, y: fy, width: sw, style: theme[state.searching ? .selection : .activity])
        }

        let (list, detail) = split(body, state)
        let area = list.inset(left: 1, right: 1)
        // At the narrowest, the state (overdue …) outlives the units, status and progress columns. The status
        // column fits the longest status in this language ("not started"), not only Chinese's three characters.
        let statusWidth = TaskStatus.allCases.map { lang.status($0).displayWidth }.max() ?? 6
        let widths = ColumnLayout.widths([.init(min: 6, priority: 3), .init(min: 12, flex: 4, priority: 3), .init(min: 8, flex: 1),
                                          .init(min: 10, priority: 2), .init(min: statusWidth, priority: 1), .init(min: 4),
                                          .init(min: 10, priority: 2)], total: area.width)
        let headers = [lang.pick("编号", "Id"), lang.pick("任务", "Task"), lang.pick("责任单位", "Units"), lang.pick("截止", "Due"),
                       lang.pick("状态", "Status"), lang.pick("进度", "Done"), lang.pick("情况", "State")]
        var x = area.x
        for (k, h) in headers.enumerated() where widths[k] > 0 {
            g.field(h, x: x, y: area.y, width: widths[k], style: theme[.header], alignRight: k == 5)
            x += widths[k] + 1
        }
        let visible = area.height - ListLayout.headerRows
        if visibleTasks.isEmpty {
            g.field(lang.pick("没有符合条件的任务（按 c 清除筛选）", "No task matches (c clears the filters)"), x: area.x, y: area.y + 1,
                    width: area.width, style: theme[.muted])
        }
        let top = Screen.top(state.tasksCursor, count: visibleTasks.count, visible: visible)
        for k in 0..<max(0, min(visible, visibleTasks.count - top)) {
            let row = top + k, t = visibleTasks[row], y = area.y + ListLayout.headerRows + k
            let task = plan.tasks[t], st = state.derived.states[t]
            let selected = state.showsSelection && row == state.tasksCursor.selected
            let units = Screen.unitShortNames(state.index.doers(of: t), plan)
            let cells: [(String, Style, Bool)] = [
                (task.id, theme[.muted], false), (task.title, theme[.base], false), (units, theme[.muted], false),
                (state.index.due[t]?.iso ?? "", theme[.base], false), (lang.status(task.status), theme[.base], false),
                ("\(task.progress)%", theme[.base], true), (Screen.stateLabel(st, lang), Screen.stateStyle(st, theme), false),
            ]
            if selected { g.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.selection]) }
            var cx = area.x
            for (c, (text, style, right)) in cells.enumerated() where widths[c] > 0 {
                var s = style
                if selected { s.bg = theme[.selection].bg; s.reverse = theme[.selection].reverse }
                g.field(text, x: cx, y: y, width: widths[c], style: s, alignRight: right)
                cx += widths[c] + 1
            }
        }
        if let detail, state.tasksCursor.selected < visibleTasks.count {
            TaskDetail.draw(&g, detail, task: visibleTasks[state.tasksCursor.selected], state, theme)
        }
    }
}

extension TasksView {
    /// The list (with its header row) and the detail pane: beside the list from 120 columns, below it
    /// when there are rows to spare, else none.
    static func split(_ body: Rect, _ state: DashboardState) -> (list: Rect, detail: Rect?) {
        let list = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)  // below the filter line
        guard state.showDetail else { return (list, nil) }
        if body.width >= 120 { return list.splitLeft(list.width * 3 / 5) }
        if list.height >= 16 { return list.splitBottom(min(10, list.height / 2)) }
        return (list, nil)
    }
}

/// The detail pane: full text, units, due date, progress, target, notes and history.
enum TaskDetail {
    static func draw(_ g: inout Grid, _ r: Rect, task t: Int, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang, plan = state.plan, task = plan.tasks[t]
        // The title as far as the box shows it: not a copy of a huge title every frame.
        g.box(r, title: task.id + " " + task.title.prefix(r.width), style: theme[.border], titleStyle: theme[.header])
        let inner = r.inset(left: 2, top: 1, right: 2, bottom: 1)
        guard inner.width > 4, inner.height > 0 else { return }
        var lines: [(String, Style)] = []
        let section = state.index.section[t].map { plan.sections[$0] }
        let phase = state.index.phase[t].map { plan.phases[$0].name } ?? task.phaseID
        let st = state.derived.states[t]
        lines.append((lang.pick("状态 ", "Status ") + lang.status(task.status) + "  \(task.progress)%  " +
                      lang.pick("截止 ", "due ") + (state.index.due[t]?.iso ?? "—") + "  " + Screen.stateLabel(st, lang) +
                      "  " + lang.pick("序时进度 ", "expected ") + "\(state.status.expectedProgress(t))%", Screen.stateStyle(st, theme)))
        if let section {
            lines.append((lang.pick("部分 ", "Section ") + Screen.sectionNumber(section.number) + section.title + "  " + lang.pick("阶段 ", "phase ") + phase, theme[.muted]))
        }
        lines.append((lang.pick("牵头 ", "Lead ") + Screen.unitShortNames(state.index.leadUnits[t], plan) + "  " +
                      lang.pick("责任 ", "Responsible ") + Screen.unitShortNames(state.index.responsibleUnits[t], plan), theme[.muted]))
        if let target = task.target {
            lines.append((lang.pick("指标 ", "Target ") + "\(target.label) \(target.achieved)/\(target.required)\(target.unit)" +
                          (target.isMet ? lang.pick("（已达成）", " (met)") : ""), theme[target.isMet ? .done : .behind]))
        }
        // Only the rows the pane has are wrapped: a frame costs what it shows, however long the text.
        func add(_ parts: [Substring], _ style: Style) {
            for l in TextLayout.wrap(parts: parts, width: inner.width, maxLines: inner.height - lines.count) { lines.append((l, style)) }
        }
        add([task.text[...]], theme[.base])
        for n in task.notes where lines.count < inner.height {
            add([(lang.pick("备注 ", "Note ") + "\(n.at.prefix(10)) \(n.by)：")[...], n.text[...]], theme[.activity])
        }
        for h in task.history.reversed() where lines.count < inner.height {
            lines.append(("\(h.at.prefix(16).replacingOccurrences(of: "T", with: " ")) \(h.by) \(h.change)", theme[.muted]))
        }
        for (k, (text, style)) in lines.prefix(inner.height).enumerated() {
            g.field(text, x: inner.x, y: inner.y + k, width: inner.width, style: style)
        }
    }
}
