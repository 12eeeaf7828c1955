import ScheduleModel

/// Reads the length of one treatment cycle: `28-day cycle`, `21 day cycles`, `3-week cycles`,
/// `cycles of 8 weeks`, `1 cycle=28 days`, `21 days as a treatment cycle`, `3 weeks (21 days) as 1 course`,
/// `one course per 6 weeks`, `every three weeks cycle`, `4-week courses`; and the repeat period of courses
/// (`Treatment repeats every 5 weeks`, `every 21 days for 4 courses`, `day 1 q 35 days`), which is a
/// frequency and a cycle length at once.
///
/// A repeat period counts as a cycle length only in a sentence about cycles or courses, or one that gives
/// days of administration, and only from a week up; `every 3 weeks for up to 24 months` alone is a rate.
public struct CycleLengthRule: ExtractionRule {
    static let lengthLinks = WordSet(["of", "is", "lasts", "lasting", "="])
    public static let id = "cycle.length"
    public static let kinds: [FactKind] = [.cycleLength]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("Treatment repeats every 28 days for 4 cycles", [.init(.cycleLength, "P28D", "every 28 days")]),
        RuleExample("on days 1 through 5 of a 28-day cycle", [.init(.cycleLength, "P28D", "28-day cycle")]),
        RuleExample("two 21-day cycles", [.init(.cycleLength, "P21D", "21-day cycles")]),
        RuleExample("in cycles of 8 weeks", [.init(.cycleLength, "P8W", "cycles of 8 weeks")]),
        RuleExample("every three cycles (1 cycle=28 days)", [.init(.cycleLength, "P28D", "cycle=28 days")]),
        RuleExample("21 days as a treatment cycle", [.init(.cycleLength, "P21D", "21 days as a treatment cycle")]),
        RuleExample("3 weeks (21 days) as 1 course", [.init(.cycleLength, "P3W", "3 weeks (21 days) as 1 course")]),
        RuleExample("9 cycles of one course per 6 weeks", [.init(.cycleLength, "P6W", "one course per 6 weeks")]),
        RuleExample("vincristine 1.2 mg/m2 IV D1 (q 5 weeks)", [.init(.cycleLength, "P5W", "q 5 weeks")]),
        RuleExample("daclizumab 8 mg/kg every 3 weeks for up to 24 months", []),
        RuleExample("Vincristine 1.4 mg/m2 IV every week for 7 courses.", [.init(.cycleLength, "P1W", "every week")]),
        RuleExample("four cycles of 3-weeks regimen", [.init(.cycleLength, "P3W", "cycles of 3-weeks")]),
    ]

    static let cycleNouns = WordSet(["cycle", "cycles", "course", "courses"])
    static let courseSubjects = WordSet([
        "treatment", "therapy", "course", "courses", "cycle", "cycles", "regimen", "chemotherapy", "schedule",
        "chemoradiotherapy",
    ])
    static let repeatWords = WordSet(["repeat", "repeats", "repeated", "repeating"])

    /// A length read from a number needs a cycle noun (`28-day cycle`), or is a repeat period written with
    /// an adverb (`three weekly`, `Frequencies.adverbUnits`; not `daily`, which is no repeat period there).
    public static let triggers = RuleTriggers(
        words: ["cycle", "cycles", "course", "courses", "every", "q"], numbers: true,
        numbersNeedOneOf: CycleCountRule.cycleNounList + ["weekly", "monthly", "hourly", "yearly", "annually"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard !text.isInExcludedSection(i) else { continue }
            if let (length, tokens) = statedLength(at: i, text) {
                facts.emit(.cycleLength, .duration(DurationRange(length)), tokens: tokens, rule: Self.id)
                facts.claim(tokens, as: .cycle)
                i = tokens.upperBound - 1
                continue
            }
            // `every 21-28 days for a total of 3 courses`: a range of lengths.
            if t.isWord, let every = text.everyPeriod(at: i), let period = every.value.first, every.value.count <= 2,
                period.days >= 14 || isCourseCount(at: every.end, text), isCycleContext(i, period, text, facts),
                every.value.count == 1 || text.isRange(every)
            {
                let start = text.isWord(i - 1, "once") ? i - 1 : i
                let length = DurationRange(period, every.value.count == 2 ? every.value[1] : nil)
                facts.emit(.cycleLength, .duration(length), tokens: start..<every.end, rule: Self.id)
                i = every.end - 1
            }
        }
    }

    private func statedLength(at i: Int, _ text: FieldText) -> (ISODuration, Range<Int>)? {
        // `28-day cycle`, `3-weeks regimen`, `every three weeks cycle`
        if let d = text.duration(at: i) {
            var j = d.end
            if text.isWord(j, "treatment", "chemotherapy", "treatments") { j += 1 }
            if text.isWord(j, Self.cycleNouns), isCycleNoun(j, text) { return (d.value, i..<(j + 1)) }
            if text.isWord(j, "regimen"), text.isWord(i - 1, "of"), text.isWord(i - 2, Self.cycleNouns) {
                return (d.value, i..<(j + 1))
            }
            // `21 days as a treatment cycle`, `3 weeks (21 days) as 1 course`
            var k = text.skipRestatedDuration(at: d.end)
            if text.isWord(k, "as") {
                k += 1
                if text.isWord(k, "a", "one", "1", "each") || text.isNumber(k) { k += 1 }
                if text.isWord(k, "treatment", "chemotherapy") { k += 1 }
                if text.isWord(k, Self.cycleNouns), isCycleNoun(k, text) { return (d.value, i..<(k + 1)) }
            }
            // `every three weeks cycle`
            return nil
        }
        let t = text.tokens[i]
        // `cycles of 8 weeks`, `cycle length of 21 days`, `each cycle is 28 days`
        if t.is(Self.cycleNouns), isCycleNoun(i, text) {
            var j = i + 1
            if text.isWord(j, "length", "duration") { j += 1 }
            if text.isWord(j, Self.lengthLinks) || text.isSymbol(j, "=") || text.isSymbol(j, ":") {
                if text.isWord(j, "is"), text.isWord(j + 1, "of") { j += 1 }  // `each cycle is of 14 days`
                if let d = text.duration(at: j + 1) { return (d.value, i..<d.end) }
            }
            return nil
        }
        // `one course per 6 weeks`
        if let n = text.integer(at: i), n.value == 1, text.isWord(n.end, Self.cycleNouns),
            text.isWord(n.end + 1, "per", "every"), let d = text.duration(at: n.end + 2)
        {
            return (d.value, i..<d.end)
        }
        return nil
    }

    /// `for 7 courses` right after a repeat period: `every week for 7 courses` repeats a course weekly.
    private func isCourseCount(at i: Int, _ text: FieldText) -> Bool {
        guard text.isWord(i, "for"), let n = text.integer(at: i + 1) else { return false }
        return text.isWord(n.end, Self.cycleNouns)
    }

    /// `cycle` always; `course` only where courses repeat (`courses`, `course 2`, a repeat or cycle count
    /// nearby): a single `7-day course of antibiotics` is how long a treatment lasts, and `over the course
    /// of` is an idiom.
    private func isCycleNoun(_ k: Int, _ text: FieldText) -> Bool {
        if text.isWord(k, "cycle", "cycles") { return true }
        if text.isWord(k - 1, "the"), text.isWord(k - 2, "over", "during", "throughout", "in") { return false }
        if text.isWord(k, "courses") { return true }
        // `3 weeks (21 days) as 1 course`: the definition of one.
        if text.isWord(k - 1, "one", "a", "each") || text.at(k - 1)?.value == 1 && text.isNumber(k - 1),
            text.isWord(k - 2, "as") || text.isWord(k - 3, "as")
        {
            return true
        }
        for j in text.window(around: k, radius: 12) where text.isWord(j, Self.repeatWords) || text.isWord(j, "courses") {
            return true
        }
        return false
    }

    /// A repeat period is a cycle length in a sentence about repeating cycles or courses, or one that gives
    /// days of administration or a shorter block of dosing (`daily for 4 days … every 4 weeks`), unless the
    /// sentence is about assessments and names no dose or route, or the repeat is as required.
    private func isCycleContext(_ i: Int, _ period: ISODuration, _ text: FieldText, _ facts: FactCollector) -> Bool {
        if text.isWord(i - 1, "required", "needed", "necessary") || text.isWord(i - 1, "prn") { return false }
        let window = text.window(around: i)
        // Cycles, repeats and days of administration count within 12 tokens; a shorter block of dosing and a dose
        // or route anywhere in the window. Each question is asked only as far as the answer needs.
        var cycleNear = false
        var days = false
        let cycleNouns = Self.cycleNouns
        let repeatWords = Self.repeatWords
        for k in max(window.lowerBound, i - 12)..<min(window.upperBound, i + 13) {
            guard let t = text.at(k) else { continue }
            // Days of administration nearby, but not a start day (`Beginning on day 22, … every 14 days`).
            if facts.isClaimed(k, as: .day), !facts.isClaimed(k - 1, as: .day),
                !text.isWord(k - 1, "beginning", "starting", "from", "after"),
                !(text.isWord(k - 1, "on") && text.isWord(k - 2, "beginning", "starting"))
            {
                days = true
            }
            // `Treatment continues every 31 days`: the outline idiom for repeating courses.
            if text.matches(t, "continues") || text.matches(t, "continue"), k < i, i - k <= 2,
                text.isWord(k - 1, "treatment", "therapy", "chemotherapy", "courses")
            {
                cycleNear = true
            }
            if t.is(cycleNouns), !facts.isClaimed(k, as: .cycle), !text.isWord(k - 1, "every", "each") {
                cycleNear = true
            }
            // `Treatment repeats every 5 weeks`, `Courses repeat every 28 days`, but not `the injection is repeated
            // every 2 weeks`: what repeats must be a course of treatment.
            if t.is(repeatWords) {
                for j in max(0, k - 3)..<k where text.isWord(j, Self.courseSubjects) { cycleNear = true }
            }
        }
        if !cycleNear && !days && !hasShorterBlock(in: window, than: period, text) { return false }
        if text.sentence(of: i).tags.isDisjoint(with: .assessment.union(.observation).union(.followUp)) { return true }
        return hasDoseOrRoute(in: window, text, facts)
    }

    /// `daily for 4 days … every 4 weeks`: a block of dosing in days, shorter than the repeat.
    private func hasShorterBlock(in window: Range<Int>, than period: ISODuration, _ text: FieldText) -> Bool {
        for k in window {
            guard let t = text.at(k), text.matches(t, "for") || text.matches(t, "x") else { continue }
            if let d = text.duration(at: k + 1), d.value.days < period.days, d.value.unit == .day { return true }
        }
        return false
    }

    /// A dose read, or a route, in the window: what a sentence about assessments needs to be about dosing too.
    private func hasDoseOrRoute(in window: Range<Int>, _ text: FieldText, _ facts: FactCollector) -> Bool {
        // The word lists read once, not once per token of the window.
        let routeWords = Routes.words
        let routeAbbreviations = Routes.capitalAbbreviations
        for k in window {
            guard let t = text.at(k) else { continue }
            if facts.isClaimed(k, as: .dose) { return true }
            if t.isWord, routeWords[t.hash] != nil || (routeAbbreviations[t.hash] != nil && t.flags.contains(.upper)) {
                return true
            }
        }
        return false
    }

}
