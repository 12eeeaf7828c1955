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
    /// A count needs a cycle noun, or `treatments`, after its number.
    public static let triggers = RuleTriggers(numbers: true, numbersNeedOneOf: cycleNounList + ["treatments"])

    public static let examples: [RuleExample] = [
        RuleExample("Treatment repeats every 5 weeks for up to 4 courses", [.init(.cycleCount, "4", "up to 4 courses")]),
        RuleExample("RT given with two 21-day cycles of cisplatin", [.init(.cycleCount, "2", "two 21-day cycles")]),
        RuleExample("doxorubicin every 3 weeks for max 6 cycles", [.init(.cycleCount, "6", "max 6 cycles")]),
        RuleExample("VAD x 3 cycles", [.init(.cycleCount, "3", "x 3 cycles")]),
        RuleExample("Two courses of Cytarabine", [.init(.cycleCount, "2", "Two courses")]),
        RuleExample("pemetrexed/cisplatin for 4-6 cycles", [.init(.cycleCount, "4..6", "for 4-6 cycles")]),
        RuleExample("progressive disease after 2 courses; biopsies every three cycles; for two consecutive cycles", []),
        RuleExample("Treatment repeats every 4 weeks for a total of not more than 3 treatments.", [
            .init(.cycleCount, "3", "total of not more than 3 treatments"),
        ]),
        RuleExample(
            "Patients with stable disease may be re-treated 4 weeks after the last dose, for a total of not more than 3 treatments",
            [.init(.cycleCount, "3", "total of not more than 3 treatments")]),
        RuleExample("AC0010 versus pemetrexed/cisplatin (4-6 cycles); patients who had received 4 cycles of chemotherapy", []),
        RuleExample("Patients who relapse after 4 cycles of prior chemotherapy receive 2 courses of drug X", [
            .init(.cycleCount, "2", "2 courses"),
        ]),
    ]

    static let cycleNouns = WordSet(cycleNounList)
    static let cycleNounList = ["cycle", "cycles", "course", "courses"]
    static let notCounts = WordSet(["after", "every", "within", "each", "first", "last", "than", "per", "past", "phase"])

    static let comparisonWords = WordSet(["versus", "vs", "compared", "comparing", "comparator"])
    static let pastVerbs = WordSet(["received", "completed", "undergone", "had"])

    /// Treatments that repeat in the sentence: `Treatment repeats every 4 weeks for … 3 treatments`,
    /// `may be re-treated … for a total of not more than 3 treatments`.
    private func isRepeatedTreatment(_ j: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: j) where k != j && text.repeatWord(at: k) != nil { return true }
        return false
    }

    /// Cycles of another schedule: prior therapy (`4 cycles of prior chemotherapy`, `had received 6 cycles`)
    /// or a comparison (`AC0010 versus pemetrexed/cisplatin (4-6 cycles)`, `vs 4 courses of ABVD`).
    private func isPriorOrComparator(_ i: Int, noun: Int, _ text: FieldText) -> Bool {
        if text.isWord(noun + 1, "of"), text.isWord(noun + 2, "prior", "previous") { return true }
        var k = i - 1
        while k >= 0, i - k <= 6, text.sameSentence(k, i) {
            if text.isWord(k, Self.comparisonWords) { return true }
            // `had received 6 cycles`, `have received 4 courses`, `had completed 4 cycles`: therapy before the study.
            if i - k <= 4, text.isWord(k, Self.pastVerbs), text.isWord(k - 1, "had") || text.isWord(k, "had")
                || text.isWord(k - 1, "have", "has") && text.isWord(k, "received", "undergone")
            {
                return true
            }
            k -= 1
        }
        return false
    }

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
            // `4-6 cycles`, `4 to 6 courses`
            var upper: Int?
            if let sep = text.rangeSeparator(at: j), let m = text.integer(at: sep), m.value > n.value, m.value <= 100,
                text.isWord(m.end, Self.cycleNouns), text.isPlural(m.end), !text.isWord(i - 1, DoseReader.numberedNouns)
            {
                upper = m.value
                j = m.end
            }
            if let d = text.duration(at: j) {
                // `qd x 4 28 day cycles`: the 4 belongs to the `x`.
                if text.isWord(i - 1, "x") { continue }
                j = d.end  // `two 21-day cycles`
            }
            if text.isWord(j, Self.cycleQualifiers) { j += 1 }
            // `for a total of not more than 3 treatments` where treatment repeats: a treatment is a course.
            guard text.isWord(j, Self.cycleNouns) || text.isWord(j, "treatments") && isRepeatedTreatment(j, text)
            else { continue }
            if isPriorOrComparator(i, noun: j, text) { continue }
            // `1 cycle=28 days`, `1 cycle is 21 days`: a definition of the cycle, not a count.
            if text.isSymbol(j + 1, "=") || text.isWord(j + 1, Self.definitionWords) && n.value == 1 {
                continue
            }
            var start = i
            if text.isWord(i - 1, Self.notCounts) && !(text.isWord(i - 1, "than") && text.isWord(i - 3, "not", "no"))
                || text.isWord(i - 1, "consecutive")
            {
                continue
            }
            if n.value == 1, text.isWord(i - 1, "as") { continue }
            if text.isWord(i - 1, "x") { start = i - 1 }
            if text.isWord(i - 1, "max", "maximum") { start = i - 1 }
            if text.isWord(i - 1, "of"), text.isWord(i - 2, "maximum", "total") { start = i - 2 }
            // `not more than 3`, `a total of no more than 3`
            if text.isWord(i - 1, "than"), text.isWord(i - 2, "more"), text.isWord(i - 3, "not", "no") {
                start = i - 3
                if text.isWord(i - 4, "of"), text.isWord(i - 5, "maximum", "total") { start = i - 5 }
            }
            if text.isWord(i - 1, "to"), text.isWord(i - 2, "up") { start = i - 2 }
            if text.isWord(i - 1, "for") { start = i - 1 }
            if text.isWord(i - 2, "after") || text.isWord(i - 1, "consecutive") { continue }
            facts.emit(.cycleCount, .count(CountRange(n.value, upper)), tokens: start..<(j + 1), rule: Self.id)
            facts.claim(start..<(j + 1), as: .count)
            i = j
        }
    }
}
