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
}
