import Diagnostics
import RegistryModel

/// Date types agree with the recruitment status.
public struct StatusDateType: Rule {
    static let closed: Set<OverallStatus> = [.activeNotRecruiting, .completed, .terminated]

    public static let description = RuleDescription(
        id: "status-date-type",
        defaultSeverity: .warning,
        summary: "Date types agree with the status: closed studies started (ACTUAL), completed ones completed, unstarted ones did not.",
        rationale: """
            Once recruitment has closed (active not recruiting, completed, terminated) the study has \
            started, so its start date is ACTUAL; a completed study has ACTUAL primary completion and \
            completion dates; a study not yet recruiting cannot have an ACTUAL completion. (CTRP says the \
            same of withdrawn studies, but the registry records the day a study was withdrawn as its actual \
            completion, so withdrawn studies are not checked.)
            """,
        source: "CTRP System Rules for Study Status and Dates (mapped to ClinicalTrials.gov statuses); registry-facts R15",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "2020-01", "type": "↓ESTIMATED"},
                  "primaryCompletionDateStruct": {"date": "2021-01", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2021-06", "type": "↓ESTIMATED"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "NOT_YET_RECRUITING",
                  "startDateStruct": {"date": "2020-01", "type": "ESTIMATED"},
                  "completionDateStruct": {"date": "2021-06", "type": "↓ACTUAL"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "2020-01", "type": "ACTUAL"},
                  "primaryCompletionDateStruct": {"date": "2021-01", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2021-06", "type": "ACTUAL"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "WITHDRAWN",
                  "startDateStruct": {"date": "2020-01", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2028-06", "type": "ESTIMATED"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let status = context.study.status
        guard let statusField = status.overallStatus, let code = statusField.value.code else { return [] }
        var findings: [Finding] = []
        func report(_ date: DateStruct?, _ name: String, expected: DateType) {
            guard let typeField = date?.type, let type = typeField.value.code, type != expected else { return }
            let word = expected == .actual ? "ACTUAL" : "ESTIMATED"
            findings.append(
                Finding(
                    "the \(name) of a \(code.rawValue) study should be \(word), not \(type.rawValue)", at: context.place(of: typeField),
                    notes: [context.note("the overall status", at: statusField)]))
        }
        if StatusDateType.closed.contains(code) { report(status.startDate, "start date", expected: .actual) }
        if code == .completed {
            report(status.primaryCompletionDate, "primary completion date", expected: .actual)
            report(status.completionDate, "completion date", expected: .actual)
        }
        if code == .notYetRecruiting { report(status.completionDate, "completion date", expected: .estimated) }
        return findings
    }
}
