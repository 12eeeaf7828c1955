import Diagnostics
import RegistryModel

/// A single-group study has exactly one arm.
public struct SingleGroupArmCount: Rule {
    public static let description = RuleDescription(
        id: "single-group-arm-count",
        defaultSeverity: .error,
        summary: "A SINGLE_GROUP study has exactly one arm.",
        rationale: """
            The single-group model means every participant receives the same intervention in one arm; the \
            PRS upload schema asks for 1 as the number of arms of a single-arm study. More arms mean the \
            model should be parallel, sequential or another multi-arm design. Arms are counted from the arm \
            groups (or legacy XML's number_of_arms) when the record holds them.
            """,
        source: "PRSXSD number_of_arms (\"1 for single-arm study\"); DED Single Group; registry-facts R20",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "↓SINGLE_GROUP"}},
                  "armsInterventionsModule": {"armGroups": [
                    {"label": "Low dose", "type": "EXPERIMENTAL"}, {"label": "High dose", "type": "EXPERIMENTAL"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "SINGLE_GROUP"}},
                  "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Etoposide"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "SINGLE_GROUP"}},
                  "armsInterventionsModule": {"armGroups": [{"label": "MSC infusion", "type": "EXPERIMENTAL"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "SINGLE_GROUP"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let model = context.study.design.interventionModel, model.value.code == .singleGroup,
            let arms = context.armCount, arms != 1
        else { return [] }
        let labels = context.study.armsInterventions.armGroups.compactMap(\.label)
        return [
            Finding(
                "the intervention model is SINGLE_GROUP, but the study has \(arms) arm\(arms == 1 ? "" : "s")",
                at: context.place(of: model), notes: labels.map { context.note("arm `\($0.value)`", at: $0) },
                fix: FixIt(arms > 1 ? "use the model that matches the arms (PARALLEL, SEQUENTIAL, …) or merge the arms" : "add the study's arm"))
        ]
    }
}
