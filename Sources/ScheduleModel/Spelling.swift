/// Suggestions for misspelt words of a closed vocabulary: `intravenus` is nearest `intravenous`.
public enum Spelling {
    /// The word of `candidates` nearest `word`, if one is close enough to be a likely intent (at most three
    /// edits, or half the word's length when that is more); ties go to the alphabetically first.
    public static func nearest(to word: String, among candidates: some Sequence<String>) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(3, word.count / 2) }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    /// The Levenshtein distance between two strings, counted in Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// ` — did you mean 'x'?` when a candidate is near, or the list of candidates when there are few.
    static func hint(for word: String, among candidates: [String]) -> String {
        if let near = nearest(to: word, among: candidates) { return " — did you mean '\(near)'?" }
        return candidates.count <= 16 ? " (one of: \(candidates.joined(separator: ", ")))" : ""
    }
}
