import ScheduleModel

/// Reads repeating rates written as a period: `every 3 weeks`, `every two weeks`, `every 8 hours`,
/// `every other day`, `every day`, `once every 3 weeks`, `every 2 or 4 weeks` (two rates),
/// `q 5 weeks`, `q3w`, `Q6W`, `q12h`, `12 hourly`, `3-weekly`. Rates of visits and assessments count as
/// frequencies too (`followed every 3 months`).
///
/// Counts of cycles are not periods (`every 2 cycles`).
public struct FrequencyEveryNRule: ExtractionRule {
    static let restatementWords = WordSet(["approximately", "about", "roughly", "ie", "i", "e", "or", "that", "is"])
    public static let id = "frequency.every-n"
    public static let kinds: [FactKind] = [.frequency]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("Treatment repeats every 5 weeks for up to 4 courses", [.init(.frequency, "1/P5W", "every 5 weeks")]),
        RuleExample("oral leucovorin every 6\r\n      hours", [.init(.frequency, "1/PT6H", "every 6\r\n      hours")]),
        RuleExample("1 week between doses, then every two weeks", [.init(.frequency, "1/P2W", "every two weeks")]),
        RuleExample("The doses will be injected every 2 or 4 weeks", [
            .init(.frequency, "1/P2W", "every 2 or 4 weeks"), .init(.frequency, "1/P4W", "4 weeks"),
        ]),
        RuleExample("20 mg/m2 I.V. day 1 q 35 days", [.init(.frequency, "1/P35D", "q 35 days")]),
        RuleExample("GP chemotherapy Q3W", [.init(.frequency, "1/P3W", "Q3W")]),
        RuleExample("Pemetrexed 500 mg/m2 d 1 q d 21", [.init(.frequency, "1/P21D", "q d 21")]),
        RuleExample("Cytarabine 100 mg/m2 12 hourly by IV bolus", [.init(.frequency, "1/PT12H", "12 hourly")]),
        RuleExample("every 21 days (3 weeks) for up to 4 cycles", [.init(.frequency, "1/P21D", "every 21 days (3 weeks)")]),
        RuleExample("on Day 1 of each cycle, once every 3 weeks", [.init(.frequency, "1/P3W", "once every 3 weeks")]),
        RuleExample("Bone marrow biopsies every three cycles", []),
        RuleExample("Treatment repeats every 3-4 weeks", [.init(.frequency, "1/P3W..P4W", "every 3-4 weeks")]),
        RuleExample("low-dose aspirin (100 mg on alternate days); alternate-day dosing", [
            .init(.frequency, "1/P2D", "alternate days"),
        ]),
    ]

    /// At a number, only `12 hourly`, `3-weekly` (`everyPeriod(at:)`) reads a period: an adverb of a unit
    /// longer than a day.
    public static let triggers = RuleTriggers(
        words: ["every", "q", "each", "alternate", "alternating"], numbers: true,
        numbersNeedOneOf: ["weekly", "monthly", "hourly", "yearly", "annually"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .frequency.union(.window))
            else { continue }
            guard let every = text.everyPeriod(at: i) else { continue }
            // `twice daily (approximately every 12 hours)` states one rate twice.
            if isRestatement(i, text, facts) {
                i = every.end - 1
                continue
            }
            let start = text.isWord(i - 1, "once") ? i - 1 : i
            // `every 3-4 weeks`: one rate with a range of periods; `every 2 or 4 weeks`: two rates.
            if every.value.count == 2, text.isRange(every) {
                let rate = Frequency(count: 1, per: every.value[0], upTo: every.value[1])
                facts.emit(.frequency, .frequency(rate), tokens: start..<every.end, rule: Self.id)
                facts.claim(start..<every.end, as: .frequency)
                i = every.end - 1
                continue
            }
            for (k, period) in every.value.enumerated() {
                // The second of two alternatives points at its own number.
                let tokens = k == 0 ? start..<every.end : alternativeTokens(text, every, k)
                facts.emit(.frequency, .frequency(Frequency(count: 1, per: period)), tokens: tokens, rule: Self.id)
            }
            facts.claim(start..<every.end, as: .frequency)
            i = every.end - 1
        }
    }

    private func isRestatement(_ i: Int, _ text: FieldText, _ facts: FactCollector) -> Bool {
        var k = i - 1
        while k >= 0, i - k <= 3, text.isWord(k, Self.restatementWords)
            || text.isSymbol(k, ".") || text.isSymbol(k, ",")
        {
            k -= 1
        }
        return text.isSymbol(k, "(") && facts.isClaimed(k - 1, as: .frequency)
    }

    private func alternativeTokens(_ text: FieldText, _ every: Parsed<[ISODuration]>, _ k: Int) -> Range<Int> {
        // `every 2 or 4 weeks`: the text of `4 weeks`.
        var j = every.end - 1
        while j > 0, !text.isNumber(j) { j -= 1 }
        return j..<every.end
    }
}
