import Foundation
@testable import Dashboard
import ShuangyongKit
import Testing

/// Pinyin search takes every reading of a polyphonic character (issue "terminal, text, calendar", case
/// `pinyin-polyphonic`): a query matches when some choice of one reading per character gives it.
@Suite struct PinyinTests {
    /// (text, queries that must find it, queries that must not).
    static let polyphonic: [(String, [String], [String])] = [
        ("长沙驻军联谊活动", ["cszj", "zszj", "changsha", "zhangsha", "changshazhujun", "shazhu", "gshaz"], ["chsz", "cszjx", "xszj"]),
        ("银行网点", ["yhwd", "yxwd", "yinhang", "yinxing", "hangwang"], ["yinheng1", "ydwd"]),
        ("单县拥军", ["sxyj", "dxyj", "shanxian", "danxian"], ["zxyj"]),
        ("音乐会", ["yyh", "ylh", "yinyue", "yinle", "yinyuekuai", "yyk"], ["yinluehui"]),
        ("重庆籍退役军人", ["cqj", "zqj", "chongqing", "zhongqing"], ["sqj"]),
        ("西藏边防", ["xzbf", "xizang", "xicang", "xcbf"], ["xsbf"]),
        ("成都军区", ["cdjq", "chengdu", "chengdou"], ["chengda"]),
        ("会计培训", ["kjpx", "hjpx", "kuaiji", "huiji"], ["kuaiju"]),
        ("调研慰问", ["dyww", "tyww", "diaoyan", "tiaoyan"], ["dyvw"]),
        ("绿化拥军林", ["lhyjl", "lvhua", "luhua"], ["lahua"]),
    ]

    @Test(arguments: polyphonic) func everyReadingOfEachCharacterMatches(text: String, found: [String], notFound: [String]) {
        for q in found { #expect(Pinyin.matches(text, query: q), "\(q) should find \(text)") }
        for q in notFound { #expect(!Pinyin.matches(text, query: q), "\(q) should not find \(text)") }
    }

    @Test func singleReadingsAndOtherLettersWorkAsBefore() {
        #expect(Pinyin.matches("县民政局", query: "mzj"))
        #expect(Pinyin.matches("县民政局", query: "minzheng"))
        #expect(Pinyin.matches("县民政局", query: "engju"))  // the full form may start inside a syllable
        #expect(!Pinyin.matches("县民政局", query: "mzjx"))
        #expect(Pinyin.matches("2026年双拥App推广", query: "yongapptui"))
        #expect(Pinyin.matches("2026年双拥App推广", query: "2nsya"))  // a word's initial is its first letter
        #expect(Pinyin.of("县民政局").full == "xianminzhengju")
        #expect(Pinyin.of("县民政局").initials == "xmzj")
        #expect(Pinyin.matches("任何", query: ""))
    }

    /// The data file generated from Unihan is found and read; it lists only characters with more than
    /// one reading.
    @Test func polyphoneDataIsLoaded() throws {
        let table = Pinyin.polyphones
        #expect(table.count > 4000)
        #expect(table[0x957F] == ["zhang", "chang"])  // 长
        #expect(Set(table[0x884C] ?? []).isSuperset(of: ["xing", "hang"]))  // 行
        #expect(table[0x519B] == nil)  // 军: one reading, ICU's
        #expect(table.values.allSatisfy { $0.count > 1 })
        #expect(table.values.joined().allSatisfy { $0.allSatisfy { ("a"..."z").contains($0) || $0 == "ü" } })
    }

    /// The automaton agrees with trying every combination of readings, on small made-up texts.
    @Test func automatonAgreesWithEveryCombination() {
        var rng = SplitMix(seed: 38)
        let letters = Array("abc")
        func word(_ n: Int) -> String { String((0..<n).map { _ in letters[Int(rng.next() % 3)] }) }
        for _ in 0..<400 {
            let tokens = (0..<Int(rng.next() % 5)).map { _ in (0..<(1 + Int(rng.next() % 3))).map { _ in word(1 + Int(rng.next() % 3)) } }
            let r = Pinyin.Readings(tokens: tokens)
            for _ in 0..<10 {
                let q = word(1 + Int(rng.next() % 6))
                let expected = combinations(tokens).contains { choice in
                    choice.joined().contains(q) || String(choice.map { $0.first! }).contains(q)
                }
                #expect(r.matches(q) == expected, "\(tokens) \(q)")
                #expect(r.matchesLong(Array(q.utf8)) == expected, "\(tokens) \(q)")
            }
        }
    }

    /// Sixty characters of three readings each are 3^60 combinations; matching takes them one by one.
    @Test func manyPolyphonicCharactersDoNotMultiply() {
        let text = String(repeating: "行", count: 60)
        #expect(!Pinyin.matches(text, query: "xinghangxingz"))
        #expect(Pinyin.matches(text, query: "xinghanghengxing"))
        #expect(Pinyin.matches(text, query: String(repeating: "hx", count: 30)))
        // Longer than 64 letters: the same automaton over a set of positions.
        let long = String(repeating: "changsha", count: 9)
        #expect(Pinyin.matches(String(repeating: "长沙", count: 12), query: long))
        #expect(Pinyin.matches(String(repeating: "长沙", count: 12), query: String(repeating: "zhangsha", count: 9)))
        #expect(!Pinyin.matches(String(repeating: "长沙", count: 8), query: long))
    }

    /// The task search and the unit and section pickers, through the app's keys.
    @Test func searchAndPickersFindEveryReading() {
        var plan = SamplePlan.make(year: 2026)
        plan.tasks[0].title = "长沙驻军联谊活动"
        plan.units.append(Unit(id: "garrison", name: "长沙驻军", kind: .military))
        plan.sections[0].title = "重点工作"
        var app = sampleApp(view: .tasks, width: 120, height: 40, plan: plan)
        _ = app.update(key: .char("/"))
        for c in "cszj" { _ = app.update(key: .char(c)) }
        #expect(app.state.visibleTasks.map { app.state.plan.tasks[$0].id } == [plan.tasks[0].id])
        _ = app.update(key: .escape)

        _ = app.update(key: .char("w"))
        for c in "cszj" { _ = app.update(key: .char(c)) }
        #expect(app.state.picker?.visibleOptions.map(\.label) == ["长沙驻军"])
        _ = app.update(key: .escape)

        _ = app.update(key: .char("s"))
        for c in "cdgz" { _ = app.update(key: .char(c)) }  // 重 chóng as well as zhòng
        #expect(app.state.picker?.visibleOptions.map(\.value) == [plan.sections[0].id])
    }

    private func combinations(_ tokens: [[String]]) -> [[String]] {
        tokens.reduce([[]]) { partial, readings in partial.flatMap { p in readings.map { p + [$0] } } }
    }
}

/// A small seeded generator, so the made-up texts are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
