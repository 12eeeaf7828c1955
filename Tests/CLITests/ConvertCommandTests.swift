import Foundation
import TestSupport
import Testing

/// `ctlint convert` run as a program: upload XML and API v2 JSON, the identity the upload needs, and errors.
@Suite struct ConvertCommandTests {
    static let reference = TestPaths.fixture("reference/NCT06813157.json").path
    static let v2 = TestPaths.fixture("corpus/json-v2/NCT01589588.json").path
    static let legacy = TestPaths.fixture("corpus/xml-legacy/NCT03377387.xml").path

    /// A temporary folder, removed after `body`.
    static func inTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    /// The reference study becomes the fixture, a partial upload, and the placeholders are said, never silent.
    @Test func theReferenceStudyBecomesAPartialUploadWithItsPlaceholdersSaid() throws {
        let result = try runCTLint(["convert", Self.reference, "--to", "upload-xml"])
        #expect(result.status == 0, "\(result.standardError)")
        let fixture = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.upload.xml"), encoding: .utf8)
        #expect(result.standardOutput == fixture)
        #expect(result.standardError == """
            \(Self.reference): warning: NCT06813157: org_name is REPLACE-WITH-PRS-ORGANIZATION: public records do not hold the PRS account's name; replace it, or give --org-name
            \(Self.reference): warning: NCT06813157: org_study_id is REPLACE-WITH-ORG-STUDY-ID: the record has no org study id; replace it with the sponsor's protocol number, or give --org-study-id
            \(Self.reference): note: NCT06813157: the record holds only some of the study's data, so it is written as a partial upload (partial_upload="true"): the PRS replaces the elements it holds and keeps the others

            """)
    }

    @Test func theIdentityCanBeGiven() throws {
        let result = try runCTLint(["convert", Self.reference, "--to", "upload-xml", "--org-name", "CCTU", "--org-study-id", "ITP-MSC-01"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("<org_name>CCTU</org_name>\n      <org_study_id>ITP-MSC-01</org_study_id>"))
        #expect(!result.standardError.contains("warning"))
    }

    /// `ctlint parse` of the converted file gives back what the upload carries of the study.
    @Test(arguments: [v2, legacy])
    func parseGivesBackTheConvertedStudy(_ source: String) throws {
        try Self.inTemporaryFolder { folder in
            let upload = folder.appendingPathComponent("study.upload.xml").path
            let converted = try runCTLint(["convert", source, "--to", "upload-xml", "-o", upload])
            #expect(converted.status == 0)
            #expect(converted.standardOutput.isEmpty)
            let checked = try runCTLint(["check", "--format", "json", upload])
            let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(checked.standardOutput.utf8)) as? [[String: Any]])
            #expect(!diagnostics.contains { $0["ruleId"] as? String == "schema" }, "\(checked.standardOutput)")
            let original = try Self.carried(try runCTLint(["parse", "--format", "json", source]).standardOutput)
            let readBack = try Self.carried(try runCTLint(["parse", "--format", "json", upload]).standardOutput)
            #expect(readBack == original)
            #expect(readBack["arms"] != nil && readBack["interventions"] != nil)
        }
    }

    /// The fields the upload carries, from `ctlint parse --format json` output.
    static func carried(_ json: String) throws -> [String: String] {
        let studies = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let section = try #require(studies.first?["protocolSection"] as? [String: Any])
        let identification = section["identificationModule"] as? [String: Any] ?? [:]
        let description = section["descriptionModule"] as? [String: Any] ?? [:]
        let arms = section["armsInterventionsModule"] as? [String: Any] ?? [:]
        func text(_ value: Any?) -> String? {
            guard let value else { return nil }
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            return data.map { String(decoding: $0, as: UTF8.self) }
        }
        // v2 arms list their interventions by name, which the upload links from the interventions' side.
        let armGroups = (arms["armGroups"] as? [[String: Any]])?.map { $0.filter { $0.key != "interventionNames" } }
        return [
            "orgStudyId": text((identification["orgStudyIdInfo"] as? [String: Any])?["id"]),
            "briefTitle": text(identification["briefTitle"]), "officialTitle": text(identification["officialTitle"]),
            "briefSummary": text(description["briefSummary"]), "detailedDescription": text(description["detailedDescription"]),
            "arms": text(armGroups), "interventions": text(arms["interventions"]),
        ].compactMapValues { $0 }
    }

    @Test func v2JSONIsWhatParsePrints() throws {
        let converted = try runCTLint(["convert", Self.legacy, "--to", "v2-json"])
        #expect(converted.status == 0)
        let parsed = try runCTLint(["parse", "--format", "json", Self.legacy])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(converted.standardOutput.utf8)) as? [String: Any])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(parsed.standardOutput.utf8)) as? [[String: Any]])
        #expect(NSDictionary(dictionary: object) == NSDictionary(dictionary: try #require(array.first)))
    }

    @Test func badUseAndBadInputExitTwo() throws {
        let unreadable = try runCTLint(["convert", "/nonexistent/study.json", "--to", "upload-xml"])
        #expect(unreadable.status == 2)
        #expect(unreadable.standardError.hasPrefix("/nonexistent/study.json: error: cannot open"))
        let unwritable = try runCTLint(["convert", Self.v2, "--to", "upload-xml", "-o", "/nonexistent/dir/study.xml"])
        #expect(unwritable.status == 2)
        #expect(unwritable.standardError.hasPrefix("/nonexistent/dir/study.xml: error: cannot write the converted file"))
        #expect(try runCTLint(["convert", Self.v2, "--to", "csv"]).status == 2)
        #expect(try runCTLint(["convert", Self.v2, "--to", "v2-json", "--org-name", "X"]).status == 2)
        let truncated = try runCTLint(["convert", "-", "--to", "upload-xml"], input: Data("<clinical_study>\n  <id_info>\n".utf8))
        #expect(truncated.status == 2)
        #expect(truncated.standardError.hasPrefix("-:3:1: error: the document ends inside <id_info>"))
    }

    @Test func oneOrgStudyIDNamesOneStudy() throws {
        try Self.inTemporaryFolder { folder in
            let two = folder.appendingPathComponent("two.json")
            let one = try String(contentsOfFile: Self.v2, encoding: .utf8)
            try "[\(one), \(one)]".write(to: two, atomically: true, encoding: .utf8)
            let refused = try runCTLint(["convert", two.path, "--to", "upload-xml", "--org-study-id", "A-1"])
            #expect(refused.status == 2)
            #expect(refused.standardError == "\(two.path): error: --org-study-id names one study, but the file holds 2 records\n")
            let both = try runCTLint(["convert", two.path, "--to", "upload-xml"])
            #expect(both.status == 0)
            #expect(both.standardOutput.components(separatedBy: "<clinical_study>").count == 3)
            let parsed = try runCTLint(["parse", "--format", "jsonl", "-"], input: Data(both.standardOutput.utf8))
            #expect(parsed.status == 0)
            #expect(parsed.standardOutput.split(separator: "\n").count == 2)
        }
    }
}
