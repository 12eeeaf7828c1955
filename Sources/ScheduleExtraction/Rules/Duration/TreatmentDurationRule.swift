import ScheduleModel

/// Reads how long dosing goes on: `for 12 weeks`, `for up to 24 months`, `for at least 12 months`,
/// `for 3 consecutive days`, `x 3 days`, `for a period of 17 weeks`, `12 months of treatment`,
/// `20-week treatment`, `a total of 20 weeks`, `treatment duration of 6 months`.
///
/// Not how long something else goes on: follow-up and observation (`followed for 3 years`,
/// `monitored for 6 hours`), infusion lengths (`over 30 minutes`, `for 30 minutes`), the wear time of one
/// application (`for 24 hours every 24 hours`), conditions (`for more than six months`,
/// `for 3 months prior to enrolment`), nor anything in an eligibility section.
public struct TreatmentDurationRule: ExtractionRule {
    static let periodQualifiers = WordSet(["total", "treatment", "dosing", "therapy", "administration"])
    static let conditionComparatives = WordSet(["more", "less", "longer", "over", "greater"])
    public static let id = "duration.treatment"
    public static let kinds: [FactKind] = [.treatmentDuration]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("oral prednisone daily for 2 years", [.init(.treatmentDuration, "P2Y", "for 2 years")]),
        RuleExample("daclizumab 8 mg/kg every 3 weeks for up to 24 months", [
            .init(.treatmentDuration, "P24M", "for up to 24 months"),
        ]),
        RuleExample("5 times a week for 5 consecutive days", [.init(.treatmentDuration, "P5D", "for 5 consecutive days")]),
        RuleExample("ara-C 100 mg/m2 x 3 days", [.init(.treatmentDuration, "P3D", "x 3 days")]),
        RuleExample("after 12 months of treatment", [.init(.treatmentDuration, "P12M", "12 months of treatment")]),
        RuleExample("a 20-week treatment of omalizumab", [.init(.treatmentDuration, "P20W", "20-week treatment")]),
        RuleExample("Groups of patients received sufficient Zenapax to yield saturation for a period of 17 weeks", [
            .init(.treatmentDuration, "P17W", "for a period of 17 weeks"),
        ]),
        RuleExample("a study with a duration of the intervention of six months", [
            .init(.treatmentDuration, "P6M", "duration of the intervention of six months"),
        ]),
        RuleExample("Patients are followed monthly for 6 months; observed for 1 year", []),
        RuleExample("infused over 30 minutes; administered for 24 hours every 24 hours", []),
        RuleExample("erectile dysfunction for more than six months", []),
    ]

    static let qualifiers = WordSet(["up", "to", "at", "least", "a", "an", "approximately", "about", "another", "further",
        "additional", "total", "of", "period", "minimum", "maximum", "max", "the", "next", "first",
    ])
    static let treatmentNouns = WordSet([
        "treatment", "therapy", "dosing", "administration", "supplementation", "intervention", "course",
        "regimen", "training", "stimulation", "application", "applications", "use", "exposure", "infusion",
    ])
    static let assignmentWords = WordSet([
        "randomized", "randomised", "placebo", "dosage", "dosages", "assigned", "allocated",
    ])
    static let conditionAnchors = WordSet([
        "enrollment", "enrolment", "randomization", "randomisation", "screening", "entry", "inclusion", "baseline",
        "study", "consent", "registration", "diagnosis", "admission", "participation", "visit",
    ])
    static let notTreatmentPeriods = WordSet([
        "observation", "follow", "followup", "washout", "screening", "recruitment", "enrollment", "enrolment",
        "study", "trial", "accrual", "run", "lead", "monitoring", "hospitalization", "stay",
    ])

    public static let triggers = RuleTriggers(words: ["for", "x", "period", "duration", "total"], numbers: true)

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: [.duration, .window])
            else { continue }
            guard let (duration, tokens) = statedDuration(at: i, text) else { continue }
            guard !facts.isClaimed(tokens, as: [.cycle, .timepoint, .interval, .frequency]),
                !isAboutSomethingElse(tokens, duration, text), isAboutDosing(tokens, text, facts)
            else { continue }
            facts.emit(.treatmentDuration, .duration(duration), tokens: tokens, rule: Self.id)
            facts.claim(tokens, as: .duration)
            i = tokens.upperBound - 1
        }
    }

    private func statedDuration(at i: Int, _ text: FieldText) -> (DurationRange, Range<Int>)? {
        let t = text.tokens[i]
        if text.matches(t, "for") {
            var j = i + 1
            while j < text.count, j - i <= 4, text.isWord(j, Self.qualifiers) { j += 1 }
            if let c = consecutive(at: j, text) { return (DurationRange(c.value), i..<c.end) }
            guard let d = text.durationRange(at: j) else { return nil }
            return (d.value, i..<d.end)
        }
        // `3 consecutive days`
        if let c = consecutive(at: i, text) { return (DurationRange(c.value), i..<c.end) }
        // `x 3 days`, but not the `x` of `2 x 3`.
        if text.matches(t, "x"), !(text.isNumber(i - 1) && !t.attached && !text.tokens[i - 1].attached),
            let d = text.duration(at: i + 1), d.value.unit != .minute
        {
            return (DurationRange(d.value), i..<d.end)
        }
        // `12 months of treatment`, `20-week treatment`, `a total period of 20 weeks`
        if let d = text.duration(at: i) {
            var j = d.end
            if text.isWord(j, "of") { j += 1 }
            if text.isWord(j, "study", "the"), text.isWord(j + 1, Self.treatmentNouns) { j += 1 }
            if text.isWord(j, Self.treatmentNouns), !text.isWord(j, "infusion") {
                return (DurationRange(d.value), i..<(j + 1))
            }
            return nil
        }
        // `total period of 20 weeks`, `pre-treatment period of 8 weeks`, `treatment duration of 6 months`,
        // `a total of 20 weeks`
        // `a duration of the intervention of six months`
        if text.matches(t, "duration"), text.isWord(i + 1, "of"), text.isWord(i + 2, "the"),
            text.isWord(i + 3, Self.treatmentNouns), text.isWord(i + 4, "of", "is"), let d = text.duration(at: i + 5)
        {
            return (DurationRange(d.value), i..<d.end)
        }
        if text.matches(t, "period") || text.matches(t, "duration") || text.matches(t, "total"), text.isWord(i + 1, "of"),
            let d = text.duration(at: i + 2)
        {
            if text.matches(t, "total") {
                guard text.isWord(i - 1, "a") else { return nil }
                return (DurationRange(d.value), i..<d.end)
            }
            if text.isSymbol(i - 2, "-"), text.isWord(i - 1, "treatment"), text.isWord(i - 3, "pre") {
                return (DurationRange(d.value), (i - 3)..<d.end)
            }
            if text.isWord(i - 1, Self.periodQualifiers) {
                return (DurationRange(d.value), (i - 1)..<d.end)
            }
            return nil
        }
        return nil
    }

    /// Whether the sentence is about giving the treatment: dosing words, a dose, a rate or a route in it, or a
    /// treatment noun in the phrase itself (`12 months of treatment`).
    private func isAboutDosing(_ tokens: Range<Int>, _ text: FieldText, _ facts: FactCollector) -> Bool {
        let s = text.sentence(of: tokens.lowerBound)
        if s.tags.contains(.dosing) { return true }
        for k in text.window(around: tokens.lowerBound) {
            if facts.isClaimed(k, as: [.dose, .frequency, .day, .count]) { return true }
            if let t = text.at(k), t.isWord, t.is(Self.treatmentNouns) || t.is(Self.assignmentWords) || Routes.words[t.hash] != nil {
                return true
            }
        }
        return false
    }

    /// `3 consecutive days`.
    private func consecutive(at i: Int, _ text: FieldText) -> Parsed<ISODuration>? {
        guard let n = text.number(at: i), text.isWord(n.end, "consecutive"), let u = text.timeUnit(at: n.end + 1) else {
            return nil
        }
        return Parsed(ISODuration(n.value, u), end: n.end + 2)
    }

    /// Whether the duration is of something other than dosing.
    private func isAboutSomethingElse(_ tokens: Range<Int>, _ d: DurationRange, _ text: FieldText) -> Bool {
        let i = tokens.lowerBound
        let end = tokens.upperBound
        // Infusion lengths and other minutes.
        if d.lower.unit == .minute { return true }
        // `for more than six months`, `for less than 3 months`
        if text.isWord(i + 1, Self.conditionComparatives) { return true }
        // Wear time of one application: `for 24 hours every 24 hours`
        if text.isWord(end, "every") { return true }
        // Conditions: `for 3 months prior to enrolment`, `for 6 months before screening`
        if text.isWord(end, "previously", "ago", "preceding") { return true }
        if text.isWord(end, "prior", "before") {
            var k = end + 1
            if text.isWord(k, "to") { k += 1 }
            if text.isWord(k, "the", "study") { k += 1 }
            if text.isWord(k, Self.conditionAnchors) { return true }
        }
        // `observation period of 2 hours`, `follow-up period of 1 year`
        for k in max(0, i - 2)..<i where text.isWord(k, Self.notTreatmentPeriods) { return true }
        // A follow-up or observation verb governs it: `followed monthly for 6 months`.
        var k = i - 1
        while k >= 0, i - k <= 25, text.sameSentence(k, i) {
            if let w = text.at(k), w.isWord, !w.tags.isEmpty, !text.isWord(k + 1, "by") {
                if w.tags.contains(.dosing) { break }
                if !w.tags.isDisjoint(with: [.observation, .followUp, .assessment, .specimen]) { return true }
            }
            if text.isWord(k, "follow"), text.isSymbol(k + 1, "-") || text.isWord(k + 1, "up") { return true }
            k -= 1
        }
        return false
    }
}
