import Diagnostics
import RegistryModel

/// The acronym is at most 14 characters.
public struct AcronymTooLong: Rule {
    public static let description = RuleDescription(
        id: "acronym-too-long",
        defaultSeverity: .error,
        summary: "The acronym is at most 14 characters.",
        rationale: "PRS limits the study Acronym to 14 characters.",
        source: "DED (Acronym, limit 14); registry-facts R05",
        triggeringExamples: [
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "NCT00000102", "acronym": "CARDIOPROTECT-↓II"}}}"#),
        ],
        nonTriggeringExamples: [
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "NCT00000102", "acronym": "CARDIOPROTECT2"}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.identification.acronym, limit: 14, name: "the acronym")].compactMap { $0 }
    }
}
