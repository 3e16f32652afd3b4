import Dashboard
import Foundation
import PlanFile

/// The command line's language, decided once at process start (before parsing: ArgumentParser's help
/// texts are static) from `--lang` or the locale (`Language.fromArguments`), and the one helper every help
/// text, error and message is built through: `L.t("中文", "English")`.
enum L {
    /// The language of this run: `--lang zh|en`, else LC_ALL / LC_MESSAGES / LANG / LANGUAGE (zh_* → Chinese).
    static let language: Dashboard.Language =
        .fromArguments(Array(CommandLine.arguments.dropFirst()), environment: localeEnvironment)

    /// The locale variables (`Language.environmentVariables`) that are set, read one by one: every run
    /// needs them, and the whole environment as a dictionary (`ProcessInfo.environment`) costs more
    /// than the rest of deciding the language.
    static let localeEnvironment: [String: String] = {
        var env: [String: String] = [:]
        for key in Dashboard.Language.environmentVariables {
            if let value = getenv(key) { env[key] = String(cString: value) }
        }
        return env
    }()

    /// The text for this run's language.
    static func t(_ zh: String, _ en: String) -> String { language.pick(zh, en) }

    /// This run's language for the plan-file layer's messages (`PlanFileError.message`, `PlanSyncError`).
    static var messages: MessageLanguage { language == .zh ? .chinese : .english }

    /// ArgumentParser's own fixed words in help and error output, in Chinese (its messages are English
    /// only); applied to what it prints when the run speaks Chinese.
    static func translateParserOutput(_ text: String) -> String {
        guard language == .zh else { return text }
        let words: [(String, String)] = [
            ("OVERVIEW: ", "概述："), ("USAGE: ", "用法："), ("Usage: ", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
            ("SUBCOMMANDS:", "子命令："), ("Show help information.", "显示帮助。"),
            ("Show the version.", "显示版本。"),
            ("See 'shuangyong help <subcommand>' for detailed help.", "查看某个子命令的详细帮助：shuangyong help <子命令>"),
            ("Error: ", "错误："), ("Help:  ", "帮助："),
            ("Missing expected argument", "缺少参数"), ("Unknown option", "未知选项"),
            ("Missing value for", "缺少值："), ("The value", "值"), ("is invalid for", "无效，用于"),
            ("Unexpected argument", "多余的参数"),
        ]
        var out = text
        for (en, zh) in words { out = out.replacingOccurrences(of: en, with: zh) }
        out = out.replacingOccurrences(of: #"\(default: ([^)\n]*)\)"#, with: "（默认：$1）", options: .regularExpression)
        out = out.replacingOccurrences(of: #"\(values: ([^)\n]*)\)"#, with: "（可选值：$1）", options: .regularExpression)
        // "See 'shuangyong edit --help' for more information."
        out = out.replacingOccurrences(of: #"See '([^']+)' for more information\."#, with: "更多说明见 $1",
                                       options: .regularExpression)
        return out
    }
}
