import Diagnostics
import ScheduleModel

/// Every number of administrations the record states is the protocol's.
public struct AdministrationCountMismatch: Rule {
    public static let description = RuleDescription(
        id: "administration-count-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "Every number of administrations the record states is the number the protocol gives.",
        rationale: """
            How many times an intervention is given decides the exposure and the visit schedule. A count in \
            the text that differs from the protocol's (the stated `administrations`, or the length of its \
            schedule) is a typo or an unannounced change of protocol.
            """,
        source: "ctlint protocol file, `administrations` and `schedule` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive ↓4 times of mesenchymal stem cell infusion."}}}
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
                  "Subjects receive 5 times of mesenchymal stem cell infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }, { day: 35 }, { day: 49 }]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        return comparison.facts(.administrationCount).compactMap { fact in
            guard case .count(let count) = fact.value else { return nil }
            let promised = comparison.candidates(for: fact).compactMap(\.administrationCount)
            guard !promised.isEmpty, !promised.contains(count) else { return nil }
            return comparison.mismatch(
                fact,
                "\(context.fieldName(fact.field)) says the number of administrations is \(count) («\(fact.text)»); the protocol says \(ProtocolComparison.either(promised))",
                fix: "correct the number in the text, or update the protocol if the study changed it")
        }
    }
}
