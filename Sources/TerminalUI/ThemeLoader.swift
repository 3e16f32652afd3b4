import Foundation

/// Finds theme files by name or path and parses them with `ThemeFile`.
///
/// A value containing `/` or ending in `.theme` is a path (`~/` means the home directory).
/// Anything else is a name, looked up as `<name>.theme` in `searchDirectories`, first match wins:
/// 1. each directory in `$SHUANGYONG_THEMES` (colon-separated, like `PATH`);
/// 2. `$XDG_DATA_HOME/shuangyong/themes` (default `~/.local/share/shuangyong/themes`);
/// 3. the `Themes/` directory of the source checkout the executable was built in, found by walking up
///    from the executable's directory to one holding `Package.swift` and `Themes/` (so `swift run` works);
/// 4. `<prefix>/share/shuangyong/themes`, where prefix is the executable's directory's parent;
/// 5. `/usr/local/share/shuangyong/themes`, then `/usr/share/shuangyong/themes`.
///
/// The name `default` with no file found is `Theme.builtinDefault`, so the program runs anywhere.
///
/// ```swift
/// let theme = try ThemeLoader.load(nameOrPath: "high-contrast",
///                                  environment: ProcessInfo.processInfo.environment,
///                                  executablePath: ThemeLoader.currentExecutablePath)
/// ```
public enum ThemeLoader {
    /// The environment variable naming extra theme directories, searched first.
    public static let environmentVariable = "SHUANGYONG_THEMES"

    /// The directories searched for `<name>.theme`, in order, without duplicates.
    /// Directories that do not exist are listed too (so error messages can say where to put a file),
    /// except the source checkout, which is listed only when found.
    public static func searchDirectories(environment: [String: String], executablePath: String) -> [String] {
        var dirs: [String] = []
        if let list = environment[environmentVariable] {
            dirs += list.split(separator: ":").map(String.init)
        }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dirs.append(join(xdg, "shuangyong/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            dirs.append(join(home, ".local/share/shuangyong/themes"))
        }
        if let exeDir = executableDirectory(executablePath) {
            if let checkout = sourceCheckoutThemes(from: exeDir) { dirs.append(checkout) }
            let prefix = URL(fileURLWithPath: exeDir).deletingLastPathComponent().path
            dirs.append(join(prefix, "share/shuangyong/themes"))
        }
        dirs += ["/usr/local/share/shuangyong/themes", "/usr/share/shuangyong/themes"]
        var seen = Set<String>()
        return dirs.map(standardized).filter { seen.insert($0).inserted }
    }

    /// Loads a theme by name (looked up in `searchDirectories`) or by path.
    ///
    /// Throws `ThemeError` for a file that cannot be read or parsed, and for an unknown name: then the
    /// message lists the themes available and the directories searched.
    public static func load(nameOrPath: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            executablePath: String = currentExecutablePath) throws(ThemeError) -> Theme {
        if nameOrPath.isEmpty {
            throw ThemeError(file: "", line: 0, key: "", message: "empty theme name; try \"default\"")
        }
        if isPath(nameOrPath) {
            return try loadFile(nameOrPath, environment: environment, executablePath: executablePath)
        }
        let dirs = searchDirectories(environment: environment, executablePath: executablePath)
        for dir in dirs {
            let path = join(dir, nameOrPath + ".theme")
            if isFile(path) { return try loadFile(path, environment: environment, executablePath: executablePath) }
        }
        if nameOrPath == "default" { return .builtinDefault }
        let names = available(environment: environment, executablePath: executablePath)
        var message = "no theme named \"\(nameOrPath)\""
        if let guess = ThemeFile.closest(to: nameOrPath, in: names) { message += " (did you mean \"\(guess)\"?)" }
        message += "\navailable: " + names.joined(separator: ", ")
        message += "\nlooked for \(nameOrPath).theme in:\n" + dirs.map { "  " + $0 }.joined(separator: "\n")
        message += "\nor give the path of a .theme file (e.g. ./my.theme)"
        throw ThemeError(file: "", line: 0, key: nameOrPath, message: message)
    }

    /// The names of all themes that `load` can find by name, sorted; always includes "default".
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 executablePath: String = currentExecutablePath) -> [String] {
        var names: Set<String> = ["default"]
        for dir in searchDirectories(environment: environment, executablePath: executablePath) {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for f in files where f.hasSuffix(".theme") && !f.hasPrefix(".") && f.count > ".theme".count {
                if isFile(join(dir, f)) { names.insert(String(f.dropLast(".theme".count))) }
            }
        }
        return names.sorted()
    }

    /// This process's executable, for `searchDirectories`.
    public static var currentExecutablePath: String {
        Bundle.main.executablePath ?? ProcessInfo.processInfo.arguments.first ?? ""
    }

    // MARK: Files

    static func isPath(_ value: String) -> Bool { value.contains("/") || value.hasSuffix(".theme") }

    static func loadFile(_ given: String, environment: [String: String], executablePath: String) throws(ThemeError) -> Theme {
        var path = given
        if path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty { path = join(home, String(path.dropFirst(2))) }
        func fail(_ message: String) -> ThemeError { ThemeError(file: given, line: 0, key: given, message: message) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            var message = "no such theme file"
            let stem = ThemeFile.defaultName(file: given)
            if !given.contains("/"),
               available(environment: environment, executablePath: executablePath).contains(stem) {
                message += "; for the installed theme write its name alone: \(stem)"
            }
            throw fail(message)
        }
        if isDirectory.boolValue { throw fail("is a directory, not a theme file") }
        // A FIFO would block the read until a writer comes, a device may never end: regular files only.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path),
           let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            throw fail("不是普通文件 (not a regular file)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot be read (check its permissions)") }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("is not UTF-8 text; save it as UTF-8") }
        return try ThemeFile.parse(text, file: given)
    }

    static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The directory of the executable with symbolic links resolved, or nil when it is not known
    /// (a bare command name found through `PATH` says nothing about where the file is).
    static func executableDirectory(_ executablePath: String) -> String? {
        guard executablePath.contains("/") else { return nil }
        let url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        return url.deletingLastPathComponent().standardizedFileURL.path
    }

    /// `<checkout>/Themes` for the nearest ancestor of `dir` holding both `Package.swift` and `Themes/`.
    static func sourceCheckoutThemes(from dir: String) -> String? {
        var url = URL(fileURLWithPath: dir)
        while true {
            let themes = url.appendingPathComponent("Themes").path
            var isDirectory: ObjCBool = false
            if isFile(url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: themes, isDirectory: &isDirectory), isDirectory.boolValue {
                return themes
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path || url.path == "/" { return nil }
            url = parent
        }
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    static func standardized(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
