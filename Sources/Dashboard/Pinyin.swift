import Foundation

/// Pinyin of Chinese text for search, with every reading of a polyphonic character.
///
/// Readings come from published data, not hand-made tables: ICU's Han-Latin transform gives each
/// character's main reading, and `PinyinReadings/polyphones.txt` (generated from Unicode's Unihan
/// database, UAX #38: kMandarin, kXHC1983, kTGHZ2013, kHanyuPinlu, kHanyuPinyin) adds the other
/// readings of the characters that have several (长 zhang/chang, 行 xing/hang, 重 zhong/chong …).
/// A query matches when some choice of one reading per character gives it (issue "terminal, text,
/// calendar", case `pinyin-polyphonic`: `cszj` finds 长沙驻军).
public enum Pinyin {
    public struct Forms: Sendable {
        /// "minzhengju" (tones and spaces removed)
        public var full: String
        /// "mzj"
        public var initials: String
    }

    /// One reading per character, the main one (ICU's): for showing, not for matching, since a
    /// polyphonic character may be read otherwise. Match with `matches(_:query:)`.
    public static func of(_ text: String) -> Forms {
        let words = readings(of: text).mainReadings
        return Forms(full: words.joined(), initials: String(words.compactMap(\.first)))
    }

    /// Whether `query` (lower-case ASCII) is part of the text's pinyin for some choice of readings, in
    /// full ("changsha", "engsha") or as initials ("cszj"). See `Readings.matches`.
    public static func matches(_ text: String, query: String) -> Bool {
        readings(of: text).matches(query)
    }

    /// The text as syllables and words, each with all its readings; cached per text.
    public static func readings(of text: String) -> Readings {
        cache.lock.lock()
        if let hit = cache.readings[text] { cache.lock.unlock(); return hit }
        cache.lock.unlock()
        let r = Readings(text)
        cache.lock.lock()
        if cache.readings.count > 100_000 { cache.readings.removeAll() }
        cache.readings[text] = r
        cache.lock.unlock()
        return r
    }

    /// A text's pinyin: one token per Han character (its readings) or per word of other letters and
    /// digits (itself, lower-cased, in Latin letters).
    public struct Readings: Sendable {
        // Flat storage, so matching walks three arrays instead of an array of arrays per character.
        /// The letters of every reading (lower-case ASCII), back to back; each token's main reading first.
        private var letters: [UInt8] = []
        /// Per reading, where its letters end in `letters`.
        private var readingEnd: [Int32] = []
        /// Per token, where its readings end in `readingEnd`.
        private var tokenEnd: [Int32] = []
        /// The first letter of each token's readings without repeats, back to back.
        private var initials: [UInt8] = []
        /// Per token, where its initials end in `initials`.
        private var initialEnd: [Int32] = []

        /// Tokens given directly, each as its readings (for tests).
        init(tokens: [[String]]) {
            for t in tokens { append(t.map { Array($0.utf8) }) }
        }

        init(_ text: String) {
            var run = ""
            func endRun() {
                guard !run.isEmpty else { return }
                for word in Pinyin.latinWords(run) { append([Array(word.utf8)]) }
                run = ""
            }
            for c in text {
                let s = c.unicodeScalars.first!
                if s.properties.isIdeographic, let r = Pinyin.hanReadings(s) {
                    endRun()
                    append(r)
                } else {
                    run.append(c)
                }
            }
            endRun()
        }

        private mutating func append(_ readings: [[UInt8]]) {
            guard !readings.isEmpty else { return }
            var firsts: [UInt8] = []
            for r in readings where !r.isEmpty {
                letters += r
                readingEnd.append(Int32(letters.count))
                if !firsts.contains(r[0]) { firsts.append(r[0]) }
            }
            tokenEnd.append(Int32(readingEnd.count))
            initials += firsts
            initialEnd.append(Int32(initials.count))
        }

