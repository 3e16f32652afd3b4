import TerminalUI

/// "Did you mean": the subcommand a mistyped first word was meant to be (issue 12: `shuangyong reprot`
/// suggests `report` instead of being taken as a plan file).
enum CommandSuggestion {
    /// The name among `names` closest to `word` by edit distance (Levenshtein, on characters), when that
    /// distance is at most 2 and less than the word's length; nil otherwise.
    static func closest(to word: String, among names: [String]) -> String? {
        let w = word.lowercased()
        var best: (name: String, distance: Int)?
        for name in names {
            let d = ThemeFile.editDistance(w, name)
            if d <= 2, d < w.count, d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        return best?.name
    }
}
