#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

/// Snapshots of loaded plans (`PlanSnapshot`), kept in the user's cache folder so a command run again on
/// an unchanged plan file skips reading, parsing and checking it.
///
/// Where: `$XDG_CACHE_HOME/shuangyong/snapshots/` (else `~/.cache/shuangyong/snapshots/`), at most
/// `keptPerPlan` files per plan, each named by hashes of the plan's absolute path and of the file's bytes
/// it was made from (`<path hash>-<bytes hash>.snapshot`), readable by this user only. Not beside the plan:
/// an office's plan folder may be shared, synced or read-only, and should hold only what people keep.
/// `SHUANGYONG_SNAPSHOTS=off` turns snapshots off; deleting the folder is always safe.
///
/// A snapshot is used only when it matches the plan file as it is now:
/// - the program that wrote it is this very executable (device, inode, size and time of the binary), so a
///   new version never trusts an old one's reading;
/// - the file is the one it was made from: same absolute path, device, inode, size, modification time
///   and status-change time, to the nanosecond. The status-change time cannot be set back by anyone
///   (`touch -d` sets only the modification time), so an edit that restores size and time still shows;
/// - when the file had changed less than `racyWindow` seconds before it was read, a later change could
///   fall in the same clock tick and leave every time unchanged (the "racy" case, as git calls it): then
///   the file's bytes are read and their 64-bit hash compared with the one the snapshot recorded, every
///   time, until a read finds the file older than that (which clears the mark);
/// - its own bytes are whole: their hash is stored in its header and checked.
///
/// A caller that has read the file's bytes anyway (an open document, `document(for:fileHash:)`) matches a
/// snapshot by their hash alone, whatever the file's times say.
///
/// Anything else (no snapshot, another file, a torn or foreign snapshot, any I/O error) means the plan is
/// read from the file, which stays the one source of truth, and a new snapshot is written after a load
/// that passed every check. A snapshot is written to a temporary file and renamed, so a reader never sees
/// half of one; it is never fsynced (losing one costs a slower load, nothing more).
public struct PlanSnapshots: Sendable {
    /// The folder holding the snapshots.
    public let folder: String

    /// How recent (seconds) a file's last change may be when it is read for its snapshot to be "racy".
    static let racyWindow: Int64 = 2

    /// The standard folder for this user, or nil when snapshots are off or there is no cache folder.
    /// `environment` stands in for the process's (tests); nil reads the three variables with `getenv`.
    public static func standard(environment: [String: String]? = nil) -> PlanSnapshots? {
        func value(_ name: String) -> String? { environment.map { $0[name] } ?? getenv(name).map { String(cString: $0) } }
        if let v = value("SHUANGYONG_SNAPSHOTS")?.lowercased(), ["off", "0", "no", "false"].contains(v) { return nil }
        let base: String
        if let x = value("XDG_CACHE_HOME"), x.hasPrefix("/") { base = x }
        else if let h = value("HOME"), h.hasPrefix("/") { base = h + "/.cache" }
        else { return nil }
        return PlanSnapshots(folder: base + "/shuangyong/snapshots")
    }

    public init(folder: String) { self.folder = folder }

    /// The snapshot an open document last read or wrote, per plan file, so the snapshot of its next save
    /// re-encodes only the tasks that changed (`PlanSnapshot.encode(_:layout:reusing:)`). Shared by the
    /// copies of this value (a document's options hold one).
    private let recent = Recent()

    private final class Recent: @unchecked Sendable {
        private let lock = NSLock()
        private var byPath: [String: PlanSnapshot.Encoded] = [:]

        subscript(key: String) -> PlanSnapshot.Encoded? {
            get { lock.withLock { byPath[key] } }
            set { lock.withLock { byPath[key] = newValue } }
        }
    }

    /// How many snapshots are kept per plan file: the newest and the one before, so a file put back as
    /// it was (a restored backup, a reverted copy) is still known. The least recently used go first.
    static let keptPerPlan = 2

    // MARK: Using a snapshot

