import Foundation

/// The bundled sample plan: 固始县's plan for becoming a 双拥模范县, transcribed from the seed document
/// (`shared/seeds/county-model-plan.txt`) and instantiated for a year.
///
/// What is transcribed (and checked against the seed by `SamplePlanTests`): the sections with their
/// 牵头单位 / 责任单位, all 45 numbered tasks word for word, the five phases of 三、工作步骤, and the
/// recurring activities the text states. What is invented: each task's status, progress, notes and
/// history — the plan's `note` says so.
///
/// Transcription rules:
/// - The seed's year placeholder `201x` becomes the plan's year (in 巩固提高's "201x年底前", the end of
///   that phase: year + 2).
/// - The web site's `*` masks are restored only where the wording is certain (`restoredMasks`).
/// - Punctuation stays as the seed has it (ASCII `,` `:` `;` `(` `)` next to `、` `。` `“”`).
public enum SamplePlan {
    /// How many years past the plan year the sample's last phase (巩固提高) runs: to the end of year + 2.
    public static let yearsAfterPlanYear = 2

    /// The years the sample can be made for: a plan year whose derived dates (the end of 巩固提高, year + 2)
    /// are plan days too — 1900–9997.
    public static let years: ClosedRange<Int> = PlanDates.years.lowerBound...(PlanDates.years.upperBound - yearsAfterPlanYear)

    /// Why the sample cannot be made for `year` (the year, or a date derived from it, is out of range), or nil.
    public static func yearProblem(_ year: Int) -> String? {
        if let p = PlanDates.yearProblem(year) { return p }
        let (last, overflow) = year.addingReportingOverflow(yearsAfterPlanYear)
        if overflow || PlanDates.yearProblem(last) != nil {
            return "year \(year): the sample's last phase (巩固提高) runs to the end of year + \(yearsAfterPlanYear), past \(PlanDates.years.upperBound); "
                + "use \(years.lowerBound)–\(years.upperBound)"
        }
        return nil
    }

    /// The seed plan instantiated for `year` (201x → year), with plausible sample progress.
    ///
    /// `year` should be in `years` (`yearProblem` says why not): outside it the dates that would leave
    /// 0001–9999 are clamped to that range rather than trapping, and the plan fails validation.
    public static func make(year: Int) -> Plan {
        let progress = sampleProgress(year: year)
        var sections: [Section] = []
        var tasks: [PlanTask] = []
        for seed in sectionSeeds {
            let sectionID = "s\(seed.number)"
            sections.append(Section(id: sectionID, number: seed.number, title: seed.title,
                                    leadUnits: unitIDs(seed.lead), responsibleUnits: unitIDs(seed.responsible)))
            for t in seed.tasks {
                let id = "\(sectionID)-\(t.number)"
                var task = PlanTask(id: id, sectionID: sectionID, number: t.number, title: t.title,
                                    text: instantiate(t.text, year: year), phaseID: t.phase.rawValue,
                                    ownerUnits: t.owners, due: t.due.map { day(year, $0.month, $0.day) },
                                    target: t.target)
                if let p = progress[id] {
                    task.status = p.status
                    task.progress = p.progress
                    if let achieved = p.achieved { task.target?.achieved = achieved }
                    task.notes = p.notes
                    task.history = p.history
                }
                tasks.append(task)
            }
        }
        let phases = makePhases(year: year)
        return Plan(
            title: "固始县创建双拥模范县实施方案",
            organization: "固始县双拥工作领导小组",
            year: year,
            timeZoneID: "Asia/Shanghai",
            note: "示例数据：进度、备注与历史为演示而虚构 (sample data: progress, notes and history are invented for demonstration)",
            isSample: true,
            units: units,
            phases: phases,
            sections: sections,
            tasks: tasks,
            activities: makeActivities(year: year, tasks: tasks, phases: phases))
    }

    // MARK: - Transcription helpers

    /// The site's masks that are restored, as (masked, restored). Nothing else is restored.
    ///
    /// Left masked on purpose: "住建、公用、交通、公安、*等有关部门" (section 二, task 5). The hidden department
    /// could be 城管, 电力, 工商 …; the seed gives no way to tell, so the `*` stays.
    static let restoredMasks: [(masked: String, restored: String)] = [
        ("军*谊晚会", "军民联谊晚会"),
        ("《中华人民共和*事设施保*》", "《中华人民共和国军事设施保护法》"),
        ("*员", "党员"),                       // 组织*员、共青团员、民兵 …
        ("**防联治", "军警民联防联治"),          // the standard phrase 加强军警民联防联治
    ]

    /// Seed text → plan text: `201x` → `year`, certain masks restored.
    static func instantiate(_ seedText: String, year: Int) -> String {
        var s = seedText.replacingOccurrences(of: "201x", with: String(year))
        for m in restoredMasks { s = s.replacingOccurrences(of: m.masked, with: m.restored) }
        return s
    }

    /// Unit ids for a unit list as the seed writes it: names joined by `、` and `及`
    /// ("驻固各部队及其他县双拥工作领导小组成员单位", "各乡镇及驻固部队").
    static func unitIDs(_ list: String) -> [String] {
        list.split(separator: "、").flatMap { $0.split(separator: "及") }.map { name in
            guard let id = unitAliases[String(name)] else {
                preconditionFailure("SamplePlan: no unit for \"\(name)\"")
            }
            return id
        }
    }

