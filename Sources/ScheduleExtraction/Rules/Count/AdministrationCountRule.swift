import ScheduleModel

/// Reads the total number of administrations in the course: `5 times`, `five infusions`, `x 3` after a
/// rate (`every 3 hrs x 3`, `qd x 4`), `total of 4 doses`, `for 4 doses`, `(8 doses)`,
/// `maximum of 3 doses`, `single dose`, `one dose`, `25 fractions`, `20 fr`, `1x3mg/m2` (one dose of
/// 3 mg/m2), `3 consecutive nasal challenges`.
///
/// Not dose levels (`3 doses of Viaskin Peanut (50 mcg, 100 mcg and 250 mcg)`, `comparing 2 doses of
/// omalizumab to placebo`), not multiples (`3 times the upper limit of normal`), not rates (`5 times a week`).
public struct AdministrationCountRule: ExtractionRule {
    static let notAfterSingle = WordSet(["level", "levels", "vial", "vials", "escalation", "study", "cohort", "cohorts", "part", "phase", "pharmacokinetics", "pk"])
    static let routeModifiers = WordSet(["nasal", "intravenous", "subcutaneous", "intramuscular", "study", "iv", "sc", "im"])
    static let comparisonWords = WordSet(["comparing", "compare", "compared", "between", "phase"])
    static let rateAfterDose = WordSet(["per", "a", "each", "at", "daily"])
    static let notBeforeCount = WordSet([
        "every", "after", "first", "last", "than", "within", "each", "per", "least", "more", "phase", "following",
    ])
    static let startingLeadIns = WordSet(["total", "maximum", "max", "for", "up"])
    /// Words between a number and an administration noun that make the number something other than the
    /// course's count: levels and alternatives, administrations beyond or before the course, a phrase.
    static let notCountModifiers = WordSet([
        "different", "various", "escalating", "increasing", "ascending", "descending", "additional", "more",
        "further", "extra", "remaining", "missed", "prior", "previous", "other", "separate", "possible", "high",
        "low", "higher", "lower", "of", "the", "and", "or", "to", "per", "a", "an", "in", "on", "at", "for",
        "with", "by", "from", "level", "levels", "patients", "participants", "subjects", "weeks", "days", "cycles",
        "courses", "months", "times", "test", "scout", "loading", "booster", "priming", "initial", "first",
        "last", "same", "previously", "hundred", "thousand", "million", "rising", "maximal", "maximum", "minimal",
        "unit", "then", "multiple", "before", "after", "during", "until", "your", "their", "his", "her", "its",
        "this", "that", "these", "those", "each", "every", "all", "any", "some", "no", "not", "is", "are", "was",
        "were", "be", "will", "may", "can", "st", "nd", "rd", "th",
    ])
    static let doseSeries = WordSet(["series", "regimen", "schedule", "course", "vaccine", "vaccination"])
    /// Administration nouns that also name regimens or meetings.
    static let looseNouns = WordSet(["treatment", "treatments", "session", "sessions"])
    /// Words before a single dose that make it part of a schedule: `a single test dose`, `one loading dose`.
    static let partialDoseWords = WordSet(["test", "scout", "loading", "priming", "initial", "trial"])

