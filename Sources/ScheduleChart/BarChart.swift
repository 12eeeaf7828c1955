/// A horizontal bar chart laid out: one bar per labelled value, its length proportional to the value.
///
/// Categories (formats, rules) and histogram bins (in their order) are drawn the same way: a label on
/// the left, the bar, and the value after it.
public struct BarChart: Sendable, Hashable {
    /// One bar with its position.
    public struct Bar: Sendable, Hashable {
        public let label: String
        /// The label as drawn: cut with an ellipsis when long.
        public let shownLabel: String
        public let value: Int
        /// The top of the bar.
        public let y: Double
        public let x: Double
        public let length: Double
    }

    public let title: String
    public let width: Double
    public let height: Double
    public let bars: [Bar]

    public static let barHeight = 16.0
    public static let barGap = 4.0
    public static let titleHeight = 22.0
    /// A generous width of one label character, so that labels of wide letters (capitals) still fit.
    public static let characterWidth = 7.0

    /// Lays `values` out in `width`; labels longer than `labelCharacters` are cut with an ellipsis.
    public init(title: String, values: [(label: String, value: Int)], width: Double = 480, labelCharacters: Int = 32) {
        self.title = title
        self.width = width
        let shown = values.map { $0.label.count > labelCharacters ? String($0.label.prefix(labelCharacters - 1)) + "…" : $0.label }
        let labelWidth = max(Double(min(shown.map(\.count).max() ?? 0, labelCharacters)) * Self.characterWidth + 8, 48)
        let valueWidth = Double(String(values.map(\.value).max() ?? 0).count) * Self.characterWidth + 8
        let room = max(width - labelWidth - valueWidth, 10)
        let largest = Double(max(values.map(\.value).max() ?? 0, 1))
        bars = zip(shown, values).enumerated().map { k, pair in
            Bar(
                label: pair.1.label, shownLabel: pair.0, value: pair.1.value, y: Self.titleHeight + Double(k) * (Self.barHeight + Self.barGap), x: labelWidth,
                length: room * Double(pair.1.value) / largest)
        }
        height = Self.titleHeight + Double(max(values.count, 1)) * (Self.barHeight + Self.barGap) + 4
    }

    /// The chart as an inline `<svg>` element (no namespace: for HTML), with a title for screen readers.
    public func svg(colour: String = "#3b82f6") -> String {
        var w = SVGWriter()
        w.open(
            "svg",
            [("width", .number(width)), ("height", .number(height)), ("viewBox", .text("0 0 \(ChartNumber.coordinate(width)) \(ChartNumber.coordinate(height))")),
             ("role", .text("img")), ("font-family", .text("DejaVu Sans, Verdana, sans-serif")), ("font-size", .number(11))])
        let summary = bars.isEmpty ? "no values" : bars.map { "\($0.label): \($0.value)" }.joined(separator: ", ")
        w.element("title", [], text: "\(title): \(summary)")
        w.element("text", [("x", .number(0)), ("y", .number(14)), ("font-weight", .text("bold")), ("fill", .text("#1f2933"))], text: title)
        if bars.isEmpty {
            w.element("text", [("x", .number(0)), ("y", .number(Self.titleHeight + 12)), ("fill", .text("#52606d"))], text: "nothing to count")
        }
        for bar in bars {
            let middle = bar.y + Self.barHeight / 2 + 4
            w.element("text", [("x", .number(bar.x - 6)), ("y", .number(middle)), ("text-anchor", .text("end")), ("fill", .text("#1f2933"))], text: bar.shownLabel)
            if bar.value > 0 {
                w.element("rect", [("x", .number(bar.x)), ("y", .number(bar.y)), ("width", .number(max(bar.length, 1))), ("height", .number(Self.barHeight)), ("fill", .text(colour))])
            }
            w.element("text", [("x", .number(bar.x + bar.length + 4)), ("y", .number(middle)), ("fill", .text("#52606d"))], text: String(bar.value))
        }
        w.close("svg")
        return w.text
    }
}
