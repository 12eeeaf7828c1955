import Diagnostics
import RegistryModel
import Testing
@testable import Validation

@Suite struct RuleCatalogTests {
    @Test func idsAreUniqueAndKebabCase() {
        let ids = RuleCatalog.descriptions.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let ok = !id.isEmpty && id.first!.isLetter && !id.hasSuffix("-") && !id.contains("--")
                && id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            #expect(ok, "\(id) is not kebab-case")
        }
    }

    @Test func thereAreAtLeast25RegistryRules() {
        #expect(RuleCatalog.descriptions.filter { $0.family == .registry }.count >= 25)
    }

    @Test func everyRuleIsDocumentedWithBothKindsOfExample() {
        for rule in RuleCatalog.descriptions {
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && !rule.source.isEmpty, "\(rule.id)")
            #expect(!rule.triggeringExamples.isEmpty, "\(rule.id) has no triggering example")
            #expect(!rule.nonTriggeringExamples.isEmpty, "\(rule.id) has no non-triggering example")
            for example in rule.triggeringExamples {
                #expect(
                    !example.markers.isEmpty || example.path != nil,
                    "\(rule.id): a triggering example must mark where the finding is (↓ or at:)",
                    sourceLocation: example.sourceLocation)
            }
        }
    }

    @Test func examplesRecordWhereTheyAreAndWhereTheirMarkersAre() {
        let line = #line + 1
        let example = Example("{\"a\":\n  \"↓é↓x\"}")
        #expect(example.text == "{\"a\":\n  \"éx\"}")
        #expect(example.markers == [SourcePosition(line: 2, column: 4, offset: 9), SourcePosition(line: 2, column: 5, offset: 11)])
        #expect(example.line == line)
        #expect(example.file.hasSuffix("RuleCatalogTests.swift"))
    }
}
