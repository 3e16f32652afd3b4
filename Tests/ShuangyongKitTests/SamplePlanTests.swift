import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

/// Fidelity of the bundled sample plan to the seed document it is transcribed from.
@Suite struct SamplePlanTests {
    // MARK: - Seed access

    /// The seed document, `Resources/county-model-plan.txt` in this test target (a copy of
    /// `shared/seeds/county-model-plan.txt`), read from the test bundle.
    static let seedURL: URL? = Bundle.module.url(forResource: "county-model-plan", withExtension: "txt",
                                                 subdirectory: "Resources")

    /// The seed text, or nil after recording an issue that says where it was looked for.
    func seed(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        guard let url = Self.seedURL else {
            Issue.record("seed document not found: Resources/county-model-plan.txt is not in \(Bundle.module.bundlePath)",
                         sourceLocation: sourceLocation)
            return nil
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("seed document not readable as UTF-8: \(url.path)", sourceLocation: sourceLocation)
            return nil
        }
        return text
    }

    /// The masks the sample restores, as (masked, restored): the inverse turns plan text back into seed text.
    static let masks: [(masked: String, restored: String)] = [
        ("军*谊晚会", "军民联谊晚会"),
        ("《中华人民共和*事设施保*》", "《中华人民共和国军事设施保护法》"),
        ("*员", "党员"),
        ("**防联治", "军警民联防联治"),
    ]

    /// Plan text → the seed's wording: the years back to `201x`, restored masks back to `*`.
    func seedForm(_ text: String, years: [Int]) -> String {
        var s = text
        for y in years { s = s.replacingOccurrences(of: String(y), with: "201x") }
        for m in Self.masks { s = s.replacingOccurrences(of: m.restored, with: m.masked) }
        return s
    }

    static let chineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八"]

    // MARK: - Structure