    /// The plan in a snapshot of `path` that matches the file as it is now (see the type's comment),
    /// without reading the file unless the snapshot is marked racy; nil otherwise. Never throws: any
    /// failure only means "read the file". With `.summary`, its tasks come without texts, notes, history
    /// and unknown members (`PlanDetail`).
    public func plan(for path: String, detail: PlanDetail = .whole) -> Plan? {
        guard Self.program != nil, let key = Self.absolute(path), let file = FileStamp(path: path), file.isRegular else { return nil }
        for name in snapshotNames(key) {
            guard let (snap, header, bytes) = openSnapshot(name, key: key, whole: detail.isWhole), header.file == file else { continue }
            if header.racy {
                guard let now = try? AtomicFile.read(path), Fingerprint(now).hash == header.fileHash,
                      FileStamp(path: path) == file else { return nil }
                if file.changedSecondsAgo >= Self.racyWindow {
                    // Old enough now that any later change must show in its times: stop hashing it.
                    var clear: UInt8 = 0
                    _ = Self.writeByte(snap, &clear, at: Header.racyOffset)
                }
            }
            guard bodyMatches(bytes, header: header, used: snap, whole: detail.isWhole) else { return nil }
            return bytes.withUnsafeBytes { PlanSnapshot.decode(UnsafeRawBufferPointer(rebasing: $0[header.byteCount...]), detail: detail) }
        }
        return nil
    }

    /// The plan in the snapshot this program last read or wrote of the file at `path`, whatever the file
    /// holds now: the last good version of a plan since broken by hand, which a change made meanwhile is
    /// judged against (`shuangyong edit`). Nil when there is none.
    public func lastKnown(for path: String) -> Plan? {
        guard Self.program != nil, let key = Self.absolute(path) else { return nil }
        for name in snapshotNames(key) {
            guard let (bytes, bodyStart, _) = checkedSnapshot(name, key: key) else { continue }
            return bytes.withUnsafeBytes { PlanSnapshot.decode(UnsafeRawBufferPointer(rebasing: $0[bodyStart...])) }
        }
        return nil
    }

    /// The plan and task layout in the snapshot of the file at `path` whose bytes hash to `fileHash`
    /// (`Fingerprint`): for a caller that has read the file anyway (an open document), which makes the
    /// match exact whatever the file's times say.
    func document(for path: String, fileHash: UInt64) -> (plan: Plan, layout: TaskLayout?)? {
        guard let (key, bytes, bodyStart) = snapshot(of: path, fileHash: fileHash),
              let decoded = PlanSnapshot.decodeForReuse(bytes, bodyStart: bodyStart)
        else { return nil }
        recent[key] = decoded.encoded
        return (decoded.plan, decoded.layout)
    }

    /// The task `id` as a snapshot holds it (`PlanSnapshot.OneTask`: with the plan around it and the file's
    /// task layout), with the snapshot's bytes, where its body starts in them, and the hash of the file it
    /// was made from (`oneTask`).
    struct FoundTask: Sendable {
        let one: PlanSnapshot.OneTask
        let bytes: [UInt8]
        let bodyStart: Int
        let fileHash: UInt64
        /// The snapshot file's path, and the plan's absolute path (`absolute`) it is kept under.
        fileprivate let snapshot: String, key: String
    }

    /// The task `id` in the snapshot of the file at `path` whose bytes hash to `fileHash`, marked used; nil
    /// when there is no such snapshot, task or layout.
    func oneTask(_ id: String, path: String, fileHash: UInt64) -> FoundTask? {
        guard Self.program != nil, let key = Self.absolute(path),
              let found = foundTask(id, in: Self.name(key, fileHash), key: key, fileSize: nil), found.fileHash == fileHash else { return nil }
        return markingUsed(found)
    }

    /// The task `id` in the most recently used snapshot of the file at `path` that was made from a file of
    /// `fileSize` bytes, whatever they were: for a caller that hashes the file meanwhile (`OneTaskSave`) and
    /// uses it, marking it used (`markingUsed`), only when its `fileHash` is the file's.
    func oneTask(_ id: String, path: String, fileSize: Int) -> FoundTask? {
        guard Self.program != nil, let key = Self.absolute(path) else { return nil }
        for name in snapshotNames(key) {
            if let found = foundTask(id, in: name, key: key, fileSize: fileSize) { return found }
        }
        return nil
    }

    /// `found`, its snapshot marked used: the most recent, for `keptPerPlan` and `lastKnown`.
    func markingUsed(_ found: FoundTask) -> FoundTask {
        _ = utimensat(AT_FDCWD, found.snapshot, nil, 0)
        return found
    }

