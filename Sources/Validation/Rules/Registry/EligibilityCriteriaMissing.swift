import Diagnostics
import RegistryModel

/// A complete record states its eligibility criteria.
public struct EligibilityCriteriaMissing: Rule {
    public static let description = RuleDescription(
        id: "eligibility-criteria-missing",
        defaultSeverity: .error,
        summary: "The eligibility criteria are present.",
        rationale: """
            Eligibility Criteria are a required data element, and their absence is one of the registry's \
            Major QC comments ("Eligibility Criteria appear to be missing"). Checked on complete records only.
            """,
        source: "DED (Eligibility Criteria *); PRS Major Comments; registry-facts R28",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "eligibilityModule": {"sex": "↓ALL", "minimumAge": "18 Years"}}}
                """#, at: "protocolSection.eligibilityModule.eligibilityCriteria"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Adults", "sex": "ALL"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [
            context.missingFinding(
                context.study.eligibility.criteria, path: FieldPath.eligibilityModule.appending("eligibilityCriteria"),
                module: .eligibilityModule, name: "the eligibility criteria", plural: true)
        ].compactMap { $0 }
    }
}
