import ScheduleModel

/// Reads the study or cycle days on which doses are given: `on Days 1, 8 and 15`, `days 1-5`,
/// `days 1 through 5`, `day -4`, `day - 14`, `Days -4, -3, -2, and -1`, `day 1 to day 7`,
/// `between Day 29 and 42`, `D1-4, 9-12, 17-20`, `D1/D8`, `d3-28`, `on the first day`.
///
/// A run stated as a range is one fact (`D1..D5`). Days in a sentence about assessments and not dosing are
/// timepoints (`Assessments will be done on Day 1, 2 and 3` → `P1D`, `P2D`, `P3D`), labelled as written.
/// A start window (`initiated between day+30 and day+100 after HCT`) gives no days.
public struct AdministrationDayRule: ExtractionRule {
    public static let id = "day.list"
    public static let kinds: [FactKind] = [.administrationDay]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("vincristine IV on days 1, 8, 15, and 22", [
            .init(.administrationDay, "D1", "days 1"), .init(.administrationDay, "D8", "8"),
            .init(.administrationDay, "D15", "15"), .init(.administrationDay, "D22", "22"),
        ]),
        RuleExample("dex 40 mg/d PO D1-4, 9-12, 17-20", [
            .init(.administrationDay, "D1..D4", "D1-4"), .init(.administrationDay, "D9..D12", "9-12"),
            .init(.administrationDay, "D17..D20", "17-20"),
        ]),
        RuleExample("TBI 150cGy D-4, -3, -2, -1; infusion D0", [
            .init(.administrationDay, "D-4", "D-4"), .init(.administrationDay, "D-3", "-3"),
            .init(.administrationDay, "D-2", "-2"), .init(.administrationDay, "D-1", "-1"),
            .init(.administrationDay, "D0", "D0"),
        ]),
        RuleExample("a single infusion on day - 14 prior to transplant", [.init(.administrationDay, "D-14", "day - 14")]),
        RuleExample("prednisolone from day 1 to day 7", [.init(.administrationDay, "D1..D7", "day 1 to day 7")]),
        RuleExample("tapered to zero between Day 29 and 42", [.init(.administrationDay, "D29..D42", "between Day 29 and 42")]),
        RuleExample("GP chemotherapy D1/D8 Q3W", [.init(.administrationDay, "D1", "D1"), .init(.administrationDay, "D8", "D8")]),
        RuleExample("Cisplatinum 40 mg/m2 d 1 + d 8 Pemetrexed 500 mg/m2 d 1 q d 21", [
            .init(.administrationDay, "D1", "d 1"), .init(.administrationDay, "D8", "d 8"),
        ]),
        RuleExample("150 mg/m2 on the first day", [.init(.administrationDay, "D1", "the first day")]),
        RuleExample("on Days\n\n1 to 21 of a 21-day cycle", [.init(.administrationDay, "D1..D21", "Days\n\n1 to 21")]),
        RuleExample("initiated between day+30 and day+100 after HCT; a 28-day cycle", []),
        RuleExample("Patients with M3 bone marrow on day 29 or M2 or M3 bone marrow on day 43 are taken off study.", []),
        RuleExample(
            "Patients with stable mixed chimerism on day 56, and without evidence of GVHD, undergo DLI IV over 30 minutes on day 65.",
            [.init(.administrationDay, "D65", "day 65")]),
        RuleExample("G-CSF IV or SQ begins on day 10 and continues until blood counts recover.", [
            .init(.administrationDay, "D10", "day 10"),
        ]),
        RuleExample("Patients receive drug X on Cycle 1 Day 1 and Cycle 2 Day 8; C3D15", [
            .init(.administrationDay, "D1", "Day 1"), .init(.administrationDay, "D8", "Day 8"),
            .init(.administrationDay, "D15", "D15"),
        ]),
    ]

    static let ordinalDays = WordSet(["first", "second", "third", "fourth", "fifth", "sixth", "seventh"])
    static let outcomeNouns = WordSet([
        "mortality", "survival", "rate", "rates", "incidence", "risk", "death", "deaths", "response", "relapse",
    ])
    static let cycleWords = WordSet(["cycle", "cycles", "course", "courses"])
    static let startVerbs = WordSet(["initiated", "started", "start", "begin", "begins", "initiate", "commence", "starting"])

    public static let triggers = RuleTriggers(words: [
        "day", "days", "d", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    ])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard !text.isInExcludedSection(i), !facts.isClaimed(i, as: .day.union(.timepoint).union(.window)) else {
                continue
            }
            // `on the first day`
            if t.is(Self.ordinalDays), text.isWord(i + 1, "day"), text.isWord(i - 1, "the"), let n = text.ordinal(at: i) {
                emit(text, &facts, items: [DayItem(days: DayRange(n.value), tokens: (i - 1)..<(i + 2))], start: i - 1)
                i += 1
                continue
            }
            guard t.is(DayLists.dayWords) else { continue }
            // `28 days`, `30 day mortality`: a length, not a day; but `Cycle 1 Day 1` and `C1D1` name a day of
            // a numbered cycle.
            // (The `2` of `mg/m2 d 1` closes a unit.)
            if text.isNumber(i - 1) && !(text.tokens[i - 1].attached && text.isWord(i - 2, "m"))
                || (text.isSymbol(i - 1, "-") && text.isNumber(i - 2)),
                !text.isWord(i - 2, Self.cycleWords) && !text.isWord(i - 2, "c")
            {
                continue
            }
            var j = i + 1
            if text.matches(t, "d") {
                // `D1`, `d3-28`, `D-5`; a spaced `d 2, 9, 16` only in a list.
                // `75 mg/m2 d 1`, `d 1 + d 8`: spaced in telegraphic text after a dose.
                let afterDose = facts.isClaimed(i - 1, as: .dose) || text.isSymbol(i - 1, "+") || text.isSymbol(j + 1, "+")
                guard let n = text.at(j),
                    n.attached || text.isSymbol(j + 1, ",") || (n.isSymbol(UInt8(ascii: "-")) && n.attached)
                        || afterDose && n.isNumber
                else { continue }
                if text.isWord(i - 1, "cd", "vitamin") { continue }
            }
            if text.isSymbol(j, ":") { continue }
            guard text.isNumber(j) || text.isSymbol(j, "-") || text.isSymbol(j, "+") else { continue }
            var start = i
            if text.isWord(i - 1, "between") {
                start = i - 1
                if text.isWord(i - 2, Self.startVerbs) || text.isWord(i - 3, Self.startVerbs) {
                    // A start window: skip both ends.
                    if let a = text.signedInteger(at: text.isSymbol(j, "+") ? j + 1 : j), text.isWord(a.end, "and") {
                        var k = a.end + 1
                        if text.isWord(k, DayLists.dayWords) { k += 1 }
                        if text.isSymbol(k, "+") { k += 1 }
                        if let b = text.signedInteger(at: k) { i = b.end - 1 }
                    }
                    continue
                }
                if let a = text.signedInteger(at: j), text.isWord(a.end, "and") {
                    var k = a.end + 1
                    if text.isWord(k, DayLists.dayWords) { k += 1 }
                    if let b = text.signedInteger(at: k), b.value > a.value {
                        emit(text, &facts, items: [DayItem(days: DayRange(a.value, b.value), tokens: start..<b.end)], start: start)
                        i = b.end - 1
                        continue
                    }
                }
            }
            if text.isSymbol(j, "+"), text.isWord(i - 1, "between") || text.isWord(i - 2, "between") { continue }
            // `mortality at day 100`: an outcome's time, neither a dose nor a visit.
            if text.isWord(start - 1, "at"), text.isWord(start - 2, Self.outcomeNouns) { continue }
            guard var items = text.dayList(at: j, bare: false) else { continue }
            items[0].tokens = start..<items[0].tokens.upperBound
            emit(text, &facts, items: items, start: start)
            j = items.last!.tokens.upperBound
            i = j - 1
        }
    }

    private func emit(_ text: FieldText, _ facts: inout FactCollector, items: [DayItem], start: Int) {
        let timepoint = isAssessmentDay(start, text)
        var anchor: String?
        if timepoint, let last = items.last {
            let end = last.tokens.upperBound
            anchor = text.isWord(end, "of") && text.isWord(end + 1, Self.cycleWords) || text.isWord(end + 2, Self.cycleWords)
                ? "cycle-start" : text.anchorInSentence(of: start)
        }
        // The label spells `day` as the text does: `Day` after a capital, `D` where no `day` is written.
        let dayToken = text.isWord(start, "day", "days") ? start : (text.isWord(start + 1, "day", "days") ? start + 1 : nil)
        let dayWord = dayToken.map { text.tokens[$0].flags.contains(.capitalized) ? "Day" : "day" } ?? "D"
        for item in items {
            if timepoint, item.days.last == nil, item.days.first > 0 {
                let label = dayWord == "D" ? "D\(item.days.first)" : "\(dayWord) \(item.days.first)"
                facts.emit(
                    .timepoint, .duration(DurationRange(.days(Double(item.days.first)))), tokens: item.tokens,
                    rule: Self.id, label: label, anchor: anchor)
            } else {
                facts.emit(.administrationDay, .day(item.days), tokens: item.tokens, rule: Self.id)
            }
        }
        if let last = items.last { facts.claim(start..<last.tokens.upperBound, as: timepoint ? .timepoint : .day) }
    }

    /// Whether days at `start` are when something is assessed rather than given: `by day 7`,
    /// `Patients with persistent leukemia on day 21`, or a sentence about assessments, samples or follow-up
    /// with no dosing words.
    private func isAssessmentDay(_ start: Int, _ text: FieldText) -> Bool {
        if text.isWord(start - 1, "by") { return true }
        // `Visit 2 (Day 36)`: the day of a visit.
        if text.isSymbol(start - 1, "("), text.isWord(start - 3, "visit") || text.isWord(start - 2, "visit") { return true }
        // `Patients with M2 bone marrow on day 29`: a condition found on that day; the reach allows a second
        // finding joined to the first (`with M3 marrow on day 29 or M2 or M3 marrow on day 43`).
        var k = start - 1
        while text.isWord(start - 1, "on", "at"), k >= 0, start - k <= 24, text.sameSentence(k, start) {
            // A dosing word or a route (`undergo DLI IV over 30 minutes on day 65`) names what is given that day.
            if let w = text.at(k), w.isWord, w.tags.contains(.dosing) || text.route(at: k, fieldHasOtherInfusionRoute: false) != nil {
                break
            }
            if text.isWord(k, "with"), text.isWord(k - 1, "patients", "participants", "subjects", "those") { return true }
            k -= 1
        }
        let tags = text.sentence(of: start).tags
        guard !tags.contains(.dosing), !tags.isDisjoint(with: .assessment.union(.followUp).union(.specimen).union(.observation)) else {
            return false
        }
        // `G-CSF IV or SQ begins on day 10 and continues until blood counts recover`: a route names dosing.
        return !text.hasRoute(near: start)
    }

}
