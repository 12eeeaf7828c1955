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
        var numberGates: [String: UInt64] = [:]
        var ungatedNumbers: UInt64 = 0
        var symbols = [UInt64](repeating: 0, count: 259)
        for (k, rule) in rules.enumerated() {
            let bit: UInt64 = 1 << UInt64(k)
            let triggers = type(of: rule).triggers
            for word in triggers.words { words[word.lowercased(), default: 0] |= bit }
            if triggers.numbers { numbers |= bit }
            if triggers.numbersNeedOneOf.isEmpty { ungatedNumbers |= bit }
            for word in triggers.numbersNeedOneOf { numberGates[word.lowercased(), default: 0] |= bit }
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
        vocabulary = Vocabulary(
            ruleCount: rules.count, triggerWords: words, numberTriggers: numbers, numberGateWords: numberGates,
            ungatedNumberTriggers: numbers & ungatedNumbers, symbolTriggers: symbols)
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

    /// The field, the collector and the order extraction reads fields into, kept between calls by a caller that
    /// extracts many records (a scan's worker thread), so that each field reuses the memory of the fields and
    /// records before instead of allocating and freeing its own: a record has a dozen fields, most of them a
    /// line long, and allocation would otherwise cost more than their reading. One workspace serves one caller
    /// at a time; between calls it holds the last field's readings and the capacity of its arrays, nothing a
    /// later call reads.
    public struct Workspace {
        var text = FieldText()
        var collector = FactCollector()
        var order: [Int32] = []

        public init() {}
    }

    /// The facts of every schedule text field of a study, in field order.
    public func extract(_ study: Study) -> [Fact] {
        var workspace = Workspace()
        return extract(study, in: &workspace)
    }

    /// The facts of every schedule text field of a study, in field order, read in the arrays of `workspace`.
    public func extract(_ study: Study, in workspace: inout Workspace) -> [Fact] {
        let interventions = study.armsInterventions.interventions
        let fields = study.scheduleTextFields
        var facts: [Fact] = []
        // Room for about two facts a field, the usual yield: growing from empty would copy every fact made
        // so far at each doubling.
        facts.reserveCapacity(2 * fields.count)
        // By index: iterating would copy each field out of the array, and a search with a closure each intervention.
        for k in fields.indices {
            let subject = Self.subject(of: fields[k].path, in: interventions)
            extract(fields[k].value, field: fields[k].path, subject: subject, into: &facts, in: &workspace)
        }
        return facts
    }

    /// The intervention a field describes: an intervention's own description is about the intervention, and
    /// the last one with the field's path names it. A record has a few interventions, so a search costs less
    /// than hashing paths.
    private static func subject(of path: FieldPath, in interventions: [Intervention]) -> String? {
        var k = interventions.endIndex
        while k > interventions.startIndex {
            k -= 1
            if interventions[k].description?.path == path, let name = interventions[k].name { return name.value }
        }
        return nil
    }

    /// The facts of one text, read as the field `field`.
    public func extract(_ value: String, field: FieldPath, subject: String? = nil) -> [Fact] {
        var facts: [Fact] = []
        var workspace = Workspace()
        extract(value, field: field, subject: subject, into: &facts, in: &workspace)
        return facts
    }

    /// Appends the facts of one text, read as the field `field`, to `facts`, reading it in `workspace`.
    private func extract(
        _ value: String, field: FieldPath, subject: String?, into facts: inout [Fact], in workspace: inout Workspace
    ) {
        workspace.text.read(field: field, value: value, subject: subject, vocabulary: vocabulary)
        workspace.text.startCollecting(into: &workspace.collector)
        // A rule whose statements cannot start anywhere in the field has nothing to read in it: the loop visits
        // the rules that can, by their bits (a field starts a few of the 24), in order.
        var starting = workspace.collector.startingRules
        while starting != 0 {
            let k = starting.trailingZeroBitCount
            starting &= starting &- 1
            workspace.collector.startRule(k)
            rules[k].apply(to: workspace.text, &workspace.collector)
        }
        workspace.text.stopCollecting(from: &workspace.collector)
        append(workspace.collector, in: workspace.text, to: &facts, order: &workspace.order)
    }

    private struct Key: Hashable {
        let kind: FactKind
        let value: FactValue
        let subject: String?
    }

    /// Appends the facts of a field to `facts` in text order, one per value: a value stated again in the field adds
    /// nothing but a label or an anchor the first statement lacked.
    private func append(_ collector: FactCollector, in text: FieldText, to facts: inout [Fact], order: inout [Int32]) {
        let candidates = collector.candidates
        guard !candidates.isEmpty else { return }
        // This field's facts are `facts[base...]`.
        let base = facts.count
        // Most fields give a handful of facts: compare each candidate with them in place (copying a fact or a
        // candidate retains each of its strings), and hash only when there are many.
        var index: [Key: Int] = [:]
        candidates.withUnsafeBufferPointer { candidates in
            Self.textOrder(candidates, tokenCount: text.count, into: &order)
            for k in order {
                let c = Int(k)
                let subject = candidates[c].subject ?? text.subject
                let existing: Int?
                if facts.count - base <= 32 {
                    existing = facts.withUnsafeBufferPointer { kept in
                        (base..<kept.count).first {
                            kept[$0].kind == candidates[c].kind && kept[$0].value == candidates[c].value && kept[$0].subject == subject
                        }
                    }
                } else {
                    existing = index[Key(kind: candidates[c].kind, value: candidates[c].value, subject: subject)].map { base + $0 }
                }
                if let k = existing {
                    if facts[k].label == nil && candidates[c].label != nil || facts[k].anchor == nil && candidates[c].anchor != nil {
                        let f = facts[k]
                        facts[k] = Fact(
                            kind: f.kind, value: f.value, field: f.field, text: f.text, utf8Range: f.utf8Range, rule: f.rule,
                            notes: f.notes, subject: f.subject, label: f.label ?? candidates[c].label,
                            anchor: f.anchor ?? candidates[c].anchor, between: f.between ?? candidates[c].between)
                    }
                    continue
                }
                let range = text.utf8Range(candidates[c].tokens)
                facts.append(
                    Fact(
                        kind: candidates[c].kind, value: candidates[c].value, field: text.field,
                        text: text.originalText(utf8: range), utf8Range: range,
                        rule: candidates[c].rule, notes: candidates[c].notes, subject: subject, label: candidates[c].label,
                        anchor: candidates[c].anchor, between: candidates[c].between))
                let kept = facts.count - base
                if kept == 33 {
                    index = Dictionary(uniqueKeysWithValues: facts[base...].enumerated().map {
                        (Key(kind: $1.kind, value: $1.value, subject: $1.subject), $0)
                    })
                } else if kept > 33 {
                    index[Key(kind: candidates[c].kind, value: candidates[c].value, subject: subject)] = kept - 1
                }
            }
        }
    }

    /// Writes the indices of `candidates` in text order into `order` (by first token; candidates of one start
    /// in the order the rules gave them): an insertion sort for the usual few, a counting sort (linear however
    /// many) otherwise.
    private static func textOrder(
        _ candidates: UnsafeBufferPointer<FactCollector.Candidate>, tokenCount: Int, into order: inout [Int32]
    ) {
        let n = candidates.count
        order.empty()
        order.append(repeating: 0, count: n)
        order.withUnsafeMutableBufferPointer { order in
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
                var next = [Int](repeating: 0, count: tokenCount + 1)
                for candidate in candidates { next[candidate.tokens.lowerBound + 1] += 1 }
                for k in 1..<next.count { next[k] += next[k - 1] }
                for k in 0..<n {
                    let start = candidates[k].tokens.lowerBound
                    order[next[start]] = Int32(k)
                    next[start] += 1
                }
            }
        }
    }
}
