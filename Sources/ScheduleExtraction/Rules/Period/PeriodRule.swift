import ScheduleModel

/// Reads named study periods: `screening period`, `screening visit`, `at screening`, `baseline period`,
/// `at baseline`, `run-in period`, `treatment period`, `treatment phase`, `follow-up period`,
/// `follow-up visit`, `washout period`, `extension phase`; a visit code right after the name becomes the
/// label (`screening period (V1)` → `V1`).
///
/// Verbs do not name periods (`patients are screened`, `followed up for 1 year`, `will follow up`), nor do
/// `cancer screening`, `change from baseline`, `baseline characteristics` or `lost to follow-up`.
public struct PeriodRule: ExtractionRule {
    static let notFollowUpNouns = WordSet(["report", "reports", "data", "information", "letter", "form", "forms", "rate", "time", "duration", "study", "studies"])
    static let followUpPlaces = WordSet(["during", "at", "each", "the", "in", "throughout", "until", "before", "after"])
    static let extensionNouns = WordSet(["period", "phase", "study", "part", "stage", "visit", "visits"])
    public static let id = "period.named"
    public static let kinds: [FactKind] = [.period]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("after the evaluation of the screening period and the baseline period", [
            .init(.period, "screening", "screening period"), .init(.period, "baseline", "baseline period"),
        ]),
        RuleExample("screening period (V1): sign ICF. Follow up period (V5): Safety follow-up", [
            .init(.period, "screening", "screening period", label: "V1"),
            .init(.period, "follow-up", "Follow up period", label: "V5"),
        ]),
        RuleExample("QoL is assessed at baseline and at each follow-up point", [
            .init(.period, "baseline", "baseline"), .init(.period, "follow-up", "follow-up point"),
        ]),
        RuleExample("Patients are followed up for 1 year. Change from baseline in HbA1c", []),
        RuleExample("Before you can start treatment on this study, you will have screening tests.", []),
        RuleExample("The treatment and maintenance phases will consist of 9 cycles", [
            .init(.period, "treatment", "treatment and maintenance phases"),
        ]),
        RuleExample("an 8-week run-in period", [.init(.period, "run-in", "run-in period")]),
        RuleExample("This study represented an extension of earlier protocols", []),
    ]

    public static let triggers = RuleTriggers(words: [
        "screening", "baseline", "treatment", "follow", "followup", "run", "lead", "washout", "wash", "extension",
    ])
    static let periodNouns = WordSet(["period", "periods", "phase", "phases", "stage", "part", "visit", "visits"])
    /// Nouns that make `screening` a period; `screening tests` and `screening assessments` are what is done,
    /// and `cancer screening` a procedure.
    static let screeningNouns = WordSet(["period", "periods", "phase", "visit", "visits", "window", "stage", "part", "day"])
    static let baselineNouns = WordSet([
        "period", "phase", "visit", "visits", "assessment", "assessments", "evaluation", "evaluations",
        "measurement", "measurements", "sampling", "blood", "sample", "samples", "scan", "scans", "examination",
        "examinations", "tests", "testing", "nasal", "biopsy", "biopsies", "questionnaire", "questionnaires",
        "labs", "imaging", "mri", "ct", "tnss", "data",
    ])
    static let followUpNouns = WordSet([
        "period", "periods", "phase", "visit", "visits", "point", "points", "assessment", "assessments",
        "evaluation", "evaluations", "call", "calls", "contact", "contacts", "examination", "examinations",
    ])
    static let followUpVerbContext = WordSet([
        "will", "to", "would", "should", "may", "can", "must", "could", "shall",
    ])
    static let lengthUnits = WordSet(["month", "months", "week", "weeks", "year", "years", "day", "days", "term"])
    static let time = WordSet(["at", "during", "before", "after"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i),
                let (kind, end) = period(at: i, text)
            else { continue }
            let label = visitCode(after: end, text)
            facts.emit(.period, .period(kind), tokens: i..<end, rule: Self.id, label: label)
            i = end - 1
        }
    }

    private func period(at i: Int, _ text: FieldText) -> (PeriodKind, Int)? {
        let t = text.tokens[i]
        if text.matches(t, "screening") {
            if text.isWord(i + 1, Self.screeningNouns) { return (.screening, i + 2) }
            if text.isWord(i - 1, Self.time) { return (.screening, i + 1) }
            if isHeading(i, end: i + 1, text) { return (.screening, i + 1) }
            return nil
        }
        if text.matches(t, "baseline") {
            if text.isWord(i - 1, "from") || text.isWord(i - 1, "to") { return nil }
            if text.isWord(i + 1, Self.baselineNouns) {
                return (.baseline, text.isWord(i + 1, Self.periodNouns) ? i + 2 : i + 1)
            }
            if text.isWord(i - 1, "at") || text.isWord(i - 1, "during") { return (.baseline, i + 1) }
            if isHeading(i, end: i + 1, text) { return (.baseline, i + 1) }
            return nil
        }
        if text.matches(t, "treatment") {
            // `pre-treatment period`, `post-treatment phase`
            if text.isSymbol(i - 1, "-"), text.isWord(i - 2, "pre", "post", "off") { return nil }
            if text.isWord(i - 1, "pretreatment", "posttreatment") { return nil }
            if text.isWord(i + 1, "period", "phase", "phases") { return (.treatment, i + 2) }
            if text.isWord(i + 1, "and"), text.isWord(i + 2, "maintenance"), text.isWord(i + 3, "period", "periods", "phase", "phases") {
                return (.treatment, i + 4)
            }
            return nil
        }
        if let end = followUpNoun(at: i, text) {
            if text.isWord(i - 1, Self.followUpVerbContext) { return nil }
            if text.isWord(i - 1, "to"), text.isWord(i - 2, "lost") { return nil }
            if text.isWord(i - 1, "median") || text.isWord(i - 1, "mean") { return nil }
            if text.isWord(end, Self.notFollowUpNouns) {
                return nil
            }
            if text.isWord(end, Self.followUpNouns) { return (.followUp, end + 1) }
            // The bare noun names the period only where it is one: `during follow-up`, `at each follow-up`, a
            // heading; not a length (`9-month follow-up`) or an activity (`intervention and follow-up`).
            if text.isSymbol(i - 1, "-") || text.isWord(i - 1, Self.lengthUnits) { return nil }
            if text.isWord(i - 1, Self.followUpPlaces)
                || isHeading(i, end: end, text)
            {
                return (.followUp, end)
            }
            return nil
        }
        if text.matches(t, "run") || text.matches(t, "lead") {
            var k = i + 1
            let hyphen = text.isSymbol(k, "-")
            if hyphen { k += 1 }
            guard text.isWord(k, "in") else { return nil }
            if text.isWord(k + 1, Self.periodNouns) { return (.runIn, k + 2) }
            return hyphen ? (.runIn, k + 1) : nil
        }
        if text.matches(t, "washout") || (text.matches(t, "wash") && (text.isWord(i + 1, "out") || (text.isSymbol(i + 1, "-") && text.isWord(i + 2, "out")))) {
            let end = text.matches(t, "washout") ? i + 1 : (text.isWord(i + 1, "out") ? i + 2 : i + 3)
            if text.isWord(end, Self.periodNouns) { return (.washout, end + 1) }
            return nil
        }
        if text.matches(t, "extension") {
            if text.isWord(i + 1, Self.extensionNouns) { return (.extension, i + 2) }
            if text.isSymbol(i - 1, "(") { return (.extension, i + 1) }
            if text.isWord(i - 1, "label"), text.isSymbol(i - 2, "-") { return (.extension, i + 1) }
            return nil
        }
        return nil
    }

    /// `follow-up`, `follow up`, `followup`: the noun; returns where it ends.
    private func followUpNoun(at i: Int, _ text: FieldText) -> Int? {
        let t = text.tokens[i]
        if text.matches(t, "followup") { return i + 1 }
        guard text.matches(t, "follow") else { return nil }
        if text.isSymbol(i + 1, "-"), text.isWord(i + 2, "up") { return i + 3 }
        if text.isWord(i + 1, "up") { return i + 2 }
        return nil
    }

    /// A heading on its own line: `Screening Visit`, `2.2.4. Follow-up`.
    private func isHeading(_ i: Int, end: Int, _ text: FieldText) -> Bool {
        let s = text.sentence(of: i)
        // After a section number: `2.2.4. Follow-up`
        if i == s.range.lowerBound, text.isSymbol(i - 1, "."), text.isNumber(i - 2) { return true }
        return i <= s.range.lowerBound + 2 && (end >= s.range.upperBound || text.isSymbol(end, ":"))
    }

    /// `(V1)`, `(Visit 2)` right after a period's name.
    private func visitCode(after end: Int, _ text: FieldText) -> String? {
        guard text.isSymbol(end, "(") else { return nil }
        if let w = text.at(end + 1), w.isWord, w.end - w.start <= 2, w.flags.contains(.upper), let n = text.at(end + 2),
            n.isNumber, n.attached, text.isSymbol(end + 3, ")")
        {
            return text.folded((end + 1)..<(end + 3))
        }
        if text.isWord(end + 1, "visit"), text.isNumber(end + 2), text.isSymbol(end + 3, ")") {
            return text.folded((end + 1)..<(end + 3))
        }
        return nil
    }
}
