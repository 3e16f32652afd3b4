/// Theme files: a small text format a person can edit, and its parser.
///
/// A theme file is UTF-8 text, one setting a line. Blank lines are ignored, and `#` starts a comment
/// when it begins a line or stands alone after a space (`overdue = 196 bold  # past due`); a `#` joined to
/// a word is a colour (`#8a8a8a`).
///
/// ```
/// # Shuangyong theme: 默认深色 (default dark)
/// name      = 默认深色
/// base      = 252 on 235     # ordinary text on the screen background
/// titleBar  = white on 26 bold
/// overdue   = 196 bold
/// selection = reverse
/// muted     = #8a8a8a
/// ```
///
/// Each setting is `role = [FG] [on BG] [bold] [underline] [reverse] [dim]`, words in any order:
/// - `role` is a `Role` name spelled as in the code (`titleBar`, `footerKey` …); `name` sets the
///   theme's display name (default: the file name without `.theme`).
/// - A colour is `default` (the terminal's own), a name (`black red green yellow blue magenta cyan
///   white`, `bright-black` … `bright-white`, `grey`/`gray` = 244), a number 0–255, or `#rrggbb`
///   (mapped to the nearest of the 256 colours with `Color.nearest`).
/// - A colour left out is the `base` role's, so every role draws on the theme's own background
///   (write `on default` for the terminal's background). Attributes are not inherited.
/// - A role left out takes the built-in default theme's setting for it, on this theme's base colours.
///
/// Parsing is pure: no files, no terminal. `ThemeLoader` finds and reads files.
public enum ThemeFile {
    /// Parses a theme file. `file` names the file in error messages and gives the default name.
    ///
    /// Throws the first problem found, with its line: an unknown role or word, a colour out of range,
    /// a bad `#rrggbb`, a role set twice, or a line without `=`.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let parsed = try entries(text, file: file)
        return resolve(parsed.entries, name: parsed.name ?? defaultName(file: file))
    }

    /// The settings a file gives, before colours are inherited and missing roles filled in.
    struct Parsed: Equatable {
        var name: String?
        var entries: [Role: ThemeEntry] = [:]
    }

    static func entries(_ text: String, file: String) throws(ThemeError) -> Parsed {
        var parsed = Parsed()
        var seen: [String: Int] = [:]  // key → line first set
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var line = raw
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }  // byte-order mark
            let content = trimmed(withoutComment(line))
            if content.isEmpty { continue }
            func fail(_ key: String, _ message: String) -> ThemeError {
                ThemeError(file: file, line: lineNumber, key: key, message: message)
            }
            guard let eq = content.firstIndex(of: "=") else {
                let word = String(content.split(whereSeparator: \.isWhitespace).first ?? content)
                if content.contains("＝") {
                    throw fail(word, "use an ASCII \"=\" between role and style (found a full-width \"＝\")")
                }
                throw fail(word, "expected \"role = style\" (e.g. \"overdue = 196 bold\"), found no \"=\" in \"\(content)\"")
            }
            let key = String(trimmed(content[..<eq]))
            let value = trimmed(content[content.index(after: eq)...])
            if key.isEmpty { throw fail(key, "missing role name before \"=\"") }
            // A former name and the new one are the same role.
            let canonical = (Role(rawValue: key) ?? Theme.formerRoleNames[key])?.rawValue ?? key
            if let first = seen[canonical] { throw fail(key, "duplicate role \"\(key)\" (first set on line \(first))") }
            if key == "name" {
                if value.isEmpty { throw fail(key, "empty theme name after \"=\"") }
                parsed.name = String(value)
            } else {
                guard let role = Role(rawValue: key) ?? Theme.formerRoleNames[key] else { throw fail(key, unknownRoleMessage(key)) }
                if value.isEmpty {
                    throw fail(key, "\(key): no style after \"=\"; write e.g. \"196 bold\", or \"default\" for the terminal's colours")
                }
                do {
                    parsed.entries[role] = try entry(value)
                } catch {
                    throw fail(key, "\(key): \(error.text)")
                }
            }
            seen[canonical] = lineNumber
        }
        return parsed
    }

    /// The words of one style.
    static func entry(_ value: Substring) throws(StyleProblem) -> ThemeEntry {
        var e = ThemeEntry()
        let words = value.split(whereSeparator: \.isWhitespace).map(String.init)
        var i = 0
        while i < words.count {
            let word = words[i]
            switch word.lowercased() {
            case "bold": e.bold = true
            case "underline": e.underline = true
            case "reverse": e.reverse = true
            case "dim": e.dim = true
            case "on":
                guard i + 1 < words.count else {
                    throw StyleProblem("\"on\" must be followed by a background colour, e.g. \"on 235\"")
                }
                i += 1
                guard let c = try color(words[i]) else {
                    throw StyleProblem("\"on\" must be followed by a colour, not \"\(words[i])\"")
                }
                if e.bg != nil { throw StyleProblem("two background colours (\"on\" given twice)") }
                e.bg = c
            default:
                guard let c = try color(word) else { throw StyleProblem(unknownWordMessage(word, next: words[safe: i + 1])) }
                if let prev = e.fg {
                    throw StyleProblem("two foreground colours (\(prev.themeText) and \"\(word)\"); put \"on\" before a background colour")
                }
                e.fg = c
            }
            i += 1
        }
        return e
    }

    /// A colour word, nil when the word is not a colour at all.
    static func color(_ word: String) throws(StyleProblem) -> Color? {
        let lower = word.lowercased()
        if let named = colorNames[lower] { return named }
        if lower.first == "#" {
            let hex = lower.dropFirst()
            guard hex.count == 6, let v = Int(hex, radix: 16), hex.allSatisfy(\.isHexDigit) else {
                var message = "bad colour \"\(word)\": write #rrggbb with six hex digits, e.g. #8a8a8a"
                if hex.contains(where: { !$0.isHexDigit }) { message += " (a comment needs a space after \"#\")" }
                throw StyleProblem(message)
            }
            return Color.nearest(r: v >> 16, g: (v >> 8) & 0xFF, b: v & 0xFF)
        }
        let digits = lower.first == "-" ? lower.dropFirst() : Substring(lower)
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let n = Int(lower), (0...255).contains(n) else {
                throw StyleProblem("colour number \(word) is out of range; use 0–255")
            }
            return .indexed(UInt8(n))
        }
        return nil
    }

    /// Colour names: the 16 standard colours, `default`, and a mid grey that stays visible everywhere.
    static let colorNames: [String: Color] = {
        var names: [String: Color] = ["default": .default, "grey": .indexed(244), "gray": .indexed(244)]
        for (i, n) in ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"].enumerated() {
            names[n] = .indexed(UInt8(i))
            names["bright-" + n] = .indexed(UInt8(i + 8))
        }
        return names
    }()

    static let attributeWords = ["bold", "underline", "reverse", "dim"]

    // MARK: Resolving

    /// Fills in missing roles from the built-in default and inherits colours from `base`.
    static func resolve(_ entries: [Role: ThemeEntry], name: String) -> Theme {
        let baseEntry = entries[.base] ?? builtinEntries[.base] ?? ThemeEntry()
        let base = baseEntry.style(inheriting: Style())
        var styles: [Role: Style] = [:]
        for role in Role.allCases {
            let e = entries[role] ?? builtinEntries[role] ?? ThemeEntry()
            styles[role] = role == .base ? base : e.style(inheriting: base)
        }
        return Theme(name: name, styles: styles)
    }

    static func defaultName(file: String) -> String {
        var name = file.split(separator: "/").last.map(String.init) ?? file
        if name.hasSuffix(".theme") { name.removeLast(".theme".count) }
        return name.isEmpty ? "theme" : name
    }

    // MARK: Messages

    static func unknownRoleMessage(_ key: String) -> String {
        let roles = Role.allCases.map(\.rawValue)
        if let best = closest(to: key, in: roles + ["name"]) {
            return "unknown role \"\(key)\" (did you mean \"\(best)\"?)"
        }
        return "unknown role \"\(key)\"; roles are: name, " + roles.joined(separator: ", ")
    }

    static func unknownWordMessage(_ word: String, next: String?) -> String {
        let lower = word.lowercased()
        if lower == "bright", let next, colorNames["bright-" + next.lowercased()] != nil {
            return "write \"bright-\(next.lowercased())\" as one word"
        }
        if ["italic", "blink", "strikethrough", "standout"].contains(lower) {
            return "\"\(word)\" is not supported; attributes are bold, underline, reverse, dim"
        }
        let words = Array(colorNames.keys).sorted() + attributeWords + ["on"]
        if let best = closest(to: word, in: words) {
            return "unknown word \"\(word)\" (did you mean \"\(best)\"?)"
        }
        return "unknown word \"\(word)\"; a style is [colour] [on colour] [bold] [underline] [reverse] [dim], "
            + "a colour being a name (red, bright-blue, grey …), a number 0–255, #rrggbb or default"
    }

    /// The candidate closest to `word`, ignoring case, if it is close enough to be a likely typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        if let exact = candidates.first(where: { $0.lowercased() == w }) { return exact }
        let limit = w.count <= 3 ? 1 : (w.count <= 6 ? 2 : 3)
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(w, c.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance, with a swap of two neighbouring letters counted as one edit (the optimal string
    /// alignment distance): "did you mean" for theme words and mistyped subcommands.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    // MARK: Text helpers

    /// The line without its comment. `#` starts a comment at the start of the line, or after
    /// whitespace when followed by whitespace or the end of the line.
    static func withoutComment(_ line: Substring) -> Substring {
        var onlySpaceSoFar = true
        var previous: Character = " "
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "#" {
                let next = line.index(after: i)
                let standsAlone = previous.isWhitespace && (next == line.endIndex || line[next].isWhitespace)
                if onlySpaceSoFar || standsAlone { return line[..<i] }
            }
            if !c.isWhitespace { onlySpaceSoFar = false }
            previous = c
            i = line.index(after: i)
        }
        return line
    }

    static func trimmed(_ s: Substring) -> Substring {
        guard let start = s.firstIndex(where: { !$0.isWhitespace }),
              let end = s.lastIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
        return s[start...end]
    }
}

