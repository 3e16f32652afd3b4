import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// A task's `carriedOver` member (结转, written by `rollover`) reads back as written, unknown members kept.
@Suite("Carried-over tasks in the file")
struct CarryOverCodecTests {
    @Test func carriedOverRoundTripsAndKeepsItsUnknownMembers() throws {
        var plan = miniPlan()
        plan.tasks[0].carriedOver = CarryOver(year: 2025, file: "plan.json", taskID: "a", status: .blocked, progress: 30)
        let bytes = PlanStore.encode(plan)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""carriedOver": {"#))
        #expect(try PlanStore.decode(bytes, file: "p.json") == plan)
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: #""task": "a","#, with: #""task": "a", "xWhy": "用地未批","#)
        let again = try PlanStore.decode(Array(text.utf8), file: "p.json")
        #expect(String(decoding: PlanStore.encode(again), as: UTF8.self).contains(#""xWhy": "用地未批""#))
    }

    @Test func aBadCarriedOverIsNamedWithItsPath() {
        var text = String(decoding: PlanStore.encode(miniPlan()), as: UTF8.self)
        text = text.replacingOccurrences(of: #""phase": "p1","#, with: #""phase": "p1", "carriedOver": {"year": 2025, "file": "x", "task": "a", "status": "late", "progress": 5},"#)
        #expect(throws: PlanFileError.self) { try PlanStore.decode(Array(text.utf8), file: "p.json") }
        do {
            _ = try PlanStore.decode(Array(text.utf8), file: "p.json")
        } catch {
            #expect(error.description.contains("carriedOver.status"))
        }
    }
}
