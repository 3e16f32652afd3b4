import PlanFile
import ShuangyongKit

extension PlanFileError {
    /// What is wrong, in one short line of the user's language, for banners (the desk dashboard and the
    /// office screen); `description` keeps the full text with every problem.
    public func summary(_ lang: Language) -> String {
        switch self {
        case let .io(_, _, reason) where reason == "no such file or directory":
            return lang.pick("文件不存在", "the file is missing")
        case let .io(_, _, reason):
            return lang.pick("无法读取：", "cannot read it: ") + reason
        case let .syntax(_, line, column, _):
            return lang.pick("JSON 格式错误，第\(line)行第\(column)列", "not valid JSON at line \(line), column \(column)")
        case let .invalid(_, problems):
            let first = problems.first.map { lang.pick("：", ": ") + $0.description } ?? ""
            return lang.pick("有\(problems.count)处内容错误", "\(problems.count) problem\(problems.count == 1 ? "" : "s")") + first
        }
    }
}
