import RegistryModel

/// The kinds of schedule fact of the facts contract.
public enum FactKind: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case dose, administrationCount, cycleCount, cycleLength, interval, frequency, window, administrationDay
    case timepoint, treatmentDuration, route, period, design

    public var description: String { rawValue }
}

/// The typed value of a fact; its `description` is the contract's normal form.
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case dose(Dose)
    case count(CountRange)
    case duration(DurationRange)
    case frequency(Frequency)
    case window(Window)
    case day(DayRange)
    case route(Route)
    case period(PeriodKind)
    case design(DesignFeature)

    public var description: String {
        switch self {
        case .dose(let v): v.description
        case .count(let v): v.description
        case .duration(let v): v.description
        case .frequency(let v): v.description
        case .window(let v): v.description
        case .day(let v): v.description
        case .route(let v): v.rawValue
        case .period(let v): v.rawValue
        case .design(let v): v.rawValue
        }
    }

    /// Reads a normal form of the given kind; `nil` when the text is not one.
    public init?(kind: FactKind, normalized text: String) {
        switch kind {
        case .dose:
            guard let v = Dose(normalized: text) else { return nil }
            self = .dose(v)
        case .administrationCount, .cycleCount:
            guard let v = CountRange(normalized: text) else { return nil }
            self = .count(v)
        case .cycleLength, .interval, .timepoint, .treatmentDuration:
            guard let v = DurationRange(normalized: text) else { return nil }
            self = .duration(v)
        case .frequency:
            guard let v = Frequency(normalized: text) else { return nil }
            self = .frequency(v)
        case .window:
            guard let v = Window(normalized: text) else { return nil }
            self = .window(v)
        case .administrationDay:
            guard let v = DayRange(normalized: text) else { return nil }
            self = .day(v)
        case .route:
            guard let v = Route(rawValue: text) else { return nil }
            self = .route(v)
        case .period:
            guard let v = PeriodKind(rawValue: text) else { return nil }
            self = .period(v)
        case .design:
            guard let v = DesignFeature(rawValue: text) else { return nil }
            self = .design(v)
        }
    }

    /// The same value however written: `P2W` and `P14D`, `0.2 g` and `200 mg`, `1/P1W` and `1/P7D`.
    public func isEquivalent(to other: FactValue) -> Bool {
        switch (self, other) {
        case let (.dose(a), .dose(b)): return a.isEquivalent(to: b)
        case let (.count(a), .count(b)): return a == b
        case let (.duration(a), .duration(b)):
            guard a.lower.isSameLength(as: b.lower) else { return false }
            switch (a.upper, b.upper) {
            case (nil, nil): return true
            case let (x?, y?): return x.isSameLength(as: y)
            default: return false
            }
        case let (.frequency(a), .frequency(b)): return a.isEquivalent(to: b)
        case let (.window(a), .window(b)): return a.isEquivalent(to: b)
        default: return self == other
        }
    }
}

/// One schedule fact read from a record's text, with its evidence: the field, the exact text and its
/// UTF-8 byte range in the field's value, and the rule that read it.
public struct Fact: Sendable, Hashable, CustomStringConvertible {
    public let kind: FactKind
    public let value: FactValue
    /// The v2 path of the field the fact was read from.
    public let field: FieldPath
    /// The exact substring of the field's value: `value.utf8[utf8Range] == text`.
    public let text: String
    /// `[start, end)` byte offsets into the UTF-8 encoding of the field's value.
    public let utf8Range: Range<Int>
    /// The extraction rule that produced the fact.
    public let rule: String
    /// What a reader should know: an assumption, an ambiguity, a lost superscript.
    public let notes: [String]
    /// The intervention the fact belongs to, where known.
    public let subject: String?
    /// The text's own name for a timepoint or a period's visit code (`D14`, `M1`, `V1`).
    public let label: String?
    /// What a timepoint counts from (`end-of-treatment`, `first-dose`, `randomization`).
    public let anchor: String?
    /// For an interval: the 1-based numbers of the two administrations it separates.
    public let between: [Int]?

    public init(
        kind: FactKind, value: FactValue, field: FieldPath, text: String, utf8Range: Range<Int>, rule: String,
        notes: [String] = [], subject: String? = nil, label: String? = nil, anchor: String? = nil,
        between: [Int]? = nil
    ) {
        self.kind = kind
        self.value = value
        self.field = field
        self.text = text
        self.utf8Range = utf8Range
        self.rule = rule
        self.notes = notes
        self.subject = subject
        self.label = label
        self.anchor = anchor
        self.between = between
    }

    /// The contract's normal form of the value.
    public var normalized: String { value.description }

    public var description: String { "\(kind) \(normalized) «\(text)» [\(field)] (\(rule))" }
}

extension Fact: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, normalized, field, text, utf8Range, rule, notes, subject, label, anchor, between
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(FactKind.self, forKey: .kind)
        let normalized = try c.decode(String.self, forKey: .normalized)
        guard let value = FactValue(kind: kind, normalized: normalized) else {
            throw DecodingError.dataCorruptedError(
                forKey: .normalized, in: c, debugDescription: "'\(normalized)' is not a normal form of \(kind)")
        }
        self.value = value
        field = try c.decode(FieldPath.self, forKey: .field)
        text = try c.decode(String.self, forKey: .text)
        let range = try c.decode([Int].self, forKey: .utf8Range)
        guard range.count == 2, range[0] <= range[1] else {
            throw DecodingError.dataCorruptedError(forKey: .utf8Range, in: c, debugDescription: "expected [start, end]")
        }
        utf8Range = range[0]..<range[1]
        rule = try c.decode(String.self, forKey: .rule)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        label = try c.decodeIfPresent(String.self, forKey: .label)
        anchor = try c.decodeIfPresent(String.self, forKey: .anchor)
        between = try c.decodeIfPresent([Int].self, forKey: .between)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(normalized, forKey: .normalized)
        try c.encode(field, forKey: .field)
        try c.encode(text, forKey: .text)
        try c.encode([utf8Range.lowerBound, utf8Range.upperBound], forKey: .utf8Range)
        try c.encode(rule, forKey: .rule)
        try c.encode(notes, forKey: .notes)
        try c.encodeIfPresent(subject, forKey: .subject)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encodeIfPresent(anchor, forKey: .anchor)
        try c.encodeIfPresent(between, forKey: .between)
    }
}