    /// The task `id` in the snapshot file `name` of the plan at the absolute path `key`, checked (header,
    /// the size of the file it was made from when `fileSize` is given, both parts' hashes), not marked used.
    private func foundTask(_ id: String, in name: String, key: String, fileSize: Int?) -> FoundTask? {
        guard let (snap, header, bytes) = openSnapshot(name, key: key, whole: true, fileSize: fileSize),
              bodyMatches(bytes, header: header, used: nil, whole: true),
              let one = bytes.withUnsafeBytes({ PlanSnapshot.oneTask(id, in: UnsafeRawBufferPointer(rebasing: $0[header.byteCount...])) })
        else { return nil }
        return FoundTask(one: one, bytes: bytes, bodyStart: header.byteCount, fileHash: header.fileHash, snapshot: snap, key: key)
    }

    /// The whole snapshot of the file at `path` whose bytes hash to `fileHash`, checked (header and both
    /// parts' hashes): the plan's key, the snapshot's bytes and where its body starts in them.
    private func snapshot(of path: String, fileHash: UInt64) -> (key: String, bytes: [UInt8], bodyStart: Int)? {
        guard Self.program != nil, let key = Self.absolute(path),
              let (bytes, bodyStart, snapshotFileHash) = checkedSnapshot(Self.name(key, fileHash), key: key), snapshotFileHash == fileHash
        else { return nil }
        return (key, bytes, bodyStart)
    }

    /// The whole snapshot file `name` of the plan at the absolute path `key`, checked (header and both
    /// parts' hashes) and marked used: its bytes, where its body starts, and the hash of the file it was
    /// made from.
    private func checkedSnapshot(_ name: String, key: String) -> (bytes: [UInt8], bodyStart: Int, fileHash: UInt64)? {
        guard let (snap, header, bytes) = openSnapshot(name, key: key, whole: true),
              bodyMatches(bytes, header: header, used: snap, whole: true) else { return nil }
        return (bytes, header.byteCount, header.fileHash)
    }

