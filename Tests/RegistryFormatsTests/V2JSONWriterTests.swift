import Foundation
import RegistryFormats
import RegistryModel
import TestSupport
import Testing

/// The v2 JSON writer: valid JSON, API key order, only fields present, and a lossless round trip.
@Suite struct V2JSONWriterTests {
    /// The (path, value) pairs of a study, positions left out.
    func values(_ study: Study) -> [String] { flatFields(study).map(\.description) }

    func roundTrip(_ study: Study, style: V2JSONWriter.Style) throws -> Study {
        let json = V2JSONWriter(style: style).string(study)
        let records = try readResults(json, name: "written.json")
        #expect(records.count == 1)
        return try #require(records.first?.value).study
    }

    @Test(arguments: JSONMappingTests.v2Fixtures.map { ("json-v2", $0) }
        + JSONMappingTests.classicFixtures.map { ("json-classic", $0) })
    func writtenRecordsReadBackEqual(format: String, id: String) throws {
        let study = try #require(try readRecords(TestPaths.fixture("corpus/\(format)/\(id).json")).first).study
        for style in [V2JSONWriter.Style.pretty, .compact] {
            let back = try roundTrip(study, style: style)
            #expect(values(back) == values(study))
            #expect(back.notices.isEmpty)
        }
    }

    @Test func theOutputIsValidJSONInAPIOrder() throws {
        let study = try #require(try readRecords(TestPaths.fixture("corpus/json-classic/NCT04780386.json")).first).study
        let json = V2JSONWriter(style: .pretty).string(study)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let section = try #require(object["protocolSection"] as? [String: Any])
        #expect(object["hasResults"] == nil)
        let status = try #require(section["statusModule"] as? [String: Any])
        #expect(status["overallStatus"] as? String == "COMPLETED")
        #expect((status["startDateStruct"] as? [String: String]) == ["date": "2020-08-29", "type": "ACTUAL"])
        #expect(status["statusVerifiedDate"] as? String == "2021-03")
        let design = try #require(section["designModule"] as? [String: Any])
        #expect(design["phases"] as? [String] == ["PHASE1"])
        #expect((design["enrollmentInfo"] as? [String: Any])?["count"] as? Int == 58)
        // Modules in API order, and only those the study has.
        let modules = ["identificationModule", "statusModule", "sponsorCollaboratorsModule", "descriptionModule",
            "conditionsModule", "designModule", "armsInterventionsModule", "outcomesModule", "eligibilityModule",
            "contactsLocationsModule"]
        let offsets = modules.compactMap { json.range(of: "\"\($0)\"")?.lowerBound }
        #expect(offsets.count == modules.count)
        #expect(offsets == offsets.sorted())
        #expect(!json.contains("null"))
        #expect(!json.contains("[]"))
        #expect(!json.contains("{}"))
        #expect(json.hasPrefix("{\n  \"protocolSection\": {\n    \"identificationModule\": {\n      \"nctId\": \"NCT04780386\""))
    }

    @Test func stringsAreEscaped() throws {
        let awkward = "quote \" backslash \\ slash / newline \n tab \t cr \r nul \u{0} bell \u{7} é 😀"
        let study = Study(
            identification: Identification(nctId: TextField("NCT1", path: "x", position: nil),
                briefTitle: TextField(awkward, path: "x", position: nil)))
        let json = V2JSONWriter(style: .compact).string(study)
        #expect(json.contains(#"quote \" backslash \\ slash / newline \n tab \t cr \r nul \u0000 bell \u0007 é 😀"#))
        let back = try roundTrip(study, style: .compact)
        #expect(back.identification.briefTitle?.value == awkward)
        #expect(back.identification.briefTitle?.path == "protocolSection.identificationModule.briefTitle")
    }

    @Test func unknownCodesAndUnreadableDatesAreWrittenAsTheyWere() throws {
        let status = Status(
            overallStatus: Field(.unknown("Finished"), path: "x", position: nil),
            startDate: DateStruct(date: Field(DateValue(parsing: "spring 2012"), path: "x", position: nil)))
        let back = try roundTrip(Study(status: status), style: .compact)
        #expect(back.status.overallStatus?.value == .unknown("Finished"))
        #expect(back.status.startDate?.date.value == DateValue(raw: "spring 2012", date: nil))
        #expect(back.notices.map(\.kind) == [.unknownCode, .unreadableDate])
    }

    @Test(.enabled(if: TestPaths.sharedCorpus != nil))
    func everySharedJSONRecordReadsBackEqual() throws {
        let corpus = try #require(TestPaths.sharedCorpus)
        for format in ["json-v2", "json-classic"] {
            let folder = corpus.appendingPathComponent(format)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
                for record in try readRecords(folder.appendingPathComponent(name)) {
                    let back = try roundTrip(record.study, style: .compact)
                    #expect(values(back) == values(record.study), "\(format)/\(name)")
                }
            }
        }
    }
}
