internal import CNcursesw

/// Puts the terminal back when the program is stopped from outside or crashes.
///
/// - Quit requests (`SIGINT`, `SIGTERM`, `SIGHUP`, `SIGQUIT`): the handler records the signal and wakes
///   `NcursesScreen.readKey`, which returns nil at once; the run loop sees `shouldQuit`, stops the screen
///   and exits with 128 + the signal. A second request while the first is pending, or a run loop that
///   has not stopped its screen 400 ms after the first (it is blocked elsewhere), restores the terminal
///   and exits with 128 + the signal from C. In raw mode Ctrl-C and Ctrl-\ arrive as keys, not signals.
/// - Crashes (`SIGILL`, `SIGTRAP`, `SIGABRT`, `SIGSEGV`, `SIGBUS`, `SIGFPE`, which is how `fatalError`,
///   a failed precondition or an index out of range end): the handler calls `endwin()` and dies by the
///   signal's default action, so the shell sees the signal and nothing waits for a key. Swift's
///   backtracer (which would prompt "Press space to interact…" on a terminal) runs first only when
///   `SWIFT_BACKTRACE` is set: `SWIFT_BACKTRACE=interactive=no shuangyong …` prints its report.
/// - Job control: `SIGTSTP` and `SIGCONT` are recorded and handled by `NcursesScreen.readKey` (see there).
///
/// `NcursesScreen.init` installs the handlers before `newterm` (so ncurses leaves these signals alone),
/// and `NcursesScreen.stop()` puts the previous quit, stop and continue handlers back, so Ctrl-C
/// interrupts the non-interactive commands and whatever runs after the dashboard as usual. Calling
/// `installCrashHandlers()` earlier is harmless.
///
/// The handlers and their flags are C (`CNcursesw/signals.c`), defined once per process: no Swift code
/// runs in a signal context, and every module reads the same flag.
public enum TerminalRestore {
    /// Installs the crash handlers for the rest of the process (once; later calls do nothing).
    public static func installCrashHandlers() {
        shy_install_crash_handlers()
    }

    /// Makes `SIGINT`, `SIGTERM`, `SIGHUP` and `SIGQUIT` set `shouldQuit` instead of ending the process,
    /// and records `SIGTSTP` (unless it is ignored) and `SIGCONT`. Signals that were ignored (nohup, the
    /// office screen's `SIGTSTP`) stay ignored. Returns whether job control is on (`SIGTSTP` not ignored).
    /// Called by `NcursesScreen.init`.
    @discardableResult
    public static func installQuitHandlers() -> Bool {
        shy_install_quit_handlers() != 0
    }

    /// Puts back the handlers `installQuitHandlers()` replaced. Called by `NcursesScreen.stop()`.
    public static func removeQuitHandlers() {
        shy_remove_quit_handlers()
    }

    /// Whether `SIGINT`, `SIGTERM`, `SIGHUP` or `SIGQUIT` has asked the program to quit.
    public static var shouldQuit: Bool { shy_quit_signal() != 0 }

    /// The signal that asked to quit, if any (for an exit status of 128 + signal).
    public static var quitSignal: Int32? {
        let signal = shy_quit_signal()
        return signal == 0 ? nil : signal
    }
}
