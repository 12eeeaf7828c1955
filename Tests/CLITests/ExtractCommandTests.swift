import Foundation
import TestSupport
import Testing

/// `ctlint extract` run as a program.
struct ExtractCommandTests {
    static let reference = TestPaths.fixture("reference/NCT06813157.json").path

    @Test func jsonIsOneArrayOfRecordsInTheContractsShape() throws {
        let result = try runCTLint(["extract", Self.reference, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        try #require(records.count == 1)
        #expect(records[0]["nctId"] as? String == "NCT06813157")
        let source = try #require(records[0]["source"] as? [String: Any])
        #expect(source["path"] as? String == Self.reference)
        #expect(source["format"] as? String == "json-v2")
        let facts = try #require(records[0]["facts"] as? [[String: Any]])
        let dose = try #require(facts.first { $0["kind"] as? String == "dose" })
        #expect(dose["normalized"] as? String == "1e8 {cells}/kg")
        #expect(dose["field"] as? String == "protocolSection.descriptionModule.briefSummary")
        #expect(dose["text"] as? String == "1 × 108/kg")
        #expect((dose["utf8Range"] as? [Int])?.count == 2)
        #expect(dose["rule"] as? String == "dose.scientific-notation")
        #expect(dose["notes"] as? [String] == ["lost-superscript: read '108' as 10^8"])
    }

    @Test func jsonLinesIsOneRecordPerLine() throws {
        let result = try runCTLint(["extract", "--format", "jsonl", Self.reference, Self.reference])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(record?["nctId"] as? String == "NCT06813157")
        }
    }

    @Test func textIsATableGroupedByField() throws {
        let result = try runCTLint(["extract", "--format", "text", Self.reference])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("  protocolSection.descriptionModule.briefSummary\n"))
        #expect(result.standardOutput.contains("1e8 {cells}/kg"))
        #expect(result.standardOutput.contains("«1 × 108/kg»"))
    }

    @Test func unreadableFilesAreReportedAndTheOthersStillRead() throws {
        let missing = "no-such-record.json"
        let result = try runCTLint(["extract", "--format", "jsonl", missing, Self.reference])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(missing)"))
        #expect(result.standardError.contains("error:"))
        #expect(result.standardOutput.split(separator: "\n").count == 1)
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let result = try runCTLint(["extract", "--format", "yaml", Self.reference])
        #expect(result.status == 2)
    }
}
