import ShuangyongKit

/// Why a plan file could not be read, validated or written. Every case says what and where.
public enum PlanFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not JSON: file, line and column.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// The JSON is not a valid plan: one or more problems, each with a field path and the id involved.
    case invalid(file: String, problems: [PlanProblem])
    /// The file could not be read or written.
    case io(file: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): not valid JSON: \(message)"
        case let .invalid(file, problems):
            let shown = problems.prefix(20).map { "  \(file): \($0)" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""
            return "\(file): the plan has \(problems.count) problem\(problems.count == 1 ? "" : "s"):\n" + shown + more
        case let .io(file, operation, reason):
            return "\(file): cannot \(operation): \(reason)"
        }
    }
}
