import TerminalUI

/// One piece of terminal input as `get_wch` delivers it: a character, or a key ncurses has already
/// decoded from its terminfo table (arrows, function keys, resize, mouse).
enum TerminalInput: Equatable {
    case character(UInt32)
    case key(Key)
}

/// Reads escape sequences whole, so that one the key table does not know is dropped rather than split
/// into keystrokes (`ESC [ 9 5 ~` must not become Escape, `[`, `9`, `5` = "tasks view", `~`).
///
/// ncurses decodes the sequences its terminfo entry names and hands everything else over byte by byte,
/// starting with the ESC. This parser takes over from there:
///
/// - CSI: `ESC [`, parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, a final byte 0x40–0x7E.
///   SS3: `ESC O`, optional parameter bytes, a final byte. The common ones (arrows, Home/End, PgUp/PgDn,
///   Delete, F1–F12, Shift-Tab, the keypad in application mode) become keys, modified ones the names
///   ncurses gives them (`kRIT5` for Ctrl-Right); every other complete sequence — mouse reports,
///   focus events, bracketed-paste markers, terminal replies, keys nobody knows — is dropped.
///   An X10 mouse report (`ESC [ M` and three bytes) is dropped with its three bytes.
/// - ESC followed by nothing (the input pauses) is Escape. ESC then any other key is Escape and that
///   key (what a person typing Esc and then the key gets).
/// - A sequence broken off by a control character or a decoded key is dropped and the key kept; one cut
///   short by a pause is dropped, except a bare `ESC [` or `ESC O`, which is Escape and `[` or `O`.
///
/// Pure: feed it input and, when the input pauses, `inputPaused()`.
///
/// ```swift
/// EscapeSequenceParser.keys(from: Array("\u{1B}[95~5".utf8))  // [.char("5")]
/// ```
struct EscapeSequenceParser {
    private enum State: Equatable {
        case ground
        /// ESC seen.
        case escape
        /// Inside a CSI (`[`) or SS3 (`O`) sequence: the parameter and intermediate bytes so far.
        case sequence(introducer: UInt32, body: [UInt8], overflow: Bool)
        /// The bytes of an X10 mouse report still to skip.
        case mousePayload(remaining: Int)
    }

    private var state = State.ground

    /// Longer sequences are consumed but never decoded (real ones have a few bytes).
    static let maxBodyLength = 32

    /// Whether no sequence is under way (a pause would change nothing).
    var isIdle: Bool { state == .ground }

    /// Takes one piece of input; returns the keys it completes, in order (often none).
    mutating func feed(_ input: TerminalInput) -> [Key] {
        switch state {
        case .ground:
            switch input {
            case let .key(key): return [key]
            case let .character(code):
                if code == 0x1B {
                    state = .escape
                    return []
                }
                return [KeyDecoding.character(code)]
            }

        case .escape:
            switch input {
            case let .key(key):
                state = .ground
                return [.escape, key]
            case .character(0x5B), .character(0x4F):  // "[" CSI, "O" SS3
                guard case let .character(code) = input else { return [] }
                state = .sequence(introducer: code, body: [], overflow: false)
                return []
            case .character(0x1B):
                return [.escape]  // Esc Esc: the first is a key, the second may start a sequence
            case .character:
                state = .ground
                return [.escape] + feed(input)
            }

        case let .sequence(introducer, body, overflow):
            guard case let .character(code) = input else {
                state = .ground  // broken off by a key ncurses decoded: drop the sequence, keep the key
                return feed(input)
            }
            switch code {
            case 0x20...0x3F:
                if body.count < Self.maxBodyLength {
                    state = .sequence(introducer: introducer, body: body + [UInt8(code)], overflow: overflow)
                } else {
                    state = .sequence(introducer: introducer, body: body, overflow: true)
                }
                return []
            case 0x40...0x7E:
                state = .ground
                if introducer == 0x5B, code == 0x4D, body.isEmpty {  // ESC [ M b x y: X10 mouse report
                    state = .mousePayload(remaining: 3)
                    return []
                }
                guard !overflow, let key = Self.decode(introducer: introducer, body: body, final: UInt8(code)) else { return [] }
                return [key]
            case 0x1B:
                state = .escape  // a new sequence starts; the unfinished one is dropped
                return []
            default:
                state = .ground  // a control character or text: drop the sequence, keep the key
                return feed(input)
            }

        case let .mousePayload(remaining):
            guard case .character = input else {
                state = .ground
                return feed(input)
            }
            state = remaining > 1 ? .mousePayload(remaining: remaining - 1) : .ground
            return []
        }
    }