    /// The sentence (ending in `。`) of `text` that contains `key`, for activity summaries.
    private static func sentence(in text: String, containing key: String) -> String {
        var start = text.startIndex
        while let stop = text[start...].firstIndex(of: "。") {
            let s = String(text[start...stop])
            if s.contains(key) { return s }
            start = text.index(after: stop)
        }
        preconditionFailure("SamplePlan: no sentence with \"\(key)\"")
    }

    // MARK: - Units

    /// Every unit the seed names in a 牵头单位 / 责任单位 list or as the doer in a task's text.
    /// Collective names (各乡镇(办事处), 县双拥工作领导小组各成员单位 …) are units of their own.
    /// Not units: generic actors (各级党委、政府, 各级各部门, 各机关团体, 县级领导) and the departments
    /// 公用 and `*` of 二-5, which the seed never names in full.
    static let units: [Unit] = [
        Unit(id: "xwb", name: "县委办", kind: .party),
        Unit(id: "xcb", name: "县委宣传部", shortName: "宣传部", kind: .party),
        Unit(id: "zzb", name: "县委组织部", shortName: "组织部", kind: .party),
        Unit(id: "dx", name: "县委党校", kind: .party),
        Unit(id: "bb", name: "县编办", kind: .party),
        Unit(id: "txw", name: "团县委", kind: .party),
        Unit(id: "zfb", name: "县政府办", kind: .government),
        Unit(id: "syb", name: "县双拥办", kind: .government),
        Unit(id: "mzj", name: "县民政局", kind: .government),
        Unit(id: "czj", name: "县财政局", kind: .government),
        Unit(id: "rsj", name: "县人社局", kind: .government),
        Unit(id: "jtj", name: "县教体局", kind: .government),
        Unit(id: "wgxj", name: "县文广新局", shortName: "文广新局", kind: .government),
        Unit(id: "zjj", name: "县住建局", kind: .government),
        Unit(id: "gaj", name: "县公安局", kind: .government),
        Unit(id: "jtysj", name: "县交通运输局", shortName: "交通局", kind: .government),
        Unit(id: "gtj", name: "县国土局", kind: .government),
        Unit(id: "kjj", name: "县科技局", kind: .government),
        Unit(id: "fgw", name: "县发改委", kind: .government),
        Unit(id: "mzzjj", name: "县民族宗教局", shortName: "民宗局", kind: .government),
        Unit(id: "sfj", name: "县司法局", kind: .government),
        Unit(id: "wsj", name: "县卫生局", kind: .government),
        Unit(id: "gsj", name: "县工商局", kind: .government),
        Unit(id: "gfjyb", name: "县国防教育办公室", shortName: "国教办", kind: .government),
        Unit(id: "rwb", name: "县人武部", kind: .military),
        Unit(id: "zgbd", name: "驻固各部队", shortName: "驻固部队", kind: .military),
        Unit(id: "xz", name: "各乡镇(办事处)", shortName: "各乡镇", kind: .township),
        Unit(id: "ldxz", name: "县双拥工作领导小组", shortName: "领导小组", kind: .other),
        Unit(id: "cydw", name: "县双拥工作领导小组各成员单位", shortName: "各成员单位", kind: .other),
        Unit(id: "gsl", name: "县工商联", kind: .other),
        Unit(id: "fl", name: "县妇联", kind: .other),
        Unit(id: "xwdw", name: "各新闻单位", shortName: "新闻单位", kind: .other),
        Unit(id: "gsw", name: "固始网", kind: .other),
        Unit(id: "gsdst", name: "固始电视台", shortName: "电视台", kind: .other),
    ]

    /// Every spelling the seed's unit lists use → unit id.
    static let unitAliases: [String: String] = {
        var map = Dictionary(uniqueKeysWithValues: units.map { ($0.name, $0.id) })
        map["驻固部队"] = "zgbd"                        // 八's 牵头单位, 七's "各乡镇及驻固部队"
        map["其他县双拥工作领导小组成员单位"] = "cydw"     // 一's and 二's 责任单位
        map["各乡镇"] = "xz"                            // 七's "各乡镇及驻固部队"
        return map
    }()

    // MARK: - Phases (三、工作步骤)

    /// A day of a year derived from the plan year; clamped to `Day.min` … `Day.max` (never a trap) when
    /// the year is outside 0001–9999, which `yearProblem` refuses first.
    static func day(_ year: Int, _ month: Int, _ d: Int) -> Day {
        Day(year: year, month: month, day: d) ?? (year < 1 ? .min : .max)
    }

