import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// The fast reader and writer (`PlanFastReader`, `PlanWriter`) must give exactly what the general way gives:
/// the same plan and unknown-member places for every file the fast reader takes, the same bytes on saving.
@Suite("Plan file: the fast reader and writer agree with the general way")
struct FastPathTests {
    private func general(_ bytes: [UInt8]) -> (Plan?, [MemberPlace]) {
        guard let root = try? JSONReader.parse(bytes) else { return (nil, []) }
        let (plan, _, places) = PlanCodec.decodeReporting(root)
        return (plan, places)
    }

    private func plans() -> [Plan] {
        var odd = PlanGenerator.make(tasks: 200, units: 30, seed: 7)
        odd.tasks[0].title = "引号\"反斜杠\\ 换行\n 控制\u{1B} 双向\u{202E} C1\u{85} 表情👨‍👩‍👧"
        odd.tasks[1].leadUnits = Array(odd.units.prefix(14).map(\.id))  // more than 12: one per line
        odd.tasks[2].ownerUnits = []
        odd.tasks[3].target = QuantifiedTarget(required: 12, achieved: 3, unit: "户", label: "走访")
        odd.tasks[4].notes = [TaskNote(at: "2026-03-01T09:00:00+08:00", by: "", text: "备注")]
        odd.tasks[5].due = nil
        return [SamplePlan.make(year: 2026), PlanGenerator.make(tasks: 500, units: 40, seed: 3), odd, miniPlan()]
    }

    @Test func writerGivesTheTreeBytes() {
        for plan in plans() {
            #expect(PlanWriter.bytes(plan) == JSONWriter.bytes(PlanCodec.encode(plan)))
        }
    }

    @Test func readerGivesTheGeneralPlan() throws {
        for plan in plans() {
            let bytes = JSONWriter.bytes(PlanCodec.encode(plan))
            let fast = try #require(PlanFastReader.decode(bytes))
            let (slow, places) = general(bytes)
            #expect(fast.plan == slow)
            #expect(fast.unknownMembers == places)
        }
    }

    @Test func readerLeavesEveryOtherFileToTheGeneralWay() {
        let base = String(decoding: JSONWriter.bytes(PlanCodec.encode(miniPlan())), as: UTF8.self)
        let task = try! #require(base.range(of: "\"status\": "))
        let variants = [
            base.replacingCharacters(in: task, with: "\"xBudget\": 3,\n      \"status\": "),  // unknown member of a task
            base.replacingCharacters(in: task, with: "\"status\": \"done\",\n      \"status\": "),  // duplicate key
            base.replacingOccurrences(of: "\"progress\": 0", with: "\"progress\": 0.0"),  // a whole number as a fraction
            base.replacingOccurrences(of: "\"progress\": 0", with: "\"progress\": 1e1"),
            base.replacingOccurrences(of: "\"progress\": 0", with: "\"progress\": 250"),  // a problem
            base.replacingOccurrences(of: "\"status\": \"not-started\"", with: "\"status\": \"maybe\""),
            base.replacingOccurrences(of: "\"phase\": ", with: "\"phase\" "),  // a syntax error
            String(base.dropLast(3)),
        ]
        for text in variants where text != base {
            let bytes = Array(text.utf8)
            #expect(PlanFastReader.decode(bytes) == nil)
        }
        // Unknown members outside tasks are kept the general way, with their places.
        let extra = base.replacingOccurrences(of: "\"units\": [", with: "\"xOffice\": {\"a\": [1, 2]},\n  \"units\": [")
        let bytes = Array(extra.utf8)
        let fast = PlanFastReader.decode(bytes)
        let (slow, places) = general(bytes)
        #expect(fast?.plan == slow)
        #expect(fast?.unknownMembers == places)
        #expect(!places.isEmpty)
    }

    /// Saving with the bytes of a file read before gives exactly the bytes of a full encoding, whatever the
    /// file's layout (the writer's own, or white space, key order, escapes and empty lists of a hand edit).
    @Test func keptTaskBytesGiveTheFullEncoding() throws {
        let canonical = String(decoding: JSONWriter.bytes(PlanCodec.encode(plans()[2])), as: UTF8.self)
        let texts = [
            canonical,
            canonical.replacingOccurrences(of: "\"id\": \"t1\"", with: "\"id\":  \"t1\""),
            canonical.replacingOccurrences(of: "\"status\": ", with: "\"status\" : "),
            canonical.replacingOccurrences(of: "\"phase\": \"p1\",", with: "\"phase\": \"p1\", \"lead\": [],"),
            canonical.replacingOccurrences(of: "工作", with: "\\u5de5\\u4f5c"),
            canonical.replacingOccurrences(of: "\"progress\": 0", with: "\"progress\": -0"),
            canonical.replacingOccurrences(of: "\n          \"by\": \"生成器\",", with: ""),
            canonical.replacingOccurrences(of: "\n    }", with: "}"),
            canonical.replacingOccurrences(of: "\"achieved\": 3,\n", with: ""),
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let read = try #require(PlanFastReader.decodeWithLayout(bytes))
            let earlier = PlanWriter.Earlier(bytes: bytes, tasks: read.plan.tasks, layout: read.layout)
            var changed = read.plan
            changed.tasks[7].progress = 61
            changed.tasks[8].title += "（改）"
            for plan in [read.plan, changed] {
                let (out, layout) = PlanWriter.bytes(plan, reusing: earlier)
                #expect(out == JSONWriter.bytes(PlanCodec.encode(plan)))
                #expect(layout.spans.count == plan.tasks.count)
            }
        }
        // The writer's own bytes are kept task for task, except where it escapes (task 0) or writes a list
        // one item per line (task 1), which this reader leaves to the writer.
        let own = try #require(PlanFastReader.decodeWithLayout(Array(canonical.utf8)))
        #expect(own.layout.canonical.prefix(2) == [false, false])
        #expect(own.layout.canonical.dropFirst(2).allSatisfy { $0 })
    }
}
