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
        RuleExample("Treatment continues up to 12 months in the absence of disease progression", [
            .init(.treatmentDuration, "P12M", "up to 12 months"),
        ]),
        RuleExample("Antineoplaston therapy is given up to12 months", [.init(.treatmentDuration, "P12M", "up to12 months")]),
        RuleExample("a total of approximately 1 year of pembrolizumab q 3 weeks; patients receive 10 weeks of tDCS", [
            .init(.treatmentDuration, "P1Y", "1 year of pembrolizumab"), .init(.treatmentDuration, "P10W", "10 weeks of tDCS"),
        ]),
        RuleExample("patients take aspirin daily for a duration of at least 5 years", [
            .init(.treatmentDuration, "P5Y", "for a duration of at least 5 years"),
        ]),
        RuleExample("daily on days 1-14 followed by 2 weeks of rest; during the last 4 weeks of pregnancy", []),
        RuleExample("Treatment may be delayed up to 7 days; a treatment delay of up to 4 weeks was allowed", []),
        RuleExample("100 µg, per os, 3 times within 3 weeks", [.init(.treatmentDuration, "P3W", "within 3 weeks")]),
        RuleExample("FOLFOX will be given for 4 cycles over 8 weeks; infused over 2 hours; continuously over 5 days", [
            .init(.treatmentDuration, "P8W", "over 8 weeks"),
        ]),
        RuleExample("sotatercept injections at a target dose of 0.7 mg/kg every 3 weeks up to 24 weeks", [
            .init(.treatmentDuration, "P24W", "up to 24 weeks"),
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
    static let continuationWords = WordSet([
        "continues", "continue", "continued", "continuing", "given", "administered", "treated", "receive", "received",
        "taken", "dosed", "repeated", "repeats",
    ])
    /// What `12 months of` may name that is not an agent given.
    static let notAgents = WordSet([
        "age", "rest", "pregnancy", "gestation", "life", "data", "time", "training", "follow", "followup",
        "observation", "screening", "completing", "completion", "surgery", "diagnosis", "onset", "birth", "study",
        "the", "a", "an", "their", "his", "her", "each", "no", "lost", "stable", "sobriety", "abstinence", "enrollment",
        "enrolment", "randomization", "randomisation", "symptoms", "disease", "remission", "recovery", "exposure",
        "experience", "care", "washout", "wash", "run", "baseline", "participation", "storage", "both", "all",
        "intensive", "induction", "consolidation", "standard", "usual", "prior", "previous", "start", "last", "culture",
        "non", "delay", "optimal", "concomitant",
    ])
    /// Words before `12 months of` that make it part of a longer period: `the last 4 weeks of pregnancy`,
    /// `within 6 weeks of surgery`.
    static let partOfPeriod = WordSet(["last", "first", "final", "within", "past", "initial", "least", "over", "than"])
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

    public static let triggers = RuleTriggers(
        words: ["for", "x", "period", "duration", "total", "up", "in", "within", "over"], numbers: true)

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .duration.union(.window))
            else { continue }
            guard let (duration, tokens) = statedDuration(at: i, text, facts) else { continue }
            guard !facts.isClaimed(tokens, as: .cycle.union(.timepoint).union(.interval).union(.frequency)),
                !isAboutSomethingElse(tokens, duration, text), isAboutDosing(tokens, text, facts)
            else { continue }
            facts.emit(.treatmentDuration, .duration(duration), tokens: tokens, rule: Self.id)
            facts.claim(tokens, as: .duration)
            i = tokens.upperBound - 1
        }
    }

    private func statedDuration(at i: Int, _ text: FieldText, _ facts: FactCollector) -> (DurationRange, Range<Int>)? {
        let t = text.tokens[i]
        // The rule starts at numbers and at its words, none of which is a number word: what starts at a number
        // is read apart, and the words' statements are not looked for there.
        if t.isNumeric { return statedDuration(atNumber: i, t, text) }
        if text.matches(t, "for") {
            var j = i + 1
            while j < text.count, j - i <= 4, text.isWord(j, Self.qualifiers) { j += 1 }
            if let c = consecutive(at: j, text) { return (DurationRange(c.value), i..<c.end) }
            guard let d = text.durationRange(at: j) else { return nil }
            return (d.value, i..<d.end)
        }
        // `x 3 days`, but not the `x` of `2 x 3`.
        if text.matches(t, "x"), !(text.isNumber(i - 1) && !t.attached && !text.tokens[i - 1].attached),
            let d = text.duration(at: i + 1), d.value.unit != .minute
        {
            return (DurationRange(d.value), i..<d.end)
        }
        // `3 times within 3 weeks`, `3 x 100 µg LSD in three weeks`: the span of a counted course; `for 4 cycles
        // over 8 weeks`: a span of weeks or more (shorter ones are infusion lengths).
        if text.matches(t, "in") || text.matches(t, "within") || text.matches(t, "over"),
            let d = text.durationRange(at: text.isWord(i + 1, "the") ? i + 2 : i + 1)
        {
            let unit = d.value.lower.unit
            if text.matches(t, "over"), unit == .week || unit == .month, afterCount(i, facts, text) {
                return (d.value, i..<d.end)
            }
            if !text.matches(t, "over"), unit != .minute, unit != .hour, afterCount(i, facts, text) {
                return (d.value, i..<d.end)
            }
            return nil
        }
        // `up to 12 months`, `up to12 months` without `for`: `Treatment continues up to 12 months`.
        if text.matches(t, "up"), text.isWord(i + 1, "to"), !text.isSymbol(i - 1, "-"), !text.isWord(i - 1, "follow"),
            let d = text.durationRange(at: i + 2), isContinuation(before: i, text) || facts.isClaimed(i - 1, as: .frequency)
        {
            return (d.value, i..<d.end)
        }
        // `total period of 20 weeks`, `pre-treatment period of 8 weeks`, `treatment duration of 6 months`,
        // `a total of 20 weeks`
        // `a duration of the intervention of six months`
        if text.matches(t, "duration"), text.isWord(i + 1, "of"), text.isWord(i + 2, "the"),
            text.isWord(i + 3, Self.treatmentNouns), text.isWord(i + 4, "of", "is"), let d = text.duration(at: i + 5)
        {
            return (DurationRange(d.value), i..<d.end)
        }
        // `for a duration of at least 5 years`
        if text.matches(t, "duration"), text.isWord(i + 1, "of"), text.isWord(i - 1, "a"), text.isWord(i - 2, "for") {
            var j = i + 2
            while j < text.count, j - i <= 5, text.isWord(j, Self.qualifiers) { j += 1 }
            if let d = text.durationRange(at: j) { return (d.value, (i - 2)..<d.end) }
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

    /// The statements that start at a number: `3 consecutive days`, `12 months of treatment`.
    private func statedDuration(atNumber i: Int, _ t: Token, _ text: FieldText) -> (DurationRange, Range<Int>)? {
        // `3 consecutive days`
        if let c = consecutive(at: i, text) { return (DurationRange(c.value), i..<c.end) }
        // `12 months of treatment`, `20-week treatment`, `4-7 day treatment`, `a total period of 20 weeks`
        if let d = text.durationRange(at: i) {
            var j = d.end
            if text.isWord(j, "of") { j += 1 }
            if text.isWord(j, "study", "the"), text.isWord(j + 1, Self.treatmentNouns) { j += 1 }
            if text.isWord(j, Self.treatmentNouns), !text.isWord(j, "infusion") {
                return (d.value, i..<(j + 1))
            }
            // `10 weeks of tDCS`, `2 years of tamoxifen`, `5 years of daily tamoxifen`, `12 months of receiving
            // the study drug`: the agent itself after `of`.
            if text.isWord(d.end, "of"), let agent = agent(at: j, text), !text.isWord(i - 1, Self.partOfPeriod),
                t.isWord || text.isAmountStart(i)
            {
                return (d.value, i..<agent)
            }
        }
        return nil
    }

    /// The end of the agent named after `12 months of`: a drug or device given (`tamoxifen`, `daily
    /// tamoxifen`, `tDCS`, `receiving the study drug`), not a state, an activity or an event
    /// (`pregnancy`, `rest`, `online training`, `age`, `follow-up`).
    private func agent(at j: Int, _ text: FieldText) -> Int? {
        var k = j
        if text.isWord(k, "receiving", "taking", "using") { return k + 1 }
        if text.isWord(k, "daily", "weekly", "adjuvant") || text.isWord(k, "oral", "continuous", "maintenance") { k += 1 }
        guard let w = text.at(k), w.isWord, w.tags.isEmpty || w.tags == .dosing, !w.is(Self.notAgents), w.timeUnit == 0,
            w.numberWord == 0, w.end - w.start >= 3, !text.isWord(k + 1, Self.notAgents)
        else { return nil }
        // `1 year of anti-HER2 therapy`: the whole hyphenated name.
        var end = k + 1
        while let next = text.at(end), next.attached, end - k < 8 {
            if next.isSymbol(UInt8(ascii: "-")), text.at(end + 1)?.attached == true {
                end += 2
            } else if !next.isSymbol {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    /// A count of administrations or cycles just before `i`: `3 times within 3 weeks`, `for 4 cycles over 8
    /// weeks`.
    private func afterCount(_ i: Int, _ facts: FactCollector, _ text: FieldText) -> Bool {
        var k = i - 1
        while k >= 0, i - k <= 8, text.sameSentence(k, i) {
            if facts.isClaimed(k, as: .count) { return true }
            k -= 1
        }
        return false
    }

    /// `Treatment continues up to 12 months`, `treated up to 12 months`: a continuation of dosing right
    /// before `up to`.
    private func isContinuation(before i: Int, _ text: FieldText) -> Bool {
        text.isWord(i - 1, Self.continuationWords) || text.isWord(i - 1, Self.treatmentNouns)
    }

    /// Whether the sentence is about giving the treatment: dosing words, a dose, a rate or a route in it, or a
    /// treatment noun in the phrase itself (`12 months of treatment`).
    private func isAboutDosing(_ tokens: Range<Int>, _ text: FieldText, _ facts: FactCollector) -> Bool {
        let s = text.sentence(of: tokens.lowerBound)
        if s.tags.contains(.dosing) { return true }
        for k in text.window(around: tokens.lowerBound) {
            if facts.isClaimed(k, as: .dose.union(.frequency).union(.day).union(.count)) { return true }
            if let t = text.at(k), t.isWord, t.is(Self.treatmentNouns) || t.is(Self.assignmentWords) || Routes.words[t.hash] != nil {
                return true
            }
        }
        return false
    }

    /// `3 consecutive days`, but not the rate `5 consecutive days a week`.
    private func consecutive(at i: Int, _ text: FieldText) -> Parsed<ISODuration>? {
        guard let n = text.number(at: i), text.isWord(n.end, "consecutive"), let u = text.timeUnit(at: n.end + 1),
            !(text.isWord(n.end + 2, Frequencies.perWords) && text.timeUnit(at: n.end + 3) != nil)
        else {
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
                if !w.tags.isDisjoint(with: .observation.union(.followUp).union(.assessment).union(.specimen)) { return true }
            }
            if text.isWord(k, "follow"), text.isSymbol(k + 1, "-") || text.isWord(k + 1, "up") { return true }
            k -= 1
        }
        return false
    }
}
