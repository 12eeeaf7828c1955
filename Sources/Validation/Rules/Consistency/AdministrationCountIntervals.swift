import Diagnostics
import ScheduleModel

/// The number of administrations is one the stated intervals can produce.
public struct AdministrationCountIntervals: Rule {
    public static let description = RuleDescription(
        id: "administration-count-intervals",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "The number of administrations a text states is one its intervals can produce.",
        rationale: """
            A text that says 4 infusions but places an interval between the 4th and the 5th contradicts \
            itself: either the count or the interval is wrong. Intervals are compared with the count stated in \
            the same field for the same treatment. (Rates and treatment durations are not compared with \
            counts: texts often describe several phases in one sentence, `once a week for 3 weeks, then …`.)
            """,
        source: "ctlint schedule consistency",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive ↓4 infusions. There are 2 weeks between the fourth infusion and the fifth infusion."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive 5 infusions. There are 2 weeks between the fourth infusion and the fifth infusion."}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // By index: most facts are of other kinds, and copying each out to ask its kind cost more than the rule.
        let facts = context.facts
        for k in facts.indices where facts[k].kind == .administrationCount {
            guard case .count(let n) = facts[k].value, n.upper == nil else { continue }
            let count = facts[k]
            guard context.statesOneValue(like: count, similar: { _ in true }) else { continue }
            // The first fact of the field, about the same treatment, with an interval beyond the count: asked
            // in place, interval first, which most facts have none of.
            let found = facts.indices.first { j in
                (facts[j].between?.max() ?? 0) > n.lower && facts[j].field == count.field && context.sameSubject(facts[j], count)
            }
            if let found, let between = facts[found].between {
                let beyond = facts[found]
                findings.append(
                    Finding(
                        "\(context.fieldName(count.field)) says \(n.lower) administrations («\(count.text)»), but places an interval between administrations \(between.map(String.init).joined(separator: " and ")) («\(beyond.text)»)",
                        at: context.place(of: count), notes: [context.note("the interval", at: beyond)],
                        fix: FixIt("correct the number of administrations or the interval")))
            }
        }
        return findings
    }
}
