import RegistryModel

/// Builds the schedule a record's facts imply, as a `StudyProtocol`: what `ctlint baseline` writes, and
/// what a timeline draws.
///
/// Facts are grouped into interventions by their subject: with at most one subject, every fact belongs to
/// the one intervention; with several, each subject is an intervention and the facts without a subject
/// form an unnamed one. For each intervention:
/// - doses and routes are the distinct ones stated; the number of administrations and the cycles' length and
///   number are the ones stated, when every statement agrees;
/// - the schedule comes from the first field that lays it out: its administration days (`D1`, `D8`, `D15`,
///   counted from the first), or else its intervals, placed by their `between` and filling the remaining
///   gaps in text order (the last interval stated fills all the gaps left), or else a rate (`every 2 weeks`)
///   stated in the same sentence as the number of administrations;
/// - a window qualifies the interval, day, rate or timepoint it follows in its sentence (or, with none
///   before it, the one it precedes), and is set on the administrations that one places.
///
/// Timepoints are the distinct offsets with their anchors, labels and windows; periods the named periods
/// with their visit codes; design the features stated. Where the facts disagree the first statement is
/// kept, and `notes` says what was left out.
public struct ScheduleBuilder: Sendable {
    public let facts: [Fact]
    /// The UTF-8 bytes of each field the facts were read from, for finding sentence ends between facts.
    private let texts: [FieldPath: [UInt8]]
    /// The facts of each field, by where they start.
    private let factsByField: [FieldPath: [Fact]]
    /// For each window, the fact it qualifies.
    private let qualifiedByWindow: [Fact: Fact]

    /// The longest run of days laid out one by one (`days 1-28` is 28 administrations).
    public static let longestDayRun = 100

    public init(facts: [Fact], texts: [FieldPath: String]) {
        self.facts = facts
        let texts = texts.mapValues { Array($0.utf8) }
        let factsByField = Dictionary(grouping: facts, by: \.field).mapValues {
            $0.sorted { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }
        }
        var qualified: [Fact: Fact] = [:]
        for window in facts where window.kind == .window {
            let candidates = (factsByField[window.field] ?? []).filter { Self.qualifiedKinds.contains($0.kind) }
            qualified[window] = Self.qualified(by: window, among: candidates, in: texts[window.field])
        }
        self.texts = texts
        self.factsByField = factsByField
        self.qualifiedByWindow = qualified
    }

    /// A builder for the facts of `study`'s schedule text fields.
    public init(facts: [Fact], study: Study) {
        var texts: [FieldPath: String] = [:]
        for field in study.scheduleTextFields { texts[field.path] = field.value }
        self.init(facts: facts, texts: texts)
    }

    /// The schedule the facts imply, and what was left out where they disagree.
    public struct Result: Sendable {
        public let schedule: StudyProtocol
        public let notes: [String]

        public init(schedule: StudyProtocol, notes: [String]) {
            self.schedule = schedule
            self.notes = notes
        }
    }

    /// Builds the schedule of the study with NCT id `study`.
    public func build(study: String?) -> Result {
        var notes: [String] = []
        let interventions = interventionGroups().map { intervention(named: $0.name, from: $0.facts, notes: &notes) }
        let schedule = StudyProtocol(
            study: study, design: distinct(facts.compactMap { if case .design(let d) = $0.value { d } else { nil } }),
            interventions: interventions.filter { !$0.isEmpty }, timepoints: timepoints(notes: &notes), periods: periods())
        return Result(schedule: schedule, notes: notes)
    }

    // MARK: - Clauses

    /// The kinds of fact a window can qualify.
    public static let qualifiedKinds: Set<FactKind> = [.interval, .administrationDay, .frequency, .timepoint]

    /// The interval, administration day, rate or timepoint a window qualifies: the nearest one before it in
    /// its sentence, or, with none, the nearest after it in its sentence.
    public func qualified(by window: Fact) -> Fact? { qualifiedByWindow[window] }

    private static func qualified(by window: Fact, among candidates: [Fact], in text: [UInt8]?) -> Fact? {
        let start = window.utf8Range.lowerBound
        if let before = candidates.last(where: { $0.utf8Range.lowerBound <= start }),
            sameSentence(text, from: min(before.utf8Range.upperBound, start), to: start)
        {
            return before
        }
        if let after = candidates.first(where: { $0.utf8Range.lowerBound > start }),
            sameSentence(text, from: window.utf8Range.upperBound, to: after.utf8Range.lowerBound)
        {
            return after
        }
        return nil
    }

