import Foundation
import RegistryFormats
import RegistryModel
import Testing
import TestSupport

/// The upload fixtures: the reference study and corpus records of `Fixtures/corpus`, each written by
/// `ctlint convert --to upload-xml` from its source fixture (Fixtures/SOURCES.md).
@Suite struct UploadFixtureTests {
    /// (upload fixture, the fixture it was converted from).
    static let fixtures: [(upload: String, source: String)] = {
        var pairs = [("reference/NCT06813157.upload.xml", "reference/NCT06813157.json")]
        for (folder, ext) in [("json-v2", "json"), ("xml-legacy", "xml")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: TestPaths.fixture("upload/\(folder)").path)) ?? []
            for name in names.sorted() where name.hasSuffix(".upload.xml") {
                let id = name.dropLast(".upload.xml".count)
                pairs.append(("upload/\(folder)/\(name)", "corpus/\(folder)/\(id).\(ext)"))
            }
        }
        return pairs
    }()

    @Test func thereAreTenCorpusStudiesBesidesTheReference() {
        #expect(Self.fixtures.count >= 11)
        #expect(Self.fixtures.contains { $0.upload.hasPrefix("upload/json-v2/") })
        #expect(Self.fixtures.contains { $0.upload.hasPrefix("upload/xml-legacy/") })
    }

    @Test(arguments: fixtures.map(\.upload))
    func eachFixtureFollowsTheUploadSchema(_ upload: String) throws {
        let records = try readFixture(upload)
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.source.format == .uploadXML)
        let validation = try #require(record.schemaValidation)
        #expect(validation.schema == "ProtocolRecordSchema.xsd 2018.05.08")
        #expect(validation.violations.isEmpty, "\(validation.violations)")
        #expect(record.study.extras.isEmpty, "\(record.study.extras.map(\.key))")
    }

    /// Each fixture is what the writer makes of its source today, and reads back as its source.
    @Test(arguments: fixtures.map { [$0.upload, $0.source] })
    func eachFixtureIsItsSourceConverted(_ pair: [String]) throws {
        let source = try readFixture(pair[1], options: ReadOptions(validatesSchema: false))
        let written = UploadXMLWriter().write(source).text
        let fixture = try String(contentsOf: TestPaths.fixture(pair[0]), encoding: .utf8)
        #expect(written == fixture, "regenerate with: ctlint convert --to upload-xml Fixtures/\(pair[1]) -o Fixtures/\(pair[0])")
        let readBack = try #require(try readFixture(pair[0]).first)
        let original = try #require(source.first)
        #expect(UploadRoundTrip().differences(original.study, readBack.study).isEmpty)
        #expect(readBack.declaresPartial == !original.isComplete)
    }

    /// The reference study's text sits in the upload file as in the JSON it came from, so a word of it
    /// is found at its own line and column.
    @Test func theReferenceStudysWordsAreFoundInTheUploadFile() throws {
        let path = "reference/NCT06813157.upload.xml"
        let bytes = try fixtureBytes(path)
        let record = try #require(try readFixture(path).first)
        #expect(record.declaresPartial)
        #expect(!record.isComplete)
        #expect(record.study.nctId == nil, "the upload format has no NCT id")
        let json = try #require(try readFixture("reference/NCT06813157.json").first)
        #expect(record.study.description == Description(
            briefSummary: record.study.description.briefSummary.map { TextField(json.study.description.briefSummary!.value, origin: $0.origin) },
            detailedDescription: record.study.description.detailedDescription.map { TextField(json.study.description.detailedDescription!.value, origin: $0.origin) }))
        let description = try #require(record.study.description.detailedDescription)
        for needle in ["D14, M1, M2", "5 times", "(V5)", "withdrew early"] {
            let range = try #require(description.value.range(of: needle))
            let offset = description.value.utf8.distance(from: description.value.startIndex, to: range.lowerBound)
            #expect(file(bytes, at: record.document.position(in: description, utf8Offset: offset), startsWith: needle), "\(needle)")
        }
    }
}
