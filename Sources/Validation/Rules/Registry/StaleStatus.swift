import Diagnostics
import RegistryModel

/// An open study not verified for two years and past its completion has an unknown status.
public struct StaleStatus: Rule {
    static let open: Set<OverallStatus> = [.recruiting, .notYetRecruiting, .available]

    public static let description = RuleDescription(
        id: "stale-status",
        defaultSeverity: .warning,
        summary: "An open status not verified for 2 years, past primary completion or completion, is stale.",
        rationale: """
            An open study (recruiting, not yet recruiting, or expanded access available) must have its status \
            verified; when it has not been verified for two years and its primary completion or completion \
            date has passed, ClinicalTrials.gov shows the status as Unknown and keeps the old one as the last \
            known status. The check is made as of the record's last update (a record downloaded years ago \
            was not stale when it was posted), or as of today (`--as-of`) for a record that does not say \
            when it was last updated.
            """,
        source: "public.xsd change log 2016-11-24; registry-facts R16",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "↓RECRUITING", "statusVerifiedDate": "2022-03",
                  "startDateStruct": {"date": "2021-01", "type": "ACTUAL"},
                  "primaryCompletionDateStruct": {"date": "2023-12", "type": "ESTIMATED"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "2024-03",
                  "primaryCompletionDateStruct": {"date": "2023-12", "type": "ESTIMATED"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "2022-03",
                  "primaryCompletionDateStruct": {"date": "2026-12", "type": "ESTIMATED"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "statusVerifiedDate": "2022-03",
                  "primaryCompletionDateStruct": {"date": "2023-12", "type": "ESTIMATED"},
                  "lastUpdatePostDateStruct": {"date": "2023-01-10", "type": "ACTUAL"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let status = context.study.status
        guard let statusField = status.overallStatus, let code = statusField.value.code, StaleStatus.open.contains(code),
            let verifiedField = status.statusVerifiedDate, let verified = verifiedField.value.date
        else { return [] }
        let reference = status.lastUpdate ?? context.today
        guard let twoYearsAgo = PartialDate(year: reference.year - 2, month: reference.month, day: min(reference.day ?? 1, 28)),
            verified.isCertainlyBefore(twoYearsAgo)
        else { return [] }
        let passed = status.milestones.dropFirst(status.startDate == nil ? 0 : 1)
            .first { $0.date?.isCertainlyBefore(reference) == true }
        guard let passed, let passedDate = passed.date else { return [] }
        // Worded only for a finding: spelling the date out cost more than the rest of the rule.
        let against = status.lastUpdate == nil ? "today (\(reference))" : "the record's last update (\(reference))"
        return [
            Finding(
                "the status \(code.rawValue) was last verified \(verified), over two years before \(against), and the \(passed.name) \(passedDate) had passed",
                at: context.place(of: statusField),
                notes: [context.note("last verified", at: verifiedField), context.note("the \(passed.name)", at: passed.value.date)],
                fix: FixIt("verify the status and update it; the registry shows such a study as UNKNOWN"))
        ]
    }
}
