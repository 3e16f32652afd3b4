internal import CNcursesw
import TerminalUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the screen may use colour.
public enum ColorMode: Sendable {
    /// Colour when the terminal has it.
    case auto
    /// No colour at all (`NO_COLOR`, monochrome themes): attributes only.
    case none
}

/// Why the terminal could not be started.
public enum NcursesError: Error, CustomStringConvertible, Sendable {
    /// Standard input or output is not a terminal, or `TERM` is unusable (the message says which).
    case notATerminal(String)
    /// `newterm` failed: the terminal type is not in the terminfo database.
    case cannotOpenTerminal(term: String?)

    public var description: String {
        switch self {
        case let .notATerminal(message):
            return message
        case let .cannotOpenTerminal(term):
            let name = term.map { "\"\($0)\"" } ?? "(unset)"
            return "Cannot open the terminal: TERM=\(name) is not a terminal type this system knows "
                + "(see `infocmp`; try TERM=xterm-256color).\n"
                + "Use `shuangyong report …` or `shuangyong render …` instead."
        }
    }
}

/// The terminal, driven through ncurses: shows `Grid`s and reads `Key`s.
///
/// Use it from one thread only (ncurses is not thread-safe): create it, then loop over `readKey`,
/// your update and `draw`, and call `stop()` (or drop it) before printing anything else.
///
/// ```swift
/// let screen = try NcursesScreen(useMouse: true, colorMode: .auto)
/// defer { screen.stop() }
/// while !TerminalRestore.shouldQuit {
///     screen.draw(render(state, screen.size))
///     if let key = screen.readKey(timeoutMilliseconds: 250) { state.handle(key) }
/// }
/// ```
public final class NcursesScreen {
    private var screen: OpaquePointer?
    let window: UnsafeMutablePointer<WINDOW>

    /// Colours the screen offers after the colour mode: 0, 8, 16 or 256.
    public private(set) var colorCount: Int

    // Drawing state (see NcursesScreen+Draw.swift).
    var lastGrid: Grid?
    var lastScreenSize: (width: Int, height: Int) = (0, 0)
    var needsFullRedraw = true
    var pairs: ColorPairs
    var glyph: [wchar_t] = Array(repeating: 0, count: Int(CCHARW_MAX) + 1)

    // Input state (see NcursesScreen+Keys.swift).
    var parser = EscapeSequenceParser()
    var pendingKeys: [Key] = []
    /// Ctrl-Z and SIGTSTP stop the program (false where SIGTSTP was ignored, as on the office screen).
    let jobControl: Bool

    /// Starts full-screen mode on the process's terminal (alternate screen, raw keys, hidden cursor).
    ///
    /// Installs `TerminalRestore`'s crash and quit handlers first (before `newterm`, so ncurses leaves
    /// SIGINT/SIGTERM/SIGHUP/SIGQUIT/SIGTSTP to them); Ctrl-Z suspends unless SIGTSTP is ignored by
    /// then. Throws when standard input or output is not a terminal or `TERM` is unusable, without
    /// writing anything.
    public init(useMouse: Bool, colorMode: ColorMode) throws {
        if let problem = TerminalCheck.currentProblem() { throw NcursesError.notATerminal(problem) }
        TerminalRestore.installCrashHandlers()
        jobControl = TerminalRestore.installQuitHandlers()
        _ = shy_setup_utf8_locale()

        guard let screen = newterm(nil, shy_stdout(), shy_stdin()) else {
            TerminalRestore.removeQuitHandlers()
            throw NcursesError.cannotOpenTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        set_term(screen)
        guard let window = shy_stdscr() else {
            endwin()
            delscreen(screen)
            TerminalRestore.removeQuitHandlers()
            throw NcursesError.cannotOpenTerminal(term: getenv("TERM").map { String(cString: $0) })
        }
        self.screen = screen
        self.window = window
        shy_screen_started()

        raw()
        noecho()
        keypad(window, true)
        // Enter stays "\n" (nl() is the default). The cursor is hidden, so it need not be parked.
        leaveok(window, true)
        scrollok(window, false)
        curs_set(0)
        set_escdelay(25)
        // Without this, ncurses abandons a refresh when more input is waiting (typeahead) and the
        // frame for the last key of a burst may never reach the screen.
        typeahead(-1)

        var count = 0
        var defaultColors = false
        if colorMode == .auto, has_colors(), start_color() == OK {
            defaultColors = use_default_colors() == OK
            let colors = Int(shy_colors())
            count = colors >= 256 ? 256 : colors >= 16 ? 16 : colors >= 8 ? 8 : 0
        }
        colorCount = count
        pairs = ColorPairs(colorCount: count, defaultColors: defaultColors,
                           pairLimit: count == 0 ? 0 : min(Int(shy_color_pairs()), Int(Int16.max)))

        if useMouse {
            let mask = SHY_BUTTON1_PRESSED | SHY_BUTTON1_CLICKED | SHY_BUTTON4_PRESSED | SHY_BUTTON5_PRESSED
            _ = mousemask(mask, nil)
            _ = mouseinterval(0)  // report presses at once instead of waiting to merge them into clicks
        }
    }

    deinit { stop() }

    /// Whether the screen is running (not yet stopped).
    public var isActive: Bool { screen != nil }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        guard isActive else { return (0, 0) }
        return (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Leaves full-screen mode, restores the terminal and puts back the previous SIGINT/SIGTERM/SIGHUP/
    /// SIGQUIT/SIGTSTP/SIGCONT handlers (a quit request already received stays visible in
    /// `TerminalRestore.shouldQuit`). Safe to call more than once.
    public func stop() {
        guard let screen else { return }
        self.screen = nil
        shy_screen_stopping()
        endwin()
        delscreen(screen)
        TerminalRestore.removeQuitHandlers()
    }
}
