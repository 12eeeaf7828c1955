import Testing
@testable import RegistryFormats
import RegistryModel

/// `SourceCursor` walks a record once, finding line ends with `memchr` and counting columns a word at a
/// time; every position it gives agrees with lines and columns counted byte by byte.
@Suite struct SourceCursorTests {
    /// Lines and columns (one per byte that is not a UTF-8 continuation byte) counted byte by byte.
    private static func counted(_ offset: Int, in bytes: [UInt8], base: SourcePosition) -> SourcePosition {
        var line = base.line
        var column = base.column
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourcePosition(line: line, column: column, offset: base.offset + offset)
    }

    /// Walks `bytes` in steps of `step` bytes, and checks each position.
    private static func walk(_ bytes: [UInt8], step: Int, base: SourcePosition) -> Bool {
        var cursor = SourceCursor(base: base)
        return bytes.withUnsafeBufferPointer { buffer in
            stride(from: 0, through: bytes.count, by: step).allSatisfy { offset in
                cursor.position(at: offset, in: buffer) == counted(offset, in: bytes, base: base)
            }
        }
    }

    /// Steps shorter and longer than a word and than a line, over a real record.
    @Test(arguments: [1, 3, 8, 13, 64, 255, 256, 257, 1000, 5000])
    func aRecordWalkedInSteps(step: Int) throws {
        let record = try fixtureBytes("corpus/xml-legacy/NCT00000102.xml").bytes
        #expect(Self.walk(record, step: step, base: SourcePosition(line: 1, column: 1, offset: 0)))
    }

    /// Line ends in every byte of a word, runs of them, carriage returns, text outside ASCII, and a
    /// cursor that starts inside a file.
    @Test(arguments: [1, 5, 8, 9, 17, 300])
    func lineEndsAndCharactersAnywhere(step: Int) {
        var text = ""
        for n in 0..<200 {
            text += String(repeating: "a", count: n % 11) + (n % 3 == 0 ? "é≥\u{1F600}" : "") + (n % 5 == 0 ? "\r\n" : "\n")
            if n % 7 == 0 { text += "\n\n\n\n\n\n\n\n\n" }
        }
        #expect(Self.walk(Array(text.utf8), step: step, base: SourcePosition(line: 12, column: 5, offset: 40)))
    }
}
