/// What a renderer needs to know about a rule: SARIF lists it under `tool.driver.rules`, JUnit makes
/// one test case of it per record. The rules themselves live in `Validation`.
public struct RuleInfo: Sendable, Hashable {
    public let id: String
    /// `registry`, `consistency` or `protocol`.
    public let family: String
    public let defaultSeverity: Severity
    /// One line: what the rule checks.
    public let summary: String
    /// Why the rule exists.
    public let rationale: String
    /// Where the rule comes from, for example "DED; registry-facts R06".
    public let source: String

    public init(id: String, family: String, defaultSeverity: Severity, summary: String, rationale: String, source: String) {
        self.id = id
        self.family = family
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
        self.source = source
    }
}
