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
        // reported once.
        var previous: MilestoneDate?
        context.study.status.forEachMilestone { later in
            guard later.date != nil else { return }
            defer { previous = later }
            guard let earlier = previous, let a = earlier.date, let b = later.date, b.isCertainlyBefore(a) else { return }
            findings.append(
                Finding(
                    "the \(later.name) \(b) is before the \(earlier.name) \(a)", at: context.place(of: later.value.date),
                    notes: [context.note("the \(earlier.name)", at: earlier.value.date)]))
        }
        return findings
    }
}
