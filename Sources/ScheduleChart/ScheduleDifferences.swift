import ScheduleModel

/// Where a promised schedule (a protocol file) and a stated one (a record's text) differ, item by item, so
/// that a chart can mark each disagreeing mark on both lanes.
///
/// Items are compared as the protocol rules compare them (`ctlint check --protocol`): interventions by
/// name (the same words, or one name containing the other; an unnamed intervention pairs with any),
/// doses and windows by `isEquivalent`, administrations by their number, timepoints by
/// `ProtocolTimepoint.matches` (the same length of time from the same anchor), periods by kind. What the
/// promised schedule states and the stated one does not is a difference; what the stated schedule adds is
/// one only where the promised schedule states something of that kind (a protocol promises only what it
/// states).
struct ScheduleDifferences: Sendable {
    enum Side: Sendable, Hashable { case promised, stated }

    /// The items a difference can be attached to.
    enum Item: Sendable, Hashable {
        case intervention(Int)
        case administration(intervention: Int, number: Int)
        /// A timepoint, by its position among the schedule's timepoints.
        case timepoint(Int)
        case period(Int)
    }

    private(set) var texts: [String] = []
    private var numbers: [Side: [Item: [Int]]] = [:]

    /// The differences attached to an item of one side, by number.
    func numbers(_ side: Side, _ item: Item) -> [Int] { numbers[side]?[item] ?? [] }

    init(promised: PlacedSchedule, stated: PlacedSchedule) {
        compareInterventions(promised, stated)
        compareTimepoints(promised, stated)
        comparePeriods(promised, stated)
    }

    private mutating func add(_ text: String, _ attachments: [(Side, Item)]) {
        texts.append(text)
        for (side, item) in attachments { numbers[side, default: [:]][item, default: []].append(texts.count) }
    }

    // MARK: Interventions

