internal import CNcursesw
import TerminalUI

extension NcursesScreen {
    /// Waits up to `timeoutMilliseconds` (negative: forever, 0: do not wait) for one key, mouse event
    /// or resize.
    ///
    /// Returns nil on timeout, on an interrupted wait (a signal: check `TerminalRestore.shouldQuit`)
    /// and for input the dashboard ignores (mouse releases). After `.resize`, the next `draw`
    /// repaints everything at the new size.
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard isActive else { return nil }
        wtimeout(window, timeoutMilliseconds)
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case KEY_CODE_YES:
            let keyCode = Int32(bitPattern: code)
            switch keyCode {
            case KEY_RESIZE:
                invalidate()
                let (width, height) = size
                return .resize(width: width, height: height)
            case KEY_MOUSE:
                return readMouse()
            default:
                return KeyDecoding.functionKey(keyCode)
            }
        case OK:
            return KeyDecoding.character(UInt32(code))
        default:
            return nil
        }
    }

    private func readMouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        if state & SHY_BUTTON4_PRESSED != 0 { return .scrollUp }
        if state & SHY_BUTTON5_PRESSED != 0 { return .scrollDown }
        if state & (SHY_BUTTON1_PRESSED | SHY_BUTTON1_CLICKED) != 0 {
            return .mouse(x: Int(event.x), y: Int(event.y))
        }
        return nil
    }
}

/// Turns what `get_wch` returns into `Key`s. Pure apart from `keyname` for unnamed function keys.
enum KeyDecoding {
    /// A character (`get_wch` returned `OK`).
    static func character(_ value: UInt32) -> Key {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + value))))  // Ctrl-A … Ctrl-Z as "a" … "z"
        case 0: return .ctrl("@")
        case 28...31: return .unknown("^" + String(Character(Unicode.Scalar(UInt8(64 + value)))))
        case 0x80...0x9F: return .unknown("C1 \(value)")
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown("U+\(String(value, radix: 16))") }
            return .char(Character(scalar))
        }
    }

    /// A function key (`get_wch` returned `KEY_CODE_YES`), other than resize and mouse.
    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_F0...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default:
            // Extended keys (Ctrl-Right is "kRIT5", Shift-Up "KEY_SR" …) depend on terminfo: keep the name.
            if let name = keyname(code) { return .unknown(String(cString: name)) }
            return .unknown("key \(code)")
        }
    }
}