    /// Reads the snapshot file `name` and checks its header (magic, version, program, path, size, and the
    /// size of the file it was made from when `fileSize` is given): the header and the summary part of the
    /// body, or the whole body when `whole`.
    private func openSnapshot(_ name: String, key: String, whole: Bool, fileSize: Int? = nil) -> (path: String, header: Header, bytes: [UInt8])? {
        let snap = folder + "/" + name
        let fd = open(snap, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= Header.size,
              st.st_size <= Int64(AtomicFile.maxReadSize) * 2 else { return nil }
        let size = Int(st.st_size)
        // The header (its path is at most PATH_MAX), then as much of the body as is wanted, read into one
        // array after the header's bytes (not a second array appended: a second copy of a 4 MB body).
        guard let first = Self.read(fd, at: 0, count: min(size, Header.size + Int(PATH_MAX))),
              let header = first.withUnsafeBytes(Header.init), header.program == Self.program, header.path == key,
              header.byteCount + header.bodyCount == size, header.summaryCount <= header.bodyCount - 8,
              fileSize.map({ Int64($0) == header.file.size }) ?? true else { return nil }
        let wanted = header.byteCount + (whole ? header.bodyCount : 8 + header.summaryCount)
        guard wanted > first.count else { return (snap, header, Array(first[..<wanted])) }
        guard let bytes = Self.read(fd, at: first.count, count: wanted - first.count, after: first) else { return nil }
        return (snap, header, bytes)
    }

    /// Whether the body in `bytes` (the summary part and, when `whole`, the detail part) hashes as the
    /// header says; marks the snapshot file `snap` used (for `keptPerPlan`) when it does.
    private func bodyMatches(_ bytes: [UInt8], header: Header, used snap: String?, whole: Bool) -> Bool {
        let matches = bytes.withUnsafeBytes { raw in
            let body = UnsafeRawBufferPointer(rebasing: raw[header.byteCount...])
            let summaryEnd = 8 + header.summaryCount
            return body.count >= summaryEnd && PlanSnapshot.summaryCount(body) == header.summaryCount
                && Fingerprint.hash(UnsafeRawBufferPointer(rebasing: body[..<summaryEnd])) == header.summaryHash
                && (!whole || Fingerprint.hash(UnsafeRawBufferPointer(rebasing: body[summaryEnd...])) == header.detailHash)
        }
        if matches, let snap { _ = utimensat(AT_FDCWD, snap, nil, 0) }
        return matches
    }

    // MARK: Writing a snapshot

    /// The file's identity when it is read, for `store`: taken before reading and checked after, so a
    /// file changed while it was read gets no snapshot.
    public struct Reading: Sendable {
        fileprivate let before: FileStamp
        fileprivate let readAt: timespec
    }

    /// Call before reading `path` for a load that may be snapshotted.
    public func beginReading(_ path: String) -> Reading? {
        guard let s = FileStamp(path: path), s.isRegular else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Reading(before: s, readAt: now)
    }

    /// Writes the snapshot of `plan`, loaded from `bytes` read from `path` after `reading` began. Does
    /// nothing when the file changed meanwhile, and ignores every error (the folder cannot be made, the
    /// disk is full …): a snapshot is only ever a shortcut.
    public func store(_ plan: Plan, bytes: [UInt8], path: String, reading: Reading?) {
        store(plan, layout: nil, bytes: bytes, path: path, reading: reading)
    }

    func store(_ plan: Plan, layout: TaskLayout?, bytes: [UInt8], path: String, reading: Reading?) {
        guard let reading, FileStamp(path: path) == reading.before else { return }
        let racy = Int64(reading.readAt.tv_sec) - reading.before.ctimeSeconds < Self.racyWindow
        writeSnapshot(plan, layout: layout, fileHash: Fingerprint(bytes).hash, path: path, stamp: reading.before, racy: racy)
    }

    /// Writes the snapshot of `plan` for the file at `path` whose bytes hash to `fileHash`, by a caller
    /// that read or wrote those bytes itself (a document). The file's identity is taken now and the
    /// snapshot marked racy, so a use by `plan(for:)` checks the bytes until the file is old enough.
    func store(_ plan: Plan, layout: TaskLayout?, fileHash: UInt64, path: String) {
        guard let stamp = FileStamp(path: path), stamp.isRegular, let key = Self.absolute(path) else { return }
        recent[key] = writeSnapshot(plan, layout: layout, fileHash: fileHash, path: path, stamp: stamp, racy: true, reusing: recent[key])
    }

    /// Begins the snapshot of the plan file that `OneTaskSave` is saving: the snapshot `found` came from
    /// with its task replaced by `task`, the file's tasks now where `layout` says. Its body is put
    /// together, hashed and written to a temporary file on another thread while the caller writes the plan
    /// file (each about 5 ms at 20,000 tasks); the plan's snapshots but `found`'s are removed there too, so
    /// that freeing their blocks is not waited for. `finishStore` ends it. Nil when snapshots are off.
    func beginStore(replacing found: FoundTask, with task: PlanTask, layout: TaskLayout) -> PendingSnapshot? {
        guard Self.program != nil else { return nil }
        let key = found.key
        return PendingSnapshot(body: Background {
            let body = PlanSnapshot.pieces(found.bytes, bodyStart: found.bodyStart, replacing: found.one, with: task, layout: layout)
                .flatMap { pieces, summaryPieces in
                    pieces.withBuffers { writeBody(pieces: $0, summaryPieces: summaryPieces, key: key) }
                }
            for name in snapshotNames(key) where folder + "/" + name != found.snapshot { unlink(folder + "/" + name) }
            return body
        })
    }

    /// Ends `pending` (`beginStore`) once the save it was begun for is done: the snapshot of the file at
    /// `path`, whose bytes hash to `fileHash`, is named and put in place; with nil (the save failed) its
    /// temporary file is removed. Ignores every error, as `store` does.
    func finishStore(_ pending: PendingSnapshot?, fileHash: UInt64?, path: String) {
        guard let body = pending?.body.value else { return }
        guard let fileHash, let stamp = FileStamp(path: path), stamp.isRegular else {
            close(body.fd)
            unlink(body.temporary)
            return
        }
        _ = finishWriting(body, fileHash: fileHash, stamp: stamp, racy: true)
    }

    /// A snapshot whose body is being written on another thread (`beginStore`).
    struct PendingSnapshot {
        fileprivate let body: Background<WrittenBody?>
    }

    /// Writes the snapshot; returns its encoding (for a document's next save), or nil when none was written.
    @discardableResult
    private func writeSnapshot(_ plan: Plan, layout: TaskLayout?, fileHash: UInt64, path: String, stamp: FileStamp, racy: Bool,
                               reusing earlier: PlanSnapshot.Encoded? = nil) -> PlanSnapshot.Encoded? {
        guard Self.program != nil, let encoded = PlanSnapshot.encode(plan, layout: layout, reusing: earlier),
              encoded.body.withUnsafeBytes({ raw in
                  let summaryEnd = 8 + PlanSnapshot.summaryCount(encoded.body)!
                  return writeSnapshot(pieces: [UnsafeRawBufferPointer(rebasing: raw[..<summaryEnd]), UnsafeRawBufferPointer(rebasing: raw[summaryEnd...])],
                                       summaryPieces: 1, fileHash: fileHash, path: path, stamp: stamp, racy: racy)
              })
        else { return nil }
        return encoded
    }

    /// Writes a snapshot for the file at `path` whose body (`PlanSnapshot`'s layout) is the bytes of
    /// `pieces` one after another, the first `summaryPieces` of them the summary part's byte count and
    /// the summary part; whether it did.
    @discardableResult
    private func writeSnapshot(pieces: [UnsafeRawBufferPointer], summaryPieces: Int, fileHash: UInt64, path: String, stamp: FileStamp,
                               racy: Bool) -> Bool {
        guard let key = Self.absolute(path), let body = writeBody(pieces: pieces, summaryPieces: summaryPieces, key: key) else { return false }
        return finishWriting(body, fileHash: fileHash, stamp: stamp, racy: racy)
    }

    /// A snapshot's body written to its temporary file, after room for its header (`finishWriting`).
    fileprivate struct WrittenBody {
        var key: String, temporary: String, fd: Int32
        var bodyCount: Int, summaryCount: Int, summaryHash: UInt64, detailHash: UInt64
    }

    /// Writes the body that `pieces` make (see `writeSnapshot`) to a new temporary file of the plan at the
    /// absolute path `key`, after room for the header; nil (and no file) when it cannot.
    private func writeBody(pieces: [UnsafeRawBufferPointer], summaryPieces: Int, key: String) -> WrittenBody? {
        guard Self.program != nil, Self.makeFolder(folder) else { return nil }
        let (summary, detail) = (Array(pieces.prefix(summaryPieces)), Array(pieces.dropFirst(summaryPieces)))
        let summaryCount = summary.reduce(0) { $0 + $1.count } - 8, bodyCount = 8 + summaryCount + detail.reduce(0) { $0 + $1.count }
        let temporary = folder + "/" + Self.pathHash(key) + "-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0o600)
        guard fd >= 0 else { return nil }
        guard lseek(fd, off_t(Header.size + key.utf8.count), SEEK_SET) >= 0, pieces.allSatisfy({ Self.writeAll(fd, $0) }) else {
            close(fd)
            unlink(temporary)
            return nil
        }
        return WrittenBody(key: key, temporary: temporary, fd: fd, bodyCount: bodyCount, summaryCount: summaryCount,
                           summaryHash: Fingerprint.hash(pieces: summary), detailHash: Fingerprint.hash(pieces: detail))
    }

    /// Writes the header of `body` (made from the file whose bytes hash to `fileHash` and which was
    /// `stamp` then), closes it and puts it in place; whether it did. Then keeps the plan's newest
    /// `keptPerPlan` snapshots, and no temporary file older than ten minutes.
    private func finishWriting(_ body: WrittenBody, fileHash: UInt64, stamp: FileStamp, racy: Bool) -> Bool {
        guard let program = Self.program else { return false }
        let header = Header(program: program, file: stamp, path: body.key, racy: racy, fileHash: fileHash, bodyCount: body.bodyCount,
                            summaryCount: body.summaryCount, summaryHash: body.summaryHash, detailHash: body.detailHash)
        let name = Self.name(body.key, fileHash)
        let target = folder + "/" + name
        let headerBytes = header.bytes
        let written = headerBytes.withUnsafeBytes { pwrite(body.fd, $0.baseAddress, $0.count, 0) == $0.count }
        close(body.fd)
        if !written || rename(body.temporary, target) != 0 {
            unlink(body.temporary)
            return false
        }
        // Newest first however coarse the file system's clock: a save touches the snapshot it used and writes
        // this one within the same tick, and this one is what the program last wrote (`lastKnown`).
        let others = snapshotNames(body.key).filter { $0 != name }  // most recently used first
        if let newest = others.first.flatMap({ FileStamp(path: folder + "/" + $0) }),
           let own = FileStamp(path: target),
           (own.mtimeSeconds, own.mtimeNanoseconds) <= (newest.mtimeSeconds, newest.mtimeNanoseconds) {
            let later = newest.mtimeNanoseconds + 1
            let omit = (1 << 30) - 2  // UTIME_OMIT (a macro Swift does not import): the access time stays
            var times = [timespec(tv_sec: 0, tv_nsec: omit),
                         timespec(tv_sec: Int(newest.mtimeSeconds + later / 1_000_000_000), tv_nsec: Int(later % 1_000_000_000))]
            _ = utimensat(AT_FDCWD, target, &times, 0)
        }
        // Keep the newest `keptPerPlan` of this plan's snapshots, and no temporary file a run that was
        // killed while writing left more than ten minutes ago.
        for old in others.dropFirst(Self.keptPerPlan - 1) { unlink(folder + "/" + old) }
        for left in snapshotNames(body.key, suffix: ".tmp") where (FileStamp(path: folder + "/" + left)?.changedSecondsAgo ?? 0) > 600 {
            unlink(folder + "/" + left)
        }
        return true
    }

    /// The file names of the snapshots of the plan at the absolute path `key` (or, with `suffix: ".tmp"`,
    /// its temporary files), most recently used first.
    func snapshotNames(_ key: String, suffix: String = ".snapshot") -> [String] {
        let prefix = Self.pathHash(key) + "-"
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var found: [(String, Int64, Int64)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), let s = FileStamp(path: folder + "/" + name) else { continue }
            found.append((name, s.mtimeSeconds, s.mtimeNanoseconds))
        }
        return found.sorted { ($0.1, $0.2) > ($1.1, $1.2) }.map(\.0)
    }

