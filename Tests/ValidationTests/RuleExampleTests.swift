import Diagnostics
import RegistryFormats
import RegistryModel
import ScheduleModel
import Testing
import Validation

/// Runs every rule's examples: each triggering example must give findings exactly where its markers
/// (and field path) say, each non-triggering example none. A failure is reported at the example's own
/// file and line.
@Suite struct RuleExampleTests {
    static let ids = RuleCatalog.descriptions.map(\.id)

    @Test(arguments: ids)
    func examples(of id: String) throws {
        let rule = try #require(RuleCatalog.rule(id: id))
        let description = rule.ruleDescription
        for example in description.triggeringExamples {
            guard let diagnostics = check(example, with: rule) else { continue }
            if diagnostics.isEmpty {
                Issue.record("\(id): the triggering example gave no finding", sourceLocation: example.sourceLocation)
                continue
            }
            if !example.markers.isEmpty {
                let expected = Set(example.markers.map { "\($0.line):\($0.column)" })
                let actual = Set(diagnostics.map { $0.start.map { "\($0.line):\($0.column)" } ?? "no position" })
                if expected != actual {
                    Issue.record(
                        "\(id): findings at \(actual.sorted()), markers at \(expected.sorted()): \(diagnostics.map(\.message))",
                        sourceLocation: example.sourceLocation)
                }
            }
            if let path = example.path, let wrong = diagnostics.first(where: { $0.fieldPath != path }) {
                Issue.record(
                    "\(id): a finding names \(wrong.fieldPath?.rawValue ?? "no field"), expected \(path)",
                    sourceLocation: example.sourceLocation)
            }
        }
        for example in description.nonTriggeringExamples {
            guard let diagnostics = check(example, with: rule), !diagnostics.isEmpty else { continue }
            Issue.record(
                "\(id): the non-triggering example gave \(diagnostics.map { "\($0.locationDescription): \($0.message)" })",
                sourceLocation: example.sourceLocation)
        }
    }

    /// Reads the example (and its protocol) and runs one rule on it, or records why it could not.
    private func check(_ example: Example, with rule: any Rule) -> [Diagnostic]? {
        var studyProtocol: StudyProtocol?
        if let text = example.protocolFile {
            do {
                studyProtocol = try ProtocolFile.parse(text, file: "example protocol")
            } catch {
                Issue.record("the example's protocol cannot be read: \(error)", sourceLocation: example.sourceLocation)
                return nil
            }
        } else if rule.ruleDescription.family == .protocol {
            Issue.record("an example of a protocol rule needs a protocol", sourceLocation: example.sourceLocation)
            return nil
        }
        let engine = ValidationEngine(rules: [rule], today: Example.asOf, protocol: studyProtocol)
        var diagnostics: [Diagnostic] = []
        do {
            var records = 0
            try RegistryReader().read(bytes: Array(example.text.utf8), name: "example") { result in
                records += 1
                diagnostics += engine.check(try result.get())
            }
            if records != 1 {
                Issue.record("the example holds \(records) records, not one", sourceLocation: example.sourceLocation)
                return nil
            }
        } catch {
            Issue.record("the example cannot be read: \(error)", sourceLocation: example.sourceLocation)
            return nil
        }
        return diagnostics
    }
}

extension Example {
    var sourceLocation: SourceLocation {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return SourceLocation(fileID: "Validation/\(name)", filePath: file, line: line, column: 1)
    }
}
