import Testing
import TestFixtures
@testable import ShuangyongKit

@Suite("Fixed days: holidays, memorial days and solar terms")
struct FixedDaysTests {
    /// 清明 as the Purple Mountain Observatory's almanac (中国天文年历) publishes it, Beijing time.
    static let qingming: [(year: Int, day: String)] = [
        (2024, "2024-04-04"), (2025, "2025-04-04"), (2026, "2026-04-05"), (2027, "2027-04-05"),
        (2028, "2028-04-04"), (2029, "2029-04-04"), (2030, "2030-04-05"),
    ]

    @Test(arguments: qingming)
    func qingmingIsComputedFromTheSun(year: Int, day: String) {
        #expect(SolarTerm.day(longitude: 15, year: year) == Day(iso: day))
    }

    /// Other solar terms the almanac publishes, as a check that the computation is not tuned to one term:
    /// 春分 0°, 夏至 90°, 秋分 180°, 冬至 270°.
    @Test func otherSolarTerms() {
        #expect(SolarTerm.day(longitude: 0, year: 2026) == Day(iso: "2026-03-20"))
        #expect(SolarTerm.day(longitude: 90, year: 2026) == Day(iso: "2026-06-21"))
        #expect(SolarTerm.day(longitude: 180, year: 2026) == Day(iso: "2026-09-23"))
        #expect(SolarTerm.day(longitude: 270, year: 2026) == Day(iso: "2026-12-22"))
        #expect(SolarTerm.day(longitude: 270, year: 2025) == Day(iso: "2025-12-21"))
    }

    @Test func nationalDefenceEducationDayIsTheThirdSaturdayOfSeptember() {
        #expect(Day.nthWeekday(3, 6, month: 9, year: 2026) == Day(iso: "2026-09-19"))
        #expect(Day.nthWeekday(3, 6, month: 9, year: 2027) == Day(iso: "2027-09-18"))
        #expect(Day.nthWeekday(1, 1, month: 6, year: 2026) == Day(iso: "2026-06-01"))  // a month starting on the weekday
        #expect(Day.nthWeekday(5, 1, month: 2, year: 2026) == nil)  // no fifth Monday
        #expect(Day.nthWeekday(0, 1, month: 2, year: 2026) == nil)
    }

    @Test func theYearsFixedDays() {
        let days = Dictionary(uniqueKeysWithValues: FixedDay.all.map { ($0.name, $0.day(in: 2026)?.iso) })
        #expect(days["国庆节"] == "2026-10-01")
        #expect(days["清明节"] == "2026-04-05")
        #expect(days["全民国防教育日"] == "2026-09-19")
        #expect(days["烈士纪念日"] == "2026-09-30")
        #expect(days["抗战胜利纪念日"] == "2026-09-03")
        #expect(FixedDay.all.first { $0.name == "清明节" }?.day(in: 2027)?.iso == "2027-04-05")
        #expect(FixedDay.all.allSatisfy { $0.day(in: 9999) != nil && $0.day(in: 1) != nil })
        #expect(FixedDay.all.allSatisfy { $0.day(in: 0) == nil && $0.day(in: 10000) == nil })
    }

    @Test func theCalendarShowsThemBesideTheLunarFestivals() {
        let plan = miniPlan()
        let calendar = PlanCalendar(status: PlanStatus(plan: plan, index: PlanIndex(plan), today: Day(iso: "2026-09-01")!))
        func fixed(_ iso: String) -> [String] {
            calendar.events(on: Day(iso: iso)!).filter { $0.kind == .fixedDay }.map(\.title)
        }
        #expect(fixed("2026-10-01") == ["国庆节"])
        #expect(fixed("2027-04-05") == ["清明节"])
        #expect(fixed("2026-09-19") == ["全民国防教育日"])
        #expect(fixed("2026-09-20").isEmpty)
        // Mid-Autumn (a lunar festival) and the memorial days of September side by side.
        let september = calendar.events(in: YearMonth(year: 2026, month: 9)!)
        #expect(september.filter { $0.kind == .fixedDay }.map(\.title) == ["抗战胜利纪念日", "全民国防教育日", "烈士纪念日"])
        #expect(september.contains { $0.kind == .festival && $0.title == "中秋节" })
        #expect(calendar.upcoming(limit: 3).map(\.title).contains("抗战胜利纪念日"))
    }
}
