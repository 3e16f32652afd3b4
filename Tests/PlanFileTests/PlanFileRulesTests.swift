import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// The plan file's rules as `validate` applies them: members this program does not know are kept in place
/// through every save and merge, a key given twice is refused, dates and times are in range and in form.
@Suite("Plan file rules")
struct PlanFileRulesTests {
    let dir = TempDir()
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

    // MARK: A. Members this program does not know

    /// A plan in the writer's own layout with a member this program does not know on every kind of object,
    /// before, between and after the known ones (one an 18-digit number a Double cannot hold).
    static let withUnknownMembers = """
        {
          "xFirst": true,
          "format": "shuangyong-plan",
          "version": 1,
          "title": "最小计划",
          "organization": "县双拥办",
          "year": 2026,
          "xCustom": {
            "keep": ["me", 1.5, null]
          },
          "timeZone": "Asia/Shanghai",
          "units": [
            {
              "id": "u1",
              "name": "县民政局",
              "short": "民政局",
              "kind": "government",
              "xPhone": "0376-1234567"
            }
          ],
          "phases": [
            {
              "id": "p1",
              "xColour": "red",
              "name": "实施",
              "start": "2026-01-01",
              "end": "2026-12-31"
            }
          ],
          "sections": [
            {
              "id": "s1",
              "number": 1,
              "title": "组织领导",
              "lead": ["u1"],
              "responsible": ["u1"],
              "xWeight": 0.25
            }
          ],
          "tasks": [
            {
              "id": "t1",
              "section": "s1",
              "number": 1,
              "title": "任务一",
              "text": "任务一全文",
              "phase": "p1",
              "status": "in-progress",
              "progress": 10,
              "xBudget": 12345,
              "xIdNumber": 410102199001011234,
              "target": {
                "required": 2,
                "achieved": 1,
                "unit": "篇",
                "xSource": "市委宣传部"
              },
              "notes": [
                {
                  "at": "2026-05-03T09:15:00+08:00",
                  "by": "王敏",
                  "text": "已报县委常委会",
                  "xAttachment": "会议纪要.pdf"
                }
              ],
              "history": [
                {
                  "at": "2026-05-03T09:15:00+08:00",
                  "by": "王敏",
                  "change": "状态: 未开始 → 进行中",
                  "xDevice": "desk-2"
                }
              ],
              "xLast": []
            }
          ],
          "activities": [
            {
              "id": "a1",
              "title": "八一走访",
              "kind": "visit",
              "rule": {
                "type": "yearly",
                "month": 8,
                "day": 1,
                "xLunarToo": false
              },
              "xPlace": "人武部"
            }
          ],
          "xTrailer": {}
        }

        """

    static let unknownPlaces = [
        "xFirst", "xCustom", "units[0].xPhone (id \"u1\")", "phases[0].xColour (id \"p1\")", "sections[0].xWeight (id \"s1\")",
        "xTrailer",
        "tasks[0].target.xSource (id \"t1\")", "tasks[0].notes[0].xAttachment (id \"t1\")", "tasks[0].history[0].xDevice (id \"t1\")",
        "tasks[0].xBudget (id \"t1\")", "tasks[0].xIdNumber (id \"t1\")", "tasks[0].xLast (id \"t1\")",
        "activities[0].xPlace (id \"a1\")", "activities[0].rule.xLunarToo (id \"a1\")",
    ]

    @Test func unknownMembersAreKeptInPlaceAndListed() throws {
        let bytes = Array(Self.withUnknownMembers.utf8)
        let (plan, places) = try PlanStore.inspect(bytes, file: "p.json")
        #expect(Set(places.map(\.description)) == Set(Self.unknownPlaces))
        #expect(places.count == Self.unknownPlaces.count)
        // Written back byte for byte: every member in its place, the big number as written.
        #expect(String(decoding: PlanStore.encode(plan), as: UTF8.self) == Self.withUnknownMembers)
    }

