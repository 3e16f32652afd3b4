import Dashboard
@testable import PlanFile
import ShuangyongKit
import Testing
import TestFixtures

/// `report timeline|overdue|units|calendar|tasks` read a plan's snapshot with `PlanDetail.summary` (no task
/// texts, notes or history), the calendar with `.deadlines` (only the month's tasks): every table they
/// print must be the one the whole plan gives.
@Suite("Reports from a summary plan")
struct SummaryPlanReportsTests {
    /// A plan whose tasks have texts, notes, history and targets, and a generated one.
    static func plans() throws -> [Plan] {
        var edited = try EditedWeeks.make().plan
        edited.tasks[2].notes.append(TaskNote(at: "2026-09-01T10:00:00+08:00", by: "李娜", text: "已报送"))
        return [edited, PlanGenerator.make(tasks: 400, units: 30, seed: 11)]
    }

    @Test func everyTableIsTheWholePlans() throws {
        for (k, plan) in try Self.plans().enumerated() {
            let bytes = try #require(PlanSnapshot.encode(plan))
            let summary = try #require(bytes.withUnsafeBytes { PlanSnapshot.decode($0, detail: .summary) })
            #expect(summary.tasks.allSatisfy { $0.text.isEmpty && $0.history.isEmpty && $0.notes.isEmpty })
            for today in ["2026-03-10", "2026-09-15", "2026-12-31"].compactMap(Day.init(iso:)) {
                for lang in Language.allCases {
                    let whole = Reports(status: PlanStatus(plan: plan, today: today), lang: lang)
                    let short = Reports(status: PlanStatus(plan: summary, today: today), lang: lang)
                    var tables: [(String, ReportTable, ReportTable)] = [
                        ("timeline", whole.timeline(), short.timeline()), ("overdue", whole.overdue(), short.overdue()),
                        ("units", whole.units(), short.units()), ("tasks", whole.tasks(), short.tasks()),
                    ]
                    for month in [YearMonth(year: 2026, month: 8)!, YearMonth(today)] {
                        tables.append(("calendar \(month)", whole.calendar(month), short.calendar(month)))
                        // `report calendar` reads only the tasks due in its month.
                        let due = try #require(bytes.withUnsafeBytes { PlanSnapshot.decode($0, detail: .deadlines { _ in month.days }) })
                        #expect(due.tasks.count < plan.tasks.count)
                        let dueOnly = Reports(status: PlanStatus(plan: due, today: today), lang: lang)
                        tables.append(("calendar \(month) (its tasks)", whole.calendar(month), dueOnly.calendar(month)))
                    }
                    for (name, a, b) in tables {
                        #expect(Array(a.rows).count > 0 || !["timeline", "units", "tasks", "calendar 2026-08"].contains(name),
                                "plan \(k) \(name) is empty")
                        for format in ReportTable.Format.allCases {
                            let same = a.renderBytes(format) == b.renderBytes(format)
                            #expect(same, "plan \(k) \(name) \(format) \(today.iso) \(lang)")
                        }
                    }
                }
            }
        }
    }
}
