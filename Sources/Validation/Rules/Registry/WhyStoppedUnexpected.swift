import Diagnostics
import RegistryModel

/// Only a study that stopped early gives a why-stopped reason.
public struct WhyStoppedUnexpected: Rule {
    public static let description = RuleDescription(
        id: "why-stopped-unexpected",
        defaultSeverity: .error,
        summary: "Why Stopped is given only when the status is suspended, terminated or withdrawn.",
        rationale: """
            Why Stopped is collected only for studies that are Suspended, Terminated or Withdrawn. A reason \
            on a study with another status usually means the status was changed and the reason left behind, \
            and readers take the study for stopped. A study whose status became Unknown is judged by its \
            last known status.
            """,
        source: "DED (Why Stopped: \"if the overall status is Suspended, Terminated, or Withdrawn\"); registry-facts R08",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "whyStopped": "↓Sponsor decision"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "WITHDRAWN", "whyStopped": "No participants enrolled"}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "UNKNOWN", "lastKnownStatus": "SUSPENDED",
                  "whyStopped": "Drug supply"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let status = context.study.status
        guard let why = status.whyStopped, !why.value.isBlank,
            let effective = status.effectiveStatus, !WhyStoppedMissing.stopped.contains(effective)
        else { return [] }
        return [
            Finding(
                "a why-stopped reason is given, but the study's status is \(effective.rawValue)", at: context.place(of: why),
                notes: status.overallStatus.map { [context.note("the overall status", at: $0)] } ?? [],
                fix: FixIt("remove the reason, or set the status the reason belongs to"))
        ]
    }
}

extension Status {
    /// The status a rule should judge by: the last known status when the registry has set the overall
    /// status to Unknown, else the overall status.
    var effectiveStatus: OverallStatus? {
        let overall = overallStatus?.value.code
        if overall == .unknown, let last = lastKnownStatus?.value.code { return last }
        return overall
    }
}
