import Diagnostics
import RegistryModel

/// Study population and sampling method belong to observational studies.
public struct ObservationalOnlyFields: Rule {
    public static let description = RuleDescription(
        id: "observational-only-fields",
        defaultSeverity: .warning,
        summary: "Study population and sampling method are given only for observational studies.",
        rationale: """
            The study population description and the sampling method describe how an observational study \
            draws its participants; the PRS upload schema asks for them only when the study is observational.
            """,
        source: "PRSXSD (\"specify iff study type is observational\"); registry-facts R29",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL"},
                  "eligibilityModule": {"studyPopulation": "↓Adults seen at the clinic", "samplingMethod": "↓NON_PROBABILITY_SAMPLE"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL"},
                  "eligibilityModule": {"studyPopulation": "Adults seen at the clinic", "samplingMethod": "NON_PROBABILITY_SAMPLE"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let type = context.studyType, type != .observational else { return [] }
        let eligibility = context.study.eligibility
        var findings: [Finding] = []
        if let population = eligibility.studyPopulation {
            findings.append(Finding("a \(type.rawValue) study has a study population description", at: context.place(of: population)))
        }
        if let sampling = eligibility.samplingMethod {
            findings.append(Finding("a \(type.rawValue) study has a sampling method", at: context.place(of: sampling)))
        }
        return findings
    }
}
