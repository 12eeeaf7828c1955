import Diagnostics
import RegistryModel

/// Only interventional studies have a phase.
public struct PhaseNotInterventional: Rule {
    public static let description = RuleDescription(
        id: "phase-not-interventional",
        defaultSeverity: .error,
        summary: "A phase other than N/A is given only for an interventional study.",
        rationale: """
            Trial phases describe the development of a drug or biologic tested in an interventional study. \
            Since 2018 the registry omits the phase of observational and expanded-access studies; legacy \
            records may still say N/A, which is accepted.
            """,
        source: "XSD change log 2018-03-29; registry-facts R18",
        triggeringExamples: [
            Example(#"{"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL", "phases": ["↓PHASE4"]}}}"#),
        ],
        nonTriggeringExamples: [
            Example(#"{"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL"}}}"#),
            Example(#"{"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL", "phases": ["NA"]}}}"#),
            Example(#"{"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE4"]}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let typeField = context.study.design.studyType, let type = typeField.value.code, type != .interventional,
            let phase = context.study.design.phases.first(where: { $0.value.code != .notApplicable && $0.value.code != nil })
        else { return [] }
        return [
            Finding(
                "a \(type.rawValue) study has the phase \(phase.value.v2Spelling); only interventional studies have a phase",
                at: context.place(of: phase), notes: [context.note("the study type", at: typeField)])
        ]
    }
}
