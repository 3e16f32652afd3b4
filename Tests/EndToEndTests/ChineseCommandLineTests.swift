import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI
import TestFixtures
import Testing

/// Issue 12 on the real binary: next year's plan (`rollover`), and the command line in Chinese — help,
/// messages and errors follow `--lang` or the locale, values are read as a Chinese desk writes them.
@Suite("Command line in Chinese, and rollover")
final class ChineseCommandLineTests {
    let folder = TempDir(prefix: "sy-e2e-zh-")
    let plan: String
    static let zh = ["LANG": "zh_CN.UTF-8"]

    init() throws {
        plan = try DashboardEndToEndTests.samplePlan(in: folder)
    }

    func run(_ args: [String], zh: Bool = false) throws -> CommandLineTests.Run {
        try CommandLineTests.run(args, environment: zh ? Self.zh : [:])
    }

    @Test func rolloverOfThe2026SampleGivesA2027Plan() throws {
        let before = FileManager.default.contents(atPath: plan)
        let r = try run(["rollover", plan, "--year", "2027", "--user", "王敏"], zh: true)
        #expect(r.status == 0, "\(r.err)")
        let next = folder.file("plan-2027.json")
        #expect(r.out.contains("已写入 2027 年计划：\(next)"))
        #expect(FileManager.default.contents(atPath: plan) == before, "the old plan is not touched")
        #expect(try run(["validate", next]).status == 0)

        let jan = try run(["report", "calendar", "--month", "2028年1月", "--lang", "zh", next]).out
        #expect(jan.split(separator: "\n").contains { $0.hasPrefix("2028-01-26 ") && $0.contains("春节走访慰问") })
        let aug = try run(["report", "calendar", "--month", "8月", "--lang", "zh", next]).out
        #expect(aug.split(separator: "\n").contains { $0.hasPrefix("2027-08-01 ") && $0.contains("八一建军节走访慰问") })

        let p = try PlanStore.load(next)
        #expect(p.year == 2027)
        let yearly = p.tasks.filter { $0.phaseID != "p5" }
        #expect(yearly.allSatisfy { $0.progress == 0 && ($0.target?.achieved ?? 0) == 0 })
        #expect(p.tasks.allSatisfy { $0.notes.isEmpty && $0.history.isEmpty })
        let carried = try #require(p.tasks.first { $0.id == "s3-2" }?.carriedOver)
        #expect(carried == CarryOver(year: 2026, file: "plan.json", taskID: "s3-2", status: .blocked, progress: 30))
        #expect(p.history.first?.by == "王敏")

        // Not over an existing file without --force, never over the old plan.
        let again = try run(["rollover", plan, "--lang", "en"])
        #expect(again.status == 1 && again.err.contains("already exists; use --force"))
        let over = try run(["rollover", plan, "--out", plan, "--force", "--lang", "en"])
        #expect(over.status == 1 && over.err.contains("is the old plan itself"))
        #expect(FileManager.default.contents(atPath: plan) == before)
        let back = try run(["rollover", next, "--year", "2026", "--lang", "en", "--out", folder.file("x.json")])
        #expect(back.status == 1 && back.err.contains("not after the plan's year 2027"))
    }

    @Test func helpFollowsTheLocaleOrLang() throws {
        let zh = try run(["--help"], zh: true)
        #expect(zh.out.contains("用法：shuangyong [计划文件]") && zh.out.contains("--kiosk") && zh.out.contains("rollover"))
        #expect(zh.out.contains("子命令：") && zh.out.contains("根据本年度计划生成下一年度计划"))
        let en = try run(["--help", "--lang", "en"], zh: true)
        #expect(en.out.contains("shuangyong [PLAN]") && en.out.contains("Office screen") && !en.out.contains("用法"))
        for command in ["edit", "report", "validate", "init", "rollover", "render", "generate", "dashboard"] {
            let h = try run([command, "--help"], zh: true)
            #expect(h.status == 0 && h.out.contains("用法：") && h.out.contains("选项："), "\(command)")
            #expect(!h.out.contains("Show help information"), "\(command)")
        }
        #expect(try run(["edit", "--help"], zh: true).out.contains("未开始、进行中、已完成、受阻、已取消"))
    }

