import ScheduleModel

/// Lays schedules out on a time axis: the pure step between a `StudyProtocol` and a drawing.
///
/// Each administration stands at its nominal day (cycles unrolled) with its window as a band; timepoints
/// stand at their offset from their anchor (`end-of-treatment` is the last administration); the treatment
/// period spans the administrations and the follow-up period runs from the last administration to the
/// last timepoint counted from it. Periods the schedule gives no days for (screening, baseline) stand, in
/// their order, in an undated zone before day 0 (or after the last day, for those that come later). With
/// two schedules, the promised one is laid out above the stated one on one axis, and every mark that
/// differs carries the numbers of its differences.
public struct TimelineLayout: Sendable {
    /// A schedule to draw, with the lane's title and what was left out of it.
    public struct Schedule: Sendable {
        public let title: String
        public let schedule: StudyProtocol
        public let notes: [String]

        public init(title: String, schedule: StudyProtocol, notes: [String] = []) {
            self.title = title
            self.schedule = schedule
            self.notes = notes
        }
    }

    public let geometry: TimelineGeometry

    public init(geometry: TimelineGeometry = .svg) {
        self.geometry = geometry
    }

    /// One schedule on its own.
    public func layout(title: String, _ stated: Schedule) -> Timeline {
        layout(title: title, lanes: [stated], differences: nil)
    }

    /// The promised schedule above the stated one, with their differences marked.
    public func layout(title: String, promised: Schedule, stated: Schedule) -> Timeline {
        let differences = ScheduleDifferences(promised: PlacedSchedule(promised.schedule), stated: PlacedSchedule(stated.schedule))
        return layout(title: title, lanes: [promised, stated], differences: differences)
    }

