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
/// Where: `$XDG_CACHE_HOME/shuangyong/snapshots/` (else `~/.cache/shuangyong/snapshots/`), one file per
/// plan, named by a hash of the plan's absolute path, readable by this user only. Not beside the plan:
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
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> PlanSnapshots? {
        if let v = environment["SHUANGYONG_SNAPSHOTS"]?.lowercased(), ["off", "0", "no", "false"].contains(v) { return nil }
        let base: String
        if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") { base = x }
        else if let h = environment["HOME"], h.hasPrefix("/") { base = h + "/.cache" }
        else { return nil }
        return PlanSnapshots(folder: base + "/shuangyong/snapshots")
    }

    public init(folder: String) { self.folder = folder }

    // MARK: Using a snapshot

    /// The plan in the snapshot of `path`, when there is one and it matches the file (see the type's
    /// comment); nil otherwise. Never throws: any failure only means "read the file".
    public func plan(for path: String) -> Plan? {
        guard let program = Self.program, let key = Self.absolute(path),
              let file = Stamp(path: path), file.isRegular else { return nil }
        let snap = snapshotPath(key)
        let fd = open(snap, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size >= Header.size,
              st.st_size <= Int64(AtomicFile.maxReadSize) * 2 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
        guard Self.readAll(fd, into: &bytes) else { return nil }
        return bytes.withUnsafeBytes { raw -> Plan? in
            guard let header = Header(raw), header.program == program, header.file == file,
                  header.path == key, header.bodyCount == raw.count - header.byteCount else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[header.byteCount...])
            guard Self.hash(body) == header.bodyHash else { return nil }
            if header.racy {
                guard let now = try? AtomicFile.read(path), Fingerprint(now).hash == header.fileHash,
                      Stamp(path: path) == file else { return nil }
                if file.changedSecondsAgo >= Self.racyWindow {
                    // Old enough now that any later change must show in its times: stop hashing it.
                    var clear: UInt8 = 0
                    _ = Self.writeFlag(snap, &clear, at: Header.racyOffset)
                }
            }
            return PlanSnapshot.decode(body)
        }
    }

    // MARK: Writing a snapshot

    /// The file's identity when it is read, for `store`: taken before reading and checked after, so a
    /// file changed while it was read gets no snapshot.
    public struct Reading: Sendable {
        fileprivate let before: Stamp
        fileprivate let readAt: timespec
    }

    /// Call before reading `path` for a load that may be snapshotted.
    public func beginReading(_ path: String) -> Reading? {
        guard let s = Stamp(path: path), s.isRegular else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Reading(before: s, readAt: now)
    }

    /// Writes the snapshot of `plan`, loaded from `bytes` read from `path` after `reading` began. Does
    /// nothing when the file changed meanwhile, and ignores every error (the folder cannot be made, the
    /// disk is full …): a snapshot is only ever a shortcut.
    public func store(_ plan: Plan, bytes: [UInt8], path: String, reading: Reading?) {
        guard let reading, let program = Self.program, let key = Self.absolute(path),
              Stamp(path: path) == reading.before else { return }
        let body = PlanSnapshot.encode(plan)
        let racy = Int64(reading.readAt.tv_sec) - reading.before.ctimeSeconds < Self.racyWindow
        let header = Header(program: program, file: reading.before, path: key, racy: racy,
                            fileHash: Fingerprint(bytes).hash, bodyCount: body.count,
                            bodyHash: body.withUnsafeBytes { Self.hash($0) })
        guard Self.makeFolder(folder) else { return }
        let target = snapshotPath(key)
        let temporary = target + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0o600)
        guard fd >= 0 else { return }
        let written = Self.writeAll(fd, header.bytes) && Self.writeAll(fd, body)
        close(fd)
        if !written || rename(temporary, target) != 0 { unlink(temporary) }
    }

    /// Removes the snapshot of `path`, if any (a test's clean-up, or a user's "forget this plan").
    public func remove(for path: String) {
        if let key = Self.absolute(path) { unlink(snapshotPath(key)) }
    }

    /// Where the snapshot of the plan at the absolute path `key` is.
    func snapshotPath(_ key: String) -> String {
        folder + "/" + String(Fingerprint(Array(key.utf8)).hash, radix: 16) + ".snapshot"
    }

    // MARK: Pieces

    /// The absolute path of `path` with symbolic links resolved (the file a save replaces), or nil.
    static func absolute(_ path: String) -> String? {
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
        return Stamp(path: exe).map { [$0.device, $0.inode, UInt64(bitPattern: $0.size), UInt64(bitPattern: $0.mtimeSeconds),
                                        UInt64(bitPattern: $0.mtimeNanoseconds)] }
    }()

    /// The same 64-bit hash as `Fingerprint`, over raw bytes.
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 { Fingerprint.hash(raw) }

    private static func readAll(_ fd: Int32, into bytes: inout [UInt8]) -> Bool {
        bytes.withUnsafeMutableBytes { buf in
            var done = 0
            while done < buf.count {
                let n = read(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            var extra: UInt8 = 0
            return read(fd, &extra, 1) == 0  // grown since the fstat: not the snapshot we measured
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
    }

    private static func writeFlag(_ path: String, _ byte: inout UInt8, at offset: Int) -> Bool {
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

/// A file's identity down to the nanosecond: device, inode, size, type, modification and status-change times.
struct Stamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var mode: UInt32
    var mtimeSeconds: Int64
    var mtimeNanoseconds: Int64
    var ctimeSeconds: Int64
    var ctimeNanoseconds: Int64

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        mode = UInt32(st.st_mode)
        #if canImport(Darwin)
        mtimeSeconds = Int64(st.st_mtimespec.tv_sec); mtimeNanoseconds = Int64(st.st_mtimespec.tv_nsec)
        ctimeSeconds = Int64(st.st_ctimespec.tv_sec); ctimeNanoseconds = Int64(st.st_ctimespec.tv_nsec)
        #else
        mtimeSeconds = Int64(st.st_mtim.tv_sec); mtimeNanoseconds = Int64(st.st_mtim.tv_nsec)
        ctimeSeconds = Int64(st.st_ctim.tv_sec); ctimeNanoseconds = Int64(st.st_ctim.tv_nsec)
        #endif
    }

    fileprivate init(words w: [UInt64]) {
        device = w[0]; inode = w[1]; size = Int64(bitPattern: w[2]); mode = UInt32(truncatingIfNeeded: w[3])
        mtimeSeconds = Int64(bitPattern: w[4]); mtimeNanoseconds = Int64(bitPattern: w[5])
        ctimeSeconds = Int64(bitPattern: w[6]); ctimeNanoseconds = Int64(bitPattern: w[7])
    }

    fileprivate var words: [UInt64] {
        [device, inode, UInt64(bitPattern: size), UInt64(mode), UInt64(bitPattern: mtimeSeconds), UInt64(bitPattern: mtimeNanoseconds),
         UInt64(bitPattern: ctimeSeconds), UInt64(bitPattern: ctimeNanoseconds)]
    }

    var isRegular: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }

    /// Seconds since the file's status last changed, by the wall clock.
    var changedSecondsAgo: Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) - ctimeSeconds
    }
}

