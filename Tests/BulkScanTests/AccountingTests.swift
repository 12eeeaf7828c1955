import Foundation
import GRDB
import Testing

@testable import BulkScan

/// Every input is accounted for: each file or member gives a record or a failure, and the scan goes on.
@Suite struct AccountingTests {
    @Test func folderOfGoodAndBadRecords() throws {
        let folder = try TemporaryFolder()
        for name in Records.names { try folder.write("in/" + name, try Records.bytes(name)) }
        let bad = try Records.bad()
        for input in bad { try folder.write("in/bad/" + input.name, input.bytes) }
        // Not a record by its name: skipped inside a folder.
        try folder.write("in/README.md", Array("# notes\n".utf8))

        let sink = try SQLiteSink(path: folder.file("scan.sqlite").path)
        let totals = try scan([folder.file("in").path], into: sink)

        let inputs = Records.names.count + bad.count
        #expect(totals.items == inputs)
        #expect(totals.records == Records.names.count)
        #expect(totals.failures == bad.count)
        #expect(totals.records + totals.failures == inputs)
        #expect(totals.summary().contains("\(Records.names.count) records + \(bad.count) failed = \(inputs) read from \(inputs) inputs"))

        let db = try database(folder.file("scan.sqlite").path)
        #expect(try count(db, "SELECT count(*) FROM records") == Records.names.count)
        #expect(try count(db, "SELECT count(*) FROM failures") == bad.count)
        #expect(try count(db, "SELECT count(*) FROM inputs") == inputs)
        let kinds = try db.read { try Row.fetchAll($0, sql: "SELECT source, kind, line FROM failures") }
        for input in bad {
            let row = kinds.first { ($0["source"] as String).hasSuffix("/" + input.name) }
            #expect(row?["kind"] == input.kind.rawValue, "\(input.name)")
        }
        // Positions come with the failures that have one.
        #expect(kinds.contains { $0["kind"] == "encoding" && ($0["line"] as Int?) != nil })
        let scanRow = try db.read { try Row.fetchOne($0, sql: "SELECT * FROM scans")! }
        #expect(scanRow["records"] == Records.names.count)
        #expect(scanRow["failures"] == bad.count)
        #expect(scanRow["interrupted"] == 0)
    }

    @Test func zipWithBadAndDamagedMembers() throws {
        let folder = try TemporaryFolder()
        var zip = ZipBuilder()
        for (k, name) in Records.names.enumerated() { zip.add("\(k % 3)/" + name, try Records.bytes(name)) }
        let bad = try Records.bad()
        for input in bad { zip.add("bad/" + input.name, input.bytes) }
        // Stored (not deflated), so that one flipped byte is a CRC error for certain.
        let damaged = try Records.bytes("json-v2/NCT02293343.json")
        zip.add("damaged/NCT02293343.json", damaged, stored: true)
        zip.add("docs/", [], stored: true)
        let url = folder.file("studies.zip")
        try zip.write(to: url)
        var archive = Array(try Data(contentsOf: url))
        let name = Array("damaged/NCT02293343.json".utf8)
        let header = archive.firstRange(of: name)!.upperBound
        archive[header + 100] ^= 0xFF
        try Data(archive).write(to: url)

        let sink = try SQLiteSink(path: folder.file("scan.sqlite").path)
        let totals = try scan([url.path], into: sink)

        let members = Records.names.count + bad.count + 1
        #expect(totals.items == members)
        #expect(totals.records == Records.names.count)
        #expect(totals.failures == bad.count + 1)
        #expect(totals.records + totals.failures == members)
        #expect(totals.failuresByKind[.corruptMember] == 1)

        let db = try database(folder.file("scan.sqlite").path)
        let member: String? = try db.read {
            try String.fetchOne($0, sql: "SELECT member FROM failures WHERE kind = 'corrupt-member'")
        }
        #expect(member == "damaged/NCT02293343.json")
        let sources = try db.read { try String.fetchAll($0, sql: "SELECT DISTINCT source FROM records") }
        #expect(sources == [url.path])
        let nctIDs = try db.read { try String.fetchAll($0, sql: "SELECT nct_id FROM records ORDER BY nct_id") }
        #expect(nctIDs == Records.names.map { String($0.split(separator: "/")[1].prefix(11)) }.sorted())
    }

    @Test func truncatedZipIsOneClearFailure() throws {
        let folder = try TemporaryFolder()
        var zip = ZipBuilder()
        for name in Records.names { zip.add(name, try Records.bytes(name)) }
        let whole = folder.file("whole.zip")
        try zip.write(to: whole)
        let bytes = Array(try Data(contentsOf: whole))
        // A download cut short: the central directory at the end is missing.
        let cut = try folder.write("cut.zip", Array(bytes.prefix(bytes.count * 2 / 3)))

        let sink = try SQLiteSink(path: folder.file("scan.sqlite").path)
        let totals = try scan([cut.path, folder.file("missing.json").path], into: sink)
        #expect(totals.items == 0)
        #expect(totals.failures == 2)
        #expect(totals.inputFailures == 2)
        let messages = totals.firstFailures.map(\.description)
        #expect(messages.contains { $0.hasPrefix(cut.path + ": error: not a complete zip archive") })
        #expect(messages.contains { $0.hasPrefix(folder.file("missing.json").path + ": error: cannot open") })
    }

    @Test func zipWithDamagedCentralDirectoryNamesWhatIsMissing() throws {
        let folder = try TemporaryFolder()
        var zip = ZipBuilder()
        for name in Records.names { zip.add(name, try Records.bytes(name)) }
        let url = folder.file("studies.zip")
        try zip.write(to: url)
        var bytes = Array(try Data(contentsOf: url))
        // Break the signature of the fourth central directory entry.
        var found = 0
        var i = 0
        while i + 4 <= bytes.count {
            if bytes[i...].starts(with: [0x50, 0x4B, 0x01, 0x02]) {
                found += 1
                if found == 4 {
                    bytes[i] = 0
                    break
                }
            }
            i += 1
        }
        try Data(bytes).write(to: url)

        let sink = try SQLiteSink(path: folder.file("scan.sqlite").path)
        let totals = try scan([url.path], into: sink)
        #expect(totals.records == 3)
        #expect(totals.failuresByKind[.corruptArchive] == 1)
        #expect(totals.firstFailures.first?.message.contains("lists \(Records.names.count) members, but member 4") == true)
    }
}
