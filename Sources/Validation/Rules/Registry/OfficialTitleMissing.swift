import Diagnostics
import RegistryModel

/// A study that started on or after 18 January 2017 has an official title.
public struct OfficialTitleMissing: Rule {
    /// The day the Final Rule (42 CFR Part 11) made the official title required.
    static let requiredFrom = PartialDate(year: 2017, month: 1, day: 18)!

    public static let description = RuleDescription(
        id: "official-title-missing",
        defaultSeverity: .error,
        summary: "A study starting on or after 2017-01-18 has an official title.",
        rationale: """
            The Official Title became required for studies with a start date on or after 18 January 2017, \
            the effective date of 42 CFR Part 11. A start date known only to the month or year counts when \
            every day it covers is on or after that date.
            """,
        source: "DED (Official Title, *§); registry-facts R04",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "↓NCT06813157", "briefTitle": "MSC in ITP"},
                  "statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "RECRUITING", "startDateStruct": {"date": "2025-02", "type": "ACTUAL"}},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#, at: "protocolSection.identificationModule.officialTitle"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102", "briefTitle": "Aspirin"},
                  "statusModule": {"overallStatus": "COMPLETED", "startDateStruct": {"date": "2016-03"}},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
            Example(#"""
                {"protocolSection": {
                  "identificationModule": {"nctId": "NCT00000102", "briefTitle": "Aspirin"},
                  "statusModule": {"overallStatus": "COMPLETED", "startDateStruct": {"date": "2017"}},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let start = context.study.status.startDate?.date.value.date,
            start.firstDay >= OfficialTitleMissing.requiredFrom.firstDay
        else { return [] }
        return [
            context.missingFinding(
                context.study.identification.officialTitle, path: FieldPath.identificationModule.appending("officialTitle"),
                module: .identificationModule, name: "the official title (required for studies starting from 2017-01-18)")
        ].compactMap { $0 }
    }
}
