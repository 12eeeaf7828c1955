import Diagnostics
import RegistryModel

/// The running counts of a scan, kept by the writing thread, and the summary printed at its end.
public struct ScanTotals: Sendable {
    /// Input items (files and archive members) finished, read or unchanged.
    public var items = 0
    /// Items skipped because their bytes have the hash an earlier scan stored.
    public var unchanged = 0
    public var records = 0
    public var failures = 0
    /// Failures of whole inputs (a path that does not exist, a damaged archive), among `failures`.
    public var inputFailures = 0
    public var facts = 0
    public var diagnostics = SeverityTally()
    /// Bytes of the items finished (uncompressed for archive members).
    public var bytes = 0
    public var recordsByFormat: [RecordFormat: Int] = [:]
    public var failuresByKind: [ScanFailure.Kind: Int] = [:]
    public var findingsByRule: [String: Int] = [:]
    /// Wall-clock seconds from start to end.
    public var seconds = 0.0
    /// `true` when the scan was stopped before every input was read.
    public var interrupted = false
    /// The first few failures, to show on the terminal; the sink has them all.
    public var firstFailures: [ScanFailure] = []
    public static let failuresShown = 10

    public init() {}

    /// Counts one item's results.
    public mutating func add(_ result: ItemResult) {
        if let item = result.item {
            items += 1
            bytes += item.size
        } else {
            inputFailures += result.failures.count
        }
        if result.unchanged { unchanged += 1 }
        records += result.records.count
        failures += result.failures.count
        for failure in result.failures {
            failuresByKind[failure.kind, default: 0] += 1
            if firstFailures.count < ScanTotals.failuresShown { firstFailures.append(failure) }
        }
        // Read in place: a `for` loop would copy each record and finding, retaining every string in it.
        result.records.withUnsafeBufferPointer { records in
            for record in records.indices {
                recordsByFormat[records[record].format, default: 0] += 1
                facts += records[record].facts.count
                records[record].diagnostics.withUnsafeBufferPointer { found in
                    for diagnostic in found.indices {
                        diagnostics.add(found[diagnostic].severity)
                        findingsByRule[found[diagnostic].ruleID, default: 0] += 1
                    }
                }
            }
        }
    }

    /// Megabytes (10⁶ bytes) read per second.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }

    /// The summary printed at the end of a scan: what was read, by format; what failed, by kind; the
    /// findings, by rule (the most frequent first); time and speed.
    public func summary(topRules: Int = 15) -> String {
        var lines: [String] = []
        let status = interrupted ? "scan interrupted" : "scan complete"
        lines.append(
            "\(status): \(items) inputs in \(format(seconds, digits: 1)) s, \(format(Double(bytes) / 1e6, digits: 1)) MB, "
                + "\(format(megabytesPerSecond, digits: 1)) MB/s, \(format(seconds > 0 ? Double(records) / seconds : 0, digits: 0)) records/s")
        let read = items - unchanged
        lines.append(
            "  accounted: \(records) records + \(failures - inputFailures) failed = \(records + failures - inputFailures) read from \(read) inputs"
                + (unchanged > 0 ? "; \(unchanged) unchanged since the last scan, skipped" : ""))
        if interrupted { lines.append("  inputs not reached are not in the results; run the scan again to finish it") }
        if !recordsByFormat.isEmpty {
            let parts = RecordFormat.allCases.compactMap { f in recordsByFormat[f].map { "\(f) \($0)" } }
            lines.append("  records by format: " + parts.joined(separator: ", "))
        }
        if failures > 0 {
            let parts = failuresByKind.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
                .map { "\($0.key.rawValue) \($0.value)" }
            lines.append("  failures: \(failures) (" + parts.joined(separator: ", ") + ")"
                + (inputFailures > 0 ? ", \(inputFailures) of whole inputs" : ""))
        }
        lines.append("  facts: \(facts); findings: \(diagnostics.error) errors, \(diagnostics.warning) warnings, \(diagnostics.note) notes")
        let rules = findingsByRule.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        for (rule, count) in rules.prefix(topRules) {
            lines.append("    \(pad(String(count), 8)) \(rule)")
        }
        if rules.count > topRules { lines.append("    … and \(rules.count - topRules) more rules") }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// Diagnostics counted by severity.
public struct SeverityTally: Sendable, Hashable {
    public var error = 0
    public var warning = 0
    public var note = 0

    public init() {}

    public mutating func add(_ severity: Severity) {
        switch severity {
        case .error: error += 1
        case .warning: warning += 1
        case .note: note += 1
        }
    }

    public var total: Int { error + warning + note }

    /// `true` when at least one diagnostic is at or above `threshold`.
    public func reaches(_ threshold: Severity) -> Bool {
        switch threshold {
        case .error: error > 0
        case .warning: error + warning > 0
        case .note: total > 0
        }
    }
}

/// A number with a fixed count of decimals, without Foundation's locale-dependent formatting.
func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value * scale).rounded()
    let whole = Int(scaled / scale)
    guard digits > 0 else { return String(whole) }
    let fraction = Int(abs(scaled) - abs(Double(whole)) * scale)
    let text = String(fraction)
    return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) + "." + String(repeating: "0", count: digits - text.count) + text
}
