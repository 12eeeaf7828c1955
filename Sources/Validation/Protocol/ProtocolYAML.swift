import ScheduleModel

extension ProtocolFile {
    /// The protocol as a YAML protocol file: keys in a fixed order, one line per administration, timepoint
    /// and period, values in their normal forms, and `comments` at the top as `#` lines.
    public static func yaml(_ schedule: StudyProtocol, comments: [String] = []) -> String {
        var out = comments.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map { "# \($0)".trimmingSpaces() + "\n" }.joined()
        out += "version: \(StudyProtocol.formatVersion)\n"
        if let study = schedule.study { out += "study: \(scalar(study))\n" }
        if !schedule.design.isEmpty { out += "design: \(flowList(schedule.design.map(\.rawValue)))\n" }
        if !schedule.interventions.isEmpty {
            out += "interventions:\n"
            for intervention in schedule.interventions {
                var lines: [String] = []
                if let name = intervention.name { lines.append("name: \(scalar(name))") }
                if !intervention.doses.isEmpty { lines.append("dose: \(oneOrMany(intervention.doses.map(\.description)))") }
                if !intervention.routes.isEmpty { lines.append("route: \(oneOrMany(intervention.routes.map(\.rawValue)))") }
                if let count = intervention.administrations { lines.append("administrations: \(count)") }
                if !intervention.schedule.isEmpty {
                    lines.append("schedule:")
                    for administration in intervention.schedule {
                        var pairs = [("day", String(administration.day))]
                        if let window = administration.window { pairs.append(("window", scalar(window.description, flow: true))) }
                        lines.append("  - \(flowMap(pairs))")
                    }
                }
                if let cycles = intervention.cycles {
                    var pairs: [(String, String)] = []
                    if let length = cycles.length { pairs.append(("length", length.description)) }
                    if let count = cycles.count { pairs.append(("count", scalar(count.description, flow: true))) }
                    lines.append("cycles: \(flowMap(pairs))")
                }
                if lines.isEmpty { lines.append("{}") }
                out += lines.enumerated().map { k, line in (k == 0 ? "  - " : "    ") + line + "\n" }.joined()
            }
        }
        if !schedule.timepoints.isEmpty {
            out += "timepoints:\n"
            for timepoint in schedule.timepoints {
                var pairs: [(String, String)] = []
                if let label = timepoint.label { pairs.append(("label", scalar(label, flow: true))) }
                pairs.append(("offset", timepoint.offset.description))
                if let anchor = timepoint.anchor { pairs.append(("anchor", anchor.rawValue)) }
                if let window = timepoint.window { pairs.append(("window", scalar(window.description, flow: true))) }
                out += "  - \(flowMap(pairs))\n"
            }
        }
        if !schedule.periods.isEmpty {
            out += "periods:\n"
            for period in schedule.periods {
                var pairs = [("kind", period.kind.rawValue)]
                if !period.visits.isEmpty {
                    pairs.append(("visit", period.visits.count == 1 ? scalar(period.visits[0], flow: true) : flowList(period.visits)))
                }
                out += "  - \(flowMap(pairs))\n"
            }
        }
        return out
    }

    private static func flowMap(_ pairs: [(String, String)]) -> String {
        "{ " + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }"
    }

    private static func flowList(_ values: [String]) -> String {
        "[" + values.map { scalar($0, flow: true) }.joined(separator: ", ") + "]"
    }

    private static func oneOrMany(_ values: [String]) -> String {
        values.count == 1 ? scalar(values[0]) : flowList(values)
    }

    /// A YAML scalar: plain when it reads back as the same text, double-quoted otherwise.
    static func scalar(_ text: String, flow: Bool = false) -> String {
        isPlain(text, flow: flow) ? text : quoted(text)
    }

    private static func isPlain(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        if "?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if first == "-", text.unicodeScalars.count == 1 || text.unicodeScalars.dropFirst().first == " " { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if flow, text.unicodeScalars.contains(where: { ",[]{}".unicodeScalars.contains($0) }) { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{FEFF}" }) { return false }
        // Words and numbers YAML would read as something other than text.
        let special = ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf", "<<", "="]
        if special.contains(text.lowercased()) { return false }
        if Double(text.replacingOccurrences(of: "_", with: "")) != nil { return false }
        if first.properties.numericType != nil, text.contains(":") || text.contains("-") { return false }
        return true
    }

    /// A double-quoted YAML scalar, escaped as JSON escapes strings (which YAML reads the same way).
    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case let c where c.value < 0x20 || c.value == 0x7F || c == "\u{FEFF}":
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
