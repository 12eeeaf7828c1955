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
        // Arms are linked by label, from either side: an arm is linked when any arm with its label is. Labels
        // are named by their first arm (`firstArmWithLabel`), references by what they resolve to, so that no
        // label or name is hashed here.
        let references = context.armReferences
        var linkedLabels = [Bool](repeating: false, count: arms.count)
        var linkedInterventions = [Bool](repeating: false, count: interventions.count)
        for i in arms.indices {
            // An arm without a label links nothing from its side.
            guard let label = references.firstArmWithLabel[i] else { continue }
            for target in references.targets(ofArm: i) {
                guard let target else { continue }
                linkedLabels[label] = true
                linkedInterventions[target] = true
            }
        }
        for i in interventions.indices {
            for target in references.targets(ofIntervention: i) {
                guard let target else { continue }
                linkedLabels[target] = true
                linkedInterventions[i] = true
            }
        }
        var findings: [Finding] = []
        for i in arms.indices {
            guard let label = references.firstArmWithLabel[i], !linkedLabels[label], arms[i].type?.value.code != .noIntervention,
                let field = arms[i].label
            else { continue }
            findings.append(Finding("the arm `\(field.value)` is linked to no intervention", at: context.place(of: field)))
        }
        for i in interventions.indices where !linkedInterventions[i] {
            guard let name = interventions[i].name else { continue }
            findings.append(Finding("the intervention `\(name.value)` is linked to no arm", at: context.place(of: name)))
        }
        return findings
    }
}
