import Foundation
import PlanFile
@testable import PlanImport
@testable import ShuangyongKit
import TestFixtures
import Testing

/// A file in this target's Resources/.
func resource(_ name: String) -> String {
    Bundle.module.path(forResource: "Resources/" + name, ofType: nil)!
}

/// Imports a resource (or fails the test with the error).
func importResource(_ name: String, year: Int? = 2026, tools: DocumentLoader.Tools = .system) throws -> ImportResult {
    try PlanImporter.importFile(resource(name), year: year, tools: tools)
}

/// How an imported seed compares with the bundled sample plan.
struct SeedComparison {
    var sections = Score(), tasks = Score(), units = Score(), phases = Score(), activities = Score(), roles = Score()
    var invented: [String] = []

    init(_ plan: Plan, year: Int = 2026) {
        let sample = SamplePlan.make(year: year)
        sections = Score(matched: zip(plan.sections, sample.sections).filter { $0.title == $1.title }.count,
                         produced: plan.sections.count, expected: sample.sections.count)
        // Task texts as the seed writes them (the sample restores some masks; the importer keeps them).
        var seedTexts: [String: String] = [:]
        for s in SamplePlan.sectionSeeds { for t in s.tasks { seedTexts["s\(s.number)-\(t.number)"] = t.text.replacingOccurrences(of: "201x", with: String(year)) } }
        tasks = Score(matched: plan.tasks.filter { seedTexts[$0.id] == $0.text }.count, produced: plan.tasks.count, expected: seedTexts.count)
        let sampleNames = Set(sample.units.map(\.name))
        let mine = Set(plan.units.map(\.name))
        invented = mine.subtracting(sampleNames).sorted()
        units = Score(matched: mine.intersection(sampleNames).count, produced: mine.count, expected: sampleNames.count)
        phases = Score(matched: plan.phases.filter { p in sample.phases.contains { $0.name == p.name && $0.start == p.start && $0.end == p.end } }.count,
                       produced: plan.phases.count, expected: sample.phases.count)
        activities = Score(matched: plan.activities.filter { a in sample.activities.contains { $0.rule == a.rule && $0.kind == a.kind } }.count,
                           produced: plan.activities.count, expected: sample.activities.count)
        // Lead and responsible units of every section, by name.
        func names(_ ids: [String], _ p: Plan) -> Set<String> { Set(ids.compactMap { id in p.units.first { $0.id == id }?.name }) }
        var rm = 0, rp = 0, re = 0
        for (a, b) in zip(plan.sections, sample.sections) {
            let x = names(a.leadUnits, plan).union(names(a.responsibleUnits, plan).map { "r:" + $0 })
            let y = names(b.leadUnits, sample).union(names(b.responsibleUnits, sample).map { "r:" + $0 })
            rm += x.intersection(y).count; rp += x.count; re += y.count
        }
        roles = Score(matched: rm, produced: rp, expected: re)
    }

    var summary: String {
        "sections \(sections) · tasks \(tasks) · units \(units) · roles \(roles) · phases \(phases) · activities \(activities)"
    }
}

@Suite("Importing the seed plan")
struct SeedImportTests {
    func check(_ name: String, sourceFormat: String) throws {
        let r = try importResource(name)
        let c = SeedComparison(r.plan)
        print("[score] seed \(name): \(c.summary)")
        if c.units.recall < 1 { print("[score] missing units: \(Set(SamplePlan.make(year: 2026).units.map(\.name)).subtracting(r.plan.units.map(\.name)).sorted())") }
        #expect(r.report.format.contains(sourceFormat))
        #expect(c.sections.matched == 8)
        #expect(r.plan.tasks.count == 45)
        #expect(c.tasks.recall >= 0.95, "\(c.tasks)")
        #expect(c.units.recall >= 0.95, "\(c.units)")
        #expect(c.invented.isEmpty, "invented units: \(c.invented)")
        #expect(c.roles.recall >= 0.95 && c.roles.precision >= 0.95, "\(c.roles)")
        #expect(c.phases.matched == 5, "\(c.phases)")
        #expect(c.activities.matched >= 7, "\(c.activities)")
        #expect(PlanValidation.problems(in: r.plan).isEmpty)
        // The plan file round-trips: validate passes on every plan the importer writes.
        let back = try PlanStore.decode(PlanStore.encode(r.plan), file: name)
        #expect(back == r.plan)
    }

    @Test func plainTextCopiedFromAWebPage() throws {
        try check("county-model-plan.txt", sourceFormat: "UTF-8")
        let r = try importResource("county-model-plan.txt")
        #expect(r.report.structure.contains("(一)") && r.report.structure.contains("1、"))
        #expect(r.report.noise.contains { $0.contains("欢迎访问") })
        #expect(r.report.noise.contains { $0.contains("链接地址") })
        #expect(r.report.warnings.contains { $0.contains("军*谊晚会") }, "masked characters are listed")
        #expect(r.plan.tasks.first { $0.id == "s2-4" }!.text.contains("军*谊晚会"), "masks are kept as they are")
        #expect(r.plan.organization == "固始县双拥工作领导小组")
    }

