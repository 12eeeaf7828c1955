import ScheduleModel

/// Reads the number of treatment cycles: `for 4 cycles`, `up to 12 cycles`, `x 12 cycles`, `6 courses`,
/// `max 6 cycles`, `maximum of 4 courses`, `Two courses of`, `two 21-day cycles`, `9 cycles of`.
///
/// Not a checkpoint or a rate counted in cycles: `after 2 courses`, `every 3 cycles`,
/// `for two consecutive cycles`, `the second course`.
public struct CycleCountRule: ExtractionRule {
    static let cycleQualifiers = WordSet(["treatment", "chemotherapy", "additional", "more", "further"])
    static let definitionWords = WordSet(["is", "of", "lasts", "consists", "equals"])
    public static let id = "cycle.count"
    public static let kinds: [FactKind] = [.cycleCount]
    public init() {}
    public static let triggers = RuleTriggers(numbers: true)

    public static let examples: [RuleExample] = [
        RuleExample("Treatment repeats every 5 weeks for up to 4 courses", [.init(.cycleCount, "4", "up to 4 courses")]),
        RuleExample("RT given with two 21-day cycles of cisplatin", [.init(.cycleCount, "2", "two 21-day cycles")]),
        RuleExample("doxorubicin every 3 weeks for max 6 cycles", [.init(.cycleCount, "6", "max 6 cycles")]),
        RuleExample("VAD x 3 cycles", [.init(.cycleCount, "3", "x 3 cycles")]),
        RuleExample("Two courses of Cytarabine", [.init(.cycleCount, "2", "Two courses")]),
        RuleExample("progressive disease after 2 courses; biopsies every three cycles; for two consecutive cycles", []),
    ]

    static let cycleNouns = WordSet(["cycle", "cycles", "course", "courses"])
    static let notCounts = WordSet(["after", "every", "within", "each", "first", "last", "than", "per", "past", "phase"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard t.isNumeric, !text.isInExcludedSection(i), !facts.isClaimed(i, as: .cycle),
                let n = text.integer(at: i), n.value >= 1,
                n.value <= 100, text.isAmountStart(i) || t.isWord
            else { continue }
            var j = n.end
            if let d = text.duration(at: j) {
                // `qd x 4 28 day cycles`: the 4 belongs to the `x`.
                if text.isWord(i - 1, "x") { continue }
                j = d.end  // `two 21-day cycles`
            }
            if text.isWord(j, Self.cycleQualifiers) { j += 1 }
            guard text.isWord(j, Self.cycleNouns) else { continue }
            // `1 cycle=28 days`, `1 cycle is 21 days`: a definition of the cycle, not a count.
            if text.isSymbol(j + 1, "=") || text.isWord(j + 1, Self.definitionWords) && n.value == 1 {
                continue
            }
            var start = i
            if text.isWord(i - 1, Self.notCounts) || text.isWord(i - 1, "consecutive") { continue }
            if n.value == 1, text.isWord(i - 1, "as") { continue }
            if text.isWord(i - 1, "x") { start = i - 1 }
            if text.isWord(i - 1, "max", "maximum") { start = i - 1 }
            if text.isWord(i - 1, "of"), text.isWord(i - 2, "maximum", "total") { start = i - 2 }
            if text.isWord(i - 1, "to"), text.isWord(i - 2, "up") { start = i - 2 }
            if text.isWord(i - 1, "for") { start = i - 1 }
            if text.isWord(i - 2, "after") || text.isWord(i - 1, "consecutive") { continue }
            facts.emit(.cycleCount, .count(CountRange(n.value)), tokens: start..<(j + 1), rule: Self.id)
            facts.claim(start..<(j + 1), as: .count)
            i = j
        }
    }
}
