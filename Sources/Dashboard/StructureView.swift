import ShuangyongKit
import TerminalUI

/// View 6: the plan's structure — its title, and four lists (units with how many tasks each holds,
/// sections with their 牵头单位 and 责任单位, phases with their dates, activities with their rules) —
/// changed in place (a add, e change, D remove, M merge units, P the plan's own fields).
enum StructureView {
    /// Rows above the list: the plan line and the lists' tab line.
    static let topRows = 2

    static func draw(_ g: inout Grid, _ body: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang, plan = state.plan
        let area = body.inset(left: 1, right: 1)
        guard area.height > topRows + 1 else { return }
        g.field(lang.pick("计划：", "Plan: ") + plan.title + "  " + plan.organization + "  " + lang.pick("\(plan.year)年", "\(plan.year)"),
                x: area.x, y: area.y, width: area.width, style: theme[.header])
        var x = area.x
        for list in StructureList.allCases {
            let label = " \(list.title(lang)) \(DashboardApp.count(list, plan)) "
            x += g.put(label, x: x, y: area.y + 1, style: theme[list == state.structureList ? .tabActive : .tabInactive], maxWidth: max(0, area.maxX - x))
            x += 1
        }
        let table = area.inset(top: topRows)
        // The list as text, made when the list, the language or the plan changed (not every frame).
        let made = state.structureTable.flatMap { $0.isCurrent(for: state) ? $0 : nil } ?? StructureTable(state)
        let headers = made.headers, rows = made.rows
        // Each column as wide as its widest cell (up to 14), the name and the last column taking the rest.
        let widths = ColumnLayout.widths(headers.enumerated().map { k, h in
            .init(min: max(h.displayWidth, min(made.widest[k], 14)), flex: k == 1 || k == headers.count - 1 ? 2 : 0, priority: k == 0 ? 2 : 1)
        }, total: table.width)
        var cx = table.x
        for (k, h) in headers.enumerated() where widths[k] > 0 {
            g.field(h, x: cx, y: table.y, width: widths[k], style: theme[.header])
            cx += widths[k] + 1
        }
        if rows.isEmpty {
            g.field(lang.pick("还没有\(state.structureList.title(lang))：按 a 新增", "No \(state.structureList.title(lang).lowercased()) yet: a adds one"),
                    x: table.x, y: table.y + 1, width: table.width, style: theme[.muted])
            return
        }
        let cursor = state.structureCursors[state.structureList.rawValue]
        let visible = table.height - ListLayout.headerRows
        let top = Screen.top(cursor, count: rows.count, visible: visible)
        for k in 0..<max(0, min(visible, rows.count - top)) {
            let r = top + k, y = table.y + ListLayout.headerRows + k
            let selected = state.showsSelection && r == cursor.selected
            if selected { g.fill(Rect(x: table.x, y: y, width: table.width, height: 1), style: theme[.selection]) }
            var cx = table.x
            for (c, text) in rows[r].enumerated() where widths[c] > 0 {
                var s = c == 0 ? theme[.muted] : theme[.base]
                if selected { s.bg = theme[.selection].bg; s.reverse = theme[.selection].reverse }
                g.field(text, x: cx, y: y, width: widths[c], style: s)
                cx += widths[c] + 1
            }
        }
    }

    /// The current list's headers and rows, as text.
    static func columns(_ state: DashboardState) -> ([String], [[String]]) {
        let lang = state.lang, plan = state.plan, index = state.index
        func names(_ ids: [String]) -> String { ids.map { id in index.unitPosition[id].map { plan.units[$0].shortName } ?? id }.joined(separator: "、") }
        // How many tasks name each unit, section or phase, counted in one pass over the tasks' positions.
        func counts(of positions: PositionsByTask, _ n: Int) -> [Int] {
            var out = [Int](repeating: 0, count: n)
            for p in positions { if let p { out[p] += 1 } }
            return out
        }
        switch state.structureList {
        case .units:
            // Each task once per unit, though the unit both leads and does it.
            var tasks = [Int](repeating: 0, count: plan.units.count), seen = [Int](repeating: -1, count: plan.units.count)
            let involved = index.taskUnits
            for t in plan.tasks.indices {
                for u in involved.lead(t) where seen[Int(u)] != t { seen[Int(u)] = t; tasks[Int(u)] += 1 }
                for u in involved.responsible(t) where seen[Int(u)] != t { seen[Int(u)] = t; tasks[Int(u)] += 1 }
            }
            return ([lang.pick("编号", "Id"), lang.pick("单位", "Unit"), lang.pick("简称", "Short"), lang.pick("类别", "Kind"), lang.pick("任务", "Tasks")],
                    plan.units.indices.map { k in
                        [plan.units[k].id, plan.units[k].name, plan.units[k].shortName, lang.unitKind(plan.units[k].kind), "\(tasks[k])"]
                    })
        case .sections:
            let tasks = counts(of: index.section, plan.sections.count)
            return ([lang.pick("编号", "Id"), lang.pick("部分", "Section"), lang.pick("任务", "Tasks"), lang.pick("牵头单位", "Lead"), lang.pick("责任单位", "Responsible")],
                    plan.sections.map { s in
                        [s.id, Screen.sectionNumber(s.number) + s.title, "\(index.sectionPosition[s.id].map { tasks[$0] } ?? 0)",
                         names(s.leadUnits), names(s.responsibleUnits)]
                    })
        case .phases:
            let tasks = counts(of: index.phase, plan.phases.count)
            return ([lang.pick("编号", "Id"), lang.pick("阶段", "Phase"), lang.pick("开始", "Starts"), lang.pick("结束", "Ends"), lang.pick("任务", "Tasks")],
                    plan.phases.map { p in [p.id, p.name, p.start.iso, p.end.iso, "\(index.phasePosition[p.id].map { tasks[$0] } ?? 0)"] })
        case .activities:
            return ([lang.pick("编号", "Id"), lang.pick("活动", "Activity"), lang.pick("时间规则", "When"), lang.pick("参与单位", "Units")],
                    plan.activities.map { a in [a.id, a.title, a.rule.text, names(a.units)] })
        }
    }
}

/// The 计划 view's current list as text, with the widest cell of each column: made when the list, the
/// language or the plan changes (`DashboardState.structureTable`), so a frame draws only the rows it shows.
public struct StructureTable: Sendable {
    let list: StructureList
    let lang: Language
    let planRevision: Int
    public let headers: [String]
    public let rows: [[String]]
    /// Display width of each column's widest cell (0 when there are no rows).
    public let widest: [Int]

    init(_ state: DashboardState) {
        list = state.structureList
        lang = state.lang
        planRevision = state.planRevision
        (headers, rows) = StructureView.columns(state)
        var widest = [Int](repeating: 0, count: headers.count)
        for row in rows {
            for (k, cell) in row.enumerated() where k < widest.count { widest[k] = max(widest[k], cell.displayWidth) }
        }
        self.widest = widest
    }

    /// Whether the table shows `state`'s list of its plan in its language.
    func isCurrent(for state: DashboardState) -> Bool {
        list == state.structureList && lang == state.lang && planRevision == state.planRevision
    }
}
