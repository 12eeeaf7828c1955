import ScheduleModel

/// Reads the assessment at the end of a stated length of treatment: `Treatment continues for 12 weeks,
/// then progression is assessed` is a treatment duration and also a timepoint 12 weeks from the start of
/// treatment; so is `for 8 weeks, after which patients are evaluated`.
///
/// The length must be one `TreatmentDurationRule` read, and the assessment must follow it in the same
/// sentence; `for 4 weeks then 150mg twice a day` goes on dosing and gives no timepoint.
public struct TimepointEndOfCourseRule: ExtractionRule {
    public static let id = "timepoint.end-of-course"
    public static let kinds: [FactKind] = [.timepoint]
    public init() {}
    public static let triggers = RuleTriggers(words: ["then", "after", "at"])

    public static let examples: [RuleExample] = [
        RuleExample("Treatment continues for 12 weeks, then progression is assessed.", [
            .init(.timepoint, "P12W", "12 weeks", label: "12 weeks", anchor: "start-of-treatment"),
        ]),
        RuleExample("Patients receive sorafenib daily for 8 weeks, after which they are evaluated for response.", [
            .init(.timepoint, "P8W", "8 weeks", label: "8 weeks", anchor: "start-of-treatment"),
        ]),
        RuleExample("Bupropion 150mg once a day for 7 days then 150mg twice a day for 42 days", []),
    ]

    static let assessmentWords = WordSet([
        "assessed", "evaluated", "reevaluated", "restaged", "restaging", "evaluation", "assessment", "assess",
        "evaluate", "examined", "reassessed", "response", "scanned", "imaged",
    ])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i) else { continue }
            // `, then`, `, after which`, `, at which time`
            var end = i
            if text.matches(text.tokens[i], "then") {
                end = i + 1
            } else if text.isWord(i + 1, "which"), text.matches(text.tokens[i], "after") {
                end = i + 2
            } else if text.isWord(i + 1, "which"), text.isWord(i + 2, "time"), text.matches(text.tokens[i], "at") {
                end = i + 3
            } else {
                continue
            }
            var last = i - 1
            if text.isSymbol(last, ",") || text.isWord(last, "and") { last -= 1 }
            guard last >= 0, facts.isClaimed(last, as: .duration), let (duration, tokens) = length(endingAt: last, text, facts),
                isAssessment(from: end, text), !facts.isClaimed(tokens, as: .timepoint)
            else { continue }
            facts.emit(
                .timepoint, .duration(duration), tokens: tokens, rule: Self.id, label: text.folded(tokens),
                anchor: "start-of-treatment")
            facts.claim(tokens, as: .timepoint)
        }
    }

    /// The duration whose last token is `last`, read from its first number: `for up to 12 weeks` gives
    /// `12 weeks`.
    private func length(endingAt last: Int, _ text: FieldText, _ facts: FactCollector) -> (DurationRange, Range<Int>)? {
        var k = last
        while k > 0, last - k < 8, facts.isClaimed(k - 1, as: .duration) { k -= 1 }
        for n in k...last where text.at(n)?.isNumeric == true {
            guard let d = text.durationRange(at: n), d.end == last + 1 else { return nil }
            return (d.value, n..<d.end)
        }
        return nil
    }

    /// An assessment word in the next few words of the sentence, before any further dose.
    private func isAssessment(from i: Int, _ text: FieldText) -> Bool {
        var k = i
        while k < text.count, k - i < 10, text.sameSentence(k, i) {
            if text.isWord(k, Self.assessmentWords) { return true }
            if text.isNumber(k), text.isUnitAfter(k + 1) { return false }
            k += 1
        }
        return false
    }
}
