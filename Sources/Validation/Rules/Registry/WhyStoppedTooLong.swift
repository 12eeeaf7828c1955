import Diagnostics
import RegistryModel

/// Why Stopped is at most 250 characters.
public struct WhyStoppedTooLong: Rule {
    public static let description = RuleDescription(
        id: "why-stopped-too-long",
        defaultSeverity: .error,
        summary: "The why-stopped reason is at most 250 characters.",
        rationale: "PRS limits Why Stopped to 250 characters.",
        source: "DED (Why Stopped, limit 250); registry-facts R08",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "TERMINATED",
                  "whyStopped": "\#(String(repeating: "Slow accrual ", count: 19))slo↓w"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "TERMINATED",
                  "whyStopped": "\#(String(repeating: "Slow accrual ", count: 19))slo"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.status.whyStopped, limit: 250, name: "the why-stopped reason")].compactMap { $0 }
    }
}
