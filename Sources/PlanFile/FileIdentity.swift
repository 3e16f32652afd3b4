#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

/// What identifies a version of a file cheaply: device, inode, size and modification time.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        #if canImport(Darwin)
        seconds = Int(st.st_mtimespec.tv_sec)
        nanoseconds = Int(st.st_mtimespec.tv_nsec)
        #else
        seconds = Int(st.st_mtim.tv_sec)
        nanoseconds = Int(st.st_mtim.tv_nsec)
        #endif
    }
}

/// A file's bytes, remembered as their count and a 64-bit FNV-1a hash: "has the file changed?".
struct Fingerprint: Equatable {
    var count: Int
    var hash: UInt64

    init(_ bytes: [UInt8]) {
        count = bytes.count
        hash = bytes.withUnsafeBytes(Fingerprint.hash)
    }

    /// Eight bytes a step, each mixed by a multiply and a shift (a byte-at-a-time FNV-1a took 40 million
    /// instructions for a 10 MB plan, three times per edit). Deterministic: snapshots store it
    /// (`PlanSnapshots`) to recognise a file's bytes in a later run.
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
        var k = 0
        while k &+ 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            k &+= 8
        }
        while k < raw.count {
            h = (h ^ UInt64(raw[k])) &* 0x0000_0100_0000_01b3
            k &+= 1
        }
        return h
    }
}

/// An exclusive flock on a lock file beside the plan: `<plan>.lock`, held while a save reads, merges
/// and writes; `<plan>.recovery.lock`, held while the recovery file is rewritten.
struct FileLock {
    let fd: Int32

    /// Why a lock was not taken.
    enum Failure: Error {
        /// Someone else held it for `seconds`.
        case timeout(seconds: Double)
        /// The lock file could not be opened or locked.
        case failed(reason: String)
    }

    /// Takes the lock on `lockPath`, creating the file if need be. The file is made like the plan
    /// `companionOf` (its group and read/write bits, `AtomicFile.share`) when this user owns it — just
    /// created, or left by an earlier version with the umask's bits — so another user of a shared plan
    /// can open it for writing too; someone else's lock file this user may only read is locked read-only
    /// (flock needs no write permission).
    static func acquire(_ lockPath: String, companionOf plan: String?, timeout: Double) throws(Failure) -> FileLock {
        var fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0o666)
        if fd < 0, errno == EACCES { fd = open(lockPath, O_RDONLY | O_CLOEXEC | O_NOCTTY) }  // another user's lock file
        guard fd >= 0 else { throw .failed(reason: AtomicFile.errorText(errno)) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == geteuid() {
            let model = plan.flatMap(AtomicFile.companionModel)
            if model.map({ $0.st_gid != st.st_gid || $0.st_mode & 0o7777 != st.st_mode & 0o7777 }) ?? true {
                AtomicFile.share(fd, like: model, in: URL(fileURLWithPath: lockPath).deletingLastPathComponent().path)
            }
        }
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return FileLock(fd: fd) }
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                close(fd)
                throw .failed(reason: AtomicFile.errorText(code))
            }
            let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if waited >= timeout {
                close(fd)
                throw .timeout(seconds: timeout)
            }
            usleep(UInt32.random(in: 5_000...20_000))
        }
    }

    func release() {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
