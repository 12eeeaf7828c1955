/// A scheduled assessment or follow-up visit: its offset from its anchor, its name, and its window.
public struct ProtocolTimepoint: Sendable, Hashable, Codable {
    /// The text's own name for it: `D14`, `M1`, `week 4`.
    public var label: String?
    public var offset: ISODuration
    /// What the offset counts from; without one, the timepoint matches a record's timepoint at the same
    /// offset whatever its anchor.
    public var anchor: TimepointAnchor?
    public var window: Window?

    public init(label: String? = nil, offset: ISODuration, anchor: TimepointAnchor? = nil, window: Window? = nil) {
        self.label = label
        self.offset = offset
        self.anchor = anchor
        self.window = window
    }

    /// `true` when a timepoint stated at `offset` from `anchor` (or from an unnamed anchor) is this one:
    /// the same length of time (`P2W` is `P14D`), and the same anchor when both name one.
    public func matches(offset other: ISODuration, anchor otherAnchor: TimepointAnchor?) -> Bool {
        guard offset.isSameLength(as: other) else { return false }
        guard let anchor, let otherAnchor else { return true }
        return anchor == otherAnchor
    }

    /// `M1 (P1M after end-of-treatment)`.
    public var summary: String {
        let place = anchor.map { "\(offset) after \($0)" } ?? offset.description
        return label.map { "\($0) (\(place))" } ?? place
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try c.rejectUnknownKeys(["label", "offset", "anchor", "window"], in: "a timepoint")
        guard c.contains(AnyKey("offset")) else { throw c.failure("a timepoint needs its `offset`, as in `offset: P14D`") }
        label = try c.decodeIfPresent(String.self, forKey: AnyKey("label"))
        offset = try c.decode(ISODuration.self, forKey: AnyKey("offset"))
        if let word = try c.decodeIfPresent(String.self, forKey: AnyKey("anchor")) {
            guard let anchor = TimepointAnchor(rawValue: word) else {
                throw c.failure("anchor", "unknown anchor '\(word)'\(Spelling.hint(for: word, among: TimepointAnchor.known))")
            }
            self.anchor = anchor
        }
        window = try c.decodeIfPresent(Window.self, forKey: AnyKey("window"))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encodeIfPresent(label, forKey: AnyKey("label"))
        try c.encode(offset, forKey: AnyKey("offset"))
        try c.encodeIfPresent(anchor?.rawValue, forKey: AnyKey("anchor"))
        try c.encodeIfPresent(window, forKey: AnyKey("window"))
    }
}

/// What a timepoint counts from, as the facts contract names anchors: `end-of-treatment`, `first-dose`,
/// `randomization`, `dose-3` (the third administration), …
public struct TimepointAnchor: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// The anchors with a fixed name; `dose-N` names the N-th administration.
    public static let known = [
        "first-dose", "second-dose", "start-of-treatment", "end-of-treatment", "cycle-start", "administration",
        "randomization", "enrollment", "baseline", "diagnosis", "transplant", "surgery", "procedure",
    ]

    public static let endOfTreatment = TimepointAnchor(rawValue: "end-of-treatment")!
    public static let firstDose = TimepointAnchor(rawValue: "first-dose")!
    public static let startOfTreatment = TimepointAnchor(rawValue: "start-of-treatment")!

    /// A known anchor, or `dose-N` for N ≥ 3; `nil` for any other word.
    public init?(rawValue: String) {
        if !TimepointAnchor.known.contains(rawValue) {
            guard rawValue.hasPrefix("dose-"), let n = Int(rawValue.dropFirst(5)), n >= 3, String(n) == rawValue.dropFirst(5) else {
                return nil
            }
        }
        self.rawValue = rawValue
    }

    /// `true` for anchors at the start of dosing, from which administration days are counted too.
    public var isStartOfDosing: Bool { self == .firstDose || self == .startOfTreatment }

    public var description: String { rawValue }
}
