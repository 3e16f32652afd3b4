import Foundation
import Testing
@testable import PlanFile

/// JSON the program writes (plan files, recovery files, `report --format json`) never carries a character
/// a terminal or an editor acts on: controls, and every Bidi_Control character and line separator.
@Suite("JSON output escapes controls and bidi characters")
struct JSONEscapeTests {
    /// Every Bidi_Control character (Unicode's property list) and U+2028/U+2029.
    static let mustEscape: [UInt32] = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029]
        + Array(0x202A...0x202E) + Array(0x2066...0x2069)

    @Test(arguments: mustEscape)
    func escapesTheCharacter(_ scalar: UInt32) throws {
        let text = "甲" + String(Unicode.Scalar(scalar)!) + "乙"
        let bytes = JSONWriter.bytes(.string(text))
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(written == "\"甲\\u" + String(format: "%04x", scalar) + "乙\"\n")
        #expect(!written.unicodeScalars.contains { $0.value == scalar })
        // Read back, it is the same text.
        #expect(try JSONReader.parse(bytes) == .string(text))
    }

    @Test func leavesTheirNeighboursAlone() throws {
        // Characters sharing a lead byte with the escaped ones stay as they are.
        let text = "\u{0600}\u{061B}\u{061D}\u{2010}\u{2027}\u{202F}\u{2065}\u{206A}“双拥”…"
        let bytes = JSONWriter.bytes(.string(text))
        #expect(String(decoding: bytes, as: UTF8.self) == "\"" + text + "\"\n")
    }

    @Test func escapesControlsInKeysAndInEveryPosition() throws {
        let value: JSONValue = .object([("k\u{202E}", .array([.string("\u{1B}]2;x\u{07}"), .string("\u{85}\u{2029}")]))])
        let written = String(decoding: JSONWriter.bytes(value), as: UTF8.self)
        #expect(!written.unicodeScalars.contains { $0.value < 0x0A || (0x0B..<0x20).contains($0.value) || (0x7F...0x9F).contains($0.value) })
        #expect(!written.unicodeScalars.contains { Self.mustEscape.contains($0.value) })
        #expect(try JSONReader.parse(Array(written.utf8)) == value)
    }
}
