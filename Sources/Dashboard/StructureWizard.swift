import Foundation
import ShuangyongKit
import TerminalUI

/// The lists of the 6 计划 view.
public enum StructureList: Int, CaseIterable, Sendable {
    case units, sections, phases, activities

    public func title(_ lang: Language) -> String {
        switch self {
        case .units: lang.pick("单位", "Units")
        case .sections: lang.pick("部分", "Sections")
        case .phases: lang.pick("阶段", "Phases")
        case .activities: lang.pick("活动", "Activities")
        }
    }
}

/// A short run of fields that builds one structure edit in the dashboard: adding a unit asks its name,
/// short name and kind; a section its title, 牵头单位 and 责任单位; a phase its name and dates; an
/// activity its title and rule (`Recurrence.init(text:)`); the plan its title, issuing body and year.
/// Each field opens as a prompt or a picker; Esc anywhere cancels the whole run.
public struct Wizard: Equatable, Sendable {
    public enum Goal: Equatable, Sendable {
        /// nil id: a new one.
        case unit(id: String?), section(id: String?), phase(id: String?), activity(id: String?)
        case planInfo
    }

    /// One field: what it asks, how it is entered and checked.
    public struct Field: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case text(required: Bool), date, rule, year
            /// Several units (Space ticks, Enter takes the ticked).
            case units
            /// One unit kind.
            case unitKind
        }
        public var key: String
        public var zh: String
        public var en: String
        public var kind: Kind
    }

    public var goal: Goal
    public var step = 0
    /// Answers so far, by field key (units as ids joined by ",").
    public var values: [String: String]

    public init(goal: Goal, values: [String: String]) {
        self.goal = goal
        self.values = values
    }

    public var fields: [Field] {
        switch goal {
        case .unit:
            return [Field(key: "name", zh: "单位全称", en: "Unit's full name", kind: .text(required: true)),
                    Field(key: "short", zh: "简称（留空 = 全称）", en: "Short name (empty = full name)", kind: .text(required: false)),
                    Field(key: "kind", zh: "单位类别", en: "Kind of unit", kind: .unitKind)]
        case .section:
            return [Field(key: "title", zh: "部分标题", en: "Section title", kind: .text(required: true)),
                    Field(key: "lead", zh: "牵头单位（空格选择，回车确定）", en: "Lead units (Space ticks, Enter takes)", kind: .units),
                    Field(key: "responsible", zh: "责任单位（空格选择，回车确定）", en: "Responsible units (Space ticks, Enter takes)", kind: .units)]
        case .phase:
            return [Field(key: "name", zh: "阶段名称", en: "Phase name", kind: .text(required: true)),
                    Field(key: "start", zh: "开始日期（YYYY-MM-DD）", en: "First day (YYYY-MM-DD)", kind: .date),
                    Field(key: "end", zh: "结束日期（YYYY-MM-DD）", en: "Last day (YYYY-MM-DD)", kind: .date)]
        case .activity:
            return [Field(key: "title", zh: "活动名称", en: "Activity title", kind: .text(required: true)),
                    Field(key: "rule", zh: "时间规则（如 yearly 08-01、lunar 01-01、months 7,12、nth-weekday 09 3 sat）",
                          en: "When (e.g. yearly 08-01, lunar 01-01, months 7,12, nth-weekday 09 3 sat)", kind: .rule)]
        case .planInfo:
            return [Field(key: "title", zh: "计划标题", en: "Plan title", kind: .text(required: true)),
                    Field(key: "organization", zh: "发文单位", en: "Issuing body", kind: .text(required: false)),
                    Field(key: "year", zh: "计划年度", en: "Plan year", kind: .year)]
        }
    }

    public var field: Field { fields[min(step, fields.count - 1)] }

    /// Why `text` is not a value for the current field, or nil. Dates are read as a desk writes them
    /// (2027-06-30, 2027/6/30, 2027年6月30日, 6月30日 in the plan year).
    func problem(_ text: String, _ lang: Language, planYear: Int) -> String? {
        switch field.kind {
        case .text(true) where text.isEmpty: return lang.pick("不能为空", "must not be empty")
        case .date where (try? DeskInput.day(text, planYear: planYear).get()) == nil:
            return lang.pick("“\(text)”不是有效日期，如 2027-06-30 或 6月30日", "“\(text)” is not a date: e.g. 2027-06-30 or 6月30日")
        case .rule where Recurrence(text: text) == nil:
            return lang.pick("“\(text)”不是时间规则：", "“\(text)” is not a rule: ") + Recurrence.textHelp
        case .year where Int(text).map(PlanDates.years.contains) != true:
            return lang.pick("年度应为 \(PlanDates.years.lowerBound)–\(PlanDates.years.upperBound) 的整数",
                             "the year is a whole number \(PlanDates.years.lowerBound)–\(PlanDates.years.upperBound)")
        default: return nil
        }
    }

    /// The edit the answers make, against `plan` (ids of new things from pinyin initials, numbers next).
    func edit(in plan: Plan) -> PlanEdit {
        func ids(_ key: String) -> [String] { (values[key] ?? "").split(separator: ",").map(String.init) }
        let v = values
        switch goal {
        case let .unit(id):
            let name = v["name"] ?? ""
            let short = (v["short"] ?? "").isEmpty ? name : v["short"]!
            let uid = id ?? Wizard.newID(for: name, taken: Set(plan.units.map(\.id)))
            return .structure(.putUnit(Unit(id: uid, name: name, shortName: short, kind: UnitKind(rawValue: v["kind"] ?? "") ?? .other), at: nil))
        case let .section(id):
            let old = id.flatMap { i in plan.sections.first { $0.id == i } }
            let number = old?.number ?? (plan.sections.map(\.number).max() ?? 0) + 1
            var sid = id ?? "s\(number)", k = 2
            while id == nil, plan.sections.contains(where: { $0.id == sid }) { sid = "s\(number)-\(k)"; k += 1 }
            return .structure(.putSection(Section(id: sid, number: number, title: v["title"] ?? "", leadUnits: ids("lead"),
                                                  responsibleUnits: ids("responsible")), at: nil))
        case let .phase(id):
            var n = plan.phases.count + 1
            while id == nil, plan.phases.contains(where: { $0.id == "p\(n)" }) { n += 1 }
            let old = id.flatMap { i in plan.phases.first { $0.id == i } }
            func day(_ key: String) -> Day? { try? DeskInput.day(v[key] ?? "", planYear: plan.year).get() }
            let start = day("start") ?? old?.start ?? Day(year: plan.year, month: 1, day: 1)!
            let end = day("end") ?? old?.end ?? start
            return .structure(.putPhase(Phase(id: id ?? "p\(n)", name: v["name"] ?? "", start: start, end: end, summary: old?.summary ?? ""), at: nil))
        case let .activity(id):
            var a = id.flatMap { i in plan.activities.first { $0.id == i } }
                ?? Activity(id: Wizard.newID(for: v["title"] ?? "", prefix: "a-", taken: Set(plan.activities.map(\.id))),
                            title: "", kind: .other, rule: .halfYearly)
            a.title = v["title"] ?? a.title
            a.rule = Recurrence(text: v["rule"] ?? "") ?? a.rule
            return .structure(.putActivity(a, at: nil))
        case .planInfo:
            return .structure(.setPlanInfo(PlanInfo(title: v["title"] ?? plan.title, organization: v["organization"] ?? "",
                                                    year: Int(v["year"] ?? "") ?? plan.year, timeZoneID: plan.timeZoneID)))
        }
    }

    /// A new id from a name's pinyin initials (县民政局 → xmzj), made unique with a number.
    public static func newID(for name: String, prefix: String = "", taken: Set<String>) -> String {
        let initials = Pinyin.of(name).initials.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let base = prefix + (initials.isEmpty ? "x" : String(initials.prefix(12)))
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)\(n)"; n += 1 }
        return id
    }

    /// The answers a wizard that changes something starts from: what it is now.
    static func values(for goal: Goal, in plan: Plan) -> [String: String] {
        switch goal {
        case let .unit(id?):
            guard let u = plan.units.first(where: { $0.id == id }) else { return [:] }
            return ["name": u.name, "short": u.shortName == u.name ? "" : u.shortName, "kind": u.kind.rawValue]
        case let .section(id?):
            guard let s = plan.sections.first(where: { $0.id == id }) else { return [:] }
            return ["title": s.title, "lead": s.leadUnits.joined(separator: ","), "responsible": s.responsibleUnits.joined(separator: ",")]
        case let .phase(id?):
            guard let p = plan.phases.first(where: { $0.id == id }) else { return [:] }
            return ["name": p.name, "start": p.start.iso, "end": p.end.iso]
        case let .activity(id?):
            guard let a = plan.activities.first(where: { $0.id == id }) else { return [:] }
            return ["title": a.title, "rule": a.rule.text]
        case .planInfo:
            return ["title": plan.title, "organization": plan.organization, "year": String(plan.year)]
        default:
            return [:]
        }
    }
}
