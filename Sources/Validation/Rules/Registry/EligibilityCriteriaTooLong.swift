import Diagnostics
import RegistryModel

/// The eligibility criteria are at most 20,000 characters.
public struct EligibilityCriteriaTooLong: Rule {
    public static let description = RuleDescription(
        id: "eligibility-criteria-too-long",
        defaultSeverity: .error,
        summary: "The eligibility criteria are at most 20,000 characters.",
        rationale: "PRS limits the Eligibility Criteria to 20,000 characters of source markup.",
        source: "DED (Eligibility Criteria, limit 20,000); registry-facts R28",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"eligibilityModule": {
                  "eligibilityCriteria": "\#(String(repeating: "* Adults. ", count: 2000))↓* Others"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"eligibilityModule": {
                  "eligibilityCriteria": "\#(String(repeating: "* Adults. ", count: 2000))"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.eligibility.criteria, limit: 20000, name: "the eligibility criteria")].compactMap { $0 }
    }
}
