import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the bytes of a plain-text plan were read.
public enum TextEncodingFound: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
}

/// Turns the bytes of a text file into a string: UTF-8 (with or without a byte-order mark), UTF-16 with
/// a mark, or GB18030/GBK (what Windows calls "ANSI" on a Chinese desk), converted with the C library's
/// `iconv` because Foundation on Linux does not read GB18030.
public enum TextDecoding {
    /// The text and the encoding it was found in, or nil when the bytes are none of these.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: TextEncodingFound)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            if let s = String(validating: rest, as: UTF8.self) { return (s, .utf8BOM) }
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var k = 2
            while k + 1 < bytes.count {
                units.append(little ? UInt16(bytes[k]) | UInt16(bytes[k + 1]) << 8 : UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1]))
                k += 2
            }
            if let s = String(validating: units, as: UTF16.self) { return (s, little ? .utf16LE : .utf16BE) }
        }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        if let s = iconvDecode(bytes, from: "GB18030") { return (s, .gb18030) }
        return nil
    }

    /// Converts `bytes` from `encoding` to a string with iconv; nil on any invalid sequence.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 3 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let ok = input.withUnsafeMutableBufferPointer { ib in
            output.withUnsafeMutableBufferPointer { ob in
                var ip: UnsafeMutablePointer<CChar>? = ib.baseAddress
                var op: UnsafeMutablePointer<CChar>? = ob.baseAddress
                return iconv(cd, &ip, &inLeft, &op, &outLeft) != -1
            }
        }
        guard ok, inLeft == 0 else { return nil }
        let used = output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
        return String(validating: used, as: UTF8.self)
    }
}
