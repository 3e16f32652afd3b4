import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// The plan file's rules as `validate` applies them: dates and times in range and in form.
@Suite("Plan file rules")
struct PlanFileRulesTests {
    /// The smallest valid plan, as text, with `extra` spliced into the top-level object.
    static func text(year: String = "2026", noteAt: String = "2026-05-03T09:15:00+08:00") -> String {
        """
        {
          "format": "shuangyong-plan", "version": 1, "title": "最小计划", "year": \(year),
          "units": [{"id": "u1", "name": "县民政局", "kind": "government"}],
          "phases": [{"id": "p1", "name": "实施", "start": "2026-01-01", "end": "2026-12-31"}],
          "sections": [{"id": "s1", "number": 1, "title": "组织领导", "lead": ["u1"], "responsible": ["u1"]}],
          "tasks": [{"id": "t1", "section": "s1", "number": 1, "title": "任务一", "phase": "p1",
                     "notes": [{"at": "\(noteAt)", "by": "王敏", "text": "已落实"}]}],
          "activities": []
        }
        """
    }

    func problems(_ text: String) -> [PlanProblem] {
        do {
            _ = try PlanStore.decode(Array(text.utf8), file: "p.json")
            return []
        } catch {
            guard case let .invalid(_, problems) = error else { Issue.record("\(error)"); return [] }
            return problems
        }
    }

    @Test func everyYearOutsideTheRangeIsRefusedWithItsPath() {
        for year in ["0", "-5", "1899", "10000"] {
            #expect(problems(Self.text(year: year)) == [PlanProblem(path: "year", message: "year \(year) is outside 1900–9999")])
        }
        #expect(problems(Self.text(year: "1900")).isEmpty && problems(Self.text(year: "9999")).isEmpty)
        #expect(problems(Self.text(year: "null")).map(\.path) == ["year"])
    }

    @Test func noteAndHistoryTimesMustBeISO8601WithAnOffset() {
        #expect(problems(Self.text(noteAt: "garbage")) == [PlanProblem(
            path: "tasks[0].notes[0].at", id: "t1",
            message: "\"garbage\" is not a time with an offset (expected e.g. 2026-07-03T09:15:00+08:00)")])
        #expect(problems(Self.text(noteAt: "2026-05-03T09:15:00")).map(\.path) == ["tasks[0].notes[0].at"])
        #expect(problems(Self.text(noteAt: "2026-05-03T01:15:00Z")).isEmpty)
    }

    @Test func datesBefore1900AreRefused() {
        let text = Self.text().replacingOccurrences(of: "\"start\": \"2026-01-01\"", with: "\"start\": \"0001-01-01\"")
        #expect(problems(text) == [PlanProblem(path: "phases[0].start", id: "p1", message: "0001-01-01 is outside 1900-01-01…9999-12-31")])
    }
}
