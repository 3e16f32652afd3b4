#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to standard output (a report of a large plan is megabytes: `print` would first make one
/// string of them, then copy it through the C stream). Anything printed before is flushed first.
func writeStandardOutput(_ bytes: [UInt8]) {
    writeAll(bytes, to: STDOUT_FILENO)
}

/// Writes bytes to standard error, after anything printed before (messages, ArgumentParser's errors).
func writeStandardError(_ bytes: [UInt8]) {
    writeAll(bytes, to: STDERR_FILENO)
}

/// Writes a piece of a longer output to standard output (`ReportTable.writeText`); false when it could
/// not be written (a closed pipe), and the rest need not be made.
func writeStandardOutput(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    writeAll(bytes, to: STDOUT_FILENO)
}

private func writeAll(_ bytes: [UInt8], to fd: Int32) {
    bytes.withUnsafeBufferPointer { _ = writeAll($0, to: fd) }
}

@discardableResult
private func writeAll(_ p: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Bool {
    fflush(nil)
    guard let base = p.baseAddress else { return true }
    var done = 0
    while done < p.count {
        let n = write(fd, base + done, p.count - done)
        if n < 0 { if errno == EINTR { continue }; return false }  // a closed pipe (`| head`): stop quietly, as print does
        done += n
    }
    return true
}

/// Ends a read-only command whose output is written: the process exits now, rather than first freeing
/// the plan and everything made from it object by object (a tenth of a report's instructions at 20,000
/// tasks), which the exit frees at once. Only for commands that hold no lock and have nothing left to save.
func exitAfterOutput() -> Never {
    fflush(nil)
    exit(0)
}
