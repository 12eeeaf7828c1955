import Diagnostics
import ScheduleModel

/// The number of administrations the protocol gives is stated in the record.
public struct AdministrationCountMissing: Rule {
    public static let description = RuleDescription(
        id: "administration-count-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "The number of administrations the protocol gives is stated somewhere in the record's text.",
        rationale: """
            Participants need to know how many times they will be treated. A protocol that promises a number \
            of administrations (stated, or implied by its schedule) expects the record to say it; the text \
            may say it as a count (`5 infusions`, `five times`) or by listing the administration days.
            """,
        source: "ctlint protocol file, `administrations` and `schedule` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓Subjects receive mesenchymal stem cell infusions."}}}
                """#,
                protocol: """
                    interventions:
                      - administrations: 5
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive five infusions of mesenchymal stem cells."}}}
                """#,
                protocol: """
                    interventions:
                      - administrations: 5
                    """),
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive the vaccine on days 1, 29 and 57."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 28 }, { day: 56 }]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        var findings: [Finding] = []
        for intervention in comparison.promised.interventions {
            guard let count = intervention.administrationCount else { continue }
            if comparison.isStated(.administrationCount, for: intervention, where: { $0.value == .count(count) }) { continue }
            // Days listed one by one state the count too.
            if comparison.stated(intervention).contains(where: { $0.cycles == nil && $0.administrationCount == count }) { continue }
            findings.append(
                comparison.missing(
                    "the protocol's number of administrations\(ProtocolComparison.of(intervention)), \(count), is stated nowhere in the record",
                    intervention: intervention))
        }
        return findings
    }
}
