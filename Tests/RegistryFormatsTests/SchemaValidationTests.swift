import Foundation
import RegistryFormats
import RegistryModel
import Testing
import TestSupport

/// Validation of XML records against their schemas while they are read: where each violation is placed,
/// what libxml2 would skip and is found anyway, and partial records.
@Suite struct SchemaValidationTests {
    /// `line:column` where the `occurrence`-th (from 1) `needle` starts in `text`.
    static func position(of needle: String, in text: String, occurrence: Int = 1) throws -> String {
        var searchFrom = text.startIndex
        var start = text.startIndex
        for _ in 0..<occurrence {
            let found = try #require(text.range(of: needle, range: searchFrom..<text.endIndex), "«\(needle)» is not in the text")
            start = found.lowerBound
            searchFrom = found.upperBound
        }
        let before = text[..<start]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = (before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before).unicodeScalars.count + 1
        return "\(line):\(column)"
    }

    static func violations(_ text: String, name: String = "edited.xml") throws -> [SchemaViolation] {
        let record = try #require(try read(text, name: name).first)
        return try #require(record.schemaValidation).violations
    }

    /// A valid upload file with, in three different elements, a child out of place, a required element
    /// removed and a value outside its vocabulary: one violation for each, where it is.
    @Test func threeEditsGiveThreeViolationsWhereTheyAre() throws {
        let valid = try String(contentsOf: TestPaths.fixture("upload/json-v2/NCT01589588.upload.xml"), encoding: .utf8)
        #expect(try Self.violations(valid).isEmpty)
        let title = "    <brief_title>Administration of Oxygen to Cluster Headache Patients</brief_title>\n"
        let sponsorsEnd = "    </sponsors>\n"
        var edited = valid.replacingOccurrences(of: title, with: "")
        edited = edited.replacingOccurrences(of: sponsorsEnd, with: sponsorsEnd + title)
        edited = edited.replacingOccurrences(of: "      <arm_group_label>Mask 2</arm_group_label>\n", with: "")
        let misspelt = try #require(edited.range(of: "<intervention_type>Device</intervention_type>"))
        edited.replaceSubrange(misspelt, with: "<intervention_type>Devise</intervention_type>")

        let violations = try Self.violations(edited)
        #expect(violations.count == 3, "\(violations)")
        guard violations.count == 3 else { return }
        let (misplaced, missing, misspelling) = (violations[0], violations[1], violations[2])
        #expect(misplaced.origin.position?.description == (try Self.position(of: "<brief_title>", in: edited)))
        #expect(misplaced.origin.path == "clinical_study/brief_title")
        #expect(misplaced.message.hasPrefix("<brief_title> is not expected here; the schema expects one of <oversight_info>, <brief_summary>"))
        #expect(missing.origin.position?.description == (try Self.position(of: "<arm_group>", in: edited, occurrence: 2)))
        #expect(missing.origin.path == "clinical_study/arm_group")
        #expect(missing.message == "<arm_group> lacks a required element: the schema expects one of <arm_group_label>, <arm_group_description>")
        #expect(misspelling.origin.position?.description == (try Self.position(of: "Devise", in: edited)))
        #expect(misspelling.end?.column == misspelling.origin.position.map { $0.column + 6 })
        #expect(misspelling.origin.path == "clinical_study/intervention/intervention_type")
        #expect(misspelling.message.hasPrefix("\"Devise\" is not a value of <intervention_type>; the upload schema lists Drug, Device, Biological/Vaccine"))
    }

    /// A complete legacy record lacking a required element: one violation where libxml2 sees the gap, not
    /// one for every element after it.
    @Test func aMissingRequiredElementIsReportedOnce() throws {
        let valid = try String(contentsOf: TestPaths.fixture("corpus/xml-legacy/NCT00000102.xml"), encoding: .utf8)
        #expect(try Self.violations(valid).isEmpty)
        let edited = valid.replacingOccurrences(of: "  <source>National Center for Research Resources (NCRR)</source>\n", with: "")
        let violations = try Self.violations(edited)
        #expect(violations.map(\.message) == ["<brief_summary> is not expected here; the schema expects <source> at this point"])
        #expect(violations.first?.origin.position?.description == (try Self.position(of: "<brief_summary>", in: edited)))
    }

