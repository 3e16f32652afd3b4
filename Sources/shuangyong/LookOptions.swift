import ArgumentParser
import Foundation
import TerminalUI

/// Options for how the dashboard looks, shared by the live dashboard and `render`.
struct LookOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L.t("主题名（default、light、high-contrast、mono）或 .theme 文件的路径。", "Theme name (default, light, high-contrast, mono) or path to a .theme file.")))
    var theme: String?

    /// The theme to use, reduced to what the terminal can show.
    func loadTheme(default name: String = "default", colors: Int) throws -> Theme {
        let env = ProcessInfo.processInfo.environment
        let t: Theme
        do {
            t = try ThemeLoader.load(nameOrPath: theme ?? name, environment: env, executablePath: executablePath)
        } catch {
            throw fail(error.description)
        }
        if colors == 0 { return t.monochrome }
        return colors < 256 ? t.basicColors : t
    }

    var executablePath: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// NO_COLOR (https://no-color.org) set and non-empty turns colour off.
    static var noColor: Bool {
        !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }
}
