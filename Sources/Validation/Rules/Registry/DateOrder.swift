import Diagnostics
import RegistryModel

/// Start, primary completion and completion come in that order.
public struct DateOrder: Rule {
    public static let description = RuleDescription(
        id: "date-order",
        defaultSeverity: .error,
        summary: "Start ≤ primary completion ≤ completion, comparing partial dates by the days they cover.",
        rationale: """
            A study cannot complete before it starts, nor finish collecting its primary outcome after it \
            has completed. Partial dates are compared by the span each covers: "2025-02" is all of February, \
            so it is before "2025-03" but neither before nor after "2025-02-14".
            """,
        source: "CTRP System Rules for Study Status and Dates; registry-facts R13",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "2020-03-10", "type": "ACTUAL"},
                  "primaryCompletionDateStruct": {"date": "↓2020-02", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2021-01", "type": "ACTUAL"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "2020", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "↓2019-12-31", "type": "ACTUAL"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED",
                  "startDateStruct": {"date": "2025-02-14", "type": "ACTUAL"},
                  "primaryCompletionDateStruct": {"date": "2025-02", "type": "ACTUAL"},
                  "completionDateStruct": {"date": "2025", "type": "ACTUAL"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Each date against the nearest earlier milestone that is stated, so one misplaced date is
        // reported once. The milestones are named by their place in `Status.milestones` and their dates read
        // in place: a milestone copied out retains each of its values, and most records state their dates in
        // order.
        var previous: (milestone: Int, date: PartialDate)?
        for k in Status.milestoneNames.indices {
            guard let b = context.study.status.milestoneDate(k) else { continue }
            defer { previous = (k, b) }
            guard let (j, a) = previous, b.isCertainlyBefore(a),
                let later = context.study.status.milestone(k),
                let earlier = context.study.status.milestone(j)
            else { continue }
            findings.append(
                Finding(
                    "the \(Status.milestoneNames[k]) \(b) is before the \(Status.milestoneNames[j]) \(a)", at: context.place(of: later.date),
                    notes: [context.note("the \(Status.milestoneNames[j])", at: earlier.date)]))
        }
        return findings
    }

}
