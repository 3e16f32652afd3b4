import Foundation
import ShuangyongKit

// The plan-file layer's messages in Chinese (issue 12: `validate`'s problems and every error follow the
// language). The messages are made in English where the problem is found (the codec, `PlanValidation`,
// `JSONReader`); this table turns each form into Chinese, keeping the values it quotes. A message with no
// form here is shown in English: add its form below when adding a message.

extension PlanFileError {
    /// The message in `lang`: `.english` is `description`; `.chinese` says the same in Chinese
    /// ("plan.json：第 12 行第 8 列：全角逗号“，”，JSON 需要半角“,”"); `.both` is `description` too.
    public func message(_ lang: MessageLanguage) -> String {
        guard lang == .chinese else { return description }
        switch self {
        case let .syntax(file, line, column, message):
            return "\(file)：第 \(line) 行第 \(column) 列：JSON 格式错误：\(PlanMessagesChinese.translate(message))"
        case let .invalid(file, problems):
            let shown = problems.prefix(20).map { "  \(file): \($0.message(lang))" }.joined(separator: "\n")
            let more = problems.count > 20 ? "\n  ……另有 \(problems.count - 20) 处" : ""
            return "\(file)：计划有 \(problems.count) 处问题：\n" + shown + more
        case let .io(file, operation, reason):
            return "\(file)：无法\(PlanMessagesChinese.operation(operation))：\(PlanMessagesChinese.reason(reason))"
        }
    }
}

extension PlanEditError {
    /// The message in `lang`: `.chinese` says `description` in Chinese ("任务 s2-1 完成量：此任务没有量化指标
    /// （完成量指标），无法记录完成量"); `.english` and `.both` are `description`.
    public func message(_ lang: MessageLanguage) -> String {
        guard lang == .chinese else { return description }
        switch self {
        case let .unknownTask(id, first, last):
            guard let first, let last else { return "没有任务 \(id)（计划中没有任务）" }
            return "没有任务 \(id)（任务为 \(first) … \(last)）"
        case let .unknownUnit(id, task):
            return (task.map { "任务 \($0) 责任单位：" } ?? "") + "计划中没有单位 \(id)（`shuangyong report units` 列出各单位）"
        case let .invalid(id, field, message):
            let subject: String
            switch field {
            case .unitName, .unit: subject = "单位"
            case .plan: return "计划：" + PlanMessagesChinese.translate(message)
            case .section: subject = "部分"
            case .phase: subject = "阶段"
            case .activity: subject = "活动"
            default: subject = "任务"
            }
            return "\(subject) \(id) \(field.label)：" + PlanMessagesChinese.translate(message)
        }
    }
}

extension PlanProblem {
    /// `description` in `lang` (`.chinese`: the path and id as written, the message in Chinese).
    public func message(_ lang: MessageLanguage) -> String {
        guard lang == .chinese else { return description }
        return (id.map { "\(path) (id \"\($0)\")" } ?? path) + "：" + PlanMessagesChinese.translate(message)
    }
}

/// The Chinese forms of the plan-file layer's English messages.
public enum PlanMessagesChinese {
    /// `english` in Chinese when its form is known; else `english` unchanged.
    public static func translate(_ english: String) -> String {
        if let m = fullWidth(english) { return m }
        if let m = encoding(english) { return m }
        for (pattern, template) in forms {
            if let r = english.range(of: pattern, options: .regularExpression), r == english.startIndex..<english.endIndex {
                var out = english.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
                for (en, zh) in typeNames { out = out.replacingOccurrences(of: "〈\(en)〉", with: zh) }
                return out.replacingOccurrences(of: "〈", with: "").replacingOccurrences(of: "〉", with: "")
            }
        }
        return english
    }

    /// "read the file" → "读取文件".
    static func operation(_ en: String) -> String {
        let table = ["open the file": "打开文件", "read the file": "读取文件", "check the file": "检查文件", "save": "保存",
                     "create the data directory": "创建数据目录", "create the plan from the sample": "根据示例创建计划",
                     "remove the recovery file": "删除恢复文件", "move the unreadable recovery file aside": "移走无法读取的恢复文件"]
        if let zh = table[en] { return zh }
        if en.hasPrefix("save (create a temporary file in ") { return "保存（在 " + en.dropFirst(33).dropLast() + " 中创建临时文件）" }
        return en
    }

