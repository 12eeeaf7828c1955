import RegistryModel
import ScheduleModel
import Testing

@testable import ScheduleExtraction

/// Runs every rule's examples through the whole extractor: the facts of the rule's kinds must be exactly
/// the expected ones. A failure points at the example's file and line.
struct RuleExampleTests {
    static let extractor = ScheduleExtractor()

    @Test(arguments: ScheduleExtractor.ruleTypes.map { RuleCase($0) })
    func examples(_ rule: RuleCase) {
        #expect(!rule.examples.isEmpty, "\(rule.id) has no examples")
        for example in rule.examples {
            let facts = Self.extractor.extract(example.text, field: example.field)
                .filter { rule.kinds.contains($0.kind) }
            let location = SourceLocation(
                fileID: String(describing: example.file), filePath: String(describing: example.file),
                line: Int(example.line), column: 1)
            for expected in example.facts where !facts.contains(where: expected.matches) {
                Issue.record(
                    "\(rule.id): expected \(expected) in «\(example.text)»; got \(facts.map(\.description))",
                    sourceLocation: location)
            }
            for fact in facts where !example.facts.contains(where: { $0.matches(fact) }) {
                Issue.record("\(rule.id): unexpected \(fact) in «\(example.text)»", sourceLocation: location)
            }
        }
    }

    @Test func ruleIDsAreUniqueAndWellFormed() {
        let ids = ScheduleExtractor.ruleTypes.map { $0.id }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".")
            #expect(parts.count == 2, "\(id) is not kind.what")
        }
    }
}

/// A rule as a test argument.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let id: String
    let kinds: [FactKind]
    let examples: [RuleExample]

    init(_ type: any ExtractionRule.Type) {
        id = type.id
        kinds = type.kinds
        examples = type.examples
    }

    var testDescription: String { id }
}
