import PlanFile
import ShuangyongKit
import TerminalUI

/// `?`: every key of the current view, from the key table itself: two columns when they fit, and
/// ↑↓ / PgUp PgDn scroll when even that is not enough.
enum HelpOverlay {
    struct Layout {
        var rect: Rect, columns: Int, rows: Int, keyWidth: Int
    }

    static func layout(width: Int, height: Int, count: Int, keyWidth: Int, textWidth: Int) -> Layout {
        let entryW = keyWidth + 2 + textWidth
        let maxRows = max(1, height - 5)
        let columns = count > maxRows && width >= 2 * entryW + 7 ? 2 : 1
        let rows = min(maxRows, (count + columns - 1) / columns)
        let w = min(width - 2, columns * entryW + (columns - 1) * 3 + 4), h = min(height - 1, rows + 3)
        return Layout(rect: Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h), columns: columns, rows: rows,
                      keyWidth: keyWidth)
    }

    /// How many entries fit at once (for scrolling).
    static func capacity(_ state: DashboardState, width: Int, height: Int) -> Int {
        let bindings = KeyMap.bindings(in: state.view)
        let l = layout(width: width, height: height, count: bindings.count,
                       keyWidth: bindings.map { KeyMap.label($0).displayWidth }.max() ?? 8,
                       textWidth: bindings.map { $0.help(state.lang).displayWidth }.max() ?? 20)
        return l.rows * l.columns
    }

    static func draw(_ g: inout Grid, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        let bindings = KeyMap.bindings(in: state.view)
        let l = layout(width: g.width, height: g.height, count: bindings.count,
                       keyWidth: bindings.map { KeyMap.label($0).displayWidth }.max() ?? 8,
                       textWidth: bindings.map { $0.help(lang).displayWidth }.max() ?? 20)
        let r = l.rect
        g.fill(r, style: theme[.base])
        g.box(r, title: lang.pick("按键说明 — ", "Keys — ") + state.view.title(lang), style: theme[.border], titleStyle: theme[.header])
        let capacity = l.rows * l.columns
        let first = min(max(0, state.helpTop), max(0, bindings.count - capacity))
        let shown = Array(bindings[first..<min(bindings.count, first + capacity)])
        let colW = (r.width - 4 - (l.columns - 1) * 3) / l.columns
        for (k, b) in shown.enumerated() {
            let col = k / l.rows, row = k % l.rows
            let x = r.x + 2 + col * (colW + 3), y = r.y + 1 + row
            g.field(KeyMap.label(b), x: x, y: y, width: l.keyWidth, style: theme[.footerKey])
            g.field(b.help(lang), x: x + l.keyWidth + 2, y: y, width: colW - l.keyWidth - 2, style: theme[.base])
        }
        var hint = lang.pick("按任意键关闭", "Press any key to close")
        if shown.count < bindings.count {
            hint = lang.pick("↑↓ 滚动（第 \(first + 1)–\(first + shown.count) 项，共 \(bindings.count) 项）· 其他键关闭",
                             "↑↓ scroll (\(first + 1)–\(first + shown.count) of \(bindings.count)) · any other key closes")
        }
        g.field(hint, x: r.x + 2, y: r.maxY - 2, width: r.width - 4, style: theme[.muted])
    }
}

