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
    /// The lexicon with each rule's trigger words, numbers and symbols: where each rule's statements can start.
    private let vocabulary: Vocabulary

    /// An extractor running `rules` in order (at most 64).
    public init(rules: [any ExtractionRule] = ScheduleExtractor.standardRules) {
        precondition(rules.count <= 64, "at most 64 rules")
        self.rules = rules
        var words: [String: UInt64] = [:]
        var numbers: UInt64 = 0
        var symbols = [UInt64](repeating: 0, count: 259)
        for (k, rule) in rules.enumerated() {
            let bit: UInt64 = 1 << UInt64(k)
            let triggers = type(of: rule).triggers
            for word in triggers.words { words[word.lowercased(), default: 0] |= bit }
            if triggers.numbers { numbers |= bit }
            for symbol in triggers.symbols {
                switch symbol {
                case 0..<256: symbols[Int(symbol)] |= bit
                case Token.plusMinus: symbols[256] |= bit
                case Token.greaterOrEqual: symbols[257] |= bit
                case Token.lessOrEqual: symbols[258] |= bit
                default: break
                }
            }
        }
        vocabulary = Vocabulary(triggerWords: words, numberTriggers: numbers, symbolTriggers: symbols)
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
        IntervalAfterAdministrationRule.self,
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
        FrequencyAtIntervalsRule.self,
        IntervalRule.self,
        AdministrationCountRule.self,
        TreatmentDurationRule.self,
        TimepointEndOfCourseRule.self,
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
        let text = FieldText(field: field, value: value, subject: subject, vocabulary: vocabulary)
        var collector = FactCollector(triggers: text.triggers, ruleCount: rules.count)
        for (k, rule) in rules.enumerated() {
            collector.startRule(k)
            rule.apply(to: text, &collector)
        }
        return facts(from: collector, in: text)
    }

    private struct Key: Hashable {
        let kind: FactKind
        let value: FactValue
        let subject: String?
    }

    /// The facts in text order, one per value: a value stated again in the field adds nothing but a label
    /// or an anchor the first statement lacked.
    private func facts(from collector: FactCollector, in text: FieldText) -> [Fact] {
        let candidates = collector.candidates
        guard !candidates.isEmpty else { return [] }
        var facts: [Fact] = []
        facts.reserveCapacity(candidates.count)
        // Most fields give a handful of facts: compare them directly, and hash only when there are many.
        var index: [Key: Int] = [:]
        inTextOrder(candidates, tokenCount: text.count) { c in
            let subject = c.subject ?? text.subject
            var existing: Int?
            if facts.count <= 32 {
                existing = facts.firstIndex { $0.kind == c.kind && $0.value == c.value && $0.subject == subject }
            } else {
                existing = index[Key(kind: c.kind, value: c.value, subject: subject)]
            }
            if let k = existing {
                let f = facts[k]
                if f.label == nil && c.label != nil || f.anchor == nil && c.anchor != nil {
                    facts[k] = Fact(
                        kind: f.kind, value: f.value, field: f.field, text: f.text, utf8Range: f.utf8Range, rule: f.rule,
                        notes: f.notes, subject: f.subject, label: f.label ?? c.label, anchor: f.anchor ?? c.anchor,
                        between: f.between ?? c.between)
                }
                return
            }
            facts.append(
                Fact(
                    kind: c.kind, value: c.value, field: text.field, text: text.originalText(c.tokens),
                    utf8Range: text.utf8Range(c.tokens), rule: c.rule, notes: c.notes, subject: subject,
                    label: c.label, anchor: c.anchor, between: c.between))
            if facts.count == 33 {
                for (k, f) in facts.enumerated() { index[Key(kind: f.kind, value: f.value, subject: f.subject)] = k }
            } else if facts.count > 33 {
                index[Key(kind: c.kind, value: c.value, subject: subject)] = facts.count - 1
            }
        }
        return facts
    }

    /// Calls `body` with the candidates in text order (by first token; candidates of one start in the order
    /// the rules gave them): an insertion sort of indices for the usual few, a counting sort (linear however
    /// many) otherwise.
    private func inTextOrder(
        _ candidates: [FactCollector.Candidate], tokenCount: Int, _ body: (FactCollector.Candidate) -> Void
    ) {
        let n = candidates.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { order in
            if n <= 64 {
                for k in 0..<n {
                    let start = candidates[k].tokens.lowerBound
                    var j = k
                    while j > 0, candidates[Int(order[j - 1])].tokens.lowerBound > start {
                        order[j] = order[j - 1]
                        j -= 1
                    }
                    order[j] = Int32(k)
                }
            } else {
                var starts = [Int](repeating: 0, count: tokenCount + 1)
                for c in candidates { starts[c.tokens.lowerBound + 1] += 1 }
                for k in 1..<starts.count { starts[k] += starts[k - 1] }
                for k in 0..<n {
                    let start = candidates[k].tokens.lowerBound
                    order[starts[start]] = Int32(k)
                    starts[start] += 1
                }
            }
            for k in 0..<n { body(candidates[Int(order[k])]) }
        }
    }
}
