import Diagnostics
import RegistryModel

/// A complete record has a brief title.
public struct BriefTitleMissing: Rule {
    public static let description = RuleDescription(
        id: "brief-title-missing",
        defaultSeverity: .error,
        summary: "The brief title is present.",
        rationale: """
            The Brief Title is a required data element: the short title in plain language that the registry \
            lists the study under. Checked on complete records only.
            """,
        source: "DED (Brief Title, *); registry-facts R03",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "↓NCT00000102"},
                  "statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#, at: "protocolSection.identificationModule.briefTitle"),
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102", "briefTitle": "↓  "},
                  "statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102", "briefTitle": "Aspirin in Stroke"},
                  "statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#),
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "NCT06813157"}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [
            context.missingFinding(
                context.study.identification.briefTitle, path: FieldPath.identificationModule.appending("briefTitle"),
                module: .identificationModule, name: "the brief title")
        ].compactMap { $0 }
    }
}
