import ScheduleModel

/// Reads assessment times given as an offset: `2 weeks after completion of treatment`,
/// `28 days after the second vaccination`, `2 days after starting treatment`, `at 6 and 12 months`,
/// `at 12 weeks`, `following 2 and 4 weeks of treatment`, `13 (± 1week) weeks after the first dose`.
/// The label is the offset as written; the anchor what it counts from.
///
/// Offsets that start dosing are not assessments (`will begin 8 weeks after starting study drug`,
/// `initiated no later than 8 weeks after TUR-BT`), nor are ages (`at 18 years of age`).
public struct TimepointAfterAnchorRule: ExtractionRule {
    static let possessives = WordSet(["your", "the", "their", "his", "her"])
    public static let id = "timepoint.offset"
    public static let kinds: [FactKind] = [.timepoint]
    public init() {}
    /// An offset starting at a number needs an anchor after it, which starts with one of
    /// `Anchors.introducerList`.
    public static let triggers = RuleTriggers(
        words: ["at", "following", "after"], numbers: true, numbersNeedOneOf: Anchors.introducerList)

    public static let examples: [RuleExample] = [
        RuleExample(
            "A follow up visit will be performed 2 weeks after completion of treatment",
            [.init(.timepoint, "P2W", "2 weeks after completion of treatment", label: "2 weeks", anchor: "end-of-treatment")]),
        RuleExample(
            "from the first vaccination to 28 days after the second vaccination",
            [.init(.timepoint, "P28D", "28 days after the second vaccination", label: "28 days", anchor: "second-dose")]),
        RuleExample("Patients are followed at 9 months and 12 months", [
            .init(.timepoint, "P9M", "9 months", label: "9 months"),
            .init(.timepoint, "P12M", "12 months", label: "12 months"),
        ]),
        RuleExample("ctDNA at baseline, following 2 and 4 weeks of treatment to evaluate for clearance", [
            .init(.timepoint, "P2W", "2", label: "2 weeks", anchor: "start-of-treatment"),
            .init(.timepoint, "P4W", "4 weeks of treatment", label: "4 weeks", anchor: "start-of-treatment"),
        ]),
        RuleExample("a maximal TURBT performed at 13 (± 1week) weeks after the first dose of trial drug", [
            .init(.timepoint, "P13W", "13 (± 1week) weeks after the first dose", label: "13 weeks", anchor: "first-dose"),
        ]),
        RuleExample("a cost-utility analysis of SBRT, 3 years after treatment.", [
            .init(.timepoint, "P3Y", "3 years after treatment", label: "3 years", anchor: "end-of-treatment"),
        ]),
        RuleExample("OIT will begin 8 weeks after starting study drug; adults at 18 years of age", []),
        // NCT05365724 (json-classic); NCT01841593 (xml-legacy).
        RuleExample(
            "The change in neutralizing antibody level at 28 days after the second dose was used to determine whether to receive a further booster dose",
            [.init(.timepoint, "P28D", "28 days after the second dose", label: "28 days", anchor: "second-dose")]),
        RuleExample("trough concentration 12 hours after dose in the absence, and presence, of amlodipine", [
            .init(.timepoint, "PT12H", "12 hours after dose", label: "12 hours", anchor: "administration"),
        ]),
        RuleExample("SF-36 General Health Survey before treatment initiation and after 3, 6 and 52 weeks.", [
            .init(.timepoint, "P3W", "3", label: "3 weeks"), .init(.timepoint, "P6W", "6", label: "6 weeks"),
            .init(.timepoint, "P52W", "52 weeks", label: "52 weeks"),
        ]),
        RuleExample("All subjects will be evaluated at 1.5-, 3-, 12-months post-t0 examination", [
            .init(.timepoint, "P1.5M", "1.5", label: "1.5 months"), .init(.timepoint, "P3M", "3", label: "3 months"),
            .init(.timepoint, "P12M", "12-months", label: "12 months"),
        ]),
        RuleExample("Crossover to the alternate treatment allowed after 3 months.", []),
        RuleExample("Telephone calls from nurse after two and 6 week. A follow-up visit by neurologist after 3 months.", [
            .init(.timepoint, "P2W", "two", label: "2 weeks"), .init(.timepoint, "P6W", "6 week", label: "6 weeks"),
            .init(.timepoint, "P3M", "3 months", label: "3 months"),
        ]),
        RuleExample("contacted by phone after approximately 2 week and 6 week after start of preventive medical treatment", [
            .init(.timepoint, "P2W", "2 week", label: "2 weeks", anchor: "start-of-treatment"),
            .init(
                .timepoint, "P6W", "6 week after start of preventive medical treatment", label: "6 weeks",
                anchor: "start-of-treatment"),
        ]),
        RuleExample("Reassessment will be completed at 6, 12, 26 and 52 weeks.", [
            .init(.timepoint, "P6W", "6", label: "6 weeks"), .init(.timepoint, "P12W", "12", label: "12 weeks"),
            .init(.timepoint, "P26W", "26", label: "26 weeks"), .init(.timepoint, "P52W", "52 weeks", label: "52 weeks"),
        ]),
        RuleExample("Surgery is performed 4-8 weeks after the completion of radiotherapy.", []),
        RuleExample("Blood samples will be collected at 2, 4 and 24 hours after administration.", [
            .init(.timepoint, "PT2H", "2", label: "2 hours", anchor: "administration"),
            .init(.timepoint, "PT4H", "4", label: "4 hours", anchor: "administration"),
            .init(.timepoint, "PT24H", "24 hours after administration", label: "24 hours", anchor: "administration"),
        ]),
        RuleExample("Patients will be evaluated 28 days after administration of the vaccine.", [
            .init(.timepoint, "P28D", "28 days after administration", label: "28 days", anchor: "administration"),
        ]),
    ]

