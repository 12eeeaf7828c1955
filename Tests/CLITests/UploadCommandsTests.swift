import Foundation
import TestSupport
import Testing

/// `ctlint extract` and `ctlint scan` on upload XML, as on any other format: a collection of several
/// studies gives one record for each.
@Suite struct UploadCommandsTests {
    static let asOf = ["--as-of", "2025-12-01"]
    /// Real records, each converted to one study of a collection.
    static let sources = ["corpus/json-v2/NCT00080808.json", "corpus/json-v2/NCT01589588.json", "corpus/json-v2/NCT06604689.json"]

    /// A temporary folder, removed after `body`.
    static func inTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// An upload collection of the three source studies, written by `ctlint convert`.
    static func collection(in folder: URL) throws -> String {
        let studies = try sources.map { try String(contentsOf: TestPaths.fixture($0), encoding: .utf8) }
        let array = folder.appendingPathComponent("three.json")
        try "[\(studies.joined(separator: ",\n"))]".write(to: array, atomically: true, encoding: .utf8)
        let upload = folder.appendingPathComponent("three.upload.xml").path
        let converted = try runCTLint(["convert", array.path, "--to", "upload-xml", "-o", upload])
        #expect(converted.status == 0, "\(converted.standardError)")
        return upload
    }

    /// The facts of one record, from `ctlint extract --format jsonl`, and its format.
    static func facts(_ path: String) throws -> (format: String?, facts: [NSDictionary]) {
        let result = try runCTLint(["extract", "--format", "jsonl", path])
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let format = (object["source"] as? [String: Any])?["format"] as? String
        return (format, (object["facts"] as? [[String: Any]] ?? []).map { NSDictionary(dictionary: $0) })
    }

    /// The reference study's upload file holds the text of its JSON, so extraction finds the same facts
    /// at the same offsets in each field.
    @Test func extractFindsInTheUploadFileWhatItFindsInTheRecord() throws {
        let json = try Self.facts(TestPaths.fixture("reference/NCT06813157.json").path)
        let upload = try Self.facts(TestPaths.fixture("reference/NCT06813157.upload.xml").path)
        #expect(upload.format == "upload-xml")
        #expect(!upload.facts.isEmpty)
        #expect(upload.facts == json.facts)
    }

    @Test func extractGivesOneRecordPerStudyOfACollection() throws {
        try Self.inTemporaryFolder { folder in
            let upload = try Self.collection(in: folder)
            let result = try runCTLint(["extract", "--format", "jsonl", upload])
            #expect(result.status == 0, "\(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n")
            #expect(lines.count == Self.sources.count)
            #expect(lines.allSatisfy { $0.contains(#""format":"upload-xml""#) })
        }
    }

    /// A scan reads each study of a collection as its own record, in file order, and with
    /// --validate-schema checks it against the upload schema.
    @Test func scanGivesOneRecordPerStudyOfACollection() throws {
        try Self.inTemporaryFolder { folder in
            let upload = try Self.collection(in: folder)
            let result = try runCTLint(["scan", upload, "--validate-schema", "--jsonl", "-"] + Self.asOf)
            #expect(result.status == 0, "\(result.standardError)")
            let objects = try result.standardOutput.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
            let records = objects.filter { $0["type"] as? String == "record" }
            #expect(records.map { $0["record_index"] as? Int } == [0, 1, 2])
            #expect(records.allSatisfy { $0["format"] as? String == "upload-xml" && $0["source"] as? String == upload })
            let titles = try Self.sources.map { source -> String? in
                let parsed = try runCTLint(["parse", "--format", "jsonl", TestPaths.fixture(source).path])
                let study = try JSONSerialization.jsonObject(with: Data(parsed.standardOutput.utf8)) as? [String: Any]
                let identification = (study?["protocolSection"] as? [String: Any])?["identificationModule"] as? [String: Any]
                return identification?["briefTitle"] as? String
            }
            #expect(records.map { $0["title"] as? String } == titles)
            // A collection written by convert follows the upload schema.
            let diagnostics = records.flatMap { $0["diagnostics"] as? [[String: Any]] ?? [] }
            #expect(!diagnostics.contains { $0["rule"] as? String == "schema" })
            #expect(result.standardError.contains("records by format: upload-xml 3"))
        }
    }

    /// With --validate-schema, a study that breaks the upload schema is a `schema` finding of the scan,
    /// on the study's record; without it, XML is not validated (the cost for legacy XML is in scan-stages).
    @Test func scanReportsSchemaViolationsOfAStudyWhenAsked() throws {
        try Self.inTemporaryFolder { folder in
            var text = try String(contentsOf: URL(fileURLWithPath: try Self.collection(in: folder)), encoding: .utf8)
            let value = try #require(text.range(of: "<intervention_type>Device</intervention_type>"))
            text.replaceSubrange(value, with: "<intervention_type>Devise</intervention_type>")
            let edited = folder.appendingPathComponent("edited.upload.xml")
            try text.write(to: edited, atomically: true, encoding: .utf8)
            func schemaFindings(_ flags: [String]) throws -> [Int] {
                let result = try runCTLint(["scan", edited.path, "--jsonl", "-"] + flags + Self.asOf)
                #expect(result.status == 0, "\(result.standardError)")
                let records = try result.standardOutput.split(separator: "\n").compactMap {
                    try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
                }.filter { $0["type"] as? String == "record" }
                return records.map { record in
                    (record["diagnostics"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "schema" }.count
                }
            }
            #expect(try schemaFindings(["--validate-schema"]) == [0, 1, 0])
            #expect(try schemaFindings([]) == [0, 0, 0])
        }
    }
}
