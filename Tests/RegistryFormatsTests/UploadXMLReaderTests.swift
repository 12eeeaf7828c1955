import Foundation
import RegistryFormats
import RegistryModel
import Testing
import TestSupport

/// Reading PRS upload XML: the upload vocabulary mapped to the record model, several studies in one file,
/// positions, and bad input.
@Suite struct UploadXMLReaderTests {
    static let open = #"<prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs">"#
    static let close = "</prs:study_collection>\n"

    /// Two studies: one in the vocabulary the converter never writes (split names, deprecated elements,
    /// `delete`), one small.
    static let collection = """
        <?xml version="1.0" encoding="UTF-8"?>
        \(open)
          <clinical_study partial_upload="true">
            <id_info>
              <org_name>UCAMB</org_name>
              <org_study_id>CCTU0202</org_study_id>
              <secondary_id><id>2019-001234-56</id><id_type>EudraCT Number</id_type></secondary_id>
            </id_info>
            <brief_title>Aspirin after stroke</brief_title>
            <start_date>2021-03</start_date>
            <start_date_type>Actual</start_date_type>
            <end_date>2023-05-17</end_date>
            <last_follow_up_date_type>Anticipated</last_follow_up_date_type>
            <study_design>
              <study_type>Interventional</study_type>
              <interventional_design>
                <interventional_subtype>Prevention</interventional_subtype>
                <phase>Phase 1/2</phase>
                <allocation>Non-randomized</allocation>
                <no_masking>no</no_masking>
                <masked_subject>yes</masked_subject>
                <masked_assessor>Yes</masked_assessor>
              </interventional_design>
            </study_design>
            <keyword delete="true"/>
            <intervention>
              <intervention_type>Biological/Vaccine</intervention_type>
              <intervention_name>BCG</intervention_name>
            </intervention>
            <eligibility>
              <criteria><textblock>Adults after a first stroke.</textblock></criteria>
              <gender>Both</gender>
              <minimum_age>18 Years</minimum_age>
              <maximum_age>N/A</maximum_age>
            </eligibility>
            <overall_official>
              <first_name>Jane</first_name><middle_name>A</middle_name><last_name>Doe</last_name><degrees>MD</degrees>
              <role>Study Chair</role>
            </overall_official>
          </clinical_study>
          <!-- the second study -->
          <clinical_study>
            <id_info><org_name>UCAMB</org_name><org_study_id>CCTU0203</org_study_id></id_info>
            <study_design>
              <study_type>Observational</study_type>
              <observational_design>
                <observational_study_design>Cohort</observational_study_design>
                <biospecimen_retention>None Retained</biospecimen_retention>
                <timing>Prospective</timing>
                <number_of_groups>1</number_of_groups>
                <patient_registry>true</patient_registry>
                <target_duration_quantity>2</target_duration_quantity>
                <target_duration_units>Years</target_duration_units>
              </observational_design>
            </study_design>
          </clinical_study>
        \(close)
        """

