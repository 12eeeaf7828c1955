import Diagnostics
import RegistryModel

/// The detailed description is at most 32,000 characters.
public struct DetailedDescriptionTooLong: Rule {
    public static let description = RuleDescription(
        id: "detailed-description-too-long",
        defaultSeverity: .error,
        summary: "The detailed description is at most 32,000 characters.",
        rationale: "PRS limits the Detailed Description to 32,000 characters of source markup.",
        source: "DED (Detailed Description, limit 32,000); registry-facts R07",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "detailedDescription": "\#(String(repeating: "Visit 1 V2 ", count: 2909))V↓3"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "detailedDescription": "\#(String(repeating: "Visit 1 V2 ", count: 2909))V"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.description.detailedDescription, limit: 32000, name: "the detailed description")]
            .compactMap { $0 }
    }
}
