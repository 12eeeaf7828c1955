import Diagnostics
import RegistryModel

/// Each outcome measure has a title and a time frame.
public struct OutcomeIncomplete: Rule {
    public static let description = RuleDescription(
        id: "outcome-incomplete",
        defaultSeverity: .error,
        summary: "Each primary, secondary and other outcome has a measure title and a time frame.",
        rationale: """
            An outcome measure is its title (what is measured) and its time frame (when): the registry \
            requires both for every outcome, and without a time frame the schedule of assessments cannot be \
            checked against the text. Time frames became required with FDAAA 801 (27 September 2007), so \
            they are not asked of records first submitted before then. Checked on complete records only.
            """,
        source: "DED (Outcome Measure Title *, Time Frame *); registry-facts R32",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "outcomesModule": {"primaryOutcomes": [
                  {"measure": "↓Platelet count", "description": "Count per litre"}]}}}
                """#, at: "protocolSection.outcomesModule.primaryOutcomes[0].timeFrame"),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "outcomesModule": {"secondaryOutcomes": [{"timeFrame": "↓Week 12"}]}}}
                """#, at: "protocolSection.outcomesModule.secondaryOutcomes[0].measure"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2005-09-12"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "outcomesModule": {"primaryOutcomes": [{"measure": "Event free survival"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"outcomesModule": {"primaryOutcomes": [{"measure": "Platelet count", "timeFrame": "Month 12"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.isComplete else { return [] }
        var findings: [Finding] = []
        let requiresTimeFrame = !context.registeredBeforeFDAAA
        for (kind, key, outcomes) in context.study.outcomes.kinds {
            // Paths are built for findings only: most outcomes are complete.
            func path(_ i: Int, _ leaf: String) -> FieldPath { FieldPath.outcomesModule.appending(key).index(i).appending(leaf) }
            // By index, each field read in place: a whole outcome copied out retains each of its values.
            for i in outcomes.indices {
                let titled = !(outcomes[i].measure?.value.isBlank ?? true)
                let timed = !(outcomes[i].timeFrame?.value.isBlank ?? true)
                if titled, timed || !requiresTimeFrame { continue }
                let start = outcomes[i].measure?.position ?? outcomes[i].timeFrame?.position ?? outcomes[i].description?.position
                if !titled {
                    findings.append(Finding("\(kind) outcome \(i + 1) has no title", at: Place(path: path(i, "measure"), start: start)))
                }
                if requiresTimeFrame, !timed {
                    let name = outcomes[i].measure.map { "the \(kind) outcome `\($0.value)`" } ?? "\(kind) outcome \(i + 1)"
                    findings.append(Finding("\(name) has no time frame", at: Place(path: path(i, "timeFrame"), start: start)))
                }
            }
        }
        return findings
    }
}

extension Outcomes {
    /// Each list of outcomes with its name in messages and its v2 key.
    var kinds: [(String, String, [Outcome])] {
        [("primary", "primaryOutcomes", primary), ("secondary", "secondaryOutcomes", secondary), ("other", "otherOutcomes", other)]
    }
}
