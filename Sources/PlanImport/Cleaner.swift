import Foundation

/// Removes what a web copy or a conversion adds to a plan's text, and records every piece removed.
///
/// Dropped: site headers and footers (欢迎访问, 当前位置, 本文标题, 链接地址, 上一篇/下一篇, 相关栏目 …),
/// URLs, date stamps, compilation titles ("…3篇", "…范文汇编"), page footers (第 1 页 共 8 页), download
/// notices, paywall cuts (省略N字, 未完: the document is reported as truncated), watermark strings injected
/// into sentences (a short line with digits or Latin letters that also occurs inside other lines), and
/// repetitions of the title. Traditional characters are converted with ICU's Traditional-Simplified
/// transform; masked characters (`*`, `xxx`) are kept and listed.
struct Cleaner {
    var noise: [String] = []
    var warnings: [String] = []
    var masked: [String] = []
    var truncated = false
    var traditionalConverted = 0
    /// A title found glued to the start of a line behind a compilation title or date stamp.
    var gluedTitle: String?

    static let lineMarkers = ["欢迎访问", "当前位置", "本文标题", "链接地址", "上一篇", "下一篇", "相关栏目", "相关推荐",
                              "相关文章", "我要投稿", "小编", "免责声明", "版权所有", "扫一扫", "责任编辑", "浏览次数",
                              "点击次数", "打印本页", "关闭窗口", "分享到", "返回顶部", "热门推荐", "猜你喜欢", "网友评论",
                              "文章来源", "发布时间", "阅读次数", "首页 >", "首页>", "【字体", "[字体"]
    static let inline: [Pattern] = [
        Pattern(#"下载后可任意编辑"#),
        Pattern(#"第\s*\d+\s*页\s*[,，/]?\s*共\s*\d+\s*页"#),
        Pattern(#"https?://[^\s，。；]+(?:\s\.html?)?"#),
        Pattern(#"www\.[A-Za-z0-9.\-/_]+"#),
        Pattern(#"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?"#),
        Pattern(#"[^，。,;；!?！？\n]*?范文汇编"#),
        Pattern(#"[^，。,;；!?！？\n]*?工作(?:计划|总结|要点|方案)范文(?:大全|精选)?"#),
    ]
    static let paywall = Pattern(#"(?:\(?(?:省略|余下)\s*\d+\s*字\)?|[.…]*\s*[(（]?未完(?:待续)?[)）]?|查看全文|阅读全文|余下全文|点击查看|付费阅读)"#)
    static let compilationHead = Pattern(#"^\s*(?:关于)?[^，。,;；:：\n]{2,40}?[0-9一二三四五六七八九十]+篇(?=\s*\d{4}[/\-年]|\s|$)"#)
    static let dateStamp = Pattern(#"^\s*\d{4}/[0-9Xx]{1,2}/[0-9Xx]{1,2}\s*"#)
    static let articleTitle = Pattern(#"^\s*((?:\d{4}年)?[^，。,;；:：\s]{0,30}?(?:计划|方案|要点|安排|意见))([一二三四五1-9])?(?=\p{Han})"#)
    /// A run of `*` or of x/× (two or more) next to a Chinese character, not part of a year (200*, 20xx).
    static let mask = Pattern(#"(?<![0-9A-Za-z*])(?:(?<=[\p{Han}“”《》、])(?:\*+|[xX×]{2,})|(?:\*+|[xX×]{2,})(?=[\p{Han}“”《》、]))(?![0-9A-Za-z])"#)
    static let yearPlaceholder = Pattern(#"^(?:19|20)\d?[xX×*]"#)

    /// The cleaned lines.
    mutating func clean(_ rawLines: [String]) -> [String] {
        var text = rawLines.joined(separator: "\n")
        text = normaliseCharacters(text)
        if let simplified = text.applyingTransform(StringTransform("Traditional-Simplified"), reverse: false), simplified != text {
            let changed = zip(text, simplified).filter { $0 != $1 }.count
            let han = text.filter(\.isHan).count
            if changed >= 3 && changed * 200 >= han {
                traditionalConverted = changed
                warnings.append("繁体字已转换为简体 (Traditional characters converted to Simplified: \(changed))")
                text = simplified
            }
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var kept: [String] = []
        for l in lines { if let k = dropWebLine(l) { kept.append(stripInline(k)) } }
        lines = kept
        lines = removeWatermarks(lines)
        masked = maskContexts(lines.joined(separator: "\n"))
        if !masked.isEmpty {
            let contexts = masked
            warnings.append("网站屏蔽的字符保留原样 (characters masked by the site, kept as they are): " + contexts.joined(separator: "；"))
        }
        if truncated { warnings.append("文档不完整：网页截断 (the document is truncated: the copy ends with a paywall cut or '未完')") }
        return lines
    }

    /// Full-width digits and Latin letters to ASCII, ideographic and no-break spaces to spaces, zero-width
    /// characters removed. Full-width punctuation stays (both forms are accepted downstream).
    func normaliseCharacters(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: out.append(UnicodeScalar(u.value - 0xFEE0)!)
            case 0x3000, 0x00A0, 0x2002...0x200A: out.append(" ")
            case 0x200B...0x200D, 0xFEFF, 0x00AD: continue
            case 0x0009: out.append(" ")
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Nil for a site header or footer line (recorded as noise); a long line keeps all but the sentence
    /// holding the marker.
    mutating func dropWebLine(_ line: String) -> String? {
        guard let marker = Self.lineMarkers.first(where: { line.contains($0) }) else {
            if Pattern(#"^\s*(?:https?://|www\.)\S+\s*$"#).contains(line) { noise.append(line.trimmed); return nil }
            return line
        }
        if line.count <= 300 {
            noise.append(line.trimmed)
            return nil
        }
        var kept: [String] = []
        var sentence = ""
        for c in line {
            sentence.append(c)
            if "。！？!?".contains(c) {
                if sentence.contains(marker) { noise.append(sentence.trimmed) } else { kept.append(sentence) }
                sentence = ""
            }
        }
        if sentence.contains(marker) { noise.append(sentence.trimmed) } else { kept.append(sentence) }
        return kept.joined()
    }

    /// Removes inline noise: download notices, page footers, URLs, compilation titles, date stamps and paywall cuts.
    mutating func stripInline(_ line: String) -> String {
        var s = line
        var removed: [String] = []
        for p in Self.inline { s = p.replace(in: s, removed: &removed) }
        var cut: [String] = []
        s = Self.paywall.replace(in: s, removed: &cut)
        if !cut.isEmpty { truncated = true; removed += cut }
        // A compilation title and a date stamp glued before the document ("关于2024年…3篇2024/X/XX2023年…计划1为认真…").
        var glued = false
        if let r = Self.compilationHead.firstRange(in: s) {
            removed.append(String(s[r])); s.removeSubrange(r); glued = true
        }
        if let r = Self.dateStamp.firstRange(in: s) {
            removed.append(String(s[r])); s.removeSubrange(r); glued = true
        }
        if glued, let m = Self.articleTitle.first(in: s), let whole = m[0], let title = m[1] {
            if gluedTitle == nil { gluedTitle = title.trimmed }
            removed.append(whole.trimmed)
            s = String(s.dropFirst(whole.count))
        }
        noise.append(contentsOf: removed.map(\.trimmed).filter { !$0.isEmpty })
        return s
    }

    /// Removes a watermark: a short standalone line with digits or Latin letters (a site's name) that also
    /// occurs inside other lines; it is removed everywhere.
    mutating func removeWatermarks(_ lines: [String]) -> [String] {
        var out = lines
        let candidates = Set(lines.map(\.trimmed).filter { l in
            l.count >= 5 && l.count <= 30 && l.contains(where: { $0.isASCII && ($0.isLetter || $0.isNumber) })
                && l.contains(where: \.isHan) && !l.contains("。") && !Pattern(#"^\s*[(（]?\d{1,2}[)）、.．]"#).contains(l)
                && !Pattern(#"\d+\s*月"#).contains(l) && !Pattern(#"^\s*(?:19|20)[\dxX×*]{2}"#).contains(l)
        })
        for w in candidates {
            let elsewhere = lines.filter { $0.contains(w) && $0.trimmed != w }
            guard !elsewhere.isEmpty else { continue }
            noise.append(w)
            out = out.compactMap { l in
                if l.trimmed == w { return nil }
                return l.replacingOccurrences(of: w, with: "")
            }
        }
        return out
    }

    /// Each masked run with a few characters either side, e.g. "组织*员、共青团员".
    func maskContexts(_ text: String) -> [String] {
        let ns = text as NSString
        return Self.mask.re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            let lo = max(0, m.range.location - 6), hi = min(ns.length, m.range.location + m.range.length + 6)
            return ns.substring(with: NSRange(location: lo, length: hi - lo)).replacingOccurrences(of: "\n", with: " ")
        }
    }
}
