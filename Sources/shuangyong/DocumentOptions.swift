import ArgumentParser
import Dashboard
import Foundation
import ShuangyongKit
import XlsxExport

/// The `report` options for the documents an office circulates: workbooks (`--format xlsx --output`),
/// the overdue CSV's shape, the reminder's unit (催办单) and the bulletin's period (通报).
/// `ReportCommand` declares the options (`--output`, `--per-unit`, `--unit`, `--from`, `--to`) and makes
/// this value of them: as an option group they cost every report a few protocol-conformance scans.
struct DocumentOptions {
    /// `-o, --output FILE.xlsx`: where `--format xlsx` writes the workbook.
    var output: String?
    /// `--per-unit`: the overdue CSV in its old shape, one row per task per unit.
    var perUnit: Bool
    /// `--unit`: the reminder's unit, by id, name or short name.
    var unit: String?
    /// `--from`, `--to`: the bulletin's period, as given (days are resolved in the plan's year).
    var from: String?
    var to: String?

    /// The formats each report can be written in.
    static func formats(_ kind: String) -> [String] {
        switch kind {
        case "remind": ["text", "xlsx"]
        case "bulletin": ["text", "markdown", "xlsx"]
        default: ["text", "json", "csv", "xlsx"]
        }
    }

    /// Checks the options against the report and format (ArgumentParser calls `validate()` before the
    /// report is known, so `ReportCommand.validate` calls this).
    func validate(kind: String, format: String) throws {
        let allowed = Self.formats(kind)
        if !allowed.contains(format) {
            throw ValidationError("--format for \(kind) must be \(allowed.joined(separator: ", "))")
        }
        if format == "xlsx", (output ?? "").isEmpty {
            throw ValidationError("--format xlsx writes a workbook: give its file with --output FILE.xlsx")
        }
        if format != "xlsx", output != nil { throw ValidationError("--output is for --format xlsx (other formats print)") }
        if perUnit, !(kind == "overdue" && format == "csv") { throw ValidationError("--per-unit is for report overdue --format csv") }
        if unit != nil, kind != "remind" { throw ValidationError("--unit is for report remind") }
        if from != nil || to != nil, kind != "bulletin" { throw ValidationError("--from and --to are for report bulletin") }
        // The shape here; the days themselves once the plan (and its year) is loaded, in `period`.
        if let from { _ = try dateArgument("--from", from) }
        if let to { _ = try dateArgument("--to", to) }
    }

    /// Writes the report when it is one of these documents, and says whether it was; the other reports
    /// and formats are `ReportCommand`'s.
    /// `past`: `--as-of`, the plan as it stood at the end of a day. A bulletin shows the plan as it stood at
    /// the end of its period (`--to`), so its ranking and lists are those of that day.
    func run(kind: String, format: String, options: PlanOptions, past: PastOptions, dueSoon: Int, month: YearMonth?) throws -> Bool {
        guard format == "xlsx" || ["remind", "bulletin"].contains(kind) || (kind == "overdue" && format == "csv" && !perUnit) else {
            return false
        }
        var plan = past.view(try options.load().plan)
        var today = try past.today(options, for: plan)
        if kind == "bulletin", let to {
            today = try resolvedDay("--to", to, planYear: plan.year)
            plan = plan.asOf(today)
        }
        let reports = Reports(status: PlanStatus(plan: plan, today: today, dueSoonDays: dueSoon), lang: options.language)
        let lang = options.language
        switch (kind, format) {
        case ("overdue", "csv"):
            writeStandardOutput(reports.overdueTasks().csvBytes())
            exitAfterOutput()
        case ("remind", _):
            var notices = reports.reminders()
            if let unit {
                guard let u = reports.unitPosition(named: unit) else {
                    throw fail("--unit \(unit): 计划中没有这个单位 (no such unit in the plan); see `shuangyong report units`")
                }
                notices = reports.reminders(unit: u)
            }
            if format == "xlsx" {
                if notices.isEmpty { throw fail(lang.pick("没有逾期或临期的任务，未写入催办单。", "No overdue or due-soon tasks: no reminder written.")) }
                try write(reports.reminderWorkbook(notices))
            } else if notices.isEmpty {
                print(lang.pick("没有逾期或临期的任务。", "No overdue or due-soon tasks."))
            } else {
                print(reports.reminderText(notices), terminator: "")
            }
        case ("bulletin", _):
            let first = try from.map { try resolvedDay("--from", $0, planYear: plan.year) } ?? today.adding(days: -29)
            if first > today {
                throw fail(L.t("--from \(first.iso) 晚于 --to \(today.iso)", "--from \(first.iso) is after --to \(today.iso)"))
            }
            let bulletin = reports.bulletin(from: first)
            switch format {
            case "markdown": print(reports.bulletinMarkdown(bulletin), terminator: "")
            case "xlsx": try write(reports.bulletinWorkbook(bulletin))
            default: print(reports.bulletinText(bulletin), terminator: "")
            }
        case ("overdue", _), ("units", _), ("tasks", _):
            let sheets = reports.supervisionSheets().map { $0.sheet() }
            let active = ["overdue": 0, "units": 1, "tasks": 2][kind] ?? 0
            try write(XlsxWorkbook(title: plan.title + "　" + lang.pick("督办", "Supervision"), sheets: sheets, activeSheet: active))
        default:
            // timeline, calendar: the report's own table as one sheet.
            let table = kind == "timeline" ? reports.timeline() : reports.calendar(month ?? YearMonth(today))
            var t = table
            t.title = reports.documentTitle(table.name)
            try write(XlsxWorkbook(title: t.title ?? table.name, sheets: [t.sheet()]))
        }
        return true
    }

    private func write(_ workbook: XlsxWorkbook) throws {
        let path = output ?? ""
        do {
            try XlsxWriter.write(workbook, to: path)
        } catch {
            throw fail(error.description)
        }
        note("已写入 (wrote) \(path): " + workbook.sheets.map(\.name).joined(separator: "、"))
    }
}
