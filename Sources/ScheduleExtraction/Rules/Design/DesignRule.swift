import ScheduleModel

/// Reads design features the text states: `single-arm`, `single-center`, `multicenter` (also
/// `in 31 centers`, `at each participating site`), `randomized` (also `randomly assigned`, `randomisation`, `random sampling to allocate`),
/// `non-randomized`, `open-label` (also `open randomised`), `single-blind`, `double-blind`,
/// `placebo-controlled` (also a controlled trial against placebo), `crossover`, `parallel`, and
/// `dose-escalation` (also `escalating doses`, `increasing dosages`).
///
/// `case-crossover` is an epidemiological method, and `cross over to` a switch of treatment, not designs.
public struct DesignRule: ExtractionRule {
    static let centerPlurals = WordSet(["centers", "centres", "sites", "hospitals", "institutions"])
    /// Places that take part in a study, after `participating`: `units` only there, as it names wards too.
    static let participatingPlaces = WordSet([
        "center", "centre", "centers", "centres", "site", "sites", "hospital", "hospitals", "institution",
        "institutions", "unit", "units", "clinic", "clinics",
    ])
    static let assignmentVerbs = WordSet(["assigned", "allocated", "divided", "selected", "distributed"])
    public static let id = "design.keyword"
    public static let kinds: [FactKind] = [.design]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("a single-arm, single-center, open-label study", [
            .init(.design, "single-arm", "single-arm"), .init(.design, "single-center", "single-center"),
            .init(.design, "open-label", "open-label"),
        ]),
        RuleExample("Randomized, open label, active controlled, multi-center", [
            .init(.design, "randomized", "Randomized"), .init(.design, "open-label", "open label"),
            .init(.design, "multicenter", "multi-center"),
        ]),
        RuleExample("a randomized double-blind placebo controlled trial", [
            .init(.design, "randomized", "randomized"), .init(.design, "double-blind", "double-blind"),
            .init(.design, "placebo-controlled", "placebo controlled"),
        ]),
        RuleExample("This non-randomized study", [.init(.design, "non-randomized", "non-randomized")]),
        RuleExample("an open randomised PK-PD comparison", [
            .init(.design, "open-label", "open"), .init(.design, "randomized", "randomised"),
        ]),
        RuleExample("patients will be randomly assigned", [.init(.design, "randomized", "randomly assigned")]),
        RuleExample("treated with escalating doses of Zenapax", [.init(.design, "dose-escalation", "escalating doses")]),
        // NCT00003452, NCT02457416 and NCT00732654 (json-v2).
        RuleExample("Study subjects receive increasing dosages of Atengenal and Astugenal until the maximum tolerated dose is reached", [
            .init(.design, "dose-escalation", "increasing dosages"),
        ]),
        RuleExample("Treatment with peanut in increasing doses until a maintenance dose; milk powder given orally in escalating doses with a goal dose of 2000mg/day", []),
        RuleExample("1,140 patients treated in 31 centers nationwide", [.init(.design, "multicenter", "31 centers")]),
        RuleExample("In phase 1, at each participating unit, four volunteers receive a dose of gp160", [
            .init(.design, "multicenter", "each participating unit"),
        ]),
        RuleExample("data from all participating sites; the participating site will enroll 20 patients", [
            .init(.design, "multicenter", "all participating sites"),
        ]),
        RuleExample("a nested case-crossover analysis", []),
        RuleExample("18 volunteers will receive 200 mcg gp160 in an unblinded study", [.init(.design, "open-label", "unblinded")]),
        RuleExample("there are no randomized control trials comparing them", []),
        RuleExample("a parallel-arm design", [.init(.design, "parallel", "parallel-arm")]),
    ]

    /// The words a design statement can start with.
    public static let triggers = RuleTriggers(words: [
        "single", "one", "monocentric", "monocenter", "monocentre", "mono", "multicenter", "multicentre",
        "multicentric", "multisite", "multicentered", "multicentred", "multi", "non", "not", "nonrandomized",
        "nonrandomised", "randomized", "randomised", "randomization", "randomisation", "randomize", "randomise",
        "randomly", "randomizing", "randomising", "random", "open", "double", "triple", "quadruple", "placebo",
        "controlled", "crossover", "cross", "parallel", "dose", "escalating", "escalated", "increasing", "unblinded", "unmasked",
        "nonblinded", "each", "every", "all",
    ], numbers: true)
    static let randomized = WordSet([
        "randomized", "randomised", "randomization", "randomisation", "randomize", "randomise", "randomly",
        "randomizing", "randomising",
    ])
    static let centers = WordSet([
        "center", "centre", "centers", "centres", "site", "sites", "hospital", "hospitals", "institution",
        "institutions", "centred", "centered", "centric", "institutional",
    ])
    static let blind = WordSet(["blind", "blinded", "masked", "blinding", "masking"])
    /// Words that make increasing doses one patient's build-up to a maintenance dose (immunotherapy up-dosing,
    /// a food challenge), not cohorts escalating between them.
    static let buildUpWords = WordSet([
        "maintenance", "goal", "challenge", "challenges", "immunotherapy", "desensitization", "desensitisation",
        "updosing", "buildup",
    ])
    static let parallelNouns = WordSet(["group", "groups", "arm", "arms", "design", "assignment", "cohort", "cohorts"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard !t.isNumber || text.isWord(i + 1, Self.centers), !text.isInExcludedSection(i)
            else { continue }
            if let (feature, end) = design(at: i, text) {
                facts.emit(.design, .design(feature), tokens: i..<end, rule: Self.id)
                i = end - 1
            }
        }
    }

    /// `peanut in increasing doses until a maintenance dose`, `escalating doses with a goal dose of 2000mg/day`.
    private func isBuildUp(around i: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 24) where text.isWord(k, Self.buildUpWords) { return true }
        return false
    }

    private func design(at i: Int, _ text: FieldText) -> (DesignFeature, Int)? {
        let t = text.tokens[i]
        var j = i + 1
        if text.isSymbol(j, "-") { j += 1 }
        if text.matches(t, "single") || text.matches(t, "one") {
            if text.isWord(j, "arm") || text.isWord(j, "armed") || text.isWord(j, "group") && text.matches(t, "single") {
                return (.singleArm, j + 1)
            }
            if text.isWord(j, Self.centers) { return (.singleCenter, j + 1) }
            if text.matches(t, "single"), text.isWord(j, Self.blind) { return (.singleBlind, j + 1) }
            return nil
        }
        if text.matches(t, "monocentric") || text.matches(t, "monocenter") || text.matches(t, "monocentre") {
            return (.singleCenter, i + 1)
        }
        if text.matches(t, "mono"), text.isWord(j, Self.centers) { return (.singleCenter, j + 1) }
        if text.matches(t, "multicenter") || text.matches(t, "multicentre") || text.matches(t, "multicentric")
            || text.matches(t, "multisite") || text.matches(t, "multicentered") || text.matches(t, "multicentred")
        {
            return (.multicenter, i + 1)
        }
        if text.matches(t, "multi"), text.isWord(j, Self.centers) { return (.multicenter, j + 1) }
        // `at each participating unit`, `all participating sites`: more than one place takes part.
        if text.matches(t, "each") || text.matches(t, "every") || text.matches(t, "all") {
            if text.isWord(i + 1, "participating"), text.isWord(i + 2, Self.participatingPlaces) {
                return (.multicenter, i + 3)
            }
            return nil
        }
        if let n = t.isNumber ? text.integer(at: i) : nil, n.value >= 2, n.value < 10000,
            text.isWord(i - 1, "in") || text.isWord(i - 1, "at") || text.isWord(i - 1, "across"),
            text.isWord(n.end, Self.centerPlurals)
        {
            return (.multicenter, n.end + 1)
        }
        if text.matches(t, "non") || text.matches(t, "not"), text.isWord(j, Self.randomized) { return (.nonRandomized, j + 1) }
        if text.matches(t, "nonrandomized") || text.matches(t, "nonrandomised") { return (.nonRandomized, i + 1) }
        if t.is(Self.randomized) {
            if text.isSymbol(i - 1, "-"), text.isWord(i - 2, "non") { return nil }
            // `evaluated in randomized trials`: other trials, not this one.
            if text.isWord(i + 1, "trials", "studies") || text.isWord(i + 2, "trials", "studies") && text.isWord(i + 1, "controlled", "control") {
                return nil
            }
            // `there are no randomized studies`
            if text.isWord(i - 1, "no") { return nil }
            if text.matches(t, "randomly") {
                guard text.isWord(i + 1, Self.assignmentVerbs) else {
                    return nil
                }
                return (.randomized, i + 2)
            }
            return (.randomized, i + 1)
        }
        if text.matches(t, "random"), text.isWord(i + 1, "sampling", "assignment", "allocation", "number") {
            var end = i + 2
            if text.isWord(end, "to"), text.isWord(end + 1, "allocate") { end += 2 }
            return (.randomized, end)
        }
        // `an unblinded study`, `unmasked`
        if text.matches(t, "unblinded") || text.matches(t, "unmasked") || text.matches(t, "nonblinded") {
            return (.openLabel, i + 1)
        }
        if text.matches(t, "non"), text.isWord(j, "blinded", "masked") { return (.openLabel, j + 1) }
        if text.matches(t, "open") {
            if text.isWord(j, "label") || text.isWord(j, "labeled") || text.isWord(j, "labelled") { return (.openLabel, j + 1) }
            if text.isWord(i + 1, Self.randomized) { return (.openLabel, i + 1) }
            return nil
        }
        if text.matches(t, "double") || text.matches(t, "triple") || text.matches(t, "quadruple") {
            if text.isWord(j, Self.blind) { return (.doubleBlind, j + 1) }
            return nil
        }
        if text.matches(t, "placebo") {
            if text.isWord(j, "controlled") { return (.placeboControlled, j + 1) }
            return nil
        }
        if text.matches(t, "controlled"), !text.isWord(i - 1, "placebo"), !text.isSymbol(i - 1, "-") {
            // `controlled trial comparing 2 doses of omalizumab to placebo`
            let s = text.sentence(of: i)
            var k = i + 1
            while k < s.range.upperBound, k - i < 12 {
                if text.isWord(k, "placebo") { return (.placeboControlled, k + 1) }
                k += 1
            }
            return nil
        }
        if text.matches(t, "crossover") || (text.matches(t, "cross") && (text.isWord(j, "over"))) {
            let end = text.matches(t, "crossover") ? i + 1 : j + 1
            if text.isSymbol(i - 1, "-"), text.isWord(i - 2, "case") { return nil }
            if text.isWord(end, "to") || text.isWord(end, "into") || text.isWord(end, "from") { return nil }
            return (.crossover, end)
        }
        if text.matches(t, "parallel"), text.isWord(j, Self.parallelNouns) { return (.parallel, j + 1) }
        if text.matches(t, "dose"), text.isWord(j, "escalation", "escalating", "escalated") {
            return (.doseEscalation, j + 1)
        }
        if text.matches(t, "escalating") || text.matches(t, "escalated") || text.matches(t, "increasing"),
            text.isWord(i + 1, "doses", "dose", "dosing") || text.isWord(i + 1, "dosages", "dosage"),
            !isBuildUp(around: i, text)
        {
            return (.doseEscalation, i + 2)
        }
        return nil
    }
}
