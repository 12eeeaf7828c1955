import Foundation
import Testing
import TestSupport

/// `ctlint check` run as a program: exit statuses, formats, configuration and input errors.
@Suite struct CheckCommandTests {
    static let asOf = ["--as-of", "2025-12-01"]
    static let withFindings = TestPaths.fixture("corpus/json-v2/NCT00080808.json").path
    static let warningOnly = TestPaths.fixture("corpus/xml-legacy/NCT00002618.xml").path

    @Test(arguments: ["reference/NCT06813157.description-module.txt", "reference/NCT06813157.json", "reference/NCT06813157.xml",
        "reference/NCT06813157.upload.xml"])
    func theReferenceStudyChecksCleanInEveryFormatButForWhatItsTextEarns(_ name: String) throws {
        let path = TestPaths.fixture(name).path
        try #require(FileManager.default.fileExists(atPath: path), "missing fixture \(name)")
        let result = try runCTLint(["check", path] + Self.asOf)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("[dose-lost-superscript]"))
        #expect(result.standardOutput.contains("[visit-code-gap]"))
        #expect(result.standardError == "0 errors, 1 warning, 1 note in 1 record\n")
    }

    @Test func findingsAtOrAboveFailOnExitOne() throws {
        let result = try runCTLint(["check", Self.withFindings] + Self.asOf)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(": error: the intervention model is SINGLE_GROUP, but the study has 2 arms [single-group-arm-count]"))
        #expect(result.standardOutput.contains(": warning: the allocation is RANDOMIZED, but the model is SINGLE_GROUP [randomized-single-arm]"))
        #expect(result.standardError.hasSuffix("1 error, 1 warning, 0 notes in 1 record\n"))
        // No terminal, so no colour.
        #expect(!result.standardOutput.contains("\u{1B}["))
    }

    @Test func failOnSetsTheThreshold() throws {
        #expect(try runCTLint(["check", Self.warningOnly] + Self.asOf).status == 0)
        #expect(try runCTLint(["check", "--fail-on", "warning", Self.warningOnly] + Self.asOf).status == 1)
        #expect(try runCTLint(["check", "--fail-on", "fatal", Self.warningOnly]).status == 2)
    }

    @Test func aFindingPointsAtTheValueWithTheSourceLine() throws {
        let result = try runCTLint(["check", Self.warningOnly] + Self.asOf)
        #expect(result.standardOutput == """
            \(Self.warningOnly):96:21: warning: the study is COMPLETED, but its enrollment is still ESTIMATED [enrollment-status]
             96 |   <enrollment type="Anticipated">242</enrollment>
                |                     ^~~~~~~~~~~
                = fix: report the actual number enrolled, typed ACTUAL

            """)
    }

    @Test func readsStandardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.warningOnly))
        let result = try runCTLint(["check", "-", "--format", "json"] + Self.asOf, input: data)
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array.first?["file"] as? String == "-")
        #expect(array.first?["ruleId"] as? String == "enrollment-status")
    }

    @Test func anUnreadableFileIsAnInputErrorThatNamesIt() throws {
        let result = try runCTLint(["check", "/nonexistent/study.json", Self.withFindings] + Self.asOf)
        #expect(result.status == 2)
        #expect(result.standardError.contains("/nonexistent/study.json: error: cannot open"))
        // The other file is still checked.
        #expect(result.standardOutput.contains("[single-group-arm-count]"))
    }

    @Test func malformedInputGivesLineAndColumn() throws {
        let result = try runCTLint(["check", "-"], input: Data("{\"protocolSection\": {\"identificationModule\": \n  {\"nctId\": }}}".utf8))
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("-:2:"), "\(result.standardError)")
    }

    @Test func sarifOutputValidatesAgainstTheSchema() throws {
        let result = try runCTLint(["check", "--format", "sarif", Self.withFindings, Self.warningOnly] + Self.asOf)
        #expect(result.status == 1)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-cli-\(UUID().uuidString).sarif")
        try result.standardOutput.write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            jsonschema.validators.validator_for(schema)(schema).validate(log)
            run = log["runs"][0]
            print(len(run["tool"]["driver"]["rules"]), sorted(r["ruleId"] for r in run["results"]))
            """
        let check = try python(script, TestPaths.fixture("schemas/sarif-schema-2.1.0.json").path, log.path)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.hasSuffix("['enrollment-status', 'randomized-single-arm', 'single-group-arm-count']\n"))
    }

    @Test func junitOutputIsReadByAJUnitParser() throws {
        let result = try runCTLint(["check", "--format", "junit", Self.withFindings, Self.warningOnly] + Self.asOf)
        #expect(result.status == 1)
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-cli-\(UUID().uuidString).xml")
        try result.standardOutput.write(to: report, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: report) }
        let script = """
            import sys, junitparser, xmlschema
            xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])
            for suite in junitparser.JUnitXml.fromfile(sys.argv[2]):
                print(suite.name, suite.tests, suite.failures)
            """
        let check = try python(script, TestPaths.fixture("schemas/junit-10.xsd").path, report.path)
        #expect(check.status == 0, "\(check.output)")
        // One test case per rule that runs: protocol rules run only with --protocol.
        let rules = try runCTLint(["rules"]).standardOutput.split(separator: "\n")
            .filter { $0.split(separator: " ", omittingEmptySubsequences: true)[1] != "protocol" }.count
        #expect(check.output == "NCT00080808 \(rules) 1\nNCT00002618 \(rules) 0\n")
    }

    @Test func configurationTurnsRulesOffFoundUpwardFromTheWorkingDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-cfg-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("records/2025")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "rules:\n  single-group-arm-count: warning\n  randomized-single-arm: off\n"
            .write(to: root.appendingPathComponent(".ctlint.yml"), atomically: true, encoding: .utf8)
        let result = try runCTLint(["check", Self.withFindings] + Self.asOf, directory: nested)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(": warning: the intervention model is SINGLE_GROUP"))
        #expect(!result.standardOutput.contains("randomized-single-arm"))
    }

    @Test func anUnknownRuleInTheConfigurationIsAnInputError() throws {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-\(UUID().uuidString).yml")
        try "fail-on: note\nrules:\n  single-group-arm-cont: off\n".write(to: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: config) }
        let result = try runCTLint(["check", "--config", config.path, Self.withFindings])
        #expect(result.status == 2)
        #expect(result.standardError == "\(config.path):3:3: error: unknown rule `single-group-arm-cont`; did you mean `single-group-arm-count`?\n")
    }

    @Test func withoutFilesIsAUsageError() throws {
        let result = try runCTLint(["check"])
        #expect(result.status == 2)
    }

    @Test(.enabled(if: TestPaths.sharedCorpus != nil))
    func checksTheWholeSharedCorpusWithoutACrash() throws {
        let corpus = try #require(TestPaths.sharedCorpus)
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.sorted().map { corpus.appendingPathComponent($0).path }
        #expect(files.count > 1000)
        let result = try runCTLint(["check", "--format", "json"] + Self.asOf + files)
        #expect([0, 1].contains(result.status), "status \(result.status): \(result.standardError.suffix(2000))")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        // A rule that fires on most real records is probably wrong: none reaches a tenth of them.
        var records: [String: Set<String>] = [:]
        for finding in array {
            records[finding["ruleId"] as! String, default: []].insert(finding["file"] as! String)
        }
        for (rule, hit) in records { #expect(hit.count < files.count / 10, "\(rule) fires on \(hit.count) of \(files.count) files") }
    }

    private func python(_ script: String, _ arguments: String...) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite struct RulesCommandTests {
    @Test func listsEveryRuleWithFamilySeverityAndSummary() throws {
        let result = try runCTLint(["rules"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count >= 25)
        let line = try #require(lines.first { $0.hasPrefix("single-group-arm-count ") })
        #expect(line.contains(" registry ") && line.contains(" error ") && line.hasSuffix("A SINGLE_GROUP study has exactly one arm."))
    }

    @Test func explainsOneRuleWithItsExamples() throws {
        let result = try runCTLint(["rules", "single-group-arm-count"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("single-group-arm-count (registry, error)\n"))
        #expect(result.standardOutput.contains("Source: PRSXSD number_of_arms"))
        #expect(result.standardOutput.contains("Triggering examples"))
        #expect(result.standardOutput.contains(#""interventionModel": "↓SINGLE_GROUP""#))
    }

    @Test func anUnknownRuleIsAUsageErrorWithASuggestion() throws {
        let result = try runCTLint(["rules", "single-group-arms"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown rule `single-group-arms`; did you mean `single-group-arm-count`?"))
    }
}
