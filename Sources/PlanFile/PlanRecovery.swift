#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

// The recovery file `<plan>.recovery.json` keeps changes that could not be saved (the save lock was busy,
// the file on disk was invalid, the disk was full …) so that nothing is lost if the program ends before a
// save succeeds.
//
// It is a small JSON list of edits, each with its change id, who made it, when, the value its field had
// then, why it is there, and the session (process and document) that keeps it. A session rewrites only its own
// entries (and those of ended sessions it has saved), re-reading the file under its own lock,
// `<plan>.recovery.lock` (a session that could not take the save lock writes it too). While a session
// runs it retries its own entries; once it has ended (its process is gone, or its document was closed),
// the next commit of any desk on the same machine saves them — with the usual conflict check, so a field
// changed since is reported, not overwritten — and removes them. Entries from another machine are left
// to that machine.

/// An edit kept in a recovery file.
public struct RecoveredEdit: Equatable, Sendable {
    public var pending: PendingEdit
    /// The session that keeps the edit, its machine and process.
    public var session: String
    public var host: String
    public var pid: Int32
    /// Why the edit could not be saved, e.g. "the plan file on disk was invalid: …".
    public var reason: String
    /// The session has ended (same machine, process gone or document closed): anyone may save the edit.
    public var isStale: Bool

    public init(pending: PendingEdit, session: String, host: String, pid: Int32, reason: String, isStale: Bool) {
        self.pending = pending
        self.session = session
        self.host = host
        self.pid = pid
        self.reason = reason
        self.isStale = isStale
    }
}

/// Reading and writing the recovery file; the sessions alive in this process.
struct RecoveryFile {
    static let formatName = "shuangyong-recovery"

    var records: [RecoveredEdit] = []
    /// The file exists but could not be read: it is moved aside (never overwritten) before the next write.
    var unreadable = false

    /// Documents open in this process (their recovery entries are not stale while they are).
    final class LiveSessions: @unchecked Sendable {
        private let lock = NSLock()
        private var ids = Set<String>()
        func insert(_ id: String) { lock.lock(); ids.insert(id); lock.unlock() }
        func remove(_ id: String) { lock.lock(); ids.remove(id); lock.unlock() }
        func contains(_ id: String) -> Bool { lock.lock(); defer { lock.unlock() }; return ids.contains(id) }
    }

    static let live = LiveSessions()

