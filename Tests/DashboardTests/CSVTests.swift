import Dashboard
import ShuangyongKit
import Testing
import TestFixtures

/// The cells of an RFC 4180 CSV (BOM and CRLF as `ReportTable.csv()` writes them), header row first.
func csvCells(_ csv: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], cell = ""
    var quoted = false, chars = Array(csv.hasPrefix("\u{FEFF}") ? String(csv.dropFirst()) : csv), i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"", i + 1 < chars.count, chars[i + 1] == "\"" { cell.append("\""); i += 1 }
            else if c == "\"" { quoted = false }
            else { cell.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(cell)
            cell = ""
        } else if c == "\r\n" {
            row.append(cell)
            rows.append(row)
            row = []
            cell = ""
        } else {
            cell.append(c)
        }
        i += 1
    }
    return rows
}

/// What Excel shows for a cell written as the string-literal formula `="…"&"…"`, or nil when it is not one.
func excelLiteral(_ cell: String) -> String? {
    guard cell.hasPrefix("=\""), cell.hasSuffix("\"") else { return nil }
    var out = "", rest = Substring(cell.dropFirst())
    while !rest.isEmpty {
        guard rest.first == "\"" else { return nil }
        rest = rest.dropFirst()
        while let c = rest.first {
            rest = rest.dropFirst()
            if c == "\"" {
                if rest.first == "\"" { out.append("\""); rest = rest.dropFirst() } else { break }
            } else {
                out.append(c)
            }
        }
        if rest.first == "&" { rest = rest.dropFirst() }
    }
    return out
}

@Suite("CSV cells Excel shows as the report says")
struct CSVTests {
    /// One text column and one number column, a row per value; the cells as written.
    func written(text: [String], kind: ReportTable.Column.Kind = .text) -> [String] {
        let table = ReportTable(name: "t", columns: [.init("v", "V", kind: kind)], rows: text.map { [$0] })
        return csvCells(table.csv()).dropFirst().map { $0[0] }
    }

    /// Values Excel turns into numbers, dates, times, fractions, booleans or errors when they are typed or
    /// opened from CSV: each is written as `="…"` and Excel shows exactly the value.
    @Test(arguments: [
        "3-1", "1-10", "0012", "1/2", "1 1/2", "50%", "1E5", "3e-1", "9:30", "9:30 PM", "12:00:00", "1234567890123456789",
        "TRUE", "false", "#N/A", "(12)", "$5", "¥5", "-3", "+5", "1,234", ".5", "2026/9/30", "3月1日", "2026年3月", "9时30分",
        "SEPT2", "Mar-3", "3 March 2026", "１２", "1.2.3", " 12 ",
    ])
    func valuesExcelWouldConvertStayText(value: String) {
        let cell = written(text: [value])[0]
        #expect(excelLiteral(cell) == value, "\(value) → \(cell)")
    }

    /// Text Excel keeps as it is stays bare, so the file still reads well in other programs.
    @Test func ordinaryTextIsWrittenBare() {
        let values = ["s1-1", "市级以上稿件", "1/2篇", "逾期3天", "in 2 d", "Mon", "腊月廿九", "2026-07-01…2026-12-31", "",
                      "-", "县双拥办、县民政局", "7至14天", "第3-1项", "Q1"]
        #expect(written(text: values) == values)
    }

    /// The injection guard still holds for what is not a value: a formula never runs.
    @Test func formulasGetTheApostropheGuard() {
        #expect(written(text: ["=1+2", "@SUM(A1)", "-2+3", "+86 10 1234", "=HYPERLINK(\"x\")"])
                == ["'=1+2", "'@SUM(A1)", "'-2+3", "'+86 10 1234", "'=HYPERLINK(\"x\")"])
    }

    /// Number, percentage and day columns stay values Excel can sum and sort; what they hold that is not
    /// such a value is text like any other.
    @Test func valueColumnsStayValues() {
        #expect(written(text: ["50", "-3", "0", "007"], kind: .integer) == ["50", "-3", "0", "=\"007\""])
        #expect(written(text: ["98%", "-", "100%"], kind: .percent) == ["98%", "-", "100%"])
        #expect(written(text: ["2026-09-30", "2026-07-01…2026-12-31", "", "2026-9-30"], kind: .day)
                == ["2026-09-30", "2026-07-01…2026-12-31", "", "=\"2026-9-30\""])
    }

    /// Excel's string literals hold 255 characters: a long digit string is joined from pieces.
    @Test func longValuesAreJoinedFromLiteralsExcelAccepts() {
        let digits = String(repeating: "1234567890", count: 30)
        let cell = written(text: [digits])[0]
        #expect(excelLiteral(cell) == digits)
        #expect(cell.split(separator: "&").allSatisfy { $0.count <= 255 + 3 })
        #expect(cell.contains("&"))
    }

    /// The case of the issue: ids `3-1`, `1-10`, `0012` and the target `1/2` in the tasks report.
    @Test func tasksReportKeepsIdsAndTargetsAsText() {
        var plan = miniPlan()
        plan.tasks[0].id = "3-1"
        plan.tasks[0].target = QuantifiedTarget(required: 2, achieved: 1, unit: "", label: "稿件")
        plan.tasks[1].id = "1-10"
        plan.tasks[2].id = "0012"
        let status = PlanStatus(plan: plan, today: Day(year: 2026, month: 5, day: 1)!)
        let rows = csvCells(Reports(status: status, lang: .en).tasks().csv())
        #expect(rows[0] == ["Id", "Task", "Units", "Phase", "Due", "Status", "Progress", "Light", "Target"])
        #expect(rows.dropFirst().map { excelLiteral($0[0]) ?? $0[0] } == ["3-1", "1-10", "0012", "d"])
        #expect(excelLiteral(rows[1][8]) == "1/2")
        #expect(rows[1][4] == "2026-05-31" && rows[1][6] == "0")  // the due day and progress stay values
    }
}