    /// The windows that qualify `fact`.
    public func windows(of fact: Fact) -> [Fact] {
        (factsByField[fact.field] ?? []).filter { $0.kind == .window && qualifiedByWindow[$0] == fact }
    }

    /// The UTF-8 bytes of a field the facts were read from.
    public func utf8(of field: FieldPath) -> [UInt8]? { texts[field] }

    /// `true` when no sentence ends between byte offsets `from` and `to` of the field's value.
    public func sameSentence(_ field: FieldPath, from: Int, to: Int) -> Bool {
        Self.sameSentence(texts[field], from: from, to: to)
    }

    private static func sameSentence(_ utf8: [UInt8]?, from: Int, to: Int) -> Bool {
        guard from < to else { return true }
        guard let utf8, to <= utf8.count else { return false }
        for i in from..<to {
            switch utf8[i] {
            case UInt8(ascii: ";"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "?"), UInt8(ascii: "!"):
                return false
            case UInt8(ascii: "."):
                if i + 1 == utf8.count || utf8[i + 1] == UInt8(ascii: " ") { return false }
            default: continue
            }
        }
        return true
    }

    // MARK: - Interventions

    /// The kinds of fact that belong to one intervention rather than to the study.
    public static let interventionKinds: Set<FactKind> = [
        .dose, .administrationCount, .cycleCount, .cycleLength, .interval, .frequency, .window, .administrationDay,
        .route, .treatmentDuration,
    ]

    /// The facts of each intervention, by subject, in record order.
    public func interventionGroups() -> [(name: String?, facts: [Fact])] {
        let own = facts.filter { Self.interventionKinds.contains($0.kind) }
        let keys = own.map { $0.subject.flatMap(Self.subjectKey) }
        var order: [String] = []
        var names: [String: String] = [:]
        for (fact, key) in zip(own, keys) {
            guard let subject = fact.subject, let key, names[key] == nil else { continue }
            order.append(key)
            names[key] = subject
        }
        if order.count <= 1 {
            return own.isEmpty ? [] : [(order.first.flatMap { names[$0] }, own)]
        }
        var groups = order.map { key in (name: names[key], facts: zip(own, keys).filter { $0.1 == key }.map(\.0)) }
        let unnamed = zip(own, keys).filter { $0.1 == nil }.map(\.0)
        if !unnamed.isEmpty { groups.append((nil, unnamed)) }
        return groups
    }

    /// A subject compared without case or repeated spaces; `nil` when it is blank.
    public static func subjectKey(_ subject: String) -> String? {
        // Rules compare subjects pair by pair, so this runs often: ASCII subjects are folded byte by byte
        // (there `lowercased` is `A`–`Z` to `a`–`z`, and white space is space, tab and `\n` to `\r`).
        let ascii = subject.utf8.withContiguousStorageIfAvailable(asciiSubjectKey) ?? asciiSubjectKey(Array(subject.utf8))
        let key = ascii ?? subject.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return key.isEmpty ? nil : key
    }

    /// `subjectKey` of ASCII text, or `nil` when the text holds another byte.
    private static func asciiSubjectKey<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        var space = false
        for byte in bytes {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: " "), 0x09...0x0D:
                space = !key.isEmpty
            default:
                if space { key.append(UInt8(ascii: " ")) }
                space = false
                key.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private func intervention(named name: String?, from facts: [Fact], notes: inout [String]) -> ProtocolIntervention {
        var intervention = ProtocolIntervention(name: name)
        var doses: [Dose] = []
        for fact in facts {
            guard case .dose(let dose) = fact.value, !doses.contains(where: { $0.isEquivalent(to: dose) }) else { continue }
            doses.append(dose)
        }
        intervention.doses = doses
        intervention.routes = distinct(facts.compactMap { if case .route(let r) = $0.value { r } else { nil } })
        let who = name.map { " of \($0)" } ?? ""

        let counts = facts.filter { $0.kind == .administrationCount }
        intervention.administrations = agreed(counts, kind: "the number of administrations\(who)", notes: &notes).flatMap {
            if case .count(let c) = $0.value { c } else { nil }
        }
        let cycleLength = agreed(facts.filter { $0.kind == .cycleLength }, kind: "the cycle length\(who)", notes: &notes).flatMap {
            if case .duration(let d) = $0.value, d.upper == nil { d.lower } else { nil }
        }
        let cycleCount = agreed(facts.filter { $0.kind == .cycleCount }, kind: "the number of cycles\(who)", notes: &notes).flatMap {
            if case .count(let c) = $0.value { c } else { nil }
        }
        if cycleLength != nil || cycleCount != nil { intervention.cycles = Cycles(length: cycleLength, count: cycleCount) }

        intervention.schedule = schedule(of: facts, count: intervention.administrations, cycles: intervention.cycles, notes: &notes)
        if let (_, problem) = intervention.inconsistency {
            notes.append("the schedule\(who): \(problem)")
            intervention.schedule = []
        }
        return intervention
    }