    @Test func mapsTheUploadVocabulary() throws {
        let records = try read(Self.collection, name: "two.xml")
        #expect(records.count == 2)
        let first = try #require(records.first)
        #expect(first.source == RecordSource(path: "two.xml", format: .uploadXML, index: 0))
        #expect(first.declaresPartial)
        #expect(first.schemaValidation?.violations == [])
        let study = first.study
        #expect(study.identification.organization?.value == "UCAMB")
        #expect(study.identification.orgStudyId?.value == "CCTU0202")
        #expect(study.identification.secondaryIds.map(\.value) == ["2019-001234-56"])
        #expect(study.status.startDate?.date.value.date == PartialDate(year: 2021, month: 3))
        #expect(study.status.startDate?.type?.value == .known(.actual))
        #expect(study.status.completionDate?.date.value.date == PartialDate(year: 2023, month: 5, day: 17))
        #expect(study.status.completionDate?.type?.value == .known(.estimated))
        #expect(study.design.primaryPurpose?.value == .known(.prevention))
        #expect(study.design.phases.map(\.value) == [.known(.phase1), .known(.phase2)])
        #expect(study.design.allocation?.value == .known(.nonRandomized))
        #expect(study.design.masking?.value == .known(.double))
        #expect(study.design.whoMasked.map(\.value) == [.known(.participant), .known(.outcomesAssessor)])
        #expect(study.armsInterventions.interventions.first?.type?.value == .known(.biological))
        #expect(study.eligibility.sex?.value == .known(.all))
        #expect(study.eligibility.minimumAge?.value == "18 Years")
        #expect(study.eligibility.maximumAge == nil)
        #expect(study.contactsLocations.overallOfficials.first?.name?.value == "Jane A Doe, MD")
        #expect(study.contactsLocations.overallOfficials.first?.role?.value == .known(.studyChair))
        // The request to delete the keywords has no place in the model: kept, and said.
        #expect(study.extras.map(\.key) == ["clinical_study/keyword/@delete"])
        #expect(study.notices.map(\.kind) == [.unknownField])

        let second = records[1].study
        #expect(records[1].source.index == 1)
        #expect(!records[1].declaresPartial)
        #expect(records[1].isComplete)
        #expect(second.design.observationalModel?.value == .known(.cohort))
        #expect(second.design.bioSpecRetention?.value == .known(.noneRetained))
        #expect(second.design.timePerspective?.value == .known(.prospective))
        #expect(second.design.numberOfArms?.value == 1)
        #expect(second.design.patientRegistry?.value == true)
        #expect(second.design.targetDuration?.value == "2 Years")
    }

    @Test func positionsAreThoseOfTheFile() throws {
        let bytes = RawFile(name: "two.xml", bytes: Array(Self.collection.utf8))
        let records = try read(bytes.bytes, name: bytes.name)
        let first = records[0].study
        #expect(file(bytes, at: first.identification.orgStudyId?.position, startsWith: "CCTU0202<"))
        #expect(file(bytes, at: first.eligibility.criteria?.position, startsWith: "Adults after"))
        #expect(file(bytes, at: first.design.phases.last?.position, startsWith: "Phase 1/2"))
        #expect(file(bytes, at: first.design.masking?.position, startsWith: "yes</masked_subject>"))
        let second = records[1]
        #expect(file(bytes, at: second.study.identification.orgStudyId?.position, startsWith: "CCTU0203<"))
        #expect(file(bytes, at: second.document.base, startsWith: "<clinical_study>\n    <id_info><org_name>UCAMB</org_name><org_study_id>CCTU0203"))
        // A line of the second study quoted from its own document is the file's line.
        let line = try #require(second.study.design.targetDuration?.position?.line)
        let text = Self.collection.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(second.document.lineText(line) == String(text))
    }

