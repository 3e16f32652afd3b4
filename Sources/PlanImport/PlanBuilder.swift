import Foundation
import ShuangyongKit

extension Recogniser {
    static let placeholderYear = Pattern(#"(?:19|20)\d?[xX×*]{1,2}(?=\s*年)"#)

    /// The plan: ids, phases with dates, owners named in task texts, deadlines, targets and activities.
    mutating func build(year: Int) -> Plan {
        // Owners named in the task texts (after the role lists, so known units are matched first).
        for k in tasks.indices {
            let named = units.owners(in: tasks[k].text, source: tasks[k].text.clipped(40))
            tasks[k].owners += named.filter { !tasks[k].owners.contains($0) }
        }
        // Units and their ids.
        var used = Set<String>()
        let unitIDs: [String] = units.entries.map { e in
            var base = Self.initials(e.name)
            if base.isEmpty { base = "u" }
            var id = base, n = 2
            while used.contains(id) { id = base + String(n); n += 1 }
            used.insert(id)
            return id
        }
        let planUnits = units.entries.enumerated().map { k, e in
            let short = e.variants.min { $0.count < $1.count } ?? e.name
            return Unit(id: unitIDs[k], name: e.name, shortName: short == e.name ? nil : short, kind: e.kind)
        }

        // Phases.
        var planPhases: [Phase] = []
        for (k, p) in phases.enumerated() {
            let s = p.span
            var start: Day, end: Day
            if s.wholeYears {
                let prevEnd = planPhases.last?.end
                let y0 = prevEnd.map { $0.month == 12 ? $0.year + 1 : $0.year } ?? year
                start = Day(year: y0, month: 1, day: 1)!
                end = Day(year: y0 + 1, month: 12, day: 31)!
                guess("phase", p.name, "\"年至年\" with placeholders read as the two years after the plan year: \(start.iso) – \(end.iso)", p.source)
            } else {
                let y1 = year + s.startYearOffset, y2 = year + s.startYearOffset + s.endYearOffset
                start = Day(year: y1, month: s.startMonth, day: s.startDay ?? 1)!
                end = Day(year: y2, month: s.endMonth, day: s.endDay ?? Day.daysIn(month: s.endMonth, year: y2))!
                if end < start { end = start }
            }
            let summaryYear = s.wholeYears ? end.year : year
            planPhases.append(Phase(id: "p\(k + 1)", name: p.name, start: start, end: end,
                                    summary: Self.placeholderYear.replace(in: p.summary, with: String(summaryYear))))
        }
        var madeWholeYear = false
        if planPhases.isEmpty {
            planPhases.append(Phase(id: "p1", name: "全年", start: Day(year: year, month: 1, day: 1)!, end: Day(year: year, month: 12, day: 31)!,
                                    summary: "文档未划分阶段，导入时以全年为一个阶段"))
            madeWholeYear = true
            report.warnings.append("文档未写工作阶段：导入时设一个“全年”阶段 (no phases in the document: one whole-year phase 全年 was made; it is not counted as found)")
        }
        let inYear = planPhases.filter { $0.start.year == year }
        let defaultPhase = planPhases.first { $0.name.contains("实施") }
            ?? inYear.max { $0.start.days(to: $0.end) < $1.start.days(to: $1.end) } ?? planPhases[0]

        // Sections.
        let planSections: [Section] = sections.enumerated().map { k, s in
            Section(id: "s\(k + 1)", number: k + 1, title: s.title.isEmpty ? (report.title.isEmpty ? "全部任务" : report.title) : s.title,
                    leadUnits: s.lead.map { unitIDs[$0] }, responsibleUnits: s.responsible.map { unitIDs[$0] })
        }

        for (k, s) in sections.enumerated() {
            if let from = s.unitsFrom { guess("section units", "\(planSections[k].id) \(planSections[k].title)", from, s.source) }
        }

        // Tasks.
        var planTasks: [PlanTask] = []
        var activities = ActivityFinder(year: year)
        var ids = Set<String>()
        for t in tasks {
            let sectionID = planSections[t.section].id
            var id = "\(sectionID)-\(t.number)", n = 2
            while ids.contains(id) { id = "\(sectionID)-\(t.number)-\(n)"; n += 1 }
            ids.insert(id)
            let text = Self.placeholderYear.replace(in: t.text, with: String(year))
            var phase = defaultPhase
            var due: Day? = nil
            let sectionSpan = sections[t.section].span
            if timeSections, let k = phases.firstIndex(where: { $0.source == sections[t.section].source }) {
                phase = planPhases[k]
            } else if let field = t.timeField, let (d, phrase) = TimeExpressions.due(in: field, year: year) ?? Self.spanEnd(field, year: year) {
                due = d
                phase = Self.phase(containing: d, in: planPhases) ?? defaultPhase
                guess("due", id, "\(d.iso) from the time field \"\(phrase)\"", field)
            } else if let (d, phrase) = TimeExpressions.due(in: text, year: year) {
                due = d
                phase = Self.phase(containing: d, in: planPhases) ?? defaultPhase
                guess("due", id, "\(d.iso) from \"\(phrase)\"", text)
            }
            if !madeWholeYear && !timeSections {
                guess("phase", id, "\(phase.name)" + (due == nil ? " (no date in the text: the implementation phase)" : " (holds the due date)"), text)
            }
            let targets = TargetFinder.targets(in: text)
            report.counts.targets += targets.count
            let owners = t.owners.map { unitIDs[$0] }
            planTasks.append(PlanTask(id: id, sectionID: sectionID, number: t.number, title: Self.title(of: text), text: text,
                                      phaseID: phase.id, ownerUnits: owners, due: due, target: targets.first))
            let unitsForActivity = owners.isEmpty ? (planSections[t.section].leadUnits + planSections[t.section].responsibleUnits) : owners
            activities.scan(text: text, units: unitsForActivity, timeField: t.timeField, sectionSpan: timeSections ? sectionSpan : nil,
                            taskTitle: Self.title(of: text), source: id)
        }
        report.guesses += activities.guesses.map { .init(kind: "activity", subject: $0.0, decision: $0.1, source: $0.2.clipped()) }
        if madeWholeYear { phases = [] }
        let plan = Plan(title: report.title, organization: report.organization, year: year,
                        note: "由 shuangyong import 从 \((file as NSString).lastPathComponent) 导入 (imported; see the import report)",
                        units: planUnits, phases: planPhases, sections: planSections, tasks: planTasks,
                        activities: activities.activities)
        return plan
    }

    static func spanEnd(_ s: String, year: Int) -> (Day, String)? {
        guard let span = TimeExpressions.span(in: s), !span.wholeYears else { return nil }
        let y = year + span.startYearOffset + span.endYearOffset
        return (Day(year: y, month: span.endMonth, day: span.endDay ?? Day.daysIn(month: span.endMonth, year: y))!, s)
    }

    /// The phase holding `day`: of several, the one starting latest.
    static func phase(containing day: Day, in phases: [Phase]) -> Phase? {
        phases.filter { $0.contains(day) }.max { $0.start < $1.start }
    }

    /// A short title: the task's first clause, at most 24 characters.
    static func title(of text: String) -> String {
        var first = text.split(whereSeparator: { "。；;，,：:".contains($0) }).first.map(String.init) ?? text
        first = first.trimmed
        if first.isEmpty { first = text.trimmed }
        return first.count <= 24 ? first : String(first.prefix(23)) + "…"
    }

    /// Pinyin initials of a unit's name for its id (县民政局 → xmzj).
    static func initials(_ name: String) -> String {
        let latin = name.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) ?? name
        var out = ""
        for word in latin.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            if let c = word.first, c.isASCII { out.append(word.allSatisfy(\.isNumber) ? String(word) : String(c)) }
        }
        return String(out.prefix(12))
    }
}