        /// Each token's main reading (ICU's for a Han character).
        var mainReadings: [String] {
            var out: [String] = []
            var reading = 0
            for end in tokenEnd {
                let from = reading == 0 ? 0 : Int(readingEnd[reading - 1])
                out.append(String(decoding: letters[from..<Int(readingEnd[reading])], as: UTF8.self))
                reading = Int(end)
            }
            return out
        }

        /// Whether `query` (lower-case ASCII) occurs in the text's pinyin for some choice of one reading
        /// per character: in the full form (the readings run together, the query may start and end
        /// inside a syllable, as `"minzhengju".contains("zhengj")`), or in the initials (one letter per
        /// token, as `"mzj".contains("zj")`). The two forms are not mixed within one query.
        ///
        /// Characters are taken one at a time with the set of query positions reached so far (a small
        /// NFA, one bit per position: Shift-And), so several readings per character cost their sum, not
        /// their product.
        public func matches(_ query: String) -> Bool { matches(Query(query)) }

        /// `matches` for a query prepared once (`Query`), when many texts are searched for it.
        public func matches(_ query: Query) -> Bool {
            let n = query.bytes.count
            guard n > 0 else { return true }
            guard n <= 64 else { return matchesLong(query.bytes) }
            return query.masks.withUnsafeBufferPointer { m in
                let accept: UInt64 = 1 << UInt64(n - 1)
                // Initials: one letter per token. Bit j of `d`: query[0...j] ends at the last token read.
                let inInitials = initials.withUnsafeBufferPointer { ini in
                    initialEnd.withUnsafeBufferPointer { ends in
                        var d: UInt64 = 0
                        var k = 0
                        for end in ends {
                            var next: UInt64 = 0
                            let shifted = (d << 1) | 1
                            while k < Int(end) {
                                next |= shifted & m[Int(ini[k])]
                                k += 1
                            }
                            if next & accept != 0 { return true }
                            d = next
                        }
                        return false
                    }
                }
                if inInitials { return true }
                // Full readings. Bit j of `d`: query[0...j] ends at the last letter read.
                return letters.withUnsafeBufferPointer { lt in
                    readingEnd.withUnsafeBufferPointer { rEnd in
                        tokenEnd.withUnsafeBufferPointer { tEnd in
                            var d: UInt64 = 0
                            var r = 0, k = 0
                            for end in tEnd {
                                var next: UInt64 = 0
                                while r < Int(end) {
                                    var e = d
                                    while k < Int(rEnd[r]) {
                                        e = ((e << 1) | 1) & m[Int(lt[k])]
                                        if e & accept != 0 { return true }
                                        k += 1
                                    }
                                    next |= e
                                    r += 1
                                }
                                d = next
                            }
                            return false
                        }
                    }
                }
            }
        }

        /// `matches` for queries longer than 64 letters: the same automaton with a set of positions.
        /// A query as `matches` reads it: its bytes, and for each byte value the query positions that hold
        /// it (bit j: query byte j), for queries of up to 64 bytes.
        public struct Query: Sendable {
            let bytes: [UInt8]
            let masks: [UInt64]

            public init(_ query: String) {
                bytes = Array(query.utf8)
                var m = [UInt64](repeating: 0, count: 256)
                for (j, b) in bytes.prefix(64).enumerated() { m[Int(b)] |= 1 << UInt64(j) }
                masks = m
            }
        }

        func matchesLong(_ q: [UInt8]) -> Bool {
            // Per token, its alternatives: one-letter initials, or full readings.
            var initialTokens: [[[UInt8]]] = [], fullTokens: [[[UInt8]]] = []
            var r = 0, k = 0, i = 0
            for (t, end) in tokenEnd.enumerated() {
                var full: [[UInt8]] = []
                while r < Int(end) {
                    full.append(Array(letters[k..<Int(readingEnd[r])]))
                    k = Int(readingEnd[r])
                    r += 1
                }
                fullTokens.append(full)
                initialTokens.append(initials[i..<Int(initialEnd[t])].map { [$0] })
                i = Int(initialEnd[t])
            }
            func run(_ tokens: [[[UInt8]]]) -> Bool {
                var reached = Set<Int>()  // query letters matched so far, ending at the last token read
                for alternatives in tokens {
                    var next = Set<Int>()
                    for reading in alternatives {
                        var e = reached
                        for b in reading {
                            e = Set(e.union([0]).compactMap { j in j < q.count && q[j] == b ? j + 1 : nil })
                            if e.contains(q.count) { return true }
                        }
                        next.formUnion(e)
                    }
                    reached = next
                }
                return false
            }
            return run(initialTokens) || run(fullTokens)
        }
    }