    /// `<hash of the plan's absolute path>-<hash of its bytes>.snapshot`.
    static func name(_ key: String, _ fileHash: UInt64) -> String {
        pathHash(key) + "-" + hex(fileHash) + ".snapshot"
    }

    static func pathHash(_ key: String) -> String { hex(Fingerprint(Array(key.utf8)).hash) }

    private static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    // MARK: Pieces

    /// The absolute path of `path` with symbolic links resolved (the file a save replaces), or nil: one
    /// name however the path is written (`./plan.json`, `../x/plan.json`, `x//plan.json`, through a linked
    /// folder), so that a plan has one pair of snapshots, not a pair per spelling. `realpath` for a file
    /// that is there; else the working folder and the path, as given.
    static func absolute(_ path: String) -> String? {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let target = AtomicFile.resolvingSymlink(path)
        if target.hasPrefix("/") { return target }
        guard let cwd = FileManager.default.currentDirectoryPath as String?, cwd.hasPrefix("/") else { return nil }
        return cwd + "/" + target
    }

    /// This executable's identity: a rebuilt or updated program never reads an older one's snapshots.
    static let program: [UInt64]? = {
        #if os(Linux)
        let exe = "/proc/self/exe"
        #else
        guard let exe = Bundle.main.executablePath else { return nil }
        #endif
        return FileStamp(path: exe).map { [$0.device, $0.inode, UInt64(bitPattern: $0.size), UInt64(bitPattern: $0.mtimeSeconds),
                                        UInt64(bitPattern: $0.mtimeNanoseconds)] }
    }()


