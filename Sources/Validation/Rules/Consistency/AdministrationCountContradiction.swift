import Diagnostics
import ScheduleModel

/// Two fields do not give the same treatment different numbers of administrations.
public struct AdministrationCountContradiction: Rule {
    public static let description = RuleDescription(
        id: "administration-count-contradiction",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "The brief summary, the detailed description and the intervention descriptions give the same treatment the same number of administrations.",
        rationale: """
            A brief summary promising 4 infusions and a detailed description promising 5 cannot both be \
            right. Only plain contradictions are reported: each field states one number of administrations \
            for the same treatment. The brief summary and the detailed description are compared with each \
            other (when they name the same treatment, or the record has a single intervention and a single \
            arm) and with the description of the intervention they name; arm group descriptions, two \
            interventions' descriptions, and placebo and sham descriptions are not compared.
            """,
        source: "ctlint schedule consistency",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "Subjects received 4 times of mesenchymal stem cell infusion.",
                  "detailedDescription": "MSCs was treated for ↓5 times."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "Subjects received 5 times of mesenchymal stem cell infusion.",
                  "detailedDescription": "MSCs was treated for 5 times."}}}
                """#),
            // Two interventions: the counts may be about either.
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "Subjects receive 4 doses.",
                  "detailedDescription": "Subjects receive 6 doses."},
                  "armsInterventionsModule": {"interventions": [
                    {"type": "DRUG", "name": "Vaccine A"}, {"type": "DRUG", "name": "Vaccine B"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let pairs = context.contradictions(
            of: .administrationCount, comparable: { _, _ in true }, differ: { earlier, later in earlier != later })
        return pairs.map { earlier, later in
            Finding(
                "\(context.fieldName(later.field)) gives the number of administrations as \(later.normalized) («\(later.text)»), but \(context.fieldName(earlier.field)) as \(earlier.normalized) («\(earlier.text)»)",
                at: context.place(of: later), notes: [context.note("the other number", at: earlier)],
                fix: FixIt("correct whichever number is wrong, so that both fields give the same"))
        }
    }
}
