import Diagnostics
import RegistryModel

/// The brief title is at most 300 characters.
public struct BriefTitleTooLong: Rule {
    public static let description = RuleDescription(
        id: "brief-title-too-long",
        defaultSeverity: .error,
        summary: "The brief title is at most 300 characters.",
        rationale: "PRS limits the Brief Title to 300 characters.",
        source: "DED (Brief Title, limit 300); registry-facts R03",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "briefTitle": "\#(String(repeating: "A study of aspirin. ", count: 15))↓and more"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "briefTitle": "\#(String(repeating: "A study of aspirin. ", count: 15))"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.identification.briefTitle, limit: 300, name: "the brief title")].compactMap { $0 }
    }
}