    // MARK: Readings of one character

    /// The readings of a Han character: ICU's first, then Unihan's others; nil when it has no Latin form.
    static func hanReadings(_ s: Unicode.Scalar) -> [[UInt8]]? {
        cache.lock.lock()
        if let hit = cache.han[s.value] { cache.lock.unlock(); return hit.isEmpty ? nil : hit }
        cache.lock.unlock()
        var found: [[UInt8]] = []
        func add(_ reading: Substring) {
            // ü is typed as u or v.
            for variant in reading.contains("ü") ? [reading.replacingOccurrences(of: "ü", with: "u"),
                                                      reading.replacingOccurrences(of: "ü", with: "v")] : [String(reading)] {
                let bytes = Array(variant.utf8)
                if !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 }), !found.contains(bytes) { found.append(bytes) }
            }
        }
        let icu = String(Character(s)).applyingTransform(.toLatin, reverse: false) ?? ""
        for word in toneless(icu).split(whereSeparator: { !$0.isLetter && !$0.isNumber }) { add(word) }
        for reading in polyphones[s.value] ?? [] { add(reading) }
        cache.lock.lock()
        cache.han[s.value] = found
        cache.lock.unlock()
        return found.isEmpty ? nil : found
    }

    /// Letters with tone marks removed, lower-cased, ü kept: "Zhǎng" → "zhang", "lǜ" → "lü".
    static func toneless(_ latin: String) -> String {
        var out = ""
        for s in latin.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.value == 0x308, out.last == "u" {
                out.removeLast()
                out.append("ü")
            } else if !s.properties.isDiacritic || s.isASCII {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Words of non-Han text in Latin letters, lower-cased, without diacritics (ICU's transforms).
    static func latinWords(_ text: String) -> [String] {
        let latin = text.unicodeScalars.allSatisfy(\.isASCII)
            ? text.lowercased()
            : text.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false)?.lowercased()
                ?? text.lowercased()
        return latin.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    // MARK: Data

    /// The Unihan readings of polyphonic characters, by code point (`PinyinReadings/polyphones.txt`);
    /// empty when the file cannot be found (then each character has ICU's reading only).
    static let polyphones: [UInt32: [Substring]] = {
        guard let url = polyphonesURL(), let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        return parsePolyphones(text)
    }()

    /// Lines "长 zhang chang"; "#" starts a comment line.
    static func parsePolyphones(_ text: String) -> [UInt32: [Substring]] {
        var table: [UInt32: [Substring]] = [:]
        table.reserveCapacity(5000)
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count > 1, let c = fields[0].unicodeScalars.first, fields[0].unicodeScalars.count == 1 else { continue }
            table[c.value] = Array(fields.dropFirst())
        }
        return table
    }

    /// Where the data file is: in `Shuangyong_Dashboard.resources` beside the executable (where SwiftPM
    /// puts it, and where an installation copies it), else in the source tree of a checkout. Not
    /// `Bundle.module`, which ends the program when the folder is missing.
    static func polyphonesURL(filePath: String = #filePath) -> URL? {
        let name = "Shuangyong_Dashboard.resources/polyphones.txt"
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(name)]
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent(name))
        }
        candidates.append(URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("PinyinReadings/polyphones.txt"))
        return candidates.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var readings: [String: Readings] = [:]
        var han: [UInt32: [[UInt8]]] = [:]
    }
}