    /// Why a plan cannot be saved (`PlanDocument.readOnlyReason`) in Chinese.
    public static func readOnlyReason(_ en: String) -> String {
        if en == "opened view-only" { return "以只读方式打开" }
        if en == "its permissions make it read-only: no write permission is set" { return "文件权限为只读：没有设置写权限" }
        if en.hasPrefix("you may not write it: ") { return "你没有写入它的权限：" + reason(String(en.dropFirst(22))) }
        if en.hasPrefix("its folder "), let r = en.range(of: " is not writable ("), en.hasSuffix("); a save writes a new file there") {
            let folder = en[en.index(en.startIndex, offsetBy: 11)..<r.lowerBound]
            let why = en[r.upperBound..<en.index(en.endIndex, offsetBy: -33)]
            return "所在文件夹 \(folder) 不可写（\(reason(String(why)))），保存时要在其中写入新文件"
        }
        return en
    }

    /// "no such file or directory" → "文件或目录不存在".
    static func reason(_ en: String) -> String {
        let table = ["no such file or directory": "文件或目录不存在", "permission denied": "没有权限",
                     "is a directory": "这是一个目录", "no space left on device": "磁盘已满",
                     "read-only file system": "只读文件系统", "not a directory": "路径中有一段不是目录"]
        return table[en] ?? en
    }

    private static let typeNames: [(String, String)] = [
        ("a string", "文本"), ("a number", "数字"), ("a list", "列表"), ("an object", "对象"), ("a boolean", "true/false"),
        ("null", "null"), ("a fraction or a huge number", "小数或过大的数"),
    ]