    /// The input paused (nothing more came within the escape delay): ends what is under way.
    mutating func inputPaused() -> [Key] {
        defer { state = .ground }
        switch state {
        case .ground, .mousePayload: return []
        case .escape: return [.escape]
        case let .sequence(introducer, body, _):
            // Esc then "[" or "O" typed by hand (or Alt-[): nothing of a sequence followed.
            guard body.isEmpty, let scalar = Unicode.Scalar(introducer) else { return [] }
            return [.escape, .char(Character(scalar))]
        }
    }

    /// The keys `bytes` stand for, followed by a pause. The pure form, for tests. (Escape sequences
    /// are ASCII; ncurses hands other text over as whole characters: see `keys(from:)` with a string.)
    static func keys(from bytes: [UInt8]) -> [Key] {
        keys(from: bytes.map(UInt32.init))
    }

    /// The keys the characters of `text` stand for, as `get_wch` delivers them, followed by a pause.
    static func keys(from text: String) -> [Key] {
        keys(from: text.unicodeScalars.map(\.value))
    }

    private static func keys(from codes: [UInt32]) -> [Key] {
        var parser = EscapeSequenceParser()
        var keys: [Key] = []
        for code in codes { keys += parser.feed(.character(code)) }
        return keys + parser.inputPaused()
    }

    // MARK: Known sequences

    /// The key a complete CSI or SS3 sequence stands for, or nil to drop it.
    static func decode(introducer: UInt32, body: [UInt8], final: UInt8) -> Key? {
        // Only digits and ";" are parameters of a key; "<", "?", ">", "=" mark mouse reports and
        // terminal replies, and intermediate bytes belong to no key either.
        guard body.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x3B }) else { return nil }
        let fields = body.split(separator: 0x3B, omittingEmptySubsequences: false).map { field -> Int? in
            field.isEmpty || field.count > 4 ? nil : Int(String(decoding: field, as: UTF8.self))
        }
        let first = fields.first ?? nil
        // xterm: "1;5" (CSI) or "5" (SS3) before the final byte is Ctrl; 1 or none is no modifier.
        let modifier: Int
        if introducer == 0x4F {
            modifier = fields.count == 1 ? (first ?? 1) : fields.count >= 2 ? (fields[1] ?? 1) : 1
        } else {
            modifier = fields.count >= 2 ? (fields[1] ?? 1) : 1
        }
        guard (1...8).contains(modifier) else { return nil }

        func plain(_ key: Key, _ name: String) -> Key {
            modifier == 1 ? key : .unknown(name + String(modifier))
        }
        func unmodified(_ key: Key) -> Key? { modifier == 1 ? key : nil }

        switch (introducer, final) {
        case (_, 0x41): return plain(.up, "kUP")          // A
        case (_, 0x42): return plain(.down, "kDN")        // B
        case (_, 0x43): return plain(.right, "kRIT")      // C
        case (_, 0x44): return plain(.left, "kLFT")       // D
        case (_, 0x48): return plain(.home, "kHOM")       // H
        case (_, 0x46): return plain(.end, "kEND")        // F
        case (_, 0x50...0x53): return unmodified(.function(Int(final) - 0x50 + 1))  // P Q R S: F1–F4
        case (0x5B, 0x5A): return body.isEmpty ? .backTab : nil  // CSI Z
        case (0x5B, 0x7E):                                // CSI n ~
            switch first {
            case 1?, 7?: return plain(.home, "kHOM")
            case 4?, 8?: return plain(.end, "kEND")
            case 3?: return plain(.delete, "kDC")
            case 5?: return plain(.pageUp, "kPRV")
            case 6?: return plain(.pageDown, "kNXT")
            case let n? where (11...15).contains(n): return unmodified(.function(n - 10))  // F1–F5
            case let n? where (17...21).contains(n): return unmodified(.function(n - 11))  // F6–F10
            case 23?: return unmodified(.function(11))
            case 24?: return unmodified(.function(12))
            default: return nil  // Insert, paste markers (200~, 201~), F13+, unknown numbers
            }
        case (0x4F, 0x4D): return unmodified(.enter)      // keypad Enter
        case (0x4F, 0x58): return unmodified(.char("="))  // keypad =
        case (0x4F, 0x6A...0x79):                         // keypad * + , - . / 0–9 in application mode
            let characters: [Character] = ["*", "+", ",", "-", ".", "/", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
            return unmodified(.char(characters[Int(final) - 0x6A]))
        default:
            return nil
        }
    }
}
