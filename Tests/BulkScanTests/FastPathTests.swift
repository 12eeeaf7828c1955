import ScheduleExtraction
import Testing

@testable import BulkScan

/// The byte-level fast paths of the writer and the folder walk give exactly what the general code gives.
@Suite struct FastPathTests {
    @Test(arguments: [
        "", "plain words", "quote \" and \\ backslash", "lines\nand\r\ntabs\t", "\u{1}\u{8}\u{1F}\u{7F}",
        "µg/m² – ±5 %", "emoji 👩‍⚕️ and e\u{301}", "\"\\\"",
    ])
    func jsonStringBytesMatchJSONText(text: String) {
        var bytes: [UInt8] = []
        RowBinder.appendJSONString(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == JSONText.string(text))
    }

    @Test(arguments: [
        "NCT00000102.json", "A.JSON", "x.Xml", "page.jsonl", "all.NDJSON", "module.txt", ".json", "json", "x.js",
        "x.jsonx", "x.zip", "X.ZIP", "zip", ".zip", "a.b.xml", "dir.json/file", "dir/file.json", "x.", "x..",
        "x.tXt", "x.json ", "x.j\u{73}on", "x\r\n.json",
    ])
    func asciiNamesAreClassifiedAsByCharacters(name: String) {
        #expect(InputEnumerator.isRecordFile(name) == InputEnumerator.unicodeIsRecordFile(name))
        #expect(InputEnumerator.isArchiveName(name) == InputEnumerator.unicodeIsArchiveName(name))
    }

    @Test func nonASCIINamesTakeTheGeneralPath() {
        #expect(InputEnumerator.isRecordFile("étude.json"))
        #expect(!InputEnumerator.isRecordFile("étude.jsön"))
        #expect(InputEnumerator.isArchiveName("données.ZIP"))
    }
}
