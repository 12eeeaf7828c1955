import Foundation
import TestSupport
import Testing

/// `ctlint check` on legacy XML: the record is validated against public.xsd, and each violation is a
/// `schema` error at its place in every renderer.
@Suite struct LegacySchemaCheckCommandTests {
    static let asOf = ["--as-of", "2025-12-01"]
    /// A record of the oldest legacy form, which breaks the 2020 public.xsd in five places
    /// (`SchemaValidationTests.anOldLegacyRecordBreaksTheSchemaOfTwentyTwenty` says which).
    static let record = TestPaths.fixture("corpus/xml-legacy/NCT00482794.xml").path
    static let expected = ["27:5", "82:3", "86:5", "155:13", "214:3"]

    @Test func violationsOfPublicXSDAreSchemaErrorsInEveryRenderer() throws {
        let human = try runCTLint(["check", Self.record] + Self.asOf)
        #expect(human.status == 1)
        let schemaLines = human.standardOutput.split(separator: "\n").filter { $0.hasSuffix("[schema]") }
        #expect(schemaLines.map { $0.dropFirst(Self.record.count + 1).split(separator: ":")[0...1].joined(separator: ":") } == Self.expected)
        #expect(schemaLines.allSatisfy { $0.contains(": error: ") })
        #expect(human.standardOutput.contains("\(Self.record):155:13: error: <gender>: [facet 'enumeration'] The value 'Both' is not an element of the set {'Female', 'Male', 'All'}."))

        let json = try runCTLint(["check", "--format", "json", Self.record] + Self.asOf)
        #expect(json.status == 1)
        let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let schema = diagnostics.filter { $0["ruleId"] as? String == "schema" }
        #expect(schema.map { d in
            let start = d["start"] as? [String: Int]
            return "\(start?["line"] ?? 0):\(start?["column"] ?? 0)"
        } == Self.expected)
        #expect(schema.allSatisfy { $0["severity"] as? String == "error" })

        let sarif = try runCTLint(["check", "--format", "sarif", Self.record] + Self.asOf)
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.standardOutput.utf8)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let schemaResults = results.filter { $0["ruleId"] as? String == "schema" }
        #expect(schemaResults.map { result -> String in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Any]
            return "\(region?["startLine"] ?? 0):\(region?["startColumn"] ?? 0)"
        } == Self.expected)
        #expect(schemaResults.allSatisfy { $0["level"] as? String == "error" })

        let junit = try runCTLint(["check", "--format", "junit", Self.record] + Self.asOf)
        #expect(junit.status == 1)
        #expect(junit.standardOutput.contains("<testcase name=\"schema\""))
        for position in Self.expected { #expect(junit.standardOutput.contains("\(Self.record):\(position)")) }
    }

    /// A legacy record that follows public.xsd has no `schema` finding.
    @Test func aValidLegacyRecordHasNoSchemaFinding() throws {
        let valid = TestPaths.fixture("corpus/xml-legacy/NCT00000102.xml").path
        let result = try runCTLint(["check", "--format", "json", valid] + Self.asOf)
        #expect(result.status != 2)
        let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(!diagnostics.contains { $0["ruleId"] as? String == "schema" })
    }
}
