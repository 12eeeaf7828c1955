import ScheduleModel

/// One token of a field's folded text: a word, a number or a symbol, with its place in the folded bytes.
///
/// Letters and digits are always separate tokens (`10mg` is `10` `mg`, `D14` is `D` `14`, `q3w` is `q`
/// `3` `w`), and `attached` says that no space came before; rules read the spellings that glue them
/// together. A number keeps its value and how it was written (decimal point, thousands separators,
/// digit count), which the power-of-ten rules need.
public struct Token: Sendable {
    public enum Kind: UInt8, Sendable {
        case word, number, symbol
    }

    // Eight-byte fields first, so that the token packs into 32 bytes: the lexer writes one per token, and
    // rules copy them as they read.
    /// For words, the hash of the lowercased spelling; for symbols, the byte; for numbers, the bits of the value.
    private var payload: UInt64
    /// `[start, end)` in the folded bytes.
    public var start: Int32
    public var end: Int32
    /// For words, the lexicon's classes of the word.
    public var tags: WordTags = []
    /// The index of the token's sentence in `FieldText.sentences`.
    public internal(set) var sentence: Int32 = 0
    /// For number words (`five`, `twenty`), the number; 0 otherwise.
    public var numberWord: Int16 = 0
    public var kind: Kind
    /// For numbers, how many digits precede the decimal point (separators not counted).
    public var integerDigits: UInt8
    public var flags: Flags
    /// How many line breaks came before the token (0, 1, or 2 for a blank line or more).
    public var lineBreaks: UInt8
    /// For ordinal words (`third`, `last` is -1), the ordinal; 0 otherwise.
    public var ordinalWord: Int8 = 0
    /// `timeUnit` in the low four bits, `shortTimeUnit` in the high four (codes 0 to 6).
    private var units: UInt8 = 0

    /// For words, the hash of the lowercased spelling; for symbols, the byte; 0 for numbers.
    @inline(__always) public var hash: UInt64 { kind == .number ? 0 : payload }
    /// For numbers, the value; 0 otherwise.
    @inline(__always) public var value: Double { kind == .number ? Double(bitPattern: payload) : 0 }
    /// For time-unit nouns (`weeks`, `hrs`), the unit's code (`TimeUnitCode`); 0 otherwise.
    @inline(__always) public var timeUnit: UInt8 {
        get { units & 0x0F }
        set { units = units & 0xF0 | newValue & 0x0F }
    }
    /// For single-letter units (`d`, `h`, `w`), the unit's code; 0 otherwise.
    @inline(__always) public var shortTimeUnit: UInt8 {
        get { units >> 4 }
        set { units = units & 0x0F | newValue << 4 }
    }
    /// Whether the token lies in a section whose numbers are not the schedule: eligibility criteria or a
    /// reference list.
    @inline(__always) public internal(set) var isExcluded: Bool {
        get { flags.contains(.excluded) }
        set { if newValue { flags.insert(.excluded) } else { flags.remove(.excluded) } }
    }

    public init(
        kind: Kind, start: Int32, end: Int32, hash: UInt64, value: Double, integerDigits: UInt8, flags: Flags,
        lineBreaks: UInt8
    ) {
        self.payload = kind == .number ? value.bitPattern : hash
        self.start = start
        self.end = end
        self.kind = kind
        self.integerDigits = integerDigits
        self.flags = flags
        self.lineBreaks = lineBreaks
    }

    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// No white space between this token and the previous one.
        public static let attached = Flags(rawValue: 1)
        /// A number with a decimal point.
        public static let decimal = Flags(rawValue: 2)
        /// A number with thousands separators (`10,000`).
        public static let grouped = Flags(rawValue: 4)
        /// A word whose letters are all capitals (`IV`, `BID`).
        public static let upper = Flags(rawValue: 8)
        /// A word starting with a capital.
        public static let capitalized = Flags(rawValue: 16)
        /// A number with a leading zero in its integer part (`08`).
        public static let leadingZero = Flags(rawValue: 32)
        /// A token in an excluded section (`Token.isExcluded`).
        static let excluded = Flags(rawValue: 64)
    }

    @inline(__always) public var isWord: Bool { kind == .word }
    @inline(__always) public var isNumber: Bool { kind == .number }
    @inline(__always) public var isSymbol: Bool { kind == .symbol }
    @inline(__always) public var attached: Bool { flags.contains(.attached) }
    /// A number in digits or in words (`5`, `five`).
    @inline(__always) public var isNumeric: Bool { kind == .number || numberWord != 0 }
    @inline(__always) public var isInteger: Bool { kind == .number && !flags.contains(.decimal) }

    @inline(__always) public func `is`(_ word: Word) -> Bool { kind == .word && hash == word.hash }
    @inline(__always) public func `is`(_ set: WordSet) -> Bool { kind == .word && set.contains(hash) }
    @inline(__always) public func isSymbol(_ byte: UInt8) -> Bool { kind == .symbol && hash == UInt64(byte) }
    /// An integer value, when the token is a whole number that fits.
    public var integer: Int? {
        guard isInteger, value < 1e15 else { return nil }
        return Int(value)
    }
}

