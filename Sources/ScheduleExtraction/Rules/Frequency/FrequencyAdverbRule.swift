import ScheduleModel

/// Reads rates written as one adverb: `daily`, `weekly`, `monthly`, `annually`, `yearly`, `hourly`,
/// `nightly`, `fortnightly`, `quarterly`; also in a dose (`12 mg/m2 daily`) and for visits
/// (`each weekly visit`, `followed monthly`).
///
/// Not `activities of daily living`, `daily life`, `total daily dose`, or `bi-weekly` (which may mean
/// twice a week or every two weeks).
public struct FrequencyAdverbRule: ExtractionRule {
    public static let id = "frequency.adverb"
    public static let kinds: [FactKind] = [.frequency]
    public init() {}
    public static let triggers = RuleTriggers(words: Frequencies.adverbList.map(\.0))

    public static let examples: [RuleExample] = [
        RuleExample("Mitoxantrone: 12 mg/m2 daily by IV infusion", [.init(.frequency, "1/P1D", "daily")]),
        RuleExample("omalizumab 16 mg/kg monthly doses", [.init(.frequency, "1/P1M", "monthly")]),
        RuleExample("followed every 6 months for 4 years and then annually", [
            .init(.frequency, "1/P6M", "every 6 months"), .init(.frequency, "1/P1Y", "annually"),
        ]),
        RuleExample("the total daily dose of 2000 mg/m2; activities of daily living", []),
        RuleExample("Participants will undergo biweekly increase", []),
        RuleExample("near-daily headaches; costing an estimated $1.5 billion annually", []),
        RuleExample("The daily doses of A10 and AS2-1 are divided into six infusions", [
            .init(.frequency, "6/P1D", "six infusions"),
        ]),
    ]

    static let notRates = WordSet([
        "life", "living", "activities", "activity", "routine", "practice", "practise", "updates", "update",
        "reports", "report", "meeting", "meetings", "newsletter", "income", "salary", "wage", "consumption",
        "intake", "lives", "chores", "tasks", "functioning", "habits", "rhythm", "rhythms", "variation",
        "variations", "fluctuation", "fluctuations", "headache", "headaches", "symptoms", "attacks", "episodes",
        "seizures", "bleeding", "smokers", "drinking", "smoking", "exercise", "walks",
    ])
    static let moneyWords = WordSet(["billion", "dollars", "euros", "cost", "costs", "costing", "usd", "eur", "spent"])

    private func isAmountOfMoney(before i: Int, _ text: FieldText) -> Bool {
        for k in max(0, i - 4)..<i where text.isSymbol(k, "$") || text.isWord(k, Self.moneyWords) { return true }
        return false
    }

    private func isDivided(_ i: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 16) where text.isWord(k, "divided") { return true }
        return false
    }

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard t.isWord, let period = Frequencies.adverbs[t.hash], !facts.isClaimed(i, as: .frequency),
                !text.isInExcludedSection(i)
            else { continue }
            if text.isWord(i + 1, Self.notRates) || text.isWord(i - 1, "total") { continue }
            // `near-daily headaches`, `costing $1.5 billion annually`: how often something else happens.
            if text.isWord(i - 1, "near", "almost", "nearly") || text.isWord(i - 2, "near") && text.isSymbol(i - 1, "-") {
                continue
            }
            if isAmountOfMoney(before: i, text) { continue }
            // `at 4-hourly intervals` is a spacing (`IntervalRule`).
            if text.isWord(i + 1, "interval", "intervals"), text.isNumber(i - 1) || text.isSymbol(i - 1, "-") { continue }
            // `The daily doses … are divided into six infusions`: an amount per day, given at another rate.
            if text.isWord(i + 1, "dose", "doses"), isDivided(i, text) { continue }
            if text.isWord(i - 1, "of"), text.isWord(i - 2, "activities") { continue }
            if text.isSymbol(i - 1, "-"), text.isWord(i - 2, "bi", "semi") { continue }
            facts.emit(.frequency, .frequency(Frequency(count: 1, per: period)), tokens: i..<(i + 1), rule: Self.id)
            facts.claim(i..<(i + 1), as: .frequency)
        }
    }
}
