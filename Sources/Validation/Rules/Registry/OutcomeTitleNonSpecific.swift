import Diagnostics
import RegistryModel

/// An outcome title names what is measured, not just "Safety" or "Efficacy".
public struct OutcomeTitleNonSpecific: Rule {
    static let vague: Set<String> = ["safety", "tolerability", "feasibility", "efficacy", "satisfaction", "effectiveness"]

    public static let description = RuleDescription(
        id: "outcome-title-non-specific",
        defaultSeverity: .warning,
        summary: "An outcome title is more specific than \"Safety\", \"Efficacy\", \"Tolerability\", \"Feasibility\" or \"Satisfaction\".",
        rationale: """
            PRS warns when an outcome title is only a non-specific word such as Safety, Tolerability, \
            Feasibility, Efficacy or Satisfaction: a title must name the measure (for example "Number of \
            participants with treatment-related adverse events").
            """,
        source: "PRS validation message (What's New in PRS, June and September 2018); registry-facts R32",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"outcomesModule": {"primaryOutcomes": [{"measure": "↓Safety and tolerability", "timeFrame": "12 months"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"outcomesModule": {"secondaryOutcomes": [{"measure": "↓Efficacy", "timeFrame": "12 months"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"outcomesModule": {"primaryOutcomes": [
                  {"measure": "Incidence of treatment-emergent adverse events (safety)", "timeFrame": "12 months"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (kind, _, outcomes) in context.study.outcomes.kinds {
            // By index, the title read in place: a whole outcome copied out retains each of its values.
            for i in outcomes.indices {
                guard OutcomeTitleNonSpecific.isVague(outcomes[i].measure?.value ?? ""), let measure = outcomes[i].measure else { continue }
                findings.append(Finding(
                    "the \(kind) outcome title `\(measure.value.trimmingWhitespace())` is not specific", at: context.place(of: measure),
                    fix: FixIt("name the measure, for example \"Number of participants with treatment-related adverse events\"")))
            }
        }
        return findings
    }

    /// `true` when the title is made only of vague words joined by "and", commas or slashes.
    static func isVague(_ title: String) -> Bool {
        // Word by word, so that a specific title is told at its first specific word; ASCII words are compared
        // by their bytes, as every record's outcome titles are asked.
        var meaningful = false
        func judge(_ word: String) -> Bool {
            guard word != "and", word != "or" else { return true }
            meaningful = true
            return vague.contains(word)
        }
        var text = title
        return text.withUTF8 { bytes in
            LowercasedWords.asciiBytes(in: bytes) { word in
                guard !LowercasedWords.spells(word, joinerBytes[0]), !LowercasedWords.spells(word, joinerBytes[1]) else { return true }
                meaningful = true
                return vagueBytes.contains { LowercasedWords.spells(word, $0) }
            } ?? String(decoding: bytes, as: UTF8.self).lowercasedWords.allSatisfy(judge)
        } && meaningful
    }

    /// `vague` as bytes.
    private static let vagueBytes = vague.map { Array($0.utf8) }
    /// The words that join vague words, as bytes.
    private static let joinerBytes = [Array("and".utf8), Array("or".utf8)]
}
