import RegistryModel

/// One field of a record, ready for the rules: its folded text, tokens, sentences and sections.
public struct FieldText: Sendable {
    /// The v2 path of the field.
    public private(set) var field: FieldPath
    /// The value exactly as the record holds it.
    public private(set) var value: String
    /// The intervention the field belongs to, where the field is an intervention's own description.
    public private(set) var subject: String?
    public private(set) var normalized: NormalizedText
    public private(set) var tokens: [Token]
    public private(set) var sentences: [Sentence]
    /// The classes of all the field's words together.
    public private(set) var fieldTags: WordTags
    /// Whether the field describes an arm group or an intervention: telegraphic text about one treatment.
    public private(set) var isArmOrIntervention: Bool
    /// Where the rules (in the extractor's order) can start.
    private(set) var triggers: TriggerBits
    /// The durations and doses several rules read at the same tokens, read once.
    private(set) var readings: GrammarReadings

    /// A run of tokens ending at a full stop, a semicolon, a blank line or the end of a line of content.
    public struct Sentence: Sendable {
        public let range: Range<Int>
        public let tags: WordTags
    }

    public init(field: FieldPath, value: String, subject: String? = nil) {
        self.init()
        read(field: field, value: value, subject: subject, vocabulary: .plain)
    }

    /// An empty field, for an extractor to read its fields into one after another (`read(field:value:subject:vocabulary:)`).
    init() {
        field = FieldPath("")
        value = ""
        subject = nil
        normalized = NormalizedText()
        tokens = []
        sentences = []
        fieldTags = []
        isArmOrIntervention = false
        triggers = TriggerBits()
        readings = GrammarReadings()
    }

    /// Reads `value` as the field `field` with an extractor's vocabulary, which also marks where its rules can
    /// start, in place of the field read before: into the memory of the arrays that one held, so that a
    /// record's dozen fields, most of them a line long, do not each allocate and free their own.
    mutating func read(field: FieldPath, value: String, subject: String?, vocabulary: borrowing Vocabulary) {
        self.field = field
        self.value = value
        self.subject = subject
        isArmOrIntervention = field.rawValue.hasPrefix("protocolSection.armsInterventionsModule.")
        normalized.read(value)
        var tokens = self.tokens.takeEmptied()
        let mayExclude = Lexer.tokenize(normalized, vocabulary, into: &tokens, triggers: &triggers)
        var sentences = self.sentences.takeEmptied()
        Self.segment(&tokens, normalized, into: &sentences)
        if mayExclude { Self.markExcludedSections(&tokens, hardWrapped: normalized.isHardWrapped) }
        self.tokens = tokens
        self.sentences = sentences
        fieldTags = sentences.reduce(into: []) { $0.formUnion($1.tags) }
        // The readings read the field through `self`: out of it while they do.
        var readings = GrammarReadings()
        swap(&readings, &self.readings)
        readings.read(self)
        swap(&readings, &self.readings)
    }

    /// Whether the field holds a dose written with a power of ten where the dose rules read doses
    /// (`mayStartDoseAmount(_:)`).
    var hasPoweredDose: Bool { readings.hasPoweredDose }

    /// Lends the field's trigger bits to `collector` for the rules' pass, until `stopCollecting(from:)`.
    mutating func startCollecting(into collector: inout FactCollector) {
        collector.start(tokenCount: count, triggers: &triggers)
    }

    /// Takes the field's trigger bits back from `collector`.
    mutating func stopCollecting(from collector: inout FactCollector) {
        collector.finish(returning: &triggers)
    }

    // MARK: - Access

    @inline(__always) public var count: Int { tokens.count }