    private func layout(title: String, lanes: [Schedule], differences: ScheduleDifferences?) -> Timeline {
        let placed = lanes.map { PlacedSchedule($0.schedule) }
        let sides: [ScheduleDifferences.Side] = lanes.count == 2 ? [.promised, .stated] : [.stated]
        let g = geometry

        let undated = placed.flatMap { $0.periods.filter { $0.days == nil } }
        let hasBefore = undated.contains { $0.source.kind.typicalOrder < PeriodKind.treatment.typicalOrder }
        let hasAfter = undated.contains { $0.source.kind.typicalOrder >= PeriodKind.treatment.typicalOrder }
        var axisFrom = g.marginLeft, axisTo = g.width - g.marginRight
        var zones: [ClosedRange<Double>] = []
        var beforeZone: ClosedRange<Double>?, afterZone: ClosedRange<Double>?
        if hasBefore {
            beforeZone = axisFrom...(axisFrom + g.undatedZoneWidth)
            axisFrom += g.undatedZoneWidth + g.zoneGap
        }
        if hasAfter {
            afterZone = (axisTo - g.undatedZoneWidth)...axisTo
            axisTo -= g.undatedZoneWidth + g.zoneGap
        }
        zones = [beforeZone, afterZone].compactMap { $0 }

        let scale = Self.scale(for: placed, from: axisFrom + 2 * g.characterWidth, to: axisTo - 2 * g.characterWidth)
        var y = g.top
        var timelineLanes: [Timeline.Lane] = []
        for (k, lane) in placed.enumerated() {
            let side = sides[k]
            func numbers(_ item: ScheduleDifferences.Item) -> [Int] { differences?.numbers(side, item) ?? [] }
            let top = y
            y += g.laneTitleHeight
            var rows: [Timeline.Row] = []

            for (i, intervention) in lane.interventions.enumerated() {
                let labels = intervention.administrations.map { a in
                    ChartNumber.plain(a.day) + (a.window.map { " " + Self.shortWindow($0) } ?? "")
                }
                let levels = Self.labelLevels(centres: intervention.administrations.map { scale.x($0.day) }, labels: labels, characterWidth: g.characterWidth)
                let marks = intervention.administrations.enumerated().map { j, a in
                    AdministrationMark(
                        number: a.number, cycle: a.cycle, day: a.day, x: scale.x(a.day), window: a.window,
                        band: a.window.map { Band(fromX: scale.x(a.day - ChartCalendar.days($0.early)), toX: scale.x(a.day + ChartCalendar.days($0.late))) },
                        label: labels[j], labelLevel: levels[j],
                        differences: numbers(.administration(intervention: i, number: a.number)))
                }
                rows.append(row(.intervention, intervention.label, &y, levels: levels, administrations: marks, differences: numbers(.intervention(i))))
                if !intervention.cycles.isEmpty {
                    let spans = intervention.cycles.map { c in
                        SpanMark(label: "cycle \(c.number)", days: c.days, band: Band(fromX: scale.x(c.days.lowerBound), toX: scale.x(c.days.upperBound)), differences: [])
                    }
                    rows.append(row(.cycles, "\(intervention.source.name ?? "intervention"): cycles", &y, levels: [], spans: spans))
                }
            }

            if !lane.timepoints.isEmpty {
                let labels = lane.timepoints.map { t in t.label + (t.source.window.map { " " + Self.shortWindow($0) } ?? "") }
                let levels = Self.labelLevels(centres: lane.timepoints.map { scale.x($0.day) }, labels: labels, characterWidth: g.characterWidth)
                let marks = lane.timepoints.enumerated().map { j, t in
                    TimepointMark(
                        label: labels[j], offset: t.source.offset, anchor: t.source.anchor, anchorDay: t.anchorDay, day: t.day,
                        x: scale.x(t.day), window: t.source.window,
                        band: t.source.window.map { Band(fromX: scale.x(t.day - ChartCalendar.days($0.early)), toX: scale.x(t.day + ChartCalendar.days($0.late))) },
                        labelLevel: levels[j], differences: numbers(.timepoint(t.index)))
                }
                rows.append(row(.timepoints, "timepoints (" + lane.anchorNotes.joined(separator: "; ") + ")", &y, levels: levels, timepoints: marks))
            }

            if !lane.periods.isEmpty {
                let before = lane.periods.indices.filter { lane.periods[$0].days == nil && lane.periods[$0].source.kind.typicalOrder < PeriodKind.treatment.typicalOrder }
                let after = lane.periods.indices.filter { lane.periods[$0].days == nil && !before.contains($0) }
                let spans = lane.periods.enumerated().map { j, period -> SpanMark in
                    let band: Band
                    if let days = period.days {
                        band = Band(fromX: scale.x(days.lowerBound), toX: scale.x(days.upperBound))
                    } else {
                        let (zone, order) = before.contains(j) ? (beforeZone!, before) : (afterZone!, after)
                        let share = (zone.upperBound - zone.lowerBound) / Double(order.count)
                        let slot = Double(order.firstIndex(of: j)!)
                        band = Band(fromX: zone.lowerBound + slot * share, toX: zone.lowerBound + (slot + 1) * share)
                    }
                    return SpanMark(label: period.source.summary, days: period.days, band: band, differences: numbers(.period(j)))
                }
                rows.append(row(.periods, "periods", &y, levels: [], spans: spans))
            }
            timelineLanes.append(Timeline.Lane(title: lanes[k].title, top: top, rows: rows, notes: lanes[k].notes + lane.notes))
            y += g.rowGap
        }

        let axisY = y + g.trackHeight / 2
        let ticks = scale.ticks(minimumGap: g.tickGap)
        return Timeline(
            title: title, summary: zip(lanes, placed).map { Self.summary($0.title, $1) }, geometry: g,
            height: axisY + 3 * g.labelLineHeight, scale: scale, ticks: ticks, axisY: axisY, plotTop: g.top,
            lanes: timelineLanes, undatedZones: zones, legend: Self.legend(scale: scale, zones: !zones.isEmpty),
            differences: (differences?.texts ?? []).enumerated().map { Timeline.Difference(number: $0.offset + 1, text: $0.element) })
    }

    /// A row under its label, its label lines above its track; advances `y` past it.
    private func row(
        _ kind: Timeline.Row.Kind, _ label: String, _ y: inout Double, levels: [Int],
        administrations: [AdministrationMark] = [], timepoints: [TimepointMark] = [], spans: [SpanMark] = [],
        differences: [Int] = []
    ) -> Timeline.Row {
        let g = geometry
        let labelY = y + g.rowLabelHeight * 0.7
        y += g.rowLabelHeight + Double((levels.max() ?? -1) + 1) * g.labelLineHeight
        let trackY = y + g.trackHeight / 2
        y += g.trackHeight + g.rowGap
        return Timeline.Row(
            kind: kind, label: label, labelY: labelY, trackY: trackY, administrations: administrations, timepoints: timepoints,
            spans: spans, differences: differences)
    }

