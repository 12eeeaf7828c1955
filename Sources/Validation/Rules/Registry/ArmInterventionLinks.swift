import Diagnostics
import RegistryModel

/// Every arm that receives something is linked to an intervention, and every intervention to an arm.
public struct ArmInterventionLinks: Rule {
    public static let description = RuleDescription(
        id: "arm-intervention-links",
        defaultSeverity: .warning,
        summary: "Each arm other than NO_INTERVENTION is linked to an intervention, and each intervention to an arm.",
        rationale: """
            When a study has arms, each arm that receives something should name its interventions, and each \
            intervention the arms it is given in; an unlinked arm or intervention leaves readers (and AACT's \
            design_group_interventions) unable to tell who receives what. Links in either direction count. \
            Checked on complete records only.
            """,
        source: "AACT mapping; Clinexa notes on bidirectional mismatches; registry-facts R26",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {
                  "armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL"}, {"label": "↓Placebo", "type": "PLACEBO_COMPARATOR"}],
                  "interventions": [{"type": "DRUG", "name": "Aspirin", "armGroupLabels": ["Aspirin"]},
                                    {"type": "DRUG", "name": "↓Clopidogrel"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {
                  "armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL", "interventionNames": ["Drug: Aspirin"]},
                                {"label": "Usual care", "type": "NO_INTERVENTION"}],
                  "interventions": [{"type": "DRUG", "name": "Aspirin"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let arms = context.study.armsInterventions.armGroups
        let interventions = context.study.armsInterventions.interventions
        guard context.isComplete, !arms.isEmpty, !interventions.isEmpty else { return [] }
        // Arm labels linked from either side, and which interventions are linked. Arms, interventions and their
        // references are read by index, in place: copied out of their arrays, each retains all of its values.
        var linkedArms = Set<String>()
        var linkedInterventions = [Bool](repeating: false, count: interventions.count)
        var byReference: [String: Int] = [:]
        for i in interventions.indices {
            if let reference = interventions[i].referenceName, byReference[reference] == nil { byReference[reference] = i }
        }
        var armLabels = Set<String>()
        for i in arms.indices {
            guard let label = arms[i].label?.value.trimmingWhitespace() else { continue }
            armLabels.insert(label)
            let references = arms[i].interventionNames
            for k in references.indices {
                if let linked = byReference[references[k].value.trimmingWhitespace()] {
                    linkedArms.insert(label)
                    linkedInterventions[linked] = true
                }
            }
        }
        for i in interventions.indices {
            let references = interventions[i].armGroupLabels
            for k in references.indices {
                let reference = references[k].value.trimmingWhitespace()
                if armLabels.contains(reference) {
                    linkedArms.insert(reference)
                    linkedInterventions[i] = true
                }
            }
        }
        var findings: [Finding] = []
        for i in arms.indices {
            guard let label = arms[i].label?.value, !linkedArms.contains(label.trimmingWhitespace()),
                arms[i].type?.value.code != .noIntervention, let field = arms[i].label
            else { continue }
            findings.append(Finding("the arm `\(label)` is linked to no intervention", at: context.place(of: field)))
        }
        for i in interventions.indices where !linkedInterventions[i] {
            guard let name = interventions[i].name else { continue }
            findings.append(Finding("the intervention `\(name.value)` is linked to no arm", at: context.place(of: name)))
        }
        return findings
    }
}
