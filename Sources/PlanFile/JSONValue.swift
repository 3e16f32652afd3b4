/// A parsed JSON document. Objects keep their members in file order.
///
/// The store parses with its own reader (`JSONReader`) rather than `JSONDecoder`: it reports the line
/// and column of a syntax error, bounds nesting depth, and reads a 20,000-task plan several times faster.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// A whole number a `Double` cannot hold exactly (beyond ±2⁵³, e.g. an 18-digit id number), kept as
    /// written so that a member this program does not know is saved back unchanged.
    case numberLiteral(String)

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.numberLiteral(x), .numberLiteral(y)): return x == y
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// A short name of the value's type for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number, .numberLiteral: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// A syntax error with its 1-based line and column (column counted in characters).
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// A strict RFC 8259 reader over UTF-8 bytes.
public struct JSONReader {
    public static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    public static func parse(_ data: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        do {
            return try data.withUnsafeBufferPointer { buf in
                var r = JSONReader(bytes: buf)
                return try r.document()
            }
        } catch let e as JSONSyntaxError {
            // A file saved as UTF-16 or GBK fails somewhere: name the encoding and how to save it as UTF-8
            // instead of the byte the reader tripped on (checked only on failure: a good file costs nothing).
            if let encoding = TextEncodingGuess.guess(data) { throw encoding.error(in: data) }
            throw e
        } catch {
            throw JSONSyntaxError(message: "\(error)", line: 1, column: 1)
        }
    }

    private mutating func document() throws -> JSONValue {
        // A UTF-8 byte-order mark is tolerated (Windows editors add one).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        skipSpace()
        guard i < bytes.count else { throw fail(bytes.isEmpty ? "the file is empty" : "the file holds only white space") }
        let v = try value()
        skipSpace()
        if i < bytes.count { throw fail("unexpected text after the end of the document") }
        return v
    }

    private func fail(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
        let (line, col) = lineColumn(position ?? i)
        return JSONSyntaxError(message: message, line: line, column: col)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    private func lineColumn(_ position: Int) -> (line: Int, column: Int) {
        let p = min(position, bytes.count)
        var line = 1, col = 1
        var k = 0
        while k < p {
            let c = bytes[k]
            if c == 0x0A { line += 1; col = 1 } else if c & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return (line, col)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    /// The error for an unexpected character at `i` where `expected` was: a full-width or Chinese
    /// punctuation mark a hand-edited file often holds (，：“ ”｛｝［］、 and the full-width space) is named
    /// as such with the ASCII character JSON needs (PLAN-FORMAT.md "Errors"); anything else is described.
    private func unexpected(_ expected: String) -> JSONSyntaxError {
        if bytes[i] >= 0x80, let mark = FullWidthMark.at(bytes, i) { return fail(mark.message) }
        return fail("\(expected) but found \(describe(bytes[i]))")
    }

    private func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return String(format: "byte 0x%02X", c)
    }

    private mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw fail("the file ends in the middle of a value (is it cut off?)") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw unexpected("expected a value")
        }
    }