    @Test func unknownMembersSurviveEverySaveAndAMerge() throws {
        let path = dir.file("plan.json")
        try Self.withUnknownMembers.write(toFile: path, atomically: true, encoding: .utf8)
        let a = try PlanDocument(path: path), b = try PlanDocument(path: path)
        try a.commit([.setProgress(taskID: "t1", 20), .addNote(taskID: "t1", "已落实")], by: "甲", at: editClock)
        // b saves after a: its commit merges onto a's file.
        let r = try b.commit([.setStatus(taskID: "t1", .blocked), .renameUnit(unitID: "u1", name: "县退役军人事务局", shortName: nil)],
                             by: "乙", at: later(1))
        #expect(r.merged && r.conflicts.isEmpty)
        let (disk, places) = try PlanStore.inspect(path)
        #expect(places.count == Self.unknownPlaces.count)
        let t = disk.tasks[0]
        #expect(t.progress == 20 && t.status == .blocked && t.notes.count == 2)
        #expect(t.unknownMembers.members.map(\.key) == ["xBudget", "xIdNumber", "xLast"])
        #expect(t.unknownMembers.members[1].json == "410102199001011234")
        #expect(disk.units[0].name == "县退役军人事务局" && disk.units[0].unknownMembers.members.map(\.key) == ["xPhone"])
        // A task deleted and put back (undo) keeps its members, through the recovery file's encoding too.
        let doc = try PlanDocument(path: path)
        var session = EditSession()
        session.record(try doc.commit([.deleteTask(taskID: "t1")], by: "甲", at: later(2)).applied)
        #expect(try PlanStore.load(path).tasks.isEmpty)
        try doc.undo(&session, by: "甲", at: later(3))
        #expect(try PlanStore.load(path).tasks[0].unknownMembers == t.unknownMembers)
        #expect(RecoveryFile.task(PlanCodec.encode(t)) == t)
    }

    @Test func aMemberWhoseKnownNeighbourIsNotWrittenStaysNearIt() throws {
        var plan = try PlanStore.decode(Array(Self.withUnknownMembers.utf8), file: "p.json")
        // "xBudget" followed "progress"; "xLast" followed "history". Without a history, xLast follows notes.
        plan.tasks[0].history = []
        guard case let .object(task)? = PlanCodec.encode(plan)["tasks"].flatMap({ if case let .array(a) = $0 { a.first } else { nil } }) else {
            Issue.record("no task")
            return
        }
        #expect(task.map(\.0) == ["id", "section", "number", "title", "text", "phase", "status", "progress", "xBudget",
                                  "xIdNumber", "target", "notes", "xLast"])
    }

    // MARK: A. Duplicate keys

    func syntax(_ text: String) -> String? {
        do {
            _ = try PlanStore.decode(Array(text.utf8), file: "p.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aKeyGivenTwiceIsRefusedWithBothPlaces() {
        // The case file: a top-level key and a task's key given twice.
        let text = """
            {
              "format": "shuangyong-plan",
              "version": 1,
              "title": "FIRST", "title": "最小计划",
              "year": 2026
            }
            """
        #expect(syntax(text) == "p.json:4:21: not valid JSON: duplicate key \"title\" (first at 4:3)")
        let nested = Self.text().replacingOccurrences(of: "\"phase\": \"p1\",", with: "\"phase\": \"p1\", \"status\": \"done\", \"status\": \"blocked\",")
        #expect(syntax(nested)?.contains("duplicate key \"status\" (first at 6:") == true)
        // In a large object too (looked up by a table past 16 members), and in a member this program does not know.
        var members = (0..<40).map { "\"k\($0)\": \($0)" }
        members.append("\"k7\": 0")
        #expect(syntax("{" + members.joined(separator: ", ") + "}")?.contains("duplicate key \"k7\" (first at 1:") == true)
        #expect(syntax("{\"xCustom\": {\"a\": 1, \"b\": 2, \"a\": 3}}") == "p.json:1:30: not valid JSON: duplicate key \"a\" (first at 1:14)")
    }
}
