import Foundation
import ShuangyongKit
import TerminalUI
import XlsxExport

// Reports as workbook sheets and as Markdown: the same `ReportTable` a report prints as text or CSV.

extension ReportTable {
    /// The widest a column gets in a sheet (in Excel's widths of "0"); longer text wraps.
    static let maxSheetColumnWidth = 40

    /// The table as a sheet: its `title` (or `name`) in row 1, the headers in row 2, then the rows. Numbers,
    /// percentages and ISO days become real numbers and dates; text stays text (a workbook cell written
    /// as a string is never read as a formula, so the CSV's guards are not needed); a light is coloured.
    /// Column widths fit the longest cell by display width (a Han character is two), up to
    /// `maxSheetColumnWidth`, past which the column wraps.
    public func sheet(footer: String = "&P / &N") -> XlsxSheet {
        var columnsOut: [XlsxColumn] = []
        for (k, c) in columns.enumerated() {
            var widest = c.header.displayWidth
            for r in rows where k < r.count { widest = max(widest, r[k].displayWidth) }
            if c.kind == .day { widest = max(widest, 10) }
            let wrap = widest > Self.maxSheetColumnWidth
            columnsOut.append(XlsxColumn(header: Sanitizer.cleanLines(c.header), width: Double(min(widest, Self.maxSheetColumnWidth) + 2), wrap: wrap))
        }
        let cells = rows.map { r in
            columns.enumerated().map { k, c in Self.cell(k < r.count ? r[k] : "", kind: c.kind) }
        }
        return XlsxSheet(name: sheetName ?? name, title: Sanitizer.cleanLines(title ?? name), columns: columnsOut, rows: cells, footer: footer)
    }

    /// The cell for a report value in a column of `kind`: a value when it is one, else its text.
    static func cell(_ value: String, kind: Column.Kind) -> XlsxCell {
        if value.isEmpty { return XlsxCell(.empty) }
        switch kind {
        case .integer:
            if let n = Int(value) { return XlsxCell(.number(Double(n))) }
        case .percent:
            if value.hasSuffix("%"), let n = Int(value.dropLast()) { return XlsxCell(.percent(Double(n) / 100)) }
        case .day:
            if value.utf8.count == 10, let d = Day(iso: value) { return XlsxCell(.day(year: d.year, month: d.month, day: d.day)) }
        case .light:
            for lang in Language.allCases {
                for light in [Light.red, .yellow, .green] where lang.light(light) == value {
                    return XlsxCell(.text(value), fill: lightFill(light))
                }
            }
        case .text:
            break
        }
        return XlsxCell(.text(Sanitizer.cleanLines(value)))
    }

    /// A light's cell colour: the soft red, yellow and green Excel offers for good, neutral and bad.
    public static func lightFill(_ light: Light) -> UInt32 {
        switch light {
        case .red: 0xFFC7CE
        case .yellow: 0xFFEB9C
        case .green: 0xC6EFCE
        }
    }

    /// A GitHub-flavoured Markdown table: header, alignment row, rows; `|` escaped, line breaks as `<br>`.
    public func markdown() -> String {
        func cell(_ s: String) -> String {
            Sanitizer.cleanLines(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
        }
        var out = "| " + columns.map { cell($0.header) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.alignRight ? " ---: |" : " --- |" }.joined() + "\n"
        for r in rows {
            out += "| " + columns.indices.map { cell($0 < r.count ? r[$0] : "") }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}

/// Excel's header/footer codes treat `&` as a command: a literal one is written twice.
public func excelFooterText(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&&") }
