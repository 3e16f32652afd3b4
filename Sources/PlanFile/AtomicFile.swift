#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

/// Reads and writes whole files with POSIX calls, so every failure has an errno and a message,
/// and a write never leaves a half-written file behind.
public enum AtomicFile {
    /// The largest plan file we agree to read: beyond any real plan, small enough to never exhaust memory.
    public static let maxReadSize = 512 << 20

    /// A point where tests make a write fail as a full disk or a read-only file system would.
    public enum Fault: Sendable, Equatable {
        case openTemporary(errno: Int32)
        case write(errno: Int32)
        case fsync(errno: Int32)
        case rename(errno: Int32)
    }

    static func errorText(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full (no space left on device)"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "no such file or directory"
        case EISDIR: return "it is a directory, not a file"
        default: return String(cString: strerror(code))
        }
    }

    /// What a file that is not a regular file is, in words ("a FIFO (named pipe)"), or nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory"
        case S_IFIFO: return "it is a FIFO (named pipe)"
        case S_IFCHR: return "it is a character device"
        case S_IFBLK: return "it is a block device"
        case S_IFSOCK: return "it is a socket"
        default: return "it is not a file"
        }
    }

    /// The reason given for a path that is not a regular file.
    static func notRegularReason(_ kind: String) -> String { "不是普通文件 (not a regular file): " + kind }

    /// Reads a whole regular file, never blocking on what is not one.
    ///
    /// Anything but a regular file (a FIFO, whose open would wait for a writer; a device such as
    /// /dev/zero, which never ends; a directory; a socket) is refused with "不是普通文件 (not a regular
    /// file)" before anything is read: checked with stat before opening (a device is never opened), and
    /// again with fstat on the descriptor, which is opened with O_NONBLOCK in case the path was replaced
    /// in between. A file system that does not answer at all can still block the calling thread: callers
    /// that must stay responsive (the office screen) read from another thread (`PlanReloader`).
    public static func read(_ path: String) throws(PlanFileError) -> [UInt8] {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        // Straight into the array, one read call for a file that stays its size; a byte more than the
        // size is asked for so that the end of the file shows without another call.
        var failure: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            while count < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { break }
                count += n
            }
        }
        if failure != 0 { throw .io(file: path, operation: "read the file", reason: errorText(failure)) }
        guard out.count > size else { return out }
        // It grew since its fstat: read the rest a chunk at a time.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if out.count > maxReadSize { throw .io(file: path, operation: "read the file", reason: "it is larger than \(maxReadSize >> 20) MB") }
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, operation: "read the file", reason: errorText(errno))
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        if out.count > maxReadSize { throw .io(file: path, operation: "read the file", reason: "it is larger than \(maxReadSize >> 20) MB") }
        return out
    }

    /// Whether the regular file at `path` holds exactly `bytes`: read a chunk at a time and compared, so
    /// nothing of the file's size is allocated (a save checking that the file is still the one it read).
    /// Refuses what is not a regular file and throws on a failed read, as `read` does.
    public static func holds(_ bytes: [UInt8], at path: String) throws(PlanFileError) -> Bool {
        let (fd, size) = try openRegular(path)
        defer { close(fd) }
        guard size == bytes.count else { return false }
        let chunkSize = 1 << 18
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var offset = 0
        while true {
            let n = Glibc.read(fd, chunk, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(file: path, operation: "read the file", reason: errorText(errno))
            }
            if n == 0 { return offset == bytes.count }
            guard offset + n <= bytes.count,
                  bytes.withUnsafeBytes({ memcmp($0.baseAddress! + offset, chunk, n) }) == 0 else { return false }
            offset += n
        }
    }

    /// Opens the regular file at `path` for reading, never blocking on what is not one (see `read`).
    /// Returns the descriptor, to be closed by the caller, and the file's size.
    static func openRegular(_ path: String) throws(PlanFileError) -> (fd: Int32, size: Int) {
        var st = stat()
        if stat(path, &st) == 0, let kind = nonRegularKind(st.st_mode) {
            throw .io(file: path, operation: "read the file", reason: notRegularReason(kind))
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            let code = errno
            // A socket (ENXIO) or some other special file that appeared since the stat.
            if code == ENXIO, stat(path, &st) == 0, let kind = nonRegularKind(st.st_mode) {
                throw .io(file: path, operation: "read the file", reason: notRegularReason(kind))
            }
            throw .io(file: path, operation: "open the file", reason: errorText(code))
        }
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw .io(file: path, operation: "read the file", reason: errorText(code))
        }
        if let kind = nonRegularKind(st.st_mode) {
            close(fd)
            throw .io(file: path, operation: "read the file", reason: notRegularReason(kind))
        }
        // A regular file: reads block only as the disk does; clear the flag all the same.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if Int(st.st_size) > maxReadSize {
            close(fd)
            throw .io(file: path, operation: "read the file", reason: "it is \(st.st_size / (1 << 20)) MB; plan files are limited to \(maxReadSize >> 20) MB")
        }
        return (fd, Int(st.st_size))
    }

    /// The file `path` names: the real path (`realpath`) when `path` is a symbolic link to an existing
    /// file, else `path` unchanged (so messages keep the name the user gave). A save renames a new file
    /// over its target: through a link that would replace the link, and the lock and recovery files
    /// beside the link would not be those beside the file.
    public static func resolvingSymlink(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Who a new file should belong to so that it replaces `old` without changing who may use it: the
    /// group always (a shared folder's group, for the other desks); the owner only as root (nobody
    /// else may give a file away). `uid_t.max` is chown's "leave the owner as it is" (-1).
    static func ownership(replacing old: stat, asRoot: Bool) -> (owner: uid_t, group: gid_t) {
        (asRoot ? old.st_uid : uid_t.max, old.st_gid)
    }

    /// Gives a file the program has just created (`fd`) the group and permission bits that let every
    /// user who may write the plan use it too — another desk logged in to the same host as another user.
    ///
    /// With `model` (the stat of the file it replaces, or of the plan it sits beside): its group (and,
    /// as root, its owner) and its permission bits — so the umask of whoever saved last does not take the
    /// group's write permission away. The group is set first (a non-root chown may clear set-id bits;
    /// the chmod after restores them); a group this user is not in gives EPERM and the file keeps the
    /// user's group. Without a model (a new plan): the umask's bits, plus group read/write as the owner
    /// has them when `directory` is a shared folder — setgid and group-writable — whose group the kernel
    /// has already given the file.
    static func share(_ fd: Int32, like model: stat?, in directory: String) {
        if let model {
            let owner = ownership(replacing: model, asRoot: geteuid() == 0)
            _ = fchown(fd, owner.owner, owner.group)
            _ = fchmod(fd, model.st_mode & 0o7777)
            return
        }
        var dir = stat(), st = stat()
        guard stat(directory, &dir) == 0, dir.st_mode & S_ISGID != 0, dir.st_mode & 0o020 != 0,
              fstat(fd, &st) == 0 else { return }
        _ = fchmod(fd, (st.st_mode & 0o7777) | ((st.st_mode & 0o600) >> 3))
    }

    /// The stat a file beside the plan `plan` is made like (`share`): the plan's, with only its read
    /// and write bits (a lock or recovery file is never executable or set-id); nil when the plan
    /// cannot be stat'ed.
    static func companionModel(of plan: String) -> stat? {
        var st = stat()
        guard stat(resolvingSymlink(plan), &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        st.st_mode = (st.st_mode & ~0o7777) | (st.st_mode & 0o666)
        return st
    }

    /// Replaces `path` with `bytes` atomically: a temporary file in the same directory, fsync, rename.
    ///
    /// The previous content, if any, is kept as `backup` (a hard link, so it costs nothing) and the
    /// file's permission bits and group (and, as root, owner) are carried over. A file kept beside a
    /// plan (the recovery file) passes the plan as `companionOf`: it then takes the plan's group and
    /// read/write bits instead, so the other users of a shared plan can rewrite it. A new file gets the
    /// umask's bits (group-writable in a shared folder, `share`). When `path` is a symbolic link, the
    /// file it points to is replaced and the link stays. On any failure the original is untouched and
    /// the temporary file is removed. Messages name `path` as given.
    public static func write(_ bytes: [UInt8], to path: String, backup: String? = nil, companionOf plan: String? = nil,
                             fault: Fault? = nil) throws(PlanFileError) {
        let result: Result<Void, PlanFileError> = bytes.withUnsafeBytes { raw in
            Result { () throws(PlanFileError) in try write([.bytes(raw)], to: path, backup: backup, companionOf: plan, fault: fault) }
        }
        try result.get()
    }

    /// Where the bytes of a file being written come from.
    enum Source {
        /// These bytes.
        case bytes(UnsafeRawBufferPointer)
        /// The bytes at `range` in the file open as `fd`, read a chunk at a time (`chunkSize`).
        case file(fd: Int32, range: Range<Int>)
    }

    /// How many bytes a `.file` source is read and written at a time.
    static let chunkSize = 1 << 20

    /// Reads `range` of the file open as `fd` a chunk at a time (`chunkSize`, into one buffer) and gives
    /// each chunk to `body`, in order. Returns nil when it read the whole range, else why not: an errno,
    /// or 0 when the file ended before the range did.
    static func readChunks(_ fd: Int32, _ range: Range<Int>,
                           _ body: (UnsafeRawBufferPointer) throws(PlanFileError) -> Void) throws(PlanFileError) -> Int32? {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: min(chunkSize, max(range.count, 1)), alignment: 16)
        defer { buffer.deallocate() }
        var at = range.lowerBound
        while at < range.upperBound {
            let n = pread(fd, buffer.baseAddress!, min(buffer.count, range.upperBound - at), off_t(at))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return n < 0 ? errno : 0 }
            try body(UnsafeRawBufferPointer(start: buffer.baseAddress, count: n))
            at += n
        }
        return nil
    }

    /// `write(_:to:backup:companionOf:fault:)` of the bytes of `sources` one after another, each piece
    /// written also given to `observe` in order (to hash them as they go). A `.file` source that ends
    /// before its range does is a failed save.
    static func write(_ sources: [Source], to path: String, backup: String? = nil, companionOf plan: String? = nil,
                      fault: Fault? = nil, observe: (UnsafeRawBufferPointer) -> Void = { _ in }) throws(PlanFileError) {
        let target = resolvingSymlink(path)
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        var old = stat()
        let exists = stat(target, &old) == 0
        let model = plan.flatMap(companionModel) ?? (exists ? old : nil)

        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var fd: Int32
        if case let .openTemporary(code)? = fault { fd = -1; errno = code } else {
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, model.map { $0.st_mode & 0o777 } ?? 0o666)
        }
        guard fd >= 0 else { throw .io(file: path, operation: "save (create a temporary file in \(dir))", reason: errorText(errno)) }
        var ok = false
        defer {
            if fd >= 0 { close(fd) }
            if !ok { unlink(tmp) }
        }
        share(fd, like: model, in: dir)  // open() applies the umask; keep the original's bits exactly.

        let total = sources.reduce(0) {
            switch $1 {
            case let .bytes(b): return $0 + b.count
            case let .file(_, range): return $0 + range.count
            }
        }
        var chunk = chunkSize  // a chunk a call, so that its writeback can start (below)
        if case .write? = fault { chunk = max(1, total / 2) }  // the injected failure strikes half-way
        var written = 0, writtenBack = 0
        func put(_ piece: UnsafeRawBufferPointer) throws(PlanFileError) {
            var done = 0
            while done < piece.count {
                var n: Int
                if case let .write(code)? = fault, written > 0 { n = -1; errno = code } else {
                    n = Glibc.write(fd, piece.baseAddress! + done, min(piece.count - done, chunk))
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .io(file: path, operation: "save", reason: errorText(errno) + "; the plan on disk was not changed")
                }
                done += n
                written += n
                if written - writtenBack >= chunkSize {
                    Writeback.start(fd, writtenBack..<written)
                    writtenBack = written
                }
            }
            observe(piece)
        }
        for source in sources {
            switch source {
            case let .bytes(b):
                if !b.isEmpty { try put(b) }
            case let .file(from, range):
                if let failure = try readChunks(from, range, put) {
                    throw .io(file: path, operation: "save", reason: (failure == 0 ? "the plan changed while it was copied" : errorText(failure))
                                + "; the plan on disk was not changed")
                }
            }
        }
        var rc: Int32
        if case let .fsync(code)? = fault { rc = -1; errno = code } else { rc = fsync(fd) }
        guard rc == 0 else { throw .io(file: path, operation: "save", reason: errorText(errno) + "; the plan on disk was not changed") }
        close(fd)
        fd = -1

        if exists, let backup {
            unlink(backup)
            if link(target, backup) != 0 {
                // A file system without hard links: fall back to a copy; a failed backup does not stop the save.
                if let data = try? AtomicFile.read(target) { try? AtomicFile.write(data, to: backup, companionOf: target) }
            }
        }
        if case let .rename(code)? = fault { rc = -1; errno = code } else { rc = rename(tmp, target) }
        guard rc == 0 else { throw .io(file: path, operation: "save", reason: errorText(errno) + "; the plan on disk was not changed") }
        ok = true
        // Make the rename itself durable.
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }
}

/// Starting the disk writes of a file's bytes as soon as they are written (Linux's `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`), so that the `fsync` ending a save waits for the last chunk's writes rather than
/// all of them: writing and fsyncing 10 MB in 1 MB chunks took 4.9 ms instead of 7.7 on this project's
/// machine. It guarantees nothing by itself (the `fsync` does) and is skipped where it is missing.
enum Writeback {
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    /// glibc's `sync_file_range`, which the Glibc module does not bring in; nil elsewhere.
    private static let syncFileRange: SyncFileRange? = {
        #if os(Linux)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
        #else
        return nil
        #endif
    }()

    /// Starts writing `range` (bytes) of the file open as `fd` to its disk, without waiting.
    static func start(_ fd: Int32, _ range: Range<Int>) {
        _ = syncFileRange?(fd, Int64(range.lowerBound), Int64(range.count), 2)  // SYNC_FILE_RANGE_WRITE
    }
}
