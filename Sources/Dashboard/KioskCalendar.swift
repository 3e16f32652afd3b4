import Foundation
import ShuangyongKit

/// A page of the office screen's rotation: one of the dashboard's views, or the ranking of units.
public enum KioskPage: Hashable, Sendable {
    case view(ViewID)
    /// Units by completion, with their lights (`RankingView`).
    case ranking

    public static let overview = KioskPage.view(.overview)
    public static let timeline = KioskPage.view(.timeline)
    public static let overdue = KioskPage.view(.overdue)
    public static let calendar = KioskPage.view(.calendar)
    public static let tasks = KioskPage.view(.tasks)

    /// The dashboard view it shows; nil for the ranking.
    public var view: ViewID? {
        if case let .view(v) = self { return v }
        return nil
    }

    /// Its name on the status line: 总览, 逾期督办 … 单位排名.
    public func title(_ lang: Language) -> String {
        switch self {
        case let .view(v): v.title(lang)
        case .ranking: lang.pick("单位排名", "Ranking")
        }
    }
}

/// What the month of today is for a 双拥 office, as the plan's calendar says: it decides what the office
/// screen leads with.
public enum KioskSeason: Equatable, Sendable {
    /// An activity of kind inspection (督促检查) falls in the month: overdue and the ranking first.
    case inspection
    /// An activity of kind campaign covers the whole month (双拥活动月): the calendar first.
    case activityMonth
    case ordinary

    /// The season of the month of the state's today. An inspection in the activity month makes it an
    /// inspection month: what is late matters most then.
    public init(_ state: DashboardState) {
        let month = YearMonth(state.today)
        let kindOf = Dictionary(state.plan.activities.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        let events = state.derived.calendar.events(in: month.days, deadlines: false).filter { $0.kind == .activity }
        func kind(_ e: CalendarEvent) -> ActivityKind? { e.ref.flatMap { kindOf[$0] } }
        if events.contains(where: { kind($0) == .inspection }) {
            self = .inspection
        } else if events.contains(where: { kind($0) == .campaign && $0.start <= month.days.lowerBound && $0.end >= month.days.upperBound }) {
            self = .activityMonth
        } else {
            self = .ordinary
        }
    }

    /// The pages in turn for this season.
    public var rotation: [KioskPage] {
        switch self {
        case .inspection: KioskModel.inspectionRotation
        case .activityMonth: KioskModel.activityMonthRotation
        case .ordinary: KioskModel.defaultRotation
        }
    }
}

extension KioskModel {
    /// "数据更新于 09:05（3 分钟前）" from the plan file's last save (`savedAt`); a save on another day shows
    /// its date ("数据更新于 06-29 17:40（2 天前）"). Nil when the time of the save is not known.
    public var stampText: String? {
        guard let savedAt else { return nil }
        let lang = state.lang
        let age = max(0, Int(now.timeIntervalSince(savedAt) / 60))
        let ago: String
        switch age {
        case ..<60: ago = lang.pick("\(age) 分钟前", "\(age) min ago")
        case ..<(48 * 60): ago = lang.pick("\(age / 60) 小时前", "\(age / 60) h ago")
        default: ago = lang.pick("\(age / 1440) 天前", "\(age / 1440) days ago")
        }
        let day = Day(instant: savedAt, in: timeZone)
        let time = (day == Day(instant: now, in: timeZone) ? "" : String(day.iso.dropFirst(5)) + " ") + ClockTime(savedAt, in: timeZone).text
        return lang.pick("数据更新于 \(time)（\(ago)）", "data updated \(time) (\(ago))")
    }

    /// The data is older than a day on a working day (Monday to Friday in the plan's zone): someone should
    /// have reported progress, so the stamp turns into a warning. Weekends are quiet; holidays and their
    /// swapped working days (调休) are set each year by the State Council and are not known here.
    public var stampIsStale: Bool {
        guard let savedAt, state.pastDay == nil else { return false }
        let weekday = Day(instant: now, in: timeZone).weekdayFromMonday
        return now.timeIntervalSince(savedAt) > 86_400 && (1...5).contains(weekday)
    }
}
