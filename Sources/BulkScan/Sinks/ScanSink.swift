import ScheduleExtraction

/// Where a scan's results go: a SQLite database, JSON lines, or CSV files.
///
/// A sink is used by one thread, the scan's single writer, in this order: `begin`, `write` for every
/// item's results as they come, `finish`. What `finish` has written is complete and valid, whether
/// the scan ran to its end or was interrupted.
public protocol ScanSink: AnyObject {
    /// The hashes an earlier scan into this sink stored, for skipping unchanged items; `nil` for a
    /// sink that starts afresh each time.
    var earlierScans: (any EarlierScanIndex)? { get }
    func begin(_ scan: ScanInfo) throws
    func write(_ result: ItemResult) throws
    func finish(_ totals: ScanTotals) throws
}

/// What the `scans` table says about a scan: when, over what, with which options, by which version.
public struct ScanInfo: Sendable {
    /// The start, as an ISO 8601 UTC timestamp.
    public let startedAt: String
    public let inputs: [String]
    /// The options as given, by name (`jobs`, `force`, `config`, `as-of`).
    public let options: [(name: String, value: String)]
    public let toolVersion: String

    public init(startedAt: String, inputs: [String], options: [(name: String, value: String)], toolVersion: String) {
        self.startedAt = startedAt
        self.inputs = inputs
        self.options = options
        self.toolVersion = toolVersion
    }

    /// The inputs as a JSON array.
    var inputsJSON: String { "[" + inputs.map(JSONText.string).joined(separator: ",") + "]" }

    /// The options as a JSON object.
    var optionsJSON: String {
        "{" + options.map { JSONText.string($0.name) + ":" + JSONText.string($0.value) }.joined(separator: ",") + "}"
    }
}

/// The current time as an ISO 8601 UTC timestamp with milliseconds (`2025-01-31T12:00:00.123Z`).
public func utcTimestamp() -> String {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    var seconds = now.tv_sec
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let millis = Int(now.tv_nsec / 1_000_000)
    let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(ms)Z"
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
