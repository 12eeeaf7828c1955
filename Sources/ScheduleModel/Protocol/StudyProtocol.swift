/// What a study promises about its schedule: the content of a protocol file.
///
/// A protocol file (YAML or JSON; `Docs/protocol-file.md`) names the study, its design features, each
/// intervention with its dose, route, number of administrations and each administration's nominal day and
/// window, the timepoints of assessment and follow-up with their anchors, and the study's periods with their
/// visit codes. `ctlint check --protocol` compares a record with it; `ctlint baseline` writes the one a
/// record's own text implies. Every part is optional: a protocol promises only what it states.
public struct StudyProtocol: Sendable, Hashable, Codable {
    /// The version of the file format this model reads and writes.
    public static let formatVersion = 1

    /// The NCT id of the study the protocol describes.
    public var study: String?
    public var design: [DesignFeature]
    public var interventions: [ProtocolIntervention]
    public var timepoints: [ProtocolTimepoint]
    public var periods: [ProtocolPeriod]

    public init(
        study: String? = nil, design: [DesignFeature] = [], interventions: [ProtocolIntervention] = [],
        timepoints: [ProtocolTimepoint] = [], periods: [ProtocolPeriod] = []
    ) {
        self.study = study
        self.design = design
        self.interventions = interventions
        self.timepoints = timepoints
        self.periods = periods
    }

    /// The keys of a protocol file, in the order files are written.
    static let keys = ["version", "study", "design", "interventions", "timepoints", "periods"]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try c.rejectUnknownKeys(Self.keys, in: "the protocol")
        if c.contains(AnyKey("version")) {
            let version = try c.decode(Int.self, forKey: AnyKey("version"))
            guard version == Self.formatVersion else {
                throw c.failure("version", "this ctlint reads protocol files of version \(Self.formatVersion), not \(version)")
            }
        }
        study = try c.decodeIfPresent(String.self, forKey: AnyKey("study"))
        design = try c.decodeWords(DesignFeature.self, "design", naming: "design feature")
        interventions = try c.decodeIfPresent([ProtocolIntervention].self, forKey: AnyKey("interventions")) ?? []
        timepoints = try c.decodeIfPresent([ProtocolTimepoint].self, forKey: AnyKey("timepoints")) ?? []
        periods = try c.decodeIfPresent([ProtocolPeriod].self, forKey: AnyKey("periods")) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(Self.formatVersion, forKey: AnyKey("version"))
        try c.encodeIfPresent(study, forKey: AnyKey("study"))
        if !design.isEmpty { try c.encode(design, forKey: AnyKey("design")) }
        if !interventions.isEmpty { try c.encode(interventions, forKey: AnyKey("interventions")) }
        if !timepoints.isEmpty { try c.encode(timepoints, forKey: AnyKey("timepoints")) }
        if !periods.isEmpty { try c.encode(periods, forKey: AnyKey("periods")) }
    }
}
