import ShuangyongKit
import TerminalUI

/// The frame around every view: title bar, tabs, optional banner, footer.
public enum Chrome {
    public static let titleRow = 0
    public static let tabRow = 1
    public static let minWidth = 60
    public static let minHeight = 16

    /// The area views draw in.
    public static func bodyRect(width: Int, height: Int, banner: Bool) -> Rect {
        let top = banner ? 3 : 2
        return Rect(x: 0, y: top, width: width, height: height - top - 1)
    }

    /// Tab labels and their x ranges.
    public static func tabs(width: Int, lang: Language) -> [(view: ViewID, label: String, x: Int)] {
        var x = 1
        var out: [(ViewID, String, Int)] = []
        for v in ViewID.allCases {
            let label = " \(v.rawValue) \(v.title(lang)) "
            out.append((v, label, x))
            x += label.displayWidth + 1
        }
        return out
    }

    public static func tabHit(x: Int, width: Int, lang: Language) -> ViewID? {
        tabs(width: width, lang: lang).first { x >= $0.x && x < $0.x + $0.label.displayWidth }?.view
    }

    /// Title bar: app and plan, today with weekday and lunar date, current phase.
    public static func drawTitle(_ g: inout Grid, state: DashboardState, theme: Theme) {
        let lang = state.lang
        let style = theme[.titleBar]
        g.clearLine(x: 0, y: titleRow, width: g.width, style: style)
        let lunar = state.lunar.lunarDate(of: state.today)
        let phase = state.status.phaseStanding.map { " │ " + state.lang.phaseShort($0) } ?? ""
        let lunarText = lang == .zh ? " 农历" + lunar.description : ""
        let unsaved = state.save.unsaved > 0 ? lang.pick("⚠ 未保存 \(state.save.unsaved) 项  ", "⚠ \(state.save.unsaved) unsaved  ") : ""
        let past = state.pastDay.map { DashboardState.pastViewTitle($0, lang) + " │ " } ?? ""
        let right = unsaved + past + state.today.iso + " " + lang.pick("周", "") + lang.weekday(state.today.weekdayFromMonday) + lunarText + phase + " "
        let sample = state.plan.isSample ? lang.pick(" [示例数据]", " [sample]") : ""
        let left = " " + lang.pick("双拥看板", "Shuangyong") + " │ " + state.plan.title + sample
        let rw = min(right.displayWidth, g.width)
        g.field(left, x: 0, y: titleRow, width: max(0, g.width - rw - 1), style: style.with(bold: true))
        g.field(right, x: g.width - rw, y: titleRow, width: rw, style: style, alignRight: true)
        if !unsaved.isEmpty { g.restyle(Rect(x: g.width - rw, y: titleRow, width: unsaved.displayWidth, height: 1)) { $0 = theme[.warning] } }
        if !past.isEmpty, rw == right.displayWidth {
            g.restyle(Rect(x: g.width - rw + unsaved.displayWidth, y: titleRow, width: past.displayWidth - 3, height: 1)) { $0 = theme[.warning] }
        }
    }

    public static func drawTabs(_ g: inout Grid, state: DashboardState, theme: Theme) {
        g.clearLine(x: 0, y: tabRow, width: g.width, style: theme[.tabInactive])
        for t in tabs(width: g.width, lang: state.lang) where t.x < g.width {
            g.put(t.label, x: t.x, y: tabRow, style: theme[t.view == state.view ? .tabActive : .tabInactive],
                  maxWidth: g.width - t.x)
        }
    }

    /// Footer: the message if there is one, else the key hints of the current view (from `KeyMap.footer`).
    public static func drawFooter(_ g: inout Grid, state: DashboardState, theme: Theme, hints: [(keys: String, label: String)]) {
        let y = g.height - 1
        g.clearLine(x: 0, y: y, width: g.width, style: theme[.footer])
        if let m = state.message {
            g.field(" " + m, x: 0, y: y, width: g.width, style: theme[.footer].with(bold: true))
            return
        }
        var x = 1
        for (key, label) in hints {
            let need = key.displayWidth + 1 + label.displayWidth + 2
            if x + need > g.width { break }
            x += g.put(key, x: x, y: y, style: theme[.footerKey])
            x += g.put(" " + label + "  ", x: x, y: y, style: theme[.footer])
        }
    }

    public static func drawBanner(_ g: inout Grid, text: String, theme: Theme) {
        g.clearLine(x: 0, y: 2, width: g.width, style: theme[.warning])
        g.field(" ⚠ " + text, x: 0, y: 2, width: g.width, style: theme[.warning])
    }

    /// A blank frame; when the size is below the minimum, the frame holds the "too small" notice and `fits` is false.
    public static func frame(width: Int, height: Int, lang: Language, theme: Theme) -> (grid: Grid, fits: Bool) {
        var g = Grid(width: width, height: height, style: theme[.base])
        guard width >= minWidth, height >= minHeight else {
            drawTooSmall(&g, lang: lang, theme: theme)
            return (g, false)
        }
        return (g, true)
    }

    /// The whole screen says what size it needs when the terminal is too small.
    public static func drawTooSmall(_ g: inout Grid, lang: Language, theme: Theme) {
        g.fill(g.bounds, style: theme[.base])
        let lines = [
            lang.pick("窗口太小", "Window too small"),
            lang.pick("至少需要 \(minWidth)×\(minHeight)", "Needs at least \(minWidth)×\(minHeight)"),
            lang.pick("当前 \(g.width)×\(g.height)", "Now \(g.width)×\(g.height)"),
        ]
        let top = max(0, (g.height - lines.count) / 2)
        for (k, line) in lines.enumerated() where top + k < g.height {
            g.put(TextLayout.center(line, in: g.width), x: 0, y: top + k, style: theme[k == 0 ? .warning : .base])
        }
    }
}
