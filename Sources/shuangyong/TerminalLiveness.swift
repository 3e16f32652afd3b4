/// Tells a terminal that has gone away from a quiet one. A hung-up terminal makes every read fail at
/// once instead of waiting for the timeout; many such reads in a row mean nobody is there.
struct TerminalLiveness {
    let timeoutMilliseconds: Int
    /// Fast empty reads in a row that count as a lost terminal.
    var limit = 20
    private(set) var fastEmptyReads = 0

    init(timeoutMilliseconds: Int) {
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    mutating func isLost(gotKey: Bool, waited: Duration) -> Bool {
        let fast = waited < .milliseconds(max(1, timeoutMilliseconds / 10))
        fastEmptyReads = !gotKey && fast ? fastEmptyReads + 1 : 0
        return fastEmptyReads >= limit
    }
}