    /// Regular expressions matching a whole English message, with the Chinese template (`〈$1〉` marks a
    /// JSON type name, put in Chinese).
    private static let forms: [(String, String)] = [
        // JSON syntax (`JSONReader`).
        (#"^the file is empty$"#, "文件是空的"),
        (#"^the file holds only white space$"#, "文件中只有空白"),
        (#"^unexpected text after the end of the document$"#, "文档结束后还有多余的内容"),
        (#"^the file ends in the middle of a value \(is it cut off\?\)$"#, "文件在一个值的中间结束（文件是否不完整？）"),
        (#"^expected a value but found (.+)$"#, "此处应为一个值，实际是 $1"),
        (#"^unknown word \(expected (.+)\)$"#, "无法识别的词（应为 $1）"),
        (#"^nesting deeper than (\d+) levels$"#, "嵌套超过 $1 层"),
        (#"^the file ends inside an object \(missing '\}'\)$"#, "文件在对象中间结束（缺少“}”）"),
        (#"^expected a quoted key but found (.+)$"#, "此处应为带半角引号的键名，实际是 $1"),
        (#"^duplicate key "(.*)" \(first at (\d+):(\d+)\)$"#, "键“$1”重复（第一次出现在第 $2 行第 $3 列）"),
        (#"^expected ':' after the key "(.*)"$"#, "键“$1”后面应为半角冒号“:”"),
        (#"^expected ',' or '\}' but found (.+)$"#, "此处应为半角逗号“,”或“}”，实际是 $1"),
        (#"^the file ends inside a list \(missing '\]'\)$"#, "文件在列表中间结束（缺少“]”）"),
        (#"^expected ',' or '\]' but found (.+)$"#, "此处应为半角逗号“,”或“]”，实际是 $1"),
        (#"^a string is not valid UTF-8$"#, "文本不是有效的 UTF-8"),
        (#"^a control character \((.+)\) inside a string must be escaped$"#, "文本中的控制字符（$1）必须转义"),
        (#"^a \\u escape holds half of a surrogate pair$"#, "\\u 转义只有代理对的一半"),
        (#"^unknown escape '(.+)' in a string$"#, "文本中有无法识别的转义“$1”"),
        (#"^the file ends inside a string \(missing closing quote\)$"#, "文件在文本中间结束（缺少右引号）"),
        (#"^the file ends inside a \\u escape$"#, "文件在 \\u 转义中间结束"),
        (#"^a \\u escape needs four hex digits$"#, "\\u 转义需要四位十六进制数字"),
        (#"^a number is cut off$"#, "数字不完整"),
        (#"^numbers may not have leading zeros$"#, "数字不能以 0 开头"),
        (#"^a number needs digits$"#, "数字缺少数位"),
        (#"^a number needs digits after '\.'$"#, "小数点后缺少数字"),
        (#"^a number needs digits in its exponent$"#, "指数缺少数字"),
        (#"^the number (.+) is out of range$"#, "数字 $1 超出范围"),
        // Plan fields (`PlanCodec`).
        (#"^missing \(a text is required\)$"#, "缺少此项（需要文本）"),
        (#"^missing \(a whole number is required\)$"#, "缺少此项（需要整数）"),
        (#"^missing \(a list is required\)$"#, "缺少此项（需要列表）"),
        (#"^missing \(when does it happen\?\)$"#, "缺少此项（活动什么时候举行？）"),
        (#"^expected a text, found (.+)$"#, "应为文本，实际是〈$1〉"),
        (#"^expected a whole number, found (.+)$"#, "应为整数，实际是〈$1〉"),
        (#"^expected a list of texts, found (.+)$"#, "应为文本列表，实际是〈$1〉"),
        (#"^expected a list, found (.+)$"#, "应为列表，实际是〈$1〉"),
        (#"^expected an object, found (.+)$"#, "应为对象，实际是〈$1〉"),
        (#"^expected true or false, found (.+)$"#, "应为 true 或 false，实际是〈$1〉"),
        (#"^unknown (\w+) "(.*)" \(allowed: (.*)\)$"#, "无法识别的 $1“$2”（可用：$3）"),
        (#"^"(.*)" is not a date \(expected YYYY-MM-DD, a real calendar day\)$"#, "“$1”不是日期（应为 YYYY-MM-DD 格式的真实日期）"),
        (#"^"(.*)" is not a time with an offset \(expected e\.g\. (.+)\)$"#, "“$1”不是带时区偏移的时间（例如 $2）"),
        (#"^unknown time zone "(.*)" \(e\.g\. Asia/Shanghai\)$"#, "无法识别的时区“$1”（例如 Asia/Shanghai）"),
        (#"^this is not a Shuangyong plan file \(format is not "(.*)"\)$"#, "这不是双拥计划文件（format 不是“$1”）"),
        (#"^the file is version (\d+); this program reads up to version (\d+) \(update Shuangyong\)$"#,
         "文件版本为 $1，本程序最高只能读取版本 $2（请更新本程序）"),
        (#"^version must be 1 or more$"#, "version 至少为 1"),
        (#"^not a plan$"#, "不是计划文件"),
        (#"^must not be negative$"#, "不能为负数"),
        (#"^month (-?\d+) is not 1–12$"#, "月份 $1 不在 1–12 之内"),
        (#"^(-?\d+)/(-?\d+) is not a day of the year$"#, "$1月$2日不是一年中的日期"),
        (#"^lunar day (-?\d+) is not 1–30$"#, "农历日 $1 不在 1–30 之内"),
        (#"^expected a non-empty list of months 1–12$"#, "应为由 1–12 月组成的非空列表"),
        (#"^expected a month 1–12$"#, "应为 1–12 之间的月份"),
        (#"^unknown rule type "(.*)" \(allowed: (.*)\)$"#, "无法识别的规则类型“$1”（可用：$2）"),
        // Cross-references and ranges (`PlanValidation`).
        (#"^an id must not be empty$"#, "id 不能为空"),
        (#"^duplicate id \(ids must be unique among (\w+)\)$"#, "id 重复（$1 中的 id 不能相同）"),
        (#"^unknown unit id "(.*)" \(not in units\)$"#, "单位 id“$1”不存在（units 中没有）"),
        (#"^unknown section id "(.*)"$"#, "部分 id“$1”不存在"),
        (#"^unknown phase id "(.*)"$"#, "阶段 id“$1”不存在"),
        (#"^progress (-?\d+) is out of range \(0–100\)$"#, "进度 $1 超出范围（0–100）"),
        (#"^a task needs a title$"#, "任务需要标题"),
        (#"^a unit needs a name$"#, "单位需要名称"),
        (#"^ends \((.+)\) before it starts \((.+)\)$"#, "结束日期（$1）早于开始日期（$2）"),
        (#"^year (-?\d+) is outside (\d+)–(\d+)$"#, "年份 $1 不在 $2–$3 之内"),
        (#"^(\S+) is outside (\S+)…(\S+)$"#, "$1 不在 $2…$3 之内"),
        (#"^duplicate section number (\d+) \(also sections\[(\d+)\], id "(.*)"\)$"#, "部分序号 $1 重复（与 sections[$2]，id“$3”相同）"),
        (#"^duplicate task number (\d+) in section "(.*)" \(also tasks\[(\d+)\], id "(.*)"\)$"#,
         "部分“$2”中任务序号 $1 重复（与 tasks[$3]，id“$4”相同）"),
        (#"^done but progress is (\d+)% \(a done task is at 100%\)$"#, "状态为已完成，但进度为 $1%（已完成的任务应为 100%）"),
        (#"^no kind: taken as "other" \(give one of: (.*)\)$"#, "没有写类别，按“other”（其他）处理（请填写：$1）"),
        // Edits (`PlanEdit.apply`).
        (#"^this task has no quantified target \(完成量指标\) to count against$"#, "此任务没有量化指标（完成量指标），无法记录完成量"),
        (#"^(-?\d+) is out of range \(allowed: 0–100\)$"#, "$1 超出范围（应为 0–100）"),
        (#"^(-?\d+) is not allowed \(a count from 0 up\)$"#, "$1 不可用（应为 0 或更大的数）"),
        (#"^a note needs some text$"#, "备注需要写些内容"),
        (#"^a task needs an id$"#, "任务需要 id"),
        (#"^a task with this id already exists$"#, "已有任务使用这个 id"),
        (#"^a unit is named twice$"#, "同一单位写了两次"),
        (#"^the short name must not be empty$"#, "简称不能为空"),
        (#"^unknown phase (\S+) \(phases are (.*)\)$"#, "没有阶段 $1（阶段为 $2）"),
        (#"^unknown section (\S+) \(sections are (.*)\)$"#, "没有部分 $1（部分为 $2）"),
        (#"^the change's time \((.+)\) is outside the years a plan can hold \((\d+)–(\d+)\): is the clock right\?$"#,
         "修改时间（$1）不在计划可用的年份（$2–$3）之内：系统时钟是否正确？"),
    ]

    /// "全角逗号“，”，JSON 需要半角“,”" for `FullWidthMark.message`.
    private static func fullWidth(_ english: String) -> String? {
        guard english.contains(": JSON needs the ASCII '") else { return nil }
        return FullWidthMark.all.first { english == $0.message }?.messageZH
    }

    /// The encoding message (`TextEncodingGuess.error`) in Chinese, with how to save the file as UTF-8.
    private static func encoding(_ english: String) -> String? {
        guard english.hasPrefix("the file is encoded as ") else { return nil }
        let guess: TextEncodingGuess = english.contains("GBK") ? .gb18030 : english.contains("big-endian") ? .utf16BE : .utf16LE
        let name = guess == .gb18030 ? "GBK/GB18030（记事本的“ANSI”）" : guess == .utf16LE ? "UTF-16（记事本的“Unicode”）" : "UTF-16（大端）"
        return "文件是 \(name) 编码，不是 UTF-8：请用记事本打开，点“文件 → 另存为”，把“编码”选为 UTF-8 后保存；"
            + "或用命令转换：iconv -f \(guess.iconvName) -t UTF-8 原文件 > 新文件"
    }
}
