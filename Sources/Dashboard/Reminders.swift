import Foundation
import ShuangyongKit
import XlsxExport

/// A reminder (催办单) to one unit: the tasks it leads or does that are overdue or due soon.
public struct ReminderNotice: Sendable, Equatable {
    /// The unit's position in the plan.
    public var unit: Int
    /// Overdue tasks, most overdue first.
    public var overdue: [UnitTask]
    /// Tasks due within the due-soon window, soonest first.
    public var dueSoon: [UnitTask]
}

extension Reports {
    /// The reminders for one unit (a notice even when it has nothing overdue or due soon, which the text
    /// then says), or with `unit` nil for every unit that has something, most overdue first.
    public func reminders(unit: Int? = nil) -> [ReminderNotice] {
        let groups = status.overdueByUnit()
        if let unit {
            let g = groups.first { $0.unit == unit }
            return [ReminderNotice(unit: unit, overdue: g?.overdue ?? [], dueSoon: g?.dueSoon ?? [])]
        }
        return groups.map { ReminderNotice(unit: $0.unit, overdue: $0.overdue, dueSoon: $0.dueSoon) }
    }

    /// The unit a `--unit` value names: its id, full name or short name (case ignored for ids).
    public func unitPosition(named text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return plan.units.firstIndex { $0.id.lowercased() == t.lowercased() }
            ?? plan.units.firstIndex { $0.name == t }
            ?? plan.units.firstIndex { $0.shortName == t }
    }

    /// "2026年10月15日" / "2026-10-15": the date a document is signed with.
    func signedDate(_ d: Day) -> String {
        lang.pick("\(d.year)年\(d.month)月\(d.day)日", d.iso)
    }

    /// The issuing body that signs a document: the plan's organisation, or its title when it has none.
    var issuer: String { plan.organization.isEmpty ? plan.title : plan.organization }

    /// A notice's tasks as a table: kind (逾期/临期), task, due, state, days late, progress, the task's lead
    /// unit (牵头单位, answerable for its section) and the unit's own role.
    public func reminderTable(_ notice: ReminderNotice) -> ReportTable {
        let unitName = plan.units[notice.unit].name
        var table = ReportTable(
            name: "remind",
            columns: [.init("kind", lang.pick("类别", "Kind")), .init("id", lang.pick("编号", "Id")),
                      .init("title", lang.pick("任务", "Task")), .init("due", lang.pick("截止日期", "Due"), kind: .day),
                      .init("state", lang.pick("情况", "State")), .init("daysLate", lang.pick("逾期天数", "Days late"), numeric: true),
                      .init("progress", lang.pick("进度", "Progress"), kind: .percent),
                      .init("lead", lang.pick("牵头单位", "Lead")), .init("role", lang.pick("本单位角色", "Your role"))])
        table.title = plan.title + "　" + lang.pick("催办单", "Reminder") + "　" + unitName + "　" + lang.pick("截至", "as of ") + status.today.iso
        table.sheetName = plan.units[notice.unit].shortName
        for (kind, list) in [(lang.pick("逾期", "overdue"), notice.overdue), (lang.pick("临期", "due soon"), notice.dueSoon)] {
            for e in list {
                let task = plan.tasks[e.task]
                table.rows.append([kind, task.id, task.title, status.index.due[e.task]?.iso ?? "", lang.lateness(e.daysLate),
                                   e.daysLate > 0 ? String(e.daysLate) : "", "\(task.progress)%",
                                   unitNames(status.index.leadUnits[e.task]), lang.involvement(e.involvement)])
            }
        }
        return table
    }

    /// The printable notices, one after another; each after the first starts with a form feed, so a
    /// printer starts it on a new page.
    public func reminderText(_ notices: [ReminderNotice]) -> String {
        notices.map(reminderText).joined(separator: "\u{0C}\n")
    }

    /// One printable notice: addressee, what is late, the tables, the issuer and the date.
    public func reminderText(_ notice: ReminderNotice) -> String {
        let unit = plan.units[notice.unit]
        let today = status.today
        var out = lang.pick("催办单", "Reminder (催办单)") + "\n\n"
        out += lang.pick(unit.name + "：", "To: " + unit.name) + "\n"
        let o = notice.overdue.count, s = notice.dueSoon.count, window = status.dueSoonDays
        if o + s == 0 {
            out += lang.pick("    截至\(signedDate(today))，《\(plan.title)》中由你单位牵头或负责的任务没有逾期或临期的。\n",
                             "As of \(today.iso), none of the tasks in 《\(plan.title)》 your unit leads or does is overdue or due soon.\n")
        } else {
            out += lang.pick("    截至\(signedDate(today))，《\(plan.title)》中由你单位牵头或负责的任务有\(o)项逾期、\(s)项将在\(window)天内到期。请抓紧办理，并及时报送进展情况。\n",
                             "As of \(today.iso), of the tasks in 《\(plan.title)》 your unit leads or does, \(o) \(o == 1 ? "is" : "are") overdue and \(s) \(s == 1 ? "falls" : "fall") due within \(window) days. Please complete them and report progress.\n")
        }
        let table = reminderTable(notice)
        let sections = [(lang.pick("一、逾期任务（\(o)项）", "1. Overdue (\(o))"), Array(table.rows.prefix(o))),
                        (lang.pick("二、临期任务（\(s)项）", "2. Due within \(window) days (\(s))"), Array(table.rows.dropFirst(o)))]
        for (heading, rows) in sections where !rows.isEmpty {
            var part = table
            part.columns.removeFirst()
            part.rows = ReportRows(rows.map { Array($0.dropFirst()) })
            out += "\n" + heading + "\n" + part.text(emptyMessage: "")
        }
        out += "\n" + issuer + "\n" + signedDate(today) + "\n"
        return out
    }

    /// The notices as a workbook: a sheet per unit, named by its short name.
    public func reminderWorkbook(_ notices: [ReminderNotice]) -> XlsxWorkbook {
        let footer = excelFooterText(issuer + "　" + signedDate(status.today)) + "　&P / &N"
        return XlsxWorkbook(title: plan.title + "　" + lang.pick("催办单", "Reminders"),
                            sheets: notices.map { reminderTable($0).sheet(footer: footer) })
    }
}
