import Foundation
import ScheduleExtraction
import Testing

@testable import BulkScan

/// JSON string literals read back as their text, and the folder walk's byte-level name checks give
/// exactly what the general code gives.
@Suite struct FastPathTests {
    @Test(arguments: [
        "", "plain words", "quote \" and \\ backslash", "lines\nand\r\ntabs\t", "\u{1}\u{8}\u{1F}\u{7F}",
        "µg/m² – ±5 %", "emoji 👩‍⚕️ and e\u{301}", "\"\\\"",
    ])
    func jsonStringBytesReadBackAsTheText(text: String) throws {
        var bytes: [UInt8] = []
        JSONText.append(text, to: &bytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
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
