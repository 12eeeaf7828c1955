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
        // Pairs (arm label, intervention index) linked from either side.
        var linkedArms = Set<String>()
        var linkedInterventions = Set<Int>()
        let byReference = Dictionary(
            interventions.enumerated().compactMap { i, intervention in intervention.referenceName.map { ($0, i) } },
            uniquingKeysWith: { first, _ in first })
        let armLabels = Set(arms.compactMap { $0.label?.value.trimmingWhitespace() })
        for arm in arms {
            guard let label = arm.label?.value.trimmingWhitespace() else { continue }
            for reference in arm.interventionNames {
                if let i = byReference[reference.value.trimmingWhitespace()] {
                    linkedArms.insert(label)
                    linkedInterventions.insert(i)
                }
            }
        }
        for (i, intervention) in interventions.enumerated() {
            for reference in intervention.armGroupLabels where armLabels.contains(reference.value.trimmingWhitespace()) {
                linkedArms.insert(reference.value.trimmingWhitespace())
                linkedInterventions.insert(i)
            }
        }
        var findings: [Finding] = []
        for arm in arms {
            guard let label = arm.label, !linkedArms.contains(label.value.trimmingWhitespace()),
                arm.type?.value.code != .noIntervention
            else { continue }
            findings.append(Finding("the arm `\(label.value)` is linked to no intervention", at: context.place(of: label)))
        }
        for (i, intervention) in interventions.enumerated() where !linkedInterventions.contains(i) {
            guard let name = intervention.name else { continue }
            findings.append(Finding("the intervention `\(name.value)` is linked to no arm", at: context.place(of: name)))
        }
        return findings
    }
}