    /// `count` bytes of `fd` from `offset`, after the bytes of `prefix` in the array returned, or nil when
    /// the file ends before them or cannot be read.
    private static func read(_ fd: Int32, at offset: Int, count: Int, after prefix: [UInt8] = []) -> [UInt8]? {
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: prefix.count + count) { buf, made in
            _ = UnsafeMutableBufferPointer(rebasing: buf[..<prefix.count]).initialize(from: prefix)
            let start = buf.baseAddress! + prefix.count
            var done = 0
            while done < count {
                let n = pread(fd, start + done, count - done, off_t(offset + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            complete = done == count
            made = complete ? prefix.count + count : 0
        }
        return complete ? bytes : nil
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { writeAll(fd, $0) } }

    private static func writeAll(_ fd: Int32, _ buf: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < buf.count {
            let n = write(fd, buf.baseAddress! + done, buf.count - done)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    private static func writeByte(_ path: String, _ byte: inout UInt8, at offset: Int) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return pwrite(fd, &byte, 1, off_t(offset)) == 1
    }

    private static func makeFolder(_ folder: String) -> Bool {
        var st = stat()
        if stat(folder, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR }
        return (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])) != nil
    }
}

/// How much of each task a read-only command needs from a snapshot.
public enum PlanDetail: Sendable {
    /// Everything: for a command that may save, or shows texts, notes or history.
    case whole
    /// Every task without its `text`, `notes`, `history` and unknown members (left empty): what the
    /// overdue, units, calendar, tasks and timeline reports print. Such a plan is for reading only and
    /// must never be saved. Skipping them makes a snapshot's load several times cheaper (on a generated
    /// 20,000-task plan they are three quarters of its strings).
    case summary
    /// `.summary` of only the tasks whose deadline (their own due day, else their phase's end) falls in
    /// the range the function gives for the plan — read before its tasks, it has their year, time zone and
    /// phases: what the calendar report of one month prints (PlanCalendar's deadlines). Every other task is
    /// left out of `tasks`; nil keeps them all. For reading only, like `.summary`.
    case deadlines(@Sendable (Plan) -> ClosedRange<Day>?)

