import ShuangyongKit
import TerminalUI

/// The top band of the office screen: clock, date and key figures.
///
/// Large layout (10 rows): title bar, a blank row, the clock in block digits with the date beside it and
/// the figures in block digits on the right (5 rows), two rows of labels under the figures, a rule. It
/// needs `minLargeHeight` (28) rows, and across: the clock, the date column and at least three figures
/// at scale 2 (double-width digits: 116 columns for the sample's three), else at least two at scale 1
/// (93 columns for three, 75 for two). A fourth figure (the next activity, when it comes before the next
/// inspection) is shown when it fits too. Otherwise the compact layout: the clock in the title bar and
/// the figures on one line (2 rows).
///
/// The digits grow with the screen: when the band at twice the height (15 rows: glyphs 10 rows tall)
/// takes at most a third of the screen (45 rows) and the digits fit across at scale 4 or 3 (pixels 4 or
/// 3 cells wide, 2 rows high: 196 or 154 columns for the sample's three figures), they are drawn so.
enum KioskBand {
    /// The band's height with 5-row glyphs; `Layout.height` in general.
    static let largeHeight = 10
    /// The band takes at most this share of the screen's rows with double-height glyphs.
    static let tallShare = 3
    static let minBodyRows = 16
    /// Rows the large layout needs: the band, a banner row, a body the views can use, the status line.
    static let minLargeHeight = largeHeight + 1 + minBodyRows + 1
    static let dateColumnWidth = 16
    static let minFigureWidth = 16
    static let gap = 2
    static let margin = 2

    /// One big figure: its value in block digits and two lines of label under it.
    struct Figure: Equatable {
        var value: String
        var role: Role
        var label: String
        var detail: String
        /// Lower is kept longer when the screen is narrow.
        var priority: Int
    }

    struct Layout: Equatable {
        var scale: Int
        /// Rows per pixel (1 or 2).
        var tall = 1
        var figures: [Figure]

        /// Rows the band takes: title, blank, glyphs, two label rows, rule.
        var height: Int { BigText.height(tall: tall) + largeHeight - BigText.height }
    }

    static func figures(_ model: KioskModel) -> [Figure] {
        let f = model.figures, lang = model.state.lang
        func when(_ u: KioskFigures.Upcoming) -> String { String(u.day.iso.dropFirst(5)) + " " + u.title }
        var out = [Figure(value: "\(f.overdue)", role: f.overdue > 0 ? .overdue : .onTrack, label: lang.pick("逾期任务", "overdue tasks"),
                          detail: f.overdue > 0 ? lang.pick("涉及\(f.overdueUnits)个单位", "in \(f.overdueUnits) units")
                                                : lang.pick("全部按期", "none overdue"), priority: 0)]
        if let i = f.nextInspection {
            out.append(Figure(value: "\(i.days)", role: .bigText, label: lang.pick("距下次检查(天)", "days to inspection"),
                              detail: when(i), priority: 2))
        } else {
            out.append(Figure(value: "-", role: .bigText, label: lang.pick("距下次检查(天)", "days to inspection"),
                              detail: lang.pick("一年内无检查", "none within a year"), priority: 2))
        }
        // The next activity too, when it comes before the next inspection.
        if let a = f.nextActivity, f.nextInspection.map({ a.day < $0.day }) ?? true {
            out.append(Figure(value: "\(a.days)", role: .bigText, label: lang.pick("距下次活动(天)", "days to activity"),
                              detail: when(a), priority: 3))
        }
        out.append(Figure(value: f.counted > 0 ? lang.percent(f.completion) : "-", role: .bigText, label: lang.pick("任务完成率", "tasks done"),
                          detail: "\(f.done)/\(f.counted)" + lang.pick(" 已完成", " done"), priority: 1))
        return out
    }

    static func columnWidth(_ f: Figure, scale: Int) -> Int {
        max(BigText.width(f.value, scale: scale), f.label.displayWidth, minFigureWidth)
    }

    static func requiredWidth(scale: Int, figures: [Figure]) -> Int {
        margin + BigText.width("00:00", scale: scale) + gap + dateColumnWidth
            + figures.reduce(0) { $0 + gap + columnWidth($1, scale: scale) } + margin
    }

    /// The large layout that fits (bigger digits first, then more figures), or nil for the compact one.
    static func layout(_ model: KioskModel, width: Int, height: Int) -> Layout? {
        guard height >= minLargeHeight else { return nil }
        let all = figures(model)
        let tallFits = Layout(scale: 1, tall: 2, figures: []).height * tallShare <= height
        for (scale, tall) in [(4, 2), (3, 2), (2, 1), (1, 1)] where tall == 1 || tallFits {
            let fewest = min(all.count, scale >= 2 ? 3 : 2)
            for count in stride(from: all.count, through: fewest, by: -1) {
                let kept = Set(all.map(\.priority).sorted().prefix(count))
                let shown = all.filter { kept.contains($0.priority) }
                if requiredWidth(scale: scale, figures: shown) <= width { return Layout(scale: scale, tall: tall, figures: shown) }
            }
        }
        return nil
    }

