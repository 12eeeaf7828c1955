import ScheduleModel

/// A schedule laid out on a time axis: every mark with its position, ready to be drawn as SVG or text.
///
/// Positions are in the units of the `TimelineGeometry` the layout was given (pixels for SVG, columns for
/// text). Days count from the first administration (day 0); see `ChartCalendar` for months and years.
public struct Timeline: Sendable, Hashable {
    public let title: String
    /// A sentence-per-lane summary of what the chart shows, for readers who cannot see it.
    public let summary: [String]
    public let geometry: TimelineGeometry
    public let height: Double
    public let scale: TimeScale
    public let ticks: [TimeScale.Tick]
    /// Where the axis line is drawn.
    public let axisY: Double
    /// The top of the area the tick lines cross.
    public let plotTop: Double
    public let lanes: [Lane]
    /// The undated zones before day 0 and after the last day, where periods without stated days stand in order.
    public let undatedZones: [ClosedRange<Double>]
    public let legend: [String]
    /// The differences between the promised and the stated schedule, numbered from 1.
    public let differences: [Difference]

    /// One schedule: the promised one (a protocol file) or the stated one (a record's text).
    public struct Lane: Sendable, Hashable {
        public let title: String
        public let top: Double
        public let rows: [Row]
        /// What could not be drawn, and why.
        public let notes: [String]
    }

    /// One horizontal track of marks under a label.
    public struct Row: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case intervention, cycles, timepoints, periods
        }

        public let kind: Kind
        public let label: String
        /// The baseline of the label.
        public let labelY: Double
        /// The centre line of the marks.
        public let trackY: Double
        public let administrations: [AdministrationMark]
        public let timepoints: [TimepointMark]
        public let spans: [SpanMark]
        /// Differences about the row as a whole (a dose, a route, a number of administrations).
        public let differences: [Int]
    }

    /// A difference between the two schedules, as a numbered sentence.
    public struct Difference: Sendable, Hashable {
        public let number: Int
        public let text: String
    }
}

/// A position band: the extent of a window or a span.
public struct Band: Sendable, Hashable {
    public let fromX: Double
    public let toX: Double

    public var width: Double { toX - fromX }
}

/// One administration at its nominal day, with its window.
public struct AdministrationMark: Sendable, Hashable {
    /// 1-based, over all cycles.
    public let number: Int
    /// 1-based cycle, when the intervention runs in cycles.
    public let cycle: Int?
    public let day: Double
    public let x: Double
    public let window: Window?
    public let band: Band?
    /// `7 ±1`: the day and the window in days.
    public let label: String
    /// 0 for the first line of labels, 1 for the second, where neighbours would overlap.
    public let labelLevel: Int
    public let differences: [Int]
}

/// A timepoint placed from its anchor.
public struct TimepointMark: Sendable, Hashable {
    public let label: String
    public let offset: ISODuration
    public let anchor: TimepointAnchor?
    /// The day the anchor falls on.
    public let anchorDay: Double
    public let day: Double
    public let x: Double
    public let window: Window?
    public let band: Band?
    public let labelLevel: Int
    public let differences: [Int]
}

/// A labelled stretch of the axis: a period or a cycle.
public struct SpanMark: Sendable, Hashable {
    public let label: String
    /// The days the span covers; `nil` for a period without stated days, drawn in an undated zone.
    public let days: ClosedRange<Double>?
    public let band: Band
    public let differences: [Int]
}

/// The sizes a layout works in.
public struct TimelineGeometry: Sendable, Hashable {
    public let width: Double
    public let marginLeft: Double
    public let marginRight: Double
    /// The width of each undated zone, when there is one.
    public let undatedZoneWidth: Double
    /// The gap between an undated zone and the dated axis.
    public let zoneGap: Double
    /// The width of one character of a label, for keeping labels apart.
    public let characterWidth: Double
    public let laneTitleHeight: Double
    public let rowLabelHeight: Double
    public let labelLineHeight: Double
    public let trackHeight: Double
    public let rowGap: Double
    public let top: Double
    /// The least distance between two ticks.
    public let tickGap: Double

    public init(
        width: Double, marginLeft: Double, marginRight: Double, undatedZoneWidth: Double, zoneGap: Double,
        characterWidth: Double, laneTitleHeight: Double, rowLabelHeight: Double, labelLineHeight: Double,
        trackHeight: Double, rowGap: Double, top: Double, tickGap: Double
    ) {
        self.width = width
        self.marginLeft = marginLeft
        self.marginRight = marginRight
        self.undatedZoneWidth = undatedZoneWidth
        self.zoneGap = zoneGap
        self.characterWidth = characterWidth
        self.laneTitleHeight = laneTitleHeight
        self.rowLabelHeight = rowLabelHeight
        self.labelLineHeight = labelLineHeight
        self.trackHeight = trackHeight
        self.rowGap = rowGap
        self.top = top
        self.tickGap = tickGap
    }

    /// Pixels, for SVG: 960 wide, 11 px labels.
    public static let svg = TimelineGeometry(
        width: 960, marginLeft: 24, marginRight: 32, undatedZoneWidth: 200, zoneGap: 24, characterWidth: 6.2,
        laneTitleHeight: 30, rowLabelHeight: 18, labelLineHeight: 13, trackHeight: 18, rowGap: 12, top: 56,
        tickGap: 34)

    /// Columns, for a terminal: 100 wide, one line per label line.
    public static let text = TimelineGeometry(
        width: 100, marginLeft: 0, marginRight: 2, undatedZoneWidth: 24, zoneGap: 2, characterWidth: 1,
        laneTitleHeight: 1, rowLabelHeight: 1, labelLineHeight: 1, trackHeight: 1, rowGap: 0, top: 2, tickGap: 5)
}