    /// The first of `facts` when all of them agree; `nil`, with a note, when they do not.
    private func agreed(_ facts: [Fact], kind: String, notes: inout [String]) -> Fact? {
        guard let first = facts.first else { return nil }
        let others = facts.filter { !$0.value.isEquivalent(to: first.value) }
        guard others.isEmpty else {
            let stated = ([first] + others).map { "\($0.normalized) («\($0.text)»)" }
            notes.append("\(kind): the record states \(stated.dropLast().joined(separator: ", ")) and \(stated.last!)")
            return nil
        }
        return first
    }

    // MARK: - Schedule

    private func schedule(of facts: [Fact], count: CountRange?, cycles: Cycles?, notes: inout [String]) -> [Administration] {
        if let days = scheduleFromDays(facts, count: count, cycles: cycles, notes: &notes) { return days }
        guard let n = count, n.upper == nil, n.lower >= 2 else { return [] }
        if let placed = scheduleFromIntervals(facts, count: n.lower, notes: &notes) { return placed }
        return scheduleFromRate(facts, count: n.lower) ?? []
    }

    /// The administration days of the first field that states two or more (or one, in cycles).
    private func scheduleFromDays(_ facts: [Fact], count: CountRange?, cycles: Cycles?, notes: inout [String]) -> [Administration]? {
        guard let field = facts.first(where: { $0.kind == .administrationDay })?.field else { return nil }
        let dayFacts = facts.filter { $0.kind == .administrationDay && $0.field == field }
        var days: [Int: Fact] = [:]
        for fact in dayFacts {
            guard case .day(let range) = fact.value else { continue }
            let last = range.last ?? range.first
            guard last >= range.first, last - range.first < Self.longestDayRun else { return nil }
            for day in range.first...last where days[day] == nil { days[day] = fact }
        }
        let sorted = days.keys.sorted()
        guard let origin = sorted.first, sorted.count >= 2 || cycles != nil, sorted.count <= Self.longestDayRun else { return nil }
        if cycles == nil, let count, !count.contains(sorted.count) {
            notes.append("the schedule: the \(sorted.count) days stated do not make the \(count) administrations stated")
            return nil
        }
        return sorted.map { day in
            let fact = days[day]!
            // A window on a run of days is ambiguous between its days; it qualifies only a single day.
            let window = fact.value == .day(DayRange(day)) ? windows(of: fact).first.flatMap(\.window) : nil
            return Administration(day: day - origin, window: window)
        }
    }

    /// The administrations the intervals of the first field stating any place, when every gap is known.
    private func scheduleFromIntervals(_ facts: [Fact], count: Int, notes: inout [String]) -> [Administration]? {
        guard let field = facts.first(where: { $0.kind == .interval })?.field else { return nil }
        let intervals = facts.filter { $0.kind == .interval && $0.field == field }
        guard let placement = Self.placeIntervals(intervals, count: count) else {
            notes.append("the schedule: the intervals stated do not lay out \(count) administrations")
            return nil
        }
        var schedule = [Administration(day: 0)]
        for (gap, interval) in placement.enumerated() {
            guard let days = interval.exactDays else { return nil }
            schedule.append(Administration(day: schedule[gap].day + days, window: windows(of: interval).first.flatMap(\.window)))
        }
        return schedule
    }

    /// Which interval separates each pair of consecutive administrations (`count - 1` gaps): intervals with
    /// `between` take their gap, the others fill the remaining gaps in text order, the last filling all that
    /// are left. `nil` when a gap stays open or an interval names an administration beyond `count`.
    public static func placeIntervals(_ intervals: [Fact], count: Int) -> [Fact]? {
        guard count >= 2 else { return nil }
        var gaps = [Fact?](repeating: nil, count: count - 1)
        var unplaced: [Fact] = []
        for interval in intervals {
            guard let between = interval.between else {
                unplaced.append(interval)
                continue
            }
            guard between.count == 2, between[0] >= 1, between[1] == between[0] + 1, between[1] <= count else { return nil }
            if gaps[between[0] - 1] == nil { gaps[between[0] - 1] = interval }
        }
        let open = gaps.indices.filter { gaps[$0] == nil }
        guard !open.isEmpty else { return gaps.compactMap { $0 } }
        guard let last = unplaced.last else { return nil }
        for (k, gap) in open.enumerated() { gaps[gap] = k < unplaced.count ? unplaced[k] : last }
        return gaps.compactMap { $0 }
    }

