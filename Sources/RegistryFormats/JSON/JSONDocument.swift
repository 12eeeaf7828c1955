import RegistryModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One value of a parsed JSON document: its kind, its bytes and its place in the tree.
///
/// A document is a flat array of nodes in source order. A container's children follow it directly (for an
/// object: key, value, key, value, …), and `next` skips over the container's whole subtree, so walking a
/// record never allocates and never recurses.
struct JSONNode {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    var kind: Kind
    /// A string holding backslash escapes, which must be decoded rather than copied.
    var hasEscapes: Bool
    /// The offset of the value's first byte (the quote, bracket, digit or letter) in the record.
    var start: UInt32
    /// The offset one past the value's last byte.
    var end: UInt32
    /// Array elements or object members.
    var count: UInt32
    /// The index of the first node after this value and everything inside it.
    var next: UInt32
}

/// What the parser makes of a record's bytes: the nodes of its values, and the map from byte offsets to
/// lines and columns.
struct JSONTree {
    let nodes: [JSONNode]
    let lines: LineMap
}

/// Where a record's lines start and where its characters of more than one byte are, noted by the parser
/// as it passes them, so that the line and column of any offset is two binary searches away, with no
/// walk over the bytes however long the lines (a minified record is one line).
struct LineMap {
    /// The offsets of the first byte of every line after the first. JSON allows line breaks only between
    /// tokens, so the parser sees every one.
    var lineStarts: [UInt32] = []
    /// For every character of more than one byte, in order: its offset and the number of continuation bytes
    /// in the record up to and including it. Empty for ASCII records.
    var multibyte: [(offset: UInt32, continuations: UInt32)] = []

    /// The file position of the byte at `offset`, which must start a character, in a record at `base`.
    func position(at offset: Int, base: SourcePosition) -> SourcePosition {
        var cursor = LineCursor()
        return position(at: offset, base: base, cursor: &cursor)
    }

    /// The file position of the byte at `offset`, searched from where `cursor` was left by the previous
    /// call and left at `offset`: a reader asking in source order pays a step or two per position.
    func position(at offset: Int, base: SourcePosition, cursor: inout LineCursor) -> SourcePosition {
        let line = LineMap.count(lineStarts.count, atOrBefore: offset, near: cursor.line) { Int(lineStarts[$0]) }
        cursor.line = line
        let lineStart = line == 0 ? 0 : Int(lineStarts[line - 1])
        let firstColumn = line == 0 ? base.column : 1
        var continuations = 0
        if !multibyte.isEmpty {
            let characters = LineMap.count(multibyte.count, atOrBefore: offset - 1, near: cursor.characters) {
                Int(multibyte[$0].offset)
            }
            cursor.characters = characters
            // The line's start is at or before the offset, so its characters are a few steps back at most.
            let lineCharacters = LineMap.count(multibyte.count, atOrBefore: lineStart - 1, near: characters) {
                Int(multibyte[$0].offset)
            }
            continuations = continuationsUpTo(characters) - continuationsUpTo(lineCharacters)
        }
        let scalars = (offset - lineStart) - continuations
        return SourcePosition(line: base.line + line, column: firstColumn + scalars, offset: base.offset + offset)
    }

    /// The continuation bytes of the first `characters` characters of more than one byte.
    private func continuationsUpTo(_ characters: Int) -> Int {
        characters == 0 ? 0 : Int(multibyte[characters - 1].continuations)
    }

    /// How many of the first `count` increasing offsets are at most `target`, found from `hint`, an earlier
    /// answer: a few steps either way, else a binary search of the part that is left.
    private static func count(
        _ count: Int, atOrBefore target: Int, near hint: Int, _ offset: (Int) -> Int
    ) -> Int {
        var i = min(hint, count)
        var steps = 0
        if i > 0, offset(i - 1) > target {
            // The answer is below `i`.
            while true {
                i -= 1
                if i == 0 || offset(i - 1) <= target { return i }
                steps += 1
                if steps == 8 { return search(atOrBefore: target, low: 0, high: i - 1, offset) }
            }
        }
        // The answer is `i` or above.
        while i < count, offset(i) <= target {
            i += 1
            steps += 1
            if steps == 8 { return search(atOrBefore: target, low: i, high: count, offset) }
        }
        return i
    }

