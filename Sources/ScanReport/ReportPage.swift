import ScheduleChart

/// The HTML page of `ctlint report`: one self-contained file (inline CSS, SVG and a small script; nothing
/// fetched) summarising a scan database.
public enum ReportPage {
    /// The page for `summary`; `name` is how the database is named on the page.
    public static func html(_ summary: ScanSummary, name: String) -> String {
        let e = SVGWriter.escape
        func chart(_ title: String, _ counts: [ScanSummary.Count], colour: String = "#3b82f6") -> String {
            "<div class=\"chart\">" + BarChart(title: title, values: counts.map { ($0.label, $0.value) }).svg(colour: colour) + "</div>\n"
        }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>ctlint scan report: \(e(name))</title>
            <style>
            body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1f2933; margin: 24px; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; border-bottom: 1px solid #e4e7eb; padding-bottom: 4px; }
            .totals { display: flex; gap: 12px; flex-wrap: wrap; }
            .total { border: 1px solid #e4e7eb; border-radius: 6px; padding: 8px 14px; min-width: 90px; }
            .total b { display: block; font-size: 20px; }
            .charts { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
            .chart { border: 1px solid #e4e7eb; border-radius: 6px; padding: 8px; }
            table { border-collapse: collapse; font-size: 12px; width: 100%; }
            th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #f3f4f6; position: sticky; top: 0; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            td.title { max-width: 360px; }
            .error { color: #c62828; } .warning { color: #b45309; } .note { color: #52606d; }
            .muted { color: #52606d; font-size: 13px; }
            input[type=search] { font-size: 14px; padding: 4px 8px; width: 320px; }
            details ul { margin: 4px 0; padding-left: 18px; }
            </style>
            </head>
            <body>
            <h1>ctlint scan report: \(e(name))</h1>
            <div class="totals">

            """
        for (label, value) in [("records", summary.records), ("failures", summary.failures), ("facts", summary.facts), ("findings", summary.findings), ("scans", summary.scans)] {
            html += "<div class=\"total\"><b>\(value)</b>\(label)</div>\n"
        }
        html += "</div>\n"
        if summary.records == 0 {
            html += "<p class=\"muted\">The database holds no records: the scan read no input, or none could be read.</p>\n"
        }

        html += "<h2>Records</h2>\n<div class=\"charts\">\n"
        html += chart("Records by format", summary.byFormat)
        html += chart("Records by overall status", summary.byStatus)
        if !summary.failuresByKind.isEmpty { html += chart("Failures by kind", summary.failuresByKind, colour: "#ef4444") }
        html += "</div>\n"

        html += "<h2>Findings by rule</h2>\n<div class=\"charts\">\n"
        html += chart("Findings by rule (severity)", summary.rules.prefix(25).map { .init("\($0.rule) (\($0.severity))", $0.findings) }, colour: "#f59e0b")
        html += "</div>\n"
        if summary.rules.count > 25 { html += "<p class=\"muted\">The 25 rules that fire most of \(summary.rules.count).</p>\n" }

        html += "<h2>Schedules</h2>\n<p class=\"muted\">From the schedule facts of every record. \(e(ChartCalendar.legend)) Follow-up length: a record's latest timepoint.</p>\n<div class=\"charts\">\n"
        html += chart("Dose statements by unit", summary.dosesByUnit, colour: "#8b5cf6")
        for distribution in summary.doseDistributions {
            html += chart("Doses in \(distribution.unit) (amount, by decade)", distribution.bins, colour: "#8b5cf6")
        }
        html += chart("Number of administrations stated", summary.administrationCounts, colour: "#10b981")
        html += chart("Intervals between administrations", summary.intervals, colour: "#10b981")
        html += chart("Follow-up length per record", summary.followUpLengths, colour: "#10b981")
        html += "</div>\n"

        html += "<h2>Records and their findings</h2>\n"
        if summary.records > summary.table.count {
            html += "<p class=\"muted\">The table lists the first \(summary.table.count) of \(summary.records) records (by row id); the filter searches those. Query the database for the rest (Docs/scan-database.md).</p>\n"
        }
        html += """
            <p><label>Filter: <input type="search" id="filter" placeholder="NCT id, status, rule, word of a message"></label>
            <span class="muted"><span id="shown">\(summary.table.count)</span> of \(summary.table.count) rows shown</span></p>
            <table id="records">
            <thead><tr><th>NCT id</th><th>format</th><th>status</th><th>title</th><th>facts</th><th>errors</th><th>warnings</th><th>notes</th><th>findings</th></tr></thead>
            <tbody>

            """
        for row in summary.table {
            var findings = ""
            if !row.findings.isEmpty {
                findings = "<details><summary>\(row.findings.count) finding\(row.findings.count == 1 ? "" : "s")</summary><ul>"
                for f in row.findings {
                    let place = f.line.map { l in f.column.map { "\(l):\($0)" } ?? "\(l)" } ?? ""
                    findings += "<li class=\"\(e(f.severity))\">\(e(place)) \(e(f.severity)): \(e(f.message)) [\(e(f.rule))]</li>"
                }
                findings += "</ul></details>"
            }
            html += "<tr><td title=\"\(e(row.source))\">\(e(row.nctID ?? "—"))</td><td>\(e(row.format))</td><td>\(e(row.status ?? ""))</td>"
            html += "<td class=\"title\">\(e(row.title ?? ""))</td><td class=\"n\">\(row.facts)</td><td class=\"n\">\(row.errors)</td>"
            html += "<td class=\"n\">\(row.warnings)</td><td class=\"n\">\(row.notes)</td><td>\(findings)</td></tr>\n"
        }
        html += """
            </tbody>
            </table>
            <script>
            (function () {
              var input = document.getElementById("filter");
              var rows = Array.prototype.slice.call(document.querySelectorAll("#records tbody tr"));
              input.addEventListener("input", function () {
                var query = input.value.toLowerCase(), shown = 0;
                rows.forEach(function (row) {
                  var match = row.textContent.toLowerCase().indexOf(query) >= 0;
                  row.hidden = !match;
                  if (match) { shown += 1; }
                });
                document.getElementById("shown").textContent = shown;
              });
            })();
            </script>
            </body>
            </html>

            """
        return html
    }
}
