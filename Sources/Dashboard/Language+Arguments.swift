import Foundation

extension Language {
    /// The language a command-line run speaks, decided once before its arguments are parsed (help texts
    /// are built from it): `--lang zh|en` (or `--lang=zh`) anywhere among `arguments`, else the locale
    /// like the dashboard (`fromEnvironment`: LC_ALL, LC_MESSAGES, LANG, LANGUAGE naming zh_* gives
    /// Chinese). A `--lang` value that is neither is ignored here and refused by the command's validation.
    public static func fromArguments(_ arguments: [String], environment: [String: String]) -> Language {
        var k = 0
        while k < arguments.count {
            let a = arguments[k]
            if a == "--" { break }
            if a == "--lang", k + 1 < arguments.count, let l = Language(rawValue: arguments[k + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
            k += 1
        }
        return fromEnvironment(environment)
    }
}
