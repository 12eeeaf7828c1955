/// A named period of the study and the visit codes that open it (`screening`, `V1`).
public struct ProtocolPeriod: Sendable, Hashable, Codable {
    public var kind: PeriodKind
    /// The study's own codes for the period's visits (`V1`); several when the period spans several visits.
    public var visits: [String]

    public init(kind: PeriodKind, visits: [String] = []) {
        self.kind = kind
        self.visits = visits
    }

    /// `follow-up (V5)`.
    public var summary: String { visits.isEmpty ? kind.rawValue : "\(kind.rawValue) (\(visits.joined(separator: ", ")))" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try c.rejectUnknownKeys(["kind", "visit"], in: "a period")
        guard c.contains(AnyKey("kind")) else { throw c.failure("a period needs its `kind`, as in `kind: screening`") }
        kind = try c.decodeWord(PeriodKind.self, "kind", naming: "period")
        visits = try c.decodeOneOrMany(String.self, "visit")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(kind, forKey: AnyKey("kind"))
        try c.encodeOneOrMany(visits, forKey: AnyKey("visit"))
    }
}