    /// Administrations at a regular rate (`every 2 weeks`) stated in the same sentence as their number.
    private func scheduleFromRate(_ facts: [Fact], count: Int) -> [Administration]? {
        let counts = facts.filter { $0.kind == .administrationCount }
        for fact in facts where fact.kind == .frequency {
            guard case .frequency(let rate) = fact.value, rate.count == 1, rate.period.isExact,
                let step = Int(exactly: rate.period.days), step >= 1,
                counts.contains(where: { sameClause($0, fact) })
            else { continue }
            let window = windows(of: fact).first.flatMap(\.window)
            return (0..<count).map { Administration(day: $0 * step, window: $0 == 0 ? nil : window) }
        }
        return nil
    }

    /// `true` when two facts of one field lie in one sentence.
    private func sameClause(_ a: Fact, _ b: Fact) -> Bool {
        guard a.field == b.field else { return false }
        let (first, second) = a.utf8Range.lowerBound <= b.utf8Range.lowerBound ? (a, b) : (b, a)
        return sameSentence(a.field, from: min(first.utf8Range.upperBound, second.utf8Range.lowerBound), to: second.utf8Range.lowerBound)
    }

    // MARK: - Timepoints, periods

    private func timepoints(notes: inout [String]) -> [ProtocolTimepoint] {
        var timepoints: [ProtocolTimepoint] = []
        var groupOrder: [TimepointAnchor?] = []
        for fact in facts where fact.kind == .timepoint {
            guard case .duration(let range) = fact.value else { continue }
            guard range.upper == nil else {
                notes.append("the timepoint «\(fact.text)»: it is a range (\(range))")
                continue
            }
            var anchor: TimepointAnchor?
            if let word = fact.anchor {
                anchor = TimepointAnchor(rawValue: word)
                if anchor == nil { notes.append("the anchor of «\(fact.text)»: '\(word)' is not an anchor a protocol file names") }
            }
            let window = windows(of: fact).first.flatMap(\.window)
            if let k = timepoints.firstIndex(where: { $0.offset.isSameLength(as: range.lower) && ($0.anchor == anchor || anchor == nil || $0.anchor == nil) }) {
                if timepoints[k].anchor == nil, let anchor {
                    timepoints[k].anchor = anchor
                    if !groupOrder.contains(anchor) { groupOrder.append(anchor) }
                }
                if timepoints[k].label == nil { timepoints[k].label = fact.label }
                if timepoints[k].window == nil { timepoints[k].window = window }
                continue
            }
            if !groupOrder.contains(anchor) { groupOrder.append(anchor) }
            timepoints.append(ProtocolTimepoint(label: fact.label, offset: range.lower, anchor: anchor, window: window))
        }
        return timepoints.enumerated().sorted { a, b in
            let ga = groupOrder.firstIndex(of: a.element.anchor) ?? 0, gb = groupOrder.firstIndex(of: b.element.anchor) ?? 0
            if ga != gb { return ga < gb }
            if a.element.offset.days != b.element.offset.days { return a.element.offset.days < b.element.offset.days }
            return a.offset < b.offset
        }.map(\.element)
    }

    private func periods() -> [ProtocolPeriod] {
        var periods: [ProtocolPeriod] = []
        for fact in facts {
            guard case .period(let kind) = fact.value else { continue }
            var k = periods.firstIndex { $0.kind == kind }
            if k == nil {
                periods.append(ProtocolPeriod(kind: kind))
                k = periods.count - 1
            }
            if let label = fact.label, !periods[k!].visits.contains(label) { periods[k!].visits.append(label) }
        }
        return periods.enumerated().sorted { ($0.element.kind.typicalOrder, $0.offset) < ($1.element.kind.typicalOrder, $1.offset) }.map(\.element)
    }

    private func distinct<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        return values.filter { seen.insert($0).inserted }
    }
}

extension ProtocolIntervention {
    /// `true` when the intervention promises nothing.
    var isEmpty: Bool {
        doses.isEmpty && routes.isEmpty && administrations == nil && schedule.isEmpty && cycles == nil
    }
}

extension Fact {
    /// A window fact's window.
    public var window: Window? { if case .window(let w) = value { w } else { nil } }

    /// An interval's length in whole days, when it is one exact length.
    public var exactDays: Int? {
        guard case .duration(let range) = value, range.upper == nil, range.lower.isExact else { return nil }
        return Int(exactly: range.lower.days)
    }
}
