import Foundation
import RegistryFormats
import RegistryModel
import TestSupport
import Testing

/// Every API v2 and classic JSON record of the shared corpus reads without error, in its own format,
/// with every position pointing at its value. Runs when `../shared/corpus` exists.
@Suite(.enabled(if: TestPaths.sharedCorpus != nil)) struct JSONCorpusTests {
    @Test(arguments: [("json-v2", RecordFormat.jsonV2), ("json-classic", .jsonClassic)])
    func everyRecordReads(folderName: String, format: RecordFormat) throws {
        let folder = try #require(TestPaths.sharedCorpus).appendingPathComponent(folderName)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(names.count > 100)
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            let bytes = Array(try Data(contentsOf: url))
            let results = try readResults(bytes: bytes, name: name)
            #expect(results.count == 1, "\(name)")
            for result in results {
                switch result {
                case .failure(let error):
                    Issue.record("\(error)")
                case .success(let record):
                    #expect(record.source.format == format, "\(name)")
                    #expect(record.study.nctId.map { $0 + ".json" } == name)
                    #expect(record.study.notices.isEmpty, "\(name): \(record.study.notices)")
                    expectPositionsPointAtValues(record.study, in: bytes)
                }
            }
        }
    }
}