    private static func makePhases(year y: Int) -> [Phase] {
        return [
            Phase(id: "p1", name: "组织准备", start: day(y, 4, 1), end: day(y, 5, 31),
                  summary: instantiate("研究制定《固始县201x年双拥工作要点》,确定任务,明确责任,落实措施。建立完善各级双拥工作领导小组、双拥办公室以及各成员单位的职责和制度。组织召开“固始县双拥工作领导小组成员扩大会议”,深入发动,下达任务,整体推进。完成各类文件起草、各项指标分解落实、备查资料收集整理以及相关部门的协调等工作。", year: y)),
            Phase(id: "p2", name: "全面实施", start: day(y, 6, 1), end: day(y, 9, 30),
                  summary: "按照省级双拥模范县标准,修订完善我县双拥创建方案,突出重点,突破难点,抓好亮点,确保各项工作落到实处。"),
            // The seed's phase months overlap: 9月 ends 全面实施 and starts 检查自评.
            Phase(id: "p3", name: "检查自评", start: day(y, 9, 1), end: day(y, 10, 31),
                  summary: "重点对照河南省创建双拥模范县考评标准进行自查,查缺补漏,完善提高,做好迎接检查各项准备工作。"),
            Phase(id: "p4", name: "迎检验收", start: day(y, 11, 1), end: day(y, 12, 31),
                  summary: "重点结合自查情况,制定迎考方案,向省考评组全面汇报我县双拥工作成果,迎接省考核验收。"),
            // (201x年至201x年): the two years after the plan's year; "201x年底前" is the end of the last.
            Phase(id: "p5", name: "巩固提高", start: day(y &+ 1, 1, 1), end: day(y &+ yearsAfterPlanYear, 12, 31),
                  summary: instantiate("继续巩固工作成果,全力向双拥模范县创建目标冲刺并在201x年底前实现考核验收和命名。", year: y &+ yearsAfterPlanYear)),
        ]
    }

    // MARK: - Sections and tasks (二、创建任务及责任)

    enum PhaseRef: String, Sendable { case p1, p2, p3, p4, p5 }

    struct MonthDay: Sendable {
        let month: Int
        let day: Int
    }

    struct TaskSeed: Sendable {
        let number: Int
        let title: String
        let phase: PhaseRef
        /// Units the task's own text names as doing it.
        let owners: [String]
        /// Only where the text fixes a date (8月, 八一, 全年, 年底, 12月); otherwise the phase end.
        let due: MonthDay?
        let target: QuantifiedTarget?
        /// The task as the seed writes it (with `201x` and the site's masks).
        let text: String
    }

    struct SectionSeed: Sendable {
        let number: Int
        let title: String
        /// The 牵头单位 and 责任单位 lists exactly as the seed writes them.
        let lead: String
        let responsible: String
        let tasks: [TaskSeed]

        init(_ number: Int, _ title: String, lead: String, responsible: String, tasks: [TaskSeed]) {
            self.number = number
            self.title = title
            self.lead = lead
            self.responsible = responsible
            self.tasks = tasks
        }
    }

    private static func md(_ month: Int, _ day: Int) -> MonthDay { MonthDay(month: month, day: day) }

    private static func task(_ number: Int, _ title: String, _ phase: PhaseRef, owners: [String] = [],
                             due: MonthDay? = nil, target: QuantifiedTarget? = nil, _ text: String) -> TaskSeed {
        TaskSeed(number: number, title: title, phase: phase, owners: owners, due: due, target: target, text: text)
    }

