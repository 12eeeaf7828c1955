@testable import Diagnostics
import Foundation
import RegistryModel
import Testing
import TestSupport

@Suite struct JSONRendererTests {
    @Test func rendersTheGoldenOutput() throws {
        let output = JSONRenderer().render(Sample.diagnostics)
        #expect(try matchesGolden(output, "diagnostics.json"), "\(output)")
    }

    @Test func everyFieldIsPresentAndParses() throws {
        let output = JSONRenderer().render(Sample.diagnostics)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(array.count == 3)
        let keys = ["ruleId", "severity", "message", "file", "record", "nctId", "fieldPath", "start", "end", "notes", "fix"]
        for object in array { #expect(Set(object.keys) == Set(keys)) }
        let start = try #require(array[0]["start"] as? [String: Int])
        #expect(start == ["line": 17, "column": 481, "offset": 1044])
        #expect(array[2]["start"] is NSNull)
    }

    @Test func escapesControlCharacters() {
        let diagnostic = Diagnostic(ruleID: "x", severity: .note, message: "a\u{1}b\"c\\\n", file: "f")
        #expect(JSONRenderer().render([diagnostic]).contains(#""message": "a\u0001b\"c\\\n""#))
    }
}

@Suite struct SARIFRendererTests {
    @Test func rendersTheGoldenOutput() throws {
        let output = SARIFRenderer().render(Sample.report)
        #expect(try matchesGolden(output, "diagnostics.sarif"), "\(output)")
    }

    @Test func validatesAgainstTheSARIF210Schema() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-\(UUID().uuidString).sarif")
        try SARIFRenderer().render(Sample.report).write(to: log, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: log) }
        let schema = TestPaths.fixture("schemas/sarif-schema-2.1.0.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            jsonschema.validators.validator_for(schema)(schema).validate(log)
            print("valid", len(log["runs"][0]["results"]))
            """
        let result = try run("python3", ["-c", script, schema, log.path])
        #expect(result.status == 0, "SARIF output fails the schema (needs `pip install jsonschema`): \(result.output)")
        #expect(result.output.contains("valid 3"))
    }

    @Test func columnsAreCodePointsAndEndsAreExclusive() throws {
        let output = SARIFRenderer().render(Sample.report)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first)
        let region = try #require((location["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])
        #expect(region == ["startLine": 17, "startColumn": 481, "endLine": 17, "endColumn": 487])
        #expect(results.map { $0["level"] as? String } == ["warning", "note", "error"])
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
    }

    @Test func pathsBecomeURIReferences() {
        #expect(SARIFRenderer.uri("a b/ü.json") == "a%20b/%C3%BC.json")
        #expect(SARIFRenderer.uri("/tmp/x.xml") == "file:///tmp/x.xml")
        #expect(SARIFRenderer.uri("-") == "stdin")
    }
}

@Suite struct JUnitRendererTests {
    @Test func rendersTheGoldenOutput() throws {
        let output = JUnitRenderer(failureThreshold: .warning).render(Sample.report)
        #expect(try matchesGolden(output, "diagnostics.junit.xml"), "\(output)")
    }

    @Test func isReadByAStandardJUnitParserAndValidatesAgainstTheJenkinsSchema() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-\(UUID().uuidString).xml")
        try JUnitRenderer(failureThreshold: .warning).render(Sample.report).write(to: report, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: report) }
        let schema = TestPaths.fixture("schemas/junit-10.xsd").path
        let script = """
            import sys, junitparser, xmlschema
            xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])
            xml = junitparser.JUnitXml.fromfile(sys.argv[2])
            for suite in xml:
                for case in suite:
                    kinds = sorted(type(r).__name__ for r in case.result)
                    if kinds:
                        print(suite.name, case.classname, case.name, ",".join(kinds))
                print(suite.name, "tests", suite.tests, "failures", suite.failures, "errors", suite.errors)
            """
        let result = try run("python3", ["-c", script, schema, report.path])
        #expect(result.status == 0, "JUnit output is not read (needs `pip install junitparser xmlschema`): \(result.output)")
        #expect(result.output == """
            NCT06813157 NCT06813157 brief-title-missing Failure
            NCT06813157 NCT06813157 dose-lost-superscript Failure
            NCT06813157 tests 3 failures 2 errors 0
            Fixtures/clean.json#0 tests 3 failures 0 errors 0
            broken.json broken.json read Error
            broken.json tests 1 failures 0 errors 1

            """)
    }

    @Test func findingsBelowTheThresholdAreOutputNotFailures() {
        let output = JUnitRenderer(failureThreshold: .error).render(Sample.report)
        #expect(output.contains(#"<testsuite name="NCT06813157" tests="3" failures="1""#))
        #expect(output.contains("<system-out>Fixtures/reference/NCT06813157.description-module.txt:17:481: warning:"))
    }
}
