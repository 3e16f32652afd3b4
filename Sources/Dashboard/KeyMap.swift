import TerminalUI

/// What a key asks for. Views interpret the movement actions in their own terms.
public enum Action: Hashable, Sendable {
    case quit, help, showProblems, nextView, previousView, show(ViewID)
    case up, down, left, right, pageUp, pageDown, home, end, today
    case activate, back
    case search, pickSection, pickUnit, cycleStatusFilter, cycleSort, clearFilters, toggleDetail
    case previousMonth, nextMonth
    case editMenu, pickStatus, editProgress, editDue, addNote, targetUp, targetDown, pickOwners, addTask, deleteTask, renameUnit
    case undo, redo
    case previousList, nextList, addItem, editItem, removeItem, mergeUnit, editPlanInfo
}

/// A short footer entry for a binding: "e 修改".
public struct KeyHint: Sendable {
    public var zh: String
    public var en: String
    /// The keys as the footer shows them when one label stands for several rows ("←→↑↓"); nil: the
    /// binding's own keys.
    public var keys: String?
    /// The views whose footer shows it; nil: every view the binding applies in.
    public var views: Set<ViewID>?

    public init(_ zh: String, _ en: String, keys: String? = nil, views: Set<ViewID>? = nil) {
        self.zh = zh
        self.en = en
        self.keys = keys
        self.views = views
    }
}

/// One row of the key table: the keys, the action, the help text, where it applies, and its footer entry.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var zh: String
    public var en: String
    /// nil = every view.
    public var views: Set<ViewID>?
    /// The footer's short entry, if the footer shows this binding.
    public var hint: KeyHint?

    public init(keys: [Key], action: Action, zh: String, en: String, views: Set<ViewID>? = nil, hint: KeyHint? = nil) {
        self.keys = keys
        self.action = action
        self.zh = zh
        self.en = en
        self.views = views
        self.hint = hint
    }

    public func help(_ lang: Language) -> String { lang.pick(zh, en) }

    func applies(in view: ViewID) -> Bool { views?.contains(view) ?? true }
}

