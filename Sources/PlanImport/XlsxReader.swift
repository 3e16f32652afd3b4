import Foundation

/// Reads every worksheet of an .xlsx as a table: shared and inline strings, numbers (Excel date serials in
/// date-like columns are left to the recogniser), and merged ranges whose value sits in their first cell
/// carried into every cell of the range.
enum XlsxReader {
    static func read(_ parts: ZipParts) -> SourceDocument? {
        let shared: [String] = (parts.xml("xl/sharedStrings.xml")?.all("si") ?? []).map(Self.text)
        var sheetPaths: [(name: String, path: String)] = []
        if let wb = parts.xml("xl/workbook.xml"), let rels = parts.xml("xl/_rels/workbook.xml.rels") {
            var target: [String: String] = [:]
            for r in rels.all("Relationship") {
                if let id = r.attr("Id"), let t = r.attr("Target") {
                    target[id] = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t
                }
            }
            for s in wb.first("sheets")?.all("sheet") ?? [] {
                if let id = s.attr("r:id"), let p = target[id] { sheetPaths.append((s.attr("name") ?? p, p)) }
            }
        }
        if sheetPaths.isEmpty {
            sheetPaths = parts.names.filter { $0.hasPrefix("xl/worksheets/sheet") && $0.hasSuffix(".xml") }.sorted().map { ($0, $0) }
        }
        guard !sheetPaths.isEmpty else { return nil }
        var blocks: [SourceDocument.Block] = []
        for (name, path) in sheetPaths {
            guard let sheet = parts.xml(path) else { continue }
            var cells: [Int: [Int: String]] = [:]
            var maxCol = 0
            for row in sheet.first("sheetData")?.all("row") ?? [] {
                for c in row.all("c") {
                    guard let ref = c.attr("r"), let (r, col) = cellRef(ref) else { continue }
                    let v: String
                    switch c.attr("t") {
                    case "s": v = Int(c.first("v")?.text ?? "").flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
                    case "inlineStr": v = c.first("is").map(Self.text) ?? ""
                    default: v = c.first("v")?.text ?? ""
                    }
                    if !v.isEmpty { cells[r, default: [:]][col] = v; maxCol = max(maxCol, col) }
                }
            }
            for m in sheet.first("mergeCells")?.all("mergeCell") ?? [] {
                let ends = (m.attr("ref") ?? "").split(separator: ":").compactMap { cellRef(String($0)) }
                guard ends.count == 2, let v = cells[ends[0].0]?[ends[0].1] else { continue }
                // A range spanning a whole row (a section heading written across the table) keeps its value
                // in the first cell only; a vertical or block range is carried into every cell.
                let vertical = ends[1].0 > ends[0].0
                for r in ends[0].0...ends[1].0 {
                    for col in ends[0].1...ends[1].1 where (r, col) != ends[0] && vertical && col == ends[0].1 {
                        cells[r, default: [:]][col] = v
                    }
                }
            }
            guard let last = cells.keys.max() else { continue }
            var rows: [[String]] = []
            for r in (cells.keys.min() ?? 1)...last {
                rows.append((1...max(maxCol, 1)).map { cells[r]?[$0] ?? "" })
            }
            blocks.append(.paragraph(""))
            blocks.append(.table(rows))
            _ = name
        }
        return SourceDocument(blocks: blocks, format: "xlsx")
    }

    /// The text of a shared string or inline string (plain `t`, or rich-text runs `r/t`).
    private static func text(_ si: XMLNode) -> String {
        if let t = si.first("t") { return t.text }
        return si.all("r").compactMap { $0.first("t")?.text }.joined()
    }

    /// "B12" → (row 12, column 2).
    static func cellRef(_ ref: String) -> (Int, Int)? {
        var col = 0
        var digits = ""
        for ch in ref.uppercased() {
            if let a = ch.asciiValue, a >= 65, a <= 90, digits.isEmpty { col = col * 26 + Int(a - 64) }
            else if ch.isNumber { digits.append(ch) }
            else { return nil }
        }
        guard col > 0, let row = Int(digits) else { return nil }
        return (row, col)
    }
}

/// Reads comma-separated values (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), with a
/// semicolon or tab as the separator when a line has more of those than commas.
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        let firstLine = String(text.prefix { $0 != "\n" })
        var sep: Character = ","
        var best = 0
        for candidate in ["\t", ";", ",", "，"] as [Character] {
            let n = firstLine.filter { $0 == candidate }.count
            if n > best { best = n; sep = candidate }
        }
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == sep {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }
}
