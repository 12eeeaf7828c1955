import Foundation
import RegistryFormats
import RegistryModel
import Testing

/// `Study.visitFields` is written out field by field for speed; these tests check it against a
/// reflection walk, so a field added to the model and forgotten in the visitor fails here.
@Suite struct FieldVisitorTests {
    private struct Collect: FieldVisitor {
        var origins: [FieldPath: [Origin]] = [:]
        var coded = 0

        mutating func visit(_ origin: Origin, module: FieldPath) { origins[module, default: []].append(origin) }
        mutating func visitCoded<Code: RegistryCode>(_ field: Field<Coded<Code>>) { coded += 1 }
    }

    /// Every `Origin` under each module, found with `Mirror`.
    private func reflectedOrigins(_ study: Study) -> [FieldPath: [Origin]] {
        let modules: [(FieldPath, Any)] = [
            (.identificationModule, study.identification), (.statusModule, study.status),
            (.sponsorCollaboratorsModule, study.sponsors), (.descriptionModule, study.description),
            (.conditionsModule, study.conditions), (.designModule, study.design),
            (.armsInterventionsModule, study.armsInterventions), (.outcomesModule, study.outcomes),
            (.eligibilityModule, study.eligibility), (.contactsLocationsModule, study.contactsLocations),
        ]
        var found: [FieldPath: [Origin]] = [:]
        func walk(_ value: Any, _ module: FieldPath) {
            if let origin = value as? Origin {
                found[module, default: []].append(origin)
                return
            }
            for child in Mirror(reflecting: value).children { walk(child.value, module) }
        }
        for (path, module) in modules { walk(module, path) }
        return found
    }

    @Test(arguments: [
        "corpus/json-v2/NCT01589588.json", "corpus/json-v2/NCT02293343.json", "corpus/json-classic/NCT04780386.json",
        "corpus/xml-legacy/NCT03377387.xml", "corpus/xml-legacy/NCT00499317.xml", "corpus/xml-legacy/NCT03211546.xml",
        "reference/NCT06813157.description-module.txt",
    ])
    func visitsEveryFieldReflectionFinds(_ fixture: String) throws {
        for record in try readFixture(fixture) {
            var collect = Collect()
            record.study.visitFields(&collect)
            let reflected = reflectedOrigins(record.study)
            #expect(Set(collect.origins.keys) == Set(reflected.keys), "modules of \(fixture)")
            for (module, origins) in reflected {
                #expect(collect.origins[module]?.count == origins.count, "fields of \(module) in \(fixture)")
                #expect(Set(collect.origins[module] ?? []) == Set(origins), "origins of \(module) in \(fixture)")
            }
            #expect(collect.coded > 0 || fixture.hasPrefix("reference/"))
        }
    }
}
