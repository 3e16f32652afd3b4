import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// History entries' changes in the plan file: written as field, id, before, after (PLAN-FORMAT.md), read
/// back equal, and older files without them still load.
@Suite("History changes in the plan file")
struct HistoryChangesTests {
    func roundTrip(_ plan: Plan) throws -> Plan {
        try PlanStore.decode(PlanStore.encode(plan), file: "p.json")
    }

    @Test func aPlanEditedOverWeeksReadsBackEqualAndItsAsOfViewsStillMatchTheWeeklyCopies() throws {
        let w = try EditedWeeks.make()
        let saved = try roundTrip(w.plan)
        #expect(saved == w.plan)
        for (day, copy) in w.copies {
            #expect(saved.asOf(day) == (try roundTrip(copy)), "as of \(day.iso)")
        }
    }

    @Test func entriesAreWrittenAsPlainValues() throws {
        var plan = editPlan()
        try PlanEdit.setStatus(taskID: "d", .done).apply(to: &plan, by: "王敏", at: editClock)
        try PlanEdit.renameUnit(unitID: "mzj", name: "县退役军人事务局", shortName: nil).apply(to: &plan, by: "王敏", at: editClock)
        let text = String(decoding: PlanStore.encode(plan), as: UTF8.self).filter { !$0.isWhitespace }  // the file is indented
        #expect(text.contains(#""field":"status","before":"not-started","after":"done","also":[{"field":"progress","id":"d","before":10,"after":100}]"#))
        #expect(text.contains(#""field":"unitName","id":"mzj","before":{"name":"县民政局","short":"县民政局"}"#))
    }

    /// Members of a change this program does not write, in `also` or as a non-text id, survive saves: the
    /// entry's changes are then kept as written rather than read (and rewritten without them).
    @Test func aChangeWithAMemberThisProgramDoesNotWriteIsKeptWhole() throws {
        var plan = editPlan()
        try PlanEdit.setStatus(taskID: "d", .done).apply(to: &plan, by: "王敏", at: editClock)
        let text = String(decoding: PlanStore.encode(plan), as: UTF8.self)
        for (from, to) in [(#""before": 10,"#, #""before": 10, "xWhy": "补录","#), (#""field": "status","#, #""field": "status", "id": 5,"#)] {
            #expect(text.contains(from))
            let edited = text.replacingOccurrences(of: from, with: to)
            let loaded = try PlanStore.decode(Array(edited.utf8), file: "p.json")
            var saved = loaded
            saved.tasks[0].progress = 5  // another change, and a save
            let again = String(decoding: PlanStore.encode(saved), as: UTF8.self).filter { !$0.isWhitespace }
            #expect(again.contains(to.filter { !$0.isWhitespace }), "\(to)")
            #expect(task("d", loaded).history.last?.changes.isEmpty == true)
        }
    }

    @Test func olderEntriesLoadAndUnreadableChangesAreKeptAsTheyAre() throws {
        let text = PlanFileRulesTests.text().replacingOccurrences(of: #""notes": ["#, with: #""history": [{"at": "2026-05-03T09:15:00+08:00", "by": "王敏", "change": "进度: 0% → 10%"}, {"at": "2026-05-04T09:15:00+08:00", "by": "王敏", "change": "x", "field": "colour", "before": 1, "after": 2}], "notes": ["#)
        let plan = try PlanStore.decode(Array(text.utf8), file: "p.json")
        #expect(plan.tasks[0].history.map(\.changes) == [[], []])
        #expect(plan.tasks[0].history[1].unknownMembers.members.map(\.key) == ["field", "before", "after"])
        let again = String(decoding: PlanStore.encode(plan), as: UTF8.self).filter { !$0.isWhitespace }
        #expect(again.contains(#""change":"x","field":"colour","before":1,"after":2"#))
    }
}
