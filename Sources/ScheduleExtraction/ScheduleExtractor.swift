import RegistryModel
import ScheduleModel

/// Reads schedule facts from a record's text fields with transparent rules.
///
/// Each field is folded and tokenised once (`FieldText`), then every rule reads it in a fixed order; a
/// rule may leave tokens claimed so that later rules do not read the same words again as something else.
/// A value stated twice in one field gives one fact, at its first statement.
public struct ScheduleExtractor: Sendable {
    /// The rules, in the order they run.
    public let rules: [any ExtractionRule]

    public init(rules: [any ExtractionRule] = ScheduleExtractor.standardRules) {
        self.rules = rules
    }

    /// Every rule, in the order they run: the ones that claim words for a narrow reading first.
    public static var standardRules: [any ExtractionRule] {
        ruleTypes.map { $0.init() }
    }

    /// The rule types, in the order they run.
    public static let ruleTypes: [any ExtractionRule.Type] = [
        WindowPlusMinusRule.self,
        WindowAsymmetricRule.self,
        DoseAUCRule.self,
        DoseScientificNotationRule.self,
        DoseAmountRule.self,
        TimepointVisitCodeRule.self,
        TimepointAfterAnchorRule.self,
        AdministrationDayRule.self,
        AdministrationDayAfterRouteRule.self,
        CycleLengthRule.self,
        CycleCountRule.self,
        FrequencyAbbreviationRule.self,
        FrequencyTimesPerRule.self,
        FrequencyEveryNRule.self,
        FrequencyAdverbRule.self,
        IntervalRule.self,
        AdministrationCountRule.self,
        TreatmentDurationRule.self,
        RouteRule.self,
        PeriodRule.self,
        DesignRule.self,
    ]

    /// The facts of every schedule text field of a study, in field order.
    public func extract(_ study: Study) -> [Fact] {
        var subjects: [FieldPath: String] = [:]
        for intervention in study.armsInterventions.interventions {
            if let description = intervention.description, let name = intervention.name?.value {
                subjects[description.path] = name
            }
        }
        var facts: [Fact] = []
        for field in study.scheduleTextFields {
            facts += extract(field.value, field: field.path, subject: subjects[field.path])
        }
        return facts
    }

    /// The facts of one text, read as the field `field`.
    public func extract(_ value: String, field: FieldPath, subject: String? = nil) -> [Fact] {
        let text = FieldText(field: field, value: value, subject: subject)
        var collector = FactCollector(tokenCount: text.count)
        for rule in rules { rule.apply(to: text, &collector) }
        return facts(from: collector, in: text)
    }

    private struct Key: Hashable {
        let kind: FactKind
        let normalized: String
        let subject: String?
        let label: String?
        let anchor: String?
    }

    private func facts(from collector: FactCollector, in text: FieldText) -> [Fact] {
        let ordered = collector.candidates.enumerated().sorted {
            ($0.element.tokens.lowerBound, $0.offset) < ($1.element.tokens.lowerBound, $1.offset)
        }
        var seen: Set<Key> = []
        var facts: [Fact] = []
        for (_, c) in ordered {
            let subject = c.subject ?? text.subject
            let key = Key(
                kind: c.kind, normalized: c.value.description, subject: subject, label: c.label, anchor: c.anchor)
            guard seen.insert(key).inserted else { continue }
            facts.append(
                Fact(
                    kind: c.kind, value: c.value, field: text.field, text: text.originalText(c.tokens),
                    utf8Range: text.utf8Range(c.tokens), rule: c.rule, notes: c.notes, subject: subject,
                    label: c.label, anchor: c.anchor, between: c.between))
        }
        return facts
    }
}
