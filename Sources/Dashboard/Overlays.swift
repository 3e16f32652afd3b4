import ShuangyongKit
import TerminalUI

/// `?`: every key of the current view, from the key table itself.
enum HelpOverlay {
    static func draw(_ g: inout Grid, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        let bindings = KeyMap.bindings(in: state.view)
        let keyW = bindings.map { KeyMap.label($0).displayWidth }.max() ?? 8
        let textW = bindings.map { $0.help(lang).displayWidth }.max() ?? 20
        let w = min(g.width - 4, keyW + textW + 7), h = min(g.height - 2, bindings.count + 3)
        let r = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: lang.pick("按键说明 — ", "Keys — ") + state.view.title(lang), style: theme[.border], titleStyle: theme[.header])
        for (k, b) in bindings.prefix(h - 3).enumerated() {
            g.field(KeyMap.label(b), x: r.x + 2, y: r.y + 1 + k, width: keyW, style: theme[.footerKey])
            g.field(b.help(lang), x: r.x + 4 + keyW, y: r.y + 1 + k, width: w - keyW - 6, style: theme[.base])
        }
        g.field(lang.pick("按任意键关闭", "Press any key to close"), x: r.x + 2, y: r.maxY - 2, width: w - 4, style: theme[.muted])
    }
}

/// The section / unit picker: a list narrowed by typing (pinyin initials work).
enum PickerOverlay {
    static func draw(_ g: inout Grid, _ p: Picker, _ theme: Theme) {
        let options = p.visibleOptions
        let w = min(g.width - 6, max(40, (options.map { $0.label.displayWidth }.max() ?? 20) + 6))
        let h = min(g.height - 4, max(6, min(options.count, 20) + 4))
        let r = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: p.title, style: theme[.border], titleStyle: theme[.header])
        g.field("> " + p.filter + "▏", x: r.x + 2, y: r.y + 1, width: w - 4, style: theme[.activity])
        let visible = h - 3
        let top = Screen.top(p.cursor, count: options.count, visible: visible)
        for k in 0..<max(0, min(visible, options.count - top)) {
            let i = top + k
            let style = i == p.cursor.selected ? theme[.selection] : theme[.base]
            g.field(options[i].label, x: r.x + 2, y: r.y + 2 + k, width: w - 4, style: style)
        }
    }
}
