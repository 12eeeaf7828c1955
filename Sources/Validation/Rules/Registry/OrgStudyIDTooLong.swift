import Diagnostics
import RegistryModel

/// The organisation's unique protocol id is at most 30 characters.
public struct OrgStudyIDTooLong: Rule {
    public static let description = RuleDescription(
        id: "org-study-id-too-long",
        defaultSeverity: .error,
        summary: "The organization's unique protocol id is at most 30 characters.",
        rationale: "PRS limits the Unique Protocol ID to 30 characters and refuses longer ones.",
        source: "DED (Unique Protocol Identification Number, limit 30); registry-facts R02",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "orgStudyIdInfo": {"id": "PROTOCOL-2019-ONCOLOGY-PHASE2-↓EXTENSION"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "orgStudyIdInfo": {"id": "PROTOCOL-2019-ONCOLOGY-PHASE2-"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.identification.orgStudyId, limit: 30, name: "the organization's unique protocol id")]
            .compactMap { $0 }
    }
}
