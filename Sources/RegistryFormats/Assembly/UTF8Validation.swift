import RegistryModel

/// UTF-8 validity, checked before a parser sees the bytes so that an encoding error is reported at its
/// exact line and column.
enum UTF8Validation {
    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence, or `nil`.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        while i < count {
            // Records are nearly all ASCII: 32 bytes at a time while none has its high bit set, then
            // eight at a time up to the first byte that has.
            while i + 32 <= count {
                let words = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                guard words & 0x8080_8080_8080_8080 == 0 else { break }
                i += 32
            }
            while i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
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
            message: "invalid UTF-8 (byte 0x\(byte)); ctlint reads UTF-8, so convert the file first (for example `iconv -f LATIN1 -t UTF-8`)")
    }
}
