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
    /// Words one of which a field must hold for numbers to start the rule there (empty: numbers always do).
    ///
    /// A rule that reads nothing from a number unless one of these words stands at some place after or before
    /// it (`4 cycles`, `2 weeks later`) has nothing to read at the numbers of a field holding none of them; the
    /// lexer sees every word anyway, so such a field costs the rule no visit at all.
    public let numbersNeedOneOf: [String]
    /// Symbol tokens by their hash: the ASCII byte, or `Token.plusMinus` for `±`.
    public let symbols: [UInt64]

    public init(
        words: [String] = [], numbers: Bool = false, numbersNeedOneOf: [String] = [], symbols: [Unicode.Scalar] = [],
        plusMinus: Bool = false
    ) {
        self.words = words
        self.numbers = numbers
        self.numbersNeedOneOf = numbersNeedOneOf
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
    public struct Claim: OptionSet, Sendable, BitwiseCopyable {
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
    private var claims: [Claim] = []
    /// Where each rule's statements can start (`TriggerBits`), read a word of 64 tokens at a time: listing
    /// each rule's starts would cost a write for every number and every rule it starts. The field's own,
    /// lent for the rules' pass (`start(tokenCount:triggers:)`).
    private var triggers = TriggerBits()
    /// The rules that the field's numbers start (`TriggerBits.numberRules`).
    private var numberTriggers: UInt64 = 0
    /// The running rule's slot in `triggers`, and all ones when numbers start it.
    private var slot = TriggerBits.ruleSlot
    private var numericMask: UInt64 = 0
    /// The start `nextTrigger(after:)` last returned (-1 before the first, the token count after the last);
    /// the block of 64 tokens it lies in, and the running rule's starts in that block after it.
    private var last = -1
    private var block = 0
    private var pending: UInt64 = 0

    /// A collector with nothing collected; `start(tokenCount:triggers:)` readies it for a field.
    init() {}

    /// Readies the collector for a field of `tokenCount` tokens whose rules start at `triggers`, dropping what
    /// it collected from the field before but keeping its arrays' memory: one collector serves every field
    /// of a record, and the records after. It holds the bits, swapped in, until `finish(returning:)`.
    mutating func start(tokenCount: Int, triggers: inout TriggerBits) {
        candidates.empty()
        claims.empty()
        claims.append(repeating: [], count: tokenCount)
        swap(&self.triggers, &triggers)
        numberTriggers = self.triggers.numberRules
    }

    /// Hands the field's trigger bits back into `triggers`.
    mutating func finish(returning triggers: inout TriggerBits) {
        swap(&self.triggers, &triggers)
    }

    /// The rules (one bit each, by index) whose statements can start somewhere in the field.
    var startingRules: UInt64 { triggers.rules }

    /// Starts rule `k`, one of `startingRules`: `nextTrigger(after:)` walks its starts from here on.
    mutating func startRule(_ k: Int) {
        slot = TriggerBits.ruleSlot + k
        numericMask = numberTriggers >> UInt64(k) & 1 == 0 ? 0 : ~0
        last = -1
        block = 0
        pending = starts(0)
    }

    /// The running rule's starts among tokens `64 * block ..< 64 * (block + 1)`.
    @inline(__always) private func starts(_ block: Int) -> UInt64 {
        triggers.word(block, slot) | triggers.word(block, TriggerBits.numericSlot) & numericMask
    }

    /// The next token after `i` where the running rule's statements can start, or the token count. Rules move
    /// forward through the text, and a start is handed out once: asked again after a token before the start
    /// last returned, it returns that start again.
    @inline(__always) public mutating func nextTrigger(after i: Int) -> Int {
        guard i >= last else { return last }
        let n = claims.count
        guard i + 1 < n else {
            last = n
            return n
        }
        // `i >> 6` is -1 for the first call, before block 0.
        let b = i >> 6
        if b == block {
            pending &= ~1 << UInt64(i & 63)
        } else if b > block {
            block = b
            pending = starts(b) & ~1 << UInt64(i & 63)
        }
        while pending == 0 {
            block += 1
            guard block << 6 < n else {
                last = n
                return n
            }
            pending = starts(block)
        }
        last = block << 6 | pending.trailingZeroBitCount
        return last
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
