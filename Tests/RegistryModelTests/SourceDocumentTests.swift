import Testing
@testable import RegistryModel

@Suite struct SourceDocumentTests {
    private func field(_ value: String, at position: SourcePosition) -> TextField {
        TextField(value, path: .briefSummary, position: position)
    }

    @Test func jsonEscapesAreUndone() throws {
        // {"a": "x\ny \u00e9 z"}: the value starts at byte 7 (line 1, column 8).
        let raw = #"{"a": "x\ny \u00e9 z"}"#
        let doc = SourceDocument(bytes: Array(raw.utf8), escaping: .json)
        let start = SourcePosition(line: 1, column: 8, offset: 7)
        let value = "x\ny é z"
        let zOffset = value.utf8.count - 1
        let location = try #require(doc.position(in: field(value, at: start), utf8Offset: zOffset))
        #expect(String(decoding: Array(raw.utf8)[location.offset...].prefix(1), as: UTF8.self) == "z")
    }

    @Test func xmlEntitiesAndLineEndsAreUndone() throws {
        let raw = "<t>\n  a &amp; b&#xD;\n  c</t>"
        let doc = SourceDocument(bytes: Array(raw.utf8), escaping: .xml)
        let start = SourcePosition(line: 1, column: 4, offset: 3)
        let value = "\n  a & b\r\n  c"
        let cOffset = value.utf8.count - 1
        let location = try #require(doc.position(in: field(value, at: start), utf8Offset: cOffset))
        #expect(location.line == 3)
        #expect(location.column == 3)
        #expect(doc.lineText(3) == "  c</t>")
    }

    @Test func documentsInsideALargerFileKeepFilePositions() throws {
        let raw = "NCT ID: NCT1\nBrief Summary: two × three"
        let doc = SourceDocument(bytes: Array(raw.utf8), base: SourcePosition(line: 10, column: 1, offset: 500), escaping: .verbatim)
        let start = SourcePosition(line: 11, column: 16, offset: 500 + 28)
        let location = try #require(doc.position(in: field("two × three", at: start), utf8Offset: "two × ".utf8.count))
        #expect(location.line == 11)
        #expect(location.column == 22)
    }
}
