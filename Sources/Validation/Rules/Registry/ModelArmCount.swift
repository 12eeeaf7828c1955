import Diagnostics
import RegistryModel

/// Parallel, crossover and factorial designs have the arms or interventions they need.
public struct ModelArmCount: Rule {
    public static let description = RuleDescription(
        id: "model-arm-count",
        defaultSeverity: .warning,
        summary: "PARALLEL has ≥ 2 arms; CROSSOVER ≥ 2 arms or interventions; FACTORIAL ≥ 2 interventions.",
        rationale: """
            A parallel design assigns participants to two or more arms side by side; a crossover design gives \
            each participant two or more interventions in sequence; a factorial design combines two or more \
            interventions. Fewer arms or interventions than the model needs means the model or the arms are \
            wrong.
            """,
        source: "DED Interventional Study Model definitions; registry-facts R21",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "↓PARALLEL"}},
                  "armsInterventionsModule": {"armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL"}],
                    "interventions": [{"type": "DRUG", "name": "Aspirin"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "↓FACTORIAL"}},
                  "armsInterventionsModule": {"armGroups": [{"label": "A"}, {"label": "B"}, {"label": "C"}, {"label": "D"}],
                    "interventions": [{"type": "DRUG", "name": "Aspirin"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "CROSSOVER"}},
                  "armsInterventionsModule": {"armGroups": [{"label": "AB sequence"}],
                    "interventions": [{"type": "DRUG", "name": "A"}, {"type": "DRUG", "name": "B"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "PARALLEL"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let model = context.study.design.interventionModel, let code = model.value.code else { return [] }
        let arms = context.armCount
        let problem: String?
        switch code {
        case .parallel:
            problem = arms.flatMap { $0 > 0 && $0 < 2 ? "a PARALLEL design needs at least 2 arms; the study has \($0)" : nil }
        case .crossover:
            guard let arms, let interventions = context.interventionCount, arms > 0 else { return [] }
            problem = arms < 2 && interventions < 2
                ? "a CROSSOVER design needs at least 2 arms or interventions; the study has \(arms) arm and \(interventions) intervention\(interventions == 1 ? "" : "s")"
                : nil
        case .factorial:
            problem = context.interventionCount.flatMap {
                $0 > 0 && $0 < 2 ? "a FACTORIAL design needs at least 2 interventions; the study has \($0)" : nil
            }
        case .singleGroup, .sequential:
            problem = nil
        }
        return problem.map { [Finding($0, at: context.place(of: model))] } ?? []
    }
}
