import ScheduleModel

/// Reads rates written as prescription abbreviations: `QD`, `OD`, `BID`, `BD`, `TID`, `TDS`, `QID`, `QW`,
/// `QOD`, `QHS`, with or without dots (`b.i.d.`), and the days of a week: `MWF`,
/// `Monday-Wednesday-Friday` (three a week), `Monday to Friday` (five a week).
///
/// `OD` and `BD` are read only in capitals in a dosing sentence (they also abbreviate diseases).
public struct FrequencyAbbreviationRule: ExtractionRule {
    static let dosingNeighbours = WordSet(["mg", "orally", "po", "iv", "sc"])
    public static let id = "frequency.abbreviation"
    public static let kinds: [FactKind] = [.frequency]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("lenvatinib 20 mg QD orally", [.init(.frequency, "1/P1D", "QD")]),
        RuleExample("prednisolone 100 mg BD", [.init(.frequency, "2/P1D", "BD")]),
        RuleExample("5 mg q 6 hours, then 10 mg b.i.d.", [
            .init(.frequency, "1/PT6H", "q 6 hours"), .init(.frequency, "2/P1D", "b.i.d."),
        ]),
        RuleExample("IFN 3 million units/m2 MWF SQ", [.init(.frequency, "3/P1W", "MWF")]),
        RuleExample("3 million units/m2 SQ Monday-Wednesday-Friday", [
            .init(.frequency, "3/P1W", "Monday-Wednesday-Friday"),
        ]),
        RuleExample("Patients with BD (Behcet's disease)", []),
    ]

    public static let triggers = RuleTriggers(
        words: abbreviationList.map(\.0) + weekdayList.map(\.0) + ["q", "b", "t", "o"])
    static let abbreviations = WordMap(abbreviationList)
    static let abbreviationList: [(String, Frequency)] = [
        ("qd", Frequency(count: 1, per: .days(1))), ("od", Frequency(count: 1, per: .days(1))),
        ("bid", Frequency(count: 2, per: .days(1))), ("bd", Frequency(count: 2, per: .days(1))),
        ("tid", Frequency(count: 3, per: .days(1))), ("tds", Frequency(count: 3, per: .days(1))),
        ("qid", Frequency(count: 4, per: .days(1))), ("qw", Frequency(count: 1, per: .weeks(1))),
        ("qwk", Frequency(count: 1, per: .weeks(1))), ("qod", Frequency(count: 1, per: .days(2))),
        ("qow", Frequency(count: 1, per: .weeks(2))), ("qhs", Frequency(count: 1, per: .days(1))),
        ("qam", Frequency(count: 1, per: .days(1))), ("qpm", Frequency(count: 1, per: .days(1))),
        ("mwf", Frequency(count: 3, per: .weeks(1))), ("qdaily", Frequency(count: 1, per: .days(1))),
        ("qday", Frequency(count: 1, per: .days(1))),
    ]
    /// Abbreviations that are also common words or disease names: only in capitals, in a dosing sentence.
    static let ambiguous = WordSet(["od", "bd"])
    static let dotted: [String: Frequency] = [
        "qd": Frequency(count: 1, per: .days(1)), "bid": Frequency(count: 2, per: .days(1)),
        "tid": Frequency(count: 3, per: .days(1)), "qid": Frequency(count: 4, per: .days(1)),
        "qod": Frequency(count: 1, per: .days(2)), "od": Frequency(count: 1, per: .days(1)),
    ]
    static let weekdays = WordMap(weekdayList)
    static let weekdayList: [(String, Int)] = [
        ("monday", 1), ("tuesday", 2), ("wednesday", 3), ("thursday", 4), ("friday", 5), ("saturday", 6),
        ("sunday", 7), ("mon", 1), ("tue", 2), ("wed", 3), ("thu", 4), ("fri", 5),
    ]

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .frequency) else { continue }
            guard let (frequency, end) = abbreviation(at: i, text) else { continue }
            facts.emit(.frequency, .frequency(frequency), tokens: i..<end, rule: Self.id)
            facts.claim(i..<end, as: .frequency)
            i = end - 1
        }
    }

    private func abbreviation(at i: Int, _ text: FieldText) -> (Frequency, Int)? {
        let t = text.tokens[i]
        if let f = Self.abbreviations[t.hash] {
            if Self.ambiguous.contains(t.hash) {
                guard t.flags.contains(.upper),
                    text.sentence(of: i).tags.contains(.dosing) || text.isSymbol(i - 1, "(") || text.isNumber(i - 1)
                        || text.isWord(i - 1, Self.dosingNeighbours)
                else { return nil }
            } else if !(t.flags.contains(.upper) || t.flags.isDisjoint(with: [.capitalized])) {
                return nil
            }
            // Not inside a longer code: `BID-1`, `QD-Trial`.
            if text.isSymbol(i + 1, "-"), let n = text.at(i + 2), n.attached { return nil }
            return (f, i + 1)
        }
        // `b.i.d.`, `q.d.`, `t.i.d.`
        if t.end - t.start == 1 {
            var letters = ""
            var j = i
            while j < text.count, j - i < 8, let a = text.at(j), a.isWord, a.end - a.start == 1, text.isSymbol(j + 1, ".") {
                letters += text.folded(j).lowercased()
                j += 2
            }
            if letters.count >= 2, let f = Self.dotted[letters] { return (f, j) }
        }
        // `Monday-Wednesday-Friday`, `Monday, Wednesday and Friday`, `Monday to Friday`
        if let first = Self.weekdays[t.hash] {
            var days = [first]
            var j = i + 1
            var through = false
            while j < text.count, j - i < 8 {
                var k = j
                if text.isSymbol(k, "-") || text.isSymbol(k, ",") || text.isSymbol(k, "/") { k += 1 }
                if text.isWord(k, "and") { k += 1 }
                if text.isWord(k, "to", "through", "thru") {
                    through = true
                    k += 1
                }
                guard k > j, let d = text.at(k), d.isWord, let day = Self.weekdays[d.hash] else { break }
                days.append(day)
                j = k + 1
            }
            // `Monday to Friday`, `Monday-Friday`: a run of days.
            let hyphenated = days.count == 2 && text.isSymbol(i + 1, "-")
            if through || hyphenated, days.count == 2, days[1] > days[0] {
                return (Frequency(count: Double(days[1] - days[0] + 1), per: .weeks(1)), j)
            }
            if !through, days.count >= 2, Set(days).count == days.count { return (Frequency(count: Double(days.count), per: .weeks(1)), j) }
        }
        return nil
    }
}
