#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ShuangyongKit

/// What identifies a version of a file cheaply: device, inode, size, type, and modification and status-change
/// times to the nanosecond (the status-change time cannot be set back from user space, so a file rewritten
/// with its size and modification time put back still differs).
struct FileStamp: Equatable, Sendable {
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
        self.init(st)
    }

    /// The stamp of the file open as `fd`.
    init?(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }

    private init(_ st: stat) {
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

    /// The stamp `words` gave (a snapshot header keeps it so).
    init(words w: [UInt64]) {
        device = w[0]; inode = w[1]; size = Int64(bitPattern: w[2]); mode = UInt32(truncatingIfNeeded: w[3])
        mtimeSeconds = Int64(bitPattern: w[4]); mtimeNanoseconds = Int64(bitPattern: w[5])
        ctimeSeconds = Int64(bitPattern: w[6]); ctimeNanoseconds = Int64(bitPattern: w[7])
    }

    var words: [UInt64] {
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

/// A file's bytes, remembered as their count and a 64-bit hash (`hash`): "has the file changed?".
struct Fingerprint: Equatable {
    var count: Int
    var hash: UInt64

    init(_ bytes: [UInt8]) {
        count = bytes.count
        hash = bytes.withUnsafeBytes(Fingerprint.hash)
    }

    /// Eight bytes a step, each mixed by a multiply and a shift (a byte-at-a-time FNV-1a took 40 million
    /// instructions for a 10 MB plan, three times per edit); from `longInput` bytes on (a file, not a
    /// name), 32 bytes a step first, in two lanes of 128-bit multiplies (a third of the instructions).
    /// Deterministic: snapshots store it (`PlanSnapshots`) to recognise a file's bytes in a later run.
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
        var k = 0
        if raw.count >= longInput {
            // Each lane folds the high and low halves of a product of two words, one of them a data word
            // xor a constant with 0xFF bytes, which no UTF-8 text holds: a product of zero, which would
            // forget everything before it, needs a word of the file equal to that constant.
            var g = h ^ 0x9E37_79B9_7F4A_7C15
            while k &+ 32 <= raw.count {
                step(raw, k, &h, &g)
                k &+= 32
            }
            h = fold(h ^ 0xFF51_AFD7_ED55_8CCD, g ^ 0x9E37_79B9_7F4A_7C15)
        }
        return tail(raw, from: k, h)
    }

    /// `hash` of the bytes of `pieces` one after another, without putting them together.
    static func hash(pieces: [UnsafeRawBufferPointer]) -> UInt64 {
        var hasher = Hasher(count: pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { hasher.add(piece) }
        return hasher.finish()
    }

    /// `hash` of bytes given a piece at a time (a file read or written in chunks, `OneTaskSave`), their
    /// total count known from the start: `add` each piece in order, then `finish`.
    struct Hasher {
        private let count: Int
        private var h: UInt64, g: UInt64
        /// Bytes not hashed yet: fewer than a 32-byte step, or (short input) all of them.
        private var held: [UInt8] = []

        init(count: Int) {
            self.count = count
            h = 0xcbf2_9ce4_8422_2325 ^ UInt64(count)
            g = h ^ 0x9E37_79B9_7F4A_7C15
            held.reserveCapacity(count < Fingerprint.longInput ? count : 32)
        }

        mutating func add(_ piece: UnsafeRawBufferPointer) {
            guard count >= Fingerprint.longInput else {
                held.append(contentsOf: piece)
                return
            }
            var k = 0
            if !held.isEmpty {
                k = min(32 - held.count, piece.count)
                held.append(contentsOf: piece[0..<k])
                guard held.count == 32 else { return }
                held.withUnsafeBytes { Fingerprint.step($0, 0, &h, &g) }
                held.removeAll(keepingCapacity: true)
            }
            while k &+ 32 <= piece.count {
                Fingerprint.step(piece, k, &h, &g)
                k &+= 32
            }
            held.append(contentsOf: piece[k...])
        }

        /// The hash; the pieces added must have been `count` bytes in all.
        func finish() -> UInt64 {
            guard count >= Fingerprint.longInput else { return held.withUnsafeBytes(Fingerprint.hash) }
            let h = Fingerprint.fold(self.h ^ 0xFF51_AFD7_ED55_8CCD, g ^ 0x9E37_79B9_7F4A_7C15)
            return held.withUnsafeBytes { Fingerprint.tail($0, from: 0, h) }
        }
    }

    /// One 32-byte step of `hash` over `raw` at `k`.
    @inline(__always)
    fileprivate static func step(_ raw: UnsafeRawBufferPointer, _ k: Int, _ h: inout UInt64, _ g: inout UInt64) {
        h = fold(raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ 0xFF51_AFD7_ED55_8CCD,
                 raw.loadUnaligned(fromByteOffset: k &+ 8, as: UInt64.self) ^ h)
        g = fold(raw.loadUnaligned(fromByteOffset: k &+ 16, as: UInt64.self) ^ 0xC4CE_B9FE_1A85_EC53,
                 raw.loadUnaligned(fromByteOffset: k &+ 24, as: UInt64.self) ^ g)
    }

    /// `hash`'s end: the bytes of `raw` from `k` on, eight at a step and then one, mixed into `h`.
    @inline(__always)
    fileprivate static func tail(_ raw: UnsafeRawBufferPointer, from k: Int, _ h: UInt64) -> UInt64 {
        var h = h, k = k
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

    /// From how many bytes `hash` takes 32 at a step; shorter input (names, strings) hashes as before.
    static var longInput: Int { 256 }

    @inline(__always)
    fileprivate static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
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
