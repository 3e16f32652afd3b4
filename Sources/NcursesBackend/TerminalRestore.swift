internal import CNcursesw

/// Puts the terminal back when the program is stopped from outside or crashes.
///
/// - Crashes (`SIGILL`, `SIGTRAP`, `SIGABRT`, `SIGSEGV`, `SIGBUS`, `SIGFPE`, which is how `fatalError`,
///   a failed precondition or an index out of range end): the handler calls `endwin()`, puts back the
///   handler that was there before (the default action or Swift's backtracer) and raises the signal
///   again, so the crash report prints on a usable terminal.
/// - Quit requests (`SIGINT`, `SIGTERM`, `SIGHUP`): the handler only records the signal. The run loop
///   polls `shouldQuit` after each `readKey` (whose timeout bounds the delay) and shuts down cleanly. A
///   second request while the first is pending restores the terminal and ends the process at once.
///   In raw mode Ctrl-C arrives as a key (`.ctrl("c")`), not as `SIGINT`.
///
/// `NcursesScreen.init` installs both sets before `newterm` (so ncurses leaves these signals alone),
/// and `NcursesScreen.stop()` puts the previous quit handlers back, so Ctrl-C interrupts the
/// non-interactive commands and whatever runs after the dashboard as usual. Calling
/// `installCrashHandlers()` earlier is harmless.
///
/// The handlers are C functions in the `CNcursesw` shim: no Swift code runs in a signal context.
/// Their state is `static` C storage, private to this file's translation unit, so every use of it
/// stays in this file.
public enum TerminalRestore {
    /// Installs the crash handlers for the rest of the process (once; later calls do nothing).
    public static func installCrashHandlers() {
        shy_install_crash_handlers()
    }

    /// Makes `SIGINT`, `SIGTERM` and `SIGHUP` set `shouldQuit` instead of ending the process. Signals
    /// that were ignored (nohup) stay ignored. Called by `NcursesScreen.init`.
    public static func installQuitHandlers() {
        shy_install_quit_handlers()
    }

    /// Puts back the handlers `installQuitHandlers()` replaced. Called by `NcursesScreen.stop()`.
    public static func removeQuitHandlers() {
        shy_remove_quit_handlers()
    }

    /// Whether `SIGINT`, `SIGTERM` or `SIGHUP` has asked the program to quit.
    public static var shouldQuit: Bool { shy_quit_signal() != 0 }

    /// The signal that asked to quit, if any (for an exit status of 128 + signal).
    public static var quitSignal: Int32? {
        let signal = shy_quit_signal()
        return signal == 0 ? nil : signal
    }
}
