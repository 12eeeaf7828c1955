import RegistryModel
import ScheduleModel

/// One extraction rule: it reads one kind of statement from a field's tokens and emits facts.
///
/// A rule carries its stable id, the kinds it emits and examples (text in, facts out) that run as tests.
/// Rules match tokens with bounded look-ahead and never backtrack, so extraction time grows linearly with
/// the text.
public protocol ExtractionRule: Sendable {
    /// A stable id, `<kind>.<what>`: `dose.scientific-notation`, `frequency.every-n`.
    static var id: String { get }
    /// The kinds of fact the rule emits.
    static var kinds: [FactKind] { get }
    /// Texts and the facts of `kinds` the whole extractor must read from them.
    static var examples: [RuleExample] { get }
    /// The tokens the rule's statements can start at; the rule visits only those
    /// (`FactCollector.nextTrigger(after:)`), and is not applied to a field holding none.
    static var triggers: RuleTriggers { get }

    init()

    /// Reads the field and adds facts to `facts`.
    func apply(to text: FieldText, _ facts: inout FactCollector)
}

/// The tokens a rule's statements can start at: some words, any number (in digits or words), some symbols.
public struct RuleTriggers: Sendable {
    public let words: [String]
    public let numbers: Bool
    /// Symbol tokens by their hash: the ASCII byte, or `Token.plusMinus` for `±`.
    public let symbols: [UInt64]

    public init(words: [String] = [], numbers: Bool = false, symbols: [Unicode.Scalar] = [], plusMinus: Bool = false) {
        self.words = words
        self.numbers = numbers
        self.symbols = symbols.map { UInt64($0.value) } + (plusMinus ? [Token.plusMinus] : [])
    }
}

/// What an example expects the extractor to read: one fact.
public struct ExpectedFact: Sendable, Hashable, CustomStringConvertible {
    public let kind: FactKind
    public let normalized: String
    public let text: String
    public let notes: [String]?
    public let label: String?
    public let anchor: String?
    public let between: [Int]?

    public init(
        _ kind: FactKind, _ normalized: String, _ text: String, notes: [String]? = nil, label: String? = nil,
        anchor: String? = nil, between: [Int]? = nil
    ) {
        self.kind = kind
        self.normalized = normalized
        self.text = text
        self.notes = notes
        self.label = label
        self.anchor = anchor
        self.between = between
    }

    public var description: String {
        var s = "\(kind) \(normalized) «\(text)»"
        if let notes { s += " notes=\(notes)" }
        if let label { s += " label=\(label)" }
        if let anchor { s += " anchor=\(anchor)" }
        if let between { s += " between=\(between)" }
        return s
    }

    /// Whether `fact` is this expectation: kind, normal form and text equal, and each attribute the
    /// expectation states equal too.
    public func matches(_ fact: Fact) -> Bool {
        fact.kind == kind && fact.normalized == normalized && fact.text == text
            && (notes == nil || notes == fact.notes) && (label == nil || label == fact.label)
            && (anchor == nil || anchor == fact.anchor) && (between == nil || between == fact.between)
    }
}

/// An example of a rule: a text, and every fact of the rule's kinds the extractor reads from it. An empty
/// list says the text must yield none (a lab threshold is not a dose).
public struct RuleExample: Sendable {
    public let text: String
    public let facts: [ExpectedFact]
    /// The field the text is read as; intervention descriptions carry a subject.
    public let field: FieldPath
    public let file: StaticString
    public let line: UInt

    public init(
        _ text: String, _ facts: [ExpectedFact], field: FieldPath = .detailedDescription,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        self.text = text
        self.facts = facts
        self.field = field
        self.file = file
        self.line = line
    }
}

extension FieldPath {
    /// The first arm group's description, a field examples read telegraphic arm text as.
    public static let firstArmGroupDescription = FieldPath.armsInterventionsModule.appending("armGroups").index(0)
        .appending("description")
}

