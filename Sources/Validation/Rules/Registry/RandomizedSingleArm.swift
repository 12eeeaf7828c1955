import Diagnostics
import RegistryModel

/// A randomized study has more than one arm to randomize to.
public struct RandomizedSingleArm: Rule {
    public static let description = RuleDescription(
        id: "randomized-single-arm",
        defaultSeverity: .warning,
        summary: "RANDOMIZED allocation is not used with one arm or a SINGLE_GROUP model.",
        rationale: """
            Randomization assigns participants by chance to one of several arms; with a single arm there is \
            nothing to randomize to, and the allocation of a single-arm study is N/A.
            """,
        source: "DED Allocation and Single Group definitions; registry-facts R22",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"allocation": "↓RANDOMIZED", "interventionModel": "SINGLE_GROUP"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"allocation": "↓RANDOMIZED", "interventionModel": "PARALLEL"}},
                  "armsInterventionsModule": {"armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"allocation": "NA", "interventionModel": "SINGLE_GROUP"}},
                  "armsInterventionsModule": {"armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let design = context.study.design
        guard let allocation = design.allocation, allocation.value.code == .randomized else { return [] }
        if let model = design.interventionModel, model.value.code == .singleGroup {
            return [
                Finding(
                    "the allocation is RANDOMIZED, but the model is SINGLE_GROUP", at: context.place(of: allocation),
                    notes: [context.note("the intervention model", at: model)], fix: .init("use allocation NA for a single-arm study"))
            ]
        }
        if context.armCount == 1 {
            return [
                Finding(
                    "the allocation is RANDOMIZED, but the study has one arm", at: context.place(of: allocation),
                    fix: .init("use allocation NA for a single-arm study"))
            ]
        }
        return []
    }
}
