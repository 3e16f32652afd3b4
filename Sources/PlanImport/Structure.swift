import Foundation

/// The numbering styles of Chinese official documents, in their usual order of rank.
enum MarkerStyle: Int, Sendable, CaseIterable {
    case cnTop = 0      // 一、
    case cnParen        // (一)
    case arabic         // 1、 1.
    case arabicParen    // (1)
    case circled        // ①
    case cnShi          // 一是

    /// How the report names the level.
    var label: String {
        switch self {
        case .cnTop: "一、"
        case .cnParen: "(一)"
        case .arabic: "1、/1."
        case .arabicParen: "(1)"
        case .circled: "①"
        case .cnShi: "一是"
        }
    }
}

/// The numbered outline of a text: every accepted marker as a node with its place in the hierarchy.
///
/// A marker is accepted only where it fits the numbering so far: the next number of an open list, or a 1
/// opening a list under the current item (an 一、 or 一是 only at the start of a line or sentence). So
/// "第1、2批", "73 311、949 21" or a stray "2、" left by a web page's chunking are not taken as items.
/// Numbering that runs on across sections (一 holds 1–3, 二 holds 4–6) is accepted. A lone "1、" before the
/// first 一、 is a title, not a list. A rejected number at the start of a line that continues a broken
/// sentence is the site's chunk marker: it is removed and the sentence joined.
struct Outline {
    struct Node {
        var style: MarkerStyle?
        var value: Int
        var markerStart: Int
        var contentStart: Int
        var end: Int
        var depth: Int
        var parent: Int?
        var children: [Int] = []
        /// The marker as written ("(一)", "十 三、").
        var marker: String
    }

    let chars: [Character]
    private(set) var nodes: [Node] = []
    /// Character ranges removed from every text taken from the outline (chunk markers).
    private(set) var excised: [Range<Int>] = []
    /// Markers dropped as noise (for the report).
    private(set) var droppedMarkers: [String] = []

    struct Candidate {
        var style: MarkerStyle
        var value: Int
        var start: Int
        var end: Int
        var strong: Bool
        var lineStart: Bool
    }

    init(text: String) {
        chars = Array(text)
        nodes = [Node(style: nil, value: 0, markerStart: 0, contentStart: 0, end: chars.count, depth: 0, parent: nil, marker: "")]
        build(candidates())
    }

    // MARK: Candidates

    private func prevNonSpace(_ i: Int) -> (Character?, sawSpace: Bool, sawNewline: Bool) {
        var j = i - 1
        var space = false, newline = false
        while j >= 0, chars[j].isWhitespace {
            space = true
            if chars[j].isNewline { newline = true }
            j -= 1
        }
        return (j >= 0 ? chars[j] : nil, space, newline)
    }

    private func candidates() -> [Candidate] {
        var out: [Candidate] = []
        let n = chars.count
        let sentenceEnd: Set<Character> = Set("。；;：:！？!?")
        for i in 0..<n {
            let c = chars[i]
            let (prev, space, newline) = prevNonSpace(i)
            let lineStart = prev == nil || newline
            let strong = lineStart || space || prev.map { sentenceEnd.contains($0) || "）)”〞\"".contains($0) } ?? true
            if ChineseNumerals.isNumeral(c), i == 0 || !ChineseNumerals.isNumeral(chars[i - 1]) {
                var j = i
                var digits = ""
                while j < n, digits.count < 3 {
                    if ChineseNumerals.isNumeral(chars[j]) { digits.append(chars[j]); j += 1 }
                    else if chars[j] == " ", j + 1 < n, ChineseNumerals.isNumeral(chars[j + 1]), !digits.isEmpty { j += 1 }
                    else { break }
                }
                var k = j
                while k < n, chars[k] == " " { k += 1 }
                if let v = ChineseNumerals.value(digits) {
                    if k < n, chars[k] == "、" {
                        out.append(Candidate(style: .cnTop, value: v, start: i, end: k + 1, strong: strong, lineStart: lineStart))
                    } else if j == i + digits.count, j < n, chars[j] == "是", strong || prev.map({ "，,、".contains($0) }) == true {
                        out.append(Candidate(style: .cnShi, value: v, start: i, end: j + 1, strong: true, lineStart: lineStart))
                    }
                }
            } else if c == "(" || c == "（" {
                var j = i + 1
                while j < n, chars[j] == " " { j += 1 }
                var body = ""
                while j < n, body.count < 3, chars[j].isASCII ? chars[j].isNumber : ChineseNumerals.isNumeral(chars[j]) {
                    body.append(chars[j]); j += 1
                }
                while j < n, chars[j] == " " { j += 1 }
                if !body.isEmpty, j < n, chars[j] == ")" || chars[j] == "）" {
                    if let v = Int(body), v > 0, v < 100 {
                        out.append(Candidate(style: .arabicParen, value: v, start: i, end: j + 1, strong: true, lineStart: lineStart))
                    } else if let v = ChineseNumerals.value(body) {
                        out.append(Candidate(style: .cnParen, value: v, start: i, end: j + 1, strong: true, lineStart: lineStart))
                    }
                }
            } else if c.isASCII, c.isNumber {
                if i > 0 {
                    let p = chars[i - 1]
                    if (p.isASCII && (p.isNumber || p.isLetter)) || ".-/第".contains(p) { continue }
                    if p == "、", i > 1, chars[i - 2].isASCII, chars[i - 2].isNumber { continue }
                }
                var j = i
                var digits = ""
                while j < n, chars[j].isASCII, chars[j].isNumber { digits.append(chars[j]); j += 1 }
                var k = j
                while k < n, k - j < 2, chars[k] == " " { k += 1 }
                guard k < n, let v = Int(digits), v > 0, v < 100 else { continue }
                if chars[k] == "、" || ((chars[k] == "." || chars[k] == "．") && !(k + 1 < n && chars[k + 1].isASCII && chars[k + 1].isNumber)) {
                    out.append(Candidate(style: .arabic, value: v, start: i, end: k + 1, strong: strong, lineStart: lineStart))
                }
            } else if let v = c.unicodeScalars.first?.value, (0x2460...0x2473).contains(v) {
                out.append(Candidate(style: .circled, value: Int(v - 0x2460 + 1), start: i, end: i + 1, strong: true, lineStart: lineStart))
            }
        }
        return out
    }

