/// A self-contained HTML page around a timeline: the SVG inline, the lanes' notes, the legend, the
/// differences and the findings of `ctlint check --protocol`; no script, no style sheet or font fetched.
public enum TimelineHTML {
    /// A finding to list under the chart.
    public struct Finding: Sendable, Hashable {
        public let rule: String
        public let severity: String
        public let location: String
        public let message: String

        public init(rule: String, severity: String, location: String, message: String) {
            self.rule = rule
            self.severity = severity
            self.location = location
            self.message = message
        }
    }

    /// The page; `findings` are those of the protocol rules, when a protocol was given (`nil` otherwise).
    public static func page(_ timeline: Timeline, findings: [Finding]?) -> String {
        let e = SVGWriter.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(e(timeline.title))</title>
            <style>
            body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1f2933; margin: 24px; max-width: 1000px; }
            h1 { font-size: 20px; } h2 { font-size: 15px; margin-top: 20px; }
            ul { padding-left: 20px; } li { margin: 3px 0; font-size: 13px; }
            .alert { color: #c62828; } .muted { color: #52606d; font-size: 13px; }
            figure { margin: 0; border: 1px solid #e4e7eb; display: inline-block; }
            code { font-size: 12px; }
            </style>
            </head>
            <body>
            <h1>\(e(timeline.title))</h1>
            <figure>
            \(TimelineSVG.svg(timeline, standalone: false))</figure>

            """
        html += "<h2>What the chart shows</h2>\n<ul>\n" + timeline.summary.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        if !timeline.differences.isEmpty {
            html += "<h2 class=\"alert\">Differences between the promised and the stated schedule</h2>\n<ul class=\"alert\">\n"
            html += timeline.differences.map { "<li>[\($0.number)] \(e($0.text))</li>\n" }.joined() + "</ul>\n"
        }
        if let findings {
            html += "<h2>ctlint check --protocol</h2>\n"
            if findings.isEmpty {
                html += "<p class=\"muted\">No protocol rule finds the record disagreeing with the protocol.</p>\n"
            } else {
                html += "<ul>\n" + findings.map { "<li><code>\(e($0.location))</code> \(e($0.severity)): \(e($0.message)) <code>[\(e($0.rule))]</code></li>\n" }.joined() + "</ul>\n"
            }
        }
        let notes = timeline.lanes.flatMap { lane in lane.notes.map { "\(lane.title): \($0)" } }
        if !notes.isEmpty { html += "<h2>Not drawn</h2>\n<ul class=\"muted\">\n" + notes.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n" }
        html += "<h2>Legend</h2>\n<ul class=\"muted\">\n" + timeline.legend.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        html += "</body>\n</html>\n"
        return html
    }
}
