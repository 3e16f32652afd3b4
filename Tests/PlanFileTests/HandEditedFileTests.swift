import Foundation
import Testing
import TestFixtures
@testable import PlanFile
import ShuangyongKit

/// A plan file edited by hand on a Chinese desk gets errors it can act on (issue 12): full-width marks
/// named with the ASCII character JSON needs, a UTF-16 or GBK file named with how to save it as UTF-8,
/// and every message in Chinese when the run speaks Chinese.
@Suite("Hand-edited files")
struct HandEditedFileTests {
    func syntaxError(_ bytes: [UInt8]) -> PlanFileError? {
        do {
            _ = try PlanStore.decode(bytes, file: "plan.json")
            return nil
        } catch {
            return error
        }
    }

    @Test func aFullWidthCommaIsNamedWithItsPlace() throws {
        let text = "{\n  \"format\": \"shuangyong-plan\"，\n  \"version\": 1\n}"
        let e = try #require(syntaxError(Array(text.utf8)))
        guard case let .syntax(_, line, column, _) = e else { Issue.record("\(e)"); return }
        #expect(line == 2 && column == 30)
        #expect(e.description.contains("full-width comma '，' (U+FF0C): JSON needs the ASCII ','"))
        #expect(e.message(.chinese) == "plan.json：第 2 行第 30 列：JSON 格式错误：全角逗号“，”，JSON 需要半角“,”")
    }

    @Test func chineseQuotesColonsAndBracketsAreNamedToo() throws {
        let cases: [(String, String)] = [
            ("{“title”: 1}", "中文引号““”，JSON 需要半角“\"”"),
            ("{\"title\"：1}", "全角冒号“：”，JSON 需要半角“:”"),
            ("［1]", "全角方括号“［”，JSON 需要半角“[”"),
            ("{\"a\": [1、2]}", "顿号“、”，JSON 需要半角“,”"),
            ("{\"a\": 1\u{3000}}", "全角空格“\u{3000}”，JSON 需要半角空格"),
        ]
        for (text, zh) in cases {
            let e = try #require(syntaxError(Array(text.utf8)), "\(text)")
            #expect(e.message(.chinese).hasSuffix(zh), "\(text): \(e.message(.chinese))")
        }
    }