    /// Draws the large band; returns the first row below it.
    static func drawLarge(_ g: inout Grid, _ model: KioskModel, _ layout: Layout, _ theme: Theme) -> Int {
        let state = model.state, lang = state.lang, today = state.today
        drawTitle(&g, model, theme, left: " " + lang.pick("双拥看板", "Shuangyong") + " │ " + state.plan.title + sampleMark(state))
        let glyphY = 2, s = layout.scale, t = layout.tall, labelY = glyphY + BigText.height(tall: t)
        let clockW = g.bigText(model.clock.text, x: margin, y: glyphY, style: theme[.bigText], scale: s, tall: t)

        let dx = margin + clockW + gap
        let weekday = lang.pick("星期", "") + weekdayName(today.weekdayFromMonday, lang)
        let date = lang == .zh ? "\(today.year)年\(today.month)月\(today.day)日" : "\(today.day) \(monthName(today.month)) \(today.year)"
        let lunar = lang.pick("农历", "Lunar ") + state.lunar.lunarDate(of: today).description
        g.field(date, x: dx, y: glyphY, width: dateColumnWidth, style: theme[.bigText])
        g.field(weekday, x: dx, y: glyphY + 1, width: dateColumnWidth, style: theme[.bigText])
        g.field(lunar, x: dx, y: glyphY + 2, width: dateColumnWidth, style: theme[.base])
        for (k, line) in phaseLines(state).enumerated() {
            g.field(line, x: dx, y: glyphY + 4 + k, width: dateColumnWidth, style: theme[.muted])
        }

        // The figures spread over the rest of the row: the room left over is shared out evenly around them.
        let widths = layout.figures.map { columnWidth($0, scale: s) }, n = widths.count
        let left = dx + dateColumnWidth
        let extra = max(0, g.width - margin - left - widths.reduce(0) { $0 + gap + $1 })
        var x = left
        for (k, f) in layout.figures.enumerated() {
            let w = widths[k], at = x + gap + extra * (2 * k + 1) / (2 * n)
            x += gap + w
            let vw = BigText.width(f.value, scale: s)
            g.bigText(f.value, x: at + (w - vw) / 2, y: glyphY, style: theme[f.role].with(bold: true), scale: s, tall: t)
            g.put(TextLayout.center(f.label, in: w), x: at, y: labelY, style: theme[.header])
            g.put(TextLayout.center(f.detail, in: w), x: at, y: labelY + 1, style: theme[.muted])
        }
        g.put(String(repeating: "─", count: g.width), x: 0, y: layout.height - 1, style: theme[.border])
        return layout.height
    }

    /// Draws the compact band (clock in the title bar, figures on one line); returns the first row below it.
    static func drawCompact(_ g: inout Grid, _ model: KioskModel, _ theme: Theme) -> Int {
        let state = model.state, lang = state.lang, today = state.today
        let lunar = lang == .zh ? " 农历" + state.lunar.lunarDate(of: today).description : ""
        let date = today.iso + " " + lang.pick("周", "") + weekdayName(today.weekdayFromMonday, lang) + lunar
        drawTitle(&g, model, theme, left: " " + model.clock.text + " │ " + date + " │ " + state.plan.title + sampleMark(state))

        let y = 1
        g.clearLine(x: 0, y: y, width: g.width, style: theme[.base])
        var x = 1
        for (k, f) in figures(model).enumerated() {
            let label = (k > 0 ? " · " : "") + f.label + " "
            let detail = f.detail.isEmpty ? "" : lang.pick("（", " (") + f.detail + lang.pick("）", ")")
            guard x + label.displayWidth + f.value.displayWidth <= g.width - 1 else { break }
            x += g.put(label, x: x, y: y, style: theme[.base])
            x += g.put(f.value, x: x, y: y, style: theme[f.role].with(bold: true))
            if x + detail.displayWidth <= g.width - 1 { x += g.put(detail, x: x, y: y, style: theme[.muted]) }
        }
        return 2
    }

    /// The phase under the date (16 cells, one or two rows): the phase under way, or when the plan or its
    /// next phase starts, or the day the plan ended — never a phase today is not in as if it were.
    static func phaseLines(_ state: DashboardState) -> [String] {
        let lang = state.lang
        // "12天后开始" / "in 12 days": the English line follows "Plan starts" / "Next: …" (16 cells).
        func when(_ days: Int) -> String { lang == .zh ? lang.startsIn(days: days) : days == 1 ? "tomorrow" : "in \(days) days" }
        switch state.status.phaseStanding {
        case nil: return []
        case let .inPhase(p)?: return [lang.pick("阶段 ", "Phase ") + p.name]
        case let .beforePlan(_, days)?: return [lang.pick("计划尚未开始", "Plan starts"), when(days)]
        case let .betweenPhases(p, days)?: return [lang.pick("下一阶段 ", "Next: ") + p.name, when(days)]
        case let .afterPlan(p)?: return [lang.pick("计划已结束于", "Plan ended on"), p.end.iso]
        }
    }

    /// The title bar: `left`, and on the right the current phase (or when the plan starts, or that it
    /// ended) and when the data was loaded.
    static func drawTitle(_ g: inout Grid, _ model: KioskModel, _ theme: Theme, left: String) {
        let lang = model.state.lang, style = theme[.titleBar]
        g.clearLine(x: 0, y: 0, width: g.width, style: style)
        let phase = model.state.status.phaseStanding.map { lang.phaseShort($0) + " │ " } ?? ""
        let loaded = lang.pick("数据载入于 ", "data loaded ") + ClockTime(model.lastGoodLoad, in: model.timeZone).text
        let right = " " + phase + loaded + " "
        let rw = min(right.displayWidth, g.width / 2)
        g.field(left, x: 0, y: 0, width: max(0, g.width - rw - 1), style: style.with(bold: true))
        g.field(right, x: g.width - rw, y: 0, width: rw, style: style, alignRight: true)
    }

    static func sampleMark(_ state: DashboardState) -> String {
        state.plan.isSample ? state.lang.pick(" [示例数据]", " [sample]") : ""
    }

    static func weekdayName(_ mondayBased: Int, _ lang: Language) -> String {
        lang == .zh ? lang.weekday(mondayBased)
                    : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][mondayBased]
    }

    static func monthName(_ month: Int) -> String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }
}
