import ScheduleModel

/// Reads separations between administrations of the same agent that the text gives as an offset rather
/// than as an interval: `One week later, a second dose`, `followed 8 days later by the second infusion`,
/// `may be retreated 4 weeks after the last treatment`, `8 to 12 weeks following the last dose`,
/// `beginning 30 minutes after completion of the test dose`, `on day 1 and then 1-3 months later`,
/// `Chemotherapy is repeated 4-6 weeks later`, `a second course 21-35 days after the first`.
///
/// The offset must come back to the same agent: the sentence names another administration of it (a second
/// or further dose, a repeat, a retreatment, `again`, `another`), or counts from a dose of a series (a test,
/// first or last dose) and goes on dosing. A later start of something else (`followed 2 weeks later by
/// chemotherapy`, `4 weeks after the last dose, patients undergo surgery`) and later assessments
/// (`another blood sample 28 days later`) are not intervals. An offset that a word for giving the treatment
/// again governs (`repeated 4 weeks later`, `re-treated beginning 8 weeks after the last treatment`) is the
/// same agent's, whatever other treatment the sentence goes on to name.
public struct IntervalAfterAdministrationRule: ExtractionRule {
    public static let id = "interval.after-administration"
    public static let kinds: [FactKind] = [.interval]
    public init() {}
    /// The offset is followed by `later`, `after` or `following`.
    public static let triggers = RuleTriggers(numbers: true, numbersNeedOneOf: ["later", "after", "following"])

    public static let examples: [RuleExample] = [
        RuleExample("Patients receive a first dose on day 1. One week later, a second dose is given.", [
            .init(.interval, "P1W", "One week later"),
        ]),
        RuleExample("the first infusion of CTL clones, followed 8 days later by the second infusion", [
            .init(.interval, "P8D", "8 days later"),
        ]),
        RuleExample("Patients may be retreated 4 weeks after the last treatment", [
            .init(.interval, "P4W", "4 weeks after the last treatment"),
        ]),
        RuleExample("A second course is given 8 to 12 weeks following the last dose", [
            .init(.interval, "P8W..P12W", "8 to 12 weeks following the last dose"),
        ]),
        RuleExample("the remaining dose is infused beginning 30 minutes after completion of the test dose", [
            .init(.interval, "PT30M", "30 minutes after completion of the test dose"),
        ]),
        RuleExample("Patients receive gemtuzumab ozogamicin IV over 2 hours on day 1 and then 1-3 months later.", [
            .init(.interval, "P1M..P3M", "1-3 months later"),
        ]),
        RuleExample("Patients may receive 1 additional dose of therapy 15 to 28 days later.", [
            .init(.interval, "P15D..P28D", "15 to 28 days later"),
        ]),
        // NCT00003298, NCT00003652, NCT00003392, NCT00004889 (xml-legacy).
        RuleExample("Chemotherapy is repeated 4-6 weeks later for the first 4 days of week 1", [
            .init(.interval, "P4W..P6W", "4-6 weeks later"),
        ]),
        RuleExample("cisplatin IV over 1 hour on day 1 or 2 and repeated 4 weeks later, plus pelvic radiotherapy", [
            .init(.interval, "P4W", "4 weeks later"),
        ]),
        RuleExample("carboplatin IV over 1 hour on day 1, second course 21-35 days after the first; then 1 course of melphalan", [
            .init(.interval, "P21D..P35D", "21-35 days after the first"),
        ]),
        RuleExample("Treatment may be repeated 2 months later in patients with stable disease", [
            .init(.interval, "P2M", "2 months later"),
        ]),
        RuleExample("These procedures will be repeated again at 30 to 35 days following the last dose of drug.", []),
        RuleExample(
            "amputation, followed 2 weeks later by chemotherapy. Another blood sample will be taken 28 days later. "
                + "Radiotherapy starts 4 weeks after the last dose of chemotherapy.", []),
    ]

