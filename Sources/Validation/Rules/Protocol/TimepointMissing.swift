import Diagnostics
import ScheduleModel

/// Every timepoint the protocol gives is stated in the record.
public struct TimepointMissing: Rule {
    public static let description = RuleDescription(
        id: "timepoint-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every timepoint the protocol gives is stated somewhere in the record's text.",
        rationale: """
            Assessment and follow-up timepoints are what a participant commits to after treatment. A \
            timepoint the protocol promises that the text never states (at the same offset, from the same \
            anchor when the text names one) has been dropped or was never written.
            """,
        source: "ctlint protocol file, `timepoints` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓After all treatments were completed, safety was evaluated at D14 and M1 during the follow-up period."}}}
                """#,
                protocol: """
                    timepoints:
                      - { label: D14, offset: P14D, anchor: end-of-treatment }
                      - { label: M1, offset: P1M, anchor: end-of-treatment }
                      - { label: M3, offset: P3M, anchor: end-of-treatment }
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "After all treatments were completed, safety was evaluated at D14, M1 and M3 during the follow-up period."}}}
                """#,
                protocol: """
                    timepoints:
                      - { label: D14, offset: P14D, anchor: end-of-treatment }
                      - { label: M1, offset: P1M, anchor: end-of-treatment }
                      - { label: M3, offset: P3M, anchor: end-of-treatment }
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        let stated = comparison.facts(.timepoint).compactMap { fact -> (ISODuration, TimepointAnchor?)? in
            guard case .duration(let offset) = fact.value, offset.upper == nil else { return nil }
            return (offset.lower, fact.anchor.flatMap(TimepointAnchor.init(rawValue:)))
        }
        return comparison.promised.timepoints.compactMap { timepoint in
            guard !stated.contains(where: { timepoint.matches(offset: $0.0, anchor: $0.1) }) else { return nil }
            return comparison.missing("the protocol's timepoint \(timepoint.summary) is stated nowhere in the record")
        }
    }
}
