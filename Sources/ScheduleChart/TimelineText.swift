/// Draws a `Timeline` laid out with `TimelineGeometry.text` as lines of text for a terminal: labels over
/// their marks, `●` administrations with `=` windows, `◆` timepoints, `[period]` spans, the axis with day
/// numbers, then the exact days in words.
public enum TimelineText {
    /// The rendering; `colour` marks differences in red with ANSI escapes (for a terminal only).
    public static func render(_ timeline: Timeline, colour: Bool = false) -> String {
        let width = Int(timeline.geometry.width)
        let indent = "  "
        func red(_ text: String) -> String { colour ? "\u{1B}[31m\(text)\u{1B}[0m" : text }
        var lines = [timeline.title, ""]
        for lane in timeline.lanes {
            lines.append(lane.title)
            for row in lane.rows {
                let label = indent + row.label + (row.differences.isEmpty ? "" : " " + TimelineSVG.numbers(row.differences))
                lines.append(row.differences.isEmpty ? label : red(label))
                var labelLines: [Grid] = []
                var track = Grid(width: width)
                func labelLine(_ level: Int) -> Int {
                    while labelLines.count <= level { labelLines.append(Grid(width: width)) }
                    return level
                }
                switch row.kind {
                case .intervention:
                    if let first = row.administrations.first, let last = row.administrations.last {
                        track.fill(from: column(first.x), to: column(last.x), with: "─")
                    }
                    for mark in row.administrations {
                        if let band = mark.band { track.fill(from: column(band.fromX), to: column(band.toX), with: "=") }
                    }
                    for mark in row.administrations {
                        track.put("●", at: column(mark.x))
                        let text = mark.label + (mark.differences.isEmpty ? "" : "!")
                        labelLines[labelLine(mark.labelLevel)].write(text, centredAt: column(mark.x))
                    }
                case .timepoints:
                    for mark in row.timepoints {
                        if let band = mark.band { track.fill(from: column(band.fromX), to: column(band.toX), with: "~") }
                        track.put("◆", at: column(mark.x))
                        let text = mark.label + (mark.differences.isEmpty ? "" : "!")
                        labelLines[labelLine(mark.labelLevel)].write(text, centredAt: column(mark.x))
                    }
                case .cycles, .periods:
                    for span in row.spans {
                        let from = column(span.band.fromX), to = max(column(span.band.toX) - 1, from + 1)
                        track.fill(from: from, to: to, with: span.days == nil ? "·" : "─")
                        track.put("[", at: from)
                        track.put("]", at: to)
                        let text = span.label + (span.differences.isEmpty ? "" : "!")
                        if to - from - 1 >= text.count {
                            track.write(text, centredAt: (from + to) / 2)
                        } else {
                            let level = (0..<3).first { labelLines.count <= $0 || labelLines[$0].isFree(from: from, count: text.count + 1) } ?? 2
                            labelLines[labelLine(level)].write(text, at: from)
                        }
                    }
                }
                lines += labelLines.reversed().map(\.line)
                lines.append(track.line)
            }
            for note in lane.notes { lines.append(indent + "note: " + note) }
            lines.append("")
        }
        var axis = Grid(width: width), numbers = Grid(width: width)
        axis.fill(from: column(timeline.scale.fromX), to: column(timeline.scale.toX), with: "─")
        for tick in timeline.ticks {
            axis.put("┬", at: column(tick.x))
            numbers.write(ChartNumber.plain(tick.day), centredAt: column(tick.x))
        }
        if let day = timeline.scale.breakDay { axis.put("╫", at: column(timeline.scale.x(day))) }
        for zone in timeline.undatedZones { numbers.write("(no days)", centredAt: column((zone.lowerBound + zone.upperBound) / 2)) }
        lines += [axis.line, numbers.line, "study day (day 0 = first administration)", ""]
        lines += timeline.summary
        lines.append("")
        lines += timeline.legend.map { $0.replacingOccurrences(of: "Dot:", with: "●:").replacingOccurrences(of: "Diamond:", with: "◆:").replacingOccurrences(of: "(dotted line)", with: "(╫)").replacingOccurrences(of: "Hatched bars", with: "Dotted bars") }
        if !timeline.differences.isEmpty {
            lines.append("")
            lines.append(red("Differences between the promised and the stated schedule (marked !):"))
            lines += timeline.differences.map { red("[\($0.number)] \($0.text)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func column(_ x: Double) -> Int { Int(x.rounded()) }

    /// One line of characters, written into by column.
    struct Grid {
        var cells: [Character]

        init(width: Int) { cells = Array(repeating: " ", count: width) }

        mutating func put(_ character: Character, at column: Int) {
            guard cells.indices.contains(column) else { return }
            cells[column] = character
        }

        mutating func fill(from: Int, to: Int, with character: Character) {
            guard from <= to else { return }
            for column in from...to { put(character, at: column) }
        }

        mutating func write(_ text: String, at column: Int) {
            let start = min(max(column, 0), max(cells.count - text.count, 0))
            for (k, character) in text.enumerated() { put(character, at: start + k) }
        }

        mutating func write(_ text: String, centredAt column: Int) { write(text, at: column - text.count / 2) }

        /// `true` when `count` columns from `from` hold only spaces.
        func isFree(from: Int, count: Int) -> Bool {
            (from..<(from + count)).allSatisfy { !cells.indices.contains($0) || cells[$0] == " " }
        }

        var line: String {
            var text = String(cells)
            while text.last == " " { text.removeLast() }
            return text
        }
    }
}
