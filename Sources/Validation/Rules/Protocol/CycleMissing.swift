import Diagnostics
import ScheduleModel

/// The cycle length and number of cycles the protocol gives are stated in the record.
public struct CycleMissing: Rule {
    public static let description = RuleDescription(
        id: "cycle-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "The cycle length and number of cycles the protocol gives are stated somewhere in the record's text.",
        rationale: """
            A cyclic regimen is described by its cycle length and number of cycles; when the protocol \
            promises them and the text states neither, readers cannot tell when doses fall or how long \
            treatment lasts.
            """,
        source: "ctlint protocol file, `cycles` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓Docetaxel is given on day 1 of each cycle."}}}
                """#,
                protocol: """
                    interventions:
                      - cycles: { length: P21D }
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Docetaxel is given on day 1 of each 3-week cycle."}}}
                """#,
                protocol: """
                    interventions:
                      - cycles: { length: P21D }
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        var findings: [Finding] = []
        for intervention in comparison.promised.interventions {
            guard let cycles = intervention.cycles else { continue }
            let of = ProtocolComparison.of(intervention)
            if let length = cycles.length,
                !comparison.isStated(.cycleLength, for: intervention, where: {
                    if case .duration(let stated) = $0.value { stated.upper == nil && stated.lower.isSameLength(as: length) } else { false }
                })
            {
                findings.append(
                    comparison.missing("the protocol's cycle length\(of), \(length), is stated nowhere in the record", intervention: intervention))
            }
            if let count = cycles.count, !comparison.isStated(.cycleCount, for: intervention, where: { $0.value == .count(count) }) {
                findings.append(
                    comparison.missing("the protocol's number of cycles\(of), \(count), is stated nowhere in the record", intervention: intervention))
            }
        }
        return findings
    }
}
