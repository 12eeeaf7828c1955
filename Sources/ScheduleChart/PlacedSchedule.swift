import ScheduleModel

/// A schedule's items on study days, before they get positions: administrations with cycles unrolled,
/// timepoints placed from their anchors, periods dated where the schedule dates them.
struct PlacedSchedule: Sendable, Hashable {
    struct Intervention: Sendable, Hashable {
        let source: ProtocolIntervention
        let administrations: [Administration]
        let cycles: [Cycle]

        /// `mesenchymal stem cells: 1e8 {cells}/kg, intravenous, 5 administrations`.
        var label: String {
            var parts: [String] = []
            if !source.doses.isEmpty { parts.append(source.doses.map(\.description).joined(separator: " or ")) }
            if !source.routes.isEmpty { parts.append(source.routes.map(\.rawValue).joined(separator: " or ")) }
            if let count = source.administrationCount { parts.append("\(count) administration\(count.description == "1" ? "" : "s")") }
            if let cycles = source.cycles {
                let count = cycles.count.map { "\($0) cycle\($0.description == "1" ? "" : "s")" } ?? "cycles"
                parts.append(cycles.length.map { "\(count) of \($0)" } ?? count)
            }
            let name = source.name ?? "intervention"
            return parts.isEmpty ? name : "\(name): \(parts.joined(separator: ", "))"
        }
    }

    /// One administration on its study day; `number` counts over all cycles, from 1.
    struct Administration: Sendable, Hashable {
        let number: Int
        let cycle: Int?
        let day: Double
        let window: Window?
    }

    /// One cycle's days.
    struct Cycle: Sendable, Hashable {
        let number: Int
        let days: ClosedRange<Double>
    }

    struct Timepoint: Sendable, Hashable {
        /// The timepoint's position among the schedule's timepoints (drawn or not).
        let index: Int
        let source: ProtocolTimepoint
        let anchorDay: Double
        let day: Double

        var label: String { source.label ?? source.offset.description }
    }

    struct Period: Sendable, Hashable {
        let source: ProtocolPeriod
        let days: ClosedRange<Double>?
    }

    let interventions: [Intervention]
    /// The timepoints that could be placed.
    let timepoints: [Timepoint]
    /// Every timepoint of the schedule, placed or not.
    let statedTimepoints: [ProtocolTimepoint]
    let periods: [Period]
    /// The day of the last administration, from which `end-of-treatment` timepoints count.
    let endOfTreatment: Double?
    /// How the timepoints' anchors were placed, one sentence per anchor.
    let anchorNotes: [String]
    /// What could not be placed.
    let notes: [String]

    /// The most cycles unrolled; a longer course is drawn up to here and the note says how many are left.
    static let mostCycles = 24

    init(_ schedule: StudyProtocol) {
        var notes: [String] = []
        interventions = schedule.interventions.map { Self.place($0, notes: &notes) }
        let endOfTreatment = interventions.compactMap { $0.administrations.last?.day }.max()
        self.endOfTreatment = endOfTreatment

        var timepoints: [Timepoint] = []
        var anchorNotes: [String] = []
        for (index, point) in schedule.timepoints.enumerated() {
            let (anchorDay, explanation) = Self.anchorDay(point.anchor, interventions: interventions, endOfTreatment: endOfTreatment)
            guard let anchorDay else {
                notes.append("\(point.summary) is not drawn: \(explanation)")
                continue
            }
            if !anchorNotes.contains(explanation) { anchorNotes.append(explanation) }
            timepoints.append(Timepoint(index: index, source: point, anchorDay: anchorDay, day: anchorDay + ChartCalendar.days(point.offset)))
        }
        self.timepoints = timepoints
        statedTimepoints = schedule.timepoints
        self.anchorNotes = anchorNotes

        let followUpEnd = timepoints.filter { $0.source.anchor == .endOfTreatment }.map(\.day).max()
            ?? timepoints.map(\.day).max()
        periods = schedule.periods.map { period -> Period in
            switch period.kind {
            case .treatment: Period(source: period, days: endOfTreatment.map { 0...$0 })
            case .followUp:
                if let end = endOfTreatment, let last = followUpEnd, last > end { Period(source: period, days: end...last) }
                else { Period(source: period, days: nil) }
            default: Period(source: period, days: nil)
            }
        }
        self.notes = notes
    }

    /// The administrations of an intervention on study days, cycles unrolled.
    private static func place(_ intervention: ProtocolIntervention, notes: inout [String]) -> Intervention {
        let name = intervention.name ?? "the intervention"
        let perCycle = intervention.schedule
        guard let cycles = intervention.cycles else {
            if perCycle.isEmpty, let count = intervention.administrationCount {
                notes.append("\(name): \(count) administrations, on days the schedule does not state")
            }
            let administrations = perCycle.enumerated().map { Administration(number: $0.offset + 1, cycle: nil, day: Double($0.element.day), window: $0.element.window) }
            return Intervention(source: intervention, administrations: administrations, cycles: [])
        }
        var count = cycles.count?.lower ?? 1
        if let range = cycles.count, range.upper != nil { notes.append("\(name): \(range) cycles; \(range.lower) drawn") }
        if cycles.count == nil { notes.append("\(name): the number of cycles is not stated; one drawn") }
        guard let length = cycles.length else {
            notes.append("\(name): the cycle length is not stated; one cycle drawn")
            let administrations = perCycle.enumerated().map { Administration(number: $0.offset + 1, cycle: 1, day: Double($0.element.day), window: $0.element.window) }
            return Intervention(source: intervention, administrations: administrations, cycles: [])
        }
        if count > mostCycles {
            notes.append("\(name): \(count) cycles; the first \(mostCycles) drawn")
            count = mostCycles
        }
        let cycleDays = ChartCalendar.days(length)
        var administrations: [Administration] = []
        var spans: [Cycle] = []
        for cycle in 0..<count {
            let start = Double(cycle) * cycleDays
            spans.append(Cycle(number: cycle + 1, days: start...(start + cycleDays)))
            for administration in perCycle {
                administrations.append(
                    Administration(
                        number: administrations.count + 1, cycle: cycle + 1, day: start + Double(administration.day),
                        window: administration.window))
            }
        }
        return Intervention(source: intervention, administrations: administrations, cycles: spans)
    }

    /// The day an anchor falls on, and a sentence saying how it was placed (or why it could not be).
    static func anchorDay(
        _ anchor: TimepointAnchor?, interventions: [Intervention], endOfTreatment: Double?
    ) -> (Double?, String) {
        guard let anchor else { return (0, "without an anchor: from day 0") }
        if anchor.isStartOfDosing || anchor.rawValue == "cycle-start" {
            return (0, "from \(anchor): day 0")
        }
        if anchor == .endOfTreatment {
            guard let endOfTreatment else {
                return (nil, "the schedule gives no last administration for \(anchor) to count from")
            }
            return (endOfTreatment, "from end-of-treatment: the last administration, day \(ChartNumber.plain(endOfTreatment))")
        }
        let n = anchor.rawValue == "second-dose" ? 2 : anchor.rawValue.hasPrefix("dose-") ? Int(anchor.rawValue.dropFirst(5)) : nil
        if let n {
            guard let day = interventions.lazy.compactMap({ $0.administrations.count >= n ? $0.administrations[n - 1].day : nil }).first else {
                return (nil, "the schedule has no administration \(n) for \(anchor) to count from")
            }
            return (day, "from \(anchor): administration \(n), day \(ChartNumber.plain(day))")
        }
        return (0, "from \(anchor): not a day of the schedule, taken as day 0")
    }
}
