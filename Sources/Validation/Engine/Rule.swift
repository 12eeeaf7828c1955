import Diagnostics

/// The families of rules, by what they compare.
public enum RuleFamily: String, Sendable, Hashable, CaseIterable, Codable {
    /// The registry's own checks on one record: field limits, required fields, codes, dates, design.
    case registry
    /// Agreement between the fields and free texts of one record.
    case consistency
    /// Agreement between a record and the protocol file it is checked against.
    case `protocol`
}

/// A check of one record: its identity and documentation, its examples, and the check itself.
///
/// A rule reports `Finding`s without a severity; the engine gives each the rule's configured severity,
/// so that policy is applied in one place. One rule is one id and one file, with examples that run as
/// tests (`RuleExampleTests`).
public protocol Rule: Sendable {
    /// What the rule is, why it exists, and its examples.
    static var description: RuleDescription { get }

    /// Checks one record.
    func check(_ context: RuleContext) -> [Finding]
}

extension Rule {
    /// The rule's description, reachable from an existential `any Rule`.
    public var ruleDescription: RuleDescription { Self.description }
}

/// A rule's identity and documentation.
public struct RuleDescription: Sendable {
    /// Stable, kebab-case, written once: `single-group-arm-count`.
    public let id: String
    public let family: RuleFamily
    public let defaultSeverity: Severity
    /// One line: what the rule checks.
    public let summary: String
    /// Why the rule exists, in a few sentences.
    public let rationale: String
    /// Where the rule comes from: "DED; registry-facts R06".
    public let source: String
    /// Records on which the rule must report, and where.
    public let triggeringExamples: [Example]
    /// Records on which the rule must stay silent.
    public let nonTriggeringExamples: [Example]

    public init(
        id: String, family: RuleFamily = .registry, defaultSeverity: Severity, summary: String, rationale: String,
        source: String, triggeringExamples: [Example], nonTriggeringExamples: [Example]
    ) {
        self.id = id
        self.family = family
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.source = source
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
    }

    /// The part renderers need.
    public var info: RuleInfo {
        RuleInfo(
            id: id, family: family.rawValue, defaultSeverity: defaultSeverity, summary: summary, rationale: rationale,
            source: source)
    }
}