    @Test func sectionsAndTaskCounts() {
        let plan = SamplePlan.make(year: 2026)
        #expect(plan.sections.count == 8)
        #expect(plan.tasks.count == 45)
        #expect(plan.sections.map(\.id) == (1...8).map { "s\($0)" })
        #expect(plan.sections.map(\.number) == Array(1...8))
        #expect(plan.sections.map(\.title) == ["组织领导坚强有力", "宣传教育广泛深入", "拥军工作扎实有效", "拥政爱民成果显著",
                                               "政策法规落到实处", "双拥活动坚持经常", "军民共建富有成效", "军政军民关系融洽"])
        let counts = plan.sections.map { s in plan.tasks.filter { $0.sectionID == s.id }.count }
        #expect(counts == [5, 6, 8, 3, 10, 5, 5, 3])
        for s in plan.sections {
            let tasks = plan.tasks.filter { $0.sectionID == s.id }
            #expect(tasks.map(\.number) == Array(1...tasks.count), "numbering of \(s.id)")
            #expect(tasks.map(\.id) == tasks.map { "\(s.id)-\($0.number)" })
        }
        for t in plan.tasks {
            #expect(!t.title.isEmpty && t.title.count <= 16, "title of \(t.id): \(t.title)")
        }
    }

    @Test func planHeader() {
        let plan = SamplePlan.make(year: 2026)
        #expect(plan.title == "固始县创建双拥模范县实施方案")
        #expect(plan.organization == "固始县双拥工作领导小组")
        #expect(plan.year == 2026)
        #expect(plan.timeZoneID == "Asia/Shanghai")
        #expect(plan.note?.contains("示例数据") == true)
    }

    @Test(arguments: [2026, 2019])
    func phases(year y: Int) {
        let plan = SamplePlan.make(year: y)
        func day(_ year: Int, _ m: Int, _ d: Int) -> Day { Day(year: year, month: m, day: d)! }
        let expected: [(String, String, Day, Day)] = [
            ("p1", "组织准备", day(y, 4, 1), day(y, 5, 31)),
            ("p2", "全面实施", day(y, 6, 1), day(y, 9, 30)),
            ("p3", "检查自评", day(y, 9, 1), day(y, 10, 31)),
            ("p4", "迎检验收", day(y, 11, 1), day(y, 12, 31)),
            ("p5", "巩固提高", day(y + 1, 1, 1), day(y + 2, 12, 31)),
        ]
        #expect(plan.phases.count == expected.count)
        for (phase, e) in zip(plan.phases, expected) {
            #expect(phase.id == e.0)
            #expect(phase.name == e.1)
            #expect(phase.start == e.2, "\(phase.id) start")
            #expect(phase.end == e.3, "\(phase.id) end")
            #expect(!phase.summary.isEmpty)
        }
        #expect(plan.phases[0].summary.contains("《固始县\(y)年双拥工作要点》"))
        #expect(plan.phases[4].summary.contains("\(y + 2)年底前"))
    }

    @Test func yearMovesEverything() {
        let plan = SamplePlan.make(year: 2030)
        #expect(plan.year == 2030)
        for p in plan.phases.prefix(4) {
            #expect(p.start.year == 2030 && p.end.year == 2030, "\(p.id): \(p.start)…\(p.end)")
        }
        #expect(plan.phases[4].start == Day(year: 2031, month: 1, day: 1)!)
        #expect(plan.phases[4].end == Day(year: 2032, month: 12, day: 31)!)
        for t in plan.tasks {
            if let due = t.due { #expect(due.year == 2030, "\(t.id) due \(due)") }
            #expect(!t.text.contains("201x"), "\(t.id)")
            for n in t.notes { #expect(n.at.hasPrefix("2030-"), "\(t.id) note at \(n.at)") }
            for h in t.history { #expect(h.at.hasPrefix("2030-"), "\(t.id) history at \(h.at)") }
        }
        #expect(plan.tasks.first { $0.id == "s1-1" }?.text.contains("纳入2030年和今后工作计划") == true)
        #expect(plan.tasks.first { $0.id == "s6-4" }?.text.contains("从2030年起") == true)
    }

    // MARK: - Fidelity to the seed text

    @Test(arguments: [2026, 2019])
    func taskTextsAreVerbatim(year: Int) {
        guard let seed = seed() else { return }
        let plan = SamplePlan.make(year: year)
        for s in plan.sections {
            #expect(seed.contains("(\(Self.chineseNumerals[s.number - 1]))\(s.title)1、"), "section \(s.id) heading")
            let tasks = plan.tasks.filter { $0.sectionID == s.id }
            for (k, t) in tasks.enumerated() {
                let text = seedForm(t.text, years: [year])
                #expect(seed.contains(text), "\(t.id) text is not in the seed: \(text)")
                // The whole numbered item: from its number to the next number (or the unit lists).
                let next = k + 1 < tasks.count ? "\(k + 2)、" : "牵头单位:"
                #expect(seed.contains("\(t.number)、\(text)\(next)"), "\(t.id) is not the whole item")
            }
        }
    }

    @Test func yearPlaceholderIsInstantiated() {
        let plan = SamplePlan.make(year: 2026)
        let withYear = plan.tasks.filter { $0.text.contains("2026") }.map(\.id)
        #expect(withYear == ["s1-1", "s6-4"])
        #expect(plan.tasks.allSatisfy { !$0.text.contains("201x") })
    }

    @Test func masksRestoredOnlyWhereCertain() {
        let plan = SamplePlan.make(year: 2026)
        let text = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0.text) })
        #expect(text["s2-3"]?.contains("积极组织党员、共青团员") == true)
        #expect(text["s2-4"]?.contains("一场高质量的军民联谊晚会") == true)
        #expect(text["s4-1"]?.contains("加强军警民联防联治") == true)
        #expect(text["s5-2"] == "认真贯彻落《中华人民共和国军事设施保护法》,有效保护军事设施。")
        // The one mask left as it is: the department after 公安 cannot be told from the seed.
        let starred = plan.tasks.filter { $0.text.contains("*") }
        #expect(starred.map(\.id) == ["s2-5"])
        if let s25 = text["s2-5"] {
            #expect(s25.filter { $0 == "*" }.count == 1)
            #expect(s25.contains("住建、公用、交通、公安、*等有关部门"))
        }
        for t in plan.tasks { #expect(!t.title.contains("*"), "\(t.id) title") }
    }

    @Test func phaseAndActivitySummariesComeFromTheSeed() {
        guard let seed = seed() else { return }
        let plan = SamplePlan.make(year: 2026)
        let years = [2026, 2027, 2028]
        for p in plan.phases {
            #expect(seed.contains(seedForm(p.summary, years: years)), "phase \(p.id) summary")
        }
        for a in plan.activities {
            #expect(!a.summary.isEmpty, "\(a.id)")
            #expect(seed.contains(seedForm(a.summary, years: years)), "activity \(a.id) summary")
        }
    }

    // MARK: - Units

    /// The unit lists of each section, as the seed names them (`牵头单位:` / `责任单位:`).
    static let expectedUnits: [(lead: [String], responsible: [String])] = [
        (["xwb", "zfb"], ["bb", "rsj", "czj", "mzj", "syb", "zgbd", "cydw", "xz"]),
        (["xcb"], ["jtj", "wgxj", "zjj", "gaj", "jtysj", "mzj", "txw", "syb", "zgbd", "cydw", "xz"]),
        (["xwb", "zfb"], ["mzj", "czj", "jtj", "zjj", "gtj", "wgxj", "kjj", "fgw", "mzzjj", "gsl", "sfj", "rsj", "xz"]),
        (["rwb"], ["zgbd"]),
        (["mzj", "syb"], ["czj", "gaj", "wsj", "rsj", "gsj", "jtysj", "zgbd", "xz"]),
        (["zzb", "mzj"], ["cydw", "xz"]),
        (["syb", "rwb"], ["cydw", "xz", "zgbd"]),
        (["xwb", "zfb", "zgbd"], ["cydw", "xz"]),
    ]

    @Test func sectionUnitsAsTheSeedListsThem() {
        let plan = SamplePlan.make(year: 2026)
        for (s, e) in zip(plan.sections, Self.expectedUnits) {
            #expect(s.leadUnits == e.lead, "\(s.id) lead")
            #expect(s.responsibleUnits == e.responsible, "\(s.id) responsible")
        }
        guard let seed = seed() else { return }
        for s in SamplePlan.sectionSeeds {
            #expect(seed.contains("牵头单位:\(s.lead)。责任单位:\(s.responsible)"), "section \(s.number) unit lists")
        }
        // Section 七's list ends without a full stop, straight into (八).
        #expect(seed.contains("责任单位:\(SamplePlan.sectionSeeds[6].responsible)(八)"))
    }

    @Test func unitsAreWellFormed() {
        let plan = SamplePlan.make(year: 2026)
        let ids = plan.units.map(\.id)
        #expect(Set(ids).count == ids.count, "unit ids are unique")
        for u in plan.units {
            #expect(u.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }, "\(u.id)")
            #expect(!u.name.isEmpty && !u.shortName.isEmpty, "\(u.id)")
            #expect(u.shortName.count <= u.name.count, "\(u.id) short name")
        }
        let byID = Dictionary(uniqueKeysWithValues: plan.units.map { ($0.id, $0) })
        #expect(byID["zgbd"]?.name == "驻固各部队")
        #expect(byID["cydw"]?.shortName == "各成员单位")
        #expect(byID["xz"]?.shortName == "各乡镇")
        #expect(byID["rwb"]?.kind == .military && byID["zgbd"]?.kind == .military)
        #expect(byID["xz"]?.kind == .township)
        #expect(byID["xwb"]?.kind == .party && byID["xcb"]?.kind == .party && byID["txw"]?.kind == .party)
        #expect(byID["zfb"]?.kind == .government && byID["mzj"]?.kind == .government)
        #expect(byID["cydw"]?.kind == .other)
        // The seed's other spellings of the same units.
        #expect(SamplePlan.unitIDs("驻固部队") == ["zgbd"])
        #expect(SamplePlan.unitIDs("其他县双拥工作领导小组成员单位") == ["cydw"])
        #expect(SamplePlan.unitIDs("各乡镇及驻固部队") == ["xz", "zgbd"])
    }

    @Test func everyReferenceResolves() {
        let plan = SamplePlan.make(year: 2026)
        let units = Set(plan.units.map(\.id))
        for s in plan.sections {
            for u in s.leadUnits + s.responsibleUnits { #expect(units.contains(u), "\(s.id): \(u)") }
        }
        for t in plan.tasks {
            for u in t.ownerUnits { #expect(units.contains(u), "\(t.id): \(u)") }
            #expect(Set(t.ownerUnits).count == t.ownerUnits.count, "\(t.id) owners repeat")
        }
        for a in plan.activities {
            for u in a.units { #expect(units.contains(u), "\(a.id): \(u)") }
        }
        // No unit is orphaned: each is named by a section, a task or an activity.
        let used = Set(plan.sections.flatMap { $0.leadUnits + $0.responsibleUnits }
            + plan.tasks.flatMap(\.ownerUnits) + plan.activities.flatMap(\.units))
        #expect(units.subtracting(used).isEmpty, "unused units: \(units.subtracting(used).sorted())")
        for list in [plan.units.map(\.id), plan.phases.map(\.id), plan.sections.map(\.id),
                     plan.tasks.map(\.id), plan.activities.map(\.id)] {
            #expect(Set(list).count == list.count)
        }
    }

    @Test func ownersNamedByTheTaskText() {
        let plan = SamplePlan.make(year: 2026)
        let names = Dictionary(uniqueKeysWithValues: plan.units.map { ($0.id, $0.name) })
        let owners = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0.ownerUnits) })
        #expect(owners["s2-1"] == ["xcb", "dx", "jtj"])
        #expect(owners["s3-6"] == ["rsj", "jtj"])
        #expect(owners["s3-7"] == ["syb"])
        #expect(owners["s6-1"] == ["xcb", "gfjyb"])
        #expect(owners["s5-3"] == [])
        // A named specific owner appears in the task's text under its own name or the short spelling the
        // text uses (二-5: 住建、交通、公安; 一-2 names 县委、县政府, whose offices act for them).
        let spellings: [String: [String]] = ["zgbd": ["驻固部队", "驻固各部队"], "xz": ["乡镇"],
                                             "cydw": ["成员单位"], "xwb": ["县委"], "zfb": ["县政府"],
                                             "zjj": ["住建"], "jtysj": ["交通"], "gaj": ["公安"]]
        for t in plan.tasks {
            for u in t.ownerUnits {
                let forms = spellings[u] ?? [names[u] ?? u]
                #expect(forms.contains { t.text.contains($0) }, "\(t.id) owner \(u) not named in its text")
            }
        }
    }

    @Test func validates() {
        #expect(PlanValidation.problems(in: SamplePlan.make(year: 2026)).isEmpty)
        #expect(PlanValidation.problems(in: SamplePlan.make(year: 2019)).isEmpty)
    }

    // MARK: - Activities

    @Test func recurringActivities() {
        let plan = SamplePlan.make(year: 2026)
        let rules = Dictionary(uniqueKeysWithValues: plan.activities.map { ($0.id, ($0.kind, $0.rule)) })
        #expect(rules["a-bayi"]?.0 == .visit && rules["a-bayi"]?.1 == .yearly(month: 8, day: 1))
        #expect(rules["a-chunjie"]?.0 == .visit && rules["a-chunjie"]?.1 == .lunar(month: 1, day: 1))
        #expect(rules["a-huodongyue"]?.0 == .campaign && rules["a-huodongyue"]?.1 == .months([8]))
        #expect(rules["a-yijun"]?.0 == .meeting && rules["a-yijun"]?.1 == .months([8]))
        #expect(rules["a-ducha"]?.0 == .inspection && rules["a-ducha"]?.1 == .months([7, 12]))
        #expect(rules["a-lianxidian"]?.0 == .visit && rules["a-lianxidian"]?.1 == .halfYearly)
        #expect(rules["a-shuzhi"]?.0 == .report && rules["a-shuzhi"]?.1 == .months([12]))
        #expect(rules["a-quanti"]?.0 == .meeting)
        if case .once(let day)? = rules["a-quanti"]?.1 {
            #expect(plan.phases[0].contains(day), "the full meeting falls in 组织准备")
            #expect(day.weekdayFromMonday < 5)
        } else {
            Issue.record("a-quanti should be a single day")
        }
        #expect(plan.activities.count == 8)
    }

    // MARK: - Sample progress

    @Test func sampleProgressOnOctoberFifteenth() {
        let plan = SamplePlan.make(year: 2026)
        let today = Day(year: 2026, month: 10, day: 15)!
        let phaseEnd = Dictionary(uniqueKeysWithValues: plan.phases.map { ($0.id, $0.end) })
        func count(_ s: TaskStatus) -> Int { plan.tasks.filter { $0.status == s }.count }
        #expect((13...17).contains(count(.done)))
        #expect((13...17).contains(count(.inProgress)))
        #expect(count(.blocked) == 2)
        #expect(count(.cancelled) == 1)
        #expect(count(.notStarted) >= 8)
        for t in plan.tasks {
            switch t.status {
            case .done: #expect(t.progress == 100, "\(t.id)")
            case .inProgress: #expect((20...80).contains(t.progress), "\(t.id) progress \(t.progress)")
            case .notStarted: #expect(t.progress == 0, "\(t.id)")
            case .blocked, .cancelled: #expect((0...100).contains(t.progress))
            }
        }
        let overdue = plan.tasks.filter { t in
            !t.status.isClosed && (t.due ?? phaseEnd[t.phaseID]!) < today
        }
        #expect(overdue.count >= 4, "several tasks are overdue")
        #expect(overdue.allSatisfy { $0.phaseID == "p1" || $0.phaseID == "p2" })
        // Something is still open and not yet due, so not everything is red.
        #expect(plan.tasks.contains { !$0.status.isClosed && ($0.due ?? phaseEnd[$0.phaseID]!) >= today })

        let byID = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0) })
        #expect(byID["s2-2"]?.target == QuantifiedTarget(required: 2, achieved: 1, unit: "篇", label: "市级以上新闻单位双拥稿件"))
        #expect(byID["s2-1"]?.target?.required == 100 && byID["s2-1"]?.target?.unit == "%")
        #expect(byID["s2-4"]?.target?.required == 5 && byID["s2-4"]?.target?.unit == "项")
        for t in plan.tasks {
            guard let target = t.target else { continue }
            #expect((0...target.required).contains(target.achieved), "\(t.id) achieved")
            if t.status == .done { #expect(target.isMet, "\(t.id) is done but its target is not met") }
        }
        // Tasks fixed to a date by their text.
        #expect(byID["s2-3"]?.due == Day(year: 2026, month: 8, day: 31)!)
        #expect(byID["s3-7"]?.due == Day(year: 2026, month: 8, day: 1)!)
        #expect(byID["s6-4"]?.due == Day(year: 2026, month: 12, day: 31)!)
    }

    @Test func notesAndHistoryAreWellFormed() {
        let plan = SamplePlan.make(year: 2026)
        let iso = ISO8601DateFormatter()
        let lastPlanDay = Day(year: 2026, month: 10, day: 15)!
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        #expect(plan.tasks.filter { !$0.notes.isEmpty }.count >= 5)
        #expect(plan.tasks.filter { !$0.history.isEmpty }.count >= 5)
        for t in plan.tasks {
            let stamps = t.notes.map { ($0.at, $0.by) } + t.history.map { ($0.at, $0.by) }
            for (at, by) in stamps {
                guard let instant = iso.date(from: at) else {
                    Issue.record("\(t.id): \(at) is not an ISO 8601 instant")
                    continue
                }
                #expect(at.hasSuffix("+08:00"))
                #expect(Day(instant: instant, in: zone) <= lastPlanDay, "\(t.id): \(at) is after the sample's date")
                #expect(!by.isEmpty)
            }
            let times = t.history.compactMap { iso.date(from: $0.at) }
            #expect(times == times.sorted(), "\(t.id) history is in time order")
            if t.status == .notStarted {
                #expect(!t.history.contains { $0.change.contains("→ 进行中") }, "\(t.id)")
            }
            // The last status change in the history is the task's status.
            if let last = t.history.last(where: { $0.change.hasPrefix("状态: ") }) {
                let labels: [TaskStatus: String] = [.notStarted: "未开始", .inProgress: "进行中", .done: "已完成",
                                                    .blocked: "受阻", .cancelled: "已取消"]
                #expect(last.change.hasSuffix("→ \(labels[t.status]!)"), "\(t.id): \(last.change)")
            }
        }
    }
}
