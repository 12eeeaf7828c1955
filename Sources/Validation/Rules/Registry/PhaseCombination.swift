import Diagnostics
import RegistryModel

/// A study lists one phase, or the two-phase combinations the registry allows.
public struct PhaseCombination: Rule {
    static let allowedPairs: Set<Set<Phase>> = [[.phase1, .phase2], [.phase2, .phase3]]

    public static let description = RuleDescription(
        id: "phase-combination",
        defaultSeverity: .error,
        summary: "Phases are one value, or the pairs Phase 1/Phase 2 and Phase 2/Phase 3.",
        rationale: """
            A study has one phase, or is a combined Phase 1/2 or Phase 2/3 trial; the legacy format could \
            express no other combination. Any other list (Phase 1 with Phase 3, N/A with a phase, a phase \
            listed twice) is a data-entry error.
            """,
        source: "OAS Phase; XSD phase_enum; registry-facts R18",
        triggeringExamples: [
            Example(#"{"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1", "↓PHASE3"]}}}"#),
            Example(#"{"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "phases": ["NA", "↓PHASE2"]}}}"#),
        ],
        nonTriggeringExamples: [
            Example(#"{"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE2", "PHASE3"]}}}"#),
            Example(#"{"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL", "phases": ["EARLY_PHASE1"]}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let phases = context.study.design.phases
        // The count first: most records give one phase. A closure rather than a key path, which is looked up
        // at run time for every record.
        guard phases.count > 1 else { return [] }
        let codes = phases.compactMap { $0.value.code }
        guard codes.count == phases.count else { return [] }
        if phases.count == 2, Set(codes).count == 2, PhaseCombination.allowedPairs.contains(Set(codes)) { return [] }
        let list = codes.map(\.rawValue).joined(separator: ", ")
        return [
            Finding(
                "the phases \(list) are not a combination the registry allows (PHASE1 + PHASE2 or PHASE2 + PHASE3)",
                at: context.place(of: phases[1]))
        ]
    }
}
