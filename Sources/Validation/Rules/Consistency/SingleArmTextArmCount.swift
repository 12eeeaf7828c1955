import Diagnostics
import RegistryModel
import ScheduleModel

/// A text that calls the study single-arm is not about a study with several arms.
public struct SingleArmTextArmCount: Rule {
    public static let description = RuleDescription(
        id: "single-arm-text-arm-count",
        family: .consistency,
        defaultSeverity: .warning,
        summary: "A study whose text calls it single-arm has one arm.",
        rationale: """
            A single-arm study gives every participant the same treatment. When the brief summary or the \
            detailed description says the study is single-arm but the record lists two or more arm groups, \
            either the text or the arms are out of date. Only statements about the study itself count (`This \
            is a single-arm study`, `The trial is designed as a single-arm …`), not single-arm cohorts, other \
            studies, or `one arm of the study`. Arms that all give the same interventions are cohorts of one \
            treatment (age groups, stages), and a dose-escalation study often enters its dose levels as arms: \
            both are left alone, as are observational studies, whose groups are cohorts. (A SINGLE_GROUP \
            intervention model with several arms is the registry rule single-group-arm-count.)
            """,
        source: "ctlint schedule consistency; DED Arm/Group",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary": "This is a ↓single-arm study of drug A."},
                  "armsInterventionsModule": {"armGroups": [
                    {"label": "Drug A", "type": "EXPERIMENTAL"}, {"label": "Placebo", "type": "PLACEBO_COMPARATOR"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary": "This is a single-arm study of drug A."},
                  "armsInterventionsModule": {"armGroups": [{"label": "Drug A", "type": "EXPERIMENTAL"}]}}}
                """#),
            // About cohorts, not the study.
            Example(#"""
                {"protocolSection": {"descriptionModule": {"briefSummary": "Drug A is evaluated across two single-arm cohorts."},
                  "armsInterventionsModule": {"armGroups": [
                    {"label": "Cohort A", "type": "EXPERIMENTAL"}, {"label": "Cohort B", "type": "EXPERIMENTAL"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // The text's claim first: few records make one, and comparing the arms costs more.
        guard context.facts.contains(where: { Self.states(.singleArm, $0) }), let arms = context.armCount, arms > 1,
            context.studyType != .observational, !context.facts.contains(where: { Self.states(.doseEscalation, $0) }),
            !context.armsAreCohorts
        else { return [] }
        let labels = context.study.armsInterventions.armGroups.compactMap(\.label)
        let claims = context.facts.filter {
            Self.states(.singleArm, $0) && !context.isArmDescription($0.field) && Self.describesThisStudy($0, context)
        }
        return claims.map { fact in
            Finding(
                "\(context.fieldName(fact.field)) calls the study single-arm («\(fact.text)»), but it has \(arms) arms",
                at: context.place(of: fact), notes: labels.map { context.note("arm `\($0.value)`", at: $0) },
                fix: FixIt("correct the text, or the arms if the study has only one"))
        }
    }
}

extension SingleArmTextArmCount {
    /// `true` when a fact's value is the design feature `feature`: matched as a pattern, which builds no
    /// value to compare with, since every rule asks it of every fact.
    static func states(_ feature: DesignFeature, _ fact: Fact) -> Bool {
        if case .design(let stated) = fact.value { return stated == feature }
        return false
    }

    /// Words before a design term that make it a statement about this study.
    static let studyCues = ["this", "the study", "the trial", "designed as", "is a", "was a"]
    /// Words after a design term that make it about several studies or cohorts.
    static let pluralCues = ["cohorts", "studies", "trials", "groups", "arms", "phases"]

    /// `true` when the sentence says the study itself is single-arm: the term itself says `single`, a cue
    /// such as `this` or `the trial` comes before it, and no plural such as `cohorts` right after it.
    static func describesThisStudy(_ fact: Fact, _ context: RuleContext) -> Bool {
        guard fact.text.lowercased().contains("single") else { return false }
        let (before, after) = context.sentence(around: fact)
        let words = " " + before.lowercasedWords.joined(separator: " ") + " "
        guard studyCues.contains(where: { words.contains(" \($0) ") }) else { return false }
        let next = after.lowercasedWords.prefix(4)
        return !next.contains { pluralCues.contains($0) }
    }
}

extension RuleContext {
    /// `true` when the record lists two or more arm groups and every one gives the same interventions, as
    /// the arms name them (API v2) or the interventions name their arms (legacy XML).
    var armsAreCohorts: Bool {
        let interventions = study.armsInterventions.interventions
        let arms = study.armsInterventions.armGroups.map { arm in
            var names = Set(arm.interventionNames.map { $0.value.lowercased() })
            if let label = arm.label?.value.lowercased() {
                for intervention in interventions where intervention.armGroupLabels.contains(where: { $0.value.lowercased() == label }) {
                    names.insert(intervention.name?.value.lowercased() ?? "")
                }
            }
            return names
        }
        guard arms.count > 1, let first = arms.first, !first.isEmpty else { return false }
        return arms.allSatisfy { $0 == first }
    }

    /// `true` for the description of an arm group, which speaks of its own arm.
    func isArmDescription(_ path: FieldPath) -> Bool {
        study.armsInterventions.armGroups.contains { $0.description?.path == path }
    }
}
