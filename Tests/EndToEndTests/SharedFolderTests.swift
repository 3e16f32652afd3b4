import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlanFile
import ShuangyongKit
import TestFixtures
import Testing

/// Several desks logged in to one host as different Unix users, in one group, sharing a plan in a
/// setgid folder (README, "Several users on one host"): every file one user's save creates beside the
/// plan — the plan's temporary file, the backup, the lock files, the recovery file — is usable by the
/// other, and the plan keeps its group and mode whoever saved it last.
///
/// Runs the real binary as two throwaway users (`runuser`), made with `groupadd`/`useradd` for the test
/// and deleted afterwards whatever happens. Needs root.
@Suite("Several users on one host")
struct SharedFolderTests {
    static let tools = ["/usr/sbin/runuser", "/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/groupadd", "/usr/sbin/groupdel"]
    static let skipReason: String? = {
        if geteuid() != 0 { return "needs root to create throwaway users and run the program as them" }
        if let missing = tools.first(where: { access($0, X_OK) != 0 }) { return "needs \(missing)" }
        return nil
    }()

    struct Output {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `tool args` (as root), output kept.
    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// useradd and groupadd lock /etc/passwd and /etc/group; another build on the machine may hold them a moment.
    static func account(_ tool: String, _ args: [String]) throws {
        var last = Output(status: 0, out: "", err: "")
        for _ in 0..<20 {
            last = try run(tool, args)
            if last.status == 0 { return }
            guard last.err.contains("lock") else { break }
            usleep(250_000)
        }
        throw AccountFailure(text: "\(tool) \(args.joined(separator: " ")): exit \(last.status): \(last.err)")
    }

    struct AccountFailure: Error, CustomStringConvertible { var text: String; var description: String { text } }

    /// A group with two users in it (each with its own primary group too, as `useradd` makes them),
    /// deleted by `remove()`.
    struct Desks {
        let group: String
        let a: String
        let b: String
        var made: [(tool: String, name: String)] = []

        init() {
            let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            group = "sytest-g-" + tag
            a = "sytest-a-" + tag
            b = "sytest-b-" + tag
        }

        mutating func create() throws {
            try SharedFolderTests.account("/usr/sbin/groupadd", [group])
            made.append(("/usr/sbin/groupdel", group))
            for user in [a, b] {
                try SharedFolderTests.account("/usr/sbin/useradd", ["-M", "-U", "-G", group, "-s", "/bin/sh", "-d", "/nonexistent", user])
                made.append(("/usr/sbin/userdel", user))
            }
        }

        /// Users first (userdel also removes each one's own group), then the shared group.
        func remove() {
            for (tool, name) in made.reversed() { _ = try? SharedFolderTests.account(tool, [name]) }
        }

        var gid: gid_t { getgrnam(group).map { $0.pointee.gr_gid } ?? gid_t.max }
        func uid(_ user: String) -> uid_t { getpwnam(user).map { $0.pointee.pw_uid } ?? uid_t.max }
    }

    /// `shuangyong ARGS` as `user`, with the umask most systems give (022): the program, not the umask,
    /// must keep the files group-writable.
    static func shuangyong(as user: String, _ binary: String, _ args: [String]) throws -> Output {
        try run("/usr/sbin/runuser", ["-u", user, "--", "/bin/sh", "-c", "umask 022; exec \"$0\" \"$@\"", binary] + args)
    }

    struct Mode: Equatable, CustomStringConvertible {
        var uid: uid_t, gid: gid_t, mode: mode_t
        var description: String { "uid \(uid) gid \(gid) mode \(String(mode, radix: 8))" }
    }

    static func mode(_ path: String) -> Mode? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Mode(uid: st.st_uid, gid: st.st_gid, mode: st.st_mode & 0o7777)
    }

