import Diagnostics
import ScheduleModel

/// Follow-up does not fall before the end of treatment.
public struct FollowUpBeforeEndOfTreatment: Rule {
    public static let description = RuleDescription(
        id: "follow-up-before-end-of-treatment",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "A follow-up timepoint counted from the first dose falls after the last dose.",
        rationale: """
            Follow-up starts when treatment ends. A follow-up visit the text counts from the first dose (or \
            the start of treatment) at an offset before the last administration of the schedule the text \
            lays out, or before the end of the treatment duration it states, falls during treatment: the \
            anchor or the offset is wrong. Only timepoints in a sentence about the follow-up period are \
            checked, and only when the record describes a single treatment.
            """,
        source: "ctlint schedule consistency",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive drug A once a week for 12 weeks. During the follow-up period, subjects are seen ↓8 weeks after the first dose."}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "Subjects receive drug A once a week for 12 weeks. During the follow-up period, subjects are seen 16 weeks after the first dose."}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // The follow-up first: few records state one, and finding the end of treatment costs more.
        let isFollowUp = { (fact: Fact) in
            if case .period(.followUp) = fact.value { return true }
            return false
        }
        guard context.facts.contains(where: isFollowUp), context.hasOneTreatment else { return [] }
        let followUp = context.facts.filter(isFollowUp)
        var end: End??
        return context.facts.compactMap { fact in
            guard fact.kind == .timepoint, case .duration(let range) = fact.value, range.upper == nil,
                let anchor = fact.anchor.flatMap(TimepointAnchor.init(rawValue:)), anchor.isStartOfDosing,
                followUp.contains(where: { context.sameSentence($0, fact) })
            else { return nil }
            if end == nil { end = Self.endOfTreatment(context) }
            guard let end = end ?? nil, range.lower.days < end.days else { return nil }
            return Finding(
                "the follow-up timepoint «\(fact.text)» (\(range.lower) after \(anchor)) falls before the end of treatment, \(end.description)",
                at: context.place(of: fact), notes: [context.note("the end of treatment follows from this", at: end.evidence)],
                fix: FixIt("count the follow-up from the end of treatment, or correct its offset"))
        }
    }

    /// When treatment ends, counted from the first dose, and the fact that says so.
    struct End {
        let days: Double
        let description: String
        let evidence: Fact
    }

    /// The last administration of the laid-out schedule, or else the one stated treatment duration.
    static func endOfTreatment(_ context: RuleContext) -> End? {
        let interventions = context.statedSchedule.interventions
        if interventions.count == 1, let intervention = interventions.first, intervention.cycles == nil,
            let last = intervention.schedule.last, last.day > 0,
            let evidence = context.facts.first(where: { $0.kind == .interval || $0.kind == .administrationDay || $0.kind == .frequency })
        {
            return End(days: Double(last.day), description: "day \(last.day) of the schedule", evidence: evidence)
        }
        let durations = context.facts.filter { $0.kind == .treatmentDuration && context.describesTreatment($0.field) }
        guard let first = durations.first, durations.allSatisfy({ $0.value.isEquivalent(to: first.value) }),
            case .duration(let range) = first.value, range.upper == nil
        else { return nil }
        return End(days: range.lower.days, description: "after \(range.lower) of treatment", evidence: first)
    }
}