/// Collects the facts rules read from one field, and which tokens earlier rules have taken, so that a
/// later rule does not read the same words again as something else (`28-day cycle` is not day 28).
public struct FactCollector {
    /// What a token has been read as.
    public struct Claim: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let day = Claim(rawValue: 1 << 0)
        public static let duration = Claim(rawValue: 1 << 1)
        public static let dose = Claim(rawValue: 1 << 2)
        public static let window = Claim(rawValue: 1 << 3)
        public static let timepoint = Claim(rawValue: 1 << 4)
        public static let count = Claim(rawValue: 1 << 5)
        public static let frequency = Claim(rawValue: 1 << 6)
        public static let cycle = Claim(rawValue: 1 << 7)
        public static let interval = Claim(rawValue: 1 << 8)
    }

    struct Candidate {
        let kind: FactKind
        let value: FactValue
        let tokens: Range<Int>
        let rule: String
        let notes: [String]
        let subject: String?
        let label: String?
        let anchor: String?
        let between: [Int]?
    }

    private(set) var candidates: [Candidate] = []
    private var claims: [Claim]
    /// Where each rule's statements can start, in one array: first, for each rule `k`, where its tokens
    /// begin (`positions[k]`, and `positions[ruleCount]` where the last rule's end); then the tokens, rule
    /// after rule, each rule's in text order: rule `k`'s are `positions[positions[k] ..< positions[k + 1]]`.
    private var positions: [Int32]
    /// Where the running rule is in its positions, and where they end.
    private var cursor = 0
    private var cursorEnd = 0

    /// A collector for a field whose tokens start the rules `triggers` (one bit per rule, `ruleCount` rules),
    /// in the arrays of `buffers` (`recycle(into:)` hands them back).
    init(triggers: [UInt64], ruleCount: Int, buffers: inout FieldBuffers) {
        candidates = buffers.candidates.takeEmptied()
        claims = buffers.claims.takeEmptied()
        claims.append(contentsOf: repeatElement([], count: triggers.count))
        // A counting sort of (token, rule) pairs by rule, so that each rule visits only its own starts.
        var positions = buffers.positions.takeEmptied()
        withUnsafeTemporaryAllocation(of: Int.self, capacity: ruleCount + 1) { next in
            next.initialize(repeating: 0)
            triggers.withUnsafeBufferPointer { triggers in
                for bits in triggers {
                    var b = bits
                    while b != 0 {
                        next[b.trailingZeroBitCount + 1] += 1
                        b &= b - 1
                    }
                }
                next[0] = ruleCount + 1
                for k in 0..<ruleCount { next[k + 1] += next[k] }
                positions.append(contentsOf: repeatElement(0, count: next[ruleCount]))
                positions.withUnsafeMutableBufferPointer { out in
                    for k in 0...ruleCount { out[k] = Int32(truncatingIfNeeded: next[k]) }
                    for i in 0..<triggers.count {
                        var b = triggers[i]
                        while b != 0 {
                            let k = b.trailingZeroBitCount
                            out[next[k]] = Int32(truncatingIfNeeded: i)
                            next[k] += 1
                            b &= b - 1
                        }
                    }
                }
            }
        }
        self.positions = positions
    }

    /// Hands the collector's arrays back to `buffers`, for the next field.
    mutating func recycle(into buffers: inout FieldBuffers) {
        swap(&candidates, &buffers.candidates)
        swap(&claims, &buffers.claims)
        swap(&positions, &buffers.positions)
    }

    /// Starts rule `k`: `nextTrigger(after:)` walks its positions from here on. `false` when the rule has
    /// none in the field.
    mutating func startRule(_ k: Int) -> Bool {
        cursor = Int(positions[k])
        cursorEnd = Int(positions[k + 1])
        return cursor < cursorEnd
    }

    /// The next token after `i` where the running rule's statements can start, or the token count. Rules move
    /// forward through the text, so the cursor only ever advances.
    @inline(__always) public mutating func nextTrigger(after i: Int) -> Int {
        while cursor < cursorEnd, Int(positions[cursor]) <= i { cursor += 1 }
        return cursor < cursorEnd ? Int(positions[cursor]) : claims.count
    }

    /// Adds a fact read from tokens `tokens`.
    public mutating func emit(
        _ kind: FactKind, _ value: FactValue, tokens: Range<Int>, rule: String, notes: [String] = [],
        subject: String? = nil, label: String? = nil, anchor: String? = nil, between: [Int]? = nil
    ) {
        guard !tokens.isEmpty else { return }
        candidates.append(
            Candidate(
                kind: kind, value: value, tokens: tokens, rule: rule, notes: notes, subject: subject, label: label,
                anchor: anchor, between: between))
    }

    /// Marks tokens as read as `claim`.
    public mutating func claim(_ tokens: Range<Int>, as claim: Claim) {
        for i in tokens where i >= 0 && i < claims.count { claims[i].formUnion(claim) }
    }

    /// Whether any of `tokens` was read as one of `claim`.
    public func isClaimed(_ tokens: Range<Int>, as claim: Claim) -> Bool {
        for i in tokens where i >= 0 && i < claims.count && !claims[i].isDisjoint(with: claim) { return true }
        return false
    }

    public func isClaimed(_ i: Int, as claim: Claim) -> Bool {
        i >= 0 && i < claims.count && !claims[i].isDisjoint(with: claim)
    }
}