    /// The answer of `count(_:atOrBefore:near:_:)`, known to be in `low...high`: every offset below `low`
    /// is at most `target`, and none from `high` on is.
    private static func search(atOrBefore target: Int, low: Int, high: Int, _ offset: (Int) -> Int) -> Int {
        var low = low
        var high = high
        while low < high {
            let mid = (low + high) / 2
            if offset(mid) <= target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Where the last position lookup in a `LineMap` ended, for the next one to start from.
struct LineCursor {
    /// The lines that start at or before the last offset looked up, after the first.
    fileprivate var line = 0
    /// The characters of more than one byte before the last offset looked up.
    fileprivate var characters = 0
}

/// A parsed JSON record: its bytes, the nodes of its values and where it sits in its file.
struct JSONDocument {
    /// The record's bytes, exactly as the file holds them.
    let bytes: [UInt8]
    let nodes: [JSONNode]
    let lines: LineMap
    /// Where `bytes[0]` is in the file.
    let base: SourcePosition

    init(bytes: [UInt8], tree: JSONTree, base: SourcePosition) {
        self.bytes = bytes
        self.nodes = tree.nodes
        self.lines = tree.lines
        self.base = base
    }

    /// The file position of the byte at `offset` in the record.
    func position(at offset: Int) -> SourcePosition { lines.position(at: offset, base: base) }

    static let root = 0

    func kind(_ node: Int) -> JSONNode.Kind { nodes[node].kind }

    /// The offset of the first byte of a value's content in the record: after the opening quote of a string.
    func contentStart(_ node: Int) -> Int {
        let item = nodes[node]
        return Int(item.start) + (item.kind == .string ? 1 : 0)
    }

    /// The value of the member named `name`, if `object` is an object that has one.
    func member(_ object: Int, _ name: StaticString) -> Int? {
        // Read through the buffer: the parser made every `next` and `count`, so the walk stays inside it.
        nodes.withUnsafeBufferPointer { nodes in
            let container = nodes[object]
            guard container.kind == .object else { return nil }
            let length = name.utf8CodeUnitCount
            var key = object + 1
            var remaining = container.count
            while remaining > 0 {
                // Most keys differ in length, which the node tells without touching the bytes.
                let node = nodes[key]
                if node.hasEscapes || Int(node.end &- node.start) &- 2 == length, keyEquals(key, node, name) {
                    return key + 1
                }
                key = Int(nodes[key + 1].next)
                remaining -= 1
            }
            return nil
        }
    }

    /// Whether the string node `node`, at index `key`, spells `name`, compared byte for byte without
    /// decoding the common case.
    private func keyEquals(_ key: Int, _ node: JSONNode, _ name: StaticString) -> Bool {
        if node.hasEscapes { return string(key).utf8.elementsEqual(name.utf8Buffer) }
        let length = Int(node.end - node.start) - 2
        guard length == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            let key = buffer.baseAddress! + Int(node.start) + 1
            // Keys of one length mostly differ in their first byte (`name`, `role`), known without a call.
            guard length == 0 || key.pointee == name.utf8Start.pointee else { return false }
            return memcmp(key, name.utf8Start, length) == 0
        }
    }

    /// The decoded text of a string node.
    func string(_ node: Int) -> String {
        let item = nodes[node]
        let start = Int(item.start) + 1
        let end = Int(item.end) - 1
        return bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[start..<end])
            guard item.hasEscapes else { return String(decoding: raw, as: UTF8.self) }
            // Decoded into a temporary buffer (decoding never lengthens the text, since every escape is longer
            // than what it stands for) and then copied: `String(decoding:as:)` checks ASCII text eight bytes
            // at a time, where `String(unsafeUninitializedCapacity:)` checks it byte by byte, at several times
            // the cost of the copy on the long texts (criteria, descriptions) that hold escapes.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: raw.count) { buffer in
                let count = JSONDocument.unescape(raw, into: buffer)
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
            }
        }
    }

    /// The value's source text as written: a number's digits, `true`, or a whole object.
    func sourceText(_ node: Int) -> String {
        let item = nodes[node]
        return String(decoding: bytes[Int(item.start)..<Int(item.end)], as: UTF8.self)
    }

    /// Decodes the escapes of a string body that the parser has already checked into `out`, which has room
    /// for `raw.count` bytes; returns the decoded length.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0
        var o = 0
        while i < raw.count {
            // Copy the run up to the next backslash in one go.
            var next = raw.count
            if let found = memchr(raw.baseAddress! + i, Int32(UInt8(ascii: "\\")), raw.count - i) {
                next = UnsafeRawPointer(found) - UnsafeRawPointer(raw.baseAddress!)
            }
            if next > i {
                _ = UnsafeMutableBufferPointer(rebasing: out[o..<(o + next - i)])
                    .initialize(from: UnsafeBufferPointer(rebasing: raw[i..<next]))
                o += next - i
                i = next
            }
            guard i < raw.count else { break }
            let code = raw[i + 1]
            i += 2
            func put(_ byte: UInt8) {
                out[o] = byte
                o += 1
            }
            switch code {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                var scalar = hexValue(raw, at: i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    let low = hexValue(raw, at: i + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                o += encode(UInt32(scalar), into: out, at: o)
            default: put(code)
            }
        }
        return o
    }

    static func hexValue(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        var value = 0
        for i in index..<(index + 4) { value = value << 4 | Int(hexDigit(raw[i]) ?? 0) }
        return value
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Writes the UTF-8 encoding of a scalar into `out` at `index`; returns its length.
    static func encode(_ scalar: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        switch scalar {
        case ..<0x80:
            out[index] = UInt8(scalar)
            return 1
        case ..<0x800:
            out[index] = UInt8(0xC0 | scalar >> 6)
            out[index + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case ..<0x10000:
            out[index] = UInt8(0xE0 | scalar >> 12)
            out[index + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[index + 2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[index] = UInt8(0xF0 | scalar >> 18)
            out[index + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[index + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[index + 3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}

extension StaticString {
    /// The string's UTF-8 bytes, for comparing with bytes that are not a `String`.
    var utf8Buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}

extension JSONDocument {
    /// The code that a string node spells exactly, as its v2 code or else as its legacy label, found by
    /// comparing the node's bytes with each spelling: the answer of `Coded(spelling:)` on the decoded text
    /// whenever this finds one, without making the text or matching it case by case as a `String`.
    /// `nil` when no spelling matches byte for byte, or for escapes: the caller then decodes the text.
    ///
    /// A byte match is a `String` match; and since every code's spellings are ASCII, so that no other
    /// spelling can equal the same ASCII text as a `String` (canonical equivalence) without being the
    /// same bytes, a legacy label found here is also the first one `Coded(spelling:)` would find.
    func code<Code: RegistryCode>(spelledExactlyBy node: Int) -> Code? {
        let item = nodes[node]
        guard item.kind == .string, !item.hasEscapes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Code? in
            let raw = UnsafeBufferPointer(rebasing: buffer[(Int(item.start) + 1)..<(Int(item.end) - 1)])
            func spells(_ spelling: String) -> Bool {
                var spelling = spelling
                return spelling.withUTF8 { $0.count == raw.count && $0.elementsEqual(raw) }
            }
            let cases = Code.allCases
            if let code = cases.first(where: { spells($0.rawValue) }) { return code }
            return cases.first(where: { spells($0.legacyLabel) })
        }
    }
}
