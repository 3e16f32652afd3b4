import Dashboard
import Foundation
import ShuangyongKit
import TestFixtures
import Testing
import XlsxExport

/// Python with openpyxl, an Excel reader written independently of libxlsxwriter (.ci/run installs it).
enum Openpyxl {
    /// The `python3` on PATH, as .ci/run's pip installs into.
    static let python: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/python3" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let available: Bool = (try? run(["-c", "import openpyxl"]).status) == 0

    static func run(_ args: [String]) throws -> (status: Int32, out: Data) {
        guard let python else { return (127, Data()) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-B"] + args
        var env = ProcessInfo.processInfo.environment
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    /// Everything a desk would see of a workbook, as JSON: per sheet its name, print setup, frozen panes,
    /// merged ranges, column widths and every cell's value (dates as ISO days), number format and fill.
    static let dump = #"""
    import json, sys, datetime, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"active": wb.active.title, "sheets": []}
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            r = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime): v = {"day": v.date().isoformat()}
                elif isinstance(v, (int, float)) and not isinstance(v, bool): v = {"n": v}
                fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
                r.append({"v": v, "fmt": c.number_format, "fill": fill})
            cells.append(r)
        ps = ws.page_setup
        out["sheets"].append({
            "name": ws.title, "freeze": ws.freeze_panes, "printTitles": ws.print_title_rows,
            "orientation": ps.orientation, "paper": int(ps.paperSize) if ps.paperSize is not None else None,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "fitHeight": ps.fitToHeight, "merged": [str(m) for m in ws.merged_cells.ranges],
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "footer": ws.oddFooter.center.text, "cells": cells})
    print(json.dumps(out, ensure_ascii=False))
    """#

    static func read(_ path: String) throws -> [String: Any] {
        let r = try run(["-c", dump, path])
        guard r.status == 0, let json = try JSONSerialization.jsonObject(with: r.out) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return json
    }
}

@Suite("Workbooks read back by openpyxl")
struct XlsxReadBackTests {
    /// The value openpyxl should read for a report cell in a column of `kind`.
    static func expected(_ value: String, _ kind: ReportTable.Column.Kind) -> String {
        if value.isEmpty { return "nil" }
        switch kind {
        case .integer: if let n = Int(value) { return "n:\(Double(n))" }
        case .percent: if value.hasSuffix("%"), let n = Int(value.dropLast()) { return "n:\(Double(n) / 100)" }
        case .day: if Day(iso: value) != nil { return "day:\(value)" }
        default: break
        }
        return "s:" + value
    }

    /// A cell openpyxl read, in `expected`'s terms.
    static func read(_ cell: [String: Any]) -> String {
        switch cell["v"] {
        case let s as String: return "s:" + s
        case let o as [String: Any]:
            if let d = o["day"] as? String { return "day:" + d }
            if let n = o["n"] as? NSNumber { return "n:\(n.doubleValue)" }
            return "?"
        default: return "nil"
        }
    }

    @Test(.enabled(if: Openpyxl.available, "python3 with openpyxl is not installed (.ci/run installs it with pip)"))
    func supervisionWorkbookReadsBackCellByCell() throws {
        let reports = Reports(status: PlanStatus(plan: SamplePlan.make(year: 2026), today: Day(iso: "2026-10-15")!), lang: .zh)
        let tables = reports.supervisionSheets()
        try withTemporaryFolder { folder in
            let path = folder.file("督办.xlsx")
            try XlsxWriter.write(XlsxWorkbook(title: "督办", sheets: tables.map { $0.sheet() }, activeSheet: 1), to: path)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["督办.xlsx"])  // no scratch left
            let book = try Openpyxl.read(path)
            #expect(book["active"] as? String == "单位汇总")
            let sheets = try #require(book["sheets"] as? [[String: Any]])
            #expect(sheets.map { $0["name"] as? String } == ["逾期督办", "单位汇总", "任务台账"])
            // One row per late task (the old CSV had one per task per unit: 76 rows for 12 tasks).
            #expect(tables[0].rows.count == reports.status.overdueTasks().count)
            for (table, sheet) in zip(tables, sheets) {
                let name = table.sheetName ?? ""
                #expect(sheet["freeze"] as? String == "A3", "\(name)")
                #expect(sheet["printTitles"] as? String == "$1:$2", "\(name)")
                #expect(sheet["orientation"] as? String == "landscape", "\(name)")
                #expect(sheet["paper"] as? Int == 9, "\(name): A4")
                #expect(sheet["fitToPage"] as? Bool == true && sheet["fitHeight"] as? Int == 0, "\(name): one page wide")
                #expect(sheet["footer"] as? String == "&P / &N", "\(name)")
                let lastColumn = Character(UnicodeScalar(UInt8(64 + table.columns.count)))
                #expect(sheet["merged"] as? [String] == ["A1:\(lastColumn)1"], "\(name)")
                let cells = try #require(sheet["cells"] as? [[[String: Any]]])
                #expect(cells.count == table.rows.count + 2, "\(name)")
                #expect(Self.read(cells[0][0]) == "s:" + (table.title ?? ""), "\(name)")
                #expect(cells[1].map(Self.read) == table.columns.map { "s:" + $0.header }, "\(name)")
                for (r, row) in table.rows.enumerated() {
                    let got = cells[r + 2]
                    for (k, column) in table.columns.enumerated() {
                        #expect(Self.read(got[k]) == Self.expected(row[k], column.kind), "\(name) row \(r + 3) \(column.header)")
                        switch column.kind {
                        case .day where !row[k].isEmpty: #expect(got[k]["fmt"] as? String == "yyyy-mm-dd")
                        case .percent where row[k].hasSuffix("%"): #expect(got[k]["fmt"] as? String == "0%")
                        case .light:
                            let light: Light = row[k] == "红灯" ? .red : row[k] == "黄灯" ? .yellow : .green
                            let rgb = String(ReportTable.lightFill(light), radix: 16, uppercase: true)
                            #expect(got[k]["fill"] as? String == "FF" + rgb, "\(name) row \(r + 3) light")
                        default: break
                        }
                    }
                }
                // Widths fit the text by display width: the unit column fits 县双拥工作领导小组各成员单位 (26 cells).
                let widths = try #require(sheet["widths"] as? [String: Double])
                for (k, column) in table.sheet().columns.enumerated() {
                    let letter = String(Character(UnicodeScalar(UInt8(65 + k))))
                    #expect(abs((widths[letter] ?? 0) - column.width) < 1, "\(name) \(column.header)")
                }
            }
            let units = try #require(sheets[1]["widths"] as? [String: Double])
            #expect((units["A"] ?? 0) >= 26)
        }
    }

    @Test(.enabled(if: Openpyxl.available, "python3 with openpyxl is not installed (.ci/run installs it with pip)"))
    func reminderAndBulletinWorkbooksHaveTheirSheets() throws {
        let reports = Reports(status: PlanStatus(plan: documentPlan(), today: Day(iso: "2026-09-10")!), lang: .zh)
        try withTemporaryFolder { folder in
            let remind = folder.file("催办.xlsx"), bulletin = folder.file("通报.xlsx")
            try XlsxWriter.write(reports.reminderWorkbook(reports.reminders()), to: remind)
            try XlsxWriter.write(reports.bulletinWorkbook(reports.bulletin(from: Day(iso: "2026-08-25")!)), to: bulletin)
            let r = try #require(try Openpyxl.read(remind)["sheets"] as? [[String: Any]])
            #expect(r.map { $0["name"] as? String } == ["县民政局", "县双拥办"])
            let first = try #require(r[0]["cells"] as? [[[String: Any]]])
            #expect(Self.read(first[0][0]) == "s:测试计划　催办单　县民政局　截至2026-09-10")
            #expect(first.dropFirst(2).map { Self.read($0[1]) } == ["s:a", "s:d"])
            #expect(r[0]["footer"] as? String == "测试县　2026年9月10日　&P / &N")
            let b = try #require(try Openpyxl.read(bulletin)["sheets"] as? [[String: Any]])
            #expect(b.map { $0["name"] as? String } == ["概况", "本期完成", "新增逾期", "仍逾期", "红黑榜", "检查与活动"])
            let ranking = try #require(b[4]["cells"] as? [[[String: Any]]])
            #expect(ranking.dropFirst(2).map { $0.map(Self.read) } == [
                ["n:1.0", "s:县双拥办", "n:4.0", "n:2.0", "n:2.0", "n:0.5", "s:黑榜"],
                ["n:2.0", "s:县民政局", "n:5.0", "n:2.0", "n:2.0", "n:0.4", "s:黑榜"],
                ["n:3.0", "s:县人社局", "n:1.0", "n:0.0", "n:0.0", "n:0.0", "nil"],
            ])
        }
    }
}
