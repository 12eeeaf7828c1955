/// A route of administration, as the facts contract names them.
public enum Route: String, Sendable, Hashable, CaseIterable, Codable {
    case intravenous, oral, subcutaneous, intramuscular, intrathecal, intravitreal, intratumoral, inhaled, topical
    case transdermal, intranasal
    case intraArticular = "intra-articular"
    case intravesical, rectal, sublingual
}

/// A named study period, as the facts contract names them.
public enum PeriodKind: String, Sendable, Hashable, CaseIterable, Codable {
    case screening
    case runIn = "run-in"
    case baseline, treatment
    case followUp = "follow-up"
    case washout, `extension`

    /// The usual order of periods in a study, for checks that periods come in sequence.
    public var typicalOrder: Int {
        switch self {
        case .screening: 0
        case .runIn: 1
        case .washout: 2
        case .baseline: 3
        case .treatment: 4
        case .followUp: 5
        case .`extension`: 6
        }
    }
}

/// A design feature a text can state, as the facts contract names them.
public enum DesignFeature: String, Sendable, Hashable, CaseIterable, Codable {
    case singleArm = "single-arm"
    case singleCenter = "single-center"
    case multicenter
    case randomized
    case nonRandomized = "non-randomized"
    case openLabel = "open-label"
    case singleBlind = "single-blind"
    case doubleBlind = "double-blind"
    case placeboControlled = "placebo-controlled"
    case crossover, parallel
    case doseEscalation = "dose-escalation"
}