    // MARK: Building the tree

    private mutating func build(_ cands: [Candidate]) {
        struct Frame {
            var style: MarkerStyle?
            var last: Int
            var node: Int
        }
        var stack = [Frame(style: nil, last: 0, node: 0)]
        var closed: [MarkerStyle: (parentStyle: MarkerStyle?, parentValue: Int, last: Int)] = [:]
        var consumed = 0
        var accepted: [(Candidate, parent: Int)] = []
        func close(above k: Int) {
            while stack.count > k + 1 {
                let f = stack.removeLast()
                if let s = f.style { closed[s] = (stack.last!.style, stack.last!.last, f.last) }
            }
        }
        func add(_ c: Candidate, parent: Int) -> Int {
            nodes.append(Node(style: c.style, value: c.value, markerStart: c.start, contentStart: c.end, end: chars.count,
                              depth: nodes[parent].depth + 1, parent: parent,
                              marker: String(chars[c.start..<c.end])))
            let id = nodes.count - 1
            nodes[parent].children.append(id)
            accepted.append((c, parent))
            return id
        }
        var rejected: [Candidate] = []
        for c in cands {
            if c.start < consumed { continue }
            if let k = stack.lastIndex(where: { $0.style == c.style }) {
                if c.value == stack[k].last + 1 {
                    close(above: k)
                    let parent = nodes[stack[k].node].parent!
                    let id = add(c, parent: parent)
                    stack[k] = Frame(style: c.style, last: c.value, node: id)
                    consumed = c.end
                } else {
                    rejected.append(c)
                }
                continue
            }
            let top = stack.last!
            if c.value == 1 {
                let firstChild = top.style != nil && nodes[top.node].children.isEmpty
                let ok = c.strong || c.style == .cnParen || c.style == .arabicParen || c.style == .circled
                    || (c.style == .arabic && firstChild)
                guard ok, c.style != .cnTop || c.strong else { rejected.append(c); continue }
                if let ts = top.style, ts.rawValue > c.style.rawValue, top.last == 1, stack.count == 2,
                   nodes[top.node].children.isEmpty, c.style != .cnShi {
                    // A lone lower-level "1、" before the first higher-level item: part of the title.
                    droppedMarkers.append(nodes[top.node].marker)
                    nodes[0].children.removeAll { $0 == top.node }
                    nodes[top.node].parent = nil
                    accepted.removeAll { $0.0.start == nodes[top.node].markerStart }
                    stack.removeLast()
                }
                let id = add(c, parent: stack.last!.node)
                stack.append(Frame(style: c.style, last: 1, node: id))
                consumed = c.end
            } else if let prev = closed[c.style], prev.parentStyle == top.style, top.style != nil,
                      prev.parentValue + 1 == top.last, c.value == prev.last + 1 {
                let id = add(c, parent: top.node)
                stack.append(Frame(style: c.style, last: c.value, node: id))
                consumed = c.end
            } else {
                rejected.append(c)
            }
        }
        // Ends: a node runs to the next accepted marker at its depth or above.
        let live = nodes.indices.filter { $0 == 0 || nodes[$0].parent != nil }
        for (pos, id) in live.enumerated() where id != 0 {
            let d = nodes[id].depth
            nodes[id].end = live[(pos + 1)...].first { nodes[$0].depth <= d }.map { nodes[$0].markerStart } ?? chars.count
        }
        // Chunk markers: a rejected number at the start of a line in the middle of a sentence.
        let sentenceEnd: Set<Character> = Set("。；;！？!?：:")
        for c in rejected where c.lineStart && c.style == .arabic {
            let (prev, _, _) = prevNonSpace(c.start)
            guard let prev, !sentenceEnd.contains(prev) else { continue }
            var s = c.start
            while s > 0, chars[s - 1].isWhitespace { s -= 1 }
            excised.append(s..<c.end)
            droppedMarkers.append(String(chars[c.start..<c.end]))
        }
    }

    // MARK: Reading

    /// The live nodes below the root, in document order.
    var items: [Int] { nodes.indices.filter { $0 != 0 && nodes[$0].parent != nil } }

    /// The text of `range` with chunk markers removed.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        var out = ""
        var i = range.lowerBound
        for e in excised.sorted(by: { $0.lowerBound < $1.lowerBound }) where e.upperBound > i && e.lowerBound < range.upperBound {
            if e.lowerBound > i { out += String(chars[i..<e.lowerBound]) }
            i = max(i, e.upperBound)
        }
        if i < range.upperBound { out += String(chars[i..<range.upperBound]) }
        return out
    }

    /// A node's own text: from after its marker to its first child (its heading, or all of a leaf).
    func ownText(_ id: Int) -> String {
        let n = nodes[id]
        let stop = n.children.first.map { nodes[$0].markerStart } ?? n.end
        return text(n.contentStart..<max(n.contentStart, stop))
    }

    /// A node's whole text, children included.
    func fullText(_ id: Int) -> String {
        let n = nodes[id]
        return text(n.contentStart..<n.end)
    }

    /// The text before the first item (title, preamble).
    var preamble: String {
        let first = nodes[0].children.first.map { nodes[$0].markerStart } ?? chars.count
        return text(0..<first)
    }
}
