/// Words that say a treatment is given again: `repeats`, `repeated`, `retreated`, `re-treated`,
/// `re-treatment`, `readministered`, `re-administered`, `rechallenge`.
enum Repeats {
    /// Single words for giving a treatment again.
    static let words = WordSet([
        "repeat", "repeats", "repeated", "repeating", "retreated", "retreatment", "retreatments", "retreat",
        "retreating", "readministered", "readministration", "redosed", "redosing", "rechallenge", "rechallenged",
    ])
    /// What follows `re-` in the hyphenated spellings: `re-treated`, `re-administration`, `re-dosed`.
    static let hyphenatedStems = WordSet([
        "treat", "treated", "treating", "treatment", "treatments", "administered", "administration",
        "administer", "dosed", "dosing", "challenge", "challenged", "infused", "injected",
    ])
}

extension FieldText {
    /// Where a word for giving a treatment again starting at `i` ends (`repeated`, `retreated`, `re-treated`),
    /// or `nil`.
    func repeatWord(at i: Int) -> Int? {
        guard let t = at(i), t.isWord else { return nil }
        if t.is(Repeats.words) { return i + 1 }
        if matches(t, "re"), isSymbol(i + 1, "-"), let s = at(i + 2), s.attached, tokens[i + 1].attached,
            s.is(Repeats.hyphenatedStems)
        {
            return i + 3
        }
        return nil
    }
}
