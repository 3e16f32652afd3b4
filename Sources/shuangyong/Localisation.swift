import Dashboard
import Foundation
import PlanFile
import TerminalUI

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
        // An option group's Chinese title ("办公室大屏:") ends with a full-width colon, as 选项： does.
        out = out.replacingOccurrences(of: #"(?m)^(\p{Han}+):$"#, with: "$1：", options: .regularExpression)
        return rewrappingChinese(out)
    }

    /// Chinese help laid out by display width. ArgumentParser breaks lines only at spaces and counts
    /// characters, not cells: a Chinese paragraph came out 190 cells wide, broken wherever a space happened
    /// to be, and an option's help started two cells further right for each Chinese character in its name.
    /// Here the paragraphs before the usage line (abstract, discussion) are broken again at `helpWidth`
    /// cells, and each argument's and option's help starts at the same column, broken again to fit. A line
    /// wider than `helpWidth` is one ArgumentParser wrapped: it and the line after it are one paragraph,
    /// joined at the space it broke at.
    static func rewrappingChinese(_ text: String) -> String {
        // Help has sections of entries; an error (its message, then the usage line) is left on its lines.
        guard let usage = text.range(of: "\n用法："), text.contains("\n选项：") || text.contains("\n子命令：") else { return text }
        let head = text[..<usage.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tail = text[text.index(after: usage.lowerBound)...].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (rejoined(head) + laidOutEntries(tail)).joined(separator: "\n")
    }

    /// How wide help is made, in terminal cells, and where ArgumentParser starts an entry's help.
    static let helpWidth = 80, helpColumn = 26

    /// `lines` (paragraphs, a blank line between two) with every run that ArgumentParser wrapped joined and
    /// broken again at `helpWidth` cells.
    private static func rejoined(_ lines: [String]) -> [String] {
        var out: [String] = []
        var current: String?, wide = false
        for line in lines {
            if let c = current, !c.isEmpty, !line.isEmpty, wide || line.displayWidth > helpWidth {
                current = c + " " + line
            } else {
                if let c = current { out += c.displayWidth > helpWidth ? TextLayout.wrap(c, width: helpWidth) : [c] }
                current = line
            }
            wide = line.displayWidth > helpWidth
        }
        if let c = current { out += c.displayWidth > helpWidth ? TextLayout.wrap(c, width: helpWidth) : [c] }
        return out
    }

    /// The argument and option entries (`  NAME  help`) with their help at `helpColumn` by display width
    /// and broken again to fit, continuation lines aligned under it; other lines as they are.
    private static func laidOutEntries(_ lines: [String]) -> [String] {
        var out: [String] = []
        var name: String?, help: [Substring] = []
        let indent = String(repeating: " ", count: helpColumn)
        func flush() {
            guard let n = name else { return }
            // Rejoined only when ArgumentParser wrapped it by characters into lines too wide.
            let wide = helpColumn + (help.map(\.displayWidth).max() ?? 0) > helpWidth
            let pieces = wide ? TextLayout.wrap(help.joined(separator: " "), width: helpWidth - helpColumn) : help.map(String.init)
            let pad = helpColumn - n.displayWidth
            for (k, piece) in pieces.enumerated() {
                if k == 0 {
                    // A name too wide for the column (ArgumentParser put its help on the next line) keeps its own line.
                    out.append(pad >= 2 ? n + String(repeating: " ", count: pad) + piece : n)
                    if pad < 2 { out.append(indent + piece) }
                } else {
                    out.append(indent + piece)
                }
            }
            if pieces.isEmpty { out.append(n) }
            name = nil
            help = []
        }
        for line in lines {
            if name != nil, line.hasPrefix(indent) {
                help.append(line.drop { $0 == " " })  // the entry's help, continued
            } else if line.hasPrefix("  "), line.dropFirst(2).first.map({ $0 != " " }) == true {
                flush()
                if let gap = line.range(of: "  ", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex) {
                    name = String(line[..<gap.lowerBound])
                    help = [line[gap.lowerBound...].drop { $0 == " " }]
                } else {
                    name = line  // its help follows on the next lines
                }
            } else {
                flush()
                out.append(line)
            }
        }
        flush()
        return out
    }
}
