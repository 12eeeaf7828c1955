import Diagnostics
import ScheduleModel

/// Two fields do not give the same treatment different doses.
public struct DoseContradiction: Rule {
    public static let description = RuleDescription(
        id: "dose-contradiction",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "The brief summary, the detailed description and the intervention descriptions give the same treatment the same dose.",
        rationale: """
            When the brief summary says 1 × 10^8 cells/kg and the detailed description 2 × 10^8 cells/kg, one \
            of them is wrong, and readers cannot tell which. Only plain contradictions are reported: each field \
            states one dose, in units of one kind, for the same treatment. The brief summary and the detailed \
            description are compared with each other (when they name the same drug, or the record has a single \
            intervention and a single arm) and with the description of the intervention they name. Different \
            doses in different arms, for different drugs, or dose levels listed together are not \
            contradictions: arm group descriptions and two interventions' descriptions are not compared, nor \
            placebo and sham descriptions, nor sentences about other studies or about tablet and capsule \
            strengths.
            """,
        source: "ctlint schedule consistency",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "Subjects receive 1 × 10^8/kg mesenchymal stem cells per infusion.",
                  "detailedDescription": "Each infusion gives ↓2 × 10^8/kg mesenchymal stem cells."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "Subjects receive 1 × 10^8/kg mesenchymal stem cells per infusion.",
                  "detailedDescription": "Each infusion gives 1 × 10^8/kg mesenchymal stem cells."}}}
                """#),
            // Two drugs, two doses.
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary": "Patients receive cisplatin 75 mg/m2 on day 1."},
                  "armsInterventionsModule": {"interventions": [
                    {"type": "DRUG", "name": "Cisplatin", "description": "Cisplatin 75 mg/m2 IV on day 1"},
                    {"type": "DRUG", "name": "Docetaxel", "description": "Docetaxel 60 mg/m2 IV on day 1"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let pairs = context.contradictions(
            of: .dose,
            comparable: { other, later in
                guard case .dose(let a) = other, case .dose(let b) = later else { return false }
                return a.isComparable(to: b)
            },
            differ: { earlier, later in !earlier.isEquivalent(to: later) })
        return pairs.compactMap { earlier, later in
            guard case .dose(let dose) = later.value else { return nil }
            return Finding(
                "\(context.fieldName(later.field)) gives the dose as \(dose) («\(later.text)»), but \(context.fieldName(earlier.field)) as \(earlier.normalized) («\(earlier.text)»)",
                at: context.place(of: later), notes: [context.note("the other dose", at: earlier)],
                fix: FixIt("correct whichever dose is wrong, so that both fields give the same"))
        }
    }
}