    @Test func gb18030Text() throws { try check("seed-plan-gb18030.txt", sourceFormat: "GB18030") }
    @Test func wordDocumentWithAutomaticNumbering() throws { try check("seed-plan.docx", sourceFormat: "docx") }
    @Test func taskTableInWordWithMergedCells() throws { try check("seed-table.docx", sourceFormat: "docx") }
    @Test func taskTableInExcel() throws { try check("seed-tasks.xlsx", sourceFormat: "xlsx") }

    @Test(.enabled(if: DocumentLoader.Tools.system.which("antiword") != nil, "antiword is not installed"))
    func word97ThroughAntiword() throws { try check("seed-plan.doc", sourceFormat: "antiword") }

    @Test func utf8WithByteOrderMark() throws {
        try withTemporaryFolder { dir in
            let seed = try Data(contentsOf: URL(fileURLWithPath: resource("county-model-plan.txt")))
            let path = dir.file("plan.txt")
            _ = FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF]) + seed)
            let r = try PlanImporter.importFile(path, year: 2026)
            #expect(r.report.format.contains("BOM"))
            #expect(r.plan.tasks.count == 45)
        }
    }

    @Test func placeholdersNeedAYear() {
        #expect(throws: ImportError.needsYear(placeholder: "201x年")) { try importResource("county-model-plan.txt", year: nil) }
        #expect(ImportError.needsYear(placeholder: "201x年").description.contains("--year"))
    }

    @Test func phasesTakeTheirMonthsAndTheYearsAfter() throws {
        let p = try importResource("county-model-plan.txt").plan
        #expect(p.phases.map(\.name) == ["组织准备", "全面实施", "检查自评", "迎检验收", "巩固提高"])
        #expect(p.phases[2].start == Day(year: 2026, month: 9, day: 1) && p.phases[2].end == Day(year: 2026, month: 10, day: 31))
        #expect(p.phases[4].start == Day(year: 2027, month: 1, day: 1) && p.phases[4].end == Day(year: 2028, month: 12, day: 31))
    }

    @Test func ownersNamedInTaskTexts() throws {
        let p = try importResource("county-model-plan.txt").plan
        func owners(_ id: String) -> Set<String> {
            Set(p.tasks.first { $0.id == id }!.ownerUnits.map { u in p.units.first { $0.id == u }!.name })
        }
        #expect(owners("s3-6") == ["县人社局", "县教体局"])
        #expect(owners("s2-4") == ["县委宣传部", "县双拥办", "县文广新局", "团县委", "县妇联", "驻固各部队"])
        #expect(owners("s2-5") == ["县双拥办", "县住建局", "县交通运输局", "县公安局"])
        #expect(owners("s1-2") == ["县委办", "县政府办", "驻固各部队"])
        #expect(owners("s7-2").isEmpty)
        let kinds = Dictionary(uniqueKeysWithValues: p.units.map { ($0.name, $0.kind) })
        #expect(kinds["县人武部"] == .military && kinds["各乡镇(办事处)"] == .township && kinds["县委宣传部"] == .party
                && kinds["县民政局"] == .government)
    }

    @Test func recurringActivities() throws {
        let rules = try importResource("county-model-plan.txt").plan.activities.map(\.rule)
        #expect(rules.contains(.yearly(month: 8, day: 1)))
        #expect(rules.contains(.lunar(month: 1, day: 1)))
        #expect(rules.contains(.months([8])))
        #expect(rules.contains(.months([7, 12])))
        #expect(rules.contains(.months([12])))
        #expect(rules.contains(.halfYearly))
    }

    @Test func targetsAndDeadlines() throws {
        let p = try importResource("county-model-plan.txt").plan
        let t = p.tasks.first { $0.id == "s2-2" }!
        #expect(t.target?.required == 2 && t.target?.unit == "篇")
        #expect(t.due == Day(year: 2026, month: 12, day: 31))
        #expect(p.tasks.first { $0.id == "s2-1" }!.target.map { [$0.required] } != nil)
        #expect(p.tasks.first { $0.id == "s6-2" }!.due == Day(year: 2026, month: 8, day: 31))
    }
}

@Suite("Real documents of other places (shared importer examples)")
struct ExampleDocumentTests {
    static let names = ["01-bengbu-city-2022-keypoints", "03-bayi-activities-city-table", "05-community-quarterly-plan",
                        "10-city-science-bureau-2017-traditional", "12-district-transport-system-plan"]

