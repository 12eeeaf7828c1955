import Diagnostics
import Foundation
import RegistryFormats
import RegistryModel
import Testing
import TestSupport
import Validation

/// The `schema` rule and the partial-record policy: what a record lacks by being partial is not held
/// against it; everything else is.
@Suite struct SchemaRuleTests {
    static let today = PartialDate(year: 2025, month: 6, day: 1)!
    static let engine = ValidationEngine(rules: [SchemaValidity()], today: today)

    static func check(_ text: String) throws -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        try RegistryReader().read(bytes: Array(text.utf8), name: "record.xml") { diagnostics += engine.check(try $0.get()) }
        return diagnostics
    }

    @Test func aPartialLegacyRecordIsNotFaultedForWhatItLacks() throws {
        let reference = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.xml"), encoding: .utf8)
        #expect(try Self.check(reference).isEmpty)
        // The same record saying it is whole (a study type and a first submission date) lacks what public.xsd requires.
        let whole = reference
            .replacingOccurrences(of: "</detailed_description>\n", with: "</detailed_description>\n  <study_type>Interventional</study_type>\n")
            .replacingOccurrences(of: "</clinical_study>", with: "  <study_first_submitted>February 1, 2025</study_first_submitted>\n</clinical_study>")
        let findings = try Self.check(whole)
        #expect(findings.map(\.message).contains("<id_info> is not expected here; the schema expects <required_header> at this point"))
        #expect(findings.allSatisfy { $0.ruleID == "schema" && $0.severity == .error })
        #expect(findings.allSatisfy { $0.notes.map(\.message) == ["the schema is public.xsd 2020.05.08"] })
    }

    @Test func aPartialRecordIsStillFaultedForWhatItBreaks() throws {
        let reference = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.xml"), encoding: .utf8)
        let status = "  <overall_status>Finished</overall_status>\n"
        let broken = reference.replacingOccurrences(of: "</detailed_description>\n", with: "</detailed_description>\n" + status)
        let findings = try Self.check(broken)
        #expect(findings.map(\.fieldPath?.rawValue) == ["clinical_study/overall_status"])
        let line = try #require(broken.components(separatedBy: "\n").firstIndex(of: String(status.dropLast()))) + 1
        // At the value, after `  <overall_status>`.
        #expect(findings.first?.start?.description == "\(line):19")
    }

    @Test func aPartialUploadAnswersToTheUploadSchemaAsItIs() throws {
        let upload = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.upload.xml"), encoding: .utf8)
        #expect(try Self.check(upload).isEmpty)
        // The upload schema requires an org study id of every upload, partial or not.
        let anonymous = upload.replacingOccurrences(of: "      <org_study_id>REPLACE-WITH-ORG-STUDY-ID</org_study_id>\n", with: "")
        #expect(try Self.check(anonymous).map(\.message) == [
            "<id_info> lacks a required element: the schema expects <org_study_id>",
        ])
    }

    @Test func recordsOfOtherFormatsHaveNoSchemaToAnswerTo() throws {
        for name in ["reference/NCT06813157.json", "reference/NCT06813157.description-module.txt"] {
            let record = try #require(try RegistryReader().readAll(path: TestPaths.fixture(name).path).first)
            #expect(record.schemaValidation == nil)
            #expect(Self.engine.check(record).isEmpty)
        }
    }
}
