#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the interactive dashboard can run here: both ends of the process must be a terminal, and
/// `TERM` must name one that can address the cursor.
///
/// Checking first keeps curses from writing escape codes into a pipe or a log file (where `getch`
/// then fails forever) and from failing on an unknown terminal type.
///
/// ```swift
/// if let problem = TerminalCheck.problem(environment: ProcessInfo.processInfo.environment) {
///     printError(problem)
///     exit(2)
/// }
/// ```
public enum TerminalCheck {
    /// A message naming what is wrong, or nil when the dashboard can start. Checks the process's real
    /// standard input and output with `isatty`.
    public static func problem(environment: [String: String]) -> String? {
        problem(environment: environment, stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: isatty(1) == 1)
    }

    /// The pure form of `problem(environment:)`, for tests.
    public static func problem(environment: [String: String], stdinIsTerminal: Bool, stdoutIsTerminal: Bool) -> String? {
        var problems: [String] = []
        if !stdinIsTerminal { problems.append("standard input is not a terminal") }
        if !stdoutIsTerminal { problems.append("standard output is not a terminal") }
        switch environment["TERM"] {
        case nil: problems.append("TERM is not set")
        case let term? where term.allSatisfy(\.isWhitespace): problems.append("TERM is empty")
        case "dumb"?: problems.append("TERM is \"dumb\", which cannot draw a full-screen dashboard")
        default: break
        }
        guard !problems.isEmpty else { return nil }
        return "The interactive dashboard cannot start: " + problems.joined(separator: "; ") + ".\n"
            + "Use `shuangyong report …` or `shuangyong render …` instead, or run it in a terminal."
    }

    /// `problem(environment:)` with only `TERM` read from the process environment (no Foundation needed).
    static func currentProblem() -> String? {
        var environment: [String: String] = [:]
        if let term = getenv("TERM") { environment["TERM"] = String(cString: term) }
        return problem(environment: environment)
    }
}
