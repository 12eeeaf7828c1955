import ScheduleModel

/// Reads rates written as a count per period: `three times a week`, `3 times per week`, `2 times a day`,
/// `twice daily`, `once weekly`, `twice a week`, `3x/week`, `5 days a week`, `5 dys/week`,
/// `twice on day -4` (two a day).
public struct FrequencyTimesPerRule: ExtractionRule {
    public static let id = "frequency.times-per"
    public static let kinds: [FactKind] = [.frequency]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("interferon alfa SQ three times a week", [.init(.frequency, "3/P1W", "three times a week")]),
        RuleExample("total body irradiation twice a day on days -4 to -1", [.init(.frequency, "2/P1D", "twice a day")]),
        RuleExample("Capecitabine 2 times a day", [.init(.frequency, "2/P1D", "2 times a day")]),
        RuleExample("sorafenib 400 mg twice daily", [.init(.frequency, "2/P1D", "twice daily")]),
        RuleExample("tadalafil once daily (QD)", [.init(.frequency, "1/P1D", "once daily (QD)")]),
        RuleExample("radiotherapy 5 days a week for 2.5 weeks", [.init(.frequency, "5/P1W", "5 days a week")]),
        RuleExample("radiotherapy concurrently 5 consecutive days a week for 7 weeks", [
            .init(.frequency, "5/P1W", "5 consecutive days a week"),
        ]),
        RuleExample("2 Gy/fraction/day, 5 dys/week", [.init(.frequency, "5/P1W", "5 dys/week")]),
        RuleExample("3 times a day on days -7, -6, -5, and twice on day -4", [
            .init(.frequency, "3/P1D", "3 times a day"), .init(.frequency, "2/P1D", "twice on day"),
        ]),
        RuleExample("a value 3 times the upper limit of normal", []),
        RuleExample("The daily doses of A10 and AS2-1 are divided into six infusions", [
            .init(.frequency, "6/P1D", "six infusions"),
        ]),
        RuleExample("200 mg per day given in two divided doses", [.init(.frequency, "2/P1D", "two divided doses")]),
        RuleExample("cyclophosphamide 4 gm/m2 iv as 4 divided doses", []),
    ]

    /// A rate read from a number needs an administration noun, `times` or `x` (`3 times`, `2x`), or `week`
    /// (`5 days a week`).
    public static let triggers = RuleTriggers(
        words: ["once", "twice", "thrice"], numbers: true,
        numbersNeedOneOf: administrationNounList + ["week", "wk", "times", "time", "x"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .frequency) else {
                continue
            }
            guard let (frequency, end) = rate(at: i, text) else { continue }
            facts.emit(.frequency, .frequency(frequency), tokens: i..<end, rule: Self.id)
            facts.claim(i..<end, as: .frequency)
            i = end - 1
        }
    }

    private func rate(at i: Int, _ text: FieldText) -> (Frequency, Int)? {
        if let divided = dividedDailyDose(at: i, text) { return divided }
        // `5 days a week`, `5 dys/week`, `5 days per week`
        if let n = text.integer(at: i), n.value >= 1, n.value <= 7,
            text.isWord(n.end, "days", "dys", "day") || text.isWord(n.end, "consecutive") && text.isWord(n.end + 1, "days")
        {
            let j = text.isWord(n.end, "consecutive") ? n.end + 2 : n.end + 1
            if text.isWord(j, Frequencies.perWords) || text.isSymbol(j, "/"), text.isWord(j + 1, "week", "wk") {
                return (Frequency(count: Double(n.value), per: .weeks(1)), j + 2)
            }
            return nil
        }
        // `5 fractions per week`, `2 doses a day`, `two daily doses`
        if let n = text.integer(at: i), n.value >= 1, n.value <= 12, text.isAmountStart(i) || text.tokens[i].isWord {
            if text.isWord(n.end, Self.administrationNouns), text.isWord(n.end + 1, Frequencies.perWords) || text.isSymbol(n.end + 1, "/"),
                let u = text.timeUnit(at: n.end + 2, allowShort: false), u != .minute
            {
                return (Frequency(count: Double(n.value), per: ISODuration(1, u)), n.end + 3)
            }
            if n.value > 1, text.isWord(n.end, "daily"), text.isWord(n.end + 1, Self.administrationNouns) {
                return (Frequency(count: Double(n.value), per: .days(1)), n.end + 2)
            }
        }
        guard let count = text.timesCount(at: i) else { return nil }
        var j = count.end
        if text.isSymbol(j, "-") { j += 1 }
        // `twice daily`, `once weekly`, `3 times weekly`
        if let a = text.at(j), a.isWord, let period = Frequencies.adverbs[a.hash] {
            var end = j + 1
            end = skipRestatedAbbreviation(text, at: end)
            return (Frequency(count: Double(count.value), per: period), end)
        }
        // `three times a week`, `3 times per day`, `3x/week`, `twice each week`
        if text.isWord(j, Frequencies.perWords) || text.isSymbol(j, "/") {
            let k = j + 1
            if let u = text.timeUnit(at: k, allowShort: false) {
                return (Frequency(count: Double(count.value), per: ISODuration(1, u)), k + 1)
            }
            if text.isWord(k, "24") { return nil }
            return nil
        }
        // `twice on day -4`
        if count.value >= 2, text.isWord(j, "on"), text.isWord(j + 1, "day", "days") {
            return (Frequency(count: Double(count.value), per: .days(1)), j + 2)
        }
        return nil
    }

    /// `The daily doses … are divided into six infusions`, `a daily dose given in two divided doses`: so
    /// many administrations a day. Without a daily amount the words are a count.
    private func dividedDailyDose(at i: Int, _ text: FieldText) -> (Frequency, Int)? {
        guard let n = text.integer(at: i), n.value >= 2, n.value <= 12 else { return nil }
        var end: Int
        if text.isWord(i - 1, "into"), text.isWord(i - 2, "divided"), text.isWord(n.end, Self.administrationNouns) {
            end = n.end + 1
        } else if text.isWord(i - 1, "in", "as", "into"), text.isWord(n.end, "divided", "equal", "equally"),
            text.isWord(n.end + 1, Self.administrationNouns) || text.isWord(n.end + 2, Self.administrationNouns)
        {
            end = text.isWord(n.end + 1, Self.administrationNouns) ? n.end + 2 : n.end + 3
        } else {
            return nil
        }
        var daily = false
        for k in text.window(around: i, radius: 24) where k < i {
            if text.isWord(k, "daily") || text.isWord(k, "day") && text.isWord(k - 1, "per", "a", "each") {
                daily = true
            }
            if text.isSymbol(k, "/"), text.isWord(k + 1, "day", "d") { daily = true }
        }
        guard daily else { return nil }
        if text.isWord(end, "daily") { end += 1 }
        return (Frequency(count: Double(n.value), per: .days(1)), end)
    }

    static let administrationNouns = WordSet(administrationNounList)
    static let administrationNounList = [
        "doses", "dose", "fractions", "injections", "infusions", "administrations", "applications", "sessions",
        "tablets", "capsules", "treatments", "instillations", "puffs", "inhalations", "drops",
    ]

    /// Past `(QD)`, `(BID)` restating the rate.
    private func skipRestatedAbbreviation(_ text: FieldText, at i: Int) -> Int {
        guard text.isSymbol(i, "("), let a = text.at(i + 1), a.isWord, a.flags.contains(.upper),
            FrequencyAbbreviationRule.abbreviations[a.hash] != nil, text.isSymbol(i + 2, ")")
        else { return i }
        return i + 3
    }
}