    private mutating func literal(_ word: String) throws {
        let start = i
        for c in word.utf8 {
            guard i < bytes.count, bytes[i] == c else { throw fail("unknown word (expected \(word))", at: start) }
            i += 1
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > JSONReader.maxDepth { throw fail("nesting deeper than \(JSONReader.maxDepth) levels") }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        i += 1
        var members: [(String, JSONValue)] = []
        // Where each key starts, for the message about a duplicate; a dictionary only for large objects.
        var keyStarts: [Int] = []
        var index: [String: Int] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count else { throw fail("the file ends inside an object (missing '}')") }
            guard bytes[i] == UInt8(ascii: "\"") else { throw unexpected("expected a quoted key") }
            let keyStart = i
            let key = try string()
            // A key given twice is refused: which value was meant cannot be known, and keeping one would
            // silently drop the other at the next save.
            let first: Int?
            if members.count < 16 {
                first = members.firstIndex { $0.0 == key }
            } else {
                if index.isEmpty { for (k, m) in members.enumerated() where index[m.0] == nil { index[m.0] = k } }
                first = index[key]
                if first == nil { index[key] = members.count }
            }
            if let first {
                let (line, column) = lineColumn(keyStarts[first])
                throw fail("duplicate key \"\(key)\" (first at \(line):\(column))", at: keyStart)
            }
            keyStarts.append(keyStart)
            skipSpace()
            guard i < bytes.count else { throw fail("the file ends inside an object (missing '}')") }
            guard bytes[i] == UInt8(ascii: ":") else { throw unexpected("expected ':' after the key \"\(key)\"") }
            i += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("the file ends inside an object (missing '}')") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(members) }
            throw unexpected("expected ',' or '}'")
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("the file ends inside a list (missing ']')") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
            throw unexpected("expected ',' or ']'")
        }
    }

    private mutating func string() throws -> String {
        let open = i
        i += 1
        var run = i  // start of the bytes not yet copied to `out`
        var out: [UInt8]?  // only once there is an escape: a string without one is decoded in place
        while true {
            i = plainEnd(from: i)
            guard i < bytes.count else { break }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                guard out != nil else {
                    let s = try decodeUTF8(run..<i, open: open)
                    i += 1
                    return s
                }
                out!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                i += 1
                guard let s = JSONStrings.make(out!) else { throw fail("a string is not valid UTF-8", at: open) }
                return s
            }
            if c < 0x20 { throw fail("a control character (\(describe(c))) inside a string must be escaped") }
            // A backslash: copy the run before it in one go, then the escaped character.
            if out == nil { out = [] }
            out!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out!.append(0x22)
            case UInt8(ascii: "\\"): out!.append(0x5C)
            case UInt8(ascii: "/"): out!.append(0x2F)
            case UInt8(ascii: "b"): out!.append(0x08)
            case UInt8(ascii: "f"): out!.append(0x0C)
            case UInt8(ascii: "n"): out!.append(0x0A)
            case UInt8(ascii: "r"): out!.append(0x0D)
            case UInt8(ascii: "t"): out!.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a \\u escape holds half of a surrogate pair")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("a \\u escape holds half of a surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail("a \\u escape holds half of a surrogate pair")
                }
                out!.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: i - 2)
            }
            run = i
        }
        throw fail("the file ends inside a string (missing closing quote)", at: open)
    }

    /// The first position from `start` holding a quote, a backslash or a control byte (or the end).
    /// Eight bytes at a time (SWAR): a 100 MB task text is read at memory speed, not byte by byte.
    private func plainEnd(from start: Int) -> Int {
        var k = start
        let n = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let quotes = ones &* 0x22, backslashes = ones &* 0x5C, spaces = ones &* 0x20
            while k &+ 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let q = w ^ quotes, b = w ^ backslashes
                // A zero byte in q or b is a quote or backslash; a byte below 0x20 is a control.
                let found = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- spaces) & ~w)
                if found & highs != 0 { break }
                k &+= 8
            }
        }
        while k < n {
            let c = bytes[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
            k += 1
        }
        return k
    }

    private func decodeUTF8(_ r: Range<Int>, open: Int) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[r])
        guard let s = JSONStrings.make(slice) else { throw fail("a string is not valid UTF-8", at: open) }
        return s
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("the file ends inside a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            guard let d = JSONStrings.hexDigit(c) else { throw fail("a \\u escape needs four hex digits") }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func number() throws -> JSONValue {
        let start = i
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return i - s
        }
        guard i < bytes.count else { throw fail("a number is cut off", at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { throw fail("numbers may not have leading zeros", at: start) }
        } else if digits() == 0 {
            throw fail("a number needs digits", at: start)
        }
        var simple = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            simple = false
            i += 1
            if digits() == 0 { throw fail("a number needs digits after '.'", at: start) }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            simple = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { throw fail("a number needs digits in its exponent", at: start) }
        }
        if simple, i - start > 15 {
            // A whole number of more digits than a Double holds exactly is kept as written.
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            guard let d = Double(text), d.isFinite else { throw fail("the number \(text) is out of range", at: start) }
            return d.magnitude > 9_007_199_254_740_992 ? .numberLiteral(text) : .number(d)
        }
        if simple {
            var v = 0
            var k = start
            let neg = bytes[k] == UInt8(ascii: "-")
            if neg { k += 1 }
            while k < i { v = v * 10 + Int(bytes[k] - 48); k += 1 }
            return .number(Double(neg ? -v : v))
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw fail("the number \(text) is out of range", at: start) }
        return .number(d)
    }
}

/// Writes JSON with two-space indentation, keys in the order given: the same value always gives the same bytes.
public struct JSONWriter {
    private(set) var out: [UInt8] = []

    public init() { out.reserveCapacity(1 << 16) }

    /// A writer whose buffer starts with room for `capacity` bytes (for writing one small value).
    init(reserving capacity: Int) { out.reserveCapacity(capacity) }

    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var w = JSONWriter()
        w.write(value, indent: 0)
        w.out.append(0x0A)
        return w.out
    }

    private mutating func newline(_ indent: Int) {
        out.append(0x0A)
        for _ in 0..<indent { out.append(0x20) }
    }

    /// Short scalar-only arrays stay on one line (unit lists, month lists) so diffs stay readable.
    private func isInline(_ items: [JSONValue]) -> Bool {
        items.count <= 12 && items.allSatisfy {
            switch $0 { case .array, .object: return false; default: return true }
        }
    }

    mutating func write(_ v: JSONValue, indent: Int) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(d):
            if d == d.rounded(), abs(d) < 1e15 { out.append(contentsOf: String(Int64(d)).utf8) }
            else { out.append(contentsOf: "\(d)".utf8) }
        case let .string(s): writeString(s)
        case let .numberLiteral(text): out.append(contentsOf: text.utf8)
        case let .array(items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            if isInline(items) {
                for (k, item) in items.enumerated() {
                    if k > 0 { out.append(contentsOf: ", ".utf8) }
                    write(item, indent: indent)
                }
            } else {
                for (k, item) in items.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    newline(indent + 2)
                    write(item, indent: indent + 2)
                }
                newline(indent)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (k, (key, item)) in members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 2)
                writeString(key)
                out.append(contentsOf: ": ".utf8)
                write(item, indent: indent + 2)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        }
    }


    /// The characters above U+0800 written as `\uXXXX`: the Bidi_Control characters of the U+2000 block
    /// (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and U+2028/U+2029. (U+061C is handled on its own.)
    static func mustEscape(_ scalar: UInt32) -> Bool {
        scalar == 0x200E || scalar == 0x200F || scalar == 0x2028 || scalar == 0x2029
            || (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar)
    }

    /// Writes a JSON string. Controls are escaped — C0 and DEL, and also the C1 controls (U+0080–U+009F),
    /// every Bidi_Control character (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line
    /// and paragraph separators U+2028/U+2029, which JSON allows raw but a terminal showing the file or a
    /// report could act on (and JavaScript string literals may not hold).
    mutating func writeString(_ s: String) {
        JSONWriter.appendString(s, to: &out)
    }
}
