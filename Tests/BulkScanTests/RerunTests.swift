import Foundation
import GRDB
import Testing

@testable import BulkScan

/// Scanning the same inputs into the same database again reads only what changed.
@Suite struct RerunTests {
    @Test func unchangedInputsAreSkippedAndChangedOnesReplaced() throws {
        let folder = try TemporaryFolder()
        for name in Records.names { try folder.write("in/" + name, try Records.bytes(name)) }
        var zip = ZipBuilder()
        zip.add("a/NCT02460003.json", try Records.bytes("json-v2/NCT02460003.json"))
        zip.add("b/NCT00492635.xml", try Records.bytes("xml-legacy/NCT00492635.xml"))
        try zip.write(to: folder.file("in/studies.zip"))
        let inputs = Records.names.count + 2
        let path = folder.file("scan.sqlite").path

        let first = try scan([folder.file("in").path], into: try SQLiteSink(path: path))
        #expect(first.records == inputs)
        #expect(first.unchanged == 0)
        let db = try database(path)
        let facts = try count(db, "SELECT count(*) FROM facts")
        let diagnostics = try count(db, "SELECT count(*) FROM diagnostics")

        let second = try scan([folder.file("in").path], into: try SQLiteSink(path: path))
        #expect(second.items == inputs)
        #expect(second.unchanged == inputs)
        #expect(second.records == 0)
        #expect(try count(db, "SELECT count(*) FROM records") == inputs)
        #expect(try count(db, "SELECT count(*) FROM facts") == facts)
        #expect(try count(db, "SELECT count(*) FROM diagnostics") == diagnostics)
        #expect(try count(db, "SELECT count(*) FROM scans") == 2)
        #expect(try count(db, "SELECT unchanged FROM scans WHERE id = 2") == inputs)

        // One file now holds another study: its rows are replaced, the others are left alone.
        try folder.write("in/json-v2/NCT01589588.json", try Records.bytes("json-v2/NCT02293343.json"))
        let third = try scan([folder.file("in").path], into: try SQLiteSink(path: path))
        #expect(third.records == 1)
        #expect(third.unchanged == inputs - 1)
        #expect(try count(db, "SELECT count(*) FROM records") == inputs)
        #expect(try count(db, "SELECT count(*) FROM records WHERE nct_id = 'NCT01589588'") == 0)
        #expect(try count(db, "SELECT count(*) FROM records WHERE nct_id = 'NCT02293343' AND scan_id = 3") == 1)
        // No fact or diagnostic is left without its record.
        #expect(try count(db, "SELECT count(*) FROM facts WHERE record_id NOT IN (SELECT id FROM records)") == 0)
        #expect(try count(db, "SELECT count(*) FROM diagnostics WHERE record_id NOT IN (SELECT id FROM records)") == 0)

        // --force reads everything again, replacing rather than adding.
        let forced = try scan([folder.file("in").path], into: try SQLiteSink(path: path), force: true)
        #expect(forced.records == inputs)
        #expect(forced.unchanged == 0)
        #expect(try count(db, "SELECT count(*) FROM records") == inputs)
        #expect(try count(db, "SELECT count(DISTINCT scan_id) FROM records") == 1)
        // The writer checks no reference as it inserts (foreign keys are off on its connection): every one
        // holds all the same, and replaced records took their facts and findings with them.
        #expect(try db.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(try count(db, "SELECT count(*) FROM facts WHERE record_id NOT IN (SELECT id FROM records)") == 0)
        #expect(try count(db, "SELECT count(*) FROM diagnostics WHERE record_id NOT IN (SELECT id FROM records)") == 0)
    }

    /// A new database gets its lookup indexes when the scan ends; one whose scan was killed before
    /// that (simulated by dropping them) gets them back before the next scan replaces rows.
    @Test func lookupIndexesAreBuiltAtTheEndAndRepairedOnTheNextScan() throws {
        let folder = try TemporaryFolder()
        for name in Records.names { try folder.write("in/" + name, try Records.bytes(name)) }
        let path = folder.file("scan.sqlite").path
        let indexes = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
        let expected = SQLiteSink.lookupIndexes.count + 1  // and inputs_by_source, made with the tables

        let sink = try SQLiteSink(path: path)
        let db = try database(path)
        #expect(try count(db, indexes) == 1)
        _ = try scan([folder.file("in").path], into: sink)
        #expect(try count(db, indexes) == expected)

        try DatabaseQueue(path: path).write { db in
            for name in ["records_by_nct_id", "records_by_source", "facts_by_kind", "diagnostics_by_rule", "failures_by_source"] {
                try db.execute(sql: "DROP INDEX \(name)")
            }
        }
        #expect(try count(db, indexes) == 1)
        try folder.write("in/json-v2/NCT01589588.json", try Records.bytes("json-v2/NCT02293343.json"))
        _ = try SQLiteSink(path: path)
        #expect(try count(db, indexes) == expected)
        let rescan = try scan([folder.file("in").path], into: try SQLiteSink(path: path))
        #expect(rescan.records == 1)
        #expect(try count(db, "SELECT count(*) FROM records") == Records.names.count)
    }

    @Test func aFailedInputIsReplacedOnceRepaired() throws {
        let folder = try TemporaryFolder()
        let good = try Records.bytes("json-v2/NCT00080808.json")
        try folder.write("in/study.json", Array(good.prefix(1000)))
        let path = folder.file("scan.sqlite").path
        let first = try scan([folder.file("in").path], into: try SQLiteSink(path: path))
        #expect(first.failures == 1)
        try folder.write("in/study.json", good)
        let second = try scan([folder.file("in").path], into: try SQLiteSink(path: path))
        #expect(second.records == 1)
        let db = try database(path)
        #expect(try count(db, "SELECT count(*) FROM failures") == 0)
        #expect(try count(db, "SELECT count(*) FROM records") == 1)
    }

    @Test func aDatabaseOfAnotherKindIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE people (name TEXT)") }
        #expect {
            _ = try SQLiteSink(path: path)
        } throws: { error in
            (error as? SinkError)?.message.contains("not a ctlint scan database") == true
        }
        let text = try folder.write("notes.sqlite", Array("just some text, not SQLite at all".utf8))
        #expect(throws: SinkError.self) { _ = try SQLiteSink(path: text.path) }
    }
}
