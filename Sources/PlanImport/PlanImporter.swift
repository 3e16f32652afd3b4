import Foundation
import ShuangyongKit

/// A plan made from a document, with the report of what was found, guessed and dropped.
public struct ImportResult: Sendable {
    public var plan: Plan
    public var report: ImportReport
}

/// Turns an office's plan document into a plan: reads the file (`DocumentLoader`), drops web and
/// conversion noise (`Cleaner`), finds the numbered outline (`Outline`) or the task-decomposition table,
/// and recognises sections, tasks, units, phases, recurring activities and targets.
///
/// Which numbering level is a section and which a task is decided per document: the task level is the
/// shallowest numbering whose items are mostly leaves and that is about as frequent as the most frequent
/// one; a section is the item holding tasks. Items whose headings are only a time (1--3月, 一季度) with
/// plain paragraphs below are time sections: each becomes a section and a phase, its paragraphs tasks.
public enum PlanImporter {
    /// Imports the file at `path`; `year` replaces 201x/20XX placeholders and overrides the document's year.
    public static func importFile(_ path: String, year: Int? = nil, tools: DocumentLoader.Tools = .system) throws(ImportError) -> ImportResult {
        let doc = try DocumentLoader.load(path, tools: tools)
        return try importDocument(doc, file: path, year: year)
    }

    /// Imports a document already read.
    public static func importDocument(_ doc: SourceDocument, file: String, year: Int? = nil) throws(ImportError) -> ImportResult {
        var r = Recogniser(file: file, format: doc.format, yearOption: year)
        return try r.run(doc)
    }
}

struct Recogniser {
    struct DraftSection {
        var title: String
        var lead: [Int] = []
        var responsible: [Int] = []
        var source: String
        var span: TimeExpressions.MonthSpan? = nil
        /// Where units taken from a heading above came from, for the report.
        var unitsFrom: String? = nil
    }

    struct DraftTask {
        var section: Int
        var number: Int
        var text: String
        var owners: [Int] = []
        var timeField: String? = nil
        var source: String
    }

    struct DraftPhase {
        var name: String
        var span: TimeExpressions.MonthSpan
        var summary: String
        var source: String
    }

    let file: String
    let format: String
    let yearOption: Int?
    var units = UnitBook()
    var sections: [DraftSection] = []
    var tasks: [DraftTask] = []
    var phases: [DraftPhase] = []
    var report: ImportReport
    var structure = ""
    var timeSections = false
    var taskLevelRoles = false

    init(file: String, format: String, yearOption: Int?) {
        self.file = file
        self.format = format
        self.yearOption = yearOption
        report = ImportReport(file: file, format: format, title: "", organization: "", level: "county", year: 0,
                              yearSource: "", structure: "")
    }

    mutating func guess(_ kind: String, _ subject: String, _ decision: String, _ source: String = "") {
        report.guesses.append(.init(kind: kind, subject: subject, decision: decision, source: source.clipped()))
    }

    // MARK: - Run

    mutating func run(_ doc: SourceDocument) throws(ImportError) -> ImportResult {
        var paragraphs: [String] = []
        var tables: [[[String]]] = []
        for b in doc.blocks {
            switch b {
            case .paragraph(let p): paragraphs.append(p)
            case .table(let rows): tables.append(rows)
            }
        }
        var cleaner = Cleaner()
        var lines = cleaner.clean(paragraphs)
        // Tables are cleaned cell by cell (Traditional characters, noise inside cells).
        tables = tables.map { rows in rows.map { row in row.map { cell in
            var c = Cleaner()
            return c.clean([cell]).joined(separator: "\n").trimmed
        } } }
        report.noise += cleaner.noise
        report.warnings += cleaner.warnings

        // Title: the first title-like line; its repetitions are noise.
        let title = findTitle(&lines, glued: cleaner.gluedTitle)
        let text = lines.joined(separator: "\n")
        let body = text + "\n" + tables.flatMap { $0.map { $0.joined(separator: " ") } }.joined(separator: "\n")
        units.places = places(in: body, title: title)

        let outline = Outline(text: text)
        report.noise += outline.droppedMarkers.map { "\($0) (chunk or page marker)" }

        // A task-decomposition table wins when it holds tasks; the text still gives phases.
        var fromTable = false
        for t in tables where readTaskTable(t) { fromTable = true }
        if !fromTable { recogniseOutline(outline) }
        findPhases(outline)
        for t in tables { readPhaseTable(t) }

        let (year, yearSource) = try decideYear(body: body, title: title == cleaner.gluedTitle ? nil : title)
        report.year = year
        report.yearSource = yearSource
        let found = title ?? outlineTitle(outline)
        report.title = found.isEmpty ? "\(year)年双拥工作计划" : finalTitle(found, year: year, hadGlued: title == cleaner.gluedTitle && title != nil)
        report.organization = organization(in: body, title: report.title)
        report.level = level(body: body, title: report.title)
        report.structure = structure

        guard !tasks.isEmpty else {
            throw .nothingFound(file: file, reason: "no numbered items (一、 (一) 1、 (1) ① 一是) and no 任务分解表 table with a 任务/工作内容 column")
        }
        let plan = build(year: year)
        report.counts.sections = plan.sections.count
        report.counts.tasks = plan.tasks.count
        report.counts.units = plan.units.count
        report.counts.phases = phases.count
        report.counts.activities = plan.activities.count
        for (name, decision, source) in units.guesses { guess("unit", name, decision, source) }
        for u in plan.units { guess("unit kind", u.name, u.kind.rawValue, units.entries.first { $0.name == u.name }?.source ?? "") }
        return ImportResult(plan: plan, report: report)
    }