    /// The token at `i`, or `nil` outside the field.
    @inline(__always) public func at(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    @inline(__always) public func isWord(_ i: Int, _ word: Word) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].is(word)
    }

    /// Whether the token at `i` is the word `literal` (lowercase ASCII), in any case.
    @inline(__always) public func isWord(_ i: Int, _ literal: StaticString) -> Bool {
        i >= 0 && i < tokens.count && matches(tokens[i], literal)
    }

    /// Whether the token at `i` is one of the words given (lowercase ASCII), in any case. Fixed arities
    /// rather than an array, so that asking allocates nothing; longer lists are `WordSet`s.
    @inline(__always) public func isWord(_ i: Int, _ a: StaticString, _ b: StaticString) -> Bool {
        guard i >= 0 && i < tokens.count, tokens[i].isWord else { return false }
        let t = tokens[i]
        return matches(t, a) || matches(t, b)
    }

    @inline(__always) public func isWord(_ i: Int, _ a: StaticString, _ b: StaticString, _ c: StaticString) -> Bool {
        guard i >= 0 && i < tokens.count, tokens[i].isWord else { return false }
        let t = tokens[i]
        return matches(t, a) || matches(t, b) || matches(t, c)
    }

    @inline(__always) public func isWord(
        _ i: Int, _ a: StaticString, _ b: StaticString, _ c: StaticString, _ d: StaticString
    ) -> Bool {
        guard i >= 0 && i < tokens.count, tokens[i].isWord else { return false }
        let t = tokens[i]
        return matches(t, a) || matches(t, b) || matches(t, c) || matches(t, d)
    }

    /// Whether `token` is the word `literal` (lowercase ASCII), in any case: a byte comparison, no hashing.
    @inline(__always) public func matches(_ token: Token, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard token.kind == .word, Int(token.end - token.start) == n else { return false }
        let start = Int(token.start)
        return normalized.bytes.withUnsafeBufferPointer { bytes in
            let p = literal.utf8Start
            for k in 0..<n where Word.lowercase(bytes[start + k]) != p[k] { return false }
            return true
        }
    }

    /// Whether the word at `i` ends in `s`: the plural of most nouns.
    @inline(__always) public func isPlural(_ i: Int) -> Bool {
        guard let t = at(i), t.isWord else { return false }
        return Word.lowercase(normalized.bytes[Int(t.end) - 1]) == UInt8(ascii: "s")
    }

    @inline(__always) public func isWord(_ i: Int, _ set: WordSet) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].is(set)
    }

    @inline(__always) public func isSymbol(_ i: Int, _ symbol: Unicode.Scalar) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .symbol && tokens[i].hash == UInt64(symbol.value)
    }

    @inline(__always) public func isNumber(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].isNumber }

    public func sentence(of i: Int) -> Sentence { sentences[Int(tokens[i].sentence)] }

    /// The tokens of `i`'s sentence within `radius` of `i`: what a rule may look at around a match. Keeping
    /// it bounded keeps extraction linear even in a field that is one endless sentence.
    public func window(around i: Int, radius: Int = 40) -> Range<Int> {
        let s = sentence(of: i).range
        return max(s.lowerBound, i - radius)..<min(s.upperBound, i + radius + 1)
    }

    /// `true` when tokens `a` and `b` lie in the same sentence.
    public func sameSentence(_ a: Int, _ b: Int) -> Bool {
        a >= 0 && b >= 0 && a < tokens.count && b < tokens.count && tokens[a].sentence == tokens[b].sentence
    }

    /// Whether token `i` lies in an eligibility or references section (`Token.isExcluded`).
    public func isInExcludedSection(_ i: Int) -> Bool { tokens[i].isExcluded }

    /// The folded spelling of tokens `range`, as the lexer saw it (`M12`, `+/-`).
    public func folded(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let bytes = normalized.bytes[Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end)]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded spelling of one token.
    public func folded(_ i: Int) -> String { folded(i..<(i + 1)) }

    /// The original UTF-8 range of tokens `range` in `value`.
    public func utf8Range(_ range: Range<Int>) -> Range<Int> {
        normalized.originalRange(Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end))
    }

    /// The original text of tokens `range`: `value.utf8[utf8Range(range)]`.
    public func originalText(_ range: Range<Int>) -> String {
        originalText(utf8: utf8Range(range))
    }

    /// The original text at the UTF-8 range `r` of `value`.
    func originalText(utf8 r: Range<Int>) -> String {
        // The bytes copied straight from the value's storage when the range starts and ends on scalar boundaries
        // (as ranges mapped back from tokens always do): the same string, without the index walk and the
        // substring a slice of the string costs.
        let direct = value.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard r.lowerBound >= 0, r.upperBound <= bytes.count, Self.isScalarStart(bytes, r.lowerBound),
                Self.isScalarStart(bytes, r.upperBound)
            else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
        }
        if let text = direct ?? nil { return text }
        let utf8 = value.utf8
        let a = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
        let b = utf8.index(a, offsetBy: r.count)
        return String(value[a..<b])
    }

    /// Whether byte `k` of `bytes` starts a scalar (or is the end): not a UTF-8 continuation byte.
    @inline(__always) private static func isScalarStart(_ bytes: UnsafeBufferPointer<UInt8>, _ k: Int) -> Bool {
        k == bytes.count || bytes[k] & 0xC0 != 0x80
    }

    // MARK: - Segmentation

    /// Words after which a full stop does not end a sentence.
    static let abbreviations = WordSet([
        "vs", "approx", "dr", "no", "fig", "al", "etc", "ca", "mr", "mrs", "ms", "st", "inc", "ltd", "co", "resp",
    ])
    /// Whether a symbol's byte starts a bullet: `*`, `-`, `+`.
    @inline(__always) static func isBullet(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    }

    private static let follow = Word("follow").hash
    private static let up = Word("up").hash
    private static let by = Word("by").hash

    /// Splits the tokens into sentences, appended to `sentences`, and writes each token's sentence index into
    /// it.
    static func segment(_ tokens: inout [Token], _ text: NormalizedText, into sentences: inout [Sentence]) {
        // Through a buffer pointer: every token is written, and an array would check each write for a copy.
        tokens.withUnsafeMutableBufferPointer { segment($0, text.isHardWrapped, into: &sentences) }
        if sentences.isEmpty { sentences.append(Sentence(range: 0..<0, tags: [])) }
    }

    /// A token's sentence is the count of sentences closed before it. The count, the open sentence's start and
    /// its classes are local variables, and most tokens (no line break before them, not a word of a class,
    /// not a symbol) take one test each.
    private static func segment(
        _ tokens: UnsafeMutableBufferPointer<Token>, _ hardWrapped: Bool, into sentences: inout [Sentence]
    ) {
        let count = tokens.count
        var start = 0
        var closed = Int32(truncatingIfNeeded: sentences.count)
        var tags: WordTags = []
        let follow = Self.follow
        let up = Self.up
        let by = Self.by

        for i in 0..<count {
            let t = tokens[i]
            // A line break ends a sentence unless the text is hard-wrapped (then only a blank line does, or a
            // line starting with a bullet).
            if t.lineBreaks != 0, i > start,
                t.lineBreaks >= 2 || !hardWrapped
                    || (t.kind == .symbol && isBullet(UInt8(truncatingIfNeeded: t.hash)) && i + 1 < count
                        && !tokens[i + 1].attached)
            {
                sentences.append(Sentence(range: start..<i, tags: tags))
                closed &+= 1
                start = i
                tags = []
            }
            tokens[i].sentence = closed
            switch t.kind {
            case .word:
                // `followed by` orders steps; it is not follow-up.
                if !t.tags.isEmpty {
                    var tag = t.tags
                    if tag.contains(.observation), i + 1 < count, tokens[i + 1].hash == by { tag.remove(.observation) }
                    tags.formUnion(tag)
                }
                if t.hash == follow, i + 1 < count {
                    let n = tokens[i + 1]
                    if n.kind == .word && n.hash == up
                        || (n.isSymbol(UInt8(ascii: "-")) && i + 2 < count && tokens[i + 2].hash == up)
                    {
                        tags.insert(.followUp)
                    }
                }
            case .symbol:
                let c = UInt8(truncatingIfNeeded: t.hash)
                if t.hash == UInt64(UInt8(ascii: ";"))
                    || (c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?"))
                        && t.hash < 256 && isSentenceEnd(UnsafeBufferPointer(tokens), i)
                {
                    sentences.append(Sentence(range: start..<(i + 1), tags: tags))
                    closed &+= 1
                    start = i + 1
                    tags = []
                }
            case .number:
                break
            }
        }
        if count > start { sentences.append(Sentence(range: start..<count, tags: tags)) }
    }

    /// Marks the tokens under an eligibility or references heading, up to the next heading
    /// (`Token.isExcluded`). Only a field holding one of `excludedHeadingWords` can have such a heading, and
    /// the lexer says whether it does (`Lexer.tokenize`): most fields skip this pass.
    static func markExcludedSections(_ tokens: inout [Token], hardWrapped: Bool) {
        // Through a buffer pointer: every token is written, and an array would check each write for a copy.
        tokens.withUnsafeMutableBufferPointer { tokens in
            var inSection = false
            // Where the last heading read ends: no heading starts inside one.
            var headingEnd = 0
            for i in tokens.indices {
                if i >= headingEnd {
                    let t = tokens[i]
                    let lineStart = i == 0 || t.lineBreaks >= 2 || (t.lineBreaks == 1 && !hardWrapped)
                        || (t.lineBreaks == 1 && tokens[i - 1].isSymbol(UInt8(ascii: ":")))
                    if lineStart, let (end, isEligibility) = heading(at: i, UnsafeBufferPointer(tokens)) {
                        inSection = isEligibility
                        headingEnd = end
                    }
                }
                tokens[i].isExcluded = inSection
            }
        }
    }

    /// Whether the full stop at `i` ends a sentence: not in `i.v.`, `e.g.`, `M. D.`, `vs.`, and followed by
    /// a new start.
    static func isSentenceEnd(_ tokens: UnsafeBufferPointer<Token>, _ i: Int) -> Bool {
        guard i + 1 < tokens.count else { return true }
        let next = tokens[i + 1]
        if i > 0 {
            let prev = tokens[i - 1]
            if prev.kind == .word {
                let length = prev.end - prev.start
                if length == 1 { return false }
                if abbreviations.contains(prev.hash) { return false }
            }
        }
        if next.lineBreaks > 0 { return true }
        switch next.kind {
        case .word: return next.flags.contains(.capitalized) || !next.attached
        case .number: return !next.attached
        case .symbol: return !next.attached
        }
    }

    /// Headings of sections whose numbers are not the schedule: eligibility criteria, reference lists
    /// (whose citations name drugs and doses of other studies), and prohibited medications (which the study
    /// does not give).
    static let excludedHeadingWords = WordSet(excludedHeadingWordList)
    static let excludedHeadingWordList = [
        "eligibility", "inclusion", "exclusion", "criteria", "eligible", "ineligible", "references", "bibliography",
        "citations", "prohibited",
    ]

    /// A heading starting at `i`: up to six words followed by a colon (`Inclusion Criteria:`), or a short
    /// line of words on its own that is not a bullet. Returns where it ends and whether it starts an excluded
    /// section.
    static func heading(at i: Int, _ tokens: UnsafeBufferPointer<Token>) -> (Int, Bool)? {
        var k = i
        var words = 0
        var eligibility = false
        // `* Topical corticosteroids` is an item of the list under the heading, not a heading of its own.
        let isBullet = tokens[i].kind == .symbol && Self.isBullet(UInt8(truncatingIfNeeded: tokens[i].hash))
        while k < tokens.count, k - i < 8 {
            let t = tokens[k]
            if k > i, t.lineBreaks > 0 {
                // A short line of words on its own.
                guard !isBullet, words >= 1, words <= 4 else { return nil }
                return (k, eligibility)
            }
            if t.kind == .word {
                words += 1
                if excludedHeadingWords.contains(t.hash) { eligibility = true }
            } else if t.isSymbol(UInt8(ascii: ":")) {
                guard words >= 1 else { return nil }
                return (k + 1, eligibility)
            } else if !(t.isSymbol(UInt8(ascii: "-")) || t.isSymbol(UInt8(ascii: "/")) || t.isSymbol(UInt8(ascii: "&"))
                || t.isSymbol(UInt8(ascii: "*")) || t.isSymbol(UInt8(ascii: "#")))
            {
                return nil
            }
            k += 1
        }
        if k == tokens.count, !isBullet, words >= 1, words <= 4 { return (k, eligibility) }
        return nil
    }
}

extension Array where Element: BitwiseCopyable {
    /// Appends `count` copies of `value`, filling the new room in one go (appending a `repeatElement` writes
    /// element by element).
    mutating func append(repeating value: Element, count: Int) {
        append(addingCapacity: count) { $0.append(repeating: value, count: count) }
    }
}

extension Array {
    /// The array emptied with its capacity kept; an empty array takes its place.
    mutating func takeEmptied() -> [Element] {
        var taken: [Element] = []
        swap(&taken, &self)
        taken.empty()
        return taken
    }

    /// Removes every element, keeping the capacity. An array that is already empty is left as it is: emptying
    /// one still goes through `replaceSubrange`, about a hundred instructions, and a field leaves several of
    /// its arrays empty (most fields have no dose, no duration, no fact).
    @inline(__always) mutating func empty() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