    @Test(.disabled(if: skipReason != nil, Comment(rawValue: skipReason ?? "")))
    func twoUsersInOneGroupShareThePlanItsLockBackupAndRecoveryFile() throws {
        var desks = Desks()
        defer { desks.remove() }
        try desks.create()
        let group = desks.gid
        let folder = TempDir(prefix: "sy-shared-")
        defer { folder.remove() }
        chmod(folder.path, 0o755)  // the users must reach what is inside

        // The program where both users may run it (the build folder may not be theirs to read), with
        // any resource bundles beside it.
        let built = Binary.shuangyong
        let bin = folder.file("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: built.deletingLastPathComponent().path)
        where name == "shuangyong" || name.hasSuffix(".resources") {
            try FileManager.default.copyItem(atPath: built.deletingLastPathComponent().appendingPathComponent(name).path, toPath: bin + "/" + name)
        }
        let binary = bin + "/shuangyong"
        chmod(bin, 0o755)
        chmod(binary, 0o755)

        // The shared folder as README sets it up: the group's, setgid, group-writable; the plan 664.
        let desk = folder.file("desk")
        #expect(mkdir(desk, 0o755) == 0)
        #expect(chown(desk, 0, group) == 0)
        #expect(chmod(desk, 0o2775) == 0)
        let plan = desk + "/plan.json"
        try PlanStore.save(SamplePlan.make(year: 2026), to: plan)
        #expect(chown(plan, 0, group) == 0)
        #expect(chmod(plan, 0o664) == 0)
        let lock = plan + ".lock", backup = plan + ".bak"
        let recovery = plan + ".recovery.json", recoveryLock = plan + ".recovery.lock"
        let (uidA, uidB) = (desks.uid(desks.a), desks.uid(desks.b))

        /// Usable by the group as the plan is: the plan's group, read and write for the group.
        func shared(_ path: String, owner: uid_t, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let m = Self.mode(path)
            #expect(m == Mode(uid: owner, gid: group, mode: 0o664), "\(what) \(path)", sourceLocation: sourceLocation)
        }

        // A saves; then B, into the plan A's save wrote, under the lock file A created.
        let a1 = try Self.shuangyong(as: desks.a, binary, ["edit", "s1-1", "--note", "甲的备注", plan])
        try #require(a1.status == 0, "\(a1.err)")
        shared(plan, owner: uidA, "A's save keeps the plan's group and mode:")
        shared(backup, owner: 0, "the backup is the plan as it was:")
        shared(lock, owner: uidA, "the lock file A created:")
        let b1 = try Self.shuangyong(as: desks.b, binary, ["edit", "s1-2", "--note", "乙的备注", plan])
        try #require(b1.status == 0, "\(b1.err)")
        shared(plan, owner: uidB, "B's save keeps the plan's group and mode:")
        shared(backup, owner: uidA, "the backup (A's plan) B made:")
        shared(lock, owner: uidA, "the lock file B used:")

        // The read-only check counts the group's write permission: B may save A's plan; without the
        // group's w, B is refused.
        let bare = try Self.shuangyong(as: desks.a, binary, ["edit", "s1-3", "--progress", "30", plan])
        try #require(bare.status == 0, "\(bare.err)")
        #expect(chmod(plan, 0o644) == 0)
        let refused = try Self.shuangyong(as: desks.b, binary, ["edit", "s1-3", "--progress", "40", plan])
        #expect(refused.status == 1 && refused.err.contains("is read-only"), "\(refused.err)")
        #expect(chmod(plan, 0o664) == 0)

        // A's save fails (the plan on disk is invalid) into the recovery file; B's fails too and adds to
        // the file A created, under the recovery lock A created.
        let good = try AtomicFile.read(plan)
        try AtomicFile.write(Array("{\"format\": ".utf8), to: plan)
        #expect(Self.mode(plan)?.gid == group)
        let a2 = try Self.shuangyong(as: desks.a, binary, ["edit", "s2-1", "--note", "甲排队的备注", plan])
        #expect(a2.status == 1 && a2.err.contains(recovery), "\(a2.err)")
        shared(recovery, owner: uidA, "the recovery file A created:")
        shared(recoveryLock, owner: uidA, "the recovery lock A created:")
        let b2 = try Self.shuangyong(as: desks.b, binary, ["edit", "s2-2", "--note", "乙排队的备注", plan])
        #expect(b2.status == 1 && b2.err.contains(recovery), "\(b2.err)")
        shared(recovery, owner: uidB, "the recovery file B rewrote:")
        let queued = String(decoding: try AtomicFile.read(recovery), as: UTF8.self)
        #expect(queued.contains("甲排队的备注") && queued.contains("乙排队的备注"))

        // The plan is mended; B's next save replays both queued notes, each as its own user's.
        try AtomicFile.write(good, to: plan)
        let b3 = try Self.shuangyong(as: desks.b, binary, ["edit", "s3-1", "--note", "乙修好后的备注", plan])
        #expect(b3.status == 0, "\(b3.err)")
        #expect(!FileManager.default.fileExists(atPath: recovery))
        shared(plan, owner: uidB, "the plan after the replay:")

        let saved = try PlanStore.load(plan)
        func notes(_ id: String) -> [String] {
            saved.tasks.first { $0.id == id }.map { $0.notes.map { "\($0.by): \($0.text)" } } ?? []
        }
        #expect(notes("s1-1").last == "\(desks.a): 甲的备注")
        #expect(notes("s1-2").last == "\(desks.b): 乙的备注")
        #expect(notes("s2-1").last == "\(desks.a): 甲排队的备注")
        #expect(notes("s2-2").last == "\(desks.b): 乙排队的备注")
        #expect(notes("s3-1").last == "\(desks.b): 乙修好后的备注")
        let who = Set(saved.tasks.flatMap(\.history).map(\.by))
        #expect(who.isSuperset(of: [desks.a, desks.b]), "history: \(who)")

        // Nothing the two users made is left but the plan's own files.
        let left = try FileManager.default.contentsOfDirectory(atPath: desk).sorted()
        #expect(left == ["plan.json", "plan.json.bak", "plan.json.lock", "plan.json.recovery.lock"])
    }
}
