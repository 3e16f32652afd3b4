import ShuangyongKit
import TerminalUI

/// The office screen's ranking (单位排名): units with tasks, by completion (done share of the tasks that
/// count), best first; ties go to fewer overdue tasks, then to the plan's order. Each row shows the rank,
/// the unit's short name, a completion gauge with its percentage, done/counted, overdue and behind, and
/// the unit's light — the order a 通报 circulates.
public enum RankingView {
    /// One unit's row.
    public struct Row: Equatable, Sendable {
        public var unit: Int
        public var summary: Summary
    }

    /// Units that lead or do at least one task that counts, ranked.
    public static func rows(_ state: DashboardState) -> [Row] {
        let sums = state.status.unitSummaries(states: state.derived.states)
        return state.plan.units.indices
            .filter { sums[$0].total - sums[$0].cancelled > 0 }
            .map { Row(unit: $0, summary: sums[$0]) }
            .sorted {
                if $0.summary.completion != $1.summary.completion { return $0.summary.completion > $1.summary.completion }
                if $0.summary.overdue != $1.summary.overdue { return $0.summary.overdue < $1.summary.overdue }
                return $0.unit < $1.unit
            }
    }

    public static func draw(_ g: inout Grid, _ r: Rect, _ state: DashboardState, _ theme: Theme) {
        let lang = state.lang
        g.fill(r, style: theme[.base])
        g.box(r, title: lang.pick(" 单位排名（按完成率） ", " Units ranked by completion "), style: theme[.border], titleStyle: theme[.header])
        let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
        guard inner.width > 20, inner.height > 1 else { return }
        let rows = rows(state)
        let nameWidth = min(16, max(8, inner.width / 4))
        let figures = 30
        let gaugeWidth = max(0, inner.width - 5 - nameWidth - figures - 8)
        var header = lang.pick("名次", "Rank") + " "
        header += TextLayout.fit(lang.pick("单位", "Unit"), to: nameWidth) + " "
        header += TextLayout.fit(lang.pick("完成率", "Completion"), to: gaugeWidth + 6) + " "
        header += lang.pick("完成/任务  逾期  滞后  亮灯", "Done/All  Late  Behind Light")
        g.field(header, x: inner.x, y: inner.y, width: inner.width, style: theme[.header])
        if rows.isEmpty {
            g.field(lang.pick("没有分配任务的单位", "No unit has tasks"), x: inner.x, y: inner.y + 1, width: inner.width, style: theme[.muted])
            return
        }
        for (k, row) in rows.prefix(inner.height - 1).enumerated() {
            let y = inner.y + 1 + k, s = row.summary
            var x = inner.x
            x += g.field(TextLayout.fit("\(k + 1)", to: 4, alignRight: true), x: x, y: y, width: 5, style: theme[.base])
            x += g.field(TextLayout.truncate(state.plan.units[row.unit].shortName, to: nameWidth), x: x, y: y, width: nameWidth + 1, style: theme[.base])
            if gaugeWidth > 0 {
                g.gauge(x: x, y: y, width: gaugeWidth, fraction: s.completion, filled: theme[.progressFilled], empty: theme[.progressEmpty])
                x += gaugeWidth + 1
            }
            x += g.field(TextLayout.fit(lang.percent(s.completion), to: 5, alignRight: true), x: x, y: y, width: 6, style: theme[.done])
            let counts = TextLayout.fit("\(s.done)/\(s.total - s.cancelled)", to: 9, alignRight: true)
                + TextLayout.fit("\(s.overdue)", to: 6, alignRight: true) + TextLayout.fit("\(s.behind)", to: 6, alignRight: true) + "  "
            x += g.field(counts, x: x, y: y, width: counts.displayWidth, style: s.overdue > 0 ? theme[.overdue] : theme[.base])
            let (text, style) = Screen.light(s.light, lang, theme)
            g.field(text, x: x, y: y, width: max(0, inner.maxX - x), style: style)
        }
    }
}
