import ShuangyongKit
import TerminalUI

/// `?`: every key of the current view, from the key table itself; two columns when one is too long.
enum HelpOverlay {
    static func draw(_ g: inout Grid, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        let bindings = KeyMap.bindings(in: state.view)
        let keyW = bindings.map { KeyMap.label($0).displayWidth }.max() ?? 8
        let textW = bindings.map { $0.help(lang).displayWidth }.max() ?? 20
        let entryW = keyW + 2 + textW
        let maxRows = max(1, g.height - 5)
        let columns = bindings.count > maxRows && g.width >= 2 * entryW + 10 ? 2 : 1
        let rows = min(maxRows, (bindings.count + columns - 1) / columns)
        let w = min(g.width - 2, columns * entryW + (columns - 1) * 3 + 4), h = min(g.height - 1, rows + 3)
        let r = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: lang.pick("按键说明 — ", "Keys — ") + state.view.title(lang), style: theme[.border], titleStyle: theme[.header])
        let colW = (w - 4 - (columns - 1) * 3) / columns
        for (k, b) in bindings.enumerated() {
            let col = k / rows, row = k % rows
            guard col < columns else { break }
            let x = r.x + 2 + col * (colW + 3), y = r.y + 1 + row
            g.field(KeyMap.label(b), x: x, y: y, width: keyW, style: theme[.footerKey])
            g.field(b.help(lang), x: x + keyW + 2, y: y, width: colW - keyW - 2, style: theme[.base])
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
            let mark = p.purpose.isMulti ? (options[i].value.map { p.chosen.contains($0) } == true ? "[✓] " : "[ ] ") : ""
            g.field(mark + options[i].label, x: r.x + 2, y: r.y + 2 + k, width: w - 4, style: style)
        }
    }
}

/// A one-line input in a box: title, the field (edited by display width), and why Enter was refused.
enum PromptOverlay {
    static func draw(_ g: inout Grid, _ p: Prompt, _ lang: Language, _ theme: Theme) {
        let w = min(g.width - 4, max(50, p.title.displayWidth + 6))
        let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - 6) / 2), width: w, height: 6)
        g.fill(r, style: theme[.base])
        g.box(r, title: p.title, style: theme[.border], titleStyle: theme[.header])
        var cursor = theme[.selection]
        cursor.reverse = true
        p.editor.draw(into: &g, x: r.x + 2, y: r.y + 2, width: w - 4, style: theme[.activity].with(underline: true), cursorStyle: cursor)
        if let e = p.error {
            g.field("⚠ " + e, x: r.x + 2, y: r.y + 3, width: w - 4, style: theme[.error])
        }
        g.field(lang.pick("回车保存 · Esc 取消", "Enter saves · Esc cancels"), x: r.x + 2, y: r.y + 4, width: w - 4, style: theme[.muted])
    }
}

/// A yes/no question.
enum ConfirmOverlay {
    static func draw(_ g: inout Grid, _ c: Confirmation, _ theme: Theme) {
        let w = min(g.width - 4, c.message.displayWidth + 6)
        let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - 3) / 2), width: w, height: 3)
        g.fill(r, style: theme[.warning])
        g.box(r, style: theme[.warning])
        g.field(c.message, x: r.x + 2, y: r.y + 1, width: w - 4, style: theme[.warning])
    }
}

/// Conflicts with another desk: each field with the value before, theirs and mine; the user chooses.
enum ConflictsOverlay {
    static func draw(_ g: inout Grid, _ conflicts: [PlanConflict], _ lang: Language, _ theme: Theme) {
        let w = min(g.width - 4, 96)
        let h = min(g.height - 2, conflicts.count * 2 + 5)
        let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - h) / 2), width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: lang.pick("与其他席位的修改冲突", "Conflicts with another desk"), style: theme[.warning], titleStyle: theme[.warning])
        var y = r.y + 1
        for c in conflicts where y + 1 < r.maxY - 2 {
            g.field("\(c.id) \(c.field.label)", x: r.x + 2, y: y, width: w - 4, style: theme[.header])
            let line = lang.pick("原为 ", "was ") + c.base + lang.pick("　他人改为 ", "   theirs ") + c.disk + lang.pick("　我改为 ", "   mine ") + c.ours
            g.field(line, x: r.x + 4, y: y + 1, width: w - 6, style: theme[.base])
            y += 2
        }
        g.field(lang.pick("m 保留我的　t 保留他人的（已在文件中）　Esc 稍后再定（保留他人的）",
                          "m keep mine   t keep theirs (already saved)   Esc decide later (keeps theirs)"),
                x: r.x + 2, y: r.maxY - 2, width: w - 4, style: theme[.footerKey])
    }
}
