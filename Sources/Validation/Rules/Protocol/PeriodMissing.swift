import Diagnostics
import ScheduleModel

/// Every period the protocol gives, and each of its visit codes, is named in the record.
public struct PeriodMissing: Rule {
    public static let description = RuleDescription(
        id: "period-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every period the protocol gives, with each of its visit codes, is named somewhere in the record's text.",
        rationale: """
            A period the protocol promises (a screening period, a follow-up period) that the text never \
            names, or names without its visit code, leaves readers unable to tell how the study runs.
            """,
        source: "ctlint protocol file, `periods` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"detailedDescription":
                  "↓Screening period (V1): sign ICF."}}}
                """#,
                protocol: """
                    periods:
                      - { kind: screening, visit: V1 }
                      - { kind: follow-up, visit: V5 }
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"detailedDescription":
                  "Screening period (V1): sign ICF. Follow up period (V5): safety follow-up."}}}
                """#,
                protocol: """
                    periods:
                      - { kind: screening, visit: V1 }
                      - { kind: follow-up, visit: V5 }
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        let named = comparison.facts(.period)
        var findings: [Finding] = []
        for period in comparison.promised.periods {
            let ofKind = named.filter { $0.value == .period(period.kind) }
            guard !ofKind.isEmpty else {
                findings.append(comparison.missing("the protocol's \(period.summary) period is named nowhere in the record"))
                continue
            }
            for visit in period.visits where !ofKind.contains(where: { $0.label == visit }) {
                findings.append(
                    comparison.missing("the visit code \(visit) of the protocol's \(period.kind.rawValue) period is given nowhere in the record"))
            }
        }
        return findings
    }
}
