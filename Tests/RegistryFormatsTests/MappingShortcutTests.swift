import Testing
@testable import RegistryFormats
import RegistryModel

/// The mapper's shortcuts give what the plain ways give: paths joined in one go spell what `appending`
/// and `index` spell, and positions found from the last one are the positions counted from the start.
@Suite struct MappingShortcutTests {
    @Test func joinedPathsSpellWhatAppendingAndIndexSpell() {
        let list = FieldPath.contactsLocationsModule.appending("locations")
        #expect(FieldPath(joining: list, index: 0, nil) == list.index(0))
        #expect(FieldPath(joining: list, index: 1234, "city") == list.index(1234).appending("city"))
        #expect(FieldPath(joining: list, index: nil, "city") == list.appending("city"))
        #expect(FieldPath(joining: "", index: nil, "hasResults") == FieldPath("").appending("hasResults"))
        #expect(FieldPath(joining: "", index: 7, "name") == FieldPath("").index(7).appending("name"))
        #expect(ParentPath(list).appending("city") == list.appending("city"))
        #expect(ParentPath(list: list, index: 10).appending("zip") == list.index(10).appending("zip"))
        #expect(ParentPath(list: list, index: 10).fieldPath == list.index(10))
        #expect(ParentPath(list: list, index: 3).child("contacts").appending("name")
            == list.index(3).appending("contacts").appending("name"))
    }

    /// A store finds a value by its path's parts as by its spelled path, past the room it starts with,
    /// and counts each list (nested ones too) from the indices set.
    @Test func storeLooksValuesUpByPartsAsByPaths() {
        let list = FieldPath.armsInterventionsModule.appending("interventions")
        var store = V2FieldStore()
        for i in 0..<300 {
            let stored = store.set(FieldPath(joining: list, index: i, "name"), "drug \(i)", at: nil)
            #expect(stored)
            if i % 3 == 0 {
                store.set(list.index(i).appending("otherNames").index(i / 3), "other \(i)", at: nil)
            }
        }
        let storedAgain = store.set(list.index(7).appending("name"), "again", at: nil)
        #expect(!storedAgain)
        #expect(store.count(list) == 300)
        for i in [0, 1, 99, 299] {
            let path = list.index(i).appending("name")
            #expect(store.index(of: list, i, "name") == store.index(of: path))
            #expect(store.entry(path)?.text == "drug \(i)")
            #expect(store.count(list, i, "otherNames") == (i % 3 == 0 ? i / 3 + 1 : 0))
        }
        #expect(store.index(of: list, 300, "name") == nil)
        #expect(store.index(of: list, 5, "type") == nil)
        #expect(store.index(of: list, 3, nil) == nil)
        #expect(store.count(list.index(3).appending("otherNames")) == 2)
        #expect(store.index(of: list.index(3).appending("otherNames"), 1, nil) != nil)
    }

    /// The name table finds every name it holds, keeps the first value of a name given twice, and finds
    /// no other name, however close.
    @Test func elementNameTableFindsExactlyItsNames() {
        let names = ["id_info", "brief_title", "acronym", "location", "clinical_results", "keyword", "condition"]
        let table = ElementNameTable(names.enumerated().map { ($1, $0) } + [("acronym", 99)])
        for (number, name) in names.enumerated() { #expect(table[name] == number) }
        for other in ["", "x", "Location", "locations", "locatioN", "acronyn", "clinical_result", "id_infos"] {
            #expect(table[other] == nil)
        }
    }

    /// Offsets looked up in and out of order, near and far, on a record with lines and characters of
    /// more than one byte.
    @Test func positionsFromACursorArePositionsCountedFromTheStart() throws {
        var text = "{\n"
        for i in 0..<60 { text += "  \"k\(i)\": \"\(i % 3 == 0 ? "é€𝄞 " : "")value \(i)\",\n" }
        text += "  \"end\": 1\n}"
        let bytes = Array(text.utf8)
        let parser = JSONParser(file: "t.json", base: .start, maxDepth: 64, outerDepth: 0, endOfInput: "end of file")
        let document = try parser.parse(bytes)
        let starts = (0..<bytes.count).filter { bytes[$0] & 0xC0 != 0x80 }
        let order = starts + starts.reversed() + stride(from: 0, to: starts.count, by: 37).map { starts[$0] }
            + stride(from: starts.count - 1, to: 0, by: -53).map { starts[$0] }
        var cursor = LineCursor()
        for offset in order {
            let position = document.lines.position(at: offset, base: document.base, cursor: &cursor)
            let expected = lineAndColumn(of: offset, in: bytes)
            #expect(position == SourcePosition(line: expected.line, column: expected.column, offset: offset))
        }
    }

    /// A code matched on a value's bytes is the code `Coded(spelling:)` reads from its text, for every
    /// spelling of every code the JSON mapper reads; other texts (folded, aliased, escaped, unknown) are
    /// left to it. The match relies on every spelling being ASCII, which this checks too.
    @Test func codesMatchedOnBytesAreTheCodesReadFromText() throws {
        try checkSpellings(ArmGroupType.self)
        try checkSpellings(InterventionType.self)
        try checkSpellings(StudyType.self)
        try checkSpellings(Phase.self)
        try checkSpellings(Allocation.self)
        try checkSpellings(InterventionModel.self)
        try checkSpellings(PrimaryPurpose.self)
        try checkSpellings(Masking.self)
        try checkSpellings(WhoMasked.self)
        try checkSpellings(ObservationalModel.self)
        try checkSpellings(TimePerspective.self)
        try checkSpellings(BioSpecRetention.self)
        try checkSpellings(SamplingMethod.self)
        try checkSpellings(Sex.self)
        try checkSpellings(StandardAge.self)
        try checkSpellings(OverallStatus.self)
        try checkSpellings(DateType.self)
        try checkSpellings(EnrollmentType.self)
        try checkSpellings(AgencyClass.self)
        try checkSpellings(RecruitmentStatus.self)
        try checkSpellings(ResponsiblePartyType.self)
        try checkSpellings(OfficialRole.self)
    }

    private func checkSpellings<Code: RegistryCode>(_: Code.Type) throws {
        var texts: [String] = []
        for code in Code.allCases {
            #expect(code.rawValue.utf8.allSatisfy { $0 < 0x80 }, "\(code.rawValue) is not ASCII")
            #expect(code.legacyLabel.utf8.allSatisfy { $0 < 0x80 }, "\(code.legacyLabel) is not ASCII")
            texts += [code.rawValue, code.legacyLabel, code.rawValue.lowercased(), " \(code.legacyLabel)"]
        }
        texts += ["", "UNKNOWN_CODE", "K\u{212A}"]
        let json = "[" + texts.map { "\"\($0)\"" }.joined(separator: ",") + ",\"\\u0041\"]"
        let parser = JSONParser(file: "t.json", base: .start, maxDepth: 64, outerDepth: 0, endOfInput: "end of file")
        let document = try parser.parse(Array(json.utf8))
        for index in 0...texts.count {
            let node = index + 1
            let text = document.string(node)
            let matched: Code? = document.code(spelledExactlyBy: node)
            if let matched {
                #expect(Coded<Code>.known(matched) == Coded<Code>(spelling: text), "\(text) as \(Code.self)")
            } else {
                #expect(index >= texts.count || !Code.allCases.contains { $0.rawValue == text || $0.legacyLabel == text },
                    "\(text) as \(Code.self) is not matched on its bytes")
            }
        }
    }
}