    static let host: String = {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count - 1) == 0 else { return "localhost" }
        let bytes = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }()

    static func newSession() -> String {
        "\(host):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
    }

    static func isStale(session: String, host: String, pid: Int32) -> Bool {
        guard host == RecoveryFile.host else { return false }
        if pid == getpid() { return !live.contains(session) }
        return !processExists(pid)
    }

    static func processExists(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    static func read(_ path: String) -> RecoveryFile {
        guard access(path, F_OK) == 0 else { return RecoveryFile() }
        guard let bytes = try? AtomicFile.read(path), let root = try? JSONReader.parse(bytes),
              root["format"] == .string(formatName), case let .array(items)? = root["edits"] else {
            return RecoveryFile(records: [], unreadable: true)
        }
        var out = RecoveryFile()
        for item in items {
            guard let r = record(item) else { out.unreadable = true; continue }
            out.records.append(r)
        }
        return out
    }

    /// Writes the entries (removes the file when there are none). An unreadable file is renamed aside first.
    mutating func write(to path: String, plan: String) throws(PlanFileError) {
        if unreadable, access(path, F_OK) == 0 {
            let aside = path + ".unreadable-\(Int(Date().timeIntervalSince1970))"
            if rename(path, aside) != 0 {
                throw .io(file: path, operation: "move the unreadable recovery file aside", reason: AtomicFile.errorText(errno))
            }
        }
        unreadable = false
        if records.isEmpty {
            if unlink(path) != 0, errno != ENOENT {
                throw .io(file: path, operation: "remove the recovery file", reason: AtomicFile.errorText(errno))
            }
            return
        }
        let root: JSONValue = .object([
            ("format", .string(RecoveryFile.formatName)),
            ("version", .number(1)),
            ("plan", .string(URL(fileURLWithPath: plan).standardizedFileURL.path)),
            ("note", .string("Changes not yet saved to the plan. Shuangyong saves them with the next successful save; do not edit.")),
            ("edits", .array(records.map(RecoveryFile.encode))),
        ])
        try AtomicFile.write(JSONWriter.bytes(root), to: path, companionOf: plan)
    }

    // MARK: Temporary files

    /// Removes `.<plan>.tmp-<pid>-*` files (and the recovery file's) a killed save left behind: those of
    /// processes that no longer exist, and any older than a minute. Called under the save lock, so no
    /// locked save is writing one.
    static func removeStaleTemporaries(beside path: String) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let prefixes = ["." + url.lastPathComponent + ".tmp-", "." + url.lastPathComponent + ".recovery.json.tmp-"]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let now = Date().timeIntervalSince1970
        for name in names {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }) else { continue }
            let full = dir + "/" + name
            let pid = Int32(name.dropFirst(prefix.count).split(separator: "-").first ?? "") ?? 0
            var st = stat()
            guard lstat(full, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            #if canImport(Darwin)
            let age = now - Double(st.st_mtimespec.tv_sec)
            #else
            let age = now - Double(st.st_mtim.tv_sec)
            #endif
            if age > 60 || (pid != getpid() && !processExists(pid)) { unlink(full) }
        }
    }

    // MARK: Encoding

    static func encode(_ r: RecoveredEdit) -> JSONValue {
        let p = r.pending
        return .object([
            ("id", .string(p.id)),
            ("session", .string(r.session)), ("host", .string(r.host)), ("pid", .number(Double(r.pid))),
            ("reason", .string(r.reason)), ("by", .string(p.by)),
            ("at", .string(PlanEdit.timestamp(p.at, in: TimeZone(secondsFromGMT: 0)!))),
            ("time", .number(p.at.timeIntervalSince1970)), ("kind", .string(p.kind.rawValue)),
            ("edit", encode(p.edit)), ("expected", p.expected.map(encode) ?? .null),
        ])
    }

    /// The instants a recovered edit may carry: those a plan may be stamped with (`PlanDates.instants`),
    /// so a replayed edit never writes a note or history time the plan would then refuse.
    static let plausibleTimes: ClosedRange<Double> = PlanDates.instants

    /// Reads one entry; nil when anything in it is missing, of the wrong type or out of range (a huge
    /// number included: the entry is then left alone, never trapped on).
    static func record(_ v: JSONValue) -> RecoveredEdit? {
        guard case let .string(session)? = v["session"], case let .string(host)? = v["host"],
              case let .number(pidValue)? = v["pid"], let p = Int32(exactly: pidValue),
              case let .string(by)? = v["by"], case let .number(time)? = v["time"], plausibleTimes.contains(time),
              case let .string(k)? = v["kind"], let kind = EditKind(rawValue: k),
              let ev = v["edit"], let edit = edit(ev) else { return nil }
        var expected: FieldValue?
        if let x = v["expected"], x != .null {
            guard let fv = fieldValue(x) else { return nil }
            expected = fv
        }
        let reason: String
        if case let .string(s)? = v["reason"] { reason = s } else { reason = "" }
        // A file written before entries had ids: one made of what the entry holds, the same at every read.
        let id: String
        if case let .string(s)? = v["id"], !s.isEmpty { id = s } else {
            id = "legacy-" + String(decoding: JSONWriter.bytes(.array([.string(session), .number(time), encode(edit)])).filter { $0 != 0x0A && $0 != 0x20 }, as: UTF8.self)
        }
        return RecoveredEdit(pending: PendingEdit(edit: edit, kind: kind, by: by, at: Date(timeIntervalSince1970: time), expected: expected, id: id),
                             session: session, host: host, pid: p, reason: reason,
                             isStale: isStale(session: session, host: host, pid: p))
    }

    static func encode(_ e: PlanEdit) -> JSONValue {
        func n(_ i: Int) -> JSONValue { .number(Double(i)) }
        switch e {
        case let .setStatus(id, s): return .object([("op", .string("setStatus")), ("task", .string(id)), ("status", .string(s.rawValue))])
        case let .setProgress(id, p): return .object([("op", .string("setProgress")), ("task", .string(id)), ("progress", n(p))])
        case let .setDue(id, d): return .object([("op", .string("setDue")), ("task", .string(id)), ("due", d.map { .string($0.iso) } ?? .null)])
        case let .addNote(id, t): return .object([("op", .string("addNote")), ("task", .string(id)), ("text", .string(t))])
        case let .removeNote(id, note):
            return .object([("op", .string("removeNote")), ("task", .string(id)),
                            ("note", .object([("at", .string(note.at)), ("by", .string(note.by)), ("text", .string(note.text))]))])
        case let .setTargetAchieved(id, a): return .object([("op", .string("setTargetAchieved")), ("task", .string(id)), ("achieved", n(a))])
        case let .setOwners(id, o): return .object([("op", .string("setOwners")), ("task", .string(id)), ("owners", .array(o.map { .string($0) }))])
        case let .addTask(t): return .object([("op", .string("addTask")), ("taskData", PlanCodec.encode(t))])
        case let .restoreTask(t, at): return .object([("op", .string("restoreTask")), ("taskData", PlanCodec.encode(t)), ("position", n(at))])
        case let .deleteTask(id): return .object([("op", .string("deleteTask")), ("task", .string(id))])
        case let .renameUnit(id, name, short):
            return .object([("op", .string("renameUnit")), ("unit", .string(id)), ("name", .string(name)), ("short", short.map { .string($0) } ?? .null)])
        case let .structure(s): return .object([("op", .string("structure")), ("structure", encode(s))])
        }
    }

    static func edit(_ v: JSONValue) -> PlanEdit? {
        func s(_ k: String) -> String? { if case let .string(x)? = v[k] { return x }; return nil }
        func i(_ k: String) -> Int? { if case let .number(x)? = v[k] { return PlanCodec.wholeNumber(x) }; return nil }
        guard let op = s("op") else { return nil }
        let id = s("task")
        switch op {
        case "setStatus": return id.flatMap { id in s("status").flatMap(TaskStatus.init).map { .setStatus(taskID: id, $0) } }
        case "setProgress": guard let id, let p = i("progress") else { return nil }; return .setProgress(taskID: id, p)
        case "setDue":
            guard let id else { return nil }
            if v["due"] == .null { return .setDue(taskID: id, nil) }
            return s("due").flatMap { Day(iso: $0) }.map { .setDue(taskID: id, $0) }
        case "addNote": guard let id, let t = s("text") else { return nil }; return .addNote(taskID: id, t)
        case "removeNote":
            guard let id, let nv = v["note"], case let .string(at)? = nv["at"], case let .string(by)? = nv["by"],
                  case let .string(text)? = nv["text"] else { return nil }
            return .removeNote(taskID: id, TaskNote(at: at, by: by, text: text))
        case "setTargetAchieved": guard let id, let a = i("achieved") else { return nil }; return .setTargetAchieved(taskID: id, a)
        case "setOwners":
            guard let id, case let .array(items)? = v["owners"] else { return nil }
            let owners = items.compactMap { if case let .string(x) = $0 { return x }; return nil }
            return owners.count == items.count ? .setOwners(taskID: id, owners) : nil
        case "addTask": return v["taskData"].flatMap(task).map { .addTask($0) }
        case "restoreTask": guard let t = v["taskData"].flatMap(task), let at = i("position") else { return nil }; return .restoreTask(t, at: at)
        case "deleteTask": return id.map { .deleteTask(taskID: $0) }
        case "renameUnit":
            guard let u = s("unit"), let name = s("name") else { return nil }
            return .renameUnit(unitID: u, name: name, shortName: s("short"))
        case "structure": return v["structure"].flatMap(structureEdit).map { .structure($0) }
        default: return nil
        }
    }

    static func encode(_ f: FieldValue) -> JSONValue {
        switch f {
        case let .status(s): return .object([("status", .string(s.rawValue))])
        case let .progress(p): return .object([("progress", .number(Double(p)))])
        case let .due(d): return .object([("due", d.map { .string($0.iso) } ?? .null)])
        case let .achieved(a): return .object([("achieved", .number(Double(a)))])
        case let .owners(o): return .object([("owners", .array(o.map { .string($0) }))])
        case let .unitName(name, short): return .object([("unitName", .object([("name", .string(name)), ("short", .string(short))]))])
        case let .task(t): return .object([("task", PlanCodec.encode(t))])
        default: return encodeStructureValue(f)
        }
    }

    static func fieldValue(_ v: JSONValue) -> FieldValue? {
        guard case let .object(m) = v, let (key, value) = m.first else { return nil }
        switch (key, value) {
        case let ("status", .string(s)): return TaskStatus(rawValue: s).map { .status($0) }
        case let ("progress", .number(p)): return PlanCodec.wholeNumber(p).map { .progress($0) }
        case ("due", .null): return .due(nil)
        case let ("due", .string(d)): return Day(iso: d).map { .due($0) }
        case let ("achieved", .number(a)): return PlanCodec.wholeNumber(a).map { .achieved($0) }
        case let ("owners", .array(items)):
            let o = items.compactMap { if case let .string(x) = $0 { return x }; return nil }
            return o.count == items.count ? .owners(o) : nil
        case let ("unitName", u):
            guard case let .string(name)? = u["name"], case let .string(short)? = u["short"] else { return nil }
            return .unitName(name: name, short: short)
        case let ("task", t): return task(t).map { .task($0) }
        default: return structureValue(key, value)
        }
    }

    /// Reads a task written by `PlanCodec.encode(_: PlanTask)`, with the plan file's own task decoder;
    /// nil when it has any problem.
    static func task(_ v: JSONValue) -> PlanTask? {
        PlanCodec.decodeTask(v, path: "task").task
    }
}
