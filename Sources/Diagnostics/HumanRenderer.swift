import RegistryModel

/// Renders diagnostics for people, the way compilers do:
///
/// ```
/// NCT01234567.json:12:5023: error: the brief summary is 5,112 characters long; the limit is 5,000 [brief-summary-too-long]
///    12 | …the study drug will be given twice, four weeks apart, and the participants followed for…
///       |                                      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~…
///       = note: the registry counts the characters of the source markup
///       = fix: shorten the summary and move detail to the detailed description
/// ```
///
/// Registry values often sit on one line thousands of characters long, so only a window of the line
/// around the offending column is shown, with `…` where it is cut. Colour (ANSI escapes) is used only
/// when the caller asks for it; the CLI asks when writing to a terminal and `NO_COLOR` is unset.
public struct HumanRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes.
    public var colour: Bool
    /// The most source characters shown of one line.
    public var windowWidth: Int

    public init(colour: Bool = false, windowWidth: Int = 100) {
        self.colour = colour
        self.windowWidth = max(20, windowWidth)
    }

    /// Renders the diagnostics of one record; `source` gives the lines to quote.
    public func render(_ diagnostics: [Diagnostic], source: SourceDocument?) -> String {
        diagnostics.map { render($0, source: source) }.joined()
    }

    /// Renders one diagnostic: the header line, the quoted source with its marker, notes and fix.
    public func render(_ diagnostic: Diagnostic, source: SourceDocument?) -> String {
        var out = style(diagnostic.locationDescription + ":", .bold) + " "
        out += style(diagnostic.severity.rawValue + ":", severityStyle(diagnostic.severity)) + " "
        out += style(diagnostic.message, .bold) + " " + style("[\(diagnostic.ruleID)]", .dim) + "\n"

        let lineNumber = diagnostic.start?.line
        let gutterWidth = lineNumber.map { String($0).count } ?? 0
        let blank = String(repeating: " ", count: gutterWidth + 1)
        if let start = diagnostic.start, let snippet = quote(start: start, end: diagnostic.end, in: source) {
            out += " \(String(start.line)) | \(snippet.text)\n"
            out += "\(blank) | " + style(snippet.marker, .marker) + "\n"
        }
        for note in diagnostic.notes {
            let place = note.start.map { "\($0.line):\($0.column): " } ?? ""
            out += "\(blank) = " + style("note:", .note) + " \(place)\(note.message)\n"
        }
        if let fix = diagnostic.fix {
            out += "\(blank) = " + style("fix:", .fix) + " \(fix.message)\n"
        }
        return out
    }

    /// The window of the start line and the marker line under it (`^` at the start, `~` to the end).
    func quote(start: SourcePosition, end: SourcePosition?, in source: SourceDocument?) -> (text: String, marker: String)? {
        guard let line = source?.lineText(start.line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        let startIndex = max(0, start.column - 1)
        let endIndex: Int
        if let end, end.line == start.line {
            endIndex = max(startIndex + 1, end.column - 1)
        } else if end != nil {
            endIndex = scalars.count
        } else {
            endIndex = startIndex + 1
        }

        var low = 0
        var high = scalars.count
        if scalars.count > windowWidth {
            low = max(0, startIndex - windowWidth / 4)
            high = min(scalars.count, low + windowWidth)
            low = max(0, min(low, high - windowWidth))
        }
        let cutLeft = low > 0
        let cutRight = high < scalars.count

        var text = cutLeft ? "…" : ""
        for scalar in scalars[low..<high] {
            // Tabs and other controls would shift the marker: show each as one space.
            text.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
        }
        if cutRight { text += "…" }

        let lead = (cutLeft ? 1 : 0) + (startIndex - low)
        let visibleEnd = min(endIndex, high)
        var marker = String(repeating: " ", count: max(0, lead)) + "^"
        if visibleEnd > startIndex + 1 { marker += String(repeating: "~", count: visibleEnd - startIndex - 1) }
        if endIndex > high, startIndex < high { marker += "…" }
        return (text, marker)
    }

    /// "2 errors, 1 warning, 0 notes in 3 records".
    public func summary(_ counts: SeverityCounts, records: Int) -> String {
        counts.summary(records: records) + "\n"
    }

    private enum Style {
        case bold, dim, error, warning, note, fix, marker
    }

    private func severityStyle(_ severity: Severity) -> Style {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }

    private func style(_ text: String, _ style: Style) -> String {
        guard colour else { return text }
        let code =
            switch style {
            case .bold: "1"
            case .dim: "2"
            case .error: "1;31"
            case .warning: "1;35"
            case .note: "1;36"
            case .fix: "1;32"
            case .marker: "1;32"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
