import Foundation
import GRDB
import Testing

@testable import BulkScan

/// The three sinks write the same rows; the worker count changes nothing but speed.
@Suite struct SinkTests {
    private func inputs(_ folder: TemporaryFolder) throws -> [String] {
        for name in Records.names { try folder.write("in/" + name, try Records.bytes(name)) }
        for input in try Records.bad().prefix(2) { try folder.write("in/bad/" + input.name, input.bytes) }
        return [folder.file("in").path]
    }

    @Test func jsonLinesHoldTheDatabaseRows() throws {
        let folder = try TemporaryFolder()
        let inputs = try inputs(folder)
        try scan(inputs, into: try SQLiteSink(path: folder.file("scan.sqlite").path))
        let db = try database(folder.file("scan.sqlite").path)
        try scan(inputs, into: try JSONLinesSink(path: folder.file("scan.jsonl").path))

        let lines = try String(contentsOf: folder.file("scan.jsonl"), encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let records = objects.filter { $0["type"] as? String == "record" }
        let failures = objects.filter { $0["type"] as? String == "failure" }
        #expect(records.count == Records.names.count)
        #expect(failures.count == 2)
        #expect(objects.last?["type"] as? String == "scan")
        #expect(objects.last?["records"] as? Int == Records.names.count)

        for record in records {
            let nctID = record["nct_id"] as! String
            let facts = record["facts"] as! [[String: Any]]
            let diagnostics = record["diagnostics"] as! [[String: Any]]
            let stored = try db.read { db in
                try Row.fetchOne(db, sql: "SELECT id, facts, errors + warnings + notes AS findings FROM records WHERE nct_id = ?", arguments: [nctID])!
            }
            #expect(facts.count == stored["facts"] as Int)
            #expect(diagnostics.count == stored["findings"] as Int)
            let texts = try db.read { db in
                try String.fetchAll(db, sql: "SELECT text FROM facts WHERE record_id = ? ORDER BY seq", arguments: [stored["id"] as Int])
            }
            #expect(facts.map { $0["text"] as! String } == texts)
            #expect(facts.allSatisfy { Set($0.keys).isSuperset(of: ["kind", "normalized", "field", "utf8_start", "utf8_end", "rule"]) })
        }
    }

    @Test func csvFilesHoldOneRowPerDatabaseRow() throws {
        let folder = try TemporaryFolder()
        let inputs = try inputs(folder)
        try scan(inputs, into: try SQLiteSink(path: folder.file("scan.sqlite").path))
        let db = try database(folder.file("scan.sqlite").path)
        try scan(inputs, into: try CSVSink(path: folder.file("csv").path))

        for table in ResultTable.allCases {
            let text = try String(contentsOf: folder.file("csv/\(table.rawValue).csv"), encoding: .utf8)
            let rows = CSV.parse(text)
            #expect(rows.first == table.columns, "\(table)")
            #expect(rows.count - 1 == (try count(db, "SELECT count(*) FROM \(table.rawValue)")), "\(table)")
        }
        // Quoted fields survive: messages hold commas. The two scans ran
        // on several workers, so records finish in different orders: compare each column as a multiset.
        for (table, column) in [(ResultTable.records, "title"), (.diagnostics, "message"), (.facts, "text")] {
            let rows = CSV.parse(try String(contentsOf: folder.file("csv/\(table.rawValue).csv"), encoding: .utf8)).dropFirst()
            let index = try #require(table.columns.firstIndex(of: column))
            let stored = try db.read { try String.fetchAll($0, sql: "SELECT \(column) FROM \(table.rawValue)") }
            #expect(rows.map { $0[index] }.sorted() == stored.sorted(), "\(table).\(column)")
        }
        let messages = try db.read { try String.fetchAll($0, sql: "SELECT message FROM diagnostics") }
        #expect(messages.contains { $0.contains(",") }, "no message needs quoting: the test would not see quoting fail")
    }

    @Test func oneWorkerOrFourGiveTheSameRows() throws {
        let folder = try TemporaryFolder()
        let inputs = try inputs(folder)
        func rows(jobs: Int) throws -> [String] {
            let path = folder.file("scan-\(jobs).sqlite").path
            let totals = try scan(inputs, into: try SQLiteSink(path: path), jobs: jobs)
            #expect(totals.records + totals.failures == Records.names.count + 2)
            let db = try database(path)
            return try db.read {
                try String.fetchAll($0, sql: """
                    SELECT r.nct_id || ' ' || f.seq || ' ' || f.kind || ' ' || f.normalized FROM facts f
                    JOIN records r ON r.id = f.record_id ORDER BY 1
                    """)
            }
        }
        let one = try rows(jobs: 1)
        #expect(!one.isEmpty)
        #expect(try rows(jobs: 4) == one)
    }

    @Test func stoppingKeepsAValidDatabaseOfWhatWasDone() throws {
        let folder = try TemporaryFolder()
        for copy in 0..<40 {
            for name in Records.names { try folder.write("in/\(copy)/" + name, try Records.bytes(name)) }
        }
        let control = ScanControl()
        let path = folder.file("scan.sqlite").path
        let sink = StoppingSink(try SQLiteSink(path: path), after: 10, control: control)
        let totals = try scan([folder.file("in").path], into: sink, control: control)
        #expect(totals.interrupted)
        #expect(totals.items >= 10)
        #expect(totals.items < 40 * Records.names.count)
        #expect(totals.summary().hasPrefix("scan interrupted"))
        let db = try database(path)
        #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        #expect(try count(db, "SELECT count(*) FROM records") == totals.records)
        #expect(try count(db, "SELECT interrupted FROM scans") == 1)
    }
}

/// Passes results on to another sink, and stops the scan after a number of items.
final class StoppingSink: ScanSink {
    let inner: any ScanSink
    let limit: Int
    let control: ScanControl
    var written = 0

    init(_ inner: any ScanSink, after limit: Int, control: ScanControl) {
        self.inner = inner
        self.limit = limit
        self.control = control
    }

    var earlierScans: (any EarlierScanIndex)? { inner.earlierScans }
    func begin(_ scan: ScanInfo) throws { try inner.begin(scan) }
    func finish(_ totals: ScanTotals) throws { try inner.finish(totals) }

    func write(_ result: ItemResult) throws {
        try inner.write(result)
        written += 1
        if written == limit { control.stop() }
    }
}

/// An RFC 4180 reader, enough to read back what `CSVSink` writes.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r" {
                continue
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        return rows
    }
}
