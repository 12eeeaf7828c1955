/// A value read from tokens, and the token index just after it.
public struct Parsed<Value> {
    public let value: Value
    /// The index of the first token after the match.
    public let end: Int

    public init(_ value: Value, end: Int) {
        self.value = value
        self.end = end
    }
}

extension Parsed: Sendable where Value: Sendable {}

/// Numbers as registry text writes them: digits (with thousands separators and decimals, which the lexer
/// reads), number words one to twenty and the tens, `once`/`twice`/`thrice`, ordinals (`3rd`, `third`),
/// signed day numbers (`-4`, `- 14`), ranges (`60-75`, `60 to 75`, `between 5 and 12`) and lists
/// (`1, 8, and 15`).
enum Numbers {
    static let wordList: [(String, Int)] = [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8),
        ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14),
        ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
        ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("ninety", 90),
    ]

    /// `once`, `twice`, `thrice`: a count of times in one word.
    static let times: WordMap<Int> = WordMap([("once", 1), ("twice", 2), ("thrice", 3)])

    static let ordinalList: [(String, Int)] = [
        ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6), ("seventh", 7),
        ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12), ("last", -1),
        ("final", -1),
    ]

    static let ordinalSuffixes = WordSet(["st", "nd", "rd", "th"])
    static let to = WordSet(["to", "through", "thru", "until", "till"])
}

extension FieldText {
    /// A number token, or a number word (`five`), as a value. Inlined: rules ask it at nearly every number.
    @inline(__always) func number(at i: Int) -> Parsed<Double>? {
        guard i >= 0 && i < tokens.count else { return nil }
        if tokens[i].isNumber { return Parsed(tokens[i].value, end: i + 1) }
        if tokens[i].isWord, tokens[i].numberWord != 0 { return numberWord(at: i) }
        return nil
    }

    /// The number word at `i` (`five`, `twenty-one`) as a value.
    private func numberWord(at i: Int) -> Parsed<Double> {
        let n = Int(tokens[i].numberWord)
        // `twenty-one`, `twenty one`
        if n >= 20, n % 10 == 0 {
            var j = i + 1
            if isSymbol(j, "-") { j += 1 }
            if let u = at(j), u.isWord, u.numberWord > 0, u.numberWord < 10 {
                return Parsed(Double(n + Int(u.numberWord)), end: j + 1)
            }
        }
        return Parsed(Double(n), end: i + 1)
    }

    /// A whole number written in digits or words.
    @inline(__always) func integer(at i: Int) -> Parsed<Int>? {
        // Numbers read from text are never negative, so below 1e9 the conversion is exact; comparing it back
        // tells a whole number without calling the C library's `round`.
        guard let n = number(at: i), n.value < 1e9 else { return nil }
        let whole = Int(n.value)
        guard Double(whole) == n.value else { return nil }
        return Parsed(whole, end: n.end)
    }

    /// An ordinal: `3rd`, `third`, `last`.
    func ordinal(at i: Int) -> Parsed<Int>? {
        guard let t = at(i) else { return nil }
        if t.isWord, t.ordinalWord != 0 { return Parsed(Int(t.ordinalWord), end: i + 1) }
        if let n = t.integer, let s = at(i + 1), s.attached, s.is(Numbers.ordinalSuffixes) {
            return Parsed(n, end: i + 2)
        }
        return nil
    }

    /// A list of ordinals, each maybe followed by one of `nouns` and the next maybe preceded by `the`:
    /// `3rd, 4th and 5th`, `first and second`, `first infusion and the second infusion`. Returns the
    /// ordinals and where the list ends (after a closing noun).
    func ordinalList(at i: Int, nouns: WordSet) -> Parsed<[Int]>? {
        guard let first = ordinal(at: i) else { return nil }
        var values = [first.value]
        var end = first.end
        if isWord(end, nouns) { end += 1 }
        while end < count {
            var k = end
            if isSymbol(k, ",") { k += 1 }
            if isWord(k, "and", "or") { k += 1 }
            if isWord(k, "the") { k += 1 }
            guard k > end, let next = ordinal(at: k) else { break }
            values.append(next.value)
            end = next.end
            if isWord(end, nouns) { end += 1 }
        }
        return Parsed(values, end: end)
    }

    /// A whole number with an optional sign: `4`, `-4`, `- 14`, `+7`.
    func signedInteger(at i: Int) -> Parsed<Int>? {
        if let t = at(i), t.isSymbol(UInt8(ascii: "-")) || t.isSymbol(UInt8(ascii: "+")),
            let n = at(i + 1), let v = n.integer, !n.flags.contains(.grouped)
        {
            return Parsed(t.isSymbol(UInt8(ascii: "-")) ? -v : v, end: i + 2)
        }
        if let t = at(i), let v = t.integer, !t.flags.contains(.grouped) { return Parsed(v, end: i + 1) }
        return nil
    }

    /// A range separator at `i`: `-`, `to`, `through`, `~`, and its end.
    func rangeSeparator(at i: Int) -> Int? {
        if isSymbol(i, "-") || isSymbol(i, "~") { return i + 1 }
        if isWord(i, Numbers.to) { return i + 1 }
        return nil
    }
}
