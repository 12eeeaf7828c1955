/// Renders a check as JUnit XML, for CI systems that show test reports.
///
/// One `<testsuite>` per record (named by its NCT id, else `file#index`), one `<testcase>` per rule
/// that ran, named by the rule id with the record as its class name. Findings at or above
/// `failureThreshold` (the CLI's `--fail-on`) are `<failure>`s, so the report fails exactly when the
/// exit status does; findings below it are listed in the test case's `<system-out>`. A file that could
/// not be read is a suite with one `<error>` test case. The shape follows the Jenkins xUnit plugin's
/// `junit-10.xsd`, which the tests validate against.
public struct JUnitRenderer: Sendable {
    public var failureThreshold: Severity

    public init(failureThreshold: Severity = .error) {
        self.failureThreshold = failureThreshold
    }

    public func render(_ report: CheckReport) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0)
        for record in report.records {
            let (xml, failures) = suite(record, rules: report.rules)
            suites.append(xml)
            totals.tests += report.rules.count
            totals.failures += failures
        }
        for error in report.inputErrors {
            suites.append(errorSuite(error))
            totals.tests += 1
            totals.errors += 1
        }
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += "<testsuites name=\"\(Self.attribute(report.toolName))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\""
        out += " errors=\"\(totals.errors)\" time=\"0\">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        return out
    }

    private func suite(_ record: CheckReport.CheckedRecord, rules: [RuleInfo]) -> (String, Int) {
        let byRule = Dictionary(grouping: record.diagnostics, by: \.ruleID)
        var cases = ""
        var failures = 0
        let className = Self.attribute(record.name)
        for rule in rules {
            let found = byRule[rule.id] ?? []
            let failing = found.filter { $0.severity >= failureThreshold }
            let passing = found.filter { $0.severity < failureThreshold }
            let head = "    <testcase name=\"\(Self.attribute(rule.id))\" classname=\"\(className)\" time=\"0\""
            if found.isEmpty {
                cases += head + "/>\n"
                continue
            }
            cases += head + ">\n"
            if let first = failing.first {
                failures += 1
                let message = failing.count == 1 ? first.message : "\(failing.count) findings; first: \(first.message)"
                cases += "      <failure type=\"\(first.severity.rawValue)\" message=\"\(Self.attribute(message))\">"
                cases += Self.text(failing.map(Self.line).joined(separator: "\n")) + "</failure>\n"
            }
            if !passing.isEmpty {
                cases += "      <system-out>" + Self.text(passing.map(Self.line).joined(separator: "\n")) + "</system-out>\n"
            }
            cases += "    </testcase>\n"
        }
        var out = "  <testsuite name=\"\(className)\" tests=\"\(rules.count)\" failures=\"\(failures)\" errors=\"0\""
        out += " skipped=\"0\" time=\"0\" file=\"\(Self.attribute(record.file))\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"file\" value=\"\(Self.attribute(record.file))\"/>\n"
        out += "      <property name=\"record\" value=\"\(record.index)\"/>\n"
        if let format = record.format {
            out += "      <property name=\"format\" value=\"\(Self.attribute(format.rawValue))\"/>\n"
        }
        out += "    </properties>\n"
        out += cases
        out += "  </testsuite>\n"
        return (out, failures)
    }

    private func errorSuite(_ error: CheckReport.InputError) -> String {
        let name = Self.attribute(error.file)
        var out = "  <testsuite name=\"\(name)\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\" file=\"\(name)\">\n"
        out += "    <testcase name=\"read\" classname=\"\(name)\" time=\"0\">\n"
        out += "      <error type=\"input\" message=\"\(Self.attribute(error.message))\">"
        out += Self.text(error.description) + "</error>\n"
        out += "    </testcase>\n"
        out += "  </testsuite>\n"
        return out
    }

    /// `file:line:column: severity: message [rule-id]`, then the notes and the fix, indented.
    static func line(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.locationDescription): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.ruleID)]"
        for note in diagnostic.notes { out += "\n  note: \(note.message)" }
        if let fix = diagnostic.fix { out += "\n  fix: \(fix.message)" }
        return out
    }

    /// Character data: markup escaped, and characters XML 1.0 cannot carry replaced by U+FFFD.
    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// An attribute value: as `text`, plus quotes and line breaks as character references.
    static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