    /// The scale spanning every placed day of every lane, windows included, magnifying the treatment.
    static func scale(for placed: [PlacedSchedule], from: Double, to: Double) -> TimeScale {
        var days: [Double] = [0]
        for lane in placed {
            for intervention in lane.interventions {
                for a in intervention.administrations {
                    days.append(a.day - (a.window.map { ChartCalendar.days($0.early) } ?? 0))
                    days.append(a.day + (a.window.map { ChartCalendar.days($0.late) } ?? 0))
                }
                days += intervention.cycles.map(\.days.upperBound)
            }
            for t in lane.timepoints {
                days.append(t.day - (t.source.window.map { ChartCalendar.days($0.early) } ?? 0))
                days.append(t.day + (t.source.window.map { ChartCalendar.days($0.late) } ?? 0))
            }
        }
        let ends = placed.compactMap(\.endOfTreatment).filter { $0 > 0 }
        return TimeScale(firstDay: days.min()!, lastDay: days.max()!, focusEnd: ends.max(), fromX: from, toX: to)
    }

    /// `±1`, `-2/+5`: a window in days, short enough for a mark's label.
    static func shortWindow(_ window: Window) -> String {
        let early = ChartNumber.plain(ChartCalendar.days(window.early)), late = ChartNumber.plain(ChartCalendar.days(window.late))
        return early == late ? "±\(early)" : "-\(early)/+\(late)"
    }

    /// The line each label goes on so that no two on one line overlap: the first line where it fits after
    /// the labels already there, at most `levels` lines (the last takes what does not fit).
    public static func labelLevels(centres: [Double], labels: [String], characterWidth: Double, levels: Int = 3) -> [Int] {
        var ends = [Double](repeating: -Double.infinity, count: levels)
        return zip(centres, labels).map { centre, label in
            let half = Double(label.count + 1) * characterWidth / 2
            let level = ends.firstIndex { $0 <= centre - half } ?? levels - 1
            ends[level] = centre + half
            return level
        }
    }

    /// `Stated by the record: mesenchymal stem cells: 5 administrations at days 0, 7 (±1 day), …`.
    static func summary(_ title: String, _ lane: PlacedSchedule) -> String {
        var parts: [String] = []
        for intervention in lane.interventions {
            let days = intervention.administrations.map { a in
                ChartNumber.plain(a.day) + (a.window.map { " (\(ChartCalendar.describe($0)))" } ?? "")
            }
            let count = intervention.administrations.count
            parts.append(
                "\(intervention.source.name ?? "intervention"): "
                    + (count == 0 ? "no days stated" : "\(count) administration\(count == 1 ? "" : "s") at day\(count == 1 ? "" : "s") \(days.joined(separator: ", "))"))
        }
        if !lane.timepoints.isEmpty {
            parts.append("timepoints " + lane.timepoints.map { "\($0.label) (day \(ChartNumber.plain($0.day)))" }.joined(separator: ", "))
        }
        if !lane.periods.isEmpty {
            parts.append(
                "periods " + lane.periods.map { p in
                    p.source.summary + (p.days.map { " (days \(ChartNumber.plain($0.lowerBound))–\(ChartNumber.plain($0.upperBound)))" } ?? "")
                }.joined(separator: ", "))
        }
        return "\(title): " + (parts.isEmpty ? "nothing to draw" : parts.joined(separator: "; ")) + "."
    }

    /// What the marks mean, and the conventions of the axis.
    static func legend(scale: TimeScale, zones: Bool) -> [String] {
        var lines = [
            "Day 0 is the first administration. Dot: an administration at its nominal day, labelled with its day and window; band: its window.",
            "Diamond: a timepoint, placed at its offset from its anchor. Bars: periods and cycles.",
            ChartCalendar.legend,
        ]
        if zones { lines.append("Hatched bars: periods the schedule gives no days for, in their order, outside the dated axis.") }
        if let day = scale.breakDay {
            let first = scale.segments[0].pixelsPerDay, second = scale.segments[1].pixelsPerDay
            lines.append(
                "The axis changes scale at day \(ChartNumber.plain(day)) (dotted line): days before it are drawn \(ChartNumber.coordinate(first / second)) times wider than days after it.")
        }
        return lines
    }
}
