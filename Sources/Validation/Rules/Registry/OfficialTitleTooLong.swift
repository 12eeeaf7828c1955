import Diagnostics
import RegistryModel

/// The official title is at most 600 characters.
public struct OfficialTitleTooLong: Rule {
    public static let description = RuleDescription(
        id: "official-title-too-long",
        defaultSeverity: .error,
        summary: "The official title is at most 600 characters.",
        rationale: "PRS limits the Official Title to 600 characters.",
        source: "DED (Official Title, limit 600); registry-facts R04",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "officialTitle": "\#(String(repeating: "A Randomized Trial. ", count: 30))↓Extended"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "officialTitle": "\#(String(repeating: "A Randomized Trial. ", count: 30))"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.identification.officialTitle, limit: 600, name: "the official title")]
            .compactMap { $0 }
    }
}
