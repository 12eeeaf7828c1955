import Foundation
import RegistryFormats
import RegistryModel
import ScheduleModel
import TestSupport
import Testing

@testable import ScheduleExtraction

/// The reference study yields every fact of the facts contract's worked example from each of its three
/// fixtures, with identical normal forms.
struct ReferenceStudyTests {
    static let fixtures = [
        "reference/NCT06813157.description-module.txt", "reference/NCT06813157.json", "reference/NCT06813157.xml",
    ]

    struct Expected: CustomStringConvertible {
        let kind: FactKind
        let normalized: String
        let field: FieldPath
        var label: String? = nil
        var anchor: String? = nil
        var between: [Int]? = nil
        var note: String? = nil

        var description: String { "\(kind) \(normalized) in \(field.leafName)" + (label.map { " label \($0)" } ?? "") }

        func isMet(by facts: [Fact]) -> Bool {
            facts.contains { f in
                f.kind == kind && f.normalized == normalized && f.field == field
                    && (label == nil || f.label == label) && (anchor == nil || f.anchor == anchor)
                    && (between == nil || f.between == between) && (note == nil || f.notes.contains(note!))
            }
        }
    }

    /// The worked example of `contracts/facts.md`.
    static let workedExample: [Expected] = {
        let bs = FieldPath.briefSummary
        let dd = FieldPath.detailedDescription
        var expected: [Expected] = [
            Expected(kind: .dose, normalized: "1e8 {cells}/kg", field: bs, note: "lost-superscript: read '108' as 10^8"),
            Expected(kind: .administrationCount, normalized: "5", field: bs),
            Expected(kind: .administrationCount, normalized: "5", field: dd),
            Expected(kind: .interval, normalized: "P1W", field: bs, between: [1, 2]),
            Expected(kind: .window, normalized: "±P1D", field: bs),
            Expected(kind: .interval, normalized: "P2W", field: bs),
            Expected(kind: .window, normalized: "±P3D", field: bs),
            Expected(kind: .period, normalized: "screening", field: dd, label: "V1"),
            Expected(kind: .period, normalized: "baseline", field: dd, label: "V2"),
            Expected(kind: .period, normalized: "treatment", field: dd, label: "V3"),
            Expected(kind: .period, normalized: "follow-up", field: dd, label: "V5"),
            Expected(kind: .design, normalized: "single-arm", field: bs),
            Expected(kind: .design, normalized: "single-center", field: bs),
            Expected(kind: .route, normalized: "intravenous", field: bs),
        ]
        for field in [bs, dd] {
            for (normalized, label) in [
                ("P14D", "D14"), ("P1M", "M1"), ("P2M", "M2"), ("P3M", "M3"), ("P6M", "M6"), ("P9M", "M9"),
                ("P12M", "M12"),
            ] {
                expected.append(
                    Expected(kind: .timepoint, normalized: normalized, field: field, label: label, anchor: "end-of-treatment"))
            }
        }
        return expected
    }()

    @Test(arguments: fixtures)
    func workedExampleFromEveryFormat(_ fixture: String) throws {
        let url = TestPaths.fixture(fixture)
        try #require(FileManager.default.fileExists(atPath: url.path), "fixture \(fixture) is missing")
        let records = try RegistryReader().readAll(path: url.path)
        try #require(records.count == 1)
        let facts = ScheduleExtractor().extract(records[0].study)
        for expected in Self.workedExample {
            #expect(expected.isMet(by: facts), "\(fixture): missing \(expected)")
        }
        for fact in facts {
            let value = try #require(records[0].study.scheduleTextFields.first { $0.path == fact.field }?.value)
            #expect(Array(value.utf8)[fact.utf8Range].elementsEqual(fact.text.utf8))
        }
    }

    /// The contract's example fact, in the contract's JSON shape.
    @Test func contractShape() throws {
        let url = TestPaths.fixture("reference/NCT06813157.json")
        let records = try RegistryReader().readAll(path: url.path)
        let extracted = ExtractedRecord(try #require(records.first), extractor: ScheduleExtractor())
        let dose = try #require(extracted.facts.first { $0.kind == .dose })
        #expect(dose.text == "1 × 108/kg")
        #expect(dose.rule == "dose.scientific-notation")
        #expect(dose.subject == "mesenchymal stem cells")
        for pretty in [false, true] {
            let json = try JSONSerialization.jsonObject(with: Data(extracted.json(pretty: pretty).utf8)) as? [String: Any]
            #expect(json?["nctId"] as? String == "NCT06813157")
            #expect((json?["source"] as? [String: Any])?["format"] as? String == "json-v2")
            let facts = try #require(json?["facts"] as? [[String: Any]])
            #expect(facts.count == extracted.facts.count)
            let first = try #require(facts.first { $0["kind"] as? String == "dose" })
            #expect(first["normalized"] as? String == "1e8 {cells}/kg")
            #expect(first["utf8Range"] as? [Int] == [dose.utf8Range.lowerBound, dose.utf8Range.upperBound])
            #expect(first["notes"] as? [String] == ["lost-superscript: read '108' as 10^8"])
        }
    }

    /// Text with quotes, backslashes and control characters stays valid JSON.
    @Test func jsonEscapesText() throws {
        let text = "a \"quoted\" \\ path\r\n\tline\u{1}"
        let record = ExtractedRecord(nctId: nil, path: "a\"b.json", format: .jsonV2, facts: [])
        let parsed = try JSONSerialization.jsonObject(with: Data(("[" + JSONText.string(text) + "]").utf8)) as? [String]
        #expect(parsed == [text])
        let json = try JSONSerialization.jsonObject(with: Data(record.json().utf8)) as? [String: Any]
        #expect((json?["source"] as? [String: Any])?["path"] as? String == "a\"b.json")
        #expect(json?["nctId"] is NSNull)
    }
}