    /// Violations of the 2020 schema by a record of its oldest form, each where it is, including those
    /// libxml2 skips after the first element out of place in a parent.
    @Test func anOldLegacyRecordBreaksTheSchemaOfTwentyTwenty() throws {
        let text = try String(contentsOf: TestPaths.fixture("corpus/xml-legacy/NCT00482794.xml"), encoding: .utf8)
        let violations = try Self.violations(text)
        #expect(violations.map { "\($0.origin.position!) \($0.origin.path)" } == [
            "27:5 clinical_study/oversight_info/authority",
            "82:3 clinical_study/study_design",
            "86:5 clinical_study/primary_outcome/safety_issue",
            "155:13 clinical_study/eligibility/gender",
            "214:3 clinical_study/lastchanged_date",
        ])
        #expect(violations[3].message == "<gender>: [facet 'enumeration'] The value 'Both' is not an element of the set {'Female', 'Male', 'All'}.")
    }

    /// The reference study's legacy XML holds only its description: it lacks what public.xsd requires,
    /// which is not held against a partial record, and breaks nothing else.
    @Test func aPartialRecordLacksWithoutBreaking() throws {
        let record = try #require(try readFixture("reference/NCT06813157.xml").first)
        #expect(!record.isComplete)
        let validation = try #require(record.schemaValidation)
        #expect(validation.schema == "public.xsd 2020.05.08")
        #expect(validation.violations.map(\.message) == [
            "<clinical_study> lacks a required element: the schema expects <overall_status>",
            "<id_info> is not expected here; the schema expects <required_header> at this point",
            "<brief_summary> is not expected here; the schema expects <brief_title> at this point",
        ])
        #expect(validation.violationsAllowingMissingElements == [])
    }

    /// Attributes and values are pointed at themselves, elements at their start tag, also when a tag
    /// spans lines or several elements share one.
    @Test func eachViolationPointsAtItsOwnText() throws {
        let text = """
            <prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">
              <clinical_study partial_upload="yes">
                <id_info><org_name>A</org_name><org_study_id>1</org_study_id></id_info>
                <arm_group
                   delete="maybe"><arm_group_label>A</arm_group_label></arm_group>
                <intervention><intervention_name>X</intervention_name><bad/><intervention_type>Drug</intervention_type></intervention>
              </clinical_study>
            </prs:study_collection>
            """
        let violations = try Self.violations(text)
        #expect(violations.map { "\($0.origin.position!)-\($0.end.map(\.description) ?? "") \($0.origin.path)" } == [
            "2:35-2:38 clinical_study/@partial_upload",
            "5:16-5:21 clinical_study/arm_group/@delete",
            "6:59-6:63 clinical_study/intervention/bad",
        ])
    }

    @Test func legacyRecordsAreNotValidatedWhenAskedNot() throws {
        let record = try #require(try readFixture("corpus/xml-legacy/NCT00482794.xml", options: ReadOptions(validatesSchema: false)).first)
        #expect(record.schemaValidation == nil)
    }

    /// The schemas compiled into ctlint are the registry's, byte for byte, but for the one change
    /// `Scripts/embed-schemas.py` documents. Run when `../shared` exists.
    @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared"))
    func theEmbeddedSchemasAreTheRegistrys() throws {
        let folder = try #require(TestPaths.shared).appendingPathComponent("reference/schemas")
        let source = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent(
            "Sources/RegistryFormats/XML/Schemas/EmbeddedSchemaText.swift"), encoding: .utf8)
        for (name, file) in [
            ("publicXSD", "public-xsd-2020.05.08.xsd"), ("protocolRecordSchema", "ProtocolRecordSchema-2018.05.08.xsd"),
            ("resultsUploadSchema", "RRSUploadSchema-2017.04.18.xsd"),
        ] {
            let start = try #require(source.range(of: "static let \(name) = #\"\"\"\n"))
            let end = try #require(source[start.upperBound...].range(of: "\n\"\"\"#"))
            let embedded = String(source[start.upperBound..<end.lowerBound])
            var original = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            if name == "publicXSD" {
                original = original.replacingOccurrences(of: #"(([12]?[0-9]|30|31)\, )?"#, with: "(([12]?[0-9]|30|31), )?")
            }
            #expect(embedded == original, "\(file)")
        }
    }
}

