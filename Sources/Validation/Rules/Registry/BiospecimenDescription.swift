import Diagnostics
import RegistryModel

/// Retained biospecimens are described only when some are retained.
public struct BiospecimenDescription: Rule {
    public static let description = RuleDescription(
        id: "biospecimen-description",
        defaultSeverity: .warning,
        summary: "A biospecimen description is given only when specimens are retained.",
        rationale: """
            The biospecimen description says which specimens are kept; with retention NONE_RETAINED there \
            is nothing to describe, and a description suggests the retention is wrong.
            """,
        source: "PRSXSD biospec_descr (\"specify iff retention is not none retained\"); registry-facts R29",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL",
                  "bioSpec": {"retention": "NONE_RETAINED", "description": "↓Whole blood and serum"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL",
                  "bioSpec": {"retention": "SAMPLES_WITH_DNA", "description": "Whole blood and serum"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let design = context.study.design
        guard let retention = design.bioSpecRetention, retention.value.code == .noneRetained,
            let description = design.bioSpecDescription, !description.value.isBlank
        else { return [] }
        return [
            Finding(
                "biospecimens are described, but the retention is NONE_RETAINED", at: context.place(of: description),
                notes: [context.note("the retention", at: retention)])
        ]
    }
}
