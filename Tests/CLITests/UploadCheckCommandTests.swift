import Foundation
import TestSupport
import Testing

/// `ctlint check` on upload XML: schema violations in every renderer, and exit codes.
@Suite struct UploadCheckCommandTests {
    static let asOf = ["--as-of", "2025-12-01"]

    /// A copy of a valid upload file with a child element out of place, a required element removed and a
    /// value outside its vocabulary, in three different elements.
    static func editedUpload() throws -> (path: String, text: String) {
        var text = try String(contentsOf: TestPaths.fixture("upload/json-v2/NCT01589588.upload.xml"), encoding: .utf8)
        let title = "    <brief_title>Administration of Oxygen to Cluster Headache Patients</brief_title>\n"
        text = text.replacingOccurrences(of: title, with: "")
        text = text.replacingOccurrences(of: "    </sponsors>\n", with: "    </sponsors>\n" + title)
        text = text.replacingOccurrences(of: "      <arm_group_label>Mask 2</arm_group_label>\n", with: "")
        let value = try #require(text.range(of: "<intervention_type>Device</intervention_type>"))
        text.replaceSubrange(value, with: "<intervention_type>Devise</intervention_type>")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-upload-\(UUID().uuidString).xml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (url.path, text)
    }

    /// `line:column` of the `occurrence`-th `needle` in `text`.
    static func position(of needle: String, in text: String, occurrence: Int = 1) throws -> String {
        var from = text.startIndex
        var start = text.startIndex
        for _ in 0..<occurrence {
            let found = try #require(text.range(of: needle, range: from..<text.endIndex))
            start = found.lowerBound
            from = found.upperBound
        }
        let before = text[..<start]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = (before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before).unicodeScalars.count + 1
        return "\(line):\(column)"
    }

    @Test func threeViolationsAreThreeErrorsAndExitOne() throws {
        let (path, text) = try Self.editedUpload()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = [
            try Self.position(of: "<brief_title>", in: text), try Self.position(of: "<arm_group>", in: text, occurrence: 2),
            try Self.position(of: "Devise", in: text),
        ]

        let human = try runCTLint(["check", path] + Self.asOf)
        #expect(human.status == 1)
        let schemaLines = human.standardOutput.split(separator: "\n").filter { $0.hasSuffix("[schema]") }
        #expect(schemaLines.map { $0.split(separator: ":")[1...2].joined(separator: ":") } == expected)
        #expect(human.standardOutput.contains("\(path):\(expected[2]): error: \"Devise\" is not a value of <intervention_type>"))

        let json = try runCTLint(["check", "--format", "json", path] + Self.asOf)
        #expect(json.status == 1)
        let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        let schema = diagnostics.filter { $0["ruleId"] as? String == "schema" }
        #expect(schema.map { d in
            let start = d["start"] as? [String: Int]
            return "\(start?["line"] ?? 0):\(start?["column"] ?? 0)"
        } == expected)
        #expect(schema.allSatisfy { $0["severity"] as? String == "error" })

        let sarif = try runCTLint(["check", "--format", "sarif", path] + Self.asOf)
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.standardOutput.utf8)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let regions = results.filter { $0["ruleId"] as? String == "schema" }.map { result -> String in
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Any]
            return "\(region?["startLine"] ?? 0):\(region?["startColumn"] ?? 0)"
        }
        #expect(regions == expected)

        let junit = try runCTLint(["check", "--format", "junit", path] + Self.asOf)
        #expect(junit.status == 1)
        #expect(junit.standardOutput.contains("<testcase name=\"schema\""))
        for position in expected { #expect(junit.standardOutput.contains("\(path):\(position)")) }
    }

    @Test func turnedOffTheSchemaRuleIsNotRun() throws {
        let (path, _) = try Self.editedUpload()
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-\(UUID().uuidString).yml")
        try "rules:\n  schema: off\n  unknown-code: off\n  arm-label: off\n".write(to: config, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(at: config)
        }
        let result = try runCTLint(["check", "--config", config.path, "--format", "json", path] + Self.asOf)
        #expect(result.status != 2, "\(result.standardError)")
        let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(!diagnostics.contains { $0["ruleId"] as? String == "schema" })
    }

    @Test func theSchemaRuleIsExplained() throws {
        let listed = try runCTLint(["rules"])
        #expect(listed.standardOutput.split(separator: "\n").contains { $0.hasPrefix("schema ") && $0.contains(" registry ") && $0.contains(" error ") })
        let explained = try runCTLint(["rules", "schema"])
        #expect(explained.status == 0)
        #expect(explained.standardOutput.contains("Partial records"))
        #expect(explained.standardOutput.contains("partial_upload=\"true\""))
    }

    @Test func anUnreadableUploadIsAnInputError() throws {
        let truncated = "<prs:study_collection xmlns:prs=\"http://clinicaltrials.gov/prs\">\n  <clinical_study>\n    <id_info>\n"
        let result = try runCTLint(["check", "-"] + Self.asOf, input: Data(truncated.utf8))
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("-:4:1: error: the document ends inside <id_info> (opened at 3:5)"))
        let utf16 = try runCTLint(["check", "-"] + Self.asOf, input: Data([0xFF, 0xFE] + Array("<".utf8)))
        #expect(utf16.status == 2)
        #expect(utf16.standardError.contains("UTF-16"))
    }
}