/// Splits folded text into tokens in one pass, looking each word up in the vocabulary as it ends.
enum Lexer {
    /// For each byte, its lowercase form if it is a letter (an ASCII letter or the placeholder of another
    /// scalar), and 0 otherwise: the loop over a word's letters asks whether the next byte is a letter and
    /// hashes its lowercase form with one look-up.
    private static let lowercaseLetters: [UInt8] = (0..<256).map { c in isLetter(UInt8(c)) ? Word.lowercase(UInt8(c)) : 0 }

    /// An ASCII letter or the placeholder of another scalar.
    @inline(__always) private static func isLetter(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c == NormalizedText.other
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// Appends the tokens of `text` to `tokens`, and marks in `triggers` where each rule's statements can
    /// start. Returns whether the text holds a word of an excluded section's heading
    /// (`FieldText.markExcludedSections`).
    static func tokenize(
        _ text: NormalizedText, _ vocabulary: Vocabulary, into tokens: inout [Token], triggers: inout TriggerBits
    ) -> Bool {
        let n = text.bytes.count
        // Token offsets are 32-bit: checked once here rather than at each token.
        precondition(n <= Int(Int32.max), "a field of more than 2 GB")
        triggers.reset(stride: vocabulary.ruleCount + TriggerBits.ruleSlot, tokenBound: n)
        // The bytes, the letter table and the trigger bits through pointers: every index below is checked
        // against the count (bytes), is a byte (the table has 256 entries), or is a token's (there are at
        // most as many tokens as bytes, and the bits have room for that many); the arrays would check each
        // access again. Tokens go into room for one per byte, so that appending one checks no capacity.
        var rules: UInt64 = 0
        var numberRules: UInt64 = 0
        var mayExclude = false
        // The vocabulary's tables too, read once per field rather than reloaded and checked at every word.
        let counts = VocabularyCounts(
            ruleCount: vocabulary.ruleCount, numberTriggers: vocabulary.numberTriggers,
            ungatedNumberTriggers: vocabulary.ungatedNumberTriggers)
        text.bytes.withUnsafeBufferPointer { bytes in
            lowercaseLetters.withUnsafeBufferPointer { lowercase in
                vocabulary.words.withUnsafeTable { words in
                    vocabulary.symbolTriggers.withUnsafeBufferPointer { symbols in
                        triggers.words.withUnsafeMutableBufferPointer { bits in
                            tokens.append(addingCapacity: n) { out in
                                (rules, numberRules, mayExclude) = tokenize(
                                    bytes, lowercase, words, symbols, counts, into: &out, bits: bits)
                            }
                        }
                    }
                }
            }
        }
        triggers.rules = rules
        triggers.numberRules = numberRules
        return mayExclude
    }

    /// Tokenizes `b` into `out`, setting each token's bits in `bits` (`TriggerBits`); returns the rules whose
    /// statements can start somewhere, the rules that numbers start in this text (`TriggerBits.numberRules`),
    /// and whether a word of an excluded section's heading came up.
    private static func tokenize(
        _ b: UnsafeBufferPointer<UInt8>, _ lowercaseLetters: UnsafeBufferPointer<UInt8>,
        _ words: UnsafeWordTable<LexiconEntry>, _ symbolTriggers: UnsafeBufferPointer<UInt64>, _ vocabulary: VocabularyCounts,
        into out: inout OutputSpan<Token>, bits: UnsafeMutableBufferPointer<UInt64>
    ) -> (UInt64, UInt64, Bool) {
        let n = b.count
        let stride = vocabulary.ruleCount + TriggerBits.ruleSlot
        var rules: UInt64 = 0
        var hasNumber = false
        var numberRules = vocabulary.ungatedNumberTriggers
        var mayExclude = false
        var i = 0
        var attached = false
        var lineBreaks: UInt8 = 0

        /// Sets bit `slot` of the token about to be appended.
        @inline(__always) func mark(_ slot: Int, _ index: Int) {
            bits[(index &>> 6) &* stride &+ slot] |= 1 &<< UInt64(index & 63)
        }
        /// Sets the bits of the rules `ruleBits` for the token about to be appended.
        @inline(__always) func mark(rules ruleBits: UInt64, _ index: Int) {
            var r = ruleBits
            while r != 0 {
                mark(TriggerBits.ruleSlot &+ r.trailingZeroBitCount, index)
                r &= r &- 1
            }
        }

        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x0A {
                if c == 0x0A { lineBreaks = min(lineBreaks + 1, 2) }
                attached = false
                i += 1
                continue
            }
            let start = i
            let index = out.count
            var flags: Token.Flags = attached ? [.attached] : []
            if isLetter(c) {
                var h = Word.offsetBasis
                if c >= 0x61 {
                    // Most words start with a small letter, and so are not all capitals.
                    var letter = c
                    repeat {
                        h = (h ^ UInt64(letter)) &* Word.prime
                        i &+= 1
                        letter = i < n ? lowercaseLetters[Int(b[i])] : 0
                    } while letter != 0
                } else {
                    var lower = false
                    var other = 0
                    repeat {
                        let x = b[i]
                        if x >= 0x61 { lower = true }
                        if x == NormalizedText.other { other &+= 1 }
                        h = (h ^ UInt64(Word.lowercase(x))) &* Word.prime
                        i &+= 1
                    } while i < n && isLetter(b[i])
                    if !lower && other < i - start { flags.insert(.upper) }
                }
                if c >= 0x41 && c <= 0x5A { flags.insert(.capitalized) }
                var token = Token(
                    kind: .word, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), hash: h,
                    value: 0, integerDigits: 0, flags: flags, lineBreaks: lineBreaks)
                if let e = words[h] {
                    token.tags = e.tags
                    token.numberWord = e.number
                    token.ordinalWord = e.ordinal
                    token.timeUnit = e.timeUnit
                    token.shortTimeUnit = e.shortTimeUnit
                    if e.triggers != 0 {
                        mark(rules: e.triggers, index)
                        rules |= e.triggers
                    }
                    numberRules |= e.opensNumbers
                    if e.number != 0 {
                        mark(TriggerBits.numericSlot, index)
                        hasNumber = true
                    }
                    if e.startsReading { mark(TriggerBits.readingSlot, index) }
                    if e.headsExcludedSection { mayExclude = true }
                }
                out.append(token)
            } else if isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < n && isDigit(b[i + 1]) && !attached) {
                var value = 0.0
                var digits = 0
                if c == UInt8(ascii: "0"), i + 1 < n, isDigit(b[i + 1]) { flags.insert(.leadingZero) }
                while i < n, isDigit(b[i]) {
                    if digits < 18 { value = value * 10 + Double(b[i] &- 0x30) }
                    digits &+= 1
                    i &+= 1
                }
                // Thousands separators: `10,000` and `1,200,000`, but not `1,2` (a list) or `1,2345`.
                if digits >= 1, digits <= 3 {
                    var j = i
                    var grouped = value
                    var groups = 0
                    while j + 3 < n, b[j] == UInt8(ascii: ","), isDigit(b[j + 1]), isDigit(b[j + 2]), isDigit(b[j + 3]),
                        j + 4 >= n || !isDigit(b[j + 4])
                    {
                        grouped = grouped * 1000 + Double(b[j + 1] &- 0x30) * 100 + Double(b[j + 2] &- 0x30) * 10
                            + Double(b[j + 3] &- 0x30)
                        j += 4
                        groups += 1
                    }
                    if groups > 0 {
                        value = grouped
                        digits += 3 * groups
                        i = j
                        flags.insert(.grouped)
                    }
                }
                if i + 1 < n, b[i] == UInt8(ascii: "."), isDigit(b[i + 1]) {
                    i += 1
                    var scale = 0.1
                    while i < n, isDigit(b[i]) {
                        value += Double(b[i] &- 0x30) * scale
                        scale /= 10
                        i &+= 1
                    }
                    flags.insert(.decimal)
                }
                out.append(
                    Token(
                        kind: .number, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), hash: 0,
                        value: value, integerDigits: UInt8(min(digits, 255)), flags: flags, lineBreaks: lineBreaks))
                mark(TriggerBits.numericSlot, index)
                hasNumber = true
            } else {
                // `+/-` and `+-` are one symbol, read as `±`.
                var end = i + 1
                var hash = UInt64(c)
                if c == UInt8(ascii: "+"), i + 2 < n, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "-") {
                    end = i + 3
                    hash = Token.plusMinus
                } else if c == UInt8(ascii: "+"), i + 1 < n, b[i + 1] == UInt8(ascii: "-") {
                    end = i + 2
                    hash = Token.plusMinus
                } else if (c == UInt8(ascii: ">") || c == UInt8(ascii: "<")), i + 1 < n, b[i + 1] == UInt8(ascii: "=") {
                    end = i + 2
                    hash = c == UInt8(ascii: ">") ? Token.greaterOrEqual : Token.lessOrEqual
                }
                out.append(
                    Token(
                        kind: .symbol, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                        hash: hash, value: 0, integerDigits: 0, flags: flags, lineBreaks: lineBreaks))
                let symbolRules = Vocabulary.triggers(ofSymbol: hash, in: symbolTriggers)
                if symbolRules != 0 {
                    mark(rules: symbolRules, index)
                    rules |= symbolRules
                }
                i = end
            }
            attached = true
            lineBreaks = 0
        }
        // The gate words may come after the numbers they open, so the numbers' rules are known only at the end.
        numberRules &= vocabulary.numberTriggers
        if hasNumber { rules |= numberRules }
        return (rules, hasNumber ? numberRules : 0, mayExclude)
    }
}