/// The single table that drives key dispatch, the help overlay, the footer and the edit menu. A key
/// means the action of the first row that lists it and applies in the current view, so rows that give a
/// key its meaning in one view come before the row that gives it everywhere else.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.tab], action: .nextView, zh: "下一视图", en: "next view", hint: KeyHint("切换", "switch")),
        KeyBinding(keys: [.backTab], action: .previousView, zh: "上一视图", en: "previous view"),
        KeyBinding(keys: [.char("?"), .function(1)], action: .help, zh: "帮助", en: "help", hint: KeyHint("帮助", "help", keys: "?")),
        KeyBinding(keys: [.char("q")], action: .quit, zh: "退出", en: "quit", hint: KeyHint("退出", "quit")),
        KeyBinding(keys: [.char("!")], action: .showProblems, zh: "计划文件的问题（读取失败时）", en: "the plan file's problems (when it cannot be read)"),
        KeyBinding(keys: [.char("1")], action: .show(.overview), zh: "总览", en: "overview",
                   hint: KeyHint("视图", "views", keys: "1-6", views: [.overview])),
        KeyBinding(keys: [.char("2")], action: .show(.timeline), zh: "阶段进度", en: "timeline"),
        KeyBinding(keys: [.char("3")], action: .show(.overdue), zh: "逾期督办", en: "overdue by unit"),
        KeyBinding(keys: [.char("4")], action: .show(.calendar), zh: "月历", en: "calendar"),
        KeyBinding(keys: [.char("5")], action: .show(.tasks), zh: "任务", en: "tasks"),
        KeyBinding(keys: [.char("6")], action: .show(.structure), zh: "计划结构（单位、部分、阶段、活动）", en: "the plan's structure (units, sections, phases, activities)"),
        // The calendar moves by day, week and month.
        KeyBinding(keys: [.left, .char("h")], action: .left, zh: "前一天", en: "previous day", views: [.calendar],
                   hint: KeyHint("日/周", "day/week", keys: "←→↑↓")),
        KeyBinding(keys: [.right, .char("l")], action: .right, zh: "后一天", en: "next day", views: [.calendar]),
        KeyBinding(keys: [.up, .char("k")], action: .up, zh: "上一周", en: "previous week", views: [.calendar]),
        KeyBinding(keys: [.down, .char("j")], action: .down, zh: "下一周", en: "next week", views: [.calendar]),
        KeyBinding(keys: [.pageUp, .char("["), .char("<")], action: .previousMonth, zh: "上月", en: "previous month", views: [.calendar],
                   hint: KeyHint("月", "month", keys: "PgUp/PgDn")),
        KeyBinding(keys: [.pageDown, .char("]"), .char(">")], action: .nextMonth, zh: "下月", en: "next month", views: [.calendar]),
        KeyBinding(keys: [.home], action: .home, zh: "月初", en: "first day of the month", views: [.calendar]),
        KeyBinding(keys: [.end], action: .end, zh: "月末", en: "last day of the month", views: [.calendar]),
        KeyBinding(keys: [.enter, .char(" ")], action: .activate, zh: "当日事项", en: "the day's events", views: [.calendar],
                   hint: KeyHint("当日事项", "day's events", keys: "Enter")),
        // The timeline scrolls by month.
        KeyBinding(keys: [.left, .char("h"), .char("["), .char("<")], action: .previousMonth, zh: "前一月", en: "previous month",
                   views: [.timeline], hint: KeyHint("按月滚动", "scroll months", keys: "←→")),
        KeyBinding(keys: [.right, .char("l"), .char("]"), .char(">")], action: .nextMonth, zh: "后一月", en: "next month", views: [.timeline]),
        // The overdue view opens and closes units.
        KeyBinding(keys: [.enter, .char(" ")], action: .activate, zh: "展开 / 收起单位", en: "expand / collapse the unit", views: [.overdue],
                   hint: KeyHint("展开", "expand", keys: "Enter/→")),
        KeyBinding(keys: [.right, .char("l")], action: .right, zh: "展开单位", en: "expand the unit", views: [.overdue]),
        KeyBinding(keys: [.left, .char("h")], action: .left, zh: "收起单位", en: "collapse the unit", views: [.overdue],
                   hint: KeyHint("收起", "collapse", keys: "←")),
        // The plan's structure: four lists, each changed in place.
        KeyBinding(keys: [.left, .char("h")], action: .previousList, zh: "上一列表（单位/部分/阶段/活动）", en: "previous list (units/sections/phases/activities)",
                   views: [.structure], hint: KeyHint("切换列表", "lists", keys: "←→")),
        KeyBinding(keys: [.right, .char("l")], action: .nextList, zh: "下一列表", en: "next list", views: [.structure]),
        KeyBinding(keys: [.char("a")], action: .addItem, zh: "新增（单位/部分/阶段/活动）", en: "add (a unit, section, phase, activity)",
                   views: [.structure], hint: KeyHint("新增", "add")),
        KeyBinding(keys: [.char("e"), .enter], action: .editItem, zh: "修改所选", en: "change the selected one", views: [.structure],
                   hint: KeyHint("修改", "change", keys: "e")),
        KeyBinding(keys: [.char("D")], action: .removeItem, zh: "删除所选（需确认；仍被引用时不可删）", en: "remove the selected one (asks first; refused while named)",
                   views: [.structure], hint: KeyHint("删除", "remove")),
        KeyBinding(keys: [.char("M")], action: .mergeUnit, zh: "把所选单位并入另一单位（引用随之改）", en: "merge the selected unit into another (references follow)",
                   views: [.structure]),
        KeyBinding(keys: [.char("P")], action: .editPlanInfo, zh: "修改计划标题、发文单位、年度", en: "change the plan's title, issuing body, year",
                   views: [.structure], hint: KeyHint("计划信息", "plan")),
        // Lists everywhere else.
        KeyBinding(keys: [.up, .char("k")], action: .up, zh: "上移", en: "up", views: lists,
                   hint: KeyHint("选择", "select", keys: "↑↓", views: [.timeline, .overdue])),
        KeyBinding(keys: [.down, .char("j")], action: .down, zh: "下移", en: "down", views: lists),
        KeyBinding(keys: [.pageUp], action: .pageUp, zh: "上一页", en: "page up", views: lists),
        KeyBinding(keys: [.pageDown], action: .pageDown, zh: "下一页", en: "page down", views: lists),
        KeyBinding(keys: [.home], action: .home, zh: "第一行", en: "first row", views: lists),
        KeyBinding(keys: [.end], action: .end, zh: "最后一行", en: "last row", views: lists),
        KeyBinding(keys: [.char("g")], action: .today, zh: "回到今天", en: "go to today", views: [.timeline, .calendar, .tasks],
                   hint: KeyHint("今天", "today", views: [.timeline, .calendar])),
        KeyBinding(keys: [.enter, .char(" ")], action: .activate, zh: "详情", en: "details", views: [.tasks]),
        KeyBinding(keys: [.escape], action: .back, zh: "关闭 / 取消", en: "close / cancel"),
        KeyBinding(keys: [.char("e")], action: .editMenu, zh: "修改所选任务（菜单）", en: "change the selected task (menu)", views: editable,
                   hint: KeyHint("修改", "change", views: [.tasks, .overdue])),
        KeyBinding(keys: [.char("/")], action: .search, zh: "搜索（支持拼音）", en: "search (pinyin too)", views: [.tasks],
                   hint: KeyHint("搜索", "search")),
        KeyBinding(keys: [.char("s")], action: .pickSection, zh: "按部分筛选", en: "filter by section", views: [.tasks],
                   hint: KeyHint("筛选", "filter", keys: "s/w/f")),
        KeyBinding(keys: [.char("w")], action: .pickUnit, zh: "按单位筛选", en: "filter by unit", views: [.tasks]),
        KeyBinding(keys: [.char("f")], action: .cycleStatusFilter, zh: "按状态筛选", en: "filter by status", views: [.tasks]),
        KeyBinding(keys: [.char("o")], action: .cycleSort, zh: "排序", en: "sort", views: [.tasks], hint: KeyHint("排序", "sort")),
        KeyBinding(keys: [.char("c")], action: .clearFilters, zh: "清除筛选", en: "clear filters", views: [.tasks]),
        KeyBinding(keys: [.char("t")], action: .pickStatus, zh: "设置状态", en: "set status", views: editable),
        KeyBinding(keys: [.char("p")], action: .editProgress, zh: "设置进度", en: "set progress", views: editable),
        KeyBinding(keys: [.char("d")], action: .editDue, zh: "设置截止日期", en: "set due date", views: editable),
        KeyBinding(keys: [.char("n")], action: .addNote, zh: "添加备注", en: "add a note", views: editable),
        KeyBinding(keys: [.char("+"), .char("=")], action: .targetUp, zh: "指标完成量 +1", en: "target count +1", views: editable),
        KeyBinding(keys: [.char("-")], action: .targetDown, zh: "指标完成量 −1", en: "target count −1", views: editable),
        KeyBinding(keys: [.char("O")], action: .pickOwners, zh: "设置责任单位", en: "set responsible units", views: editable),
        KeyBinding(keys: [.char("a")], action: .addTask, zh: "新增任务", en: "add a task", views: editable),
        KeyBinding(keys: [.char("D")], action: .deleteTask, zh: "删除任务（需确认）", en: "delete the task (asks first)", views: editable),
        KeyBinding(keys: [.char("R")], action: .renameUnit, zh: "重命名单位", en: "rename the unit", views: [.overdue, .tasks]),
        KeyBinding(keys: [.char("u")], action: .undo, zh: "撤销（保存到文件）", en: "undo (saved to the file)", views: editable.union([.structure]),
                   hint: KeyHint("撤销", "undo", views: [.tasks])),
        KeyBinding(keys: [.ctrl("r")], action: .redo, zh: "重做", en: "redo", views: editable.union([.structure])),
    ]

    /// Views where a task can be selected and changed.
    public static let editable: Set<ViewID> = [.tasks, .overdue, .timeline]
    /// Views that show a list to move through.
    public static let lists: Set<ViewID> = [.timeline, .overdue, .tasks, .structure]

    private static let lookup: [Key: [KeyBinding]] = {
        var d = [Key: [KeyBinding]]()
        for b in bindings { for k in b.keys { d[k, default: []].append(b) } }
        return d
    }()

    /// The action a key means in a view, if any.
    public static func action(for key: Key, in view: ViewID) -> Action? {
        lookup[key]?.first { $0.applies(in: view) }?.action
    }

    /// The row that gives an action its keys in a view (for menus that list actions).
    public static func binding(for action: Action, in view: ViewID) -> KeyBinding? {
        bindings.first { $0.action == action && $0.applies(in: view) }
    }

    /// The bindings that apply in a view, for the help overlay: each key listed once, under the
    /// meaning it has there.
    public static func bindings(in view: ViewID) -> [KeyBinding] {
        var seen = Set<Key>()
        return bindings.compactMap { b in
            guard b.applies(in: view) else { return nil }
            var b = b
            b.keys = b.keys.filter { seen.insert($0).inserted }
            return b.keys.isEmpty ? nil : b
        }
    }

    /// The footer of a view: (keys, label) pairs, the view's own first, then those of every view.
    public static func footer(in view: ViewID, lang: Language) -> [(keys: String, label: String)] {
        let shown = bindings(in: view).filter { b in b.hint.map { $0.views?.contains(view) ?? true } ?? false }
        let own = shown.filter { $0.views != nil || $0.hint?.views != nil }
        let common = shown.filter { $0.views == nil && $0.hint?.views == nil }
        return (own + common).map { b in (b.hint!.keys ?? label(b), lang.pick(b.hint!.zh, b.hint!.en)) }
    }

    /// "Tab/Shift-Tab" style key labels.
    public static func label(_ b: KeyBinding) -> String { b.keys.map(\.label).joined(separator: "/") }
}
