import RegistryModel

/// A forward-only walk over a record's raw bytes that knows the line and column of where it stands.
///
/// Readers ask for positions in increasing byte order, so the whole record is walked once however
/// many positions are asked for. Columns count Unicode scalars: every byte that is not a UTF-8
/// continuation byte starts one.
struct SourceCursor {
    /// Where byte 0 of the walked bytes lies in the file.
    let base: SourcePosition
    private(set) var index = 0
    private var line: Int
    private var column: Int

    init(base: SourcePosition) {
        self.base = base
        self.line = base.line
        self.column = base.column
    }

    /// The file position of byte `target`; `target` must not be before the last position asked for.
    mutating func position(at target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        precondition(target >= index, "positions are asked for in increasing order")
        var i = index
        while i < target {
            let byte = bytes[i]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        index = target
        return SourcePosition(line: line, column: column, offset: base.offset + target)
    }
}

/// UTF-8 validity, checked before a parser sees the bytes so that an encoding error is reported at its
/// exact line and column.
enum UTF8Validation {
    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence, or `nil`.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F  // no UTF-16 surrogates
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F  // nothing above U+10FFFF
            default: return i
            }
            guard i + length <= count else { return i }
            let second = bytes[i + 1]
            guard second >= lower, second <= upper else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// Throws `.encoding` naming the line and column of the first invalid byte, if there is one.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, base: SourcePosition, file: String) throws(ReadError) {
        guard let bad = firstInvalidByte(in: bytes) else { return }
        var cursor = SourceCursor(base: base)
        let position = cursor.position(at: bad, in: bytes)
        let byte = String(bytes[bad], radix: 16, uppercase: true)
        throw ReadError(.encoding, file: file, position: position,
            message: "invalid UTF-8 (byte 0x\(byte)); ctlint reads UTF-8 text, convert the file with `iconv -t UTF-8`")
    }
}