/// Where rules' statements can start in a field, as bits over its tokens, written by the lexer: for each run
/// of 64 tokens, `stride` words, bit `i % 64` standing for token `i`. The first word marks the numbers (in
/// digits or words), which start the rules `numberRules` names; the second, the words
/// `between`, where (with numbers) the grammar readings start; then one word per rule for the words and
/// symbols that start it.
///
/// A rule walks its starts a word at a time instead of token by token, and a number, which starts half the
/// rules, costs one bit rather than one per rule.
struct TriggerBits: Sendable {
    static let numericSlot = 0
    static let readingSlot = 1
    /// The slot of rule 0's word; rule `k`'s is `ruleSlot + k`.
    static let ruleSlot = 2

    var words: [UInt64] = []
    /// Words per run of 64 tokens: the rule count plus `ruleSlot`.
    private(set) var stride = ruleSlot
    /// The rules (one bit each) whose statements can start somewhere in the field.
    var rules: UInt64 = 0
    /// The rules that the field's numbers start: those whose numbers need no word
    /// (`RuleTriggers.numbersNeedOneOf`), and those whose words the field holds.
    var numberRules: UInt64 = 0

    /// Empties the bits, with room for `tokenBound` tokens in runs of `stride` words.
    mutating func reset(stride: Int, tokenBound: Int) {
        self.stride = stride
        rules = 0
        numberRules = 0
        words.empty()
        words.append(repeating: 0, count: (tokenBound / 64 + 1) * stride)
    }