/// A snapshot file's header: magic, format version, the racy mark, program and file identities, the
/// plan's absolute path, the file's hash, the body's size and hash. Words are little-endian UInt64.
private struct Header {
    static let magic: [UInt8] = Array("SYSNAP\u{0}\u{1}".utf8)
    static let programWords = 5, fileWords = 8
    /// Fixed part: magic, version, racy mark, program, file, file hash, body count, body hash, path length.
    static let size = 8 + 8 + 8 + 8 * programWords + 8 * fileWords + 8 + 8 + 8 + 8
    /// Where the racy mark is (one byte, 1 or 0).
    static let racyOffset = 16

    var program: [UInt64]
    var file: Stamp
    var path: String
    var racy: Bool
    var fileHash: UInt64
    var bodyCount: Int
    var bodyHash: UInt64

    init(program: [UInt64], file: Stamp, path: String, racy: Bool, fileHash: UInt64, bodyCount: Int, bodyHash: UInt64) {
        self.program = program
        self.file = file
        self.path = path
        self.racy = racy
        self.fileHash = fileHash
        self.bodyCount = bodyCount
        self.bodyHash = bodyHash
    }

    /// The header at the start of `raw`, or nil when it is not one this version writes.
    init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count >= Header.size, raw.prefix(8).elementsEqual(Header.magic) else { return nil }
        func word(_ k: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 + 8 * k, as: UInt64.self)) }
        guard word(0) == PlanSnapshot.version, word(1) <= 1 else { return nil }
        racy = word(1) == 1
        program = (0..<Header.programWords).map { word(2 + $0) }
        file = Stamp(words: (0..<Header.fileWords).map { word(2 + Header.programWords + $0) })
        var k = 2 + Header.programWords + Header.fileWords
        fileHash = word(k); k += 1
        guard word(k) <= UInt64(Int.max) else { return nil }
        bodyCount = Int(word(k)); k += 1
        bodyHash = word(k); k += 1
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
        word(bodyHash)
        word(UInt64(path.utf8.count))
        out.append(contentsOf: path.utf8)
        return out
    }
}