    /// The eight sections as the seed states them. Phase choices: one-off set-up → p1; year-round work → p2
    /// (due at its end unless the text fixes a date); 查缺补漏-type items → p3; December reports, 述职 and the
    /// December inspection → p4; multi-year construction and 文明创建 work → p5.
    ///
    /// Owners: the specific units the task's text names as doing it. 县委、县政府 (一-2) are taken as their
    /// offices 县委办、县政府办; generic actors (各级党委、政府, 各机关团体 …) are not listed, and a task whose
    /// text names no unit (empty owners) falls to its section's units.
    static let sectionSeeds: [SectionSeed] = [
        SectionSeed(1, "组织领导坚强有力",
                    lead: "县委办、县政府办",
                    responsible: "县编办、县人社局、县财政局、县民政局、县双拥办、驻固各部队及其他县双拥工作领导小组成员单位、各乡镇(办事处)", tasks: [
            task(1, "双拥工作纳入总体规划和年度考评", .p1, owners: ["zgbd"],
                 "各级党委、政府和驻固部队要把双拥工作纳入经济、社会发展和部队建设的总体规划,把双拥工作作为事关全局、涉及长远的大事来抓;把创建双拥模范县工作纳入201x年和今后工作计划,摆上重要议事日程,并列入年度考评项目,保证双拥工作落到实处;各级各部门主要领导要亲自过问双拥工作,经常深入驻固部队,帮助解决存在的各种困难和问题。"),
            task(2, "召开全体成员会议和议军议政会议", .p2, owners: ["xwb", "zfb", "zgbd"],
                 target: .init(required: 2, unit: "次", label: "全体成员会议、议军议政(军地联席)会议"),
                 "各级各部门双拥工作领导小组每年召开一次全体成员会议,县委、县政府和驻固部队每年召开一次议军议政会议或军地联席会议,做到会议、活动有记载。"),
            task(3, "成员单位履职、年终总结与书面述职", .p4, owners: ["cydw"],
                 "县双拥工作领导小组各成员单位要认真履行职责,制定年度双拥工作计划,落实创建双拥模范县措施,突出互办实事重点,年终进行工作总结,单位负责人每年要对双拥工作进行专题书面述职。"),
            task(4, "党政领导联系点制度", .p2, due: md(12, 31),
                 target: .init(required: 2, unit: "次", label: "主要领导到联系点(每半年至少一次)"),
                 "坚持各级党政领导与驻固部队建立联系点制度。各级党委、政府主要领导每半年至少到联系点一次,宣传党和国家有关双拥工作方针、政策,教育官兵安心服役、献身国防。听取部队对地方经济建设的意见和建议,指导联系点搞好双拥工作。"),
            task(5, "加强县乡双拥办公室建设", .p1,
                 "进一步加强县、乡双拥办公室建设,认真落实双拥工作机构、编制、人员、经费和办公场所,充分发挥其组织、指导、协调、检查、督促、交流经验和沟通情况等作用。"),
        ]),
        SectionSeed(2, "宣传教育广泛深入",
                    lead: "县委宣传部",
                    responsible: "县教体局、县文广新局、县住建局、县公安局、县交通运输局、县民政局、团县委、县双拥办、驻固各部队及其他县双拥工作领导小组成员单位、各乡镇(办事处)", tasks: [
            task(1, "国防教育计划、课程与新生军训", .p2, owners: ["xcb", "dx", "jtj"],
                 target: .init(required: 100, unit: "%", label: "在校生国防教育受教育面(新生军训7至14天)"),
                 "县委宣传部要制定年度国防教育计划,督促各级各部门抓好工作落实。县委党校要开设国防教育课;县教体局要把国防教育纳入全县各类学校教育之中,积极开展国防教育活动。各高中、职专等学校要按照《高级中学军事训练大纲》要求,开展7至14天的新生军训工作,使在校生受教育面达到100%;小学和初级中学将国防教育的内容纳入教学计划,对学生进行国防教育,增强学生国防意识。"),
            task(2, "新闻宣传稿件与双拥专栏", .p2, owners: ["xwdw", "gsw", "gsdst", "cydw"], due: md(12, 31),
                 target: .init(required: 2, unit: "篇", label: "市级以上新闻单位双拥稿件"),
                 "各新闻单位全年在市级以上新闻单位刊(播)发双拥工作稿件不得少于2篇(条);固始网要开辟双拥栏目,专题宣传双拥工作;固始电视台要及时报道双拥工作新闻,滚动播出双拥宣传标语;各成员单位在县级以上新闻单位发稿不得少于1篇(条)。"),
            task(3, "双拥活动月竞赛、征文与联欢", .p2, owners: ["xcb", "cydw"], due: md(8, 31),
                 "将每年的8月确定为双拥活动月,县委宣传部负责举办一次国防知识竞赛和双拥有奖征文活动,各成员单位、各机关团体要积极组织*员、共青团员、民兵和广大市民与驻固部队开展联谊、联欢活动,大力宣传双拥工作。"),
            task(4, "双拥宣传“五个一”工程", .p2, owners: ["xcb", "syb", "wgxj", "txw", "fl", "zgbd"],
                 target: .init(required: 5, unit: "项", label: "双拥宣传“五个一”工程"),
                 "实施双拥宣传“五个一”工程。即县委宣传部、县双拥办负责印制一部双拥宣传画册;县委宣传部负责宣传一批双拥模范先进单位和个人先进事迹;县文广新局负责精心制作一部反映近年来双拥工作成果的电视专题片;团县委、县妇联、驻固部队负责组织一场高质量的军*谊晚会;县双拥办负责编印一期双拥工作简报。"),
            task(5, "双拥宣传标语和永久性标牌", .p2, owners: ["syb", "zjj", "jtysj", "gaj"],
                 "县双拥办负责在繁华地段、临街门面制作双拥宣传标语,高速路出口和广场设置大型永久性双拥宣传标牌,以营造浓厚的双拥氛围。住建、公用、交通、公安、*等有关部门要积极配合,为宣传标牌设置提供方便。"),
            task(6, "部队经常性双拥宣传和助学共建", .p2, owners: ["zgbd"],
                 "驻固部队要经常组织官兵学习拥政爱民政策和地方法规,充分利用民兵之家、军人俱乐部、国防教育活动室、墙报、黑板报、宣传牌、标语等形式开展经常性的双拥宣传,进一步提高支持和服务“第二故乡”建设的自觉性。要在县重点中小学确定一批爱国主义、国防教育兼职辅导员和军事训练兼职教员,并成立军事活动指导机构,帮助学校搞好爱国主义、国防教育和军训活动,共建和谐校园,提高师生综合素质。"),
        ]),
        SectionSeed(3, "拥军工作扎实有效",
                    lead: "县委办、县政府办",
                    responsible: "县民政局、县财政局、县教体局、县住建局、县国土局、县文广新局、县科技局、县发改委、县民族宗教局、县工商联、县司法局、县人社局、各乡镇(办事处)", tasks: [
            task(1, "支持国防建设与军供保障", .p2,
                 "要把支持国防和军队建设纳入地方经济社会发展规划,积极支持部队做好军事斗争准备;按规定落实军供人员、经费、设备,提高保障能力,大力支持部队后勤保障。"),
            task(2, "支持重点军事工程建设", .p2, owners: ["zjj", "gtj", "fgw"],
                 "县住建局、县国土局、县发改委要大力支持重点军事工程建设,在规划审批、土地征用、设施配套等方面给予优先优惠,支持部队重点军事工程建设任务。"),
            task(3, "司法拥军", .p2, owners: ["sfj"],
                 "县司法局负责开展司法拥军活动,建立健全维护国防利益和军人军属合法权益机制,积极稳妥地处理涉军案件和有关问题。"),
            task(4, "民族拥军活动", .p2, owners: ["mzzjj"],
                 "县民族宗教局要充分调动少数民族拥军优属的光荣传统,大力组织开展民族拥军活动。"),
            task(5, "科技、教育、文化拥军", .p5, owners: ["xz"],
                 "县、乡镇(办事处)要组织开展科技、教育、文化拥军活动,支持部队实施信息化建设和人才战略工程。"),
            task(6, "随军家属就业与军人子女入学", .p2, owners: ["rsj", "jtj"],
                 "县人社局负责积极帮助随军随调家属就业,扶持退伍军人带头创业致富;县教体局负责解决军人子女入学、入托等方面存在的实际困难。"),
            task(7, "八一、春节走访慰问驻固部队", .p2, owners: ["syb"], due: md(8, 1),
                 "县双拥办在“八•一”、春节等重大节日期间,积极走访慰问驻固部队,巩固和发展军政军民之间的鱼水情谊。"),
            task(8, "非公经济组织共建(拥军)活动", .p2, owners: ["gsl"],
                 "县工商联负责组织非公经济组织和社会组织开展共建(拥军)活动。"),
        ]),
        SectionSeed(4, "拥政爱民成果显著",
                    lead: "县人武部",
                    responsible: "驻固各部队", tasks: [
            task(1, "部队拥政爱民计划与抢险救灾", .p2, owners: ["zgbd"], due: md(12, 31),
                 "驻固部队要制定拥政爱民工作计划,做到年中有检查,年底有总结;参加军地统一组织的为灾区和贫困地区群众送温暖、献爱心捐赠活动;广泛参与和谐固始建设,加强**防联治,协助地方处置各类突发事件,勇于承担抢险救灾等急难险重任务。"),
            task(2, "支援驻地建设和扶贫帮困", .p5,
                 "积极参加和支援驻地经济社会建设,在重点参与新农村建设和基础设施建设中要有具体规划措施,确保援建成效。同时开展多种形式的扶贫帮困工作。"),
            task(3, "部队参与文明创建活动", .p5,
                 "积极参与创建文明城市、文明社区(街道)、文明村镇、文明行业活动,在弘扬社会主义新风尚中起模范带头作用。"),
        ]),
        SectionSeed(5, "政策法规落到实处",
                    lead: "县民政局、县双拥办",
                    responsible: "县财政局、县公安局、县卫生局、县人社局、县工商局、县交通运输局、驻固各部队、各乡镇(办事处)", tasks: [
            task(1, "向部队输送高质量兵员", .p2, owners: ["xz"],
                 "各乡镇(办事处)征兵办公室要严格按照《兵役法》要求向部队输送高质量兵员,以增强部队的战斗力。"),
            task(2, "贯彻军事设施保护法", .p2,
                 "认真贯彻落《中华人民共和*事设施保*》,有效保护军事设施。"),
            task(3, "按时按标准发放抚恤定补金", .p2,
                 "按时按标准发放烈士遗属、因公牺牲军人家属、病故军人家属和残疾军人抚恤定补金。"),
            task(4, "解决重点优抚对象“三难”问题", .p3,
                 "认真解决老红军、老复员军人、烈属、残疾军人生活难、住房难、就医难等问题。"),
            task(5, "落实军人安置和技能培训政策", .p2,
                 "认真落实转业军官、复员干部、退役士兵、军队离退休干部、残疾退役军人、随军家属安置及退役士兵职业技能培训政策,全面保障军人及其家属的合法权益。"),
            task(6, "义务兵家庭优待金足额发放", .p2,
                 "义务兵家庭优待标准不低于当地上年农民人均纯收入水平,按时足额发放。"),
            task(7, "退役士兵安置经费列入预算", .p1, owners: ["czj"],
                 "县财政局要将城镇退役士兵的自谋职业安置补助费、待分配期间生活补助费列入财政预算,完成军队转业干部和城镇退役士兵的年度安置任务。"),
            task(8, "军休机构编制与经费", .p1,
                 "落实军休服务管理机构人员编制、工作经费,将补助经费纳入县财政预算。"),
            task(9, "落实“军人优先”优惠政策", .p2,
                 "继续落实优先优惠政策。对驻固部队免缴就医挂号费、免缴军车停车费、免缴军嫂再就业费、军人乘公交免费,在汽车站、超市、商场等场所实行“军人优先”。医院设立“军人优先”、“军人窗口”等标志牌。"),
            task(10, "部队执行法规和群众纪律", .p2, owners: ["zgbd"],
                 "驻固部队官兵要模范执行党和国家的法律法规,严格遵守群众纪律,尊重少数民族宗教信仰和风俗习惯,定期开展拥政爱民教育和群众纪律检查,树立人民军队良好形象。"),
        ]),
        SectionSeed(6, "双拥活动坚持经常",
                    lead: "县委组织部、县民政局",
                    responsible: "县双拥工作领导小组各成员单位、各乡镇(办事处)", tasks: [
            task(1, "国防教育制度", .p2, owners: ["xcb", "gfjyb"], due: md(12, 31),
                 "建立健全国防教育制度。县委宣传部负责把国防教育纳入全民教育体系,宣传、教育、文化、广电、新闻出版等部门将国防教育列入工作计划,县国防教育办公室要做到年度有部署,平时抓落实,年终有检查。"),
            task(2, "双拥会议制度", .p2, due: md(8, 31),
                 "建立健全双拥会议制度。把每年8月定为议军议政会议或军地联席会议月,每年召开一次双拥工作领导小组成员会议,听取双拥工作汇报,研究部署双拥工作。"),
            task(3, "走访慰问制度", .p2, owners: ["cydw"], due: md(8, 31),
                 "建立健全走访慰问制度。把每年的“八•一”、春节定为走访慰问驻军和优抚对象活动月。除县级领导走访慰问驻军部队和优抚对象外,各双拥工作领导小组成员单位、各机关团体要积极开展走访慰问驻固部队和优抚对象活动。"),
            task(4, "工作汇报与述职制度", .p4, owners: ["cydw", "ldxz"], due: md(12, 31),
                 "建立健全工作汇报制度。每年12月,各成员单位、县直各有关单位要将履行职责情况、开展活动情况结合年终总结进行书面工作汇报。从201x年起,县双拥工作领导小组均应听取各成员单位的述职报告。通过述职和报告工作,交流情况,发现问题,及时整改,推动我县双拥工作整体水平提高。"),
            task(5, "督促检查制度", .p4, owners: ["ldxz"], due: md(12, 31),
                 target: .init(required: 2, unit: "次", label: "7月、12月督促检查"),
                 "建立健全督促检查制度。每年7月和12月,县双拥工作领导小组对各单位、各乡镇(办事处)的双拥及优抚安置政策落实情况进行检查和督办,对双拥工作成绩突出的单位,经县双拥工作领导小组审定后,报县委、县政府进行表彰,对工作滞后的单位将通报批评,限期纠正。"),
        ]),
        SectionSeed(7, "军民共建富有成效",
                    lead: "县双拥办、县人武部",
                    responsible: "县双拥工作领导小组各成员单位、各乡镇及驻固部队", tasks: [
            task(1, "共建新农村、结成共建对子", .p1,
                 "共建新农村。各基层单位与驻军单位结成共建对子,建立军地双方共建公约和制度。"),
            task(2, "经常开展共建活动", .p2,
                 "经常开展形式多样的共建活动。"),
            task(3, "践行公民道德和军人道德规范", .p2,
                 "贯彻落实《公民道德建设实施纲要》和《军人道德规范》,军民自觉践行社会主义荣辱观和当代革命军人核心价值观。"),
            task(4, "参加文明创建活动", .p5,
                 "积极参加创建文明城市、文明村镇、文明行业、文明社区等活动,弘扬社会文明新风。"),
            task(5, "组织非公经济组织开展共建", .p2,
                 "组织非公经济组织和社会组织开展共建(拥军)活动。"),
        ]),
        SectionSeed(8, "军政军民关系融洽",
                    lead: "县委办、县政府办、驻固部队",
                    responsible: "县双拥工作领导小组各成员单位、各乡镇(办事处)", tasks: [
            task(1, "拥军爱民、尊重地方", .p2, owners: ["zgbd"],
                 "各级党委、政府和人民群众,要拥护军队、尊重军人、关心部队建设。驻固部队要尊重地方政府,把驻地当故乡,热爱人民,支持地方工作。"),
            task(2, "完善双拥规范性文件和公约", .p3, owners: ["zgbd"],
                 "各级各部门、驻固各部队要认真贯彻执行党和国家有关国防建设和军政军民团结的政策、法律和规定,适应新形势的发展,制定和不断完善拥军优属、拥政爱民的规范性文件、公约等地方性政策、法规。"),
            task(3, "化解军地矛盾和纠纷", .p3,
                 "军地无历史遗留问题,无军民纠纷。军地、军民之间出现矛盾,军地领导应主动出面,及时协商,妥善解决。"),
        ]),
    ]

