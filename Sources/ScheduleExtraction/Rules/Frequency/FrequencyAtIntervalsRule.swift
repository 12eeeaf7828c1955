import ScheduleModel

/// Reads the rate of visits and assessments written as intervals: `evaluated at 3-month intervals`,
/// `outpatient visits at 8 week intervals`, `blood tests at 2 to 8 week intervals`, `measurements were
/// repeated at 5-minute intervals`. The contract counts rates of visits and assessments as frequencies; the
/// same words about dosing (`omalizumab at 4-week intervals`) are an interval between administrations
/// (`IntervalRule`).
public struct FrequencyAtIntervalsRule: ExtractionRule {
    public static let id = "frequency.at-intervals"
    public static let kinds: [FactKind] = [.frequency]
    public init() {}
    public static let triggers = RuleTriggers(words: ["interval", "intervals"])

    public static let examples: [RuleExample] = [
        RuleExample("Patients will be evaluated at the Clinical Center at 3-month intervals for the first year", [
            .init(.frequency, "1/P3M", "3-month intervals"),
        ]),
        RuleExample("visits for medical interview, physical examinations and blood tests at 2 to 8 week intervals", [
            .init(.frequency, "1/P2W..P8W", "2 to 8 week intervals"),
        ]),
        RuleExample("Patients are followed for 3 to 5 years at 4 month intervals; evaluated at intervals of 6 months", [
            .init(.frequency, "1/P4M", "4 month intervals"), .init(.frequency, "1/P6M", "intervals of 6 months"),
        ]),
        RuleExample("omalizumab 300 mg at 4-week intervals", []),
    ]

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), isAboutVisits(i, text, facts) else { continue }
            // `at intervals of 6 months`
            if text.isWord(i + 1, "of"), let d = text.durationRange(at: i + 2) {
                emit(d.value, tokens: i..<d.end, &facts)
                i = d.end - 1
                continue
            }
            // `at 3-month intervals`, `at 2 to 8 week intervals`: the length is before the word.
            guard let (range, start) = length(endingBefore: i, text) else { continue }
            emit(range, tokens: start..<(i + 1), &facts)
        }
    }

    private func emit(_ range: DurationRange, tokens: Range<Int>, _ facts: inout FactCollector) {
        let rate = Frequency(count: 1, per: range.lower, upTo: range.upper)
        facts.emit(.frequency, .frequency(rate), tokens: tokens, rule: Self.id)
        facts.claim(tokens, as: .frequency.union(.interval))
    }

    /// The length just before `interval(s)`: `3-month`, `4 month`, `2 to 8 week`; the longest reading.
    private func length(endingBefore i: Int, _ text: FieldText) -> (DurationRange, Int)? {
        var best: (DurationRange, Int)?
        var k = i - 1
        while k >= 0, i - k <= 5, text.sameSentence(k, i) {
            if text.at(k)?.isNumeric == true, let d = text.durationRange(at: k), d.end == i { best = (d.value, k) }
            k -= 1
        }
        return best
    }

    /// A sentence about visits, assessments or follow-up, and not about giving a dose.
    private func isAboutVisits(_ i: Int, _ text: FieldText, _ facts: FactCollector) -> Bool {
        let tags = text.sentence(of: i).tags
        guard !tags.isDisjoint(with: .assessment.union(.observation).union(.followUp)) else { return false }
        for k in text.window(around: i, radius: 24) {
            if facts.isClaimed(k, as: .dose) { return false }
            if let t = text.at(k), t.isWord, t.tags.contains(.dosing) { return false }
        }
        return true
    }
}
