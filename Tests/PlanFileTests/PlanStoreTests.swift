import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

@Suite("Plan file: reading, errors, stable and atomic saving")
struct PlanStoreTests {
    let sample = SamplePlan.make(year: 2026)

    @Test func roundTripsTheSampleExactly() throws {
        let bytes = PlanStore.encode(sample)
        let back = try PlanStore.decode(bytes, file: "x.json")
        #expect(back == sample)
        // Stable: the same plan always gives the same bytes.
        #expect(PlanStore.encode(back) == bytes)
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        let text = "{\n  \"format\": \"shuangyong-plan\",\n  \"version\": 1,\n  \"title\": \"计划\" \"year\": 2026\n}"
        #expect(throws: PlanFileError.syntax(file: "p.json", line: 4, column: 17, message: "expected ',' or '}' but found '\"'")) {
            try PlanStore.decode(Array(text.utf8), file: "p.json")
        }
    }

    func syntaxMessage(_ bytes: [UInt8]) -> String? {
        do {
            _ = try PlanStore.decode(bytes, file: "f")
            return nil
        } catch {
            if case let .syntax(_, _, _, m) = error { return m }
            return "not a syntax error: \(error)"
        }
    }

    @Test func emptyTruncatedAndBinaryFilesAreRejectedWithAReason() {
        #expect(syntaxMessage([]) == "the file is empty")
        #expect(syntaxMessage(Array("  \n ".utf8)) == "the file holds only white space")
        let full = PlanStore.encode(sample)
        for cut in [1, 100, full.count / 2, full.count - 3] {
            let m = syntaxMessage(Array(full.prefix(cut)))
            #expect(m != nil && m!.contains("ends"), "cut at \(cut): \(m ?? "nil")")
        }
        var rng = PlanGenerator.SeededRandom(seed: 7)
        for _ in 0..<50 {
            let junk = (0..<Int.random(in: 1...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(syntaxMessage(junk) != nil)
        }
        // Invalid UTF-8 inside a string.
        #expect(syntaxMessage([0x22, 0xFF, 0xFE, 0x22]) == "a string is not valid UTF-8")
    }

    /// Strings are scanned eight bytes at a time: quotes, escapes and controls are found at every offset.
    @Test func stringsAreReadExactlyAtEveryOffset() throws {
        for k in 0..<20 {
            let pad = String(repeating: "长a", count: k)  // 3- and 1-byte characters: every alignment
            for (json, expected) in [("\"\(pad)\"", pad), ("\"\(pad)\\n\(pad)\"", pad + "\n" + pad),
                                     ("\"\(pad)\\\"x\\\\\"", pad + "\"x\\"), ("\"\(pad)\\u00e9\(pad)\"", pad + "é" + pad)] {
                #expect(try JSONReader.parse(Array(json.utf8)) == .string(expected), "\(json)")
            }
            for control in [0x01, 0x0A, 0x1F] as [UInt8] {
                let bytes = Array("\"\(pad)".utf8) + [control] + Array("abcdefghij\"".utf8)
                #expect(syntaxMessage(bytes)?.contains("control character") == true, "offset \(k)")
            }
            #expect(syntaxMessage(Array("\"\(pad)abcdefgh".utf8))?.contains("ends inside a string") == true)
        }
    }

    @Test func hostileFilesDoNotCrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(syntaxMessage(Array(deep.utf8)) == "nesting deeper than 64 levels")
        // A 20 MB title is read (memory allows it) and validated like any other.
        var plan = sample
        plan.tasks[0].title = String(repeating: "长", count: 7_000_000)
        let back = try PlanStore.decode(PlanStore.encode(plan), file: "big.json")
        #expect(back.tasks[0].title.count == 7_000_000)
        #expect(syntaxMessage(Array("{\"a\": 1e99999}".utf8))?.contains("out of range") == true)
        #expect(syntaxMessage(Array("{\"a\": \"\\ud800\"}".utf8)) == "a \\u escape holds half of a surrogate pair")
    }

    func problems(_ mutate: (inout JSONValue) -> Void) -> [PlanProblem] {
        var json = PlanCodec.encode(miniPlan())
        mutate(&json)
        do {
            _ = try PlanStore.decode(JSONWriter.bytes(json), file: "p.json")
            return []
        } catch {
            if case let .invalid(_, problems) = error { return problems }
            return [PlanProblem(path: "?", message: "\(error)")]
        }
    }

    /// Replaces a member of the object at `path` (e.g. ["tasks", 1]).
    func set(_ json: inout JSONValue, _ path: [Any], _ key: String, _ value: JSONValue?) {
        func go(_ v: inout JSONValue, _ rest: ArraySlice<Any>) {
            if rest.isEmpty {
                guard case var .object(m) = v else { return }
                m.removeAll { $0.0 == key }
                if let value { m.append((key, value)) }
                v = .object(m)
                return
            }
            switch (v, rest.first!) {
            case (.object(var m), let k as String):
                if let i = m.firstIndex(where: { $0.0 == k }) { go(&m[i].1, rest.dropFirst()) }
                v = .object(m)
            case (.array(var a), let i as Int):
                go(&a[i], rest.dropFirst())
                v = .array(a)
            default: break
            }
        }
        go(&json, path[...])
    }

    @Test func everySemanticErrorNamesItsPathAndId() {
        #expect(problems { _ in }.isEmpty)
        #expect(problems { set(&$0, ["tasks", 1], "owners", .array([.string("nobody")])) }
            == [PlanProblem(path: "tasks[1].owners[0]", id: "b", message: "unknown unit id \"nobody\" (not in units)")])
        #expect(problems { set(&$0, ["tasks", 2], "id", .string("a")) }
            == [PlanProblem(path: "tasks[2].id", id: "a", message: "duplicate id (ids must be unique among tasks)")])
        #expect(problems { set(&$0, ["phases", 0], "end", .string("2026-03-01")) }
            == [PlanProblem(path: "phases[0].end", id: "p1", message: "ends (2026-03-01) before it starts (2026-04-01)")])
        #expect(problems { set(&$0, ["tasks", 0], "progress", .number(140)) }
            == [PlanProblem(path: "tasks[0].progress", id: "a", message: "progress 140 is out of range (0–100)")])
        #expect(problems { set(&$0, ["tasks", 0], "status", .string("finished")) }
            == [PlanProblem(path: "tasks[0].status", id: "a",
                            message: "unknown status \"finished\" (allowed: not-started, in-progress, done, blocked, cancelled)")])
        #expect(problems { set(&$0, ["tasks", 3], "due", .string("2026-02-30")) }
            == [PlanProblem(path: "tasks[3].due", id: "d", message: "\"2026-02-30\" is not a date (expected YYYY-MM-DD, a real calendar day)")])
        #expect(problems { set(&$0, ["sections", 0], "lead", .array([.string("ghost")])) }
            == [PlanProblem(path: "sections[0].lead[0]", id: "s1", message: "unknown unit id \"ghost\" (not in units)")])
        #expect(problems { set(&$0, ["tasks", 0], "phase", .string("p9")) }
            == [PlanProblem(path: "tasks[0].phase", id: "a", message: "unknown phase id \"p9\"")])
        #expect(problems { set(&$0, ["tasks", 0], "title", nil) }
            == [PlanProblem(path: "tasks[0].title", id: "a", message: "missing (a text is required)")])
        #expect(problems { set(&$0, [], "timeZone", .string("Mars/Olympus")) }
            == [PlanProblem(path: "timeZone", message: "unknown time zone \"Mars/Olympus\" (e.g. Asia/Shanghai)")])
        #expect(problems { set(&$0, [], "version", .number(99)) }.first?.message.contains("update Shuangyong") == true)
        #expect(problems { set(&$0, [], "units", .string("x")) }
            == [PlanProblem(path: "units", message: "expected a list, found a string")])
    }

    @Test func collectsEveryProblemAtOnce() {
        let found = problems {
            set(&$0, ["tasks", 0], "progress", .number(-1))
            set(&$0, ["tasks", 1], "progress", .number(101))
            set(&$0, ["units", 1], "id", .string("mzj"))
        }
        #expect(found.count >= 3)
    }

    @Test func savesAtomicallyWithBackupAndPermissions() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(sample, to: path)
        chmod(path, 0o640)
        var changed = sample
        changed.tasks[0].progress = 55
        try PlanStore.save(changed, to: path)
        #expect(try PlanStore.load(path) == changed)
        #expect(try PlanStore.load(PlanStore.backupPath(for: path)) == sample)
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o640)
        // No temporary files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["plan.json", "plan.json.bak"])
    }

    /// A file of several chunks written from one buffer (each chunk's writeback started as it is written)
    /// holds its bytes, and whoever observes the write sees them in order.
    @Test func aBufferOfManyChunksIsWrittenWhole() throws {
        let dir = TempDir()
        let path = dir.file("big.json")
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<(3 * AtomicFile.chunkSize + 12_345)).map { _ -> UInt8 in
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: x >> 56)
        }
        var seen: [UInt8] = []
        try bytes.withUnsafeBytes { raw in try AtomicFile.write([.bytes(raw)], to: path) { seen += $0 } }
        #expect(try AtomicFile.read(path) == bytes)
        #expect(seen == bytes)
    }

    @Test(arguments: [AtomicFile.Fault.write(errno: ENOSPC), .fsync(errno: EIO), .rename(errno: EXDEV),
                      .openTemporary(errno: EROFS), .openTemporary(errno: EACCES)])
    func failedSaveLeavesTheOriginalIntact(fault: AtomicFile.Fault) throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(sample, to: path)
        let before = try AtomicFile.read(path)
        var changed = sample
        changed.tasks[0].status = .done
        do {
            try PlanStore.save(changed, to: path, fault: fault)
            Issue.record("save should have failed")
        } catch {
            let text = error.description
            #expect(text.contains(path))
            if case .write(ENOSPC) = fault { #expect(text.contains("disk is full")) }
            if case .openTemporary(EROFS) = fault { #expect(text.contains("read-only")) }
        }
        #expect(try AtomicFile.read(path) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp") }
        #expect(left.isEmpty)
    }

    @Test(.enabled(if: getuid() != 0, "root ignores directory permissions; the simulated faults above cover this as root"))
    func readOnlyDirectoryRefusesWithAClearMessage() throws {
        let dir = TempDir()
        let path = dir.file("plan.json")
        try PlanStore.save(sample, to: path)
        chmod(dir.path, 0o555)
        defer { chmod(dir.path, 0o755) }
        #expect(throws: PlanFileError.self) { try PlanStore.save(sample, to: path) }
        #expect(try PlanStore.load(path) == sample)
    }

    @Test func readErrorsNameTheFile() {
        #expect(throws: PlanFileError.io(file: "/nonexistent/plan.json", operation: "open the file", reason: "no such file or directory")) {
            try PlanStore.load("/nonexistent/plan.json")
        }
        let dir = TempDir()
        #expect(throws: PlanFileError.io(file: dir.path, operation: "read the file", reason: "不是普通文件 (not a regular file): it is a directory")) {
            try PlanStore.load(dir.path)
        }
    }
}

@Suite("JSON writer escapes what a terminal could act on")
struct JSONWriterEscapingTests {
    @Test func c1AndBidiControlsAreEscapedAndRoundTrip() throws {
        let text = "标题\u{9B}31m\u{202E}abc\u{200F}·\u{A0}é\u{2014}"
        let bytes = JSONWriter.bytes(.string(text))
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(written == "\"标题\\u009b31m\\u202eabc\\u200f·\u{A0}é\u{2014}\"\n")
        #expect(try JSONReader.parse(bytes) == .string(text))
    }
}
