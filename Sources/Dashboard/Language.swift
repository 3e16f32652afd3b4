import ShuangyongKit

/// The language of the interface. Plan text is shown as written; labels follow this.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The locale variables `fromEnvironment` reads, first set (non-empty) first.
    public static let environmentVariables = ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"]

    /// Chinese when the locale variables name a Chinese locale, English otherwise.
    public static func fromEnvironment(_ env: [String: String]) -> Language {
        for key in environmentVariables {
            if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? .zh : .en }
        }
        return .en
    }

    /// Picks the label for this language.
    @inline(__always)
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    public func status(_ s: TaskStatus) -> String {
        switch s {
        case .notStarted: return pick("未开始", "not started")
        case .inProgress: return pick("进行中", "in progress")
        case .done: return pick("已完成", "done")
        case .blocked: return pick("受阻", "blocked")
        case .cancelled: return pick("已取消", "cancelled")
        }
    }

    public func light(_ l: Light) -> String {
        switch l {
        case .red: return pick("红灯", "red")
        case .yellow: return pick("黄灯", "yellow")
        case .green: return pick("绿灯", "green")
        }
    }

    public func involvement(_ i: Involvement) -> String {
        i == .lead ? pick("牵头", "lead") : pick("责任", "resp.")
    }

    public func unitKind(_ k: UnitKind) -> String {
        switch k {
        case .party: return pick("党委", "party")
        case .government: return pick("政府", "government")
        case .military: return pick("军队", "military")
        case .township: return pick("乡镇", "township")
        case .other: return pick("其他", "other")
        }
    }

    public func eventKind(_ k: CalendarEvent.Kind) -> String {
        switch k {
        case .activity: return pick("活动", "activity")
        case .deadline: return pick("截止", "deadline")
        case .phaseStart: return pick("阶段开始", "phase starts")
        case .phaseEnd: return pick("阶段结束", "phase ends")
        case .festival: return pick("节日", "festival")
        case .fixedDay: return pick("节日纪念日", "holiday or memorial day")
        }
    }

    /// 一 … 日 / Mon … Sun, Monday first.
    public func weekday(_ mondayBased: Int) -> String {
        self == .zh ? ["一", "二", "三", "四", "五", "六", "日"][mondayBased]
                    : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][mondayBased]
    }

    /// "逾期 3 天" / "3 d overdue"; "今天到期" / "due today"; "还有 2 天" / "due in 2 d".
    public func lateness(_ daysLate: Int) -> String {
        // Only the language's own text is made (a report asks once per row).
        if daysLate > 0 { return self == .zh ? "逾期\(daysLate)天" : "\(daysLate) d late" }
        if daysLate == 0 { return pick("今天到期", "due today") }
        return self == .zh ? "还有\(-daysLate)天" : "in \(-daysLate) d"
    }

    /// "12天后开始" / "starts in 12 days"; "明天开始" / "starts tomorrow"; "今天开始" / "starts today".
    public func startsIn(days: Int) -> String {
        switch days {
        case ...0: return pick("今天开始", "starts today")
        case 1: return pick("明天开始", "starts tomorrow")
        default: return pick("\(days)天后开始", "starts in \(days) days")
        }
    }

    /// The overview's phase line. Only a phase that contains today is "current" with time elapsed; before
    /// the first phase the plan starts in N days, between phases the next one does, after the last the
    /// plan ended on its last day (`PlanStatus.phaseStanding`, DECISIONS.md "Current phase").
    public func phaseHeadline(_ status: PlanStatus) -> String? {
        func span(_ p: Phase) -> String { "\(p.start.iso) – \(p.end.iso)" }
        switch status.phaseStanding {
        case nil:
            return nil
        case let .inPhase(p)?:
            return pick("当前阶段 ", "Phase ") + p.name + "  " + span(p) + "  " + pick("本阶段已过 ", "elapsed ") +
                percent(status.progress(through: p))
        case let .beforePlan(p, days)?:
            return pick("计划尚未开始  第一阶段 ", "Plan not started  first phase ") + p.name + "  " + span(p) + "  " + startsIn(days: days)
        case let .betweenPhases(p, days)?:
            return pick("阶段间隙  下一阶段 ", "Between phases  next phase ") + p.name + "  " + span(p) + "  " + startsIn(days: days)
        case let .afterPlan(p)?:
            return pick("计划已于 \(p.end.iso) 结束  最后阶段 ", "Plan ended on \(p.end.iso)  last phase ") + p.name + "  " + span(p)
        }
    }

    /// The current phase in a report heading: the phase and its dates, or why there is none.
    public func phaseSummary(_ standing: PhaseStanding?) -> String {
        func named(_ p: Phase) -> String { "\(p.name) (\(p.start.iso) – \(p.end.iso))" }
        switch standing {
        case nil:
            return "—"
        case let .inPhase(p)?:
            return named(p)
        case let .beforePlan(p, days)?:
            return pick("无：计划尚未开始，第一阶段 ", "none: the plan has not started; first phase ") + named(p) + " " + startsIn(days: days)
        case let .betweenPhases(p, days)?:
            return pick("无：阶段间隙，下一阶段 ", "none: between phases; next phase ") + named(p) + " " + startsIn(days: days)
        case let .afterPlan(p)?:
            return pick("无：计划已于 \(p.end.iso) 结束（最后阶段 \(p.name)）", "none: the plan ended on \(p.end.iso) (last phase \(p.name))")
        }
    }

    /// The phase in a title bar, short: its name, or "计划12天后开始" / "plan starts in 12 days", the next
    /// phase and when it starts, "计划已于2026-12-31结束" / "plan ended on 2026-12-31".
    public func phaseShort(_ standing: PhaseStanding) -> String {
        switch standing {
        case let .inPhase(p): return p.name
        case let .beforePlan(_, days): return pick("计划", "plan ") + startsIn(days: days)
        case let .betweenPhases(p, days): return p.name + " " + startsIn(days: days)
        case let .afterPlan(p): return pick("计划已于\(p.end.iso)结束", "plan ended on \(p.end.iso)")
        }
    }

    /// A share as a whole percentage, rounded, except that only all is 100% and only nothing is 0%
    /// (43 of 44 tasks done is "98%", not "100%").
    public func percent(_ x: Double) -> String {
        var p = Int((x * 100).rounded())
        if p >= 100, x < 1 { p = 99 }
        if p <= 0, x > 0 { p = 1 }
        return "\(p)%"
    }

    /// A completion rate, or "-" when nothing counts (no tasks, or all cancelled): an empty section is not 100% done.
    public func completion(_ s: Summary) -> String {
        s.hasCountedTasks ? percent(s.completion) : "-"
    }
}
