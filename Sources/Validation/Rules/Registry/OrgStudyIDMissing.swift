import Diagnostics
import RegistryModel

/// A complete record has an organisation's unique protocol id.
public struct OrgStudyIDMissing: Rule {
    public static let description = RuleDescription(
        id: "org-study-id-missing",
        defaultSeverity: .error,
        summary: "The organization's unique protocol id (orgStudyIdInfo.id) is present.",
        rationale: """
            The Unique Protocol ID is a required data element: it is how the sponsor's own systems name the \
            study. Checked on complete records only (those holding a status and a design module).
            """,
        source: "DED (Unique Protocol Identification Number, *); registry-facts R02",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "↓NCT00000102", "briefTitle": "A study"},
                  "statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#, at: "protocolSection.identificationModule.orgStudyIdInfo.id"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102", "orgStudyIdInfo": {"id": "CCBD-01"}},
                  "statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#),
            Example(#"{"protocolSection": {"identificationModule": {"nctId": "NCT06813157"}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // The path is built for a finding only (`missingFinding` takes it as an autoclosure).
        [
            context.missingFinding(
                context.study.identification.orgStudyId, path: FieldPath.identificationModule.appending("orgStudyIdInfo").appending("id"),
                module: .identificationModule,
                name: "the organization's unique protocol id")
        ].compactMap { $0 }
    }
}
