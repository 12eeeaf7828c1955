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
        // By index, each text measured in place and copied out only when it might be too long: a whole
        // intervention copied out retains each of its values, and the arrays of findings were built for every one.
        var findings: [Finding] = []
        let interventions = context.study.armsInterventions.interventions
        for i in interventions.indices {
            if interventions[i].name?.value.utf8.count ?? 0 > 200,
                let finding = context.lengthFinding(interventions[i].name, limit: 200, name: "the intervention name")
            {
                findings.append(finding)
            }
            if interventions[i].description?.value.utf8.count ?? 0 > 1000,
                let finding = context.lengthFinding(interventions[i].description, limit: 1000, name: "the intervention description")
            {
                findings.append(finding)
            }
            let otherNames = interventions[i].otherNames
            for k in otherNames.indices where otherNames[k].value.utf8.count > 200 {
                if let finding = context.lengthFinding(otherNames[k], limit: 200, name: "the other intervention name") { findings.append(finding) }
            }
        }
        return findings
    }
}
