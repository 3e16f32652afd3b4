import Foundation

/// A compiled regular expression (ICU, through Foundation) with the few helpers the importer needs.
struct Pattern: @unchecked Sendable {
    let re: NSRegularExpression

    /// Compiled expressions by pattern, so a pattern written inline is compiled once per process.
    nonisolated(unsafe) private static var cache: [String: NSRegularExpression] = [:]
    private static let lock = NSLock()

    init(_ pattern: String) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if let r = Self.cache[pattern] {
            re = r
        } else {
            re = try! NSRegularExpression(pattern: pattern, options: [])
            Self.cache[pattern] = re
        }
    }

    /// Every match: the whole match and its groups (nil where a group did not take part).
    func matches(in s: String) -> [[String?]] {
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { i in
                let r = m.range(at: i)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
        }
    }

    /// The first match with its groups.
    func first(in s: String) -> [String?]? {
        let ns = s as NSString
        guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? nil : ns.substring(with: r)
        }
    }

    /// The range (in `s`) of the first match.
    func firstRange(in s: String) -> Range<String.Index>? {
        let ns = s as NSString
        guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return Range(m.range, in: s)
    }

    func contains(_ s: String) -> Bool { firstRange(in: s) != nil }

    /// `s` with every match replaced by `template` ($1 for groups); `removed` gets each match's text.
    func replace(in s: String, with template: String = "", removed: inout [String]) -> String {
        let ns = s as NSString
        let ms = re.matches(in: s, range: NSRange(location: 0, length: ns.length))
        guard !ms.isEmpty else { return s }
        removed.append(contentsOf: ms.map { ns.substring(with: $0.range) })
        return re.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: ns.length), withTemplate: template)
    }

    func replace(in s: String, with template: String = "") -> String {
        var ignored: [String] = []
        return replace(in: s, with: template, removed: &ignored)
    }
}

extension Character {
    /// A CJK ideograph (the common blocks).
    var isHan: Bool {
        guard let v = unicodeScalars.first?.value else { return false }
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
    }
}

extension String {
    /// Line breaks removed where a web copy broke a sentence between Chinese characters or punctuation,
    /// other runs of white space made one space (spaces inside a line are kept: "建军 83 周年"), ends trimmed.
    var joinedChinese: String {
        var out: [Character] = []
        var pending: (space: Bool, newline: Bool) = (false, false)
        let cjkPunct: Set<Character> = Set("，。、；：！？“”‘’（）《》〞〝,;:()")
        for c in self {
            if c.isWhitespace {
                pending.space = true
                if c.isNewline { pending.newline = true }
                continue
            }
            if pending.space, let last = out.last {
                let glue = pending.newline && (last.isHan || c.isHan || cjkPunct.contains(last) || cjkPunct.contains(c))
                if !glue { out.append(" ") }
            }
            pending = (false, false)
            out.append(c)
        }
        return String(out)
    }

    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
