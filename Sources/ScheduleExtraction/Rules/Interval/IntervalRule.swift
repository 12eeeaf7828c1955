import ScheduleModel

/// Reads stated separations between consecutive administrations: `1 week between the first infusion and
/// the second infusion` (with `between: [1, 2]`), `2 weeks apart`, `6 - 10 hours apart`,
/// `an interval of 4 weeks`, `at 28-day intervals`, `23 days interval`, `1-2 weeks intervals`,
/// `a 4-week interval without treatment`.
///
/// Offsets from another agent or event (`4 hours after the start of fludarabine`, `8 weeks after starting
/// study drug`) are not intervals.
public struct IntervalRule: ExtractionRule {
    public static let id = "interval.between"
    public static let kinds: [FactKind] = [.interval]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample(
            "with a frequency of 1 week between the first infusion and the second infusion",
            [.init(.interval, "P1W", "1 week between the first infusion and the second infusion", between: [1, 2])]),
        RuleExample(
            "the 3rd, 4th and 5th infusion were all 2 weeks apart from the last infusion",
            [
                .init(
                    .interval, "P2W", "2 weeks apart", notes: ["for administrations 3, 4 and 5, each from the one before"])
            ]),
        RuleExample("TBI fractions 6 - 10 hours apart", [.init(.interval, "PT6H..PT10H", "6 - 10 hours apart")]),
        RuleExample("2 doses administered at an interval of 4 weeks", [.init(.interval, "P4W", "interval of 4 weeks")]),
        RuleExample("followed by a 4-week interval without treatment", [.init(.interval, "P4W", "4-week interval")]),
        RuleExample("2 sessions/week for 3 weeks, repeated after a 3-week no-treatment interval", [
            .init(.interval, "P3W", "3-week no-treatment interval"),
        ]),
        RuleExample("orally every 5 days with 23 days interval", [.init(.interval, "P23D", "23 days interval")]),
        RuleExample("injections with 1-2 weeks intervals", [.init(.interval, "P1W..P2W", "1-2 weeks intervals")]),
        RuleExample("cytarabine started 4 hours after the start of fludarabine", []),
        // NCT04779489 (json-classic); NCT07262983 (json-v2) writes the suspended hyphen (`8- to 12-hour fasting`).
        RuleExample("PULSAR will be administered in 3 fractions of 12 Gy each at 12-16 day intervals", [
            .init(.interval, "P12D..P16D", "12-16 day intervals"),
        ]),
        RuleExample("administered in 3 fractions of 12 Gy each at 12- to 16-day intervals", [
            .init(.interval, "P12D..P16D", "12- to 16-day intervals"),
        ]),
        RuleExample("six infusions, which are given at 4-hourly intervals", [
            .init(.interval, "PT4H", "4-hourly intervals"),
        ]),
    ]

    static let intervalWords = WordSet(["interval", "intervals"])
    /// Words that may say an interval is free of treatment: `no-treatment`, `treatment-free`, `rest`.
    static let restWords = WordSet(["no", "treatment", "free", "drug", "rest", "off", "therapy", "dosing"])
    static let administrations = WordSet([
        "infusion", "infusions", "dose", "doses", "injection", "injections", "administration", "administrations",
        "vaccination", "vaccinations", "treatment", "treatments", "course", "courses", "cycle", "cycles",
        "application", "applications", "fraction", "fractions", "session", "sessions",
    ])

    /// An interval read from a number ends in `interval`, `apart` or `between`.
    public static let triggers = RuleTriggers(
        words: ["interval", "intervals"], numbers: true, numbersNeedOneOf: ["interval", "intervals", "apart", "between"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        // Read once, not at every trigger.
        let intervalWords = Self.intervalWords
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .interval) else { continue }
            // `interval of 4 weeks`, `intervals of 3 weeks`
            if t.is(intervalWords), text.isWord(i + 1, "of"), !text.isWord(i - 1, "age", "confidence", "reference"),
                let d = text.durationRange(at: i + 2), d.value.lower.unit != .year
            {
                facts.emit(.interval, .duration(d.value), tokens: i..<d.end, rule: Self.id, between: pairBetween(i, text))
                facts.claim(i..<d.end, as: .interval)
                i = d.end - 1
                continue
            }
            // `at 4-hourly intervals`, `at 3-weekly intervals`
            if let n = text.number(at: i), n.value > 0, let (unit, end) = adverbUnit(at: n.end, text),
                text.isWord(end, Self.intervalWords)
            {
                facts.emit(.interval, .duration(DurationRange(ISODuration(n.value, unit))), tokens: i..<(end + 1), rule: Self.id)
                facts.claim(i..<(end + 1), as: .interval)
                i = end
                continue
            }
            guard let d = text.durationRange(at: i) else { continue }
            var j = d.end
            // `4-week interval`, `23 days interval`, `23 days of interval`, `1-2 weeks intervals`
            if text.isWord(j, "of"), text.isWord(j + 1, Self.intervalWords) { j += 1 }
            // `a 3-week no-treatment interval`, `a 2-week treatment-free interval`
            var k = j
            while k < text.count, k - j < 4, text.isWord(k, Self.restWords) || text.isSymbol(k, "-") { k += 1 }
            if k > j, text.isWord(k, Self.intervalWords) { j = k }
            if text.isWord(j, Self.intervalWords) {
                facts.emit(.interval, .duration(d.value), tokens: i..<(j + 1), rule: Self.id)
                facts.claim(i..<(j + 1), as: .interval)
                i = j
                continue
            }
            // `2 weeks apart`
            if text.isWord(j, "apart") {
                facts.emit(
                    .interval, .duration(d.value), tokens: i..<(j + 1), rule: Self.id,
                    notes: spacedAdministrations(before: i, text))
                facts.claim(i..<(j + 1), as: .interval)
                i = j
                continue
            }
            // `1 week between the first infusion and the second infusion`
            if text.isWord(j, "between"), let (between, end) = ordinalPair(at: j + 1, text) {
                facts.emit(.interval, .duration(d.value), tokens: i..<end, rule: Self.id, between: between)
                facts.claim(i..<end, as: .interval)
                i = end - 1
            }
        }
    }

    /// `hourly`, `-weekly` after a number, and where the word ends.
    private func adverbUnit(at j: Int, _ text: FieldText) -> (ISODuration.Unit, Int)? {
        let k = text.isSymbol(j, "-") ? j + 1 : j
        guard let a = text.at(k), a.isWord, let unit = Frequencies.adverbUnits[a.hash] else { return nil }
        return (unit, k + 1)
    }

    /// `the first infusion and the second infusion`, `the first and second doses`, `doses 1 and 2`.
    private func ordinalPair(at i: Int, _ text: FieldText) -> ([Int], Int)? {
        let j = text.isWord(i, "the") ? i + 1 : i
        guard let list = text.ordinalList(at: j, nouns: Self.administrations), list.value.count == 2,
            list.value.allSatisfy({ $0 > 0 })
        else { return nil }
        return (list.value, list.end)
    }

    /// `the 3rd, 4th and 5th infusion were all 2 weeks apart`: which administrations a spacing applies to.
    private func spacedAdministrations(before i: Int, _ text: FieldText) -> [String] {
        for k in text.window(around: i, radius: 16) where k < i && (text.tokens[k].ordinalWord != 0 || text.isNumber(k)) {
            guard let list = text.ordinalList(at: k, nouns: Self.administrations), list.value.count >= 2,
                list.end <= i, list.value.allSatisfy({ $0 > 0 })
            else { continue }
            let numbers = list.value.map(String.init)
            let spoken = numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!
            return ["for administrations \(spoken), each from the one before"]
        }
        return []
    }

    /// `2 doses … at an interval of 4 weeks`: two administrations in the sentence make the interval the one
    /// between them.
    private func pairBetween(_ i: Int, _ text: FieldText) -> [Int]? {
        for k in text.window(around: i) {
            if let n = text.integer(at: k), n.value == 2, text.isWord(n.end, Self.administrations) { return [1, 2] }
        }
        return nil
    }
}