    static let startVerbs = WordSet([
        "begin", "begins", "start", "starts", "started", "initiated", "initiate", "commence", "commenced",
        "begun", "administered", "given", "receive", "take", "resume", "resumed", "beginning", "starting",
        "initiating", "commencing",
    ])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var scratch = OffsetLists()
        // Read once, not at every trigger.
        let introducers = Self.introducers
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard t.isNumeric || t.is(introducers), !text.isInExcludedSection(i),
                !facts.isClaimed(i, as: .timepoint.union(.window).union(.interval))
            else { continue }
            // `at 6 and 12 months`, `following 2 and 4 weeks of treatment`, `after your 12 weeks of treatment`
            if t.is(introducers) {
                var j = i + 1
                if text.isWord(j, Self.possessives) || text.isWord(j, "approximately", "about", "around") { j += 1 }
                guard text.at(j)?.isNumeric == true else { continue }
                guard offsets(at: j, text, &scratch) else { continue }
                let items = scratch.items
                let aboutAssessment = isAboutAssessment(i, text) || namesMeasurement(i, text)
                let end = items.last!.tokens.upperBound
                // `at 2 to 8 week intervals` is a spacing, not a time.
                if text.isWord(end, "interval", "intervals") { continue }
                var anchor = text.anchor(at: end)
                if anchor == nil, aboutAssessment, text.isWord(end, "of"), text.isWord(end + 1, "treatment", "therapy", "dosing") {
                    anchor = Parsed("start-of-treatment", end: end + 2)
                }
                guard aboutAssessment || (anchor.map { Self.doseAnchors.contains($0.value) && !isDosingTime(i, $0.end, text) } ?? false)
                else { continue }
                if anchor == nil {
                    // `at 18 years of age`, `relapse rate at one year`; `after 3, 6, 12, 24 and 52 weeks` lists the
                    // times of an assessment, but `crossover allowed after 3 months` is not one.
                    let listed = text.matches(t, "after") && (items.count >= 2 || isVisit(i, text))
                    guard text.matches(t, "at") || listed, !text.isWord(end, "of", "old"),
                        !text.isWord(i - 1, Self.outcomeNouns)
                    else {
                        continue
                    }
                }
                if isStartOfDosing(i, text) { continue }
                emit(items, anchor: anchor, text, &facts)
                i = (anchor?.end ?? end) - 1
                continue
            }
            // `2 weeks after completion of treatment`, `20min, 40min, 1hr after extract administration`
            guard t.isNumeric, mayStartOffset(i, text), offsets(at: i, text, &scratch) else { continue }
            let items = scratch.items
            var end = items.last!.tokens.upperBound
            // `Five weeks (+/- 7 days) after initiation of therapy`: a window before the anchor.
            if text.isSymbol(end, "("), text.at(end + 1)?.isPlusMinus == true {
                var k = end + 1
                while k < text.count, k - end < 6, !text.isSymbol(k, ")") { k += 1 }
                if text.isSymbol(k, ")") { end = k + 1 }
            }
            guard let anchor = text.anchor(at: end) else {
                i = end - 1
                continue
            }
            guard !isStartOfDosing(i, text), !isSpan(i, text),
                !startsOtherTreatment(i, anchorEnd: anchor.end, text) || namesAssessment(i, text),
                isAboutAssessment(i, text) || namesMeasurement(i, text)
                    || Self.doseAnchors.contains(anchor.value) && !isDosingTime(i, anchor.end, text)
            else {
                i = end - 1
                continue
            }
            emit(items, anchor: anchor, text, &facts)
            i = anchor.end - 1
        }
    }

    /// A visit or contact in the sentence: `a follow-up visit by neurologist after 3 months`.
    private func isVisit(_ i: Int, _ text: FieldText) -> Bool {
        if text.sentence(of: i).tags.contains(.followUp) { return true }
        for k in text.window(around: i) where text.isWord(k, "visit", "visits", "contact") || text.isWord(k, "contacted", "call", "calls") {
            return true
        }
        return false
    }

    /// A measured quantity named near an offset, which makes it the time of a measurement though no verb
    /// says so: `neutralizing antibody level at 28 days after the second dose`, `Antibody titers 7 days after
    /// administration`. Not `dose levels`, nor a preparation's `concentration of 5 mg/mL`.
    private func namesMeasurement(_ i: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 6) where text.isWord(k, Self.measuredQuantities) {
            if text.isWord(k - 1, "dose", "dosing") || text.isWord(k + 1, "of") { continue }
            return true
        }
        return false
    }

    static let measuredQuantities = WordSet([
        "level", "levels", "titer", "titers", "titre", "titres", "concentration", "concentrations",
    ])

    private func isAboutAssessment(_ i: Int, _ text: FieldText) -> Bool {
        !text.sentence(of: i).tags.isDisjoint(with: .assessment.union(.followUp).union(.observation).union(.specimen))
    }

    /// A cheap look at the next token: a unit, a range or list, or a window follows a number that starts an
    /// offset.
    @inline(__always) private func mayStartOffset(_ i: Int, _ text: FieldText) -> Bool {
        guard let n = text.at(i + 1) else { return false }
        if n.kind == .word { return n.timeUnit != 0 || n.shortTimeUnit != 0 || n.numberWord != 0 || text.isWord(i + 1, "and", "or", "to") }
        if n.kind == .symbol { return n.isPlusMinus || n.isSymbol(UInt8(ascii: "-")) || n.isSymbol(UInt8(ascii: "(")) || n.isSymbol(UInt8(ascii: ",")) }
        return false
    }

    private func emit(_ items: [Offset], anchor: Parsed<String>?, _ text: FieldText, _ facts: inout FactCollector) {
        for (k, item) in items.enumerated() {
            let last = k == items.count - 1
            let tokens = last ? item.tokens.lowerBound..<(anchor?.end ?? item.tokens.upperBound) : item.tokens
            facts.emit(
                .timepoint, .duration(item.duration), tokens: tokens, rule: Self.id, label: label(of: item, text),
                anchor: anchor?.value)
            facts.claim(item.tokens, as: .timepoint)
        }
    }

    static let introducers = WordSet(["at", "following", "after"])
    static let spanWords = WordSet(["for", "within", "than", "least", "first", "during", "over", "throughout"])
    static let spanNouns = WordSet(["total", "period", "duration", "maximum", "minimum"])
    /// Anchors that make an offset a timepoint even in a sentence that names no assessment. An offset from a
    /// single administration is a time only when something is assessed then (`30 minutes after infusion,
    /// docetaxel` starts the next agent).
    static let doseAnchors: Set<String> = ["first-dose", "second-dose", "end-of-treatment", "start-of-treatment"]
    static let outcomeNouns = WordSet([
        "rate", "rates", "survival", "mortality", "incidence", "risk", "probability", "proportion", "percentage",
    ])

    /// An offset found in the text; its label is written only when it is emitted, as most offsets found are
    /// not timepoints.
    private struct Offset {
        var duration: DurationRange
        var tokens: Range<Int>
    }

    /// The label of an offset: `6 months` as the value reads, or a range as written (`20-24hr`).
    private func label(of item: Offset, _ text: FieldText) -> String {
        let d = item.duration
        return d.upper == nil ? "\(plainNumber(d.lower.amount)) \(unitName(d.lower))" : text.folded(item.tokens)
    }

    /// The lists `offsets(at:_:_:)` fills, kept for a whole field so that reading an offset allocates nothing.
    private struct OffsetLists {
        /// Numbers waiting for their unit.
        var numbers: [(Double, Range<Int>)] = []
        var items: [Offset] = []
    }

    /// `6 and 12 months`, `9 months and 12 months`, `12 weeks`, `10min, 3hr, 5hr`: whether offsets start at `i`,
    /// which are then `lists.items`.
    private func offsets(at i: Int, _ text: FieldText, _ lists: inout OffsetLists) -> Bool {
        lists.numbers.empty()
        lists.items.empty()
        var j = i
        while j < text.count, j - i < 30 {
            if let d = offsetDuration(at: j, text) {
                // Numbers waiting for this unit: `6 and 12 months`.
                for (n, r) in lists.numbers {
                    let dur = ISODuration(n, d.value.lower.unit)
                    lists.items.append(Offset(duration: DurationRange(dur), tokens: r))
                }
                lists.numbers.empty()
                lists.items.append(Offset(duration: d.value, tokens: j..<d.end))
                j = d.end
            } else if let n = text.number(at: j), n.value > 0 {
                lists.numbers.append((n.value, j..<n.end))
                j = n.end
            } else {
                break
            }
            var k = j
            // `1.5-, 3-, 6- and 12-months`: each number's hyphen waits for the unit.
            if text.isSymbol(k, "-"), text.tokens[k].attached, !lists.numbers.isEmpty, !text.isNumber(k + 1) { k += 1 }
            if text.isSymbol(k, ",") { k += 1 }
            if text.isWord(k, "and", "or") { k += 1 }
            guard k > j, text.at(k)?.isNumeric == true else { break }
            j = k
        }
        return lists.numbers.isEmpty && !lists.items.isEmpty
    }

    /// A duration or a range, allowing a window between the number and its unit: `20-24hr`,
    /// `13 (± 1week) weeks`, `14 ±4 days`.
    private func offsetDuration(at i: Int, _ text: FieldText) -> Parsed<DurationRange>? {
        if let d = text.durationRange(at: i) {
            guard d.value.lower.amount > 0 else { return nil }
            return d
        }
        guard let n = text.at(i), n.isNumber, n.value > 0 else { return nil }
        var j = i + 1
        if text.isSymbol(j, "(") {
            var k = j + 1
            while k < text.count, k - j < 6, !text.isSymbol(k, ")") { k += 1 }
            guard text.isSymbol(k, ")"), text.at(j + 1)?.isPlusMinus == true else { return nil }
            j = k + 1
        } else if text.at(j)?.isPlusMinus == true, let w = text.number(at: j + 1) {
            j = w.end
        } else {
            return nil
        }
        guard let u = text.timeUnit(at: j) else { return nil }
        return Parsed(DurationRange(ISODuration(n.value, u)), end: j + 1)
    }

    private func unitName(_ d: ISODuration) -> String {
        let one = d.amount == 1
        switch d.unit {
        case .minute: return one ? "minute" : "minutes"
        case .hour: return one ? "hour" : "hours"
        case .day: return one ? "day" : "days"
        case .week: return one ? "week" : "weeks"
        case .month: return one ? "month" : "months"
        case .year: return one ? "year" : "years"
        }
    }

    /// Whether the offset says when another treatment starts: `Surgery is performed 4-8 weeks after the
    /// completion of radiotherapy`, `4 weeks after chemotherapy, patients undergo resection`.
    private func startsOtherTreatment(_ i: Int, anchorEnd: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 12) where k < i || k >= anchorEnd {
            if text.isWord(k, IntervalAfterAdministrationRule.otherTreatments) || text.isWord(k, "undergo", "undergoes") {
                return true
            }
        }
        return false
    }

    /// An assessment named near an offset that also names another treatment: `MRI scans 24 hours before
    /// surgery, 24 hours after surgery`.
    private func namesAssessment(_ i: Int, _ text: FieldText) -> Bool {
        for k in text.window(around: i, radius: 60) {
            guard let t = text.at(k), t.isWord, !t.tags.isDisjoint(with: .assessment.union(.specimen)) else { continue }
            if !text.isWord(k, "performed", "performing") { return true }
        }
        return false
    }

    /// Whether the offset says when dosing starts: `will begin 8 weeks after`, `initiated no later than`.
    /// An offset that bounds a span rather than naming a time: `for 24 months from initiation`, `within 28
    /// days after`, `during the 72 hours from admission`, `prior to 270 days from the start`, `a total of 24
    /// months from`.
    private func isSpan(_ i: Int, _ text: FieldText) -> Bool {
        // `every 3 months after treatment` is a rate (`FrequencyEveryNRule`).
        if text.isWord(i - 1, Self.spanWords) || text.isWord(i - 1, "every") { return true }
        if text.isWord(i - 1, "the"), text.isWord(i - 2, Self.spanWords) { return true }
        if text.isWord(i - 1, "to"), text.isWord(i - 2, "prior", "up") { return true }
        return text.isWord(i - 1, "of") && text.isWord(i - 2, Self.spanNouns)
    }

    /// In a sentence about dosing, an offset when a dose is given: `leucovorin rescue at 42, 48 and 54 hours
    /// after initiation of MTX infusion`, `At 2 weeks following completion of induction chemotherapy,
    /// patients receive vinorelbine`.
    private func isDosingTime(_ i: Int, _ anchorEnd: Int, _ text: FieldText) -> Bool {
        // `from the first vaccination to 28 days after the second vaccination`: the end of a period the
        // sentence observes, not a dose.
        if text.isWord(i - 1, "to") {
            for k in max(0, i - 12)..<(i - 1) where text.sameSentence(k, i) && text.isWord(k, "from") { return false }
        }
        var k = i - 1
        while k >= 0, i - k <= 16, text.sameSentence(k, i) {
            if let t = text.at(k), t.isWord, t.tags.contains(.dosing) || t.is(Self.startVerbs) { return true }
            k -= 1
        }
        k = anchorEnd
        while k < text.count, k - anchorEnd < 8, text.sameSentence(k, i) {
            if text.isWord(k, Self.startVerbs) { return true }
            k += 1
        }
        return false
    }

    private func isStartOfDosing(_ i: Int, _ text: FieldText) -> Bool {
        var k = i - 1
        while k >= 0, i - k <= 5, text.sameSentence(k, i) {
            if text.isWord(k, Self.startVerbs) { return true }
            k -= 1
        }
        return false
    }
}