    public static let id = "count.administrations"
    public static let kinds: [FactKind] = [.administrationCount]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("they received 5 times of mesenchymal stem cell infusion", [.init(.administrationCount, "5", "5 times")]),
        RuleExample("MSCs was treated for 5 times.", [.init(.administrationCount, "5", "5 times")]),
        RuleExample("cyclophosphamide 1.5g/m2 IV over 1 hr every 3 hrs x 3", [.init(.administrationCount, "3", "x 3")]),
        RuleExample("every 6 hours for a total of 4 doses", [.init(.administrationCount, "4", "for a total of 4 doses")]),
        RuleExample("on days 1, 2, 3 and 4 (total 4 doses)", [.init(.administrationCount, "4", "total 4 doses")]),
        RuleExample("4 mg/kg over 90 minutes on day 1, single dose", [.init(.administrationCount, "1", "single dose")]),
        RuleExample("* Cohort 2: 2x3mg/m2 IV infusion", [.init(.administrationCount, "2", "2x")]),
        // NCT04332835 (json-classic).
        RuleExample("will receive 500 milliliters of convalescent plasma, distributed in two 250 milliliters transfusions", [
            .init(.administrationCount, "2", "two 250 milliliters transfusions"),
        ]),
        RuleExample("delivered in 25 fractions", [.init(.administrationCount, "25", "25 fractions")]),
        RuleExample("rituximab IV infusion every two weeks for two doses in double-blind phase; 3 doses in a day", [
            .init(.administrationCount, "2", "for two doses"),
        ]),
        RuleExample("Part 3: Two-dose sequential IV infusion of XmAb7195 on Day 1 and Day 8", [
            .init(.administrationCount, "2", "Two-dose"),
        ]),
        RuleExample("a single-dose study; a 1-dose regimen; the 2-dose level", []),
        RuleExample(
            "residents who have received three doses of mRNA vaccine; one of the following three treatments; a dose which consisted of two injections",
            []),
        RuleExample("Twenty five patients will be administered a single dose (900mg) of Nigella Sativa capsule twice daily", []),
        RuleExample("an oral LSD pulse regimen (3 x 100 µg LSD in three weeks); 4 x 250 mg tablets", [
            .init(.administrationCount, "3", "3 x"),
        ]),
        RuleExample("Patients receive vCEA-TRI vaccine intradermally once on day 1 and fCEA-TRI SC once daily on days 29, 57", [
            .init(.administrationCount, "1", "once"),
        ]),
        RuleExample(
            "Two subcutaneous injections of Dupilumab 300 mg (for a total of 600 mg) as a loading dose on Day 1, followed by a single 300 mg injection qw",
            []),
        RuleExample("Patients will be administered a single IV infusion of GS 9219 on Day 1 of a 21 day cycle", []),
        RuleExample("efficacy of 3 doses of Viaskin Peanut (50 mcg ,100 mcg and 250 mcg)", []),
        RuleExample("ALT 3 times the upper limit of normal; 5 times a week", []),
    ]

    static let administrations = WordSet(administrationList)
    static let administrationList = [
        "infusion", "infusions", "dose", "doses", "injection", "injections", "administration", "administrations",
        "vaccination", "vaccinations", "treatment", "treatments", "fraction", "fractions", "fr", "fx",
        "application", "applications", "instillation", "instillations", "challenge", "challenges", "shots",
        "inoculations", "inoculation", "sessions", "transfusion", "transfusions",
    ]
    static let notAfterTimes = WordSet([
        "a", "per", "daily", "weekly", "monthly", "each", "every", "the", "higher", "greater", "more", "less", "as",
        "than", "uln", "upper", "normal", "baseline", "lower", "over", "on", "in", "that", "faster", "larger",
        "smaller", "longer", "during", "at", "/", "hourly", "yearly", "annually",
    ])
    static let leadIns = WordSet(["total", "maximum", "max", "for", "up", "of", "to", "x", "a"])

    /// A count read from a number needs an administration noun after it, or `times`, `x`, `-dose`.
    public static let triggers = RuleTriggers(
        words: ["x", "single", "once"], numbers: true, numbersNeedOneOf: administrationList + ["x", "times", "dose"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        // Where the field last mentions a later administration, found once when a count of one needs it.
        var later: Int?? = nil
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .count.union(.dose).union(.frequency))
            else { continue }
            guard let (n, tokens) = count(at: i, text, facts, &later) else { continue }
            facts.emit(.administrationCount, .count(CountRange(n)), tokens: tokens, rule: Self.id)
            facts.claim(tokens, as: .count)
            i = tokens.upperBound - 1
        }
    }

    private func count(at i: Int, _ text: FieldText, _ facts: FactCollector, _ later: inout Int??) -> (Int, Range<Int>)? {
        let t = text.tokens[i]
        // A number counts administrations only when a word or a glued `x` follows it.
        if t.isNumber, text.at(i + 1)?.isWord != true, !(text.isSymbol(i + 1, "-") && text.isWord(i + 2, "dose")) {
            return nil
        }
        // `x 3` after a rate or a route: `every 3 hrs x 3`, `qd x 4`
        if text.matches(t, "x"), !t.attached || text.isWord(i - 1, "qd", "bid", "tid"), let n = text.at(i + 1), let v = n.integer,
            v >= 1, v <= 60, !text.isNumber(i - 1), !n.attached || text.isWord(i - 1, "qd", "bid", "tid", "daily")
        {
            if text.timeUnit(at: i + 2) != nil || text.isWord(i + 2, CycleLengthRule.cycleNouns) { return nil }
            if text.isWord(i + 2, Self.administrations) { return (v, i..<(i + 3)) }
            if text.at(i + 2).map({ $0.isWord && Doses.baseUnits[$0.hash] != nil }) == true { return nil }
            return (v, i..<(i + 2))
        }
        // `1x3mg/m2`, `3 x 100 µg LSD`, `3 x 1 vial`: so many doses of an amount.
        if let v = t.integer, v >= 1, v <= 20, let x = text.at(i + 1), text.matches(x, "x"), let d = text.at(i + 2),
            d.isNumber, !(d.value == 10 && d.integerDigits == 2), !text.isNumber(i - 1),
            facts.isClaimed(i + 2, as: .dose) || text.dose(at: i + 2) != nil || text.isWord(i + 3, DoseReader.tabletWords),
            !text.isWord(i - 1, DoseReader.tabletWords)
        {
            // `4 x 250 mg tablets` counts tablets of one dose.
            var k = i + 3
            while k < text.count, k - i < 8, !text.isWord(k, DoseReader.tabletWords), text.at(k)?.isWord == true
                || facts.isClaimed(k, as: .dose) || text.isSymbol(k, "/")
            {
                k += 1
            }
            if text.isWord(k, DoseReader.tabletWords), !text.isWord(i + 3, DoseReader.tabletWords) { return nil }
            return (v, i..<(i + 2))
        }
        // `once on day 1`: one administration.
        if text.matches(t, "once"), text.isWord(i + 1, "on"), text.isWord(i + 2, "day", "d"), text.isNumber(i + 3),
            !((text.isWord(i + 4, "and", "or") || text.isSymbol(i + 4, ",") || text.isSymbol(i + 4, "-")) && text.isNumber(i + 5))
        {
            if let noun = lastAdministrationNoun(before: i, text), isFirstOfSeveral(noun, text, &later) { return nil }
            return (1, i..<(i + 1))
        }
        // `single dose`, `a single infusion`, `a single 200 mL intravenous infusion`
        if text.matches(t, "single") {
            guard let noun = administrationNoun(after: i + 1, text, facts), !text.isWord(noun, "treatment", "treatments")
            else { return nil }
            if text.isWord(noun + 1, Self.notAfterSingle) {
                return nil
            }
            if text.isSymbol(i - 1, "-") || text.isWord(i - 1, "per", "each", "every") { return nil }
            // `a single injection qw`: one injection at each time of a rate.
            if isRateAfter(noun + 1, text) { return nil }
            if isFirstOfSeveral(noun, text, &later) { return nil }
            let start = text.isWord(i - 1, "a") ? i - 1 : i
            return (1, start..<(noun + 1))
        }
        guard let n = text.integer(at: i), n.value >= 1, n.value <= 200, text.isAmountStart(i) || t.isWord else {
            return nil
        }
        let j = n.end
        // `5 times` (of infusion, treated for 5 times)
        if text.isWord(j, "times") {
            if text.isWord(j + 1, Self.notAfterTimes) || text.isSymbol(j + 1, "/") { return nil }
            if text.isWord(j + 1, "daily", "weekly") { return nil }
            guard text.sentence(of: i).tags.contains(.dosing) || isNearDose(i, text, facts) else { return nil }
            return (n.value, i..<(j + 1))
        }
        // `Two-dose sequential IV infusion`, `a 3-dose series`: so many doses.
        if text.isSymbol(j, "-"), text.isWord(j + 1, "dose"), text.tokens[j].attached, n.value >= 2 {
            for k in (j + 2)..<min(text.count, j + 6) where text.isWord(k, Self.administrations) || text.isWord(k, Self.doseSeries) {
                return (n.value, i..<(j + 2))
            }
            return nil
        }
        guard let noun = administrationNoun(after: j, text, facts) else { return nil }
        // `3 doses of Viaskin Peanut (50 mcg, 100 mcg and 250 mcg)`: dose levels, not a count.
        if text.isWord(noun, "dose", "doses") {
            if n.value > 1, isListOfDoseLevels(after: noun + 1, text) { return nil }
            for k in max(0, i - 3)..<i where text.isWord(k, Self.comparisonWords) {
                return nil
            }
            if text.isWord(noun + 1, Self.rateAfterDose) || text.isWord(noun + 1, "on") && n.value == 1 {
                return nil
            }
            // `2 doses in a day`, `3 doses in 24 hours`: a rate; `two doses in double-blind phase` is not.
            if text.isWord(noun + 1, "in") {
                var k = noun + 2
                if n.value == 1 { return nil }  // `1 dose in the afternoon on day 1`
                if text.isWord(k, "a", "one", "each") || text.isNumber(k) || text.isWord(k, "the") { k += 1 }
                if text.timeUnit(at: k) != nil || text.isWord(k, "morning", "evening", "afternoon") { return nil }
            }
            // A count above one takes the plural: `phase 2 dose` is not a count.
            if n.value > 1, text.isWord(noun, "dose") { return nil }
        }
        if n.value == 1, isFirstOfSeveral(noun, text, &later) { return nil }
        if text.isWord(noun, "treatment", "treatments") && n.value < 2 { return nil }
        // `Two subcutaneous injections of 300 mg as a loading dose`: the parts of one dose.
        if isPartsOfOneDose(noun + 1, text) { return nil }
        if text.isWord(noun, "treatment") { return nil }
        if text.isWord(i - 1, Self.notBeforeCount) {
            return nil
        }
        // `who have received 2 doses of the vaccine`: doses before the study. `which consisted of two injections`:
        // the parts of one dose.
        if text.isWord(i - 1, "received", "completed"), text.isWord(i - 2, "have", "has", "had") { return nil }
        if text.isWord(i - 1, "of"), text.isWord(i - 2, "consisted", "consisting", "consists", "comprising") { return nil }
        // `4 to 5 doses`, `each of 4 doses`, `one of two treatments`: part of a phrase this rule does not read.
        if text.isWord(i - 1, "to"), !text.isWord(i - 2, "up") { return nil }
        if text.isWord(i - 1, "of"), text.isWord(i - 2, "each", "one", "any", "either") || text.isNumber(i - 2) { return nil }
        // `5 fractions per week`: a rate.
        if text.isWord(noun + 1, "per", "a", "each", "every") || text.isSymbol(noun + 1, "/") { return nil }
        // A count above one takes the plural (`three vaccination interval groups` is not three vaccinations).
        if n.value > 1, let w = text.at(noun), !text.isPlural(noun), !text.matches(w, "fr"), !text.matches(w, "fx") {
            return nil
        }
        // Lead-in words: `total of`, `maximum of`, `up to`, `for`, `(`.
        var start = i
        var k = i - 1
        while k >= 0, i - k <= 4, text.isWord(k, Self.leadIns) {
            if text.isWord(k, Self.startingLeadIns) { start = k }
            k -= 1
        }
        return (n.value, start..<(noun + 1))
    }

    /// The administration noun a count names, past the words that may stand between: `five infusions`,
    /// `two divided infusions`, `two weight-based doses`, `one 200 mL infusion`, `3 consecutive nasal
    /// challenges`, `4 monthly doses`, `three bevacizumab infusions`. Words that make the number something
    /// other than the course's count (`two different doses`, `2 additional doses`) give `nil`.
    private func administrationNoun(after start: Int, _ text: FieldText, _ facts: FactCollector) -> Int? {
        var j = start
        var words = 0
        while j < text.count, j - start < 8 {
            guard let w = text.at(j) else { return nil }
            if w.isWord, w.is(Self.administrations) {
                // `two commonly prescribed treatments`, `three laboratory sessions`: treatments and sessions
                // are regimens and meetings as often as administrations, so only plain counts of them count.
                if words > 0, text.isWord(j, Self.looseNouns) { return nil }
                // `two dose levels`, `the dose infusion`: the noun must end the phrase.
                if text.isWord(j + 1, Self.administrations), !text.isWord(j, "dose", "doses") { return nil }
                if text.isWord(j, "dose"), text.isWord(j + 1, Self.administrations) {
                    j += 1
                    continue
                }
                return j
            }
            if facts.isClaimed(j, as: .dose) {
                // `one 200 mL infusion`
                j += 1
                continue
            }
            if w.isSymbol(UInt8(ascii: "-")), w.attached, j > start, text.at(j + 1)?.attached == true {
                // `weight-based`
                j += 1
                continue
            }
            guard w.isWord, !w.is(Self.notCountModifiers), w.numberWord == 0, w.timeUnit == 0, words < 2,
                !w.flags.contains(.upper) || w.is(Self.routeModifiers) || w.end - w.start <= 4
            else { return nil }
            words += 1
            j += 1
        }
        return nil
    }

    /// A count of one that is only the first of several: a test or loading dose, one the sentence follows
    /// with more, or one the field goes on to follow with a second (`1 dose of rituximab on Day 1 … On Day 8,
    /// a second dose`).
    private func isFirstOfSeveral(_ noun: Int, _ text: FieldText, _ later: inout Int??) -> Bool {
        for k in max(0, noun - 3)..<noun where text.isWord(k, Self.partialDoseWords) { return true }
        if later == nil { later = .some(lastLaterAdministration(text)) }
        if let last = later ?? nil, last > noun { return true }
        var k = noun + 1
        while k < text.count, k - noun < 12, text.sameSentence(k, noun) {
            // `a single IV infusion on Day 1 of a 21 day cycle`: one per cycle, not one in all.
            if text.isWord(k, CycleLengthRule.cycleNouns) { return true }
            if text.isWord(k, "followed"), text.isWord(k + 1, "by") || text.isWord(k, "then") {
                for m in (k + 1)..<min(text.count, k + 6) where text.isWord(m, Self.administrations) {
                    return true
                }
            }
            k += 1
        }
        return false
    }

    /// A dose or a route near `i` in its sentence: `100 µg, per os, 3 times within 3 weeks`.
    private func isNearDose(_ i: Int, _ text: FieldText, _ facts: FactCollector) -> Bool {
        for k in text.window(around: i, radius: 10) {
            if facts.isClaimed(k, as: .dose) { return true }
            if let t = text.at(k), t.isWord, Routes.words[t.hash] != nil || text.isWord(k, "per") && text.isWord(k + 1, "os") {
                return true
            }
        }
        return false
    }

    /// A rate soon after a single administration: `a single injection qw`, `a single dose (900mg) of Nigella
    /// Sativa capsule twice daily`.
    private func isRateAfter(_ i: Int, _ text: FieldText) -> Bool {
        var k = i
        while k < text.count, k - i < 10, text.sameSentence(k, i), !text.isSymbol(k, ",") {
            if let t = text.at(k), t.isWord,
                FrequencyAbbreviationRule.abbreviations[t.hash] != nil || Frequencies.adverbs[t.hash] != nil
                    || text.isWord(k, "every") || text.isWord(k, "twice", "thrice")
            {
                return true
            }
            k += 1
        }
        return false
    }

    /// `as a loading dose`, `as one dose` after a count: the administrations make up one dose.
    private func isPartsOfOneDose(_ i: Int, _ text: FieldText) -> Bool {
        var k = i
        while k < text.count, k - i < 14, text.sameSentence(k, i) {
            if text.isWord(k, "as") {
                var j = k + 1
                if text.isWord(j, "a", "one", "the") { j += 1 }
                if text.isWord(j, "loading", "single", "split") { j += 1 }
                if text.isWord(j, "dose") { return true }
            }
            k += 1
        }
        return false
    }

    /// The administration noun nearest before `i` in its sentence.
    private func lastAdministrationNoun(before i: Int, _ text: FieldText) -> Int? {
        var k = i - 1
        while k >= 0, i - k <= 12, text.sameSentence(k, i) {
            if text.isWord(k, Self.administrations) { return k }
            k -= 1
        }
        return nil
    }

    /// The last mention of a later administration in the field: `a second dose`, `the 3rd infusion`,
    /// `the remaining doses`.
    private func lastLaterAdministration(_ text: FieldText) -> Int? {
        var k = text.count - 1
        while k >= 0 {
            if text.isWord(k, Self.administrations) {
                let o = text.isWord(k - 1, "dose") ? k - 2 : k - 1
                if text.isWord(o, "remaining", "subsequent") { return k }
                if let t = text.at(o), t.ordinalWord >= 2 { return k }
                if text.isWord(o, Numbers.ordinalSuffixes), let n = text.at(o - 1)?.integer, n >= 2 { return k }
            }
            k -= 1
        }
        return nil
    }

    /// A list of two or more dose amounts right after `doses`: dose levels (`3 doses of Viaskin Peanut (50 mcg,
    /// 100 mcg and 250 mcg)`), not one amount and a later one (`four doses of 50 mcg gp160 receive an
    /// additional boost of 200 mcg`).
    private func isListOfDoseLevels(after i: Int, _ text: FieldText) -> Bool {
        var amounts = 0
        var lastAmount = -1
        var k = i
        while k < text.count, k - i < 14 {
            if text.isNumber(k), let u = text.at(k + 1), u.isWord, Doses.baseUnits[u.hash] != nil {
                if lastAmount < 0 || k - lastAmount <= 4 { amounts += 1 }
                lastAmount = k
            }
            k += 1
        }
        return amounts >= 2
    }
}