    // MARK: - Title, places, organisation, level

    static let titleWords = ["计划", "方案", "要点", "安排", "意见", "规划", "通知", "办法", "实施"]

    func isTitleLike(_ line: String) -> Bool {
        let t = line.trimmed
        return t.count >= 4 && t.count <= 50 && !t.contains("。") && Self.titleWords.contains { t.contains($0) }
    }

    static func titleKey(_ s: String) -> String {
        var k = s.filter { !$0.isWhitespace }
        while let f = k.first, f.isNumber, k.count > 4, !Pattern(#"^(?:19|20)\d\d"#).contains(k) { k.removeFirst() }
        if let l = k.last, "一二三四五123456789".contains(l) { k.removeLast() }
        return k
    }

    mutating func findTitle(_ lines: inout [String], glued: String?) -> String? {
        let firstLines = lines.enumerated().filter { !$0.element.trimmed.isEmpty }.prefix(5)
        guard let hit = firstLines.first(where: { isTitleLike($0.element) && !Pattern(#"^\s*[(（]?[一二三四五六七八九十\d]+[、.)）]"#).contains($0.element) }) else {
            return glued
        }
        let title = hit.element.trimmed
        let key = Self.titleKey(title)
        for i in lines.indices where i != hit.offset {
            let k = Self.titleKey(lines[i])
            if !k.isEmpty, k == key || (k.count <= key.count + 2 && k.hasPrefix(key)) {
                report.noise.append(lines[i].trimmed + " (title repeated)")
                lines[i] = ""
            }
        }
        lines[hit.offset] = ""
        return title
    }

    func outlineTitle(_ outline: Outline) -> String {
        var p = outline.preamble.trimmed
        p = Pattern(#"^[(（]?\d{1,2}[)）、.．]\s*"#).replace(in: p)
        let first = p.split(whereSeparator: { "。\n".contains($0) }).first.map(String.init) ?? ""
        let clause = first.split(whereSeparator: { " ，,".contains($0) }).first.map(String.init) ?? first
        if clause.filter(\.isHan).count < 4 || !Self.titleWords.contains(where: { clause.contains($0) }) { return "" }
        return String(clause.prefix(40))
    }

    mutating func finalTitle(_ t: String, year: Int, hadGlued: Bool) -> String {
        var title = t
        if hadGlued, let m = Pattern(#"(?:19|20)\d{2}(?=年)"#).first(in: title), let y = m[0], Int(y) != year {
            title = title.replacingOccurrences(of: y, with: String(year))
            guess("title", title, "title taken from a web page's article heading; its year \(y) set to the plan year", t)
        }
        return Pattern(#"(?:19|20)\d?[xX×*]{1,2}(?=\s*年)"#).replace(in: title, with: String(year))
    }

    func places(in text: String, title: String?) -> Set<String> {
        var out = Set<String>()
        let hay = (title ?? "") + "\n" + text
        for m in Pattern(#"结合(\p{Han}{2,3}?)实际"#).matches(in: hay) { if let p = m[1], !["工作", "本地", "当地", "本单位", "自身"].contains(p) { out.insert(p) } }
        for m in Pattern(#"(\p{Han}{2,3}?)[县市区]双拥工作领导小组"#).matches(in: hay) {
            if let p = m[1], !["全", "我", "各", "其他", "及", "和", "本", "召开", "组织"].contains(where: { p.contains($0) }) { out.insert(p) }
        }
        return out
    }

    func organization(in text: String, title: String) -> String {
        // The place the title names (潢川县2027年…) is the place of the group the body speaks of.
        if text.contains("双拥工作领导小组"), let m = Pattern(#"^(\p{Han}{2,6}?[县市区])"#).first(in: title), let place = m[1],
           !["全", "我", "各", "本"].contains(where: { place.hasPrefix($0) }) {
            return place + "双拥工作领导小组"
        }
        for p in units.places.sorted() {
            for level in ["县", "市", "区"] where text.contains(p + level + "双拥工作领导小组") { return p + level + "双拥工作领导小组" }
        }
        for m in Pattern(#"(\p{Han}{2,4}?[县市区])双拥工作领导小组"#).matches(in: text) {
            // A verb before 县 (调整充实县…, 成立县…) is not a place.
            if let p = m[1], !["召开", "组织", "建立", "全", "我", "和", "、", "政府", "委", "各", "及", "其他", "调整", "充实", "成立", "健全", "完善", "设立"]
                .contains(where: { p.contains($0) }) {
                return p + "双拥工作领导小组"
            }
        }
        if let m = Pattern(#"^(.{2,16}?)(?:(?:19|20)[\dxX×*]{1,2}\d?\s*年|关于|双拥|雙擁)"#).first(in: title), let org = m[1],
           !org.contains("全"), !org.contains(where: \.isNumber) {
            return org
        }
        let levelName = ["county": "县", "city": "市", "district": "区", "township": "乡镇"][level(body: text, title: title)] ?? "县"
        return levelName + "双拥工作领导小组"
    }

    func level(body: String, title: String) -> String {
        let hay = title + title + body
        if Pattern(#"社区|街道|乡镇|[^\p{Han}]镇|我镇|全镇|我乡|全乡|村委"#).contains(title) { return "township" }
        let counts: [(String, Int)] = [
            ("county", Pattern(#"全县|我县|县委|县政府|县双拥"#).matches(in: hay).count),
            ("city", Pattern(#"全市|我市|市委|市政府|市双拥"#).matches(in: hay).count),
            ("district", Pattern(#"全区|我区|区委|区政府|区双拥"#).matches(in: hay).count),
            ("township", Pattern(#"全镇|我镇|全乡|我乡|社区|街道办"#).matches(in: hay).count),
        ]
        return counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? "county"
    }

    // MARK: - Year

    static let anniversaries: [(String, Int)] = [("建军节?", 1927), ("抗日战争(?:胜利)?", 1945), ("抗战(?:胜利)?", 1945),
                                                  ("双拥运动", 1943), ("(?:新中国成立|建国)", 1949), ("建党", 1921)]

    mutating func decideYear(body: String, title: String?) throws(ImportError) -> (Int, String) {
        let placeholder = Pattern(#"(?:19|20)\d?[xX×*]{1,2}(?=\s*年)"#).first(in: body)?[0]
        if let placeholder { report.warnings.append("年份为占位符 \(placeholder) (the year is a placeholder: \(placeholder)年)") }
        if let y = yearOption { return (y, "--year") }
        if let title, placeholder == nil || !title.contains(where: { "xX×*".contains($0) }),
           let m = Pattern(#"((?:19|20)\d{2})\s*年"#).first(in: title), let y = m[1].flatMap(Int.init) {
            return (y, "title")
        }
        if placeholder == nil {
            let years = Pattern(#"((?:19|20)\d{2})\s*年(?!代)"#).matches(in: body).compactMap { $0[1].flatMap(Int.init) }
            if let y = Dictionary(grouping: years, by: { $0 }).max(by: { $0.value.count < $1.value.count })?.key {
                guess("year", String(y), "the year the text names most often", "")
                return (y, "text")
            }
        }
        for (event, base) in Self.anniversaries {
            if let m = Pattern(event + #"\s*([0-9]{1,3}|[一二三四五六七八九十]{1,3})\s*周年"#).first(in: body), let n = m[1],
               let v = Int(n) ?? ChineseNumerals.value(n) {
                guess("year", String(base + v), "from the anniversary \(m[0]!) (\(base)+\(v))", m[0]!)
                report.warnings.append("年份由纪念日推算 (year inferred from an anniversary: \(m[0]!) → \(base + v)); use --year to set it")
                return (base + v, "anniversary: \(m[0]!)")
            }
        }
        throw .needsYear(placeholder: placeholder.map { $0 + "年" } ?? "no year in the document")
    }

    // MARK: - Outline → sections and tasks

    static let stepHeading = Pattern(#"步骤|进度安排|时间安排|实施阶段|阶段安排"#)

    func heading(_ s: String) -> String {
        let t = s.trimmed
        let line = t.split(separator: "\n").first.map(String.init) ?? t
        var h = line.split(separator: "。").first.map(String.init) ?? line
        if let r = Self.fieldLabel.firstRange(in: h) { h = String(h[..<r.lowerBound]) }
        return h.trimmingCharacters(in: CharacterSet(charactersIn: " :：;；，,")).joinedChinese
    }

    func isPhaseNode(_ outline: Outline, _ id: Int) -> Bool {
        let h = heading(outline.ownText(id))
        if h.contains("阶段"), TimeExpressions.span(in: h) != nil { return true }
        if let p = outline.nodes[id].parent, p != 0, Self.stepHeading.contains(heading(outline.ownText(p))), TimeExpressions.span(in: h) != nil,
           h.count <= 30 { return true }
        return false
    }

    mutating func recogniseOutline(_ outline: Outline) {
        let items = outline.items
        var count: [MarkerStyle: Int] = [:], leaves: [MarkerStyle: Int] = [:]
        for id in items {
            guard let s = outline.nodes[id].style, !isPhaseNode(outline, id) else { continue }
            count[s, default: 0] += 1
            if outline.nodes[id].children.isEmpty { leaves[s, default: 0] += 1 }
        }
        let maxCount = count.values.max() ?? 0
        let taskStyle = MarkerStyle.allCases.first { s in
            let c = count[s] ?? 0
            return c > 0 && Double(leaves[s] ?? 0) >= 0.6 * Double(c) && Double(c) >= 0.4 * Double(maxCount)
        }
        guard let taskStyle else {
            recogniseParagraphs(outline)
            return
        }
        let taskNodes = items.filter { id in
            guard outline.nodes[id].style == taskStyle, !isPhaseNode(outline, id) else { return false }
            var p = outline.nodes[id].parent
            while let q = p, q != 0 {
                if isPhaseNode(outline, q) || Self.stepHeading.contains(heading(outline.ownText(q))) { return false }
                p = outline.nodes[q].parent
            }
            return true
        }
        // Time sections: items headed only by a time, with paragraphs below.
        let timed = taskNodes.filter { id in
            let own = outline.ownText(id).trimmed
            let lines = own.split(separator: "\n").map { String($0).trimmed }.filter { !$0.isEmpty }
            let h = lines.first ?? ""
            return h.count <= 24 && !h.contains("。") && TimeExpressions.span(in: h) != nil && lines.count >= 2
        }
        if timed.count >= 2, timed.count * 2 >= taskNodes.count {
            timeSections = true
            for id in taskNodes {
                let lines = outline.ownText(id).split(separator: "\n").map { String($0).trimmed }.filter { !$0.isEmpty }
                guard let h = lines.first else { continue }
                let title = h.trimmingCharacters(in: CharacterSet(charactersIn: " :："))
                let span = TimeExpressions.span(in: title)
                sections.append(DraftSection(title: title, source: outline.nodes[id].marker + h, span: span))
                if let span {
                    let name = Pattern("^" + TimeExpressions.year + #"\s*"#).replace(in: title)
                    phases.append(DraftPhase(name: name, span: span, summary: "", source: outline.nodes[id].marker + h))
                }
                for (k, l) in lines.dropFirst().enumerated() where l.count >= 4 {
                    tasks.append(DraftTask(section: sections.count - 1, number: k + 1, text: l.joinedChinese, source: l))
                }
            }
            structure = "\(taskStyle.label) items are time sections (phases); the paragraphs under them are tasks"
            return
        }
        var sectionOf: [Int: Int] = [:]
        var rawTexts: [(node: Int, section: Int)] = []
        var headingRoles: [Int: HeadingRoles] = [:]
        var sectionNodes: [Int] = []
        for id in taskNodes {
            let parent = outline.nodes[id].parent ?? 0
            if sectionOf[parent] == nil {
                // The headings above a section, outermost first: their 牵头/责任 lines make their units (in document order).
                for a in ancestors(of: parent, in: outline).reversed() where headingRoles[a] == nil {
                    headingRoles[a] = readHeadingRoles(outline, a)
                }
                let title = parent == 0 ? "" : heading(outline.ownText(parent))
                sections.append(DraftSection(title: title, source: parent == 0 ? "" : outline.nodes[parent].marker + title))
                sectionOf[parent] = sections.count - 1
                sectionNodes.append(parent)
                if parent != 0 { readSectionFields(outline.ownText(parent), section: sections.count - 1) }
            }
            rawTexts.append((id, sectionOf[parent]!))
        }
        // Role fields: at section level when they close each section's last task, else per task.
        var withFields: [(Int, Bool)] = []
        for (k, t) in rawTexts.enumerated() {
            let full = outline.fullText(t.node)
            let isLast = k == rawTexts.count - 1 || rawTexts[k + 1].section != t.section
            withFields.append((k, Self.fieldLabel.contains(full) && isLast))
            if Self.fieldLabel.contains(full) && !isLast { taskLevelRoles = true }
        }
        let sectionsWithTasks = Set(rawTexts.map(\.section)).count
        if rawTexts.filter({ Self.fieldLabel.contains(outline.fullText($0.node)) }).count > sectionsWithTasks { taskLevelRoles = true }
        for t in rawTexts {
            let n = outline.nodes[t.node]
            var full = outline.fullText(t.node)
            full = Pattern(#"\s+\d{1,2}\s*$"#).replace(in: full)
            let (body, fields) = Self.splitFields(full)
            let number = n.value
            var task = DraftTask(section: t.section, number: number, text: body.joinedChinese.trimmed, source: n.marker + full.trimmed)
            applyFields(fields, task: &task, sectionLevel: !taskLevelRoles)
            tasks.append(task)
        }
        let grouped = inheritRoles(outline, sectionNodes: sectionNodes, headingRoles: headingRoles)
        if let parentStyle = taskNodes.first.flatMap({ outline.nodes[$0].parent }).flatMap({ outline.nodes[$0].style }) {
            var where_ = ""
            if let g = grouped {
                where_ = " under the \(g.style.label) headings (\(g.titles.joined(separator: "、").clipped(40))), titled 标题·小标题"
                if g.headingSections > 0 { where_ += "; a \(g.style.label) heading with tasks directly below is a section itself" }
            } else if let p = taskNodes.first.flatMap({ outline.nodes[$0].parent }), let gp = outline.nodes[p].parent, gp != 0 {
                where_ = " under \(outline.nodes[gp].marker)\(heading(outline.ownText(gp)).clipped(16))"
            }
            structure = "sections are the \(parentStyle.label) items\(where_); tasks are their \(taskStyle.label) items"
        } else {
            structure = "tasks are the \(taskStyle.label) items (no section level: one section)"
        }
        if taskNodes.count > 1, Set(taskNodes.compactMap { outline.nodes[$0].parent }).count > 1 {
            let runOn = zip(taskNodes, taskNodes.dropFirst()).contains { a, b in
                outline.nodes[a].parent != outline.nodes[b].parent && outline.nodes[b].value == outline.nodes[a].value + 1
            }
            if runOn { structure += "; task numbers run on across sections" }
        }
        structure += taskLevelRoles ? "; 牵头/责任单位 are given per task" : ""
        guess("section level", structure, "decided from the numbering: \(count.map { "\($0.key.label)×\($0.value)" }.sorted().joined(separator: " "))")
    }

    /// The 牵头/责任 lines of a heading above sections, with its units.
    struct HeadingRoles {
        var lead: [Int] = []
        var responsible: [Int] = []
        /// The heading as written ("一、组织领导").
        var name: String
    }

    /// The headings above `node` (not the document root), nearest first.
    func ancestors(of node: Int, in outline: Outline) -> [Int] {
        var out: [Int] = []
        var p = node == 0 ? nil : outline.nodes[node].parent
        while let q = p, q != 0 {
            out.append(q)
            p = outline.nodes[q].parent
        }
        return out
    }

    mutating func readHeadingRoles(_ outline: Outline, _ id: Int) -> HeadingRoles {
        let own = outline.ownText(id)
        var roles = HeadingRoles(name: outline.nodes[id].marker + heading(own))
        for (label, value) in Self.splitFields(own).1 where !Self.timeLabels.contains(label) {
            let ids = splitUnits(value).compactMap { units.addFromRole($0, source: "\(label):\(value)") }
            if label.hasPrefix("牵头") || label.hasPrefix("主办") { roles.lead += ids.filter { !roles.lead.contains($0) } }
            else { roles.responsible += ids.filter { !roles.responsible.contains($0) } }
        }
        return roles
    }

    /// 牵头/责任 lines under a heading apply to everything below it: a section without its own lead (or
    /// responsible) units takes those of the nearest heading above it that names them, and the report says so.
    /// When the sections stand under two or more headings, each section's title is led by its heading's
    /// ("组织领导·健全领导机构") so the heading's name is kept; returns those headings then.
    mutating func inheritRoles(_ outline: Outline, sectionNodes: [Int], headingRoles: [Int: HeadingRoles])
        -> (style: MarkerStyle, titles: [String], headingSections: Int)? {
        for (k, node) in sectionNodes.enumerated() {
            let above = ancestors(of: node, in: outline)
            var from: [String] = []
            if sections[k].lead.isEmpty, let a = above.first(where: { !(headingRoles[$0]?.lead.isEmpty ?? true) }) {
                sections[k].lead = headingRoles[a]!.lead
                from.append("牵头单位 from \(headingRoles[a]!.name)")
            }
            if sections[k].responsible.isEmpty, let a = above.first(where: { !(headingRoles[$0]?.responsible.isEmpty ?? true) }) {
                sections[k].responsible = headingRoles[a]!.responsible
                from.append("责任单位 from \(headingRoles[a]!.name)")
            }
            if !from.isEmpty { sections[k].unitsFrom = from.joined(separator: ", ") + " (the heading above)" }
        }
        // Sections grouped under several headings of one level keep their heading's name in their title.
        let groups = sectionNodes.map { $0 == 0 ? 0 : (outline.nodes[$0].parent ?? 0) }
        let distinct = groups.reduce(into: [Int]()) { if $1 != 0, !$0.contains($1) { $0.append($1) } }
        guard distinct.count >= 2, let style = outline.nodes[distinct[0]].style,
              distinct.allSatisfy({ outline.nodes[$0].style == style }) else { return nil }
        var titles: [String] = []
        for g in distinct { titles.append(heading(outline.ownText(g))) }
        var headingSections = 0
        for (k, g) in groups.enumerated() {
            if g != 0, let i = distinct.firstIndex(of: g), !titles[i].isEmpty {
                sections[k].title = titles[i] + "·" + sections[k].title
            } else if sectionNodes[k] != 0, outline.nodes[sectionNodes[k]].style == style {
                headingSections += 1
            }
        }
        return (style, titles, headingSections)
    }

    /// A document without numbering: each paragraph that reads as a sentence of work is a task.
    mutating func recogniseParagraphs(_ outline: Outline) {
        let paras = outline.text(0..<outline.chars.count).split(separator: "\n").map { String($0).trimmed }
            .filter { (p: String) in p.count >= 12 && (p.hasSuffix("。") || p.hasSuffix("；")) }
        guard paras.count >= 2 else { return }
        sections.append(DraftSection(title: "", source: ""))
        for (k, p) in paras.dropFirst().enumerated() {
            tasks.append(DraftTask(section: 0, number: k + 1, text: p.joinedChinese, source: p))
        }
        structure = "no numbering: each paragraph after the first is a task"
        guess("section level", structure, "the document has no numbered items")
    }

    // MARK: - Role and time fields

    static let roleLabels = "牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|参与单位|承办单位|主办单位|协助单位|责任主体"
    static let timeLabels = "完成时限|完成时间|时间节点|时间安排|时限|时间"
    static let valueStop = Pattern(#"[。；;\n]|(?<!\d)\s+|\s+(?!\d)"#)
    static let fieldLabel = Pattern("[(（]?(?:" + roleLabels + "|" + timeLabels + #")\s*[:：]"#)

    /// A task's text before its first field label, and the fields (label → value).
    static func splitFields(_ s: String) -> (String, [(String, String)]) {
        guard let r = fieldLabel.firstRange(in: s) else { return (s, []) }
        let body = String(s[..<r.lowerBound])
        var fields: [(String, String)] = []
        let all = Pattern("(" + roleLabels + "|" + timeLabels + #")\s*[:：]"#)
        let tail = String(s[r.lowerBound...])
        let ns = tail as NSString
        let ms = all.re.matches(in: tail, range: NSRange(location: 0, length: ns.length))
        for (k, m) in ms.enumerated() {
            let label = ns.substring(with: m.range(at: 1))
            let start = m.range.location + m.range.length
            let end = k + 1 < ms.count ? ms[k + 1].range.location : ns.length
            var value = ns.substring(with: NSRange(location: start, length: max(0, end - start)))
            // A value ends at a sentence end, a line break or a space not inside a digit group.
            if let stop = Self.valueStop.firstRange(in: value.trimmed) {
                value = String(value.trimmed[..<stop.lowerBound])
            }
            // A clause written in brackets "(牵头单位:县民政局)" leaves its closing bracket.
            if (value.hasSuffix(")") || value.hasSuffix("）")), value.filter({ "(（".contains($0) }).count < value.filter({ ")）".contains($0) }).count {
                value.removeLast()
            }
            fields.append((label, value.trimmed))
        }
        return (body, fields)
    }

    mutating func readSectionFields(_ own: String, section: Int) {
        let (_, fields) = Self.splitFields(own)
        for (label, value) in fields where !Self.timeLabels.contains(label) {
            let ids = splitUnits(value).compactMap { units.addFromRole($0, source: "\(label):\(value)") }
            if label.hasPrefix("牵头") || label.hasPrefix("主办") { sections[section].lead += ids } else { sections[section].responsible += ids }
        }
    }

    func splitUnits(_ value: String) -> [String] {
        let v = value.replacingOccurrences(of: "以及", with: "、")
        return v.components(separatedBy: CharacterSet(charactersIn: "、，,;；和及/")).map { $0.trimmed }.filter { !$0.isEmpty }
    }

    mutating func applyFields(_ fields: [(String, String)], task: inout DraftTask, sectionLevel: Bool) {
        for (label, value) in fields {
            if Self.timeLabels.split(separator: "|").contains(where: { $0 == label }) {
                task.timeField = value
                continue
            }
            let ids = splitUnits(value).compactMap { units.addFromRole($0, source: "\(label):\(value)") }
            if sectionLevel {
                if label.hasPrefix("牵头") || label.hasPrefix("主办") {
                    sections[task.section].lead += ids.filter { !sections[task.section].lead.contains($0) }
                } else {
                    sections[task.section].responsible += ids.filter { !sections[task.section].responsible.contains($0) }
                }
            } else {
                task.owners += ids.filter { !task.owners.contains($0) }
                if label.hasPrefix("牵头") || label.hasPrefix("主办") {
                    sections[task.section].lead += ids.filter { !sections[task.section].lead.contains($0) }
                }
            }
        }
    }

    // MARK: - Tables

    enum Column { case number, section, task, lead, responsible, time, note }

    static func columnRole(_ header: String) -> Column? {
        let h = header.filter { !$0.isWhitespace }
        if h.isEmpty { return nil }
        if h.contains("牵头") || h.contains("主办") { return .lead }
        if Pattern(#"责任单位|责任部门|配合|参与|协办|承办|责任主体|协助|实施单位|落实单位"#).contains(h) { return .responsible }
        if Pattern(#"时限|时间|进度|节点|期限"#).contains(h) { return .time }
        if Pattern(#"备注|说明"#).contains(h) { return .note }
        if Pattern(#"^(?:序号|编号|序|No\.?)$"#).contains(h) { return .number }
        if Pattern(#"类别|板块|领域|项目|重点工作|工作类别|任务类别|分类"#).contains(h), !h.contains("内容") { return .section }
        if Pattern(#"任务|工作内容|内容|措施|事项"#).contains(h) { return .task }
        return nil
    }

    /// Reads a 任务分解表; false when the table is not one.
    mutating func readTaskTable(_ rows: [[String]]) -> Bool {
        guard let (hIndex, roles) = rows.prefix(5).enumerated().lazy.compactMap({ (i, row) -> (Int, [Int: Column])? in
            var roles: [Int: Column] = [:]
            for (c, cell) in row.enumerated() { if let r = Self.columnRole(cell), cell.count <= 16 { roles[c] = roles[c] ?? r } }
            let kinds = Set(roles.values)
            if row.contains(where: { $0.contains("阶段") }) { return nil }
            return kinds.contains(.task) && (kinds.contains(.lead) || kinds.contains(.responsible) || kinds.contains(.time)) ? (i, roles) : nil
        }).first else { return false }
        func col(_ c: Column) -> Int? { roles.filter { $0.value == c }.map(\.key).min() }
        guard let taskCol = col(.task) else { return false }
        let before = tasks.count
        var current: Int? = nil
        var sectionByTitle: [String: Int] = [:]
        var numberInSection: [Int: Int] = [:]
        let sectionMarker = Pattern(#"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*"#)
        for row in rows.dropFirst(hIndex + 1) {
            func cell(_ c: Column) -> String { col(c).flatMap { $0 < row.count ? row[$0] : nil }?.trimmed ?? "" }
            let filled = row.map(\.trimmed).filter { !$0.isEmpty }
            let taskText = taskCol < row.count ? row[taskCol].trimmed : ""
            // A heading row: one value written across the row (or only in its first cells).
            if Set(filled).count == 1, let only = filled.first, taskText.isEmpty || Set(filled).count == 1 && row.filter({ !$0.trimmed.isEmpty }).count < max(2, roles.count) {
                let title = sectionMarker.replace(in: only).trimmed
                sections.append(DraftSection(title: title, source: only))
                current = sections.count - 1
                sectionByTitle[title] = current
                continue
            }
            guard !taskText.isEmpty else { continue }
            let category = cell(.section)
            if !category.isEmpty {
                let title = sectionMarker.replace(in: category).trimmed
                if let s = sectionByTitle[title] { current = s } else {
                    sections.append(DraftSection(title: title, source: category))
                    current = sections.count - 1
                    sectionByTitle[title] = current
                }
            }
            if current == nil {
                sections.append(DraftSection(title: "", source: ""))
                current = sections.count - 1
            }
            let s = current!
            let number = Int(cell(.number).filter(\.isNumber)) ?? ((numberInSection[s] ?? 0) + 1)
            numberInSection[s] = number
            let (body, fields) = Self.splitFields(taskText)
            var task = DraftTask(section: s, number: number, text: body.joinedChinese.trimmed, source: filled.joined(separator: " | "))
            applyFields(fields, task: &task, sectionLevel: false)
            let lead = splitUnits(cell(.lead)).compactMap { units.addFromRole($0, source: "牵头单位:" + cell(.lead)) }
            let resp = splitUnits(cell(.responsible)).compactMap { units.addFromRole($0, source: "责任单位:" + cell(.responsible)) }
            sections[s].lead += lead.filter { !sections[s].lead.contains($0) }
            sections[s].responsible += resp.filter { !sections[s].responsible.contains($0) }
            task.owners += resp.filter { !task.owners.contains($0) }
            let time = cell(.time)
            if !time.isEmpty { task.timeField = Self.excelDate(time) ?? time }
            tasks.append(task)
        }
        // Row units equal to the whole section's are the section's, not the task's own.
        for k in before..<tasks.count {
            let s = tasks[k].section
            if Set(tasks[k].owners) == Set(sections[s].responsible) { tasks[k].owners = [] }
        }
        guard tasks.count > before else { return false }
        structure = "a 任务分解表 table: rows are tasks" + (sections.count > 1 ? ", heading rows or the category column are sections" : "")
        guess("section level", structure, "header row: " + rows[hIndex].joined(separator: " | "))
        return true
    }

    /// An Excel date serial (45000) as "2023年3月15日".
    static func excelDate(_ s: String) -> String? {
        guard let n = Double(s), n > 20_000, n < 80_000 else { return nil }
        let d = Day(year: 1899, month: 12, day: 30)!.adding(days: Int(n))
        return "\(d.month)月\(d.day)日前"
    }

    mutating func readPhaseTable(_ rows: [[String]]) {
        guard let header = rows.first else { return }
        let nameCol = header.firstIndex { $0.contains("阶段") }
        let timeCol = header.firstIndex { Pattern(#"时间|时限|月份"#).contains($0) }
        guard let nameCol, let timeCol else { return }
        let contentCol = header.firstIndex { Pattern(#"内容|任务|工作"#).contains($0) && !$0.contains("阶段") }
        for row in rows.dropFirst() where row.count > max(nameCol, timeCol) {
            guard let span = TimeExpressions.span(in: row[timeCol]) else { continue }
            let name = Pattern(#"阶段.*$"#).replace(in: row[nameCol].trimmed)
            let summary = contentCol.flatMap { $0 < row.count ? row[$0] : nil } ?? ""
            phases.append(DraftPhase(name: name.isEmpty ? row[nameCol] : name, span: span, summary: summary.joinedChinese,
                                     source: row.joined(separator: " | ")))
        }
    }

    // MARK: - Phases in the text

    mutating func findPhases(_ outline: Outline) {
        guard !timeSections else { return }
        for id in outline.items where isPhaseNode(outline, id) {
            let own = outline.ownText(id).joinedChinese.trimmed
            let h = heading(own)
            guard let span = TimeExpressions.span(in: h) else { continue }
            var name = Pattern(#"[(（][^)）]*[)）]"#).replace(in: h)
            name = Pattern(#"^第[一二三四五六七八九十\d]+阶段\s*[:：]?"#).replace(in: name)
            if let r = name.range(of: "阶段") { name = String(name[..<r.lowerBound]) }
            name = Pattern(TimeExpressions.year + #"|\d{1,2}\s*月[^，,]*"#).replace(in: name).trimmingCharacters(in: CharacterSet(charactersIn: " :：，,。"))
            if name.isEmpty { name = h }
            var summary = String(own.dropFirst(min(own.count, h.count))).trimmingCharacters(in: CharacterSet(charactersIn: " 。.:："))
            if summary.isEmpty { summary = own }
            phases.append(DraftPhase(name: name, span: span, summary: summary, source: outline.nodes[id].marker + h))
        }
    }
}