    @Test(arguments: names)
    func scoresAgainstTheAnswerKey(_ name: String) throws {
        let key = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: resource("examples/\(name).expected.json")))) as! [String: Any]
        let r = try importResource("examples/\(name).txt", year: nil)
        let s = AnswerKeyScore(plan: r.plan, key: key)
        print("[score] \(name): tasks \(s.tasks) · units \(s.units) · phases \(s.phases) · activities \(s.activities)")
        #expect(s.inventedUnits.isEmpty, "invented units: \(s.inventedUnits)")
        #expect(s.noiseUsed.isEmpty, "noise used: \(s.noiseUsed)")
        #expect(s.tasks.recall >= 0.9 && s.tasks.precision >= 0.9, "\(s.tasks)")
        #expect(s.units.recall >= 0.9, "\(s.units)")
        #expect(s.phases.recall == 1, "\(s.phases)")
        #expect(PlanValidation.problems(in: r.plan).isEmpty)
        if let year = key["year"] as? Int { #expect(r.plan.year == year) }
    }

    @Test func traditionalCharactersAreConverted() throws {
        let r = try importResource("examples/10-city-science-bureau-2017-traditional.txt", year: nil)
        #expect(r.plan.sections[0].title.hasPrefix("深入学习贯彻党的双拥工作精神"))
        #expect(r.report.warnings.contains { $0.contains("Traditional") })
        #expect(r.report.warnings.contains { $0.contains("xxx") })
    }

    @Test func watermarksAndTimeSections() throws {
        let r = try importResource("examples/05-community-quarterly-plan.txt", year: nil)
        #expect(r.plan.tasks[0].text.hasPrefix("节前在社区内开展一次“军民共建洁净家园”"), "the watermark is cut out of the sentence")
        #expect(r.plan.phases.map(\.name) == ["1--3月", "4--6月", "7~9月", "10~12月"])
        #expect(r.report.year == 2005 && r.report.yearSource.contains("anniversary"))
    }

    @Test func flattenedTableWithChunkMarkers() throws {
        let r = try importResource("examples/03-bayi-activities-city-table.txt", year: 2013)
        let t5 = r.plan.tasks[4]
        #expect(t5.text.hasPrefix("开展“关爱功臣行动"))
        #expect(r.plan.tasks.count == 15)
        #expect(r.plan.units.contains { $0.name == "市人武部" } && !r.plan.units.contains { $0.name.hasSuffix("十") })
        #expect(r.plan.activities.contains { $0.rule == .once(Day(year: 2013, month: 7, day: 30)!) })
    }

    @Test func footerGluedToTheLastItem() throws {
        let r = try importResource("examples/12-district-transport-system-plan.txt", year: nil)
        #expect(r.plan.tasks.map(\.number) == [1, 2, 3, 4])
        #expect(r.plan.tasks[3].text.hasPrefix("各单位"))
        #expect(r.report.noise.contains { $0.contains("第 1 页 共 8 页") })
        #expect(r.plan.year == 2010)
    }
}

@Suite("Formats, converters and rules")
struct ImportRuleTests {
    func text(_ s: String, year: Int? = 2026) throws -> ImportResult {
        try PlanImporter.importDocument(SourceDocument(blocks: s.split(separator: "\n", omittingEmptySubsequences: false).map { .paragraph(String($0)) },
                                                       format: "text"), file: "t.txt", year: year)
    }

