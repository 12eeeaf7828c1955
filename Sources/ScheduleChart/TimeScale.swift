/// Maps study days to horizontal positions, piecewise linearly.
///
/// A schedule whose follow-up is much longer than its treatment would squeeze the administrations into a
/// sliver of the axis; the scale then gives the treatment part a larger share of the width than its share
/// of the days, and changes scale at `breakDay`, which the chart marks.
public struct TimeScale: Sendable, Hashable {
    /// One linear piece: days `fromDay...toDay` drawn over `fromX...toX`.
    public struct Segment: Sendable, Hashable {
        public let fromDay: Double
        public let toDay: Double
        public let fromX: Double
        public let toX: Double

        /// Positions per day in this piece.
        public var pixelsPerDay: Double { toDay > fromDay ? (toX - fromX) / (toDay - fromDay) : 0 }
    }

    /// A labelled day on the axis.
    public struct Tick: Sendable, Hashable {
        public let day: Double
        public let x: Double
    }

    public let segments: [Segment]

    /// The day where the scale changes, when it does.
    public var breakDay: Double? { segments.count > 1 ? segments[1].fromDay : nil }

    /// The share of the width the first piece takes when the scale changes.
    public static let magnifiedShare = 0.4

    /// A scale drawing `firstDay...lastDay` over `fromX...toX`, magnifying `firstDay...focusEnd` when that
    /// part would otherwise take less than `magnifiedShare` of the width.
    public init(firstDay: Double, lastDay: Double, focusEnd: Double?, fromX: Double, toX: Double) {
        let lastDay = max(lastDay, firstDay + 1)
        let span = lastDay - firstDay
        if let focusEnd, focusEnd > firstDay, focusEnd < lastDay, (focusEnd - firstDay) / span < Self.magnifiedShare {
            let middle = fromX + (toX - fromX) * Self.magnifiedShare
            segments = [
                Segment(fromDay: firstDay, toDay: focusEnd, fromX: fromX, toX: middle),
                Segment(fromDay: focusEnd, toDay: lastDay, fromX: middle, toX: toX),
            ]
        } else {
            segments = [Segment(fromDay: firstDay, toDay: lastDay, fromX: fromX, toX: toX)]
        }
    }

    public var firstDay: Double { segments[0].fromDay }
    public var lastDay: Double { segments[segments.count - 1].toDay }
    public var fromX: Double { segments[0].fromX }
    public var toX: Double { segments[segments.count - 1].toX }

    /// The position of `day`; days outside the scale extend its first or last piece.
    public func x(_ day: Double) -> Double {
        let segment = segments.first { day <= $0.toDay } ?? segments[segments.count - 1]
        return segment.fromX + (day - segment.fromDay) * segment.pixelsPerDay
    }

    /// The steps, in days, a piece's ticks may take.
    static let steps: [Double] = [1, 2, 7, 14, 28, 30, 60, 90, 180, 365, 730, 1825]

    /// Ticks at multiples of a step chosen so that each piece has at most `perSegment` of them, no two
    /// closer than `minimumGap`; day 0 and the break day are always ticks.
    public func ticks(perSegment: Int = 8, minimumGap: Double) -> [Tick] {
        var days: [Double] = []
        for segment in segments {
            let span = segment.toDay - segment.fromDay
            let step = Self.steps.first { span / $0 <= Double(perSegment) && $0 * segment.pixelsPerDay >= minimumGap }
                ?? Self.steps[Self.steps.count - 1]
            var day = (segment.fromDay / step).rounded(.up) * step
            while day <= segment.toDay + 1e-9 {
                days.append(day)
                day += step
            }
        }
        if firstDay <= 0, lastDay >= 0 { days.append(0) }
        if let breakDay { days.append(breakDay) }
        var ticks: [Tick] = []
        // The fixed ticks (day 0, the break) win over the regular ones they would crowd.
        let fixed = Set([0.0, breakDay].compactMap { $0 })
        for day in Set(days).sorted() {
            let x = x(day)
            let crowds = ticks.last.map { x - $0.x < minimumGap } ?? false
            if crowds {
                if fixed.contains(day), let last = ticks.last, !fixed.contains(last.day) { ticks.removeLast() } else { continue }
            }
            ticks.append(Tick(day: day, x: x))
        }
        return ticks
    }
}