    var isWhole: Bool {
        if case .whole = self { return true }
        return false
    }
}

/// A snapshot file's header: magic, format version, the racy mark, program and file identities, the
/// plan's absolute path, the file's hash, the body's size, its summary part's size and hash, its detail
/// part's hash. Words are little-endian UInt64.
private struct Header {
    static let magic: [UInt8] = Array("SYSNAP\u{0}\u{1}".utf8)
    static let programWords = 5, fileWords = 8
    /// Fixed part: magic, version, racy mark, program, file, file hash, body count, summary count, summary
    /// hash, detail hash, path length.
    static let size = 8 + 8 + 8 + 8 * programWords + 8 * fileWords + 8 * 6
    /// Where the racy mark is (one byte, 1 or 0).
    static let racyOffset = 16

    var program: [UInt64]
    var file: FileStamp
    var path: String
    var racy: Bool
    var fileHash: UInt64
    var bodyCount: Int
    var summaryCount: Int
    var summaryHash: UInt64
    var detailHash: UInt64

    init(program: [UInt64], file: FileStamp, path: String, racy: Bool, fileHash: UInt64, bodyCount: Int, summaryCount: Int,
         summaryHash: UInt64, detailHash: UInt64) {
        self.program = program
        self.file = file
        self.path = path
        self.racy = racy
        self.fileHash = fileHash
        self.bodyCount = bodyCount
        self.summaryCount = summaryCount
        self.summaryHash = summaryHash
        self.detailHash = detailHash
    }

    /// The header at the start of `raw`, or nil when it is not one this version writes.
    init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count >= Header.size, raw.prefix(8).elementsEqual(Header.magic) else { return nil }
        func word(_ k: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 + 8 * k, as: UInt64.self)) }
        guard word(0) == PlanSnapshot.version, word(1) <= 1 else { return nil }
        racy = word(1) == 1
        program = (0..<Header.programWords).map { word(2 + $0) }
        file = FileStamp(words: (0..<Header.fileWords).map { word(2 + Header.programWords + $0) })
        var k = 2 + Header.programWords + Header.fileWords
        fileHash = word(k); k += 1
        guard word(k) <= UInt64(Int32.max) * 4, word(k + 1) <= word(k), word(k) >= 8 else { return nil }
        bodyCount = Int(word(k)); k += 1
        summaryCount = Int(word(k)); k += 1
        summaryHash = word(k); k += 1
        detailHash = word(k); k += 1
        let pathCount = word(k)
        guard pathCount <= UInt64(raw.count - Header.size) else { return nil }
        path = String(decoding: UnsafeRawBufferPointer(rebasing: raw[Header.size..<Header.size + Int(pathCount)]), as: UTF8.self)
    }

    /// Its whole length in the file (the fixed part and the path).
    var byteCount: Int { Header.size + path.utf8.count }

    var bytes: [UInt8] {
        var out = Header.magic
        func word(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        word(PlanSnapshot.version)
        word(racy ? 1 : 0)
        program.forEach(word)
        file.words.forEach(word)
        word(fileHash)
        word(UInt64(bodyCount))
        word(UInt64(summaryCount))
        word(summaryHash)
        word(detailHash)
        word(UInt64(path.utf8.count))
        out.append(contentsOf: path.utf8)
        return out
    }
}
