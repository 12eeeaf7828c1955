import Foundation

/// Writes a scan as CSV files in a folder, one per table (`records.csv`, `facts.csv`,
/// `diagnostics.csv`, `failures.csv`, `inputs.csv`, `scans.csv`), with the database's columns as
/// headers. Fields are quoted as RFC 4180 says; a NULL is an empty field.
public final class CSVSink: ScanSink {
    private var files: [ResultTable: OutputFile] = [:]
    private var info: ScanInfo?
    private var nextRecordID = 1
    private var nextFailureID = 1

    public var earlierScans: (any EarlierScanIndex)? { nil }

    /// Creates the folder `path` if needed, and the files in it.
    public init(path: String) throws(SinkError) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw SinkError(path: path, message: "cannot create the folder: \(error.localizedDescription)")
            }
        } else if !isDirectory.boolValue {
            throw SinkError(path: path, message: "is a file; --csv takes a folder to write one file per table into")
        }
        for table in ResultTable.allCases {
            let file = try OutputFile(path: (path as NSString).appendingPathComponent(table.rawValue + ".csv"))
            try file.write(table.columns.joined(separator: ",") + "\r\n")
            files[table] = file
        }
    }

    public func begin(_ scan: ScanInfo) throws {
        info = scan
    }

    public func write(_ result: ItemResult) throws {
        for record in result.records {
            try row(.records, Rows.record(record, id: nextRecordID, scanID: 1))
            for (seq, fact) in record.facts.enumerated() {
                try row(.facts, Rows.fact(fact, recordID: nextRecordID, seq: seq))
            }
            for (seq, diagnostic) in record.diagnostics.enumerated() {
                try row(.diagnostics, Rows.diagnostic(diagnostic, recordID: nextRecordID, seq: seq))
            }
            nextRecordID += 1
        }
        for failure in result.failures {
            try row(.failures, Rows.failure(failure, id: nextFailureID, scanID: 1))
            nextFailureID += 1
        }
        if let item = result.item, let hash = result.contentHash {
            try row(.inputs, Rows.input(result, item: item, hash: hash, scanID: 1))
        }
    }

    public func finish(_ totals: ScanTotals) throws {
        if let info { try row(.scans, Rows.scan(info, id: 1, finishedAt: utcTimestamp(), totals: totals)) }
        for table in ResultTable.allCases { try files[table]?.flush() }
    }

    private func row(_ table: ResultTable, _ values: [RowValue]) throws {
        try files[table]?.write(values.map(CSVSink.field).joined(separator: ",") + "\r\n")
    }

    static func field(_ value: RowValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let n): return String(n)
        case .real(let x): return String(x)
        case .text(let s):
            guard s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
            else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