    /// Words besides those of `Repeats` that name a further administration.
    static let repeatWords = WordSet(["again", "reinduction", "another", "additional", "booster", "boost"])
    /// Words that may stand between a word for giving again and its offset: `repeated beginning 8 weeks
    /// after`, `repeats no earlier than 28 days after`, `may be repeated approximately 4 weeks later`.
    static let offsetLeadIns = WordSet([
        "beginning", "starting", "commencing", "again", "approximately", "about", "at", "least", "no", "not",
        "earlier", "sooner", "than",
    ])
    static let administrations = WordSet([
        "dose", "doses", "infusion", "infusions", "injection", "injections", "administration", "administrations",
        "vaccination", "vaccinations", "treatment", "treatments", "course", "courses", "cycle", "cycles",
        "application", "applications", "instillation", "instillations", "shot", "therapy",
    ])
    /// Which dose of a series an offset counts from: `the last dose`, `the test dose`, `the first infusion`.
    static let seriesDoses = WordSet([
        "last", "previous", "prior", "preceding", "final", "first", "initial", "test", "scout", "loading", "priming",
    ])
    /// Words near an offset that make it the time of an assessment or a visit.
    static let assessmentNouns = WordSet([
        "sample", "samples", "visit", "visits", "call", "assessment", "assessments", "evaluation", "scan", "scans",
        "biopsy", "test", "tests", "questionnaire", "examination", "measurement", "measurements", "collected",
        "drawn", "blood", "follow", "followup", "contact", "procedures", "visited", "performed", "imaging",
    ])
    /// Treatments a dosing schedule goes on to that are not a further dose of the same agent.
    static let otherTreatments = WordSet([
        "surgery", "resection", "radiotherapy", "radiation", "chemotherapy", "transplant", "transplantation",
        "reinfusion", "amputation", "chemoradiotherapy", "procedure", "operation", "mastectomy", "cystectomy",
    ])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .interval.union(.timepoint).union(.window).union(.frequency)),
                text.at(i + 1)?.isWord == true || text.isSymbol(i + 1, "-") || text.isSymbol(i + 1, "~")
            else { continue }
            // `Between 8 and 14 weeks later` reads from `between`; its second number starts nothing.
            let start = text.isWord(i - 1, "between") ? i - 1 : i
            guard !(text.isWord(i - 1, "and", "to") || text.isSymbol(i - 1, "-")) || !text.isNumber(i - 2),
                let d = text.durationRange(at: start), d.value.lower.amount > 0, d.value.lower.unit != .year
            else { continue }
            var end = d.end
            let sameAgent: Bool
            if text.isWord(end, "later") {
                end += 1
                sameAgent = isRepeat(around: i, end: end, text) || isBareRepeat(i, end: end, text)
            } else if text.isWord(end, "after", "following"), let anchor = seriesDose(at: end + 1, text) {
                end = anchor.end
                sameAgent = isRepeat(around: i, end: end, text) || (anchor.value && continuesDosing(i, end: end, text))
            } else {
                continue
            }
            let governed = isGovernedByRepeat(start, text)
            guard sameAgent || governed, !isAssessment(i, end: end, text),
                governed || !startsOtherTreatment(i, end: end, text)
            else { continue }
            // `at least 8 weeks later`, `no more than 6 weeks later`: the stated length is the interval.
            facts.emit(.interval, .duration(d.value), tokens: start..<end, rule: Self.id)
            facts.claim(start..<end, as: .interval)
            i = end - 1
        }
    }

    /// `the last treatment`, `completion of the test dose`, `the first infusion`: a dose of a series, and
    /// whether it is a test, loading or first dose (after which dosing goes on without saying `second`).
    private func seriesDose(at i: Int, _ text: FieldText) -> Parsed<Bool>? {
        var j = i
        if text.isWord(j, "completion", "end", "start"), text.isWord(j + 1, "of") { j += 2 }
        if text.isWord(j, "the", "each", "his", "her") || text.isWord(j, "their") { j += 1 }
        guard let w = text.at(j), w.is(Self.seriesDoses) else { return nil }
        let opensSeries = !text.isWord(j, "last", "previous", "final") && !text.isWord(j, "prior", "preceding")
        j += 1
        // `a second course 21-35 days after the first;`: the noun is the one the sentence named; that the
        // offset is the same agent's then rests on the repeat alone.
        if !text.isWord(j - 1, "test", "scout") && !text.isWord(j - 1, "loading", "priming"),
            j >= text.count || text.isSymbol(j, ";") || text.isSymbol(j, ",") || text.isSymbol(j, ".")
                || text.isSymbol(j, ")") || !text.sameSentence(j, j - 1)
        {
            return Parsed(false, end: j)
        }
        if text.isWord(j, "study", "vaccine", "trial") { j += 1 }
        guard text.isWord(j, Self.administrations) else { return nil }
        return Parsed(opensSeries, end: j + 1)
    }

    /// Another administration of the same agent named in the sentence: `a second dose`, `repeats`,
    /// `retreated`, `1 additional dose`, `another infusion`.
    private func isRepeat(around i: Int, end: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 24) {
            if text.isWord(k, Self.repeatWords) || text.repeatWord(at: k) != nil { return true }
            if let o = text.ordinal(at: k), o.value >= 2,
                text.isWord(o.end, Self.administrations) || text.isWord(o.end + 1, Self.administrations)
            {
                return true
            }
        }
        return false
    }

    /// `Chemotherapy is repeated 4-6 weeks later`, `re-treated beginning 8 weeks after the last treatment`:
    /// a word for giving again right before the offset, past a few lead-in words.
    private func isGovernedByRepeat(_ start: Int, _ text: FieldText) -> Bool {
        var k = start
        while k > 0, start - k <= 4, text.sameSentence(k - 1, start) {
            for m in max(0, k - 3)..<k where text.repeatWord(at: m) == k { return true }
            guard text.isWord(k - 1, Self.offsetLeadIns) || text.isWord(k - 1, "is", "be") else { return false }
            k -= 1
        }
        return false
    }

    /// `on day 1 and then 1-3 months later.`: a repeat of what the sentence gave, naming nothing new.
    private func isBareRepeat(_ i: Int, end: Int, _ text: FieldText) -> Bool {
        guard text.isWord(i - 1, "then") || text.isWord(i - 1, "and") && !text.isNumber(i - 2) else { return false }
        let tags = text.sentence(of: i).tags
        guard tags.contains(.dosing), tags.isDisjoint(with: .assessment.union(.specimen).union(.observation)) else { return false }
        return end >= text.count || text.isSymbol(end, ".") || text.isSymbol(end, ",") || text.isSymbol(end, ";")
            || !text.sameSentence(i, end)
    }

    /// After a test, loading or first dose, a sentence that goes on dosing: `the remaining dose is infused
    /// beginning 30 minutes after completion of the test dose`.
    private func continuesDosing(_ i: Int, end: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 14) where k < i || k >= end {
            if text.isWord(k, "remaining", "rest", "subsequent") || text.isWord(k, "infused", "given", "administered") {
                return true
            }
        }
        return false
    }

    private func isAssessment(_ i: Int, end: Int, _ text: FieldText) -> Bool {
        for k in max(0, i - 10)..<min(text.count, end + 6) where text.sameSentence(k, i) {
            // `the test dose` is a dose.
            if text.isWord(k, Self.assessmentNouns), !text.isWord(k + 1, Self.administrations) { return true }
        }
        return false
    }

    /// `followed 2 weeks later by chemotherapy`, `Radiotherapy starts 4 weeks after the last dose`.
    private func startsOtherTreatment(_ i: Int, end: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 10) where text.isWord(k, Self.otherTreatments) {
            // `the last dose of chemotherapy` names the agent of the series, not a new start.
            if !text.isWord(k - 1, "of") { return true }
        }
        return false
    }
}
