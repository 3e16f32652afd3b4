internal import CNcursesw
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension NcursesScreen {
    /// How long the rest of an escape sequence may take to arrive once it has begun (ncurses waits as
    /// long, `set_escdelay`, before it hands over an ESC it could not match).
    static let sequenceDelayMilliseconds = 25

    /// Waits up to `timeoutMilliseconds` (negative: forever, 0: do not wait) for one key, mouse event
    /// or resize.
    ///
    /// Returns nil on timeout, at once when a quit signal arrives (check `TerminalRestore.shouldQuit`),
    /// and when a read fails at once (a terminal that went away). Escape sequences are read whole
    /// (`EscapeSequenceParser`): one that stands for no key is dropped and the wait goes on, as for
    /// mouse releases.
    ///
    /// Job control (the desk dashboard; off where `SIGTSTP` is ignored, as on the office screen): Ctrl-Z
    /// or a `SIGTSTP` restores the terminal and stops the process group like any full-screen program;
    /// after `fg` (and after any `SIGCONT`) the screen takes the terminal back, drops what was typed
    /// meanwhile, and this returns `.resize` with the current size: the next `draw` repaints everything.
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard isActive else { return nil }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds < 0 ? nil : clock.now + .milliseconds(Int(timeoutMilliseconds))
        while true {
            if TerminalRestore.shouldQuit { return nil }
            if shy_take_stop_request() != 0, jobControl { return suspend() }
            if shy_take_continued() != 0 { return takeTerminalBack() }
            if !pendingKeys.isEmpty {
                let key = pendingKeys.removeFirst()
                if key == .ctrl("z"), jobControl { return suspend() }
                return key
            }
            switch nextInput(until: deadline, clock: clock) {
            case .timedOut, .failed:
                return nil
            case .ignored, .woken:
                continue
            case let .input(input):
                var keys = parser.feed(input)
                while !parser.isIdle {
                    // The rest of a sequence comes at once; a pause ends it.
                    guard case let .input(more) = nextInput(until: clock.now + .milliseconds(Self.sequenceDelayMilliseconds),
                                                            clock: clock) else {
                        keys += parser.inputPaused()
                        break
                    }
                    keys += parser.feed(more)
                }
                pendingKeys += keys
            }
        }
    }

    private enum InputEvent {
        case input(TerminalInput)
        /// Input that means nothing here (a mouse release).
        case ignored
        /// A signal arrived (the loop checks the flags).
        case woken
        case timedOut
        /// Reading failed at once: the terminal is gone.
        case failed
    }

    /// The next piece of input: what ncurses has buffered first (the rest of a sequence it did not
    /// know), else whatever the terminal or a signal brings before `deadline` (nil: no limit).
    private func nextInput(until deadline: ContinuousClock.Instant?, clock: ContinuousClock) -> InputEvent {
        if let buffered = readBuffered() { return buffered }
        var wait: Int32 = -1
        if let deadline {
            let left = deadline - clock.now
            if left <= .zero { return .timedOut }
            let (seconds, attoseconds) = left.components
            wait = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: shy_wake_fd(), events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, fds[1].fd >= 0 ? 2 : 1, wait)
        if ready == 0 { return .timedOut }
        if ready < 0 { return errno == EINTR ? .woken : .failed }  // EINTR: SIGWINCH (ncurses' handler), …
        if fds[1].revents != 0 {
            shy_drain_wake()
            return .woken
        }
        if fds[0].revents & Int16(POLLIN) != 0, let buffered = readBuffered() { return buffered }
        return .failed  // hung up, or readable with nothing to read (end of file)
    }

    /// One key or character ncurses can give without waiting, or nil.
    private func readBuffered() -> InputEvent? {
        wtimeout(window, 0)
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case KEY_CODE_YES:
            let keyCode = Int32(bitPattern: code)
            switch keyCode {
            case KEY_RESIZE:
                invalidate()
                let (width, height) = size
                return .input(.key(.resize(width: width, height: height)))
            case KEY_MOUSE:
                return readMouse().map { .input(.key($0)) } ?? .ignored
            default:
                return .input(.key(KeyDecoding.functionKey(keyCode)))
            }
        case OK:
            return .input(.character(UInt32(code)))
        default:
            return nil
        }
    }

    /// Ctrl-Z: gives the terminal back to the shell, stops, and takes it again once continued.
    private func suspend() -> Key {
        endwin()
        shy_stop_process_group()
        return takeTerminalBack()
    }

    /// After a stop: the shell may have changed the terminal's modes, its size may differ and what was
    /// typed meanwhile was meant for the shell. Leaves curses mode (so the next refresh restores every
    /// mode: alternate screen, keypad, mouse, hidden cursor), drops pending input and asks for a full
    /// repaint at the current size.
    private func takeTerminalBack() -> Key {
        _ = shy_take_continued()
        endwin()
        flushinp()
        pendingKeys.removeAll()
        parser = EscapeSequenceParser()
        var rows: Int32 = 0, columns: Int32 = 0
        if shy_terminal_size(STDOUT_FILENO, &rows, &columns) == 0, is_term_resized(rows, columns) {
            _ = resize_term(rows, columns)
        }
        invalidate()
        let (width, height) = size
        return .resize(width: width, height: height)
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
