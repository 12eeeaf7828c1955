import Diagnostics
import ScheduleModel

/// Every period the record names is one of the protocol's, with its visit codes.
public struct PeriodMismatch: Rule {
    public static let description = RuleDescription(
        id: "period-mismatch",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every period the record names is one of the protocol's, under the protocol's visit codes.",
        rationale: """
            Periods and their visit codes (screening V1, baseline V2, …) are how sites and monitors refer to \
            the schedule. A period the protocol does not have, or a period under another visit code, means \
            the text and the protocol describe different studies. Texts also name periods in passing, so the \
            finding is a warning.
            """,
        source: "ctlint protocol file, `periods` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"detailedDescription":
                  "Screening period (V1): sign ICF. Follow up period (↓V6): safety follow-up."}}}
                """#,
                protocol: """
                    periods:
                      - { kind: screening, visit: V1 }
                      - { kind: follow-up, visit: V5 }
                    """),
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"detailedDescription":
                  "Screening period (V1): sign ICF. ↓Washout period: no treatment for 2 weeks."}}}
                """#,
                protocol: """
                    periods:
                      - { kind: screening, visit: V1 }
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
        guard let comparison = ProtocolComparison(context), !comparison.promised.periods.isEmpty else { return [] }
        let promised = comparison.promised.periods
        return comparison.facts(.period).compactMap { fact in
            guard case .period(let kind) = fact.value else { return nil }
            let fix = "correct the period in the text, or update the protocol's periods if the study changed them"
            guard let period = promised.first(where: { $0.kind == kind }) else {
                return comparison.mismatch(
                    fact,
                    "\(context.fieldName(fact.field)) names a \(kind.rawValue) period («\(fact.text)»); the protocol's periods are \(promised.map(\.summary).joined(separator: ", "))",
                    fix: fix)
            }
            guard let label = fact.label, !period.visits.isEmpty, !period.visits.contains(label) else { return nil }
            return Finding(
                "\(context.fieldName(fact.field)) gives the \(kind.rawValue) period the visit code \(label); the protocol says \(ProtocolComparison.either(period.visits))",
                at: context.visitCodePlace(label, of: fact), fix: FixIt(fix))
        }
    }
}
