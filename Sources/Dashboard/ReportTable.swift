import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// A report as rows of columns, printable as aligned text, CSV or JSON.
public struct ReportTable: Sendable {
    public struct Column: Sendable {
        /// What a column's values are, for CSV (kept numbers and dates in Excel, or text) and JSON.
        public enum Kind: Sendable {
            /// Anything else: kept as text in Excel (`CSVCell`).
            case text
            /// Whole numbers: JSON numbers, bare in CSV so Excel can sum them.
            case integer
            /// Whole percentages ("98%"): bare in CSV, where Excel reads them as the percentage they are.
            case percent
            /// ISO days (YYYY-MM-DD): bare in CSV, where Excel reads them as dates it can sort.
            case day
            /// A traffic light (`Language.light`): text in CSV, a coloured cell in a workbook.
            case light
        }

        public var key: String
        public var header: String
        public var alignRight: Bool
        public var kind: Kind
        /// Whole numbers (`kind == .integer`).
        public var numeric: Bool { kind == .integer }

        public init(_ key: String, _ header: String, alignRight: Bool = false, numeric: Bool = false, kind: Kind = .text) {
            self.key = key
            self.header = header
            self.kind = numeric ? .integer : kind
            self.alignRight = alignRight || numeric || kind == .percent
        }
    }

    public var name: String
    /// The document's title line ("plan　report　截至 date"): the first row of its CSV and the title row of
    /// its workbook sheet. Nil for the plain tables, whose CSV starts with the header.
    public var title: String?
    /// The tab's name when the table is a workbook sheet (default: `name`).
    public var sheetName: String?
    /// Lines printed above the table in text form (and as `summary` in JSON).
    public var heading: [(key: String, label: String, value: String)]
    public var columns: [Column]
    public var rows: [[String]]
    /// Row indices before which text output starts a new group (a blank line and the group title).
    public var groupTitles: [Int: String]

    public init(name: String, heading: [(key: String, label: String, value: String)] = [], columns: [Column],
                rows: [[String]] = [], groupTitles: [Int: String] = [:]) {
        self.name = name
        self.heading = heading
        self.columns = columns
        self.rows = rows
        self.groupTitles = groupTitles
    }

    public enum Format: String, Sendable, CaseIterable { case text, json, csv }

    public func render(_ format: Format, emptyMessage: String = "") -> String {
        switch format {
        case .text: return text(emptyMessage: emptyMessage)
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// The report as bytes to print: `render`, written straight into one buffer for text.
    public func renderBytes(_ format: Format, emptyMessage: String = "") -> [UInt8] {
        switch format {
        case .text: return textBytes(emptyMessage: emptyMessage)
        case .csv, .json: return Array(render(format, emptyMessage: emptyMessage).utf8)
        }
    }

    /// Columns aligned by display width (CJK = 2 cells); untrusted text sanitised and each character
    /// cluster drawn as in the dashboard (`Glyph.text`: stand-ins for emoji sequences).
    public func text(emptyMessage: String) -> String {
        String(decoding: textBytes(emptyMessage: emptyMessage), as: UTF8.self)
    }

    /// `text` as UTF-8 bytes. Each cell is measured once; a plainly plain one (`PlainText`: nearly all) is
    /// copied and padded byte by byte, any other goes through `TextLayout.fit` (sanitising, stand-ins).
    public func textBytes(emptyMessage: String) -> [UInt8] {
        var out: [UInt8] = []
        func append(_ s: String) { out.append(contentsOf: s.utf8) }
        let labelWidth = heading.map { $0.label.displayWidth }.max() ?? 0
        for h in heading { append(TextLayout.fit(h.label, to: labelWidth) + "  " + Glyph.text(h.value) + "\n") }
        if !heading.isEmpty { append("\n") }
        if rows.isEmpty { append(emptyMessage + (emptyMessage.isEmpty ? "" : "\n")); return out }
        let maxColumn = 48
        let n = columns.count
        // Every cell's width, or -1 when it is not plainly plain (measured the general way, fitted the general way).
        var measured = [Int](repeating: 0, count: rows.count * n)
        var widths = columns.map { min(maxColumn, $0.header.displayWidth) }
        var bytes = 0
        for (r, row) in rows.enumerated() {
            for (k, v) in row.enumerated() where k < n {
                let plain = PlainText.width(v)
                measured[r * n + k] = plain ?? -1
                widths[k] = min(maxColumn, max(widths[k], plain ?? v.displayWidth))
                bytes += v.utf8.count
            }
        }
        out.reserveCapacity(out.count + bytes + rows.count * (widths.reduce(0, +) + 2 * n + 1) + groupTitles.count * 64)
        // Appends one row: cells fitted to their column, two spaces apart, trailing spaces dropped.
        func line(_ cells: [String], measured m: (Int) -> Int) {
            for (k, c) in columns.enumerated() {
                if k > 0 { out.append(0x20); out.append(0x20) }
                let cell = k < cells.count ? cells[k] : ""
                let w = k < cells.count ? m(k) : 0
                if w >= 0 {
                    PlainText.appendFitted(cell, width: w, column: widths[k], alignRight: c.alignRight, to: &out)
                } else {
                    append(TextLayout.fit(cell, to: widths[k], alignRight: c.alignRight))
                }
            }
            while out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        line(columns.map(\.header)) { _ in -1 }
        line(widths.map { String(repeating: "─", count: $0) }) { _ in -1 }
        for (r, row) in rows.enumerated() {
            if let g = groupTitles[r] { append((r == 0 ? "" : "\n") + Glyph.text(g) + "\n") }
            line(row) { measured[r * n + $0] }
        }
        return out
    }

    /// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends, so Excel on a Chinese Windows
    /// desk opens it as UTF-8 by double-click (without the BOM it guesses GBK and shows mojibake).
    /// Each cell is what Excel should show: text stays text, numbers and days stay values, nothing runs
    /// as a formula (`CSVCell`, DECISIONS.md "CSV for Excel").
    public func csv() -> String {
        func field(_ s: String, _ kind: Column.Kind) -> String {
            let v = CSVCell.content(Sanitizer.cleanLines(s), kind: kind)
            if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return v
        }
        var out = "\u{FEFF}"
        if let title { out += field(title, .text) + "\r\n" }
        out += columns.map { field($0.header, .text) }.joined(separator: ",") + "\r\n"
        for r in rows {
            out += r.enumerated().map { k, v in field(v, k < columns.count ? columns[k].kind : .text) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    public func json() -> String {
        var root: [(String, JSONValue)] = [("report", .string(name))]
        if !heading.isEmpty { root.append(("summary", .object(heading.map { ($0.key, .string($0.value)) }))) }
        root.append(("rows", .array(rows.map { r in
            .object(columns.enumerated().map { k, c in
                let v = k < r.count ? r[k] : ""
                if c.numeric, let n = Int(v) { return (c.key, .number(Double(n))) }
                return (c.key, .string(v))
            })
        })))
        return String(decoding: JSONWriter.bytes(.object(root)), as: UTF8.self)
    }
}