/// Quantified targets in a task's text: 不少于2篇(条), 不少于5000份, 至少1.2万人次, 达到100%, 7至14天, 开展一次.
enum TargetFinder {
    /// Common measure words, longer ones first (人次 before 人).
    static let measureWords = ["人次", "户次", "家次", "场次", "个百分点", "课时", "学时", "小时", "万元",
                               "篇", "条", "次", "个", "期", "场", "项", "人", "名", "天", "户", "家", "所", "份", "册", "本",
                               "张", "幅", "块", "处", "批", "件", "套", "部", "台", "辆", "间", "座", "位", "支", "轮", "节",
                               "堂", "起", "元", "%", "％"]
    static let measure = "(" + measureWords.joined(separator: "|") + ")"
    /// A count: digits (5000, 5,000, 1.2) or Chinese numerals (二十, 两), with an optional 万/千/百.
    static let count = #"(\d[\d,，]*(?:\.\d+)?|[一二两三四五六七八九十百千]{1,5})\s*([万千百]?)"#
    static let patterns: [Pattern] = [
        Pattern(#"(?:不得少于|不少于|不低于|不小于|不少於|不得低于|至少|最少|≥)\s*"# + count + #"\s*"# + measure),
        Pattern(#"达到\s*(\d+)\s*()(%)"#),
        Pattern(#"(\d+)\s*至\s*\d+\s*()(天)"#),
        Pattern(#"(?:开展|召开|举办|组织|出板报|编印|制作|印制)\s*(\d+|一|两|二|三)\s*()(次|期|场|部|个)"#),
    ]

    static func targets(in text: String) -> [QuantifiedTarget] {
        var out: [QuantifiedTarget] = []
        for p in patterns {
            for m in p.matches(in: text) {
                guard let n = m[1], var unit = m[3], var v = number(n) else { continue }
                let scale = m[2] ?? ""
                if unit == "％" { unit = "%" }
                if unit == "万元" || unit == "元" { if scale == "万" { unit = "万元" } }
                else { v *= ["万": 10_000, "千": 1_000, "百": 100][scale] ?? 1 }
                guard v > 0, v.isFinite, v < 1e12, v == v.rounded() else { continue }
                out.append(QuantifiedTarget(required: Int(v), unit: unit, label: (m[0] ?? "").clipped(24)))
            }
        }
        return out
    }

    /// 5000, 5,000, 1.2, 二十, 两, 三百, 两千 as a number.
    static func number(_ s: String) -> Double? {
        let digits = s.filter { $0 != "," && $0 != "，" }
        if let d = Double(digits) { return d }
        if let v = ChineseNumerals.value(s) { return Double(v) }
        // 三百, 两千五百, 一千二: Chinese numerals with 千 and 百.
        var total = 0, current = 0
        for c in s {
            if let d = ChineseNumerals.digits[c] { current = d }
            else if c == "十" { total += max(current, 1) * 10; current = 0 }
            else if c == "百" { total += max(current, 1) * 100; current = 0 }
            else if c == "千" { total += max(current, 1) * 1_000; current = 0 }
            else { return nil }
        }
        total += current
        return total > 0 ? Double(total) : nil
    }
}