    /// The bits of `slot` for tokens `64 * block ..< 64 * (block + 1)`.
    @inline(__always) func word(_ block: Int, _ slot: Int) -> UInt64 { words[block * stride + slot] }

    /// Calls `body` with each token below `count` whose bit is set in `slot` or in `other`, in order.
    @inline(__always) func forEach(in slot: Int, or other: Int, below count: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        for block in 0...((count - 1) >> 6) {
            var m = word(block, slot) | word(block, other)
            while m != 0 {
                let i = block << 6 | m.trailingZeroBitCount
                guard i < count else { return }
                body(i)
                m &= m - 1
            }
        }
    }
}

/// Time units as one byte, for the token fields.
enum TimeUnitCode {
    static func code(_ unit: ISODuration.Unit) -> UInt8 {
        switch unit {
        case .minute: 1
        case .hour: 2
        case .day: 3
        case .week: 4
        case .month: 5
        case .year: 6
        }
    }

    static func unit(_ code: UInt8) -> ISODuration.Unit? {
        switch code {
        case 1: .minute
        case 2: .hour
        case 3: .day
        case 4: .week
        case 5: .month
        case 6: .year
        default: nil
        }
    }
}

extension Token {
    /// The symbol hash of `±`, `+/-` and `+-`.
    public static let plusMinus: UInt64 = 0x1_0000
    /// The symbol hash of `>=` and `≥`.
    public static let greaterOrEqual: UInt64 = 0x1_0001
    /// The symbol hash of `<=` and `≤`.
    public static let lessOrEqual: UInt64 = 0x1_0002

    @inline(__always) public var isPlusMinus: Bool { kind == .symbol && hash == Token.plusMinus }
}
