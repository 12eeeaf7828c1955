import Diagnostics
import RegistryModel

/// Each secondary id is at most 30 characters.
public struct SecondaryIDTooLong: Rule {
    public static let description = RuleDescription(
        id: "secondary-id-too-long",
        defaultSeverity: .error,
        summary: "Each secondary id is at most 30 characters.",
        rationale: "PRS limits each Secondary ID to 30 characters.",
        source: "DED (Secondary IDs, limit 30); registry-facts R05",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "secondaryIdInfos": [{"id": "U1111-1234-5678"}, {"id": "EUDRACT-2019-001234-56-SUBSTUD↓Y-B"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00000102",
                  "secondaryIdInfos": [{"id": "2019-001234-56"}, {"id": "R01 HL123456"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // Each id measured in place, and copied out only when it might be too long.
        let ids = context.study.identification.secondaryIds
        return ids.indices.compactMap { i in
            guard ids[i].value.utf8.count > 30 else { return nil }
            return context.lengthFinding(ids[i], limit: 30, name: "the secondary id")
        }
    }
}
