/// "Did you mean": the subcommand a mistyped first word was meant to be (issue 12: `shuangyong reprot`
/// suggests `report` instead of being taken as a plan file).
enum CommandSuggestion {
    /// The name among `names` closest to `word` by edit distance (Levenshtein, on characters), when that
    /// distance is at most 2 and less than the word's length; nil otherwise.
    static func closest(to word: String, among names: [String]) -> String? {
        let w = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for name in names {
            let d = distance(w, Array(name))
            if d <= 2, d < w.count, d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        return best?.name
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit (reprot → report).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
