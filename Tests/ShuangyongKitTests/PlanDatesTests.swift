import Foundation
import Testing
import TestFixtures
@testable import ShuangyongKit

/// One range for every year, day and time a plan or an argument carries (`PlanDates`), checked wherever
/// a value enters and wherever one is derived.
@Suite("Plan dates: one range, every derived date checked")
struct PlanDatesTests {
    func day(_ s: String) -> Day { Day(iso: s)! }

    @Test func yearsAndDaysHaveOneRange() throws {
        #expect(PlanDates.yearProblem(1900) == nil && PlanDates.yearProblem(9999) == nil)
        for bad in [Int.min, -5, 0, 1, 1899, 10000, Int.max] {
            #expect(PlanDates.yearProblem(bad) == "year \(bad) is outside 1900–9999")
        }
        #expect(PlanDates.dayProblem(day("1900-01-01")) == nil && PlanDates.dayProblem(.max) == nil)
        #expect(PlanDates.dayProblem(day("1899-12-31")) == "1899-12-31 is outside 1900-01-01…9999-12-31")
        #expect(PlanDates.dayProblem(.min) != nil)
        #expect(try PlanDates.day("2026-10-15").get() == day("2026-10-15"))
        #expect(throws: DateProblem("0001-01-01 is outside 1900-01-01…9999-12-31")) { try PlanDates.day("0001-01-01").get() }
        #expect(throws: DateProblem("\"2026-02-30\" is not a date (expected YYYY-MM-DD, a real calendar day)")) {
            try PlanDates.day("2026-02-30").get()
        }
        #expect(throws: DateProblem.self) { try PlanDates.month("1899-12").get() }
        #expect(try PlanDates.month("9999-12").get() == YearMonth(year: 9999, month: 12))
    }

    @Test func timesAreISO8601WithAnOffset() {
        for good in ["2026-07-03T09:15:00+08:00", "2026-07-03T09:15:00Z", "2026-07-03T09:15:00.250-05:30",
                     "1900-01-01T00:00:00+00:00", "9999-12-31T23:59:59+14:00"] {
            #expect(PlanDates.timeProblem(good) == nil, "\(good)")
        }
        for bad in ["garbage", "", "2026-07-03", "2026-07-03T09:15:00", "2026-07-03 09:15:00+08:00",
                    "2026-07-03T09:15+08:00", "2026-07-03T09:15:00+0800", "2026-07-03T24:00:00+08:00",
                    "2026-07-03T09:60:00+08:00", "2026-02-30T09:15:00+08:00", "2026-07-03T09:15:00.+08:00",
                    "2026-07-03T09:15:00+08:00 ", "2026-07-03T09:15:00Zjunk", "2026-07-03T09:15:00+08:60"] {
            #expect(PlanDates.timeProblem(bad) == "\"\(bad)\" is not a time with an offset (expected e.g. 2026-07-03T09:15:00+08:00)", "\(bad)")
        }
        #expect(PlanDates.timeProblem("0001-01-01T00:00:00Z") == "0001-01-01 is outside 1900-01-01…9999-12-31")
    }

    @Test func validationRefusesEveryOutOfRangeValueWithItsPath() {
        var p = miniPlan()
        p.year = 0
        p.phases[0].start = day("0001-01-01")
        p.tasks[0].due = day("1899-12-31")
        p.tasks[0].notes = [TaskNote(at: "garbage", by: "王敏", text: "已落实")]
        p.tasks[0].history = [HistoryEntry(at: "2026-07-03T09:15:00", by: "王敏", change: "进度: 0% → 10%")]
        p.activities = [Activity(id: "a", title: "检查", kind: .inspection, rule: .range(day("1800-01-01"), day("2026-01-01")))]
        let paths = PlanValidation.problems(in: p).map(\.path)
        #expect(paths == ["year", "phases[0].start", "tasks[0].due", "tasks[0].notes[0].at", "tasks[0].history[0].at",
                          "activities[0].rule.start"])
        #expect(PlanValidation.problems(in: miniPlan()).isEmpty)
    }

    @Test func editsCannotCarryADateOrATimeOutOfRange() throws {
        var p = miniPlan()
        let id = p.tasks[0].id
        #expect(throws: PlanEditError.invalid(id: id, field: .due, message: "1899-12-31 is outside 1900-01-01…9999-12-31")) {
            try PlanEdit.setDue(taskID: id, day("1899-12-31")).apply(to: &p, by: "王敏", at: editClock)
        }
        // A change stamped by a clock outside the range would write a history time the plan then refuses.
        #expect(throws: PlanEditError.self) {
            try PlanEdit.setProgress(taskID: id, 50).apply(to: &p, by: "王敏", at: Date(timeIntervalSince1970: 253_402_300_000))
        }
        #expect(p == miniPlan())
    }

    @Test func theSampleIsRefusedForYearsWhoseDerivedDatesLeaveTheRange() {
        #expect(SamplePlan.years == 1900...9997)
        #expect(SamplePlan.yearProblem(9997) == nil && SamplePlan.yearProblem(1900) == nil)
        #expect(SamplePlan.yearProblem(9998)?.contains("year + 2, past 9999") == true)
        #expect(SamplePlan.yearProblem(Int.max)?.contains("outside") == true)
        #expect(PlanValidation.problems(in: SamplePlan.make(year: 9997)).isEmpty)
        #expect(PlanValidation.problems(in: SamplePlan.make(year: 1900)).isEmpty)
        // Outside the range nothing traps (dates that would leave 0001–9999 are clamped), and the year is refused.
        for year in [9998, 9999, 10000, 0, -5, Int.max, Int.min] {
            #expect(SamplePlan.yearProblem(year) != nil)
            #expect(SamplePlan.make(year: year).phases.count == 5)
        }
        #expect(!PlanValidation.problems(in: SamplePlan.make(year: 10000)).isEmpty)
    }

    // MARK: Property: every date and year an argument can carry

    /// Text a person or a script might pass as a date, month or year: well-formed values near and past
    /// every edge, malformed ones, and random digits.
    struct ArgumentValues {
        var rng: PlanGenerator.SeededRandom

        mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

        mutating func year() -> Int {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return pick([Int.min, -1, 0, 1, 1899, 1900, 1901, 2026, 9996, 9997, 9998, 9999, 10000, Int.max])
            case 1: return Int.random(in: 1850...10050, using: &rng)
            case 2: return Int.random(in: -100_000...100_000, using: &rng)
            default: return Int.random(in: Int.min...Int.max, using: &rng)
            }
        }

        mutating func yearText() -> String {
            let y = year()
            return Int.random(in: 0..<3, using: &rng) == 0 ? String(y) : String(String(y.magnitude % 100_000).suffix(4)).leftPadded(4)
        }

        mutating func dayText() -> String {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return pick(["0000-01-01", "0001-01-01", "1899-12-31", "1900-01-01", "9999-12-31", "10000-01-01",
                                 "2026-02-29", "2028-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "garbage", "",
                                 "2026-1-5", "+2026-01-05", "２０２６-01-05", "2026-01-05\u{1B}]2;x\u{07}"])
            case 1:
                return "\(yearText())-\(String(Int.random(in: 0...13, using: &rng)).leftPadded(2))-\(String(Int.random(in: 0...32, using: &rng)).leftPadded(2))"
            default:
                let d = Day(ordinal: Int.random(in: Day.min.ordinal...Day.max.ordinal, using: &rng))
                return d.iso
            }
        }

        mutating func monthText() -> String { String(dayText().prefix(7)) }
    }

    @Test func everyAcceptedArgumentDateStaysInRangeThroughEveryComputation() throws {
        var gen = ArgumentValues(rng: PlanGenerator.SeededRandom(seed: 20_260_801))
        let plan = SamplePlan.make(year: 2026)
        var accepted = 0, refused = 0
        for _ in 0..<400 {
            let text = gen.dayText()
            switch PlanDates.day(text) {
            case let .success(today):
                accepted += 1
                #expect(PlanDates.days.contains(today))
                // What the commands compute from --date: status, due soon (up to a year ahead), the month.
                let status = PlanStatus(plan: plan, today: today, dueSoonDays: Int.random(in: 0...366, using: &gen.rng))
                _ = status.planSummary()
                _ = status.unitSummaries()
                _ = status.currentPhases()
                let calendar = PlanCalendar(status: status)
                let month = YearMonth(today)
                #expect(PlanDates.monthProblem(month) == nil)
                for e in calendar.events(in: month) { #expect(e.start <= e.end) }
                _ = calendar.upcoming(limit: 5)
                // --due: the edit is accepted and the plan stays valid.
                var p = plan
                try PlanEdit.setDue(taskID: "s1-1", today).apply(to: &p, by: "王敏", at: editClock)
                #expect(PlanValidation.problems(in: p).isEmpty, "\(text)")
            case let .failure(problem):
                refused += 1
                #expect(!problem.message.isEmpty)
                #expect(Day(iso: text).map { !PlanDates.days.contains($0) } ?? true, "\(text) refused: \(problem)")
            }
            if case let .success(month) = PlanDates.month(gen.monthText()) {
                #expect(PlanDates.years.contains(month.year))
                _ = PlanCalendar(status: PlanStatus(plan: plan, today: month.first)).events(in: month)
            }
        }
        #expect(accepted > 50 && refused > 50)
    }

    @Test func everyAcceptedYearMakesAValidPlan() {
        var gen = ArgumentValues(rng: PlanGenerator.SeededRandom(seed: 9998))
        for _ in 0..<120 {
            let year = gen.year()
            let plan = SamplePlan.make(year: year)  // never traps, whatever the year
            if SamplePlan.yearProblem(year) == nil {
                #expect(PlanValidation.problems(in: plan).isEmpty, "\(year)")
                #expect(plan.phases.allSatisfy { PlanDates.days.contains($0.start) && PlanDates.days.contains($0.end) })
            } else {
                #expect(!SamplePlan.years.contains(year))
            }
        }
    }
}

extension String {
    /// The text with zeros in front up to `width` characters.
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
