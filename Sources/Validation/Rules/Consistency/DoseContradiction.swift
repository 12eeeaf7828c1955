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
        let doses = context.facts.filter { $0.kind == .dose && context.describesTreatment($0.field) }
        // Two doses contradict only across fields.
        guard let field = doses.first?.field, doses.contains(where: { $0.field != field }) else { return [] }
        // Whether a dose is about the field's own intervention and outside an aside is asked last, and only
        // of doses that would otherwise contradict another: it reads names and sentences word by word.
        var answers = LazyAnswers(count: doses.count)
        func qualifies(_ k: Int) -> Bool {
            answers.answer(k) { context.isAboutOwnIntervention(doses[k]) && !context.isAside(doses[k]) }
        }
        var findings: [Finding] = []
        for (k, later) in doses.enumerated() {
            guard case .dose(let dose) = later.value else { continue }
            let similar: (Fact) -> Bool = { if case .dose(let d) = $0.value { d.isComparable(to: dose) } else { false } }
            guard context.statesOneValue(like: later, similar: similar) else { continue }
            let first = doses.indices.first { j in
                let earlier = doses[j]
                return similar(earlier) && !earlier.value.isEquivalent(to: later.value) && context.precedes(earlier.field, later.field)
                    && context.aboutSameTreatment(earlier, later) && context.statesOneValue(like: earlier, similar: similar)
                    && qualifies(j)
            }
            guard let first, qualifies(k) else { continue }
            let earlier = doses[first]
            findings.append(
                Finding(
                    "\(context.fieldName(later.field)) gives the dose as \(dose) («\(later.text)»), but \(context.fieldName(earlier.field)) as \(earlier.normalized) («\(earlier.text)»)",
                    at: context.place(of: later), notes: [context.note("the other dose", at: earlier)],
                    fix: FixIt("correct whichever dose is wrong, so that both fields give the same")))
        }
        return findings
    }
}
