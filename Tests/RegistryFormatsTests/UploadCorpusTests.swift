import Foundation
import RegistryFormats
import RegistryModel
import Testing
import TestSupport

/// Every API v2 and legacy XML record of the shared corpus, converted to upload XML: the file follows the
/// upload schema, and reading it back gives the same org study id, titles, brief summary, detailed
/// description, arm groups and interventions. In process, through the same reader and writer `ctlint
/// convert` and `ctlint parse` use (a CLI test runs the programs on a sample). Run when `../shared/corpus`
/// exists.
@Suite(.enabled(if: TestPaths.sharedCorpus != nil, "needs ../shared/corpus"))
struct UploadCorpusTests {
    @Test(arguments: ["json-v2", "xml-legacy"])
    func everyRecordConvertsToAValidUploadThatReadsBackTheSame(folderName: String) throws {
        let folder = try #require(TestPaths.sharedCorpus).appendingPathComponent(folderName)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }
        #expect(files.count >= 600)
        var studies = 0
        for name in files.sorted() {
            let records = try RegistryReader(options: ReadOptions(validatesSchema: false)).readAll(path: folder.appendingPathComponent(name).path)
            let upload = UploadXMLWriter().write(records)
            let readBack = try read(upload.text, name: name + ".upload.xml")
            #expect(readBack.count == records.count, "\(name)")
            for (original, converted) in zip(records, readBack) {
                studies += 1
                #expect(converted.source.format == .uploadXML)
                let violations = try #require(converted.schemaValidation, "\(name): not validated").violations
                #expect(violations.isEmpty, "\(name): \(violations)")
                let differences = UploadRoundTrip().differences(original.study, converted.study)
                #expect(differences.isEmpty, "\(name): \(differences)")
                #expect(converted.declaresPartial == !original.isComplete, "\(name)")
            }
        }
        #expect(studies >= 600)
    }
}