    @Test func utf16AndGBKFilesAreNamedWithHowToSaveAsUTF8() throws {
        let text = String(decoding: PlanStore.encode(miniPlan()), as: UTF8.self)
        let units: [UInt8] = text.utf16.flatMap { (u: UInt16) -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let le: [UInt8] = [0xFF, 0xFE] + units
        let e16 = try #require(syntaxError(le))
        #expect(e16.description.contains("UTF-16") && e16.description.contains("iconv -f UTF-16LE -t UTF-8"))
        #expect(e16.message(.chinese).contains("UTF-16") && e16.message(.chinese).contains("另存为"))
        #expect(try #require(syntaxError(units)).description.contains("UTF-16"))
        // "测试计划" in GBK: B2 E2 CA D4 BC C6 BB AE.
        let gbk: [UInt8] = Array("{\"format\": \"shuangyong-plan\", \"title\": \"".utf8) + [0xB2, 0xE2, 0xCA, 0xD4, 0xBC, 0xC6, 0xBB, 0xAE] + Array("\"}".utf8)
        let eg = try #require(syntaxError(gbk))
        #expect(eg.description.contains("GBK/GB18030") && eg.description.contains("iconv -f GB18030 -t UTF-8"))
        #expect(eg.message(.chinese).contains("GBK/GB18030") && eg.message(.chinese).contains("UTF-8"))
        // A good UTF-8 file with a stray error is not mistaken for another encoding.
        let plain = try #require(syntaxError(Array("{\"标题\": }".utf8)))
        #expect(!plain.description.contains("encoded as"))
    }

    @Test func problemsAndIOErrorsSpeakChinese() throws {
        var text = String(decoding: PlanStore.encode(miniPlan()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"progress\": 10\n", with: "\"progress\": 160\n")
        let e = try #require(syntaxError(Array(text.utf8)))
        #expect(e.message(.chinese).contains("tasks[3].progress (id \"d\")：进度 160 超出范围（0–100）"))
        #expect(e.message(.chinese).hasPrefix("plan.json：计划有 1 处问题："))
        #expect(e.message(.english) == e.description)
        let io = PlanFileError.io(file: "x.json", operation: "open the file", reason: "no such file or directory")
        #expect(io.message(.chinese) == "x.json：无法打开文件：文件或目录不存在")
    }

    @Test func noticesNameDuplicateNumbersDoneBelow100AndGuessedKinds() throws {
        try withTemporaryFolder { dir in
            var plan = miniPlan()
            plan.tasks[1].number = 1
            plan.tasks[2].progress = 60
            plan.sections.append(Section(id: "s2", number: 1, title: "重复", leadUnits: [], responsibleUnits: []))
            var text = String(decoding: PlanStore.encode(plan), as: UTF8.self)
            text = text.replacingOccurrences(of: #", "kind": "government""#, with: "")
                .replacingOccurrences(of: "\"kind\": \"government\"", with: "\"xKind\": 1")
            let path = dir.write("plan.json", text)
            let (_, _, notices) = try PlanStore.check(path)
            let shown = notices.map { $0.message(.english) }
            #expect(shown.contains("sections[1].number (id \"s2\"): duplicate section number 1 (also sections[0], id \"s1\")"))
            #expect(shown.contains("tasks[1].number (id \"b\"): duplicate task number 1 in section \"s1\" (also tasks[0], id \"a\")"))
            #expect(shown.contains("tasks[2].progress (id \"c\"): done but progress is 60% (a done task is at 100%)"))
            #expect(shown.contains { $0.hasPrefix("units[0].kind (id \"mzj\"): no kind: taken as \"other\"") })
            #expect(notices.allSatisfy { $0.message(.chinese) != $0.message(.english) })
        }
    }

    /// A refused edit and a file that cannot be saved say why in Chinese too: `edit --lang zh` and the
    /// Chinese dashboard show no English sentence.
    @Test func refusedEditsAndReadOnlyReasonsSpeakChinese() throws {
        let refused: [PlanEdit] = [
            .setProgress(taskID: "d", 101), .setTargetAchieved(taskID: "a", 3), .setTargetAchieved(taskID: "d", -1),
            .addNote(taskID: "d", "  "), .setOwners(taskID: "b", ["rsj", "rsj"]), .renameUnit(unitID: "mzj", name: " ", shortName: nil),
            .renameUnit(unitID: "mzj", name: "县民政局", shortName: " "), .setProgress(taskID: "s9-9", 5),
            .setOwners(taskID: "b", ["nobody"]),
        ]
        for edit in refused {
            let e = try #require(editError(edit), "\(edit)")
            let zh = e.message(.chinese)
            #expect(zh != e.description)
            // Left in Latin letters: ids and the command that lists the units, nothing else.
            let words = zh.split { !$0.isASCII || !$0.isLetter }.filter { $0.count > 2 }
            #expect(words.allSatisfy { ["shuangyong", "report", "units", "nobody", "mzj"].contains(String($0)) }, "\(zh)")
        }
        #expect(editError(.setTargetAchieved(taskID: "a", 3))?.message(.chinese) == "任务 a 完成量：此任务没有量化指标（完成量指标），无法记录完成量")
        #expect(editError(.setProgress(taskID: "s9-9", 5))?.message(.chinese) == "没有任务 s9-9（任务为 a … d）")
        let reasons = [("opened view-only", "以只读方式打开"),
                       ("its permissions make it read-only: no write permission is set", "文件权限为只读：没有设置写权限"),
                       ("you may not write it: permission denied", "你没有写入它的权限：没有权限"),
                       ("its folder /srv/plans is not writable (read-only file system); a save writes a new file there",
                        "所在文件夹 /srv/plans 不可写（只读文件系统），保存时要在其中写入新文件")]
        for (en, zh) in reasons { #expect(PlanMessagesChinese.readOnlyReason(en) == zh) }
    }
}
