import Foundation
import ShuangyongKit

/// Where the plan lives when no file is named: the user's data directory (XDG), seeded from the sample.
public enum PlanLocation {
    /// `$XDG_DATA_HOME/shuangyong/plan.json`, else `~/.local/share/shuangyong/plan.json`.
    public static func defaultPath(environment env: [String: String]) -> String {
        let base: String
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            base = home + "/.local/share"
        }
        return base + "/shuangyong/plan.json"
    }

    /// Returns the default plan's path, creating it from the sample for `year` when it does not exist yet.
    /// `created` is true when the file was made just now (the caller says where, once).
    public static func ensureDefault(environment env: [String: String], year: Int) throws(PlanFileError) -> (path: String, created: Bool) {
        let path = defaultPath(environment: env)
        if FileManager.default.fileExists(atPath: path) { return (path, false) }
        // The year comes from the clock: its derived dates are checked like an argument's.
        if let problem = SamplePlan.yearProblem(year) {
            throw .io(file: path, operation: "create the plan from the sample", reason: problem)
        }
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw .io(file: dir, operation: "create the data directory", reason: (error as NSError).localizedDescription)
        }
        try PlanStore.save(SamplePlan.make(year: year), to: path)
        return (path, true)
    }
}
