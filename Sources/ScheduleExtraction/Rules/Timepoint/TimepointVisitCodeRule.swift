import ScheduleModel

/// Reads assessment and follow-up timepoints named by visit codes or numbered weeks and months: `D14, M1,
/// M2, M3, M6, M9 and M12`, `Month 12`, `Week 4`, `at weeks 4, 8 and 12`; the label is the text's own name
/// and the anchor what the sentence says they count from (follow-up visits count from the end of treatment
/// unless the sentence says otherwise).
///
/// Codes count only in a sentence about assessments or follow-up, and a run of `D` codes alone is days of
/// administration (`D1/D8`); `M1/M2/M3` marrow grades or `N0M0` stages are not months.
public struct TimepointVisitCodeRule: ExtractionRule {
    static let gradeNouns = WordSet(["bone", "marrow", "disease", "stage", "status", "grade", "response"])
    static let untilWords = WordSet(["at", "to", "until", "till", "through", "by"])
    static let whenWords = WordSet(["at", "until", "till", "to", "through", "by", "on", "after"])
    public static let id = "timepoint.visit-code"
    public static let kinds: [FactKind] = [.timepoint]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample(
            "After all treatments were completed, the safety of D14, M1, M2 and M12 were evaluated during the follow-up period.",
            [
                .init(.timepoint, "P14D", "D14", label: "D14", anchor: "end-of-treatment"),
                .init(.timepoint, "P1M", "M1", label: "M1", anchor: "end-of-treatment"),
                .init(.timepoint, "P2M", "M2", label: "M2", anchor: "end-of-treatment"),
                .init(.timepoint, "P12M", "M12", label: "M12", anchor: "end-of-treatment"),
            ]),
        RuleExample("a DBPCFC will be performed at Month 12", [.init(.timepoint, "P12M", "Month 12", label: "Month 12")]),
        RuleExample("HRQoL is assessed until month 12 after start of treatment", [
            .init(.timepoint, "P12M", "month 12", label: "month 12", anchor: "start-of-treatment"),
        ]),
        RuleExample("cT2-4aN0M0 bladder cancer; GP chemotherapy D1/D8", []),
        RuleExample("doxorubicin (DOX) IV on weeks 3, 9, 15, and 21", []),
    ]

    static let codeLetters: WordMap<ISODuration.Unit> = WordMap([("d", .day), ("m", .month), ("w", .week)])
    static let periodWords: WordMap<ISODuration.Unit> = WordMap([
        ("month", .month), ("months", .month), ("week", .week), ("weeks", .week), ("year", .year),
    ])

    public static let triggers = RuleTriggers(words: ["d", "m", "w", "month", "months", "week", "weeks", "year"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard !text.isInExcludedSection(i) else { continue }
            let tags = text.sentence(of: i).tags
            let aboutAssessment = tags.contains(.assessment) || tags.contains(.followUp) || tags.contains(.observation)
            if aboutAssessment, let codes = codeList(at: i, text) {
                let anchor = text.anchorInSentence(of: i) ?? (tags.contains(.followUp) ? "end-of-treatment" : nil)
                for (duration, tokens) in codes {
                    facts.emit(
                        .timepoint, .duration(DurationRange(duration)), tokens: tokens, rule: Self.id,
                        label: text.folded(tokens), anchor: anchor)
                    facts.claim(tokens, as: .timepoint)
                }
                i = codes.last!.1.upperBound - 1
                continue
            }
            if let unit = Self.periodWords[t.hash], let items = numberedPeriods(at: i, text, unit: unit) {
                let anchor = text.anchorInSentence(of: i)
                let word = text.folded(i)
                for (n, tokens) in items {
                    let label = tokens.lowerBound == i ? text.folded(tokens) : "\(word) \(plainNumber(n))"
                    facts.emit(
                        .timepoint, .duration(DurationRange(ISODuration(n, unit))), tokens: tokens, rule: Self.id,
                        label: label, anchor: anchor)
                    facts.claim(tokens, as: .timepoint)
                }
                i = items.last!.1.upperBound - 1
            }
        }
    }

    /// `D14, M1, M2 … and M12`: codes of a letter glued to a number, at least one of them a month or a week
    /// code, or a single month code after `at`/`to`/`until`.
    private func codeList(at i: Int, _ text: FieldText) -> [(ISODuration, Range<Int>)]? {
        var items: [(ISODuration, Range<Int>)] = []
        var j = i
        while j < text.count {
            guard let code = self.code(at: j, text) else { break }
            items.append(code)
            var k = code.1.upperBound
            if text.isSymbol(k, ",") { k += 1 }
            if text.isWord(k, "and", "or") { k += 1 }
            guard k > code.1.upperBound, self.code(at: k, text) != nil else { break }
            j = k
        }
        guard !items.isEmpty, items.contains(where: { $0.0.unit != .day }) else { return nil }
        // `M2 or M3 bone marrow`, `patients with M1 disease`: grades and stages, not months.
        let end = items.last!.1.upperBound
        if text.isWord(end, Self.gradeNouns) || text.isWord(i - 1, "with") {
            return nil
        }
        if items.count == 1, !text.isWord(i - 1, Self.untilWords) { return nil }
        return items
    }

    private func code(at i: Int, _ text: FieldText) -> (ISODuration, Range<Int>)? {
        guard let t = text.at(i), t.isWord, t.end - t.start == 1, t.flags.contains(.upper), !t.attached,
            let unit = Self.codeLetters[t.hash], let n = text.at(i + 1), n.isInteger, n.attached, n.value < 400
        else { return nil }
        // Not `M1/M2/M3` marrow grades: those come after `marrow` or `status`.
        if let next = text.at(i + 2), next.attached, next.isWord { return nil }
        return (ISODuration(n.value, unit), i..<(i + 2))
    }

    /// `Month 12`, `weeks 4, 8 and 12`: a period word and its numbers, where the sentence is about
    /// assessments, or the words say when (`at week 4`, `until month 12`).
    private func numberedPeriods(at i: Int, _ text: FieldText, unit: ISODuration.Unit) -> [(Double, Range<Int>)]? {
        guard let n = text.at(i + 1), n.isInteger, n.value > 0, n.value < 400, !text.isUnitAfter(i + 2) else {
            return nil
        }
        let tags = text.sentence(of: i).tags
        let when = text.isWord(i - 1, Self.whenWords)
        let aboutAssessment = tags.contains(.assessment) || tags.contains(.followUp) || tags.contains(.observation)
        // Weeks of dosing (`Cisplatin is administered on weeks 17, 23, and 26`, `doxorubicin IV on weeks 3, 9`) are
        // not assessment times.
        guard aboutAssessment || (when && !tags.contains(.dosing)) else { return nil }
        if !aboutAssessment || !tags.contains(.dosing), text.hasRoute(near: i) { return nil }
        if text.isWord(i + 2, "of") { return nil }
        // `weeks 2-8`: a span of weeks, not a time.
        if text.isSymbol(i + 2, "-") || text.isWord(i + 2, "to", "through"), text.isNumber(i + 3) { return nil }
        var items: [(Double, Range<Int>)] = [(n.value, i..<(i + 2))]
        var j = i + 2
        while j < text.count {
            var k = j
            if text.isSymbol(k, ",") { k += 1 }
            if text.isWord(k, "and", "or") { k += 1 }
            guard k > j, let m = text.at(k), m.isInteger, m.value > items.last!.0 else { break }
            items.append((m.value, k..<(k + 1)))
            j = k + 1
        }
        return items
    }
}
