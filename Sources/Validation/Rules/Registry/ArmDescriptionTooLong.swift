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
        // By index, each description measured in place before it is copied out: a whole arm copied out of its
        // array retains each of its values.
        let arms = context.study.armsInterventions.armGroups
        return arms.indices.compactMap { i in
            guard arms[i].description?.value.utf8.count ?? 0 > 999 else { return nil }
            return context.lengthFinding(arms[i].description, limit: 999, name: "the arm description")
        }
    }
}
