import Diagnostics
import RegistryModel

/// The enrollment agrees with the status: finished studies give an actual count, withdrawn ones zero.
public struct EnrollmentStatus: Rule {
    public static let description = RuleDescription(
        id: "enrollment-status",
        defaultSeverity: .warning,
        summary: "A completed or terminated study reports an ACTUAL enrollment; a withdrawn study enrolled 0.",
        rationale: """
            When a study completes or terminates, the anticipated enrollment is replaced by the actual \
            number enrolled. A withdrawn study was halted before its first participant enrolled, so its \
            actual enrollment is 0. A study whose status became Unknown is judged by its last known status.
            """,
        source: "OAS EnrollmentInfo; DED status definitions; registry-facts R27",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL", "enrollmentInfo": {"count": 120, "type": "↓ESTIMATED"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "WITHDRAWN"},
                  "designModule": {"studyType": "INTERVENTIONAL", "enrollmentInfo": {"count": ↓40, "type": "ACTUAL"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL", "enrollmentInfo": {"count": 118, "type": "ACTUAL"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "WITHDRAWN"},
                  "designModule": {"studyType": "INTERVENTIONAL", "enrollmentInfo": {"count": 0, "type": "ACTUAL"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let status = context.study.status.effectiveStatus, let enrollment = context.study.design.enrollment else { return [] }
        switch status {
        case .completed, .terminated:
            guard let type = enrollment.type, type.value.code == .estimated else { return [] }
            return [
                Finding(
                    "the study is \(status.rawValue), but its enrollment is still ESTIMATED", at: context.place(of: type),
                    fix: FixIt("report the actual number enrolled, typed ACTUAL"))
            ]
        case .withdrawn:
            guard let count = enrollment.count, count.value > 0 else { return [] }
            return [
                Finding(
                    "the study is WITHDRAWN (halted before enrolling anyone), but its enrollment is \(count.value)",
                    at: context.place(of: count), fix: FixIt("set the enrollment to 0, typed ACTUAL"))
            ]
        default:
            return []
        }
    }
}