    /// `true` when two intervention names name the same thing.
    static func sameIntervention(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return true }
        guard let x = ScheduleBuilder.subjectKey(a), let y = ScheduleBuilder.subjectKey(b) else { return true }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        return " \(long) ".contains(" \(short) ")
    }

    private mutating func compareInterventions(_ promised: PlacedSchedule, _ stated: PlacedSchedule) {
        var unpaired = Array(stated.interventions.indices)
        for (p, intervention) in promised.interventions.enumerated() {
            let name = intervention.source.name ?? "the intervention"
            guard let k = unpaired.firstIndex(where: { Self.sameIntervention(intervention.source.name, stated.interventions[$0].source.name) }) else {
                add("\(name) is promised but the record states no schedule for it", [(.promised, .intervention(p))])
                continue
            }
            let s = unpaired.remove(at: k)
            compare(intervention, p, stated.interventions[s], s, name: name)
        }
        for s in unpaired where !promised.interventions.isEmpty {
            let name = stated.interventions[s].source.name ?? "an unnamed intervention"
            add("the record states a schedule for \(name), which the protocol does not name", [(.stated, .intervention(s))])
        }
    }

    private mutating func compare(_ a: PlacedSchedule.Intervention, _ p: Int, _ b: PlacedSchedule.Intervention, _ s: Int, name: String) {
        let row: [(Side, Item)] = [(.promised, .intervention(p)), (.stated, .intervention(s))]
        let (x, y) = (a.source, b.source)
        if !x.doses.isEmpty, !y.doses.isEmpty, !y.doses.allSatisfy({ d in x.doses.contains { $0.isEquivalent(to: d) } }) {
            add("\(name): dose \(Self.list(x.doses)) promised, \(Self.list(y.doses)) stated", row)
        }
        if !x.routes.isEmpty, !y.routes.isEmpty, Set(x.routes) != Set(y.routes) {
            add("\(name): route \(Self.list(x.routes.map(\.rawValue))) promised, \(Self.list(y.routes.map(\.rawValue))) stated", row)
        }
        if let m = x.administrationCount, let n = y.administrationCount, m != n {
            add("\(name): \(m) administrations promised, \(n) stated", row)
        }
        if let m = x.cycles, let n = y.cycles, m != n {
            add("\(name): cycles \(Self.describe(m)) promised, \(Self.describe(n)) stated", row)
        }
        guard !a.administrations.isEmpty else { return }
        guard !b.administrations.isEmpty else {
            add("\(name): administrations on days \(a.administrations.map { ChartNumber.plain($0.day) }.joined(separator: ", ")) promised, no days stated", row)
            return
        }
        for number in 1...max(a.administrations.count, b.administrations.count) {
            let promisedItem = (Side.promised, Item.administration(intervention: p, number: number))
            let statedItem = (Side.stated, Item.administration(intervention: s, number: number))
            guard number <= a.administrations.count else {
                add("\(name): administration \(number) (day \(ChartNumber.plain(b.administrations[number - 1].day))) is stated but not promised", [statedItem])
                continue
            }
            guard number <= b.administrations.count else {
                add("\(name): administration \(number) (day \(ChartNumber.plain(a.administrations[number - 1].day))) is promised but not stated", [promisedItem])
                continue
            }
            let (u, v) = (a.administrations[number - 1], b.administrations[number - 1])
            if u.day != v.day {
                add("\(name): administration \(number) on day \(ChartNumber.plain(u.day)) promised, day \(ChartNumber.plain(v.day)) stated", [promisedItem, statedItem])
            }
            if let w = u.window, let z = v.window, !w.isEquivalent(to: z) {
                add("\(name): administration \(number) window \(ChartCalendar.describe(w)) promised, \(ChartCalendar.describe(z)) stated", [promisedItem, statedItem])
            }
        }
    }

    // MARK: Timepoints and periods

    private mutating func compareTimepoints(_ promised: PlacedSchedule, _ stated: PlacedSchedule) {
        let (promisedPoints, statedPoints) = (promised.statedTimepoints, stated.statedTimepoints)
        var unmatched = Array(statedPoints.indices)
        for (p, point) in promisedPoints.enumerated() {
            guard let k = unmatched.firstIndex(where: { point.matches(offset: statedPoints[$0].offset, anchor: statedPoints[$0].anchor) }) else {
                add("timepoint \(point.summary) is promised but not stated", [(.promised, .timepoint(p))])
                continue
            }
            let s = unmatched.remove(at: k)
            if let w = point.window, let z = statedPoints[s].window, !w.isEquivalent(to: z) {
                add("timepoint \(point.label ?? point.offset.description): window \(ChartCalendar.describe(w)) promised, \(ChartCalendar.describe(z)) stated", [(.promised, .timepoint(p)), (.stated, .timepoint(s))])
            }
        }
        for s in unmatched where !promisedPoints.isEmpty {
            add("timepoint \(statedPoints[s].summary) is stated but not promised", [(.stated, .timepoint(s))])
        }
    }

    private mutating func comparePeriods(_ promised: PlacedSchedule, _ stated: PlacedSchedule) {
        for (p, period) in promised.periods.enumerated() {
            guard let s = stated.periods.firstIndex(where: { $0.source.kind == period.source.kind }) else {
                add("the \(period.source.kind.rawValue) period is promised but not stated", [(.promised, .period(p))])
                continue
            }
            let (u, v) = (period.source.visits, stated.periods[s].source.visits)
            if !u.isEmpty, !v.isEmpty, Set(u) != Set(v) {
                add("the \(period.source.kind.rawValue) period: visit \(Self.list(u)) promised, \(Self.list(v)) stated", [(.promised, .period(p)), (.stated, .period(s))])
            }
        }
        for (s, period) in stated.periods.enumerated()
        where !promised.periods.isEmpty && !promised.periods.contains(where: { $0.source.kind == period.source.kind }) {
            add("the \(period.source.kind.rawValue) period is stated but not promised", [(.stated, .period(s))])
        }
    }

    static func list<T: CustomStringConvertible>(_ values: [T]) -> String {
        values.map(\.description).joined(separator: " or ")
    }

    static func describe(_ cycles: Cycles) -> String {
        [cycles.count.map { "\($0) cycles" }, cycles.length.map { "of \($0)" }].compactMap { $0 }.joined(separator: " ")
    }
}
