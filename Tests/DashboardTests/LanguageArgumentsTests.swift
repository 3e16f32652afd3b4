import Testing
@testable import Dashboard

/// The command line's language is decided before parsing: `--lang`, else the locale (issue 12).
@Suite struct LanguageArgumentsTests {
    @Test func langOptionWinsOverTheLocale() {
        #expect(Language.fromArguments(["report", "tasks", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromArguments(["--lang=zh", "validate"], environment: ["LANG": "C.UTF-8"]) == .zh)
        #expect(Language.fromArguments(["validate"], environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromArguments(["validate"], environment: ["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromArguments(["validate"], environment: ["LC_MESSAGES": "zh_TW.UTF-8"]) == .zh)
        // A wrong value is left to the command's validation; an argument after "--" is not an option.
        #expect(Language.fromArguments(["--lang", "fr"], environment: ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromArguments(["--", "--lang", "zh"], environment: [:]) == .en)
    }
}
