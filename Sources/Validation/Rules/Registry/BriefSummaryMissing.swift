import Diagnostics
import RegistryModel

/// A complete record has a brief summary.
public struct BriefSummaryMissing: Rule {
    public static let description = RuleDescription(
        id: "brief-summary-missing",
        defaultSeverity: .error,
        summary: "The brief summary is present.",
        rationale: """
            The Brief Summary is a required data element: the short description of the study for the lay \
            public. Checked on complete records only, so that an export of some modules is not faulted for \
            the modules it leaves out.
            """,
        source: "DED (Brief Summary, *); registry-facts R06",
        triggeringExamples: [
            Example(#"""
                ↓{"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102"},
                  "statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#, at: "protocolSection.descriptionModule.briefSummary"),
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102"},
                  "statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "descriptionModule": {"detailedDescription": "↓Participants take aspirin daily."},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#, at: "protocolSection.descriptionModule.briefSummary"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102"},
                  "statusModule": {"overallStatus": "COMPLETED"},
                  "descriptionModule": {"briefSummary": "Aspirin after stroke."},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#),
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT06813157"},
                  "descriptionModule": {"detailedDescription": "Screening (V1), baseline (V2)."}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [
            context.missingFinding(
                context.study.description.briefSummary, path: .briefSummary, module: .descriptionModule,
                name: "the brief summary")
        ].compactMap { $0 }
    }
}
