import Diagnostics
import RegistryModel

/// An actual date has happened; an estimated date has not.
public struct DateTypeCalendar: Rule {
    public static let description = RuleDescription(
        id: "date-type-calendar",
        defaultSeverity: .warning,
        summary: "ACTUAL dates are not after the record's last update; ESTIMATED dates are not before it.",
        rationale: """
            A date typed ACTUAL says the milestone has happened, a date typed ESTIMATED that it has not. The \
            record's last update posting date (or, without one, today) is when the sponsor last stated \
            this, so an actual date after it, or an estimated date wholly before it, was not kept up to date.
            """,
        source: "CTRP System Rules for Study Status and Dates; registry-facts R14",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING",
                  "startDateStruct": {"date": "2023-01", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "↓2023-06", "type": "ESTIMATED"},
                  "lastUpdatePostDateStruct": {"date": "2024-02-01", "type": "ACTUAL"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING",
                  "startDateStruct": {"date": "↓2026-01", "type": "ACTUAL"},
                  "lastUpdatePostDateStruct": {"date": "2025-02-03", "type": "ACTUAL"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING",
                  "startDateStruct": {"date": "2025-02", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2025-02", "type": "ESTIMATED"},
                  "lastUpdatePostDateStruct": {"date": "2025-02-14", "type": "ACTUAL"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let status = context.study.status
        let reference = status.lastUpdate ?? context.today
        // Written for findings only: most dates are typed right.
        var against: String { status.lastUpdate == nil ? "today (\(reference))" : "the record's last update (\(reference))" }
        var findings: [Finding] = []
        // Each milestone's date and type read in place; its fields are looked up only for a finding.
        for k in Status.milestoneNames.indices {
            guard let date = status.milestoneDate(k), let type = status.milestoneType(k) else { continue }
            let name = Status.milestoneNames[k]
            switch type {
            case .actual where reference.isCertainlyBefore(date):
                guard let milestone = status.milestone(k), let typeField = milestone.type else { continue }
                findings.append(
                    Finding(
                        "the \(name) \(date) is typed ACTUAL but is after \(against)", at: context.place(of: milestone.date),
                        notes: [context.note("the date type", at: typeField)]))
            case .estimated where date.isCertainlyBefore(reference):
                guard let milestone = status.milestone(k), let typeField = milestone.type else { continue }
                findings.append(
                    Finding(
                        "the \(name) \(date) is typed ESTIMATED but had passed by \(against)",
                        at: context.place(of: milestone.date), notes: [context.note("the date type", at: typeField)],
                        fix: nil))
            default:
                break
            }
        }
        return findings
    }
}
