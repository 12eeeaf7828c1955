/// The raw bytes of one record as its file holds them, so that a position inside a decoded value can be
/// mapped back to a line and column of the file.
///
/// A value's `Origin` gives where the value starts; a fact or a diagnostic inside it knows only a UTF-8
/// offset into the decoded string. Mapping one to the other means walking the raw text from the
/// value's start, undoing the format's escapes (JSON `\n`, `\u00e9`; XML `&#xD;`, `&amp;`) as it goes.
/// The document holds only its record's bytes: for a file of many records, `base` says where they begin.
public struct SourceDocument: Sendable {
    /// How values are escaped in the raw bytes.
    public enum Escaping: Sendable, Hashable {
        /// Values are the bytes as written (module text).
        case verbatim
        /// JSON string escapes.
        case json
        /// XML character data: entity and character references, CDATA sections, line-end normalisation.
        case xml
    }

    /// The record's bytes.
    public let bytes: [UInt8]
    /// Where `bytes[0]` is in the file.
    public let base: SourcePosition
    public let escaping: Escaping

    public init(bytes: [UInt8], base: SourcePosition = .start, escaping: Escaping) {
        self.bytes = bytes
        self.base = base
        self.escaping = escaping
    }

    /// The file position of the byte `utf8Offset` bytes into the decoded value of `field`, or `nil`
    /// when the field has no position or lies outside this document.
    public func position(in field: TextField, utf8Offset: Int) -> SourcePosition? {
        guard let start = field.position else { return nil }
        return position(from: start, decodedOffset: utf8Offset)
    }

    /// Walks the raw bytes from `start` (the position of a value's first byte) until `decodedOffset`
    /// bytes of the decoded value have been passed, and returns the position reached.
    public func position(from start: SourcePosition, decodedOffset: Int) -> SourcePosition? {
        var index = start.offset - base.offset
        guard index >= 0, index <= bytes.count else { return nil }
        var line = start.line
        var column = start.column
        var decoded = 0

        func advance(raw count: Int) {
            for _ in 0..<count where index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
        }

        while decoded < decodedOffset, index < bytes.count {
            let step = decodeStep(at: index)
            if decoded + step.decoded > decodedOffset { break }
            decoded += step.decoded
            advance(raw: step.raw)
        }
        return SourcePosition(line: line, column: column, offset: base.offset + index)
    }

    /// The text of the file line `line`, if this document holds it, without its line break.
    public func lineText(_ line: Int) -> String? {
        guard line >= base.line else { return nil }
        var current = base.line
        var index = 0
        while current < line {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            index = newline + 1
            current += 1
        }
        var end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
        if end > index, bytes[end - 1] == 0x0D { end -= 1 }
        let prefix = line == base.line ? String(repeating: " ", count: base.column - 1) : ""
        return prefix + String(decoding: bytes[index..<end], as: UTF8.self)
    }

    /// One unit of raw text and the number of decoded UTF-8 bytes it stands for.
    private func decodeStep(at index: Int) -> (raw: Int, decoded: Int) {
        let byte = bytes[index]
        switch escaping {
        case .verbatim:
            return (1, 1)
        case .json:
            guard byte == UInt8(ascii: "\\"), index + 1 < bytes.count else { return (1, 1) }
            guard bytes[index + 1] == UInt8(ascii: "u"), let scalar = hex(at: index + 2, count: 4) else { return (2, 1) }
            if (0xD800..<0xDC00).contains(scalar), index + 12 <= bytes.count,
                bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
                let low = hex(at: index + 8, count: 4), (0xDC00..<0xE000).contains(low)
            {
                return (12, 4)
            }
            return (6, utf8Length(scalar))
        case .xml:
            if byte == 0x0D {
                // XML folds CR LF and a lone CR into one LF.
                return (index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? (2, 1) : (1, 1)
            }
            if byte == UInt8(ascii: "<") {
                if hasPrefix("<![CDATA[", at: index) { return (9, 0) }
                if hasPrefix("<!--", at: index), let end = find("-->", from: index + 4) { return (end + 3 - index, 0) }
                return (1, 1)
            }
            if byte == UInt8(ascii: "]"), hasPrefix("]]>", at: index) { return (3, 0) }
            guard byte == UInt8(ascii: "&"), let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";"))
            else { return (1, 1) }
            let name = bytes[(index + 1)..<semicolon]
            let raw = semicolon + 1 - index
            if name.first == UInt8(ascii: "#") {
                let digits = name.dropFirst()
                let value: Int?
                if digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X") {
                    value = Int(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
                } else {
                    value = Int(String(decoding: digits, as: UTF8.self))
                }
                return (raw, value.map(utf8Length) ?? raw)
            }
            return (raw, 1)
        }
    }

    private func hex(at index: Int, count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        return Int(String(decoding: bytes[index..<(index + count)], as: UTF8.self), radix: 16)
    }

    private func hasPrefix(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { prefix in
            for i in 0..<count where bytes[index + i] != prefix[i] { return false }
            return true
        }
    }

    private func find(_ literal: StaticString, from index: Int) -> Int? {
        var i = index
        while i < bytes.count {
            if hasPrefix(literal, at: i) { return i }
            i += 1
        }
        return nil
    }
}

private func utf8Length(_ scalar: Int) -> Int {
    switch scalar {
    case ..<0x80: 1
    case ..<0x800: 2
    case ..<0x10000: 3
    default: 4
    }
}