    @Test func legacyFormatsWithoutConverterSayWhatToInstall() throws {
        try withTemporaryFolder { dir in
            let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 512)
            for ext in ["wps", "xls", "doc"] {
                let path = dir.file("plan.\(ext)")
                _ = FileManager.default.createFile(atPath: path, contents: ole)
                do {
                    _ = try PlanImporter.importFile(path, year: 2026, tools: DocumentLoader.Tools { _ in nil })
                    Issue.record("expected a converter message for .\(ext)")
                } catch let error as ImportError {
                    #expect(error.description.contains("LibreOffice"))
                    #expect(error.description.contains(".docx/.xlsx"))
                }
            }
        }
    }

    @Test(.enabled(if: DocumentLoader.Tools.system.which("soffice") != nil, "LibreOffice is not installed"))
    func spreadsheetConvertedByLibreOffice() throws {
        try withTemporaryFolder { dir in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: DocumentLoader.Tools.system.which("soffice")!)
            p.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to", "xls", "--outdir", dir.path, resource("seed-tasks.xlsx")]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let r = try PlanImporter.importFile(dir.file("seed-tasks.xls"), year: 2026)
            #expect(r.report.format.contains("LibreOffice"))
            #expect(r.plan.tasks.count == 45)
        }
    }

    @Test func csvTaskTableInGBK() throws {
        try withTemporaryFolder { dir in
            let csv = "序号,工作内容,牵头单位,配合单位,完成时限,备注\r\n1,开展“八一”走访慰问驻军部队,区民政局,\"区财政局、区人武部\",7月下旬,\r\n2,召开议军会议,区委办,区政府办,8月底前,\r\n"
            let path = dir.file("tasks.csv")
            let cd = TextDecoding.iconvDecode(Array(csv.utf8), from: "UTF-8") != nil
            #expect(cd)
            // Encode as GB18030 with iconv through the shell-free path: round-trip the known bytes.
            let gbk = try #require(encodeGB18030(csv))
            _ = FileManager.default.createFile(atPath: path, contents: Data(gbk))
            let r = try PlanImporter.importFile(path, year: 2026)
            #expect(r.report.format.contains("GB18030"))
            #expect(r.plan.tasks.count == 2)
            #expect(Set(r.plan.units.map(\.name)) == ["区民政局", "区财政局", "区人武部", "区委办", "区政府办"])
            #expect(r.plan.tasks[1].due == Day(year: 2026, month: 8, day: 31))
        }
    }

    @Test func runOnNumberingAndYiShi() throws {
        let r = try text("""
        2026年全县双拥工作要点
        一、加强宣传
        1、开展国防教育宣传活动。
        2、县委宣传部负责编印双拥简报。
        二、服务部队
        3、县人社局负责随军家属就业安置。
        """)
        #expect(r.plan.sections.count == 2 && r.plan.tasks.map(\.number) == [1, 2, 3])
        #expect(r.report.structure.contains("run on"))
        let s = try text("""
        2026年双拥工作安排
        一、重点工作
        今年重点抓好三件事：一是县民政局负责走访慰问；二是县双拥办牵头组织联谊；三是县人武部负责征兵。
        二、保障措施
        一是加强领导。二是强化督查。
        """)
        #expect(s.plan.tasks.count == 5)
    }

    @Test func webNoiseNeverBecomesTasksOrUnits() throws {
        let r = try text("""
        您好，欢迎访问某某文档网
        当前位置：首页 > 范文 > 工作计划
        2026年全县双拥工作计划
        一、组织领导
        1、县民政局负责制定年度计划。（牵头单位：县民政局）
        2、县双拥办负责督促检查。省略1200字
        上一篇：2025年工作总结
        下一篇：双拥工作汇报
        相关栏目：工作计划
        本文链接：https://example.com/a/1.html
        """)
        #expect(r.plan.tasks.count == 2)
        #expect(!r.plan.units.contains { $0.name.contains("文档") || $0.name.contains("栏目") })
        #expect(r.report.warnings.contains { $0.contains("truncated") })
        #expect(r.report.noise.count >= 5)
    }

    @Test func nothingUsableIsAnError() {
        #expect(throws: ImportError.self) { try text("只是一段文字，没有任何编号。") }
    }

    @Test func aHundredPagePlanImportsWhole() throws {
        let seed = try String(contentsOfFile: resource("county-model-plan.txt"), encoding: .utf8)
        let body = seed.components(separatedBy: "二、创建任务及责任")[1].components(separatedBy: "三、工作步骤")[0]
        // A hundred pages (at about 620 characters a printed page): parts 二、三、… each holding the seed's
        // eight sections of tasks.
        var text = "2026年某县双拥工作实施方案\n一、指导思想\n为做好双拥工作，制定本方案。\n"
        var parts = 0
        while text.count < 100 * 620 {
            parts += 1
            text += "\(ChineseNumerals.string(parts + 1))、创建任务及责任\n" + body
        }
        let n = parts * 8
        text += "\(ChineseNumerals.string(parts + 2))、工作步骤\n(一)组织准备阶段(2026年4月至5月)。部署。\n"
        let clock = ContinuousClock()
        var result: ImportResult?
        let elapsed = try clock.measure { result = try self.text(text) }
        let pages = text.count / 620
        print("[timing] \(pages) pages (\(text.count) characters, \(result!.plan.tasks.count) tasks): \(elapsed)")
        #expect(result!.plan.tasks.count == 45 * (n / 8))
        // Timing is measured, not asserted (tests never pass or fail on speed): the release figure is in the README.
    }
}

/// GB18030 bytes of `s` through iconv (for writing a fixture in the test).
func encodeGB18030(_ s: String) -> [UInt8]? {
    let cd = iconv_open("GB18030", "UTF-8")
    if cd == iconv_t(bitPattern: -1) { return nil }
    defer { iconv_close(cd) }
    var input = Array(s.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count, outLeft = output.count
    let ok = input.withUnsafeMutableBufferPointer { ib in
        output.withUnsafeMutableBufferPointer { ob in
            var ip: UnsafeMutablePointer<CChar>? = ib.baseAddress
            var op: UnsafeMutablePointer<CChar>? = ob.baseAddress
            return iconv(cd, &ip, &inLeft, &op, &outLeft) != -1
        }
    }
    return ok ? output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) } : nil
}
