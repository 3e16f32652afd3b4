import Foundation
import Testing
@testable import ShuangyongKit

/// Values as a Chinese desk types them on the command line (issue 12): one parser for every command.
@Suite struct DeskInputTests {
    /// The plain shape of a command line: positionals and known options with their values, in any order;
    /// anything else is left to the full parser.
    @Test func thePlainShapeOfACommandLine() throws {
        let options = ["--status", "--progress", "--note"]
        let plain = try #require(DeskInput.plainArguments(["s2-1", "--progress", "60", "--note", "已报送 😀", "plan.json"], options: options))
        #expect(plain.values == [nil, "60", "已报送 😀"])
        #expect(plain.positionals == ["s2-1", "plan.json"])
        let first = try #require(DeskInput.plainArguments(["--status", "已完成", "s2-1"], options: options))
        #expect(first.values == ["已完成", nil, nil] && first.positionals == ["s2-1"])
        #expect(DeskInput.plainArguments([], options: options).map { $0.positionals.isEmpty && $0.values == [nil, nil, nil] } == true)
        #expect(DeskInput.plainArguments(["s2-1", "--note", ""], options: options)?.values == [nil, nil, ""])
        for other in [["s2-1", "--progress=60"], ["s2-1", "--progress", "60", "--progress", "70"], ["s2-1", "--progress"],
                      ["s2-1", "--progress", "-5"], ["s2-1", "--note", "--status"], ["--", "s2-1"], ["s2-1", "-h"],
                      ["s2-1", "--help"], ["s2-1", "--due", "11-15"], ["s2-1", "-p", "60"]] {
            #expect(DeskInput.plainArguments(other, options: options) == nil, "\(other)")
        }
    }

    @Test func statusesByIdOrChineseName() {
        #expect(DeskInput.status("未开始") == .notStarted)
        #expect(DeskInput.status("进行中") == .inProgress)
        #expect(DeskInput.status("已完成") == .done)
        #expect(DeskInput.status("受阻") == .blocked)
        #expect(DeskInput.status("已取消") == .cancelled)
        #expect(DeskInput.status("in-progress") == .inProgress)
        #expect(DeskInput.status("DONE") == .done)
        #expect(DeskInput.status("完了") == nil)
        #expect(DeskInput.status("late") == nil)
    }

    @Test func everyDateFormResolvesToTheSameDay() throws {
        let want = Day(iso: "2026-11-15")!
        for text in ["2026-11-15", "2026/11/15", "2026.11.15", "2026年11月15日", "2026年11月15号", "2026年11月15", "２０２６－１１－１５",
                     " 2026-11-15 ", "11-15", "11/15", "11月15日", "11月15号"] {
            #expect(try DeskInput.day(text, planYear: 2026).get() == want, "\(text)")
        }
        #expect(try DeskInput.day("2026-8-1", planYear: 2030).get() == Day(iso: "2026-08-01"))
        #expect(try DeskInput.date("11-15").get().year == nil)
    }

    @Test func impossibleDatesAreRefusedWithTheFormsThatWork() {
        for text in ["2026-02-30", "4月31日", "2026-13-01", "garbage", "2026-11", "20261115", "2026-11/15x", "0001-01-01", "10000-01-01", ""] {
            guard case let .failure(p) = DeskInput.day(text, planYear: 2026) else {
                Issue.record("\(text) accepted")
                continue
            }
            #expect(!p.message.isEmpty && p.messageZH != nil, "\(text)")
        }
        // A year of five digits is a year out of range, not "not a date".
        if case let .failure(p) = DeskInput.day("10000-01-01", planYear: 2026) {
            #expect(p.message.contains("10000") && p.message.contains("1900–9999") && p.messageZH!.contains("年份 10000"), "\(p.message)")
        }
        guard case let .failure(p) = DeskInput.day("x", planYear: 2026) else { return }
        #expect(p.message.contains("YYYY-MM-DD") && p.message.contains("2026年11月15日"))
        #expect(p.messageZH!.contains("11月15日"))
    }

    @Test func february29WithoutAYearDependsOnThePlanYear() {
        #expect((try? DeskInput.day("2月29日", planYear: 2028).get()) == Day(iso: "2028-02-29"))
        #expect((try? DeskInput.day("2-29", planYear: 2026).get()) == nil)
    }

    @Test func monthsInEveryForm() throws {
        let aug = YearMonth(year: 2026, month: 8)!
        for text in ["2026-08", "2026/8", "2026.08", "2026年8月", "2026年08月", "8月", "08月"] {
            #expect(try DeskInput.month(text).get().resolved(planYear: 2026).get() == aug, "\(text)")
        }
        for text in ["2026-13", "13月", "8", "2026-08-01", "1899-12"] {
            #expect((try? DeskInput.month(text).get()) == nil, "\(text)")
        }
    }
}
