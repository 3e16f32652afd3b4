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
    /// A message naming what is wrong (in Chinese when `chinese`), or nil when the dashboard can start.
    /// Checks the process's real standard input and output with `isatty`.
    public static func problem(environment: [String: String], chinese: Bool = false) -> String? {
        problem(environment: environment, stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: isatty(1) == 1, chinese: chinese)
    }

    /// The pure form of `problem(environment:chinese:)`, for tests.
    public static func problem(environment: [String: String], stdinIsTerminal: Bool, stdoutIsTerminal: Bool,
                               chinese: Bool = false) -> String? {
        func l(_ zh: String, _ en: String) -> String { chinese ? zh : en }
        var problems: [String] = []
        if !stdinIsTerminal { problems.append(l("标准输入不是终端", "standard input is not a terminal")) }
        if !stdoutIsTerminal { problems.append(l("标准输出不是终端", "standard output is not a terminal")) }
        switch environment["TERM"] {
        case nil: problems.append(l("没有设置 TERM", "TERM is not set"))
        case let term? where term.allSatisfy(\.isWhitespace): problems.append(l("TERM 为空", "TERM is empty"))
        case "dumb"?: problems.append(l("TERM 为“dumb”，无法绘制全屏看板", "TERM is \"dumb\", which cannot draw a full-screen dashboard"))
        default: break
        }
        guard !problems.isEmpty else { return nil }
        return l("无法启动交互看板：" + problems.joined(separator: "；") + "。\n请改用 `shuangyong report …` 或 `shuangyong render …`，或在终端中运行。",
                 "The interactive dashboard cannot start: " + problems.joined(separator: "; ") + ".\n"
                    + "Use `shuangyong report …` or `shuangyong render …` instead, or run it in a terminal.")
    }

    /// `problem(environment:)` with only `TERM` read from the process environment (no Foundation needed).
    static func currentProblem() -> String? {
        var environment: [String: String] = [:]
        if let term = getenv("TERM") { environment["TERM"] = String(cString: term) }
        return problem(environment: environment)
    }
}
