// What a plan file edited by hand on a Chinese desk often holds, named so the desk can act on it
// (issue 12): full-width punctuation where JSON needs ASCII, and a file saved as UTF-16 or GBK/GB18030.

/// A full-width or Chinese punctuation mark found where JSON expects its ASCII counterpart.
struct FullWidthMark {
    let character: Character
    let scalar: UInt32
    /// What it is, in English and in Chinese: "full-width comma" / "全角逗号".
    let nameEN: String
    let nameZH: String
    /// The ASCII character JSON needs instead.
    let ascii: Character

    static let all: [FullWidthMark] = [
        .init(character: "，", scalar: 0xFF0C, nameEN: "full-width comma", nameZH: "全角逗号", ascii: ","),
        .init(character: "、", scalar: 0x3001, nameEN: "Chinese enumeration comma", nameZH: "顿号", ascii: ","),
        .init(character: "：", scalar: 0xFF1A, nameEN: "full-width colon", nameZH: "全角冒号", ascii: ":"),
        .init(character: "“", scalar: 0x201C, nameEN: "Chinese opening quote", nameZH: "中文引号", ascii: "\""),
        .init(character: "”", scalar: 0x201D, nameEN: "Chinese closing quote", nameZH: "中文引号", ascii: "\""),
        .init(character: "＂", scalar: 0xFF02, nameEN: "full-width quote", nameZH: "全角引号", ascii: "\""),
        .init(character: "｛", scalar: 0xFF5B, nameEN: "full-width brace", nameZH: "全角花括号", ascii: "{"),
        .init(character: "｝", scalar: 0xFF5D, nameEN: "full-width brace", nameZH: "全角花括号", ascii: "}"),
        .init(character: "［", scalar: 0xFF3B, nameEN: "full-width bracket", nameZH: "全角方括号", ascii: "["),
        .init(character: "］", scalar: 0xFF3D, nameEN: "full-width bracket", nameZH: "全角方括号", ascii: "]"),
        .init(character: "　", scalar: 0x3000, nameEN: "full-width space", nameZH: "全角空格", ascii: " "),
    ]

    /// The mark whose UTF-8 bytes start at `i`, if it is one of `all`.
    static func at(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> FullWidthMark? {
        let lead = bytes[i]
        guard lead >= 0xE0, lead < 0xF0, i + 2 < bytes.count else { return nil }
        let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
        return all.first { $0.scalar == scalar }
    }

    /// "full-width comma '，' (U+FF0C): JSON needs the ASCII ','"; `chinese(_:)` turns it into
    /// "全角逗号“，”，JSON 需要半角“,”".
    var message: String {
        "\(nameEN) '\(character)' (U+\(String(scalar, radix: 16, uppercase: true))): JSON needs the ASCII '\(ascii)'"
    }

    var messageZH: String {
        let shown = ascii == " " ? "空格" : "“\(ascii)”"
        return "\(nameZH)“\(character)”，JSON 需要半角\(shown)"
    }
}

/// The encoding a file that is not UTF-8 was most likely saved in: UTF-16 (Notepad's "Unicode") or
/// GBK/GB18030 (Notepad's "ANSI" on a Chinese Windows).
enum TextEncodingGuess: Equatable {
    case utf16LE, utf16BE, gb18030

    /// Checked when a file failed to parse: a UTF-16 byte-order mark or NUL bytes between ASCII ones
    /// make UTF-16; bytes that are not UTF-8 but pair as GBK (a lead 0x81–0xFE, a trail 0x40–0xFE)
    /// make GBK/GB18030. Nil when the file is UTF-8 or none of these.
    static func guess(_ bytes: [UInt8]) -> TextEncodingGuess? {
        if bytes.count >= 2 {
            if bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LE }
            if bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BE }
            let head = bytes.prefix(64)
            let zeros = head.enumerated().filter { $0.element == 0 }
            if zeros.count * 3 >= head.count {
                let odd = zeros.filter { $0.offset % 2 == 1 }.count
                return odd * 2 >= zeros.count ? .utf16LE : .utf16BE
            }
        }
        guard firstInvalidUTF8(bytes) != nil else { return nil }
        var k = 0
        var pairs = 0
        while k < bytes.count {
            let c = bytes[k]
            if c < 0x80 { k += 1; continue }
            guard (0x81...0xFE).contains(c), k + 1 < bytes.count else { return nil }
            let t = bytes[k + 1]
            if (0x40...0xFE).contains(t), t != 0x7F {
                k += 2
            } else if (0x30...0x39).contains(t), k + 3 < bytes.count {
                k += 4  // a GB18030 four-byte sequence
            } else {
                return nil
            }
            pairs += 1
        }
        return pairs > 0 ? .gb18030 : nil
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var k = 0
        while k < bytes.count {
            let c = bytes[k]
            let n: Int
            switch c {
            case 0..<0x80: k += 1; continue
            case 0xC2...0xDF: n = 1
            case 0xE0...0xEF: n = 2
            case 0xF0...0xF4: n = 3
            default: return k
            }
            guard k + n < bytes.count, (1...n).allSatisfy({ bytes[k + $0] & 0xC0 == 0x80 }) else { return k }
            k += n + 1
        }
        return nil
    }

    var nameEN: String {
        switch self {
        case .utf16LE: "UTF-16 (little-endian, Notepad's \"Unicode\")"
        case .utf16BE: "UTF-16 (big-endian)"
        case .gb18030: "GBK/GB18030 (Notepad's \"ANSI\" on a Chinese Windows)"
        }
    }

    var iconvName: String {
        switch self {
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .gb18030: "GB18030"
        }
    }

    /// The syntax error naming the encoding, at the first byte that is not UTF-8 (line 1, column 1 for UTF-16).
    func error(in bytes: [UInt8]) -> JSONSyntaxError {
        var line = 1, column = 1
        if self == .gb18030, let bad = TextEncodingGuess.firstInvalidUTF8(bytes) {
            for b in bytes[..<bad] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
        }
        return JSONSyntaxError(message: "the file is encoded as \(nameEN), not UTF-8: save it as UTF-8 (in Notepad: "
            + "File > Save As, Encoding: UTF-8), or convert it with `iconv -f \(iconvName) -t UTF-8 FILE > NEW`",
            line: line, column: column)
    }
}
