import Diagnostics
import Foundation
import RegistryFormats
import RegistryModel
import ScheduleModel
import Testing
import TestSupport
@testable import Validation

/// Records checked against protocols: the reference study against its protocol file, baselines, and every
/// fixture against its own baseline.
@Suite struct ProtocolCheckTests {
    static let referenceFiles = ["reference/NCT06813157.description-module.txt", "reference/NCT06813157.json", "reference/NCT06813157.xml"]
    /// The reference study in every input format, upload XML included (which holds no NCT id).
    static let everyFormat = referenceFiles + ["reference/NCT06813157.upload.xml"]
    static let today = PartialDate(year: 2025, month: 6, day: 1)!

    static func records(_ path: String) throws -> [Record] {
        var records: [Record] = []
        try RegistryReader().read(path: path) { records.append(try $0.get()) }
        return records
    }

    static func record(_ name: String) throws -> Record {
        try #require(try records(TestPaths.fixture(name).path).first)
    }

    /// Where `needle` first starts in the file, as `line:column` (columns in Unicode scalars).
    static func position(of needle: String, in name: String) throws -> String {
        let text = try String(contentsOf: TestPaths.fixture(name), encoding: .utf8)
        let range = try #require(text.range(of: needle), "«\(needle)» is not in \(name)")
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = (before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before).unicodeScalars.count + 1
        return "\(line):\(column)"
    }

    static func place(_ position: SourcePosition?) -> String { position.map { "\($0.line):\($0.column)" } ?? "none" }

    @Test(arguments: everyFormat)
    func theReferenceStudyEarnsOnlyItsLostSuperscriptAndItsMissingV4(_ name: String) throws {
        let studyProtocol = try ProtocolFile.load(path: TestPaths.fixture("reference/NCT06813157.protocol.yaml").path)
        let diagnostics = ValidationEngine(today: Self.today, protocol: studyProtocol).check(try Self.record(name))
        #expect(diagnostics.map(\.ruleID) == ["dose-lost-superscript", "visit-code-gap"], "\(diagnostics.map(\.message))")
        guard diagnostics.count == 2 else { return }
        let (superscript, gap) = (diagnostics[0], diagnostics[1])

        #expect(superscript.severity == .warning)
        #expect(Self.place(superscript.start) == (try Self.position(of: "1 × 108/kg", in: name)))
        #expect(superscript.fieldPath == .briefSummary)
        let replacement = try #require(superscript.fix?.replacement)
        #expect(Self.place(replacement.start) == (try Self.position(of: "108/kg", in: name)))
        #expect(replacement.end.column == replacement.start.column + 3)
        #expect(replacement.text == "10^8")

        #expect(gap.severity == .note)
        #expect(Self.place(gap.start) == (try Self.position(of: "V5)", in: name)))
        #expect(gap.fieldPath == .detailedDescription)
        #expect(gap.message == "the visit codes skip V4: V3 is followed by V5")
    }

    @Test(arguments: referenceFiles)
    func theReferenceStudysBaselineIsItsProtocolFile(_ name: String) throws {
        let fixture = try ProtocolFile.load(path: TestPaths.fixture("reference/NCT06813157.protocol.yaml").path)
        let baseline = ProtocolBaseline.build(for: try Self.record(name))
        #expect(baseline.schedule == fixture)
        #expect(baseline.notes.isEmpty)
    }

    /// The upload format has no place for the NCT id, so the baseline of the reference study's upload file
    /// is its protocol file without the study's id.
    @Test func theReferenceUploadsBaselineIsItsProtocolFileWithoutTheStudy() throws {
        let fixture = try ProtocolFile.load(path: TestPaths.fixture("reference/NCT06813157.protocol.yaml").path)
        var schedule = ProtocolBaseline.build(for: try Self.record("reference/NCT06813157.upload.xml")).schedule
        #expect(schedule.study == nil)
        schedule.study = fixture.study
        #expect(schedule == fixture)
    }

    /// Every record among the fixtures, with its file.
    static var fixtureRecords: [(String, Record)] {
        get throws {
            let root = TestPaths.fixture("")
            let files = try FileManager.default.subpathsOfDirectory(atPath: root.path)
                .filter { file in
                    (file.hasPrefix("corpus/") || file.hasPrefix("reference/") || file.hasPrefix("upload/"))
                        && [".json", ".xml", ".txt"].contains { file.hasSuffix($0) }
                }
                .sorted()
            return try files.flatMap { file in try records(root.appendingPathComponent(file).path).map { (file, $0) } }
        }
    }

    @Test func everyFixtureChecksCleanAgainstItsOwnBaseline() throws {
        let records = try Self.fixtureRecords
        #expect(records.count >= 20)
        for (file, record) in records {
            let baseline = ProtocolBaseline.build(for: record).schedule
            // Through the file, as a user would.
            let written = try ProtocolFile.parse(ProtocolFile.yaml(baseline), file: "\(file).protocol.yaml")
            #expect(written == baseline, "\(file)")
            let findings = ValidationEngine(rules: RuleCatalog.protocol, today: Self.today, protocol: written).check(record)
            #expect(findings.isEmpty, "\(file): \(findings.map { "\($0.ruleID): \($0.message)" })")
        }
    }

    @Test(.enabled(if: TestPaths.sharedCorpus != nil))
    func everyCorpusRecordChecksCleanAgainstItsOwnBaseline() throws {
        let corpus = try #require(TestPaths.sharedCorpus)
        let files = try FileManager.default.subpathsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.sorted()
        var checked = 0
        for file in files {
            var records: [Record] = []
            // Unreadable corpus files are the readers' business; this test is about the records that read.
            try? RegistryReader().read(path: corpus.appendingPathComponent(file).path) { result in
                if case .success(let record) = result { records.append(record) }
            }
            for record in records {
                let baseline = ProtocolBaseline.build(for: record).schedule
                let findings = ValidationEngine(rules: RuleCatalog.protocol, today: Self.today, protocol: baseline).check(record)
                #expect(findings.isEmpty, "\(file): \(findings.map { "\($0.ruleID): \($0.message)" })")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func protocolRulesRunOnlyAgainstAProtocol() throws {
        let without = ValidationEngine(today: Self.today)
        #expect(!without.activeRules.contains { $0.family == RuleFamily.protocol.rawValue })
        #expect(without.activeRules.contains { $0.family == RuleFamily.consistency.rawValue })
        let with = ValidationEngine(today: Self.today, protocol: StudyProtocol())
        #expect(with.activeRules.count == RuleCatalog.all.count)
        // A protocol that promises nothing finds nothing.
        #expect(with.check(try Self.record("reference/NCT06813157.json")).allSatisfy { RuleCatalog.rule(id: $0.ruleID)?.ruleDescription.family != .protocol })
    }
}