/// The section / unit picker: a list narrowed by typing (pinyin initials work).
enum PickerOverlay {
    static func draw(_ g: inout Grid, _ p: Picker, _ lang: Language, _ theme: Theme) {
        let options = p.visibleOptions
        let w = min(g.width - 6, max(40, (options.map { $0.label.displayWidth }.max() ?? 20) + 6))
        let h = min(g.height - 4, max(6, min(options.count, 20) + 4))
        let r = Rect(x: (g.width - w) / 2, y: (g.height - h) / 2, width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: p.title, style: theme[.border], titleStyle: theme[.header])
        if let other = p.changedElsewhere {
            g.field(lang.pick("⚠ 另一席位已改为 \(other)", "⚠ Another desk changed it to \(other)"), x: r.x + 2, y: r.y + 1, width: w - 4,
                    style: theme[.warning])
        } else {
            g.field("> " + p.filter + "▏", x: r.x + 2, y: r.y + 1, width: w - 4, style: theme[.activity])
        }
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
        // Measured no further than the screen is wide (a title may quote a task's whole title).
        let w = min(g.width - 4, max(50, p.title.prefix(g.width).displayWidth + 6))
        // Why Enter was refused, wrapped (up to 3 lines) rather than cut: the example it gives is at the end.
        let problem = p.error.map { TextLayout.wrap("⚠ " + $0, width: w - 4, maxLines: 3) } ?? []
        let h = 6 + max(0, problem.count - 1)
        let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - h) / 2), width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: p.title, style: theme[.border], titleStyle: theme[.header])
        var cursor = theme[.selection]
        cursor.reverse = true
        p.editor.draw(into: &g, x: r.x + 2, y: r.y + 2, width: w - 4, style: theme[.activity].with(underline: true), cursorStyle: cursor)
        for (k, line) in problem.enumerated() {
            g.field(line, x: r.x + 2, y: r.y + 3 + k, width: w - 4, style: theme[.error])
        }
        if problem.isEmpty, let other = p.changedElsewhere {
            g.field(lang.pick("⚠ 另一席位已改为 \(other)，保存时请你选择", "⚠ Another desk changed it to \(other); saving will ask you"),
                    x: r.x + 2, y: r.y + 3, width: w - 4, style: theme[.warning])
        }
        g.field(lang.pick("回车保存 · Esc 取消", "Enter saves · Esc cancels"), x: r.x + 2, y: r.maxY - 2, width: w - 4, style: theme[.muted])
    }
}

/// A yes/no question, wrapped over as many lines as it needs.
enum ConfirmOverlay {
    static func draw(_ g: inout Grid, _ c: Confirmation, _ theme: Theme) {
        let w = min(g.width - 4, c.message.prefix(g.width).displayWidth + 6)  // no further than the screen is wide
        // A question wider than the screen is wrapped, not cut, so its "(y/N)" is always seen.
        let lines = TextLayout.wrap(c.message, width: w - 4, maxLines: max(1, g.height - 4))
        let h = lines.count + 2
        let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - h) / 2), width: w, height: h)
        g.fill(r, style: theme[.warning])
        g.box(r, style: theme[.warning])
        for (k, line) in lines.enumerated() {
            g.field(line, x: r.x + 2, y: r.y + 1 + k, width: w - 4, style: theme[.warning])
        }
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
        g.field(lang.pick("m 保留我的（覆盖他人的）　t 保留他人的（已在文件中）",
                          "m keep mine (replaces theirs)   t keep theirs (already in the file)"),
                x: r.x + 2, y: r.maxY - 2, width: w - 4, style: theme[.footerKey])
    }
}

/// `!`: why the plan file cannot be read, in full (every problem with its place), over the last good data.
enum ProblemsOverlay {
    static func draw(_ g: inout Grid, _ problem: ReloadProblem, _ lang: Language, _ theme: Theme) {
        let source = problem.error.description.split(separator: "\n", omittingEmptySubsequences: false)
        let w = min(g.width - 4, max(50, (source.map { $0.prefix(g.width).displayWidth }.max() ?? 40) + 4))
        // Each problem wrapped (the one wrapping function), never cut: as many whole problems as fit.
        let room = max(1, g.height - 5)
        var lines: [String] = [], shown = 0
        for s in source {
            let wrapped = TextLayout.wrap(s, width: w - 4, maxLines: room - lines.count + 1)
            if lines.count + wrapped.count > room {
                if lines.isEmpty { lines = Array(wrapped.prefix(room)) }
                break
            }
            lines += wrapped
            shown += 1
        }
        let h = min(g.height - 2, lines.count + 4)
        let r = Rect(x: (g.width - w) / 2, y: max(0, (g.height - h) / 2), width: w, height: h)
        g.fill(r, style: theme[.base])
        g.box(r, title: lang.pick("计划文件的问题", "The plan file's problems"), style: theme[.warning], titleStyle: theme[.warning])
        for (k, line) in lines.enumerated() {
            g.field(line, x: r.x + 2, y: r.y + 1 + k, width: w - 4, style: theme[.base])
        }
        let hidden = source.count - shown
        let more = hidden > 0 ? lang.pick("另有 \(hidden) 行未显示（`shuangyong validate` 列出全部）· ",
                                          "\(hidden) more lines (`shuangyong validate` lists all) · ") : ""
        g.field(more + lang.pick("按任意键关闭", "Press any key to close"), x: r.x + 2, y: r.maxY - 2, width: w - 4, style: theme[.muted])
    }
}
