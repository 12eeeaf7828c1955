import Diagnostics
import ScheduleModel

/// Every route the protocol gives is stated in the record.
public struct RouteMissing: Rule {
    public static let description = RuleDescription(
        id: "route-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every route of administration the protocol gives is stated somewhere in the record's text.",
        rationale: """
            How an intervention is given is part of what a participant agrees to; a route the protocol \
            promises but the text never states (not even as `infusion`, `tablet` or `IV`) has been dropped or \
            was never written.
            """,
        source: "ctlint protocol file, `route` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓Participants receive vitamin D once a month."}}}
                """#,
                protocol: """
                    interventions:
                      - route: intramuscular
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Participants receive vitamin D by intramuscular injection once a month."}}}
                """#,
                protocol: """
                    interventions:
                      - route: intramuscular
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        var findings: [Finding] = []
        for intervention in comparison.promised.interventions {
            for route in intervention.routes where !comparison.isStated(.route, for: intervention, where: { $0.value == .route(route) }) {
                findings.append(
                    comparison.missing(
                        "the protocol's route\(ProtocolComparison.of(intervention)), \(route.rawValue), is stated nowhere in the record",
                        intervention: intervention))
            }
        }
        return findings
    }
}
