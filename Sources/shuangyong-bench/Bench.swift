import Dashboard
import Foundation
import ShuangyongKit
import TerminalUI

/// Measures a closure `iterations` times and reports the median, the 90th percentile and the minimum.
struct Bench {
    var rows: [(name: String, median: Double, p90: Double, min: Double, n: Int)] = []

    mutating func measure(_ name: String, iterations: Int, _ body: () throws -> Void) rethrows {
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let t = clock.now
            try body()
            let d = clock.now - t
            samples.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        record(name, samples)
    }

    /// Reports samples (milliseconds) measured elsewhere.
    mutating func record(_ name: String, _ unsorted: [Double]) {
        let samples = unsorted.sorted()
        let iterations = samples.count
        let row = (name, samples[samples.count / 2], samples[min(samples.count - 1, samples.count * 9 / 10)], samples[0], iterations)
        rows.append(row)
        let padded = name + String(repeating: " ", count: max(0, 48 - name.count))
        print(padded + String(format: " median %9.3f ms   p90 %9.3f ms   min %9.3f ms   (n=%d)", row.1, row.2, row.3, row.4))
    }

    /// Reports samples (milliseconds) by their median, 95th percentile and maximum: for what a person
    /// waits on each time (a key), where the slow presses matter more than the fastest.
    mutating func recordTail(_ name: String, _ unsorted: [Double]) {
        let samples = unsorted.sorted()
        let n = samples.count
        let median = samples[n / 2], p95 = samples[min(n - 1, n * 95 / 100)], max = samples[n - 1]
        rows.append((name, median, p95, samples[0], n))
        let padded = name + String(repeating: " ", count: Swift.max(0, 48 - name.count))
        print(padded + String(format: " median %9.3f ms   p95 %9.3f ms   max %9.3f ms   (n=%d)", median, p95, max, n))
    }
}

/// Resident memory of this process in kilobytes (current, from /proc; peak, from getrusage).
func memoryKB() -> (current: Int, peak: Int) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    var current = 0
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) {
        current = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return (current, Int(usage.ru_maxrss))
}

/// Keeps a value alive and observable so the optimiser cannot drop the work that made it.
@inline(never)
func consume<T>(_ x: T) {
    withExtendedLifetime(x) {}
}