/// A problem in a theme file: where it is and what to do about it.
///
/// `description` reads `Themes/light.theme:7: unknown role "titlebar" (did you mean "titleBar"?)`.
/// Errors not tied to a line (a missing file, an unknown theme name) have `line == 0`.
public struct ThemeError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as it was named to the parser or loader (empty when there is no file).
    public var file: String
    /// 1-based line number, or 0 when the problem is not on a line.
    public var line: Int
    /// The key of the offending line (a role name, `name`), or the theme name or path asked for.
    public var key: String
    /// What is wrong, in words a person can act on.
    public var message: String

    public init(file: String, line: Int, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        if file.isEmpty { return message }
        return line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }
}

/// One role's setting as written: colours left out are nil (inherited from `base`).
struct ThemeEntry: Equatable, Sendable {
    var fg: Color?
    var bg: Color?
    var bold = false, underline = false, reverse = false, dim = false

    init(fg: Color? = nil, on bg: Color? = nil, bold: Bool = false, underline: Bool = false,
         reverse: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    func style(inheriting base: Style) -> Style {
        Style(fg: fg ?? base.fg, bg: bg ?? base.bg, bold: bold, underline: underline, reverse: reverse, dim: dim)
    }
}

/// A problem inside one style value, before the line is known.
struct StyleProblem: Error {
    var text: String
    init(_ text: String) { self.text = text }
}

extension Color {
    /// The colour as a theme file writes it.
    var themeText: String {
        switch self {
        case .default: return "default"
        case let .indexed(n): return String(n)
        }
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

// MARK: - The built-in default theme

extension Theme {
    /// The default dark theme, compiled in so the program works with no Themes directory.
    /// `Themes/default.theme` says the same thing in the file format (a test keeps them equal).
    public static let builtinDefault: Theme = ThemeFile.resolve(ThemeFile.builtinEntries, name: "默认深色")
}

extension ThemeFile {
    /// The built-in default, as written in `Themes/default.theme`: light text on dark grey,
    /// a blue title bar, clear red/yellow/green lights. Also the fallback for roles a file leaves out.
    static let builtinEntries: [Role: ThemeEntry] = [
        .base: ThemeEntry(fg: .indexed(252), on: .indexed(235)),
        .muted: ThemeEntry(fg: .indexed(245)),
        .titleBar: ThemeEntry(fg: .indexed(231), on: .indexed(26), bold: true),
        .tabActive: ThemeEntry(fg: .indexed(16), on: .indexed(117), bold: true),
        .tabInactive: ThemeEntry(fg: .indexed(250), on: .indexed(238)),
        .footer: ThemeEntry(fg: .indexed(250), on: .indexed(237)),
        .footerKey: ThemeEntry(fg: .indexed(229), on: .indexed(237), bold: true),
        .header: ThemeEntry(fg: .indexed(117), bold: true),
        .border: ThemeEntry(fg: .indexed(242)),
        .selection: ThemeEntry(reverse: true),
        .overdue: ThemeEntry(fg: .indexed(196), bold: true),
        .behind: ThemeEntry(fg: .indexed(220), bold: true),
        .dueSoon: ThemeEntry(fg: .indexed(39)),
        .onTrack: ThemeEntry(fg: .indexed(40)),
        .done: ThemeEntry(fg: .indexed(40)),
        .progressFilled: ThemeEntry(fg: .indexed(74)),
        .progressEmpty: ThemeEntry(fg: .indexed(243), on: .indexed(237)),
        .today: ThemeEntry(fg: .indexed(16), on: .indexed(220), bold: true),
        .weekend: ThemeEntry(fg: .indexed(146)),
        .festival: ThemeEntry(fg: .indexed(213)),
        .activity: ThemeEntry(fg: .indexed(81)),
        .phaseBar: ThemeEntry(fg: .indexed(141)),
        .warning: ThemeEntry(fg: .indexed(16), on: .indexed(214), bold: true),
        .error: ThemeEntry(fg: .indexed(231), on: .indexed(124), bold: true),
        .bigText: ThemeEntry(fg: .indexed(231), bold: true),
    ]
}
