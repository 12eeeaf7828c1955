/// Draws a `Timeline` as SVG: deterministic (fixed number formatting, no dates), with a title, a
/// description of every mark for screen readers, and a tooltip on each mark.
public enum TimelineSVG {
    /// Colours of the marks; a difference is always drawn in `alert`.
    enum Colour {
        static let ink = "#1f2933"
        static let muted = "#52606d"
        static let grid = "#e4e7eb"
        static let administration = "#1d4ed8"
        static let window = "#93c5fd"
        static let timepoint = "#b45309"
        static let alert = "#c62828"
        static let cycle = "#cbd5e1"

        static func period(_ label: String) -> String {
            if label.hasPrefix("treatment") { return "#60a5fa" }
            if label.hasPrefix("follow-up") { return "#86efac" }
            if label.hasPrefix("screening") { return "#d1d5db" }
            if label.hasPrefix("baseline") { return "#cbd5e1" }
            return "#ddd6fe"
        }
    }

    static let lineHeight = 15.0

    /// The height of the whole drawing: the chart, then the legend and the differences.
    public static func height(of timeline: Timeline) -> Double {
        let blocks = timeline.legend.count + (timeline.differences.isEmpty ? 0 : timeline.differences.count + 1)
        return timeline.height + Double(blocks) * lineHeight + 12
    }

