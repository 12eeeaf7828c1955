import Diagnostics
import RegistryModel

/// Intervention names are at most 200 characters, descriptions at most 1,000, other names at most 200.
public struct InterventionTextTooLong: Rule {
    public static let description = RuleDescription(
        id: "intervention-text-too-long",
        defaultSeverity: .error,
        summary: "Intervention names and other names are at most 200 characters; descriptions at most 1,000.",
        rationale: "PRS limits the Intervention Name and each Other Intervention Name to 200 characters and the Intervention Description to 1,000.",
        source: "DED (Intervention Name 200, Intervention Description 1,000, Other Intervention Name 200); registry-facts R24",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Aspirin",
                  "description": "\#(String(repeating: "100 mg po ", count: 100))↓daily"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"interventions": [{"type": "DRUG",
                  "name": "\#(String(repeating: "acetylsalicylic acid ", count: 9))aspirin tab↓s"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Aspirin",
                  "otherNames": ["ASA"], "description": "\#(String(repeating: "100 mg po ", count: 100))"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        context.study.armsInterventions.interventions.flatMap { intervention in
            [
                context.lengthFinding(intervention.name, limit: 200, name: "the intervention name"),
                context.lengthFinding(intervention.description, limit: 1000, name: "the intervention description"),
            ].compactMap { $0 }
                + intervention.otherNames.compactMap { context.lengthFinding($0, limit: 200, name: "the other intervention name") }
        }
    }
}
