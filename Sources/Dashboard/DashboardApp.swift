import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// The dashboard: its state and the one function that changes it. Pure: no terminal, no clock, no disk.
///
/// Every change goes through `update(_:)`: keys, mouse presses, size changes, clock ticks, and the results
/// of the effects it asked for (`EffectRunner` carries them out and answers with events). `state` can be
/// read from anywhere, written only here. Frames are drawn from it by `Screen.render`.
public struct DashboardApp: Sendable {
    public internal(set) var state: DashboardState
    /// The size of the last frame, in cells, for paging and mouse hit-testing.
    public private(set) var size = (width: 80, height: 24)
    /// "Today" follows the clock's ticks (false when `--date` fixed it).
    public let followsClock: Bool
    /// When the plan file was last checked for changes saved elsewhere.
    private var lastFileCheck: Date?
    /// How often a tick asks for the plan file to be checked (other desks' saves, unsaved retries,
    /// permissions), in seconds.
    public static let fileCheckInterval: TimeInterval = 2

    public init(state: DashboardState, followsClock: Bool = true) {
        self.state = state
        self.followsClock = followsClock
    }

    /// Whether the frame is at least `Chrome.minWidth` × `Chrome.minHeight`; below that the screen shows
    /// only the size notice, and only quitting acts.
    public var fits: Bool { size.width >= Chrome.minWidth && size.height >= Chrome.minHeight }

    /// Handles one event and returns what must be done next (in order). The only writer of `state`.
    public mutating func update(_ event: Event) -> [Effect] {
        let effects = handle(event)
        state.prepareForFrame()
        return effects
    }

