/// Writes a scan as JSON lines: one object per record (with its facts and diagnostics nested), one
/// per failure, and a last one describing the scan. Keys are the columns of the database tables.
///
/// ```
/// {"type":"record","id":1,"nct_id":"NCT01234567",…,"facts":[{"seq":0,"kind":"dose",…}],"diagnostics":[…]}
/// {"type":"failure","id":1,"source":"bad.json",…}
/// {"type":"scan","id":1,"started_at":…,"records":35990,…}
/// ```
public final class JSONLinesSink: ScanSink {
    private let file: OutputFile
    private var info: ScanInfo?
    private var nextRecordID = 1
    private var nextFailureID = 1

    public var earlierScans: (any EarlierScanIndex)? { nil }

    /// Writes to the file at `path`, or standard output for `-`.
    public init(path: String) throws(SinkError) {
        file = try OutputFile(path: path)
    }

    public func begin(_ scan: ScanInfo) throws {
        info = scan
    }

    public func write(_ result: ItemResult) throws {
        for record in result.records {
            let facts = record.facts.enumerated().map { seq, fact in
                JSONWriter.object(.facts, Rows.fact(fact, recordID: nextRecordID, seq: seq), dropping: 1)
            }
            let diagnostics = record.diagnostics.enumerated().map { seq, diagnostic in
                JSONWriter.object(.diagnostics, Rows.diagnostic(diagnostic, recordID: nextRecordID, seq: seq), dropping: 1)
            }
            let line = JSONWriter.object(
                .records, Rows.record(record, id: nextRecordID, scanID: 1),
                leading: [("type", "\"record\"")],
                extra: [("facts", JSONWriter.array(facts)), ("diagnostics", JSONWriter.array(diagnostics))])
            try file.write(line + "\n")
            nextRecordID += 1
        }
        for failure in result.failures {
            try file.write(JSONWriter.object(.failures, Rows.failure(failure, id: nextFailureID, scanID: 1), leading: [("type", "\"failure\"")]) + "\n")
            nextFailureID += 1
        }
    }

    public func finish(_ totals: ScanTotals) throws {
        if let info {
            try file.write(JSONWriter.object(.scans, Rows.scan(info, id: 1, finishedAt: utcTimestamp(), totals: totals), leading: [("type", "\"scan\"")]) + "\n")
        }
        try file.flush()
    }
}
