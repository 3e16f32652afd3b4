import Foundation

/// The commands a user types, timed as whole processes (start-up, reading the plan, the work, writing
/// the output), with the `shuangyong` built beside this benchmark (or `$SHUANGYONG`).
struct CommandBench {
    let binary: String
    let plan: String
    let date: String
    let month: String
    /// The task the edit changes.
    let editID: String
    /// The cache folder the runs keep plan snapshots in (`XDG_CACHE_HOME`), a folder of this benchmark's own.
    let cache = NSTemporaryDirectory() + "shuangyong-bench-cache-" + UUID().uuidString

    static func binaryBesideThisOne() -> String {
        if let path = ProcessInfo.processInfo.environment["SHUANGYONG"] { return path }
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("shuangyong").path
    }

    /// Runs `arguments` once, its output thrown away; fails when it does not exit 0. `posix_spawn` and
    /// `waitpid` directly: Foundation's `Process.waitUntilExit` polls, which rounds times up to 50 ms steps.
    func run(_ arguments: [String], snapshots: Bool = true) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache
        environment["SHUANGYONG_SNAPSHOTS"] = snapshots ? "on" : "off"
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in envp { free(p) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "bench", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "cannot start \(binary)"]) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if status != 0 {
            throw NSError(domain: "bench", code: Int(status),
                          userInfo: [NSLocalizedDescriptionKey: "shuangyong \(arguments.joined(separator: " ")) ended with status \(status)"])
        }
    }

    func measure(into bench: inout Bench, iterations: Int, label: String) throws {
        print("commands (whole processes, \(binary)):")
        let reads: [(String, [String])] = [
            ("report overdue --date \(date)", ["report", "overdue", "--date", date, plan]),
            ("report units --date \(date)", ["report", "units", "--date", date, plan]),
            ("report calendar --month \(month)", ["report", "calendar", "--date", date, "--month", month, plan]),
            ("render --view overview --size 200x60", ["render", "--view", "overview", "--size", "200x60", "--date", date, plan]),
            ("validate", ["validate", plan]),
        ]
        defer { try? FileManager.default.removeItem(atPath: cache) }
        // Each read twice: reading the file every time (snapshots off), and as a user's second run finds it
        // (the snapshot the warm-up left; PlanSnapshots).
        for (name, arguments) in reads {
            try run(arguments, snapshots: false)  // warm-up: the binary and the plan in the page cache
            try bench.measure("\(label): \(name), from the file", iterations: iterations) { try run(arguments, snapshots: false) }
            try run(arguments)
            try bench.measure("\(label): \(name)", iterations: iterations) { try run(arguments) }
        }
        // One edit (lock, re-read, merge check, atomic save with fsync and backup); the file is put back
        // before each run, outside the timing.
        let pristine = try Data(contentsOf: URL(fileURLWithPath: plan))
        let editPath = plan + ".edit.json"
        let id = editID
        var samples: [Double] = []
        let clock = ContinuousClock()
        for k in 0..<(iterations + 1) {
            try pristine.write(to: URL(fileURLWithPath: editPath))
            let t = clock.now
            try run(["edit", id, "--progress", "61", editPath])
            let d = clock.now - t
            if k > 0 { samples.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15) }
        }
        bench.record("\(label): edit \(id) --progress 61", samples)
        for suffix in ["", ".bak", ".lock"] { try? FileManager.default.removeItem(atPath: editPath + suffix) }
    }
}