    private mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case let .resize(w, h):
            size = (w, h)
            syncPageRows()
            return []
        case let .tick(now):
            return tick(now)
        case .key, .mouse:
            let effects = input(event)
            noteWhatEditorsSee()
            return effects
        case let .saved(result, kind):
            saved(result, kind)
        case let .saveFailed(reason, plan, unsaved, kept):
            state.replacePlan(plan)
            state.save.unsaved = unsaved
            state.save.kept = kept
            state.message = state.lang.pick("未保存：", "Not saved: ") + reason
        case let .retryFailed(unsaved):
            state.save.unsaved = unsaved  // still failing: the title bar keeps saying so
        case .nothingToUndo:
            state.message = state.lang.pick("没有可撤销的修改", "Nothing to undo")
        case .nothingToRedo:
            state.message = state.lang.pick("没有可重做的修改", "Nothing to redo")
        case let .reloaded(plan):
            state.reloadProblem = nil
            guard plan != state.plan else { break }
            state.replacePlan(plan)
            state.message = state.lang.pick("已载入其他席位保存的更改", "Loaded changes saved at another desk")
            noteChangesUnderEditors()
        case .fileUnchanged:
            state.reloadProblem = nil
        case let .reloadFailed(error):
            state.reloadProblem = ReloadProblem(error: error, since: state.reloadProblem?.since ?? lastFileCheck ?? Date(timeIntervalSince1970: 0))
        case let .readOnlyChanged(reason):
            // Permissions can change while the dashboard is open (a colleague fixes them, or locks the file).
            state.save.readOnlyReason = reason
        }
        syncPageRows()
        return []
    }

    /// `update(Event(key))`: a key as the terminal reports it (mouse presses and sizes included).
    @discardableResult
    public mutating func update(key: Key) -> [Effect] { update(Event(key)) }

    private mutating func tick(_ now: Date) -> [Effect] {
        if followsClock { state.setToday(state.plan.today(at: now)) }
        // A clock set back restarts the interval instead of stopping the checks.
        if let last = lastFileCheck, now >= last, now.timeIntervalSince(last) < DashboardApp.fileCheckInterval { return [] }
        lastFileCheck = now
        return [.checkFile]
    }

    /// An editor that has just opened remembers the value its field has now: the value the user sees.
    private mutating func noteWhatEditorsSee() {
        if var p = state.prompt, p.seen == nil, let w = p.purpose.watched {
            p.seen = SeenValue(state.plan.value(of: w.field, id: w.id))
            state.prompt = p
        }
        if var p = state.picker, p.seen == nil, let w = p.purpose.watched {
            p.seen = SeenValue(state.plan.value(of: w.field, id: w.id))
            state.picker = p
        }
    }

    /// Another desk's save arrived: an open editor whose field it changed says so (saving will then ask
    /// the user to choose, see `Effect.commit`).
    private mutating func noteChangesUnderEditors() {
        func changed(_ watched: (field: PlanField, id: String)?, _ seen: SeenValue?) -> String? {
            guard let w = watched, let seen else { return nil }
            let now = state.plan.value(of: w.field, id: w.id)
            return now == seen.value ? nil : state.plan.describe(now, of: w.id)
        }
        if var p = state.prompt {
            p.changedElsewhere = changed(p.purpose.watched, p.seen)
            state.prompt = p
        }
        if var p = state.picker {
            p.changedElsewhere = changed(p.purpose.watched, p.seen)
            state.picker = p
        }
    }

    /// Keys and mouse presses. The first open layer owns them: the size notice, then conflicts, a
    /// confirmation, a prompt, a picker, the search line, help; only with none open do the view's keys act.
    private mutating func input(_ event: Event) -> [Effect] {
        state.message = nil
        // Paging moves by the rows the current view shows; after the key, by those of the view it leaves.
        syncPageRows()
        defer { syncPageRows() }
        let key: Key? = if case let .key(k) = event { k } else { nil }
        guard fits else { return whileTooSmall(key) }
        // Dialogs take keys only: a press elsewhere on the screen does nothing while one is open.
        if !state.save.conflicts.isEmpty { return key.map { handleConflicts($0) } ?? [] }
        if state.confirmation != nil { return key.map { handleConfirmation($0) } ?? [] }
        if state.prompt != nil { return key.map { handlePrompt($0) } ?? [] }
        if state.picker != nil { return key.map { handlePicker($0) } ?? [] }
        if state.searching { if let key { handleSearch(key) }; return [] }
        if state.showHelp { return key.map { handleHelp($0) } ?? [] }
        if state.showProblems {
            // Any key closes the list; q still quits.
            guard let key else { return [] }
            state.showProblems = false
            return key == .char("q") ? perform(.quit) : []
        }
        guard let key else {
            if case let .mouse(x, y) = event { click(x: x, y: y) }
            return []
        }
        switch key {
        case .ctrl("c"): return [.quit]
        case .scrollUp: return perform(.up)
        case .scrollDown: return perform(.down)
        default: break
        }
        guard let action = KeyMap.action(for: key, in: state.view) else {
            if case .char = key { state.message = state.lang.pick("按 ? 查看按键说明", "Press ? for the list of keys") }
            return []
        }
        return perform(action)
    }

    /// Below the minimum size nothing on screen can be seen, so no key may change anything: only quitting
    /// acts (Ctrl-C always; q when nothing is unsaved and no dialog is open). Open dialogs stay as they
    /// were until the screen is large enough again.
    private func whileTooSmall(_ key: Key?) -> [Effect] {
        switch key {
        case .ctrl("c"): return [.quit]
        case .char("q"):
            let dialogOpen = !state.save.conflicts.isEmpty || state.confirmation != nil || state.prompt != nil
                || state.picker != nil || state.searching || state.showProblems
            return dialogOpen || state.save.unsaved > 0 ? [] : [.quit]
        default: return []
        }
    }

    /// Help: arrows and paging scroll a long list; any other key closes it; q still quits.
    private mutating func handleHelp(_ key: Key) -> [Effect] {
        let capacity = HelpOverlay.capacity(state, width: size.width, height: size.height)
        let count = KeyMap.bindings(in: state.view).count
        let last = max(0, count - capacity)
        switch key {
        case .down, .char("j"): state.helpTop = min(last, state.helpTop + 1)
        case .up, .char("k"): state.helpTop = max(0, state.helpTop - 1)
        case .pageDown: state.helpTop = min(last, state.helpTop + capacity)
        case .pageUp: state.helpTop = max(0, state.helpTop - capacity)
        default:
            state.showHelp = false
            return key == .char("q") ? perform(.quit) : []
        }
        return []
    }

    mutating func perform(_ action: Action) -> [Effect] {
        switch action {
        case .quit:
            if state.save.unsaved > 0 {
                // Say only what is true: queued in the recovery file (saved by the next save on this machine),
                // or only in this window's memory (lost on quitting).
                let n = state.save.unsaved
                let message: String
                switch state.save.kept {
                case let .memoryOnly(reason):
                    message = state.lang.pick("有 \(n) 项修改只在本窗口的内存中（恢复文件也写不进：\(reason)），退出就会丢失。仍要退出？(y/N)",
                                              "\(n) change(s) are only in this window's memory (the recovery file could not be written: \(reason)); quitting loses them. Quit anyway? (y/N)")
                case let .recoveryFile(path):
                    message = state.lang.pick("有 \(n) 项修改还没存进计划文件（已记在恢复文件 \(path)，本机下次保存时补存）。仍要退出？(y/N)",
                                              "\(n) change(s) are not in the plan file yet (queued in \(path), saved by the next save on this machine). Quit anyway? (y/N)")
                case .none:
                    message = state.lang.pick("有 \(n) 项修改还没存进计划文件。仍要退出？(y/N)", "\(n) change(s) are not in the plan file yet. Quit anyway? (y/N)")
                }
                state.confirmation = Confirmation(
                    message: message,
                    edits: [], quits: true)
                return []
            }
            return [.quit]
        case .help:
            state.showHelp = true
            state.helpTop = 0
        case .showProblems:
            if state.reloadProblem == nil {
                state.message = state.lang.pick("计划文件可以正常读取", "The plan file reads without problems")
            } else {
                state.showProblems = true
            }
        case .nextView: state.view = ViewID(rawValue: state.view.rawValue % ViewID.allCases.count + 1)!
        case .previousView:
            state.view = ViewID(rawValue: (state.view.rawValue + ViewID.allCases.count - 2) % ViewID.allCases.count + 1)!
        case let .show(v): state.view = v
        case .back:
            // Esc closes what the view has open: the day's events, or a search that was kept.
            if state.view == .calendar { state.showDayEvents = false }
            if state.view == .tasks, !state.query.search.isEmpty {
                state.query.search = ""
                state.tasksCursor = ListCursor()
            }
        case _ where DashboardApp.editActions.contains(action):
            return performEdit(action)
        case _ where DashboardApp.structureActions.contains(action):
            return performStructure(action)
        default: moveInView(action)
        }
        return []
    }

    // MARK: Results of saves

    private mutating func saved(_ result: CommitResult, _ kind: SaveKind) {
        let count = state.save.unsaved
        state.replacePlan(result.plan)
        state.save.conflicts = result.conflicts
        state.save.unsaved = 0
        let lines = result.applied.filter { !$0.isNoOp }.map(\.change)
        let lang = state.lang
        if !result.conflicts.isEmpty {
            state.message = lang.pick("有 \(result.conflicts.count) 处与其他席位冲突，请选择", "\(result.conflicts.count) conflict(s) with another desk: choose")
        } else if kind == .retry {
            state.message = lang.pick("已补存 \(count) 项之前未保存的修改", "Saved \(count) change(s) that could not be saved before")
        } else if lines.isEmpty {
            state.message = lang.pick("没有变化", "Nothing changed")
        } else if kind == .undo || kind == .redo {
            // The selection may be elsewhere by now: say which task was changed back.
            let named = result.applied.filter { !$0.isNoOp }.map { a in
                let title = state.index.taskPosition[a.edit.targetID].map { "「" + state.plan.tasks[$0].title + "」" } ?? ""
                return a.edit.targetID + title + " " + a.change
            }
            state.message = (kind == .undo ? lang.pick("已撤销：", "Undone: ") : lang.pick("已重做：", "Redone: ")) + named.joined(separator: "；")
        } else {
            state.message = lang.pick("已保存：", "Saved: ") + lines.joined(separator: "；") + (result.merged ? lang.pick("（已合并其他席位的更改）", " (merged with another desk's changes)") : "")
        }
    }

    private var page: Int { max(1, state.pageRows) }

    private mutating func syncPageRows() {
        state.pageRows = max(1, ListLayout.rows(state, width: size.width, height: size.height).height)
    }

    private mutating func moveInView(_ action: Action) {
        switch state.view {
        case .overview: break
        case .timeline: timeline(action)
        case .overdue: overdue(action)
        case .calendar: calendar(action)
        case .tasks: tasks(action)
        case .structure: structure(action, page: page)
        }
    }

    /// Shared vertical movement for list views.
    private func step(_ action: Action, count: Int) -> Int? {
        switch action {
        case .up: return -1
        case .down: return 1
        case .pageUp: return -page
        case .pageDown: return page
        case .home: return -count
        case .end: return count
        default: return nil
        }
    }

    private mutating func timeline(_ action: Action) {
        let count = state.timelineRows.count
        if let d = step(action, count: count) {
            state.timelineCursor.move(d, count: count, visible: page)
            return
        }
        switch action {
        case .left, .previousMonth: state.timelineStart = state.timelineStart.adding(months: -1)
        case .right, .nextMonth: state.timelineStart = state.timelineStart.adding(months: 1)
        case .today:
            state.timelineStart = DashboardState.defaultTimelineStart(plan: state.plan, today: state.today)
            state.showCurrentPhase()
        default: break
        }
    }

    private mutating func overdue(_ action: Action) {
        let rows = state.overdueRows
        if let d = step(action, count: rows.count) {
            state.overdueCursor.move(d, count: rows.count, visible: page)
            return
        }
        guard state.overdueCursor.selected < rows.count else { return }
        let row = rows[state.overdueCursor.selected]
        let group: Int
        switch row {
        case let .unit(g): group = g
        case let .task(g, _): group = g
        }
        let unitID = state.plan.units[state.derived.overdueByUnit[group].unit].id
        switch action {
        case .activate:
            if state.expandedUnits.contains(unitID) { collapse(unitID, group: group) } else { state.expandedUnits.insert(unitID) }
        case .right: state.expandedUnits.insert(unitID)
        case .left: collapse(unitID, group: group)
        default: break
        }
    }

    /// Collapses a unit and moves the selection onto its header row.
    private mutating func collapse(_ unitID: String, group: Int) {
        state.expandedUnits.remove(unitID)
        if let k = state.overdueRows.firstIndex(of: .unit(group: group)) {
            state.overdueCursor.selected = k
            state.overdueCursor.clamp(count: state.overdueRows.count, visible: page)
        }
    }

    private mutating func calendar(_ action: Action) {
        var d = state.calendarDay
        switch action {
        case .left: d = d.adding(days: -1)
        case .right: d = d.adding(days: 1)
        case .up: d = d.adding(days: -7)
        case .down: d = d.adding(days: 7)
        case .pageUp, .previousMonth: d = d.adding(months: -1)
        case .pageDown, .nextMonth: d = d.adding(months: 1)
        case .home: d = d.firstOfMonth
        case .end: d = d.lastOfMonth
        case .today: d = state.today
        case .activate: state.showDayEvents.toggle()
        default: break
        }
        state.calendarDay = d
    }

    private mutating func tasks(_ action: Action) {
        let count = state.visibleTasks.count
        if let d = step(action, count: count) {
            state.tasksCursor.move(d, count: count, visible: page)
            return
        }
        let lang = state.lang
        switch action {
        case .activate, .toggleDetail: state.showDetail.toggle()
        case .search:
            // A new search replaces the last one.
            state.searching = true
            state.query.search = ""
            state.tasksCursor = ListCursor()
        case .pickSection:
            var options = [Picker.Option(value: nil, label: lang.pick("全部部分", "All sections"), keys: "")]
            for s in state.plan.sections {
                options.append(.init(value: s.id, label: "(\(s.number)) \(s.title)", keys: s.id.lowercased()))
            }
            state.picker = Picker(purpose: .section, title: lang.pick("按部分筛选", "Filter by section"), options: options)
        case .pickUnit:
            let options = [Picker.Option(value: nil, label: lang.pick("全部单位", "All units"), keys: "")] + Picker.unitOptions(state.plan.units)
            state.picker = Picker(purpose: .unit, title: lang.pick("按单位筛选（可输入拼音）", "Filter by unit (type to narrow)"), options: options)
        case .cycleStatusFilter:
            let all: [TaskStatus?] = [nil] + TaskStatus.allCases.map { $0 }
            let k = all.firstIndex(of: state.query.status) ?? 0
            state.query.status = all[(k + 1) % all.count]
            state.tasksCursor = ListCursor()
        case .cycleSort:
            state.query.sort = TaskQuery.Sort(rawValue: (state.query.sort.rawValue + 1) % TaskQuery.Sort.allCases.count)!
        case .clearFilters:
            state.query = TaskQuery()
            state.tasksCursor = ListCursor()
        case .today:
            let visible = state.visibleTasks
            if let k = visible.firstIndex(where: { (state.index.due[$0] ?? state.today) >= state.today }) {
                state.tasksCursor.selected = k
                state.tasksCursor.clamp(count: visible.count, visible: page)
            }
        default: break
        }
    }

    private mutating func handleSearch(_ key: Key) {
        switch key {
        case .enter: state.searching = false
        case .escape:
            state.searching = false
            state.query.search = ""
        case .backspace:
            if !state.query.search.isEmpty { state.query.search.removeLast() }
        case let .char(c):
            state.query.search.append(c)
        default: return
        }
        state.tasksCursor = ListCursor()
    }

    private mutating func handlePicker(_ key: Key) -> [Effect] {
        guard var p = state.picker else { return [] }
        let count = p.visibleOptions.count
        switch key {
        case .escape:
            state.picker = nil
            state.wizard = nil
            return []
        case .up: p.cursor.move(-1, count: count, visible: page)
        case .down: p.cursor.move(1, count: count, visible: page)
        case .pageUp: p.cursor.move(-page, count: count, visible: page)
        case .pageDown: p.cursor.move(page, count: count, visible: page)
        case .home: p.cursor.move(-count, count: count, visible: page)
        case .end: p.cursor.move(count, count: count, visible: page)
        case .backspace:
            if !p.filter.isEmpty { p.filter.removeLast(); p.cursor = ListCursor() }
        case .char(" ") where p.purpose.isMulti:
            let options = p.visibleOptions
            if p.cursor.selected < options.count, let v = options[p.cursor.selected].value {
                if p.chosen.contains(v) { p.chosen.remove(v) } else { p.chosen.insert(v) }
            }
        case .enter, .char(" "):
            let options = p.visibleOptions
            state.picker = nil
            guard p.cursor.selected < options.count else { return [] }
            return choose(options[p.cursor.selected], in: p)
        case .char where p.isMenu:
            // The edit menu: its letters are the same keys as outside it, as the key table says; a key
            // for no item of the menu does nothing.
            guard let action = KeyMap.action(for: key, in: state.view), p.options.contains(where: { $0.action == action }) else { return [] }
            state.picker = nil
            return perform(action)
        case let .char(c):
            p.filter.append(contentsOf: String(c).lowercased())
            p.cursor = ListCursor()
        default: break
        }
        state.picker = p
        return []
    }

    /// Applies a picker's choice.
    private mutating func choose(_ option: Picker.Option, in p: Picker) -> [Effect] {
        let value = option.value
        switch p.purpose {
        case .section:
            state.query.sectionID = value
            state.tasksCursor = ListCursor()
        case .unit:
            state.query.unitID = value
            state.tasksCursor = ListCursor()
        case let .status(id):
            guard let v = value, let status = TaskStatus(rawValue: v) else { return [] }
            return [.commit([.setStatus(taskID: id, status)], seen: p.seen)]
        case let .owners(id):
            let ordered = state.plan.units.map(\.id).filter { p.chosen.contains($0) }
            let current = state.index.taskPosition[id].map { state.plan.tasks[$0].ownerUnits } ?? []
            return ordered == current ? [] : [.commit([.setOwners(taskID: id, ordered)], seen: p.seen)]
        case .editMenu:
            return option.action.map { perform($0) } ?? []
        case .wizard(multi: true):
            return answerWizard(state.plan.units.map(\.id).filter { p.chosen.contains($0) }.joined(separator: ","))
        case .wizard(multi: false):
            return answerWizard(value ?? "")
        case let .mergeInto(unitID):
            guard let into = value else { return [] }
            return [.commit([.structure(.removeUnit(unitID: unitID, reassignTo: into))])]
        }
        return []
    }

    private mutating func click(x: Int, y: Int) {
        if y == Chrome.tabRow {
            if let v = Chrome.tabHit(x: x, width: size.width, lang: state.lang) { state.view = v }
            return
        }
        let rows = ListLayout.rows(state, width: size.width, height: size.height)
        guard rows.contains(x: x, y: y) else { return }
        let row = y - rows.y
        // The row under the pointer, counted from the top the frame actually drew.
        func target(_ cursor: ListCursor, _ count: Int) -> Int? {
            let t = Screen.top(cursor, count: count, visible: rows.height) + row
            return t < count ? t : nil
        }
        switch state.view {
        case .overdue:
            if let t = target(state.overdueCursor, state.overdueRows.count) {
                if t == state.overdueCursor.selected { overdue(.activate) }
                state.overdueCursor.selected = t
                state.overdueCursor.clamp(count: state.overdueRows.count, visible: rows.height)
            }
        case .tasks:
            if let t = target(state.tasksCursor, state.visibleTasks.count) {
                state.tasksCursor.selected = t
                state.tasksCursor.clamp(count: state.visibleTasks.count, visible: rows.height)
            }
        case .timeline:
            if let t = target(state.timelineCursor, state.timelineRows.count) {
                state.timelineCursor.selected = t
                state.timelineCursor.clamp(count: state.timelineRows.count, visible: rows.height)
            }
        default: break
        }
    }
}

/// Where the list views draw their rows, shared by drawing, paging and mouse hit-testing.
public enum ListLayout {
    /// Rows above the first list row (the column header).
    public static let headerRows = 1

    /// The rows of the current view's list (below its header) in a frame of the given size.
    public static func rows(_ state: DashboardState, width: Int, height: Int) -> Rect {
        let body = Chrome.bodyRect(width: width, height: height, banner: state.banner != nil)
        let list = state.view == .tasks ? TasksView.split(body, state).list
            : state.view == .structure ? body.inset(left: 1, right: 1).inset(top: StructureView.topRows) : body
        return list.inset(top: headerRows)
    }
}