    // MARK: - Activities (the recurring events the text states)

    private static func makeActivities(year y: Int, tasks: [PlanTask], phases: [Phase]) -> [Activity] {
        let texts = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0.text) })
        /// The seed sentence of task `id` that states the activity.
        func from(_ id: String, _ key: String) -> String { sentence(in: texts[id]!, containing: key) }
        // The seed asks for the leadership group's full meeting once a year (一-2, 六-2) without a month, and
        // 组织准备 calls the year's first one: "组织召开固始县双拥工作领导小组成员扩大会议". So the sample holds it
        // once, in that phase: the first weekday on or after 4月20日.
        var fullMeeting = day(y, 4, 20)
        while fullMeeting.weekdayFromMonday >= 5 { fullMeeting = fullMeeting.adding(days: 1) }
        let visitors = ["syb", "cydw", "zgbd"]
        return [
            Activity(id: "a-bayi", title: "八一建军节走访慰问", kind: .visit, units: visitors,
                     rule: .yearly(month: 8, day: 1), summary: from("s3-7", "八•一")),
            Activity(id: "a-chunjie", title: "春节走访慰问", kind: .visit, units: visitors,
                     rule: .lunar(month: 1, day: 1), summary: from("s6-3", "定为走访慰问")),
            Activity(id: "a-huodongyue", title: "双拥活动月(国防知识竞赛、有奖征文、联谊联欢)", kind: .campaign,
                     units: ["xcb", "cydw", "zgbd"], rule: .months([8]), summary: from("s2-3", "双拥活动月")),
            Activity(id: "a-yijun", title: "议军议政会议或军地联席会议", kind: .meeting, units: ["xwb", "zfb", "zgbd"],
                     rule: .months([8]), summary: from("s6-2", "每年8月")),
            Activity(id: "a-quanti", title: "双拥工作领导小组全体成员会议", kind: .meeting, units: ["ldxz", "cydw"],
                     rule: .once(fullMeeting), summary: sentence(in: phases[0].summary, containing: "扩大会议")),
            Activity(id: "a-ducha", title: "督促检查", kind: .inspection, units: ["ldxz", "syb"],
                     rule: .months([7, 12]), summary: from("s6-5", "每年7月和12月")),
            Activity(id: "a-lianxidian", title: "党政领导到联系点", kind: .visit, units: ["xwb", "zfb", "zgbd"],
                     rule: .halfYearly, summary: from("s1-4", "每半年")),
            Activity(id: "a-shuzhi", title: "书面工作汇报与述职", kind: .report, units: ["cydw", "ldxz"],
                     rule: .months([12]), summary: from("s6-4", "每年12月") + from("s6-4", "述职报告")),
        ]
    }

    // MARK: - Sample progress (invented; the plan's note says so)

    struct SampleProgress {
        var status: TaskStatus
        var progress: Int
        var achieved: Int?
        var notes: [TaskNote]
        var history: [HistoryEntry]
    }

    private static func label(_ s: TaskStatus) -> String {
        switch s {
        case .notStarted: "未开始"
        case .inProgress: "进行中"
        case .done: "已完成"
        case .blocked: "受阻"
        case .cancelled: "已取消"
        }
    }

    /// Progress as a county office might have it in mid-October of the plan's year: 组织准备 finished,
    /// 全面实施 just over with some items slipping (overdue), 检查自评 under way, 迎检验收 ahead.
    /// Tasks not listed here are not started.
    static func sampleProgress(year y: Int) -> [String: SampleProgress] {
        func at(_ month: Int, _ day: Int, _ time: String) -> String {
            "\(SamplePlan.day(y, month, day).iso)T\(time):00+08:00"
        }
        func note(_ month: Int, _ day: Int, _ time: String, _ by: String, _ text: String) -> TaskNote {
            TaskNote(at: at(month, day, time), by: by, text: text)
        }
        func moved(_ month: Int, _ day: Int, _ time: String, _ by: String,
                   _ from: TaskStatus, _ to: TaskStatus) -> HistoryEntry {
            HistoryEntry(at: at(month, day, time), by: by, change: "状态: \(label(from)) → \(label(to))")
        }
        func log(_ month: Int, _ day: Int, _ time: String, _ by: String, _ change: String) -> HistoryEntry {
            HistoryEntry(at: at(month, day, time), by: by, change: change)
        }
        let syb = "县双拥办 王敏", xcb = "县委宣传部 李娜", mzj = "县民政局 张建华", rwb = "县人武部 刘洋"

        var out: [String: SampleProgress] = [:]
        func set(_ id: String, _ status: TaskStatus, _ progress: Int, achieved: Int? = nil,
                 notes: [TaskNote] = [], history: [HistoryEntry] = []) {
            out[id] = SampleProgress(status: status, progress: progress, achieved: achieved, notes: notes,
                                     history: history)
        }
        func done(_ id: String, achieved: Int? = nil, notes: [TaskNote] = [], history: [HistoryEntry] = []) {
            set(id, .done, 100, achieved: achieved, notes: notes, history: history)
        }

        // Done (17).
        done("s1-1", notes: [note(5, 20, "16:30", syb, "县委常委会、县政府常务会已将创建工作列入年度工作计划和考评项目，会议纪要已归档。")],
             history: [moved(4, 10, "09:00", syb, .notStarted, .inProgress), moved(5, 20, "16:30", syb, .inProgress, .done)])
        done("s1-2", achieved: 2,
             notes: [note(8, 12, "17:40", syb, "4月召开领导小组成员扩大会议，8月12日召开军地联席会议，会议纪要、签到表已存档。")],
             history: [moved(4, 20, "11:00", syb, .notStarted, .inProgress), log(4, 20, "11:05", syb, "完成量: 0 → 1 次"),
                       log(8, 12, "17:40", syb, "完成量: 1 → 2 次"), moved(8, 12, "17:41", syb, .inProgress, .done)])
        done("s1-5", notes: [note(5, 28, "10:20", syb, "县编办已批复县双拥办机构编制，办公场所与工作经费已落实。")],
             history: [moved(5, 28, "10:20", syb, .inProgress, .done)])
        done("s2-3", notes: [note(8, 28, "15:00", xcb, "国防知识竞赛于8月20日举办，有奖征文评选结果已公布，军民联欢活动6场。")],
             history: [moved(8, 1, "08:50", xcb, .notStarted, .inProgress), moved(8, 28, "15:00", xcb, .inProgress, .done)])
        done("s2-5", notes: [note(9, 18, "11:30", syb, "高速路出口、人民广场永久性标牌已安装，临街标语已全部制作上墙，照片已存入佐证材料。")])
        done("s2-6")
        done("s3-3", history: [moved(9, 8, "14:10", "县司法局 郑伟", .inProgress, .done)])
        done("s3-7", notes: [note(8, 1, "18:00", syb, "八一前夕县领导分三组走访慰问驻固部队，慰问照片及慰问品清单已归档；春节走访已于2月完成。")],
             history: [moved(7, 25, "09:30", syb, .notStarted, .inProgress), moved(8, 1, "18:00", syb, .inProgress, .done)])
        done("s5-1", notes: [note(9, 26, "16:00", rwb, "年度征兵任务已完成，新兵已全部起运。")])
        done("s5-3")
        done("s5-6", notes: [note(6, 30, "10:00", mzj, "义务兵家庭优待金已通过惠民惠农“一卡通”足额发放。")])
        done("s5-7", history: [moved(5, 15, "15:20", "县财政局 吴强", .inProgress, .done)])
        done("s5-8")
        done("s5-10")
        done("s6-2")
        done("s6-3")
        done("s7-1")

        // In progress (15).
        set("s1-3", .inProgress, 60)
        set("s1-4", .inProgress, 50, achieved: 1,
            notes: [note(6, 28, "09:40", syb, "上半年县委、县政府主要领导均已到联系点，下半年安排在11月。")])
        set("s2-1", .inProgress, 80, achieved: 90,
            notes: [note(9, 20, "10:15", "县教体局 孙丽", "高中、职专新生军训已于9月上旬完成；县委党校国防教育课排入秋季班，尚未开课。")])
        set("s2-2", .inProgress, 50, achieved: 1,
            notes: [note(7, 3, "09:15", xcb, "《河南日报》刊发我县双拥工作稿件1篇，剪报已存入佐证材料。")],
            history: [moved(7, 3, "09:15", xcb, .notStarted, .inProgress), log(7, 3, "09:16", xcb, "完成量: 0 → 1 篇")])
        set("s2-4", .inProgress, 60, achieved: 3,
            notes: [note(9, 30, "17:20", syb, "画册、简报已完成，先进事迹已集中宣传；专题片在剪辑，军民联谊晚会拟于春节前举办。")],
            history: [log(9, 30, "17:20", syb, "完成量: 2 → 3 项")])
        set("s3-1", .inProgress, 40)
        set("s3-6", .inProgress, 75, notes: [note(9, 15, "15:45", "县人社局 赵磊", "随军家属就业已安置大部分，余下人员待岗位落实。")])
        set("s4-1", .inProgress, 65, notes: [note(7, 20, "08:30", rwb, "年中检查已完成；7月汛期部队协助地方抢险。")])
        set("s5-4", .inProgress, 50)
        set("s5-5", .inProgress, 45)
        set("s6-1", .inProgress, 60)
        set("s6-5", .inProgress, 50, achieved: 1,
            notes: [note(7, 28, "16:10", syb, "7月督查已完成，2个乡镇工作滞后，已通报并限期整改。")],
            history: [log(7, 28, "16:10", syb, "完成量: 0 → 1 次")])
        set("s7-2", .inProgress, 35)
        set("s8-1", .inProgress, 70)
        set("s8-3", .inProgress, 80)

        // Blocked (2), cancelled (1).
        set("s3-2", .blocked, 30,
            notes: [note(9, 10, "11:00", "县国土局 周涛", "营区配套道路用地涉及基本农田，用地预审材料已报市局，待批复后推进。")],
            history: [moved(6, 15, "10:00", "县国土局 周涛", .notStarted, .inProgress),
                      moved(9, 10, "11:00", "县国土局 周涛", .inProgress, .blocked)])
        set("s5-9", .blocked, 40,
            notes: [note(8, 20, "14:30", "县交通运输局 陈刚", "免缴军车停车费需县政府出台减免文件，代拟稿已报县政府办，尚未印发。")],
            history: [moved(8, 20, "14:30", "县交通运输局 陈刚", .inProgress, .blocked)])
        set("s7-5", .cancelled, 0,
            notes: [note(6, 5, "10:00", syb, "本项与(三)第8项内容相同，经领导小组办公室研究，并入s3-8统一办理。")],
            history: [moved(6, 5, "10:00", syb, .notStarted, .cancelled)])

        // Not started, with a reminder (催办) on record.
        set("s3-4", .notStarted, 0,
            notes: [note(10, 9, "10:30", syb, "已电话催办县民族宗教局，答复10月底前启动。")],
            history: [log(10, 9, "10:30", syb, "催办: 电话催办县民族宗教局")])
        return out
    }
}
