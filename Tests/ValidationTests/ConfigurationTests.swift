import Diagnostics
import Foundation
import RegistryModel
import Testing
@testable import Validation

@Suite struct ConfigurationTests {
    let rules = RuleCatalog.descriptions

    @Test func turnsRulesOffAndChangesSeverities() throws {
        let configuration = try Configuration.parse(
            """
            # project policy
            fail-on: warning
            rules:
              brief-summary-too-long: off
              stale-status: note
              contacts-missing: on
            """, file: ".ctlint.yml", knownRules: rules)
        #expect(configuration.failOn == .warning)
        let byID = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })
        #expect(configuration.severity(for: byID["brief-summary-too-long"]!) == nil)
        #expect(configuration.severity(for: byID["stale-status"]!) == .note)
        #expect(configuration.severity(for: byID["contacts-missing"]!) == .warning)
        #expect(configuration.severity(for: byID["nct-id-format"]!) == .error)
    }

    @Test func anUnknownRuleIsAnErrorAtItsLineAndColumn() {
        #expect {
            try Configuration.parse("rules:\n  single-group-arm-cnt: off\n", file: "cfg.yml", knownRules: rules)
        } throws: { error in
            "\(error)" == "cfg.yml:2:3: error: unknown rule `single-group-arm-cnt`; did you mean `single-group-arm-count`?"
        }
    }

    @Test func badValuesAndKeysAreErrors() {
        #expect {
            try Configuration.parse("rules:\n  stale-status: loud\n", file: "c.yml", knownRules: rules)
        } throws: { "\($0)".hasPrefix("c.yml:2:17: error: the setting of `stale-status` must be") }
        #expect {
            try Configuration.parse("fail_on: error\n", file: "c.yml", knownRules: rules)
        } throws: { "\($0)".hasPrefix("c.yml:1:1: error: unknown key `fail_on`") }
        #expect {
            try Configuration.parse("fail-on: fatal\n", file: "c.yml", knownRules: rules)
        } throws: { "\($0)".hasPrefix("c.yml:1:10: error: `fail-on` must be") }
        #expect {
            try Configuration.parse("rules: [a, b\n", file: "c.yml", knownRules: rules)
        } throws: { "\($0)".hasPrefix("c.yml:2:1: error: the configuration is not valid YAML") }
    }

    @Test func anEmptyFileIsTheDefault() throws {
        let configuration = try Configuration.parse("# nothing yet\n", file: "c.yml", knownRules: rules)
        #expect(configuration.settings.isEmpty && configuration.failOn == nil)
    }

    @Test func isFoundUpwardFromTheWorkingDirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-config-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Configuration.find(from: nested.path) == nil || !Configuration.find(from: nested.path)!.hasPrefix(root.path))
        try "rules: {}\n".write(to: root.appendingPathComponent(".ctlint.yml"), atomically: true, encoding: .utf8)
        #expect(Configuration.find(from: nested.path) == root.appendingPathComponent(".ctlint.yml").path)
    }

    @Test func aMissingFileIsAnError() {
        #expect {
            try Configuration.load(path: "/nonexistent/.ctlint.yml", knownRules: rules)
        } throws: { "\($0)".hasPrefix("/nonexistent/.ctlint.yml: error: cannot read the configuration file") }
    }
}
