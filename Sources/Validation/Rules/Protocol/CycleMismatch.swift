import Diagnostics
import ScheduleModel

/// Every cycle length and number of cycles the record states is the protocol's.
public struct CycleMismatch: Rule {
    public static let description = RuleDescription(
        id: "cycle-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "Every cycle length and number of cycles the record states is the protocol's.",
        rationale: """
            In a cyclic regimen the cycle length sets when each dose falls and the number of cycles the \
            total exposure. A 21-day cycle in the text against a 28-day cycle in the protocol (or 6 cycles \
            against 4) is a typo or an unannounced change. Lengths compare as lengths (P3W is P21D).
            """,
        source: "ctlint protocol file, `cycles` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Docetaxel is given on day 1 of each ↓28-day cycle."}}}
                """#,
                protocol: """
                    interventions:
                      - cycles: { length: P3W }
                    """),
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Docetaxel is given on day 1 of each 21-day cycle ↓for 6 cycles."}}}
                """#,
                protocol: """
                    interventions:
                      - cycles: { length: P21D, count: 4 }
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Docetaxel is given on day 1 of each 21-day cycle for 4 cycles."}}}
                """#,
                protocol: """
                    interventions:
                      - cycles: { length: P3W, count: 4 }
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        var findings: [Finding] = []
        for fact in comparison.facts(.cycleLength) {
            guard case .duration(let length) = fact.value else { continue }
            let promised = comparison.candidates(for: fact).compactMap(\.cycles?.length)
            guard !promised.isEmpty,
                !promised.contains(where: { $0.isSameLength(as: length.lower) && length.upper == nil })
            else { continue }
            findings.append(
                comparison.mismatch(
                    fact,
                    "\(context.fieldName(fact.field)) says a cycle lasts \(length) («\(fact.text)»); the protocol says \(ProtocolComparison.either(promised))",
                    fix: "correct the cycle length in the text, or update the protocol if the study changed it"))
        }
        for fact in comparison.facts(.cycleCount) {
            guard case .count(let count) = fact.value else { continue }
            let promised = comparison.candidates(for: fact).compactMap(\.cycles?.count)
            guard !promised.isEmpty, !promised.contains(count) else { continue }
            findings.append(
                comparison.mismatch(
                    fact,
                    "\(context.fieldName(fact.field)) says the number of cycles is \(count) («\(fact.text)»); the protocol says \(ProtocolComparison.either(promised))",
                    fix: "correct the number of cycles in the text, or update the protocol if the study changed it"))
        }
        return findings
    }
}
