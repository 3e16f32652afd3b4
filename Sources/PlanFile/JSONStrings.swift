#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Making the reader's strings from the file's bytes, strictly (invalid UTF-8 is refused, never repaired).
///
/// `String(validating:as:)` is generic over the encoding and, called for every string of a plan, spends
/// more on generic metadata look-ups than on the validation itself. `String(decoding:as:)` over a byte
/// buffer is the standard library's specialised path (it validates once, at a few instructions a byte,
/// replacing what is invalid with U+FFFD). The result equals the input byte for byte exactly when the input
/// was valid: at the first invalid byte the decoder writes EF BF BD, which would be a valid sequence there.
enum JSONStrings {
    /// The value of one hex digit of a `\u` escape (0–9, a–f, A–F), or nil.
    @inline(__always)
    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - 55)
        default: nil
        }
    }

    /// The string the bytes spell, or nil when they are not valid UTF-8.
    @inline(__always)
    static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var s = String(decoding: bytes, as: UTF8.self)
        let same = s.withUTF8 { out in
            out.count == bytes.count && (out.count == 0 || memcmp(out.baseAddress!, bytes.baseAddress!, out.count) == 0)
        }
        return same ? s : nil
    }

    /// `make` for bytes collected in an array (a string with escapes).
    static func make(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { make($0) }
    }
}

extension JSONWriter {
    /// Appends `s` as a JSON string, escaped as `writeString` documents: runs of bytes that need no escape
    /// (nearly all of a plan's text) are copied in one go rather than byte by byte through an iterator.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { p in
            out.append(0x22)
            let n = p.count
            var run = 0, i = 0
            func escape(_ scalar: UInt32) {
                out.append(0x5C)
                out.append(UInt8(ascii: "u"))
                for shift in stride(from: 12, through: 0, by: -4) { out.append(JSONWriter.hexDigits[Int((scalar >> UInt32(shift)) & 15)]) }
            }
            while i < n {
                let c = p[i]
                // Bytes that may start something to escape: controls, quote, backslash, DEL, and the lead bytes
                // of C1 controls (0xC2), U+061C (0xD8) and the U+20xx bidi controls and separators (0xE2).
                if c >= 0x20, c != 0x22, c != 0x5C, c != 0x7F, c != 0xC2, c != 0xD8, c != 0xE2 { i &+= 1; continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
                switch c {
                case 0x22: out.append(0x5C); out.append(0x22); i += 1
                case 0x5C: out.append(0x5C); out.append(0x5C); i += 1
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n")); i += 1
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r")); i += 1
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t")); i += 1
                case 0xC2 where i + 1 < n:
                    let b = p[i + 1]
                    if b >= 0x80 && b <= 0x9F { escape(UInt32(b)) } else { out.append(c); out.append(b) }
                    i += 2
                case 0xD8 where i + 1 < n:
                    let b = p[i + 1]
                    if b == 0x9C { escape(0x061C) } else { out.append(c); out.append(b) }
                    i += 2
                case 0xE2 where i + 2 < n:
                    let b1 = p[i + 1], b2 = p[i + 2]
                    let scalar = (UInt32(c & 0x0F) << 12) | (UInt32(b1 & 0x3F) << 6) | UInt32(b2 & 0x3F)
                    if JSONWriter.mustEscape(scalar) { escape(scalar) } else { out.append(c); out.append(b1); out.append(b2) }
                    i += 3
                case 0xC2, 0xD8, 0xE2:  // cut off (not in a valid string): as it is
                    out.append(c); i += 1
                default:  // the other controls and DEL
                    escape(UInt32(c)); i += 1
                }
                run = i
            }
            if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<n])) }
            out.append(0x22)
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
