import Foundation

/// What an import found, guessed and dropped: printed after every import, written as JSON by `--report`.
public struct ImportReport: Codable, Sendable, Equatable {
    /// One decision the importer had to guess, with the source line it came from.
    public struct Guess: Codable, Sendable, Equatable {
        /// What kind of decision: "section level", "phase", "due", "unit kind", "unit", "year", "title" …
        public var kind: String
        /// What it is about (a task id, a unit name).
        public var subject: String
        /// What was decided.
        public var decision: String
        /// The source text it came from (shortened).
        public var source: String
    }

    /// Counts of what the plan holds.
    public struct Counts: Codable, Sendable, Equatable {
        public var sections = 0
        public var tasks = 0
        public var units = 0
        public var phases = 0
        public var activities = 0
        public var targets = 0
    }

    /// The file imported.
    public var file: String
    /// How it was read ("text (GB18030)", "docx", "xlsx", ".doc via antiword" …).
    public var format: String
    public var title: String
    public var organization: String
    /// county, district, city or township (as the text suggests).
    public var level: String
    public var year: Int
    /// Where the year came from ("--year", "title", "anniversary: 建军83周年" …).
    public var yearSource: String
    /// Which numbering is a section and which a task, in words.
    public var structure: String
    public var counts = Counts()
    public var guesses: [Guess] = []
    /// Every piece of text ignored as noise.
    public var noise: [String] = []
    /// Truncated document, masked characters, placeholders, converted characters.
    public var warnings: [String] = []

    /// The report as text for a person.
    public func text() -> String {
        var out: [String] = []
        out.append("导入报告 (import report): \(file) [\(format)]")
        out.append("  标题 \(title) · \(organization) · 级别 \(level) · 年份 \(year) (\(yearSource))")
        out.append("  结构 (structure): \(structure)")
        out.append("  部分 \(counts.sections) · 任务 \(counts.tasks) · 单位 \(counts.units) · 阶段 \(counts.phases) · 活动 \(counts.activities) · 量化指标 \(counts.targets)")
        if !warnings.isEmpty {
            out.append("警告 (warnings):")
            out += warnings.map { "  ! \($0)" }
        }
        if !guesses.isEmpty {
            out.append("推断 (guesses, \(guesses.count)):")
            out += guesses.map { "  - [\($0.kind)] \($0.subject): \($0.decision)" + ($0.source.isEmpty ? "" : " ← \($0.source)") }
        }
        if !noise.isEmpty {
            out.append("已忽略的噪声 (ignored as noise, \(noise.count)):")
            out += noise.map { "  × \($0)" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The report as JSON (UTF-8, sorted keys).
    public func json() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(self)) ?? Data("{}".utf8)
    }
}

extension String {
    /// At most `n` characters, with an ellipsis when cut; line breaks as spaces.
    func clipped(_ n: Int = 60) -> String {
        let one = replacingOccurrences(of: "\n", with: " ")
        return one.count <= n ? one : String(one.prefix(n)) + "…"
    }
}
