import RegistryModel

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

/// A parsed JSON record: its bytes, the nodes of its values and where it sits in its file.
struct JSONDocument {
    /// The record's bytes, exactly as the file holds them.
    let bytes: [UInt8]
    let nodes: [JSONNode]
    /// The offsets, in `bytes`, of the first byte of every line after the first.
    let lineStarts: [UInt32]
    /// Where `bytes[0]` is in the file.
    let base: SourcePosition

    static let root = 0

    func kind(_ node: Int) -> JSONNode.Kind { nodes[node].kind }

    /// The offset of the first byte of a value's content in the record: after the opening quote of a string.
    func contentStart(_ node: Int) -> Int {
        let item = nodes[node]
        return Int(item.start) + (item.kind == .string ? 1 : 0)
    }

    /// The members of an object, as (key node, value node) pairs in source order.
    func members(_ object: Int) -> MemberSequence {
        MemberSequence(nodes: nodes, first: object + 1, count: Int(nodes[object].count))
    }

    /// The elements of an array in source order.
    func elements(_ array: Int) -> ElementSequence {
        ElementSequence(nodes: nodes, first: array + 1, count: Int(nodes[array].count))
    }

    /// The value of the member named `name`, if `object` is an object that has one.
    func member(_ object: Int, _ name: StaticString) -> Int? {
        guard nodes[object].kind == .object else { return nil }
        for (key, value) in members(object) where keyEquals(key, name) {
            return value
        }
        return nil
    }

    /// Whether the string node `key` spells `name`, compared byte for byte without decoding the common case.
    func keyEquals(_ key: Int, _ name: StaticString) -> Bool {
        let node = nodes[key]
        if node.hasEscapes { return string(key).utf8.elementsEqual(name.utf8Buffer) }
        let length = Int(node.end - node.start) - 2
        guard length == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            let start = Int(node.start) + 1
            return name.withUTF8Buffer { expected in
                for i in 0..<length where buffer[start + i] != expected[i] { return false }
                return true
            }
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
            return String(decoding: JSONDocument.unescape(raw), as: UTF8.self)
        }
    }

    /// The value's source text as written: a number's digits, `true`, or a whole object.
    func sourceText(_ node: Int) -> String {
        let item = nodes[node]
        return String(decoding: bytes[Int(item.start)..<Int(item.end)], as: UTF8.self)
    }

    /// Decodes the escapes of a string body that the parser has already checked.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            let code = raw[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hexValue(raw, at: i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    let low = hexValue(raw, at: i + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(UInt32(scalar), to: &out)
            default: out.append(code)
            }
        }
        return out
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

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// The (key, value) node pairs of an object.
struct MemberSequence: Sequence, IteratorProtocol {
    let nodes: [JSONNode]
    var key: Int
    var remaining: Int

    init(nodes: [JSONNode], first: Int, count: Int) {
        self.nodes = nodes
        self.key = first
        self.remaining = count
    }

    mutating func next() -> (key: Int, value: Int)? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let pair = (key: key, value: key + 1)
        key = Int(nodes[key + 1].next)
        return pair
    }
}

/// The element nodes of an array.
struct ElementSequence: Sequence, IteratorProtocol {
    let nodes: [JSONNode]
    var element: Int
    var remaining: Int

    init(nodes: [JSONNode], first: Int, count: Int) {
        self.nodes = nodes
        self.element = first
        self.remaining = count
    }

    mutating func next() -> Int? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let current = element
        element = Int(nodes[current].next)
        return current
    }
}

extension StaticString {
    /// The string's UTF-8 bytes, for comparing with bytes that are not a `String`.
    var utf8Buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