/// Records validated on several threads at once share the compiled schemas and give what one thread gives.
@Suite struct ConcurrentValidationTests {
    @Test func validatingOnManyThreadsGivesTheSameViolations() async throws {
        let names = ["corpus/xml-legacy/NCT00482794.xml", "reference/NCT06813157.xml", "upload/json-v2/NCT01589588.upload.xml",
            "reference/NCT06813157.upload.xml"]
        let alone = try names.map { try readFixture($0).map { $0.schemaValidation } }
        let together = try await withThrowingTaskGroup(of: (Int, [SchemaValidation?]).self) { group in
            for round in 0..<8 {
                for (n, name) in names.enumerated() {
                    group.addTask { (round * names.count + n, try readFixture(name).map { $0.schemaValidation }) }
                }
            }
            var results: [Int: [SchemaValidation?]] = [:]
            for try await (key, value) in group { results[key] = value }
            return results
        }
        for (key, value) in together { #expect(value == alone[key % names.count]) }
    }
}

/// Validation reads no schema but the ones built in: a record that names another schema, on the file
/// system or the network, is validated against the registry's schema all the same.
@Suite struct SchemaLocationTests {
    /// A schema that any registry record breaks: its only element is `<other>`.
    static let strictSchema = """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://clinicaltrials.gov/prs">
          <xs:element name="other" type="xs:string"/>
        </xs:schema>
        """
    static let noNamespaceStrictSchema = """
        <?xml version="1.0"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="other" type="xs:string"/></xs:schema>
        """

    @Test func schemaLocationsInTheRecordAreNotFollowed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let strict = folder.appendingPathComponent("strict.xsd")
        try Self.strictSchema.write(to: strict, atomically: true, encoding: .utf8)
        let noNamespace = folder.appendingPathComponent("no-namespace.xsd")
        try Self.noNamespaceStrictSchema.write(to: noNamespace, atomically: true, encoding: .utf8)
        let xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""

        // The schemas named exist and would reject the records, so following either would show.
        var legacy = try String(contentsOf: TestPaths.fixture("corpus/xml-legacy/NCT00000102.xml"), encoding: .utf8)
        legacy = legacy.replacingOccurrences(
            of: "<clinical_study>",
            with: "<clinical_study \(xsi) xsi:noNamespaceSchemaLocation=\"\(noNamespace.absoluteString)\">")
        let legacyRecord = try #require(try read(legacy, name: "legacy.xml").first)
        #expect(try #require(legacyRecord.schemaValidation).violations.isEmpty)

        var upload = try String(contentsOf: TestPaths.fixture("upload/json-v2/NCT01589588.upload.xml"), encoding: .utf8)
        upload = upload.replacingOccurrences(
            of: "<prs:study_collection xmlns:prs=\"http://clinicaltrials.gov/prs\">",
            with: "<prs:study_collection xmlns:prs=\"http://clinicaltrials.gov/prs\" \(xsi) "
                + "xsi:schemaLocation=\"http://clinicaltrials.gov/prs \(strict.absoluteString)\">")
        let uploadRecord = try #require(try read(upload, name: "upload.xml").first)
        #expect(try #require(uploadRecord.schemaValidation).violations.isEmpty)

        // The same records with a misspelt value still break the registry's schema: it is the one used.
        let misspelt = upload.replacingOccurrences(of: "<intervention_type>Device</intervention_type>", with: "<intervention_type>Devise</intervention_type>")
        let broken = try #require(try read(misspelt, name: "upload.xml").first)
        #expect(try #require(broken.schemaValidation).violations.count == 5)
    }
}
