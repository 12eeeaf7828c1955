import Diagnostics
import RegistryModel
import Testing
@testable import Validation

/// The engine on records built in memory: which rules run, at what severity, and in what order.
@Suite struct EngineTests {
    /// A complete record (status with first submission date, design) in API v2 JSON, with every value
    /// placed where it is in the text.
    static let text = #"{"protocolSection": {"statusModule": {"overallStatus": "RECRUITING", "whyStopped": "Funding", "studyFirstSubmitDate": "2019-05-02"}, "designModule": {"studyType": "INTERVENTIONAL"}}}"#

    static func position(of value: String) -> SourcePosition {
        let offset = text.utf8.count - text.split(separator: value, maxSplits: 1, omittingEmptySubsequences: false)[1].utf8.count - value.utf8.count
        return SourcePosition(line: 1, column: offset + 1, offset: offset)
    }

    static var record: Record {
        let status = Status(
            overallStatus: Field(Coded(spelling: "RECRUITING"), path: FieldPath.statusModule.appending("overallStatus"), position: position(of: "RECRUITING")),
            whyStopped: TextField("Funding", path: FieldPath.statusModule.appending("whyStopped"), position: position(of: "Funding")),
            studyFirstSubmitDate: Field(
                DateValue(parsing: "2019-05-02"), path: FieldPath.statusModule.appending("studyFirstSubmitDate"),
                position: position(of: "2019-05-02")))
        let design = Design(
            studyType: Field(Coded(spelling: "INTERVENTIONAL"), path: FieldPath.designModule.appending("studyType"), position: position(of: "INTERVENTIONAL")))
        return Record(
            study: Study(status: status, design: design), source: RecordSource(path: "mem.json", format: .jsonV2),
            document: SourceDocument(bytes: Array(text.utf8), escaping: .json))
    }

    static let today = PartialDate(year: 2025, month: 6, day: 1)!

    @Test func reportsWithTheDefaultSeverityInFileOrder() throws {
        let diagnostics = ValidationEngine(today: Self.today).check(Self.record)
        let ids = diagnostics.map(\.ruleID)
        #expect(ids.contains("why-stopped-unexpected"))
        #expect(ids.contains("brief-summary-missing"))
        let starts = diagnostics.compactMap(\.start?.offset)
        #expect(starts == starts.sorted())
        let why = try #require(diagnostics.first { $0.ruleID == "why-stopped-unexpected" })
        #expect(why.severity == .error)
        #expect(why.start == Self.position(of: "Funding"))
        #expect(why.end == SourcePosition(line: 1, column: Self.position(of: "Funding").column + 7, offset: Self.position(of: "Funding").offset + 7))
        #expect(why.file == "mem.json")
        #expect(why.notes.first?.start == Self.position(of: "RECRUITING"))
    }

    @Test func configurationTurnsRulesOffAndChangesSeverity() {
        let configuration = Configuration(settings: ["why-stopped-unexpected": .severity(.note), "brief-summary-missing": .off])
        let engine = ValidationEngine(configuration: configuration, today: Self.today)
        let diagnostics = engine.check(Self.record)
        #expect(!diagnostics.contains { $0.ruleID == "brief-summary-missing" })
        #expect(diagnostics.first { $0.ruleID == "why-stopped-unexpected" }?.severity == .note)
        #expect(!engine.activeRules.contains { $0.id == "brief-summary-missing" })
        // Protocol rules run only against a protocol.
        #expect(engine.activeRules.count == RuleCatalog.all.count - RuleCatalog.protocol.count - 1)
    }

    @Test func aMissingFieldPointsAtItsModuleOrTheRecordStart() throws {
        let diagnostics = ValidationEngine(today: Self.today).check(Self.record)
        // The description module is absent: the record's start.
        let summary = try #require(diagnostics.first { $0.ruleID == "brief-summary-missing" })
        #expect(summary.start == .start)
        #expect(summary.fieldPath == .briefSummary)
        // The design module is present: its first value.
        let model = try #require(diagnostics.first { $0.ruleID == "interventional-design-missing" })
        #expect(model.start == Self.position(of: "INTERVENTIONAL"))
    }

    @Test func aPartialRecordIsNotFaultedForModulesItLeavesOut() {
        let text = #"{"protocolSection": {"identificationModule": {"nctId": "NCT06813157"}}}"#
        let nct = TextField("NCT06813157", path: FieldPath.identificationModule.appending("nctId"), position: SourcePosition(line: 1, column: 57, offset: 56))
        let record = Record(
            study: Study(identification: Identification(nctId: nct)), source: RecordSource(path: "p.json", format: .jsonV2),
            document: SourceDocument(bytes: Array(text.utf8), escaping: .json))
        #expect(ValidationEngine(today: Self.today).check(record).isEmpty)
    }
}

@Suite struct MeasuredTextTests {
    @Test func plainTextCountsEveryScalar() {
        #expect(MeasuredText("a  b\nc", unwrapping: false).count == 6)
    }

    @Test func legacyWrappingCountsABreakAsOneCharacter() {
        let wrapped = "\n      Aspirin is given\n      daily.\n\n      Second paragraph.\n    "
        let measure = MeasuredText(wrapped, unwrapping: true)
        #expect(measure.count == "Aspirin is given daily.\n\nSecond paragraph.".count)
        // The 17th counted character is the `d` of "daily".
        let scalars = Array(wrapped.unicodeScalars)
        #expect(scalars[measure.scalarOffset(ofCharacter: 17)] == "d")
    }

    /// The count made as the text is read agrees with the count of the measured text, wrapped or not.
    @Test(arguments: [
        "", " ", "a", " a", "a ", "a  b\nc", "\n      Aspirin is given\n      daily.\n\n      Second paragraph.\n    ",
        "x\r\n\r\n\n  y", "é \t ü", "\n\n\na\n\n\n", "a\u{00A0} b", "\t\t", "a\n\n\n\nb  c\rd",
    ])
    func countAsReadAgrees(_ text: String) {
        for unwrapping in [false, true] {
            #expect(MeasuredText.count(of: text, unwrapping: unwrapping) == MeasuredText(text, unwrapping: unwrapping).count)
        }
    }

    @Test func groupsThousands() {
        #expect(grouped(5000) == "5,000")
        #expect(grouped(32000) == "32,000")
        #expect(grouped(999) == "999")
        #expect(grouped(1_234_567) == "1,234,567")
    }
}
