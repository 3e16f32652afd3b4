import ShuangyongKit
import TerminalUI

/// Draws the office screen: a band with the clock, the date and the key figures (large block digits
/// when the screen has room, one line otherwise), the warning banner when the file is unreadable, the
/// current view's body, and a status line saying which view is on and which comes next.
public enum KioskScreen {
    public static func render(_ model: KioskModel, width: Int, height: Int, theme: Theme) -> Grid {
        let state = model.state
        var (g, fits) = Chrome.frame(width: width, height: height, lang: state.lang, theme: theme)
        guard fits else { return g }
        var top: Int
        if let layout = KioskBand.layout(model, width: width, height: height) {
            top = KioskBand.drawLarge(&g, model, layout, theme)
        } else {
            top = KioskBand.drawCompact(&g, model, theme)
        }
        if let warning = model.warningText {
            g.clearLine(x: 0, y: top, width: width, style: theme[.warning])
            g.field(" ⚠ " + warning, x: 0, y: top, width: width, style: theme[.warning])
            top += 1
        }
        let body = Rect(x: 0, y: top, width: width, height: height - top - 1)
        if model.currentView == .ranking { RankingView.draw(&g, body, state, theme) } else { Screen.drawBody(&g, body, state, theme) }
        drawStatus(&g, model, theme)
        return g
    }

    /// "正在显示 总览 (1/4) · 下一屏 逾期督办 12秒后", or the quit prompt, with the keys on the right.
    static func drawStatus(_ g: inout Grid, _ model: KioskModel, _ theme: Theme) {
        let lang = model.state.lang, y = g.height - 1
        g.clearLine(x: 0, y: y, width: g.width, style: theme[.footer])
        if model.isQuitArmed {
            g.clearLine(x: 0, y: y, width: g.width, style: theme[.warning])
            let prompt = lang.pick("退出办公室大屏？按 y 确认，按其他键继续显示",
                                   "Quit the office screen? Press y to confirm, any other key to keep it running")
            g.field(" " + prompt, x: 0, y: y, width: g.width, style: theme[.warning])
            return
        }
        let n = model.rotation.count
        var status = lang.pick("正在显示 ", "Showing ") + model.currentView.title(lang) + " (\(model.position + 1)/\(n))"
        if model.isPaused {
            status += lang.pick(" · 已暂停", " · paused")
        } else if n > 1 {
            status += lang.pick(" · 下一屏 \(model.nextView.title(lang)) \(model.secondsToNext)秒后",
                                " · next: \(model.nextView.title(lang)) in \(model.secondsToNext) s")
        }
        let keys: [(String, String)] = [
            (lang.pick("空格", "Space"), model.isPaused ? lang.pick("继续", "resume") : lang.pick("暂停", "pause")),
            ("←→", lang.pick("切换", "step")), ("q y", lang.pick("退出", "quit")),
        ]
        let stamp = model.stampText.map { " │ " + (model.stampIsStale ? "⚠ " : "") + $0 } ?? ""
        let keysWidth = keys.reduce(0) { $0 + $1.0.displayWidth + 1 + $1.1.displayWidth + 2 }
        let room = g.width - keysWidth - 1
        g.field(" " + status + stamp, x: 0, y: y, width: max(0, room), style: theme[.footer].with(bold: true))
        if model.stampIsStale {
            g.restyle(Rect(x: 1 + status.displayWidth + 3, y: y, width: max(0, min(room, 1 + (status + stamp).displayWidth) - 4 - status.displayWidth), height: 1)) {
                $0 = theme[.warning]
            }
        }
        status += stamp
        guard room > status.displayWidth else { return }
        var x = room + 1
        for (key, label) in keys {
            x += g.put(key, x: x, y: y, style: theme[.footerKey])
            x += g.put(" " + label + "  ", x: x, y: y, style: theme[.footer])
        }
    }
}
