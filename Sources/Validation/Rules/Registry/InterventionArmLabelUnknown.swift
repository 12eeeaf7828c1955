import Diagnostics
import RegistryModel

/// An intervention refers only to arms the study has.
public struct InterventionArmLabelUnknown: Rule {
    public static let description = RuleDescription(
        id: "intervention-arm-label-unknown",
        defaultSeverity: .error,
        summary: "Every arm label an intervention lists is the label of an arm.",
        rationale: """
            Interventions name the arms that receive them by arm label; a label that matches no arm breaks \
            the link between arms and interventions (AACT's design_group_interventions joins on it), usually \
            after an arm was renamed.
            """,
        source: "AACT mapping (design_group_interventions by label); registry-facts R26",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {
                  "armGroups": [{"label": "Aspirin 100 mg", "type": "EXPERIMENTAL"}],
                  "interventions": [{"type": "DRUG", "name": "Aspirin", "armGroupLabels": ["↓Aspirin 100mg"]}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {
                  "armGroups": [{"label": "Aspirin 100 mg", "type": "EXPERIMENTAL"}],
                  "interventions": [{"type": "DRUG", "name": "Aspirin", "armGroupLabels": ["Aspirin 100 mg"]}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let arms = context.study.armsInterventions.armGroups
        guard !arms.isEmpty else { return [] }
        // Records whose interventions name no arms need no labels resolved. Interventions and references are
        // read by index, in place: copied out of their arrays, each retains all of its values.
        let interventions = context.study.armsInterventions.interventions
        guard interventions.contains(where: { !$0.armGroupLabels.isEmpty }) else { return [] }
        let references = context.armReferences
        var findings: [Finding] = []
        for i in interventions.indices {
            let labels = interventions[i].armGroupLabels
            for (k, target) in zip(labels.indices, references.targets(ofIntervention: i)) where target == nil {
                // The table of labels for the hint is built only for a label that matches none.
                let known = Set(arms.compactMap { $0.label?.value.trimmingWhitespace() })
                let key = labels[k].value.trimmingWhitespace()
                let hint = Configuration.closest(to: key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                findings.append(
                    Finding(
                        "the intervention `\(interventions[i].name?.value ?? "?")` refers to the arm `\(key)`, which the study does not have\(hint)",
                        at: context.place(of: labels[k])))
            }
        }
        return findings
    }
}
