import TerminalUI

/// What a key asks for. Views interpret the movement actions in their own terms.
public enum Action: Hashable, Sendable {
    case quit, help, nextView, previousView, show(ViewID)
    case up, down, left, right, pageUp, pageDown, home, end, today
    case activate, back
    case search, pickSection, pickUnit, cycleStatusFilter, cycleSort, clearFilters, toggleDetail
    case previousMonth, nextMonth
    case editMenu, pickStatus, editProgress, editDue, addNote, targetUp, targetDown, pickOwners, addTask, deleteTask, renameUnit
    case undo, redo
}

/// One row of the key table: the keys, the action, the help text, and where it applies.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var zh: String
    public var en: String
    /// nil = every view.
    public var views: Set<ViewID>?

    public func help(_ lang: Language) -> String { lang.pick(zh, en) }
}

/// The single table that drives both key dispatch and the help overlay and footer.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("q")], action: .quit, zh: "退出", en: "quit"),
        KeyBinding(keys: [.char("?"), .function(1)], action: .help, zh: "帮助", en: "help"),
        KeyBinding(keys: [.tab], action: .nextView, zh: "下一视图", en: "next view"),
        KeyBinding(keys: [.backTab], action: .previousView, zh: "上一视图", en: "previous view"),
        KeyBinding(keys: [.char("1")], action: .show(.overview), zh: "总览", en: "overview"),
        KeyBinding(keys: [.char("2")], action: .show(.timeline), zh: "阶段进度", en: "timeline"),
        KeyBinding(keys: [.char("3")], action: .show(.overdue), zh: "逾期督办", en: "overdue by unit"),
        KeyBinding(keys: [.char("4")], action: .show(.calendar), zh: "月历", en: "calendar"),
        KeyBinding(keys: [.char("5")], action: .show(.tasks), zh: "任务", en: "tasks"),
        KeyBinding(keys: [.up, .char("k")], action: .up, zh: "上移", en: "up"),
        KeyBinding(keys: [.down, .char("j")], action: .down, zh: "下移", en: "down"),
        KeyBinding(keys: [.left, .char("h")], action: .left, zh: "左移 / 前一天 / 前一月 / 收起", en: "left / previous day / month / collapse"),
        KeyBinding(keys: [.right, .char("l")], action: .right, zh: "右移 / 后一天 / 后一月 / 展开", en: "right / next day / month / expand"),
        KeyBinding(keys: [.pageUp], action: .pageUp, zh: "上一页（月历：上月）", en: "page up (calendar: previous month)"),
        KeyBinding(keys: [.pageDown], action: .pageDown, zh: "下一页（月历：下月）", en: "page down (calendar: next month)"),
        KeyBinding(keys: [.home], action: .home, zh: "第一行", en: "first row"),
        KeyBinding(keys: [.end], action: .end, zh: "最后一行", en: "last row"),
        KeyBinding(keys: [.char("g")], action: .today, zh: "回到今天", en: "go to today"),
        KeyBinding(keys: [.char("["), .char("<")], action: .previousMonth, zh: "上月", en: "previous month",
                   views: [.calendar, .timeline]),
        KeyBinding(keys: [.char("]"), .char(">")], action: .nextMonth, zh: "下月", en: "next month",
                   views: [.calendar, .timeline]),
        KeyBinding(keys: [.enter, .char(" ")], action: .activate, zh: "展开 / 当日事项 / 详情", en: "expand / day's events / details",
                   views: [.overdue, .calendar, .tasks]),
        KeyBinding(keys: [.escape], action: .back, zh: "关闭 / 取消", en: "close / cancel"),
        KeyBinding(keys: [.char("/")], action: .search, zh: "搜索（支持拼音）", en: "search (pinyin too)", views: [.tasks]),
        KeyBinding(keys: [.char("s")], action: .pickSection, zh: "按部分筛选", en: "filter by section", views: [.tasks]),
        KeyBinding(keys: [.char("w")], action: .pickUnit, zh: "按单位筛选", en: "filter by unit", views: [.tasks]),
        KeyBinding(keys: [.char("f")], action: .cycleStatusFilter, zh: "按状态筛选", en: "filter by status", views: [.tasks]),
        KeyBinding(keys: [.char("o")], action: .cycleSort, zh: "排序", en: "sort", views: [.tasks]),
        KeyBinding(keys: [.char("c")], action: .clearFilters, zh: "清除筛选", en: "clear filters", views: [.tasks]),
        KeyBinding(keys: [.char("e")], action: .editMenu, zh: "修改所选任务（菜单）", en: "change the selected task (menu)", views: editable),
        KeyBinding(keys: [.char("t")], action: .pickStatus, zh: "设置状态", en: "set status", views: editable),
        KeyBinding(keys: [.char("p")], action: .editProgress, zh: "设置进度", en: "set progress", views: editable),
        KeyBinding(keys: [.char("d")], action: .editDue, zh: "设置截止日期", en: "set due date", views: editable),
        KeyBinding(keys: [.char("n")], action: .addNote, zh: "添加备注", en: "add a note", views: editable),
        KeyBinding(keys: [.char("+"), .char("=")], action: .targetUp, zh: "指标完成量 +1", en: "target count +1", views: editable),
        KeyBinding(keys: [.char("-")], action: .targetDown, zh: "指标完成量 −1", en: "target count −1", views: editable),
        KeyBinding(keys: [.char("O")], action: .pickOwners, zh: "设置责任单位", en: "set owner units", views: editable),
        KeyBinding(keys: [.char("a")], action: .addTask, zh: "新增任务", en: "add a task", views: editable),
        KeyBinding(keys: [.char("D")], action: .deleteTask, zh: "删除任务（需确认）", en: "delete the task (asks first)", views: editable),
        KeyBinding(keys: [.char("R")], action: .renameUnit, zh: "重命名单位", en: "rename the unit", views: [.overdue, .tasks]),
        KeyBinding(keys: [.char("u")], action: .undo, zh: "撤销（保存到文件）", en: "undo (saved to the file)", views: editable),
        KeyBinding(keys: [.ctrl("r")], action: .redo, zh: "重做", en: "redo", views: editable),
    ]

    /// Views where a task can be selected and changed.
    public static let editable: Set<ViewID> = [.tasks, .overdue, .timeline]

    private static let lookup: [Key: [KeyBinding]] = {
        var d = [Key: [KeyBinding]]()
        for b in bindings { for k in b.keys { d[k, default: []].append(b) } }
        return d
    }()

    /// The action a key means in a view, if any.
    public static func action(for key: Key, in view: ViewID) -> Action? {
        lookup[key]?.first { $0.views == nil || $0.views!.contains(view) }?.action
    }

    /// The bindings that apply in a view, for the help overlay.
    public static func bindings(in view: ViewID) -> [KeyBinding] {
        bindings.filter { $0.views == nil || $0.views!.contains(view) }
    }

    /// "Tab/Shift-Tab" style key labels.
    public static func label(_ b: KeyBinding) -> String { b.keys.map(\.label).joined(separator: "/") }
}
