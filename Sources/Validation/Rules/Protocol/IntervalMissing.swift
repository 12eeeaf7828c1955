import Diagnostics
import ScheduleModel

/// Every interval of the protocol's schedule is stated in the record.
public struct IntervalMissing: Rule {
    public static let description = RuleDescription(
        id: "interval-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every interval of the protocol's schedule is stated somewhere in the record's text.",
        rationale: """
            The intervals between administrations are what participants plan their visits by. Each length of \
            interval the protocol's schedule has should appear in the text: as an interval (`2 weeks apart`), \
            a rate (`every 2 weeks`), or administration days that are that far apart. A record that states an \
            interval the schedule does not have (`3 weeks apart` for a 2-week gap) contradicts the schedule \
            rather than missing it: `interval-mismatch` reports that, naming the protocol's intervals.
            """,
        source: "ctlint protocol file, `schedule` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓The first and second infusion are 1 week apart."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }]
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "There is 1 week between the first infusion and the second infusion. The third infusion is 2 weeks apart from the last infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }]
                    """),
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Pembrolizumab is given every 3 weeks."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 21 }, { day: 42 }]
                    """),
            // The record states an interval the schedule does not have: interval-mismatch reports it, once.
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "There is 1 week between the first infusion and the second infusion. The third infusion is 3 weeks apart from the last infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        var findings: [Finding] = []
        for intervention in comparison.promised.interventions {
            var seen: Set<Int> = []
            let stated = comparison.stated(intervention)
            let contradicted = comparison.isStated(.interval, for: intervention) { fact in
                guard case .duration(let length) = fact.value, fact.between == nil else { return false }
                return !intervention.gaps.contains { length.agrees(withDays: $0.days) }
            }
            if contradicted { continue }
            for gap in intervention.gaps where seen.insert(gap.days).inserted {
                let asInterval = comparison.isStated(.interval, for: intervention) {
                    if case .duration(let length) = $0.value { length.agrees(withDays: gap.days) } else { false }
                }
                let asRate = comparison.isStated(.frequency, for: intervention) {
                    if case .frequency(let rate) = $0.value { rate.count == 1 && rate.period.agrees(withDays: gap.days) } else { false }
                }
                let asDays = stated.contains { $0.gaps.contains { $0.days == gap.days } }
                guard !asInterval, !asRate, !asDays else { continue }
                let between = intervention.gaps.filter { $0.days == gap.days }.map { "\($0.from)–\($0.to)" }.joined(separator: ", ")
                findings.append(
                    comparison.missing(
                        "the protocol's interval of \(IntervalMismatch.duration(days: gap.days))\(ProtocolComparison.of(intervention)) (between administrations \(between)) is stated nowhere in the record",
                        intervention: intervention))
            }
        }
        return findings
    }
}