    /// Every command that writes a plan takes `--lang` as the others do: a refusal in the language asked for.
    @Test func writingCommandsTakeLang() throws {
        let document = folder.write("要点.txt", "某县2026年双拥工作要点\n一、加强组织领导\n1. 县退役军人事务局负责召开双拥工作领导小组会议。\n")
        for command in [["init", plan], ["generate", "--tasks", "5", "--units", "2", plan], ["import", document, "--out", plan]] {
            let zh = try run(command + ["--lang", "zh"])
            #expect(zh.status == 1 && zh.err.contains("已存在；要覆盖请加 --force"), "\(command): \(zh.err)")
            let en = try run(command + ["--lang", "en"], zh: true)
            #expect(en.status == 1 && en.err.contains("already exists; use --force"), "\(command): \(en.err)")
            let bad = try run(command + ["--lang", "fr"])
            #expect(bad.status == 64 && bad.err.contains("--lang must be zh or en"), "\(command): \(bad.err)")
        }
    }

    /// Chinese help is laid out by display width: no line but the usage line wider than 80 cells, every
    /// argument's and option's help at one column, and no text lost or reordered in breaking it again.
    @Test func chineseHelpFitsEightyColumns() throws {
        for command in [["edit"], ["report"], ["validate"], ["rollover"], ["dashboard"], ["import"], ["structure", "task"]] {
            let h = try run(command + ["--help"], zh: true).out
            let lines = h.split(separator: "\n", omittingEmptySubsequences: false)
            for line in lines where !line.hasPrefix("用法：") {
                #expect(line.displayWidth <= 80, "\(command): \(line)")
            }
            // An entry's help starts at column 27 whatever the width of its name.
            for line in lines where line.hasPrefix("  -") || line.hasPrefix("  <") {
                guard let gap = line.range(of: "  ", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex) else { continue }
                let name = line[..<gap.lowerBound]
                #expect(name.displayWidth >= 24 || String(line[..<line.index(gap.lowerBound, offsetBy: line[gap.lowerBound...].prefix { $0 == " " }.count)]).displayWidth == 26,
                        "\(command): \(line)")
            }
        }
        // Every option's help is Chinese in a Chinese run (the kiosk's and the past view's too).
        let dashboard = try run(["dashboard", "--help"], zh: true).out
        #expect(!dashboard.contains("Show the plan as it stood") && !dashboard.contains("show no people's names"), "\(dashboard)")
        #expect(dashboard.contains("\n办公室大屏：\n"))
        let edit = try run(["edit", "--help"], zh: true).out.filter { !$0.isWhitespace }
        for phrase in ["每项修改都原子地保存，并连同时间和你的名字记入任务的留痕。多个席位可以同时修改一个文件",
                       "状态设为已完成时进度也设为100%；已完成的任务进度改为低于100%时，状态改回进行中。",
                       "新截止日期（2026-11-15、2026年11月15日、11月15日…），或none表示所在阶段结束日。"] {
            #expect(edit.contains(phrase), "\(phrase)")
        }
    }

    @Test func chineseStatusesAndDatesAreAccepted() throws {
        let r = try run(["edit", "s1-3", "--status", "已完成", "--due", "11月15日", "--user", "王敏", plan], zh: true)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("已保存到 \(plan)") && !r.out.contains("saved to"))
        let p = try PlanStore.load(plan)
        #expect(task("s1-3", p).status == .done && task("s1-3", p).due == Day(iso: "2026-11-15"))
        let en = try run(["edit", "s1-3", "--status", "受阻", "--due", "2026年12月1日", "--lang", "en", plan], zh: true)
        #expect(en.status == 0 && en.out.contains("saved to \(plan)") && !en.out.contains("已保存"))
        #expect(task("s1-3", try PlanStore.load(plan)).due == Day(iso: "2026-12-01"))
        let slash = try run(["report", "overdue", "--date", "2026/10/15", "--lang", "zh", plan])
        #expect(slash.status == 0 && slash.out.contains("2026-10-15"))

        let bad = try run(["edit", "s1-3", "--status", "完了", plan], zh: true)
        #expect(bad.status != 0 && bad.err.contains("错误：--status “完了”不是状态") && bad.err.contains("已取消"))
        // An error stays on its line (only help is laid out again at 80 cells).
        let longBad = try run(["edit", "s1-3", "--due", "2026-02-30", plan], zh: true)
        #expect(longBad.err.contains("“2026-02-30”不是日期（可写 2026-11-15、2026/11/15、2026年11月15日，本计划年度内也可写 11-15 或 11月15日）"), "\(longBad.err)")
        let badDate = try run(["edit", "s1-3", "--due", "4月31日", plan], zh: true)
        #expect(badDate.status != 0 && badDate.err.contains("--due：“4月31日”不是日期"))
        // Refused by the plan itself (the task has no quantified target; the file is read-only): in Chinese too.
        let noTarget = try run(["edit", "s1-3", "--target-achieved", "3", plan], zh: true)
        #expect(noTarget.status != 0 && noTarget.err.contains("此任务没有量化指标") && !noTarget.err.contains("quantified"), "\(noTarget.err)")
        chmod(plan, 0o444)
        let readOnly = try run(["edit", "s1-3", "--progress", "30", plan], zh: true)
        chmod(plan, 0o644)
        #expect(readOnly.status != 0 && readOnly.err.contains("文件权限为只读") && !readOnly.err.contains("permission"), "\(readOnly.err)")
        let badEN = try run(["report", "calendar", "--month", "13月", plan])
        #expect(badEN.status != 0 && badEN.err.contains("--month: \"13月\" is not a month"))
    }

    @Test func handEditedFilesGetErrorsADeskCanActOn() throws {
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 1，")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let zh = try run(["validate", plan], zh: true)
        #expect(zh.status == 1)
        #expect(zh.err.contains("\(plan)：第 3 行第 15 列：JSON 格式错误：全角逗号“，”，JSON 需要半角“,”"), "\(zh.err)")
        let en = try run(["validate", plan, "--lang", "en"], zh: true)
        #expect(en.err.contains("\(plan):3:15: not valid JSON: full-width comma '，' (U+FF0C): JSON needs the ASCII ','"))

        let gbk = folder.file("gbk.json")
        let bytes: [UInt8] = Array("{\"format\": \"shuangyong-plan\", \"title\": \"".utf8) + [0xB2, 0xE2, 0xCA, 0xD4] + Array("\"}".utf8)
        _ = FileManager.default.createFile(atPath: gbk, contents: Data(bytes))
        let g = try run(["validate", gbk], zh: true)
        #expect(g.status == 1 && g.err.contains("GBK/GB18030") && g.err.contains("另存为"))

        try PlanStore.save(SamplePlan.make(year: 2026), to: plan)
        text = try String(contentsOfFile: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"progress\": 60", with: "\"progress\": 160")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let problems = try run(["validate", plan], zh: true)
        #expect(problems.err.contains("进度 160 超出范围（0–100）") && problems.err.contains("处问题："))
    }

    @Test func validateNotesDuplicateNumbersDoneBelow100AndGuessedKinds() throws {
        var p = try PlanStore.load(plan)
        p.tasks[1].number = p.tasks[0].number
        p.tasks[2].status = .done
        p.tasks[2].progress = 80
        try PlanStore.save(p, to: plan)
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"kind\": \"military\"", with: "\"xKind\": \"military\"")
        try text.write(toFile: plan, atomically: true, encoding: .utf8)
        let zh = try run(["validate", plan], zh: true)
        #expect(zh.status == 0)
        #expect(zh.out.contains("任务序号 1 重复") && zh.out.contains("状态为已完成，但进度为 80%") && zh.out.contains("没有写类别"))
        let en = try run(["validate", plan, "--lang", "en"])
        #expect(en.out.contains("duplicate task number 1 in section \"s1\"") && en.out.contains("done but progress is 80%")
                && en.out.contains("no kind: taken as \"other\""))
    }

    @Test func versionAndDidYouMean() throws {
        let v = try run(["--version"])
        #expect(v.status == 0 && v.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let typo = try run(["reprot", "tasks"], zh: true)
        #expect(typo.status == 64 && typo.err.contains("是否要输入：shuangyong report？"))
        let typoEN = try run(["valdiate", "--lang", "en"])
        #expect(typoEN.status == 64 && typoEN.err.contains("Did you mean: shuangyong validate?"))
        // A first word that is a file, or ends in .json, is still a plan for the dashboard.
        let missing = try run(["reprot.json", "--lang", "en"])
        #expect(missing.status != 0 && !missing.err.contains("Did you mean"))
    }
}
