import Diagnostics
import ScheduleModel

/// Every route the record states is one the protocol gives.
public struct RouteMismatch: Rule {
    public static let description = RuleDescription(
        id: "route-mismatch",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every route of administration the record states is one the protocol gives its intervention.",
        rationale: """
            An oral drug described as an infusion, or the reverse, misinforms participants about what taking \
            part involves. Texts also name the routes of premedications and background therapy, so a route \
            the protocol does not give is a warning to read, not an error.
            """,
        source: "ctlint protocol file, `route` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Vitamin D is given ↓orally once a week."}}}
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
                  "Vitamin D is given by intramuscular injection once a month."}}}
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
        return comparison.facts(.route).compactMap { fact in
            guard case .route(let route) = fact.value else { return nil }
            let promised = comparison.candidates(for: fact).flatMap(\.routes)
            guard !promised.isEmpty, !promised.contains(route) else { return nil }
            return comparison.mismatch(
                fact,
                "\(context.fieldName(fact.field)) says the route is \(route.rawValue) («\(fact.text)»); the protocol says \(ProtocolComparison.either(promised.map(\.rawValue)))",
                fix: "correct the route in the text, or add it to the protocol if the study gives it")
        }
    }
}
