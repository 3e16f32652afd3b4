import Foundation

/// Reads a Word .docx: paragraphs with their automatic numbering written out (Word keeps "一、", "(一)",
/// "1、" in `numbering.xml`, not in the text), and tables with vertically merged cells carried down.
enum DocxReader {
    static func read(_ parts: ZipParts) -> SourceDocument? {
        guard let doc = parts.xml("word/document.xml"), let body = doc.descendants("w:body").first else { return nil }
        var numbering = Numbering(parts.xml("word/numbering.xml"))
        let styleNumbering = styleNumPr(parts.xml("word/styles.xml"))
        var blocks: [SourceDocument.Block] = []

        func paragraph(_ p: XMLNode) -> String {
            var text = ""
            func walk(_ n: XMLNode) {
                for c in n.children {
                    switch c.name {
                    case "w:t": text += c.text
                    case "w:tab": text += " "
                    case "w:br", "w:cr": text += "\n"
                    case "w:pPr", "w:rPr", "w:del", "w:instrText": continue
                    default: walk(c)
                    }
                }
            }
            walk(p)
            var numPr = p.at("w:pPr", "w:numPr")
            if numPr == nil, let style = p.at("w:pPr", "w:pStyle")?.attr("w:val") { numPr = styleNumbering[style] }
            if let numPr, let numID = numPr.at("w:numId")?.attr("w:val"),
               let label = numbering.next(numID: numID, level: Int(numPr.at("w:ilvl")?.attr("w:val") ?? "0") ?? 0) {
                text = label + text
            }
            return text
        }

        func table(_ t: XMLNode) -> [[String]] {
            var rows: [[String]] = []
            var above: [Int: String] = [:]
            for tr in t.all("w:tr") {
                var row: [String] = []
                for tc in tr.all("w:tc") {
                    let col = row.count
                    var value = tc.all("w:p").map(paragraph).joined(separator: "\n")
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    if let merge = tc.at("w:tcPr", "w:vMerge") {
                        if merge.attr("w:val") == "restart" { above[col] = value } else { value = above[col] ?? value }
                    } else {
                        above[col] = nil
                    }
                    row.append(value)
                    let span = Int(tc.at("w:tcPr", "w:gridSpan")?.attr("w:val") ?? "1") ?? 1
                    if span > 1 { row.append(contentsOf: Array(repeating: "", count: span - 1)) }
                }
                rows.append(row)
            }
            return rows
        }

        func walk(_ container: XMLNode) {
            for c in container.children {
                switch c.name {
                case "w:p": blocks.append(.paragraph(paragraph(c)))
                case "w:tbl": blocks.append(.table(table(c)))
                case "w:sdt", "w:sdtContent", "w:customXml": walk(c)
                default: continue
                }
            }
        }
        walk(body)
        return SourceDocument(blocks: blocks, format: "docx")
    }

    /// Paragraph styles that carry numbering (headings numbered through their style).
    private static func styleNumPr(_ styles: XMLNode?) -> [String: XMLNode] {
        var out: [String: XMLNode] = [:]
        for s in styles?.all("w:style") ?? [] {
            if let id = s.attr("w:styleId"), let numPr = s.at("w:pPr", "w:numPr") { out[id] = numPr }
        }
        return out
    }

    /// Word's list definitions and the running counters, to write out each numbered paragraph's label.
    struct Numbering {
        struct Level {
            var start = 1
            var format = "decimal"
            var text = "%1."
        }
        var abstractOf: [String: String] = [:]
        var levels: [String: [Int: Level]] = [:]
        var counters: [String: [Int: Int]] = [:]

        init(_ xml: XMLNode?) {
            guard let xml else { return }
            for a in xml.all("w:abstractNum") {
                guard let id = a.attr("w:abstractNumId") else { continue }
                var lv: [Int: Level] = [:]
                for l in a.all("w:lvl") {
                    let i = Int(l.attr("w:ilvl") ?? "0") ?? 0
                    var level = Level()
                    if let s = l.first("w:start")?.attr("w:val"), let n = Int(s) { level.start = n }
                    if let f = l.first("w:numFmt")?.attr("w:val") { level.format = f }
                    if let t = l.first("w:lvlText")?.attr("w:val") { level.text = t }
                    lv[i] = level
                }
                levels[id] = lv
            }
            for n in xml.all("w:num") {
                if let id = n.attr("w:numId"), let a = n.first("w:abstractNumId")?.attr("w:val") { abstractOf[id] = a }
            }
        }

        /// The label of the next paragraph numbered `numID` at `level` ("一、", "(二)", "3、"), advancing the
        /// counters; nil for a list Word does not define or a bullet.
        mutating func next(numID: String, level: Int) -> String? {
            guard let abstract = abstractOf[numID], let defs = levels[abstract], let def = defs[level] else { return nil }
            if def.format == "bullet" || def.format == "none" { return nil }
            var c = counters[numID] ?? [:]
            c[level] = (c[level] ?? (def.start - 1)) + 1
            for deeper in c.keys where deeper > level { c[deeper] = nil }
            counters[numID] = c
            var label = def.text
            for k in (0...level).reversed() {
                let d = defs[k] ?? Level()
                let value = c[k] ?? d.start
                label = label.replacingOccurrences(of: "%\(k + 1)", with: Self.format(value, d.format))
            }
            return label
        }

        static func format(_ n: Int, _ format: String) -> String {
            switch format {
            case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
                 "taiwaneseCounting", "taiwaneseCountingThousand", "ideographLegalTraditional":
                return ChineseNumerals.string(n)
            case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
                return (1...20).contains(n) ? String(UnicodeScalar(0x2460 + n - 1)!) : String(n)
            case "decimalEnclosedParen", "decimalEnclosedFullstop":
                return String(n)
            default:
                return String(n)
            }
        }
    }
}

/// Chinese numerals 一…九十九 both ways.
enum ChineseNumerals {
    static let digits: [Character: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    static func isNumeral(_ c: Character) -> Bool { c == "十" || (digits[c] != nil && c != "两" && c != "〇" && c != "零") }

    static func string(_ n: Int) -> String {
        let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return d[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : d[tens]) + "十" + d[ones]
    }

    /// 一 → 1, 十二 → 12, 二十 → 20, 七十 → 70; nil for anything else.
    static func value<S: StringProtocol>(_ s: S) -> Int? {
        let chars = Array(s)
        guard !chars.isEmpty, chars.count <= 3 else { return nil }
        if let i = chars.firstIndex(of: "十") {
            let tens = i == 0 ? 1 : (i == 1 ? digits[chars[0]] : nil)
            guard let tens, tens > 0 else { return nil }
            let rest = chars[(i + 1)...]
            if rest.isEmpty { return tens * 10 }
            guard rest.count == 1, let ones = digits[rest.first!], ones > 0 else { return nil }
            return tens * 10 + ones
        }
        guard chars.count == 1, let v = digits[chars[0]], v > 0 else { return nil }
        return v
    }
}
