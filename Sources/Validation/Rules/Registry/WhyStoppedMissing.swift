import Diagnostics
import RegistryModel

/// A suspended, terminated or withdrawn study says why it stopped.
public struct WhyStoppedMissing: Rule {
    static let stopped: Set<OverallStatus> = [.suspended, .terminated, .withdrawn]

    public static let description = RuleDescription(
        id: "why-stopped-missing",
        defaultSeverity: .error,
        summary: "A suspended, terminated or withdrawn study has a why-stopped reason.",
        rationale: """
            Why Stopped is required when the overall status is Suspended, Terminated or Withdrawn: the \
            reason a study ended early is part of the public record. A study whose status became Unknown \
            is judged by its last known status. Checked on complete records only.
            """,
        source: "DED (Why Stopped, [*]); registry-facts R08",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "statusModule": {"overallStatus": "↓TERMINATED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#, at: "protocolSection.statusModule.whyStopped"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {
                  "statusModule": {"overallStatus": "TERMINATED", "whyStopped": "Slow accrual"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
            Example(#"""
                {"protocolSection": {
                  "statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let status = context.study.status.overallStatus, let code = status.value.code,
            WhyStoppedMissing.stopped.contains(code)
        else { return [] }
        return [
            context.missingFinding(
                context.study.status.whyStopped, path: FieldPath.statusModule.appending("whyStopped"),
                module: .statusModule, name: "the reason the study stopped (whyStopped) for status \(status.value.v2Spelling)")
        ].compactMap { $0 }
    }
}
