import Foundation
import RegistryFormats
import RegistryModel
import ScheduleModel
import TestSupport
import Testing

@testable import ScheduleExtraction

/// Every record of the shared corpus extracts, and every fact points at its own text.
@Suite(.enabled(if: TestPaths.sharedCorpus != nil, "needs ../shared/corpus"))
struct CorpusTests {
    static var corpusFiles: [URL] {
        guard let corpus = TestPaths.sharedCorpus,
            let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { ["json", "xml", "txt"].contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    @Test func everyRecordExtractsAndEveryFactPointsAtItsText() throws {
        let files = Self.corpusFiles
        #expect(files.count > 1000)
        let extractor = ScheduleExtractor()
        var records = 0
        var facts = 0
        for file in files {
            do {
                try RegistryReader().read(path: file.path) { result in
                    switch result {
                    case .success(let record):
                        records += 1
                        let fields = Dictionary(
                            record.study.scheduleTextFields.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
                        for fact in extractor.extract(record.study) {
                            facts += 1
                            check(fact, in: fields, file: file)
                        }
                    case .failure(let error):
                        Issue.record("\(error)")
                    }
                }
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(records >= files.count)
        #expect(facts > 0)
    }

    private func check(_ fact: Fact, in fields: [FieldPath: String], file: URL) {
        guard let value = fields[fact.field] else {
            Issue.record("\(file.lastPathComponent): \(fact) names a field the record does not have")
            return
        }
        let utf8 = Array(value.utf8)
        guard fact.utf8Range.lowerBound >= 0, fact.utf8Range.upperBound <= utf8.count else {
            Issue.record("\(file.lastPathComponent): \(fact) range \(fact.utf8Range) outside the field")
            return
        }
        #expect(
            utf8[fact.utf8Range].elementsEqual(fact.text.utf8), "\(file.lastPathComponent): \(fact) text is not its range")
        #expect(
            FactValue(kind: fact.kind, normalized: fact.normalized) != nil,
            "\(file.lastPathComponent): \(fact) normal form does not read back")
    }
}