    /// A standalone SVG document.
    public static func document(_ timeline: Timeline) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(timeline, standalone: true)
    }

    /// The `<svg>` element; `standalone` adds the namespace a file needs and inline HTML does not.
    public static func svg(_ timeline: Timeline, standalone: Bool) -> String {
        let g = timeline.geometry
        let height = height(of: timeline)
        var w = SVGWriter()
        var attributes: [(String, SVGWriter.Value)] = standalone ? [("xmlns", .text("http://www.w3.org/2000/svg"))] : []
        attributes += [
            ("width", .number(g.width)), ("height", .number(height)), ("viewBox", .text("0 0 \(ChartNumber.coordinate(g.width)) \(ChartNumber.coordinate(height))")),
            ("role", .text("img")), ("aria-labelledby", .text("timeline-title timeline-desc")),
            ("font-family", .text("DejaVu Sans, Verdana, sans-serif")), ("font-size", .number(11)),
        ]
        w.open("svg", attributes)
        w.raw("\n")
        w.element("title", [("id", .text("timeline-title"))], text: timeline.title)
        w.element("desc", [("id", .text("timeline-desc"))], text: timeline.summary.joined(separator: " "))
        w.raw(
            "<defs><pattern id=\"undated\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"6\" height=\"6\" fill=\"#f3f4f6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9ca3af\" stroke-width=\"2\"/></pattern></defs>\n")
        w.element("rect", [("width", .number(g.width)), ("height", .number(height)), ("fill", .text("#ffffff"))])
        w.element("text", [("x", .number(g.marginLeft)), ("y", .number(26)), ("font-size", .number(15)), ("font-weight", .text("bold")), ("fill", .text(Colour.ink))], text: timeline.title)

        drawGrid(timeline, &w)
        for lane in timeline.lanes { drawLane(lane, timeline, &w) }
        drawAxis(timeline, &w)
        drawNotes(timeline, &w)
        w.close("svg")
        return w.text
    }

    private static func drawGrid(_ timeline: Timeline, _ w: inout SVGWriter) {
        w.group([("stroke", .text(Colour.grid)), ("stroke-width", .number(1))]) { w in
            for tick in timeline.ticks {
                w.element("line", [("x1", .number(tick.x)), ("y1", .number(timeline.plotTop)), ("x2", .number(tick.x)), ("y2", .number(timeline.axisY))])
            }
        }
        if let day = timeline.scale.breakDay {
            let x = timeline.scale.x(day)
            w.element(
                "line",
                [("x1", .number(x)), ("y1", .number(timeline.plotTop)), ("x2", .number(x)), ("y2", .number(timeline.axisY + 6)),
                 ("stroke", .text(Colour.muted)), ("stroke-dasharray", .text("2 3"))])
        }
    }

    private static func drawLane(_ lane: Timeline.Lane, _ timeline: Timeline, _ w: inout SVGWriter) {
        let g = timeline.geometry
        w.element("text", [("x", .number(g.marginLeft)), ("y", .number(lane.top + g.laneTitleHeight * 0.65)), ("font-size", .number(13)), ("font-weight", .text("bold")), ("fill", .text(Colour.ink))], text: lane.title)
        for row in lane.rows {
            let alert = !row.differences.isEmpty
            let label = row.label + (alert ? "  " + numbers(row.differences) : "")
            w.element("text", [("x", .number(g.marginLeft)), ("y", .number(row.labelY)), ("fill", .text(alert ? Colour.alert : Colour.muted))], text: label)
            switch row.kind {
            case .intervention: drawAdministrations(row, g, &w)
            case .timepoints: drawTimepoints(row, g, &w)
            case .cycles, .periods: drawSpans(row, g, &w)
            }
        }
    }

    private static func drawAdministrations(_ row: Timeline.Row, _ g: TimelineGeometry, _ w: inout SVGWriter) {
        let y = row.trackY
        if let first = row.administrations.first, let last = row.administrations.last {
            w.element("line", [("x1", .number(first.x)), ("y1", .number(y)), ("x2", .number(last.x)), ("y2", .number(y)), ("stroke", .text(Colour.cycle)), ("stroke-width", .number(2))])
        }
        for mark in row.administrations {
            let alert = !mark.differences.isEmpty
            var tooltip = "Administration \(mark.number)" + (mark.cycle.map { " (cycle \($0))" } ?? "") + ": day \(ChartNumber.plain(mark.day))"
            tooltip += mark.window.map { ", window \(ChartCalendar.describe($0))" } ?? ", no window"
            if alert { tooltip += "; differences " + numbers(mark.differences) }
            w.group([("class", .text("administration"))], tooltip: tooltip) { w in
                if let band = mark.band {
                    w.element("rect", [("x", .number(band.fromX)), ("y", .number(y - g.trackHeight / 2)), ("width", .number(max(band.width, 1))), ("height", .number(g.trackHeight)), ("rx", .number(3)), ("fill", .text(Colour.window)), ("fill-opacity", .number(0.7))])
                }
                w.element("circle", [("cx", .number(mark.x)), ("cy", .number(y)), ("r", .number(5)), ("fill", .text(Colour.administration))])
                if alert {
                    w.element("circle", [("cx", .number(mark.x)), ("cy", .number(y)), ("r", .number(8.5)), ("fill", .text("none")), ("stroke", .text(Colour.alert)), ("stroke-width", .number(2))])
                }
                let labelY = y - g.trackHeight / 2 - 3 - Double(mark.labelLevel) * g.labelLineHeight
                w.element("text", [("x", .number(mark.x)), ("y", .number(labelY)), ("text-anchor", .text("middle")), ("fill", .text(alert ? Colour.alert : Colour.ink))], text: mark.label + (alert ? " " + numbers(mark.differences) : ""))
            }
        }
    }

    private static func drawTimepoints(_ row: Timeline.Row, _ g: TimelineGeometry, _ w: inout SVGWriter) {
        let y = row.trackY
        for mark in row.timepoints {
            let alert = !mark.differences.isEmpty
            let from = mark.anchor.map { "\($0) (day \(ChartNumber.plain(mark.anchorDay)))" } ?? "day \(ChartNumber.plain(mark.anchorDay))"
            var tooltip = "\(mark.label): \(mark.offset) after \(from), day \(ChartNumber.plain(mark.day))"
            if alert { tooltip += "; differences " + numbers(mark.differences) }
            w.group([("class", .text("timepoint"))], tooltip: tooltip) { w in
                if let band = mark.band {
                    w.element("rect", [("x", .number(band.fromX)), ("y", .number(y - g.trackHeight / 2)), ("width", .number(max(band.width, 1))), ("height", .number(g.trackHeight)), ("rx", .number(3)), ("fill", .text("#fcd34d")), ("fill-opacity", .number(0.6))])
                }
                let r = 6.0
                let points = [(mark.x, y - r), (mark.x + r, y), (mark.x, y + r), (mark.x - r, y)].map { "\(ChartNumber.coordinate($0.0)),\(ChartNumber.coordinate($0.1))" }
                w.element("polygon", [("points", .text(points.joined(separator: " "))), ("fill", .text(Colour.timepoint))])
                if alert {
                    w.element("circle", [("cx", .number(mark.x)), ("cy", .number(y)), ("r", .number(9)), ("fill", .text("none")), ("stroke", .text(Colour.alert)), ("stroke-width", .number(2))])
                }
                let labelY = y - g.trackHeight / 2 - 3 - Double(mark.labelLevel) * g.labelLineHeight
                w.element("text", [("x", .number(mark.x)), ("y", .number(labelY)), ("text-anchor", .text("middle")), ("fill", .text(alert ? Colour.alert : Colour.ink))], text: mark.label + (alert ? " " + numbers(mark.differences) : ""))
            }
        }
    }

    private static func drawSpans(_ row: Timeline.Row, _ g: TimelineGeometry, _ w: inout SVGWriter) {
        let y = row.trackY
        for span in row.spans {
            let alert = !span.differences.isEmpty
            var tooltip = span.label + (span.days.map { ": days \(ChartNumber.plain($0.lowerBound))–\(ChartNumber.plain($0.upperBound))" } ?? ": no days stated")
            if alert { tooltip += "; differences " + numbers(span.differences) }
            let fill = span.days == nil ? "url(#undated)" : row.kind == .cycles ? Colour.cycle : Colour.period(span.label)
            w.group([("class", .text(row.kind == .cycles ? "cycle" : "period"))], tooltip: tooltip) { w in
                w.element(
                    "rect",
                    [("x", .number(span.band.fromX + 1)), ("y", .number(y - g.trackHeight / 2)), ("width", .number(max(span.band.width - 2, 1))), ("height", .number(g.trackHeight)), ("rx", .number(3)),
                     ("fill", .text(fill)), ("stroke", .text(alert ? Colour.alert : "#94a3b8")), ("stroke-width", .number(alert ? 2 : 1))])
                let label = span.label + (alert ? " " + numbers(span.differences) : "")
                let fits = Double(label.count) * g.characterWidth <= span.band.width - 4
                w.element(
                    "text",
                    [("x", .number(fits ? span.band.fromX + span.band.width / 2 : span.band.fromX + 2)), ("y", .number(fits ? y + 4 : y + g.trackHeight / 2 + 11)),
                     ("text-anchor", .text(fits ? "middle" : "start")), ("fill", .text(alert ? Colour.alert : Colour.ink))],
                    text: label)
            }
        }
    }

    private static func drawAxis(_ timeline: Timeline, _ w: inout SVGWriter) {
        let y = timeline.axisY
        let scale = timeline.scale
        w.element("line", [("x1", .number(scale.fromX)), ("y1", .number(y)), ("x2", .number(scale.toX)), ("y2", .number(y)), ("stroke", .text(Colour.ink)), ("stroke-width", .number(1))])
        for tick in timeline.ticks {
            w.element("line", [("x1", .number(tick.x)), ("y1", .number(y)), ("x2", .number(tick.x)), ("y2", .number(y + 5)), ("stroke", .text(Colour.ink))])
            w.element("text", [("x", .number(tick.x)), ("y", .number(y + 17)), ("text-anchor", .text("middle")), ("font-size", .number(10)), ("fill", .text(Colour.ink))], text: ChartNumber.plain(tick.day))
        }
        w.element("text", [("x", .number(scale.toX)), ("y", .number(y + 32)), ("text-anchor", .text("end")), ("fill", .text(Colour.muted))], text: "study day (day 0 = first administration)")
        for zone in timeline.undatedZones {
            w.element("text", [("x", .number((zone.lowerBound + zone.upperBound) / 2)), ("y", .number(y + 17)), ("text-anchor", .text("middle")), ("font-size", .number(10)), ("fill", .text(Colour.muted))], text: "no days stated")
        }
    }

    private static func drawNotes(_ timeline: Timeline, _ w: inout SVGWriter) {
        let x = timeline.geometry.marginLeft
        var y = timeline.height + 8
        for line in timeline.legend {
            w.element("text", [("x", .number(x)), ("y", .number(y)), ("font-size", .number(10)), ("fill", .text(Colour.muted))], text: line)
            y += lineHeight
        }
        guard !timeline.differences.isEmpty else { return }
        w.element("text", [("x", .number(x)), ("y", .number(y)), ("font-weight", .text("bold")), ("fill", .text(Colour.alert))], text: "Differences between the promised and the stated schedule")
        y += lineHeight
        for difference in timeline.differences {
            w.element("text", [("x", .number(x)), ("y", .number(y)), ("fill", .text(Colour.alert))], text: "[\(difference.number)] \(difference.text)")
            y += lineHeight
        }
    }

    /// `[1, 3]`.
    static func numbers(_ numbers: [Int]) -> String { "[" + numbers.map(String.init).joined(separator: ", ") + "]" }
}