    /// A study is handed over before the next one is read, and a bad child of the collection is an error
    /// of its own, after which reading goes on.
    @Test func studiesAreHandedOverOneAtATime() throws {
        let text = """
            \(Self.open)
              <clinical_study><id_info><org_name>A</org_name><org_study_id>1</org_study_id></id_info></clinical_study>
              <study>not a study</study>
              stray text
              <clinical_study><id_info><org_name>A</org_name><org_study_id>2</org_study_id></id_info></clinical_study>
              <clinical_study><id_info><org_name>A</org_name><org_study_id>3</org_study_id></id_info><oops></clinical_study>
            \(Self.close)
            """
        var results: [String] = []
        try RegistryReader().read(bytes: Array(text.utf8), name: "mixed.xml") { result in
            switch result {
            case .success(let record): results.append(record.study.identification.orgStudyId?.value ?? "?")
            case .failure(let error): results.append("\(error.position?.description ?? "-") \(error.message)")
            }
        }
        #expect(results == [
            "1",
            "3:3 <study> inside <prs:study_collection>, which holds only <clinical_study> elements",
            "4:3 text inside <prs:study_collection>, which holds only <clinical_study> elements",
            "2",
            "6:113 malformed XML: Opening and ending tag mismatch: oops line 6 and clinical_study",
        ])
    }

    @Test func aCollectionWithoutItsNamespaceIsReadAndFoundInvalid() throws {
        let text = "<study_collection>\n  <clinical_study><id_info><org_name>A</org_name><org_study_id>1</org_study_id></id_info></clinical_study>\n</study_collection>\n"
        let record = try #require(try read(text).first)
        #expect(record.study.identification.orgStudyId?.value == "1")
        let violation = try #require(record.schemaValidation?.violations.first)
        #expect(violation.origin.position == SourcePosition(line: 1, column: 1, offset: 0))
        #expect(violation.message == "<study_collection>: No matching global declaration available for the validation root.")
    }

    @Test(arguments: [
        BadUpload("empty collection", "\(open)\n\(close)", .notARecord, "1:1",
            "<prs:study_collection> holds no <clinical_study>; an upload file holds at least one study"),
        BadUpload("empty root", #"<prs:study_collection xmlns:prs="http://clinicaltrials.gov/prs"/>"#, .notARecord, "1:1",
            "<prs:study_collection> holds no <clinical_study>; an upload file holds at least one study"),
        BadUpload("truncated between studies", "\(open)\n  <clinical_study><id_info/></clinical_study>\n", .malformed, "3:1",
            "the document ends before the end tag of <prs:study_collection> (opened at 1:1); the file may be truncated"),
        BadUpload("content after the end", "\(open)<clinical_study/>\(close)<more/>\n", .malformed, "2:1",
            "malformed XML: content after the end tag of <prs:study_collection>"),
        BadUpload("wrong end tag", "\(open)<clinical_study/></study_collection>\n", .malformed, "1:82",
            "malformed XML: the end tag </study_collection> does not close <prs:study_collection>"),
        BadUpload("doctype", "<!DOCTYPE study_collection [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<study_collection>&x;</study_collection>\n",
            .forbidden, "1:1", "the document has a DOCTYPE, which ctlint refuses"),
        BadUpload("latin-1 between studies", "\(open)\n<!-- caf\u{E9} -->\n\(close)", .encoding, "2:9", "invalid UTF-8 (byte 0xE9)"),
    ])
    func badInputIsAnErrorWithItsPlace(_ bad: BadUpload) throws {
        var bytes = Array(bad.text.utf8)
        // Latin-1: é as one byte.
        if let e = bytes.firstIndex(of: 0xC3), bytes[e + 1] == 0xA9 { bytes.replaceSubrange(e...(e + 1), with: [0xE9]) }
        let error = try #require(readError(bytes, name: "bad.xml"), "\(bad.name)")
        #expect(error.kind == bad.kind, "\(bad.name)")
        #expect(error.position?.description == bad.position, "\(bad.name)")
        #expect(error.message.hasPrefix(bad.message), "\(bad.name): \(error.message)")
    }

    @Test func invalidUTF8InsideAStudyNamesItsLineAndColumn() throws {
        var bytes = Array("\(Self.open)\n  <clinical_study><id_info><org_name>Caf\u{E9}</org_name></id_info></clinical_study>\n\(Self.close)".utf8)
        let e = try #require(bytes.firstIndex(of: 0xC3))
        bytes.replaceSubrange(e...(e + 1), with: [0xE9])
        let error = try #require(readError(bytes, name: "latin1.xml"))
        #expect(error.kind == .encoding)
        #expect(error.position?.description == "2:41")
    }

    @Test func aStudyLargerThanTheLimitIsRefused() throws {
        let text = "\(Self.open)\n  <clinical_study><brief_title>\(String(repeating: "x", count: 4096))</brief_title></clinical_study>\n\(Self.close)"
        let error = try #require(readError(Array(text.utf8), name: "big.xml", options: ReadOptions(maxRecordBytes: 1024)))
        #expect(error.kind == .tooLarge)
    }

    @Test func withoutValidationThereIsNoSchemaResult() throws {
        let record = try #require(try read(Self.collection, options: ReadOptions(validatesSchema: false)).first)
        #expect(record.schemaValidation == nil)
    }
}

/// A bad upload file and the error it must give.
struct BadUpload: CustomStringConvertible, Sendable {
    let name: String
    let text: String
    let kind: ReadError.Kind
    let position: String
    let message: String

    init(_ name: String, _ text: String, _ kind: ReadError.Kind, _ position: String, _ message: String) {
        self.name = name
        self.text = text
        self.kind = kind
        self.position = position
        self.message = message
    }

    var description: String { name }
}
