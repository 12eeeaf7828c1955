import Diagnostics
import ScheduleModel

/// Every dose the protocol gives is stated in the record.
public struct DoseMissing: Rule {
    public static let description = RuleDescription(
        id: "dose-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every dose the protocol gives is stated somewhere in the record's text.",
        rationale: """
            A registry record tells participants and reviewers what the study gives; a dose the protocol \
            promises but the record no longer states was dropped from the text, or never written. The finding \
            points at the intervention's description when the record has one of that name, otherwise at the \
            brief summary. A record that states another dose of the same kind for the intervention does not \
            miss the dose but contradicts it, which `dose-mismatch` reports.
            """,
        source: "ctlint protocol file, `dose` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓Participants receive mesenchymal stem cells by infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - name: mesenchymal stem cells
                        dose: 1e8 {cells}/kg
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Participants receive 1 × 10^8/kg mesenchymal stem cells per infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - name: mesenchymal stem cells
                        dose: 1e8 {cells}/kg
                    """),
            // The record states a different dose: dose-mismatch reports it, once.
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Participants receive 2 × 10^8/kg mesenchymal stem cells per infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - name: mesenchymal stem cells
                        dose: 1e8 {cells}/kg
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        var findings: [Finding] = []
        for intervention in comparison.promised.interventions {
            for dose in intervention.doses {
                // A comparable dose is either this one (stated) or another one (dose-mismatch reports it).
                let statesADoseOfItsKind = comparison.isStated(.dose, for: intervention) {
                    if case .dose(let stated) = $0.value { stated.isComparable(to: dose) } else { false }
                }
                guard !statesADoseOfItsKind else { continue }
                findings.append(
                    comparison.missing(
                        "the protocol's dose\(ProtocolComparison.of(intervention)), \(dose), is stated nowhere in the record",
                        intervention: intervention))
            }
        }
        return findings
    }
}
