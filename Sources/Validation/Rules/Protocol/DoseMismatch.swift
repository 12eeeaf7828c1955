import Diagnostics
import ScheduleModel

/// Every dose the record states is one the protocol gives.
public struct DoseMismatch: Rule {
    public static let description = RuleDescription(
        id: "dose-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "Every dose the record states is a dose the protocol gives its intervention.",
        rationale: """
            A dose in the text that differs from the protocol's is either a typo in the record or a change of \
            protocol the record does not announce; both need a person to look. Doses are compared by value once \
            their units are converted (0.2 g is 200 mg). A dose in a unit of another kind (mg/m2 against \
            {cells}/kg) is about something else, such as a premedication, and is not compared; neither is a \
            dose whose subject names none of the protocol's interventions.
            """,
        source: "ctlint protocol file, `dose` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Participants receive ↓2 × 10^8/kg mesenchymal stem cells per infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - name: mesenchymal stem cells
                        dose: 1e8 {cells}/kg
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Participants receive 1 × 10^8/kg mesenchymal stem cells per infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - name: mesenchymal stem cells
                        dose: 1e8 {cells}/kg
                    """),
            // 0.2 g is 200 mg; the premedication's dose is in another unit and about another drug.
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Cisplatin 0.2 g is given on day 1 after dexamethasone 8 mg/m2."}}}
                """#,
                protocol: """
                    interventions:
                      - name: cisplatin
                        dose: 200 mg
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        return comparison.facts(.dose).compactMap { fact in
            guard case .dose(let dose) = fact.value else { return nil }
            let comparable = comparison.candidates(for: fact).flatMap(\.doses).filter { $0.isComparable(to: dose) }
            guard !comparable.isEmpty, !comparable.contains(where: { $0.isEquivalent(to: dose) }) else { return nil }
            return comparison.mismatch(
                fact, "\(context.fieldName(fact.field)) says the dose is \(dose) («\(fact.text)»); the protocol says \(ProtocolComparison.either(comparable))",
                fix: "correct the dose in the text, or update the protocol if the study changed it")
        }
    }
}

extension Dose {
    /// `true` when the two doses are in units of one kind (mass per kg, cells per kg, …), so that they can
    /// be told equal or different.
    func isComparable(to other: Dose) -> Bool {
        unit.per == other.unit.per && DoseUnit.factor(from: unit.base, to: other.unit.base) != nil
    }
}
