import Foundation
import Testing
@testable import TerminalUI
import TestFixtures

/// The repository root, found from this file: Tests/TerminalUITests/ThemeTests.swift.
private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
private let themesDir = repoRoot + "/Themes"
private let bundledThemes = ["default", "light", "high-contrast", "mono"]
private let colorThemes = ["default", "light", "high-contrast"]

private func bundledText(_ name: String) throws -> String {
    try String(contentsOfFile: themesDir + "/\(name).theme", encoding: .utf8)
}

private func bundled(_ name: String) throws -> Theme {
    try ThemeFile.parse(bundledText(name), file: "Themes/\(name).theme")
}

/// The error `parse` throws for `text`, or nil when it parses.
private func parseError(_ text: String, file: String = "t.theme") -> ThemeError? {
    do {
        _ = try ThemeFile.parse(text, file: file)
        return nil
    } catch {
        return error
    }
}

/// WCAG contrast ratio of two indexed colours (xterm palette).
private func contrast(_ a: Color, _ b: Color) -> Double {
    func luminance(_ c: Color) -> Double {
        let (r, g, b) = c.rgb
        func f(_ v: Int) -> Double {
            let x = Double(v) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    let la = luminance(a), lb = luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

@Suite struct ThemeFileTests {
    // MARK: Bundled files

    @Test(arguments: bundledThemes)
    func bundledThemeParses(name: String) throws {
        let theme = try bundled(name)
        #expect(theme.styles.count == Role.allCases.count)
        #expect(!theme.name.isEmpty)
    }

    @Test(arguments: bundledThemes)
    func bundledThemeSetsEveryRoleItself(name: String) throws {
        // A role left out would come from the dark default: wrong on a light or monochrome theme.
        let parsed = try ThemeFile.entries(bundledText(name), file: name)
        let missing = Role.allCases.filter { parsed.entries[$0] == nil }
        #expect(missing.isEmpty, "\(name).theme leaves out \(missing)")
    }

    @Test(arguments: bundledThemes)
    func bundledThemeDocumentsEveryRoleLine(name: String) throws {
        let text = try bundledText(name)
        #expect(text.hasPrefix("# Shuangyong theme:"))
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && line.contains("=") && !line.hasPrefix("name") {
            #expect(line.contains(" # "), "no comment on: \(line)")
        }
    }

    @Test func defaultFileEqualsBuiltinDefault() throws {
        let file = try bundled("default")
        #expect(file == Theme.builtinDefault)
        #expect(try ThemeFile.entries(bundledText("default"), file: "default.theme").entries == ThemeFile.builtinEntries)
    }

    @Test func builtinDefaultIsComplete() {
        #expect(Theme.builtinDefault.styles.count == Role.allCases.count)
        #expect(Theme.builtinDefault.name == "默认深色")
        #expect(Theme.builtinDefault[.base] == Style(fg: .indexed(252), bg: .indexed(235)))
    }

    // MARK: Format

    @Test func parsesTheExampleFromTheBrief() throws {
        let theme = try ThemeFile.parse("""
            # Shuangyong theme: 默认深色 (default dark)
            name = 默认深色
            base        = 252 on 235
            titleBar    = white on 24 bold
            red         = 196 bold
            selection   = reverse
            muted       = #8a8a8a
            """, file: "example.theme")
        #expect(theme.name == "默认深色")
        #expect(theme[.base] == Style(fg: .indexed(252), bg: .indexed(235)))
        #expect(theme[.titleBar] == Style(fg: .white, bg: .indexed(24), bold: true))
        #expect(theme[.overdue] == Style(fg: .indexed(196), bg: .indexed(235), bold: true))
        #expect(theme[.selection] == Style(fg: .indexed(252), bg: .indexed(235), reverse: true))
        #expect(theme[.muted] == Style(fg: .indexed(245), bg: .indexed(235)))
    }

    @Test func colourWords() throws {
        let theme = try ThemeFile.parse("""
            base = default on default
            red = bright-red on BLACK
            yellow = Yellow underline dim
            green = grey
            blue = gray on bright-white
            muted = 0 on 255
            """, file: "t")
        #expect(theme[.base] == Style())
        #expect(theme[.overdue] == Style(fg: .indexed(9), bg: .black))
        #expect(theme[.behind] == Style(fg: .yellow, underline: true, dim: true))
        #expect(theme[.onTrack] == Style(fg: .indexed(244)))
        #expect(theme[.dueSoon] == Style(fg: .indexed(244), bg: .indexed(15)))
        #expect(theme[.muted] == Style(fg: .indexed(0), bg: .indexed(255)))
    }

    @Test func attributesInAnyOrder() throws {
        let theme = try ThemeFile.parse("base = default\nred = bold on 52 underline 196 reverse dim\n", file: "t")
        #expect(theme[.overdue] == Style(fg: .indexed(196), bg: .indexed(52), bold: true, underline: true, reverse: true, dim: true))
    }

    @Test func hexColoursMapToTheNearestOf256() throws {
        let theme = try ThemeFile.parse("""
            base = #000000 on #FFFFFF
            red = #ff0000
            muted = #8a8a8a
            green = #00d700
            """, file: "t")
        #expect(theme[.base] == Style(fg: .indexed(16), bg: .indexed(231)))
        #expect(theme[.overdue].fg == .indexed(196))
        #expect(theme[.muted].fg == .indexed(245))  // grey 138 is 245 on the ramp
        #expect(theme[.onTrack].fg == .indexed(40))
        #expect(theme[.muted].fg == Color.nearest(r: 0x8a, g: 0x8a, b: 0x8a))
    }

    @Test func missingRolesFallBackToTheBuiltinDefault() throws {
        let theme = try ThemeFile.parse("red = 160 bold\n", file: "Themes/partial.theme")
        #expect(theme.name == "partial")
        #expect(theme[.overdue] == Style(fg: .indexed(160), bg: .indexed(235), bold: true))
        for role in Role.allCases where role != .overdue {
            #expect(theme[role] == Theme.builtinDefault[role], "\(role)")
        }
        var empty = try ThemeFile.parse("# nothing here\n\n", file: "empty.theme")
        empty.name = Theme.builtinDefault.name
        #expect(empty == Theme.builtinDefault)
    }

    @Test func rolesInheritColoursFromBase() throws {
        let theme = try ThemeFile.parse("base = 235 on 231\nred = 160\nfooter = on 252\nerror = 196 on default\n", file: "t")
        #expect(theme[.overdue] == Style(fg: .indexed(160), bg: .indexed(231)))
        #expect(theme[.footer] == Style(fg: .indexed(235), bg: .indexed(252)))
        #expect(theme[.error] == Style(fg: .indexed(196), bg: .default))
        // A role left out takes the default's colours where it names them, this theme's base where not.
        #expect(theme[.header] == Style(fg: .indexed(117), bg: .indexed(231), bold: true))
        #expect(theme[.selection] == Style(fg: .indexed(235), bg: .indexed(231), reverse: true))
    }

    @Test func commentsBlankLinesAndLineEndings() throws {
        let text = "\u{FEFF}# title\r\n\r\n   # indented comment\r\nname = 我的 #1 主题  # a comment\r\n"
            + "base\t=\t252 on 235\t# tabbed\r\nred = 196 bold #\r\n#red = 21\r\n"
        let theme = try ThemeFile.parse(text, file: "t")
        #expect(theme.name == "我的 #1 主题")
        #expect(theme[.base] == Style(fg: .indexed(252), bg: .indexed(235)))
        #expect(theme[.overdue] == Style(fg: .indexed(196), bg: .indexed(235), bold: true))
        // Line numbers count CRLF lines correctly.
        #expect(parseError("# a\r\n\r\nred = 999\r\n")?.line == 3)
    }

    // MARK: Errors

    @Test func unknownRoleSuggestsTheClosestName() {
        let e = parseError("# light\nbase = 235 on 231\n\n\n\n\ntitlebar = white on 24\n", file: "Themes/light.theme")
        #expect(e == ThemeError(file: "Themes/light.theme", line: 7, key: "titlebar",
                                message: "unknown role \"titlebar\" (did you mean \"titleBar\"?)"))
        #expect(e?.description == "Themes/light.theme:7: unknown role \"titlebar\" (did you mean \"titleBar\"?)")
    }

    @Test(arguments: [("titlebar", "titleBar"), ("FOOTERKEY", "footerKey"), ("progresFilled", "progressFilled"),
                      ("selectoin", "selection"), ("tabActiv", "tabActive"), ("bigtext", "bigText"), ("nmae", "name"),
                      ("weekends", "weekend"), ("festivals", "festival")])
    func closestRole(typed: String, expected: String) {
        #expect(parseError("\(typed) = bold")?.message == "unknown role \"\(typed)\" (did you mean \"\(expected)\"?)")
    }

    @Test func unknownRoleWithNothingCloseListsTheRoles() throws {
        let e = try #require(parseError("\nbackground = 235"))
        #expect(e.line == 2)
        #expect(e.key == "background")
        #expect(e.message.hasPrefix("unknown role \"background\"; roles are: name, base, muted, titleBar,"))
        for role in Role.allCases { #expect(e.message.contains(role.rawValue)) }
    }

    @Test func unknownWords() {
        #expect(parseError("red = 196 blod") == ThemeError(file: "t.theme", line: 1, key: "red",
                                                            message: "red: unknown word \"blod\" (did you mean \"bold\"?)"))
        #expect(parseError("green = grren")?.message == "green: unknown word \"grren\" (did you mean \"green\"?)")
        #expect(parseError("red = brightred")?.message == "red: unknown word \"brightred\" (did you mean \"bright-red\"?)")
        #expect(parseError("red = bright red")?.message == "red: write \"bright-red\" as one word")
        #expect(parseError("red = 196 italic")?.message
                == "red: \"italic\" is not supported; attributes are bold, underline, reverse, dim")
        let far = parseError("red = 196 flashing")
        #expect(far?.message.hasPrefix("red: unknown word \"flashing\"; a style is [colour] [on colour]") == true)
    }

    @Test func numbersOutOfRange() {
        #expect(parseError("base = 252 on 235\nred = 256") == ThemeError(
            file: "t.theme", line: 2, key: "red", message: "red: colour number 256 is out of range; use 0–255"))
        #expect(parseError("red = on -1")?.message == "red: colour number -1 is out of range; use 0–255")
        #expect(parseError("red = 99999999999999999999999")?.message.contains("out of range") == true)
    }

    @Test func badHexColours() {
        #expect(parseError("muted = #8a8a8") == ThemeError(
            file: "t.theme", line: 1, key: "muted",
            message: "muted: bad colour \"#8a8a8\": write #rrggbb with six hex digits, e.g. #8a8a8a"))
        #expect(parseError("muted = #8a8a8g")?.message
                == "muted: bad colour \"#8a8a8g\": write #rrggbb with six hex digits, e.g. #8a8a8a (a comment needs a space after \"#\")")
        #expect(parseError("red = 196 #overdue")?.message.hasSuffix("(a comment needs a space after \"#\")") == true)
        #expect(parseError("muted = #-12345")?.key == "muted")
    }

    @Test func duplicateRole() {
        #expect(parseError("red = 196\n# again\nred = 160\n") == ThemeError(
            file: "t.theme", line: 3, key: "red", message: "duplicate role \"red\" (first set on line 1)"))
        #expect(parseError("name = a\nname = b")?.message == "duplicate role \"name\" (first set on line 1)")
    }

    @Test func missingEquals() {
        #expect(parseError("base = default\n\ntitleBar white on 24\n") == ThemeError(
            file: "t.theme", line: 3, key: "titleBar",
            message: "expected \"role = style\" (e.g. \"overdue = 196 bold\"), found no \"=\" in \"titleBar white on 24\""))
        #expect(parseError("red ＝ 196")?.message == "use an ASCII \"=\" between role and style (found a full-width \"＝\")")
    }

    @Test func malformedStyles() {
        #expect(parseError("red = 196 on")?.message == "red: \"on\" must be followed by a background colour, e.g. \"on 235\"")
        #expect(parseError("red = on bold")?.message == "red: \"on\" must be followed by a colour, not \"bold\"")
        #expect(parseError("red = on 1 on 2")?.message == "red: two background colours (\"on\" given twice)")
        #expect(parseError("red = 196 226")?.message
                == "red: two foreground colours (196 and \"226\"); put \"on\" before a background colour")
        #expect(parseError("red =   # nothing")?.message
                == "red: no style after \"=\"; write e.g. \"196 bold\", or \"default\" for the terminal's colours")
        #expect(parseError(" = 196")?.message == "missing role name before \"=\"")
        #expect(parseError("name =")?.message == "empty theme name after \"=\"")
    }

    @Test func errorDescriptions() {
        #expect(ThemeError(file: "a.theme", line: 3, key: "red", message: "m").description == "a.theme:3: m")
        #expect(ThemeError(file: "a.theme", line: 0, key: "a.theme", message: "no such theme file").description
                == "a.theme: no such theme file")
        #expect(ThemeError(file: "", line: 0, key: "x", message: "no theme named \"x\"").description == "no theme named \"x\"")
    }

    // MARK: Fewer colours

    @Test(arguments: bundledThemes)
    func basicColorsUseOnlyTheFirstEight(name: String) throws {
        for theme in [try bundled(name), Theme.builtinDefault] {
            for (role, s) in theme.basicColors.styles {
                for c in [s.fg, s.bg] {
                    if case let .indexed(n) = c { #expect(n < 8, "\(name) \(role): \(c)") }
                }
            }
        }
    }

    @Test(arguments: colorThemes)
    func textStaysVisibleWithEightColours(name: String) throws {
        for (role, s) in try bundled(name).basicColors.styles {
            #expect(s.fg != s.bg, "\(name).theme \(role) becomes invisible with 8 colours: \(s)")
        }
    }

    @Test(arguments: colorThemes)
    func textHasEnoughContrast(name: String) throws {
        let theme = try bundled(name)
        let decorative: Set<Role> = [.border, .progressEmpty]
        for (role, s) in theme.styles {
            guard s.fg != .default, s.bg != .default else { continue }
            let needed = name == "high-contrast" ? 4.0 : (decorative.contains(role) ? 2.0 : 3.0)
            #expect(contrast(s.fg, s.bg) >= needed, "\(name).theme \(role): \(s)")
        }
    }

    @Test(arguments: bundledThemes)
    func monochromeHasNoColoursAndKeepsMeaning(name: String) throws {
        for theme in [try bundled(name).monochrome, Theme.builtinDefault.monochrome] {
            for (role, s) in theme.styles {
                #expect(s.fg == .default && s.bg == .default, "\(role)")
            }
            let meaningful: [Role] = [.overdue, .behind, .selection]
            for (i, a) in meaningful.enumerated() {
                #expect(theme[a] != theme[.base], "\(a) looks like base")
                for b in meaningful[(i + 1)...] { #expect(theme[a] != theme[b], "\(a) looks like \(b)") }
            }
            #expect(theme[.titleBar].reverse)
            #expect(theme[.selection].reverse)
            #expect(theme[.overdue].bold)
            #expect(theme[.behind].underline)
            // Gauges draw filled parts as █ in the foreground colour: reversed, they would vanish.
            #expect(!theme[.progressFilled].reverse)
        }
    }

    @Test func rolesAreNamedByMeaningAndFormerColourNamesStillLoad() throws {
        let now = try ThemeFile.parse("overdue = 160\nbehind = 130\nonTrack = 28\ndueSoon = 26\n", file: "t")
        let before = try ThemeFile.parse("red = 160\nyellow = 130\ngreen = 28\nblue = 26\n", file: "t")
        for role in [Role.overdue, .behind, .onTrack, .dueSoon] { #expect(now[role] == before[role], "\(role)") }
        #expect(now[.overdue].fg == .indexed(160) && now[.dueSoon].fg == .indexed(26))
        #expect(parseError("overdue = 1\nred = 2\n")?.message == "duplicate role \"red\" (first set on line 1)")
    }

    @Test func monoThemeUsesNoColourAndKeepsRolesApart() throws {
        let mono = try bundled("mono")
        for (role, s) in mono.styles { #expect(s.fg == .default && s.bg == .default, "\(role)") }
        // The title bar and the selected row are both reversed, as with `Theme.monochrome`: they never meet.
        let apart: [Role] = [.base, .overdue, .behind, .selection, .today, .warning, .muted]
        for (i, a) in apart.enumerated() {
            for b in apart[(i + 1)...] { #expect(mono[a] != mono[b], "\(a) looks like \(b)") }
        }
        #expect(mono[.overdue] == Style(bold: true))
        #expect(mono[.behind] == Style(underline: true))
        #expect(mono[.selection] == Style(reverse: true))
        #expect(mono[.titleBar].reverse)
        #expect(mono[.onTrack] != mono[.overdue] && mono[.onTrack] != mono[.behind])
    }
}

@Suite struct ThemeLoaderTests {
    /// A fresh folder holding the given theme files; the caller removes it (`defer { folder.remove() }`),
    /// and it goes by itself if a file cannot be written.
    private func themeFolder(_ files: [String: String]) throws -> TempDir {
        let folder = TempDir(prefix: "sy-themes-")
        for (name, text) in files {
            try text.write(toFile: folder.file(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func findsANameInShuangyongThemes() throws {
        let folder = try themeFolder(["county.theme": "name = 县里\nbase = 16 on 231\n", "notes.txt": "x"])
        defer { folder.remove() }
        let dir = folder.path
        let env = [ThemeLoader.environmentVariable: "/nonexistent/dir:" + dir]
        let theme = try ThemeLoader.load(nameOrPath: "county", environment: env, executablePath: "")
        #expect(theme.name == "县里")
        #expect(theme[.base] == Style(fg: .indexed(16), bg: .indexed(231)))
        let names = ThemeLoader.available(environment: env, executablePath: "")
        #expect(names.contains("county") && names.contains("default") && !names.contains("notes"))
    }

    @Test func firstDirectoryWins() throws {
        let folderA = try themeFolder(["x.theme": "name = A\n"]), folderB = try themeFolder(["x.theme": "name = B\n"])
        defer { for folder in [folderA, folderB] { folder.remove() } }
        let a = folderA.path, b = folderB.path
        let theme = try ThemeLoader.load(nameOrPath: "x", environment: [ThemeLoader.environmentVariable: b + ":" + a],
                                         executablePath: "")
        #expect(theme.name == "B")
    }

    @Test func loadsAPath() throws {
        let folder = try themeFolder(["my.theme": "red = 160\n"])
        defer { folder.remove() }
        let dir = folder.path
        let theme = try ThemeLoader.load(nameOrPath: dir + "/my.theme", environment: [:], executablePath: "")
        #expect(theme.name == "my")
        #expect(theme[.overdue].fg == .indexed(160))
        let home = try ThemeLoader.load(nameOrPath: "~/my.theme", environment: ["HOME": dir], executablePath: "")
        #expect(home == theme)
    }

    @Test func reportsErrorsInAFileWithItsPath() throws {
        let folder = try themeFolder(["bad.theme": "base = default\nred = 300\n"])
        defer { folder.remove() }
        let dir = folder.path
        let path = dir + "/bad.theme"
        #expect(throws: ThemeError(file: path, line: 2, key: "red", message: "red: colour number 300 is out of range; use 0–255")) {
            try ThemeLoader.load(nameOrPath: path, environment: [:], executablePath: "")
        }
        // By name the error names the file found.
        #expect(throws: ThemeError(file: path, line: 2, key: "red", message: "red: colour number 300 is out of range; use 0–255")) {
            try ThemeLoader.load(nameOrPath: "bad", environment: [ThemeLoader.environmentVariable: dir], executablePath: "")
        }
    }

    @Test func missingOrUnreadableFiles() throws {
        let folder = try themeFolder(["notutf8.theme": ""])
        defer { folder.remove() }
        let dir = folder.path
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x3D, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: dir + "/notutf8.theme"))
        #expect(throws: ThemeError(file: dir + "/none.theme", line: 0, key: dir + "/none.theme", message: "no such theme file")) {
            try ThemeLoader.load(nameOrPath: dir + "/none.theme", environment: [:], executablePath: "")
        }
        #expect(throws: ThemeError(file: dir + "/", line: 0, key: dir + "/", message: "is a directory, not a theme file")) {
            try ThemeLoader.load(nameOrPath: dir + "/", environment: [:], executablePath: "")
        }
        #expect(throws: ThemeError(file: dir + "/notutf8.theme", line: 0, key: dir + "/notutf8.theme",
                                   message: "is not UTF-8 text; save it as UTF-8")) {
            try ThemeLoader.load(nameOrPath: dir + "/notutf8.theme", environment: [:], executablePath: "")
        }
        // A FIFO would block the read until a writer comes; a device never ends: refused before reading.
        #expect(mkfifo(dir + "/pipe.theme", 0o600) == 0)
        #expect(throws: ThemeError(file: dir + "/pipe.theme", line: 0, key: dir + "/pipe.theme", message: "不是普通文件 (not a regular file)")) {
            try ThemeLoader.load(nameOrPath: dir + "/pipe.theme", environment: [:], executablePath: "")
        }
        #expect(throws: ThemeError(file: "/dev/zero", line: 0, key: "/dev/zero", message: "不是普通文件 (not a regular file)")) {
            try ThemeLoader.load(nameOrPath: "/dev/zero", environment: [:], executablePath: "")
        }
    }

    @Test func unknownNameListsThemesAndDirectories() throws {
        let folder = try themeFolder(["light.theme": "base = 235 on 231\n", "county.theme": ""])
        defer { folder.remove() }
        let dir = folder.path
        let env = [ThemeLoader.environmentVariable: dir, "HOME": "/home/nobody"]
        do {
            _ = try ThemeLoader.load(nameOrPath: "Light", environment: env, executablePath: "/opt/sy/bin/shuangyong")
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "Light")
            #expect(error.line == 0)
            #expect(error.message.hasPrefix("no theme named \"Light\" (did you mean \"light\"?)\navailable: "))
            #expect(error.message.contains("county, default, light"))
            #expect(error.message.contains("looked for Light.theme in:\n  \(dir)\n  /home/nobody/.local/share/shuangyong/themes\n"
                                           + "  /opt/sy/share/shuangyong/themes\n  /usr/local/share/shuangyong/themes"))
            #expect(error.description == error.message)
        }
    }

    @Test func defaultWithoutAnyFileIsTheBuiltin() throws {
        let theme = try ThemeLoader.load(nameOrPath: "default", environment: [ThemeLoader.environmentVariable: "/nonexistent"],
                                         executablePath: "/nonexistent/bin/shuangyong")
        #expect(theme == Theme.builtinDefault)
    }

    @Test func searchOrder() {
        let dirs = ThemeLoader.searchDirectories(
            environment: [ThemeLoader.environmentVariable: "/a:/b/", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"],
            executablePath: "/opt/sy/bin/shuangyong")
        #expect(dirs == ["/a", "/b", "/xdg/shuangyong/themes", "/opt/sy/share/shuangyong/themes",
                         "/usr/local/share/shuangyong/themes", "/usr/share/shuangyong/themes"])
        let noXDG = ThemeLoader.searchDirectories(environment: ["HOME": "/home/u", "XDG_DATA_HOME": "relative"],
                                                  executablePath: "/usr/local/bin/shuangyong")
        #expect(noXDG == ["/home/u/.local/share/shuangyong/themes", "/usr/local/share/shuangyong/themes",
                          "/usr/share/shuangyong/themes"])
        #expect(ThemeLoader.searchDirectories(environment: [:], executablePath: "shuangyong")
                == ["/usr/local/share/shuangyong/themes", "/usr/share/shuangyong/themes"])
    }

    @Test func findsTheSourceCheckoutFromABuildDirectory() throws {
        // `swift run` runs .build/<triple>/debug/shuangyong inside the checkout.
        let exe = repoRoot + "/.build/x86_64-unknown-linux-gnu/debug/shuangyong"
        let dirs = ThemeLoader.searchDirectories(environment: [:], executablePath: exe)
        #expect(dirs.first == themesDir)
        #expect(dirs.contains(repoRoot + "/.build/x86_64-unknown-linux-gnu/share/shuangyong/themes"))
        let names = ThemeLoader.available(environment: [:], executablePath: exe)
        for name in bundledThemes { #expect(names.contains(name)) }
        #expect(try ThemeLoader.load(nameOrPath: "high-contrast", environment: [:], executablePath: exe) == bundled("high-contrast"))
    }

    @Test func aBareFileNameIsAPathAndTheErrorSaysHowToUseTheName() throws {
        let exe = repoRoot + "/.build/debug/shuangyong"
        do {
            _ = try ThemeLoader.load(nameOrPath: "light.theme", environment: [:], executablePath: exe)
            // Only if the tests run with Themes/ as the working directory.
        } catch {
            #expect(error.message == "no such theme file; for the installed theme write its name alone: light")
        }
    }

    @Test func currentExecutablePathIsAbsolute() {
        #expect(ThemeLoader.currentExecutablePath.hasPrefix("/"))
    }
}
