import Diagnostics
import RegistryModel

/// A study states at least one primary outcome.
public struct PrimaryOutcomeMissing: Rule {
    public static let description = RuleDescription(
        id: "primary-outcome-missing",
        defaultSeverity: .error,
        summary: "An interventional or observational study has at least one primary outcome measure.",
        rationale: """
            The Primary Outcome Measure is required: it is what the study is designed to measure. Expanded \
            access records have no outcomes and are not checked. Outcome measures became required with \
            FDAAA 801 (27 September 2007), so records first submitted before then are not checked either. \
            Checked on complete records only.
            """,
        source: "DED (Primary Outcome Measure *); registry-facts R32",
        triggeringExamples: [
            Example(#"""
                ↓{"protocolSection": {"statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#, at: "protocolSection.outcomesModule.primaryOutcomes"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "outcomesModule": {"primaryOutcomes": [{"measure": "Platelet count", "timeFrame": "12 months"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT06813157"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2005-09-12"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "AVAILABLE"},
                  "designModule": {"studyType": "EXPANDED_ACCESS"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.isComplete, !context.registeredBeforeFDAAA, let type = context.studyType, type != .expandedAccess,
            context.study.outcomes.primary.isEmpty
        else { return [] }
        // The module is absent when there is no outcome at all, so the place is the record's start.
        let path = FieldPath.outcomesModule.appending("primaryOutcomes")
        return [Finding("the study states no primary outcome measure", at: context.place(ofMissing: path, in: .outcomesModule))]
    }
}
