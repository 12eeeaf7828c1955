import Diagnostics
import RegistryModel

/// Model, masking and biospecimen descriptions are at most 1,000 characters; the study population too.
public struct DesignDescriptionTooLong: Rule {
    public static let description = RuleDescription(
        id: "design-description-too-long",
        defaultSeverity: .error,
        summary: "Model, masking and biospecimen descriptions and the study population are at most 1,000 characters.",
        rationale: """
            PRS limits the Interventional Study Model Description, the Masking Description, the Biospecimen \
            Description and the Study Population Description to 1,000 characters each.
            """,
        source: "DED (limits 1,000); registry-facts §1.2",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "designInfo": {
                  "interventionModel": "PARALLEL",
                  "interventionModelDescription": "\#(String(repeating: "Two arms. ", count: 100))↓Then"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "designInfo": {
                  "interventionModel": "PARALLEL",
                  "interventionModelDescription": "\#(String(repeating: "Two arms. ", count: 100))"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let design = context.study.design
        return [
            context.lengthFinding(design.interventionModelDescription, limit: 1000, name: "the intervention model description"),
            context.lengthFinding(design.maskingDescription, limit: 1000, name: "the masking description"),
            context.lengthFinding(design.bioSpecDescription, limit: 1000, name: "the biospecimen description"),
            context.lengthFinding(context.study.eligibility.studyPopulation, limit: 1000, name: "the study population description"),
        ].compactMap { $0 }
    }
}
