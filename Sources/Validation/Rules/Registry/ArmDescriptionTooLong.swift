import Diagnostics
import RegistryModel

/// An arm description is at most 999 characters.
public struct ArmDescriptionTooLong: Rule {
    public static let description = RuleDescription(
        id: "arm-description-too-long",
        defaultSeverity: .error,
        summary: "Each arm description is at most 999 characters.",
        rationale: "PRS limits the Arm Description to 999 characters.",
        source: "DED (Arm Description, limit 999); registry-facts R25",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"armGroups": [{"label": "A", "type": "EXPERIMENTAL",
                  "description": "\#(String(repeating: "Aspirin 1 ", count: 99))Aspirin 1↓ g"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"armGroups": [{"label": "A", "type": "EXPERIMENTAL",
                  "description": "\#(String(repeating: "Aspirin 1 ", count: 99))Aspirin 1"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        context.study.armsInterventions.armGroups.compactMap { context.lengthFinding($0.description, limit: 999, name: "the arm description") }
    }
}
