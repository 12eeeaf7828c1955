import RegistryModel

/// A strict RFC 8259 JSON parser over UTF-8 bytes, built for registry records.
///
/// It validates everything (grammar, UTF-8, escapes, surrogate pairs), keeps every value's byte offsets,
/// limits nesting without recursing, and reports errors at the line and column where they are, in file
/// coordinates. Values are not decoded here: the document keeps byte ranges, and readers decode only the
/// strings they use.
struct JSONParser {
    /// The file the record is in, for errors.
    let file: String
    /// Where the record's first byte is in the file.
    let base: SourcePosition
    /// The deepest nesting of arrays and objects accepted in the file.
    let maxDepth: Int
    /// The arrays and objects around the record in its file, which count towards `maxDepth`.
    let outerDepth: Int
    /// What the end of the bytes is, for errors: "end of file" or "end of line".
    let endOfInput: String
    /// The members of the top object whose arrays and objects readers look inside, or `nil` for all. The
    /// array or object of any other member (a record's results and derived data, two thirds of its bytes)
    /// is checked as strictly as the rest but kept as one node without children.
    var readMembers: [StaticString]? = nil

    func parse(_ bytes: [UInt8]) throws(ReadError) -> JSONDocument {
        let tree = try bytes.withUnsafeBufferPointer { (buffer) throws(ReadError) in try self.tree(of: buffer) }
        return JSONDocument(bytes: bytes, tree: tree, base: base)
    }

    /// Parses bytes held elsewhere (a stream's buffer), for a caller that keeps them only if they parse.
    func tree(of buffer: UnsafeBufferPointer<UInt8>) throws(ReadError) -> JSONTree {
        var scanner = Scanner(p: buffer, parser: self)
        try scanner.run()
        var lines = scanner.lines
        lines.lineStarts = scanner.lineStarts.array
        return JSONTree(nodes: scanner.nodes.array, lines: lines)
    }

    /// The error message for nesting deeper than `maxDepth`, written once for the parser and the splitter.
    static func tooDeepMessage(_ maxDepth: Int) -> String {
        "arrays and objects nested more than \(maxDepth) deep; registry records need far fewer, so this is refused (ReadOptions.maxDepth)"
    }

    /// The file position of `offset` in `bytes`, for error messages.
    func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        PositionCounter(base).advanced(over: UnsafeBufferPointer(rebasing: bytes[0..<min(offset, bytes.count)]))
    }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

/// An array or object whose end the parser has not reached yet.
private struct OpenContainer {
    /// Its node, or -1 inside a container whose contents are not recorded.
    var node: Int
    var isObject: Bool
    /// The offset of its bracket, for errors.
    var start: Int
    /// Its members or elements so far, written into its node when it closes.
    var count: UInt32 = 0
}

/// The parser's moving parts: the bytes, the read index and the nodes built so far.
private struct Scanner: ~Copyable {
    let p: UnsafeBufferPointer<UInt8>
    let parser: JSONParser
    var i = 0
    var nodes: AppendBuffer<JSONNode>
    /// The line starts of `lines`, kept apart while they are appended and moved into it at the end.
    var lineStarts: AppendBuffer<UInt32>
    /// The characters of more than one byte; its line starts are in `lineStarts` until the end.
    var lines = LineMap()
    /// How many containers are open.
    var depth = 0
    /// The innermost container not yet closed, kept apart from the stack of the containers around it
    /// since every value of a record touches it.
    var open = OpenContainer(node: -1, isObject: false, start: 0)
    /// The containers not yet closed around `open`, innermost last.
    var outer = AppendBuffer<OpenContainer>(capacity: 16)
    /// The depth of the container whose contents are checked but not recorded (`readMembers`), or 0.
    var unrecordedFrom = 0
    /// Whether the member being read is one whose array or object is not recorded.
    var leaveNextUnrecorded = false

    init(p: UnsafeBufferPointer<UInt8>, parser: JSONParser) {
        self.p = p
        self.parser = parser
        // Registry records hold a value (key or value) per 12 bytes (minified) to 30 bytes (pretty-printed),
        // and a line per 40 bytes or more when pretty-printed.
        nodes = AppendBuffer(capacity: p.count / 16 + 4)
        lineStarts = AppendBuffer(capacity: p.count / 64 + 4)
    }

    mutating func run() throws(ReadError) {
        guard p.count <= Int(UInt32.max) else {
            throw ReadError(.tooLarge, file: parser.file, position: parser.base, message: "a JSON record over 4 GiB")
        }
        value: while true {
            skipWhitespace()
            guard i < p.count else { throw endError("expected a value") }
            switch p[i] {
            case UInt8(ascii: "{"):
                try openContainer(.object)
                skipWhitespace()
                if i < p.count, p[i] == UInt8(ascii: "}") {
                    i += 1
                    closeContainer()
                } else {
                    try memberName(afterComma: false)
                    continue value
                }
            case UInt8(ascii: "["):
                try openContainer(.array)
                skipWhitespace()
                if i < p.count, p[i] == UInt8(ascii: "]") {
                    i += 1
                    closeContainer()
                } else {
                    open.count += 1
                    continue value
                }
            case quote:
                try string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            case UInt8(ascii: "t"):
                try literal("true", .true)
            case UInt8(ascii: "f"):
                try literal("false", .false)
            case UInt8(ascii: "n"):
                try literal("null", .null)
            default:
                throw try unexpected("expected a value")
            }
            // A value is complete: go on with the container it is in.
            while depth > 0 {
                skipWhitespace()
                guard i < p.count else { throw unclosed() }
                let byte = p[i]
                if open.isObject {
                    if byte == UInt8(ascii: ",") {
                        i += 1
                        skipWhitespace()
                        try memberName(afterComma: true)
                        continue value
                    }
                    guard byte == UInt8(ascii: "}") else {
                        throw try unexpected("expected ',' or '}' after an object member")
                    }
                } else {
                    if byte == UInt8(ascii: ",") {
                        i += 1
                        skipWhitespace()
                        if i < p.count, p[i] == UInt8(ascii: "]") {
                            throw error(.malformed, at: i, "expected a value after ',' (JSON allows no trailing comma)")
                        }
                        open.count += 1
                        continue value
                    }
                    guard byte == UInt8(ascii: "]") else {
                        throw try unexpected("expected ',' or ']' after an array element")
                    }
                }
                i += 1
                closeContainer()
            }
            break
        }
        skipWhitespace()
        if i < p.count { throw try unexpected("expected nothing after the end of the JSON value") }
    }

    // MARK: Structure

    mutating func openContainer(_ kind: JSONNode.Kind) throws(ReadError) {
        guard depth + parser.outerDepth < parser.maxDepth else {
            throw error(.tooDeep, at: i, JSONParser.tooDeepMessage(parser.maxDepth))
        }
        if depth > 0 { outer.append(open) }
        depth += 1
        var node = -1
        if unrecordedFrom == 0 {
            node = nodes.count
            nodes.append(JSONNode(kind: kind, hasEscapes: false, start: UInt32(i), end: 0, count: 0, next: 0))
            if leaveNextUnrecorded { unrecordedFrom = depth }
        }
        leaveNextUnrecorded = false
        open = OpenContainer(node: node, isObject: kind == .object, start: i)
        i += 1
    }

    mutating func closeContainer() {
        if open.node >= 0 {
            // Changed in a copy and written back once: every write to the array checks that it is unique.
            var node = nodes[open.node]
            node.end = UInt32(i)
            // A container whose contents are not recorded reads as empty.
            node.count = unrecordedFrom == depth ? 0 : open.count
            node.next = UInt32(nodes.count)
            nodes[open.node] = node
        }
        if unrecordedFrom == depth { unrecordedFrom = 0 }
        leaveNextUnrecorded = false
        depth -= 1
        if depth > 0 { open = outer.removeLast() }
    }

    /// Whether readers look inside the value of the member of the top object whose key is `key`: any
    /// member when `readMembers` is `nil`, and a key written with escapes, to be safe.
    ///
    /// A static function of what it reads, so that calling it does not copy the scanner.
    static func readersLookInsideMember(_ key: JSONNode, _ p: UnsafeBufferPointer<UInt8>, _ parser: JSONParser)
        -> Bool
    {
        guard let names = parser.readMembers else { return true }
        guard !key.hasEscapes else { return true }
        let name = UnsafeBufferPointer(rebasing: p[(Int(key.start) + 1)..<(Int(key.end) - 1)])
        return names.contains { name.elementsEqual($0.utf8Buffer) }
    }

    /// Reads `"name" :` inside an object and counts the member. Inlined into the parse loop, as a record
    /// has a member name for every other value.
    @inline(__always)
    mutating func memberName(afterComma: Bool) throws(ReadError) {
        guard i < p.count else { throw unclosed() }
        guard p[i] == quote else {
            if afterComma, p[i] == UInt8(ascii: "}") {
                throw error(.malformed, at: i, "expected a member name after ',' (JSON allows no trailing comma)")
            }
            throw try unexpected("expected a member name in double quotes")
        }
        open.count += 1
        try string()
        // Readers look inside every member below the top object.
        if unrecordedFrom == 0 {
            leaveNextUnrecorded = depth == 1 && !Scanner.readersLookInsideMember(nodes[nodes.count - 1], p, parser)
        }
        skipWhitespace()
        guard i < p.count else { throw unclosed() }
        guard p[i] == UInt8(ascii: ":") else { throw try unexpected("expected ':' after a member name") }
        i += 1
    }

    @inline(__always) mutating func skipWhitespace() {
        // Most calls find a token straight away (every call, in a minified record), or after the one space
        // that pretty printing puts after a colon.
        guard i < p.count, p[i] <= 0x20 else { return }
        if p[i] == 0x20, i + 1 < p.count, p[i + 1] > 0x20 {
            i += 1
            return
        }
        skipWhitespaceRun()
    }

    mutating func skipWhitespaceRun() {
        while i < p.count {
            let byte = p[i]
            if byte == 0x0A {
                i += 1
                lineStarts.append(UInt32(i))
                // Indentation: straight to the first byte that is not a space, eight bytes at a time.
                while i + 8 <= p.count {
                    let other = UInt64(littleEndian: UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self))
                        ^ 0x2020_2020_2020_2020
                    if other != 0 {
                        i += other.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                i += 1
            } else {
                return
            }
        }
    }

    // MARK: Scalars

    /// Reads a string. The usual one, plain ASCII up to its closing quote, is read here, inlined into the
    /// loops that read values and member names; any other goes on in `stringRest(from:)`.
    @inline(__always)
    mutating func string() throws(ReadError) {
        let start = i
        i = Scanner.plainRun(from: i + 1, in: p)
        guard i < p.count, p[i] == quote else { return try stringRest(from: start) }
        i += 1
        guard unrecordedFrom == 0 else { return }
        nodes.append(JSONNode(kind: .string, hasEscapes: false, start: UInt32(start), end: UInt32(i), count: 0,
            next: UInt32(nodes.count + 1)))
    }

    /// Reads the rest of the string that starts at `start`, from the first byte at `i` that is a quote, a
    /// backslash, a control character or not ASCII, or one of the last few bytes.
    mutating func stringRest(from start: Int) throws(ReadError) {
        var escapes = false
        while true {
            // Straight to the first byte that is a quote, a backslash, a control character or not ASCII.
            i = Scanner.plainRun(from: i, in: p)
            guard i < p.count else {
                throw error(.malformed, at: i,
                    "unexpected \(parser.endOfInput) in a string that starts at \(position(of: start))")
            }
            let byte = p[i]
            if byte == quote {
                i += 1
                break
            }
            if byte == backslash {
                escapes = true
                try escape()
            } else if byte < 0x20 {
                let name = byte == 0x0A ? "a line break" : byte == 0x09 ? "a tab" : "control character \(hex(byte))"
                throw error(.malformed, at: i,
                    "\(name) inside a string; JSON strings must escape it (\\n, \\t, \\u00XX)")
            } else if byte < 0x80 {
                i += 1
            } else {
                try utf8Sequence()
            }
        }
        guard unrecordedFrom == 0 else { return }
        nodes.append(JSONNode(kind: .string, hasEscapes: escapes, start: UInt32(start), end: UInt32(i), count: 0,
            next: UInt32(nodes.count + 1)))
    }

    /// The index of the first byte at or after `start` that is a quote, a backslash, a control character
    /// or not ASCII, or else of the first of the last seven bytes or fewer, which the caller reads one by
    /// one. Sixteen bytes at a time, then eight, in a local index: strings are most of a record's bytes.
    @inline(__always)
    static func plainRun(from start: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
        let base = UnsafeRawPointer(p.baseAddress!)
        let count = p.count
        var j = start
        func word(_ k: Int) -> UInt64 { UInt64(littleEndian: (base + k).loadUnaligned(as: UInt64.self)) }
        while j < count &- 15 {
            let low = attention(word(j))
            let high = attention(word(j &+ 8))
            if low | high != 0 {
                return low != 0 ? j &+ low.trailingZeroBitCount >> 3 : j &+ 8 &+ high.trailingZeroBitCount >> 3
            }
            j &+= 16
        }
        while j < count &- 7 {
            let flags = attention(word(j))
            if flags != 0 { return j &+ flags.trailingZeroBitCount >> 3 }
            j &+= 8
        }
        return j
    }

    /// The high bit of each byte of `word` (little-endian) that is a quote, a backslash, below 0x20 or above
    /// 0x7F. Bits above the lowest may be set wrongly (borrows), the lowest never is.
    static func attention(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quotes = hasZeroByte(word ^ (ones &* 0x22))
        let backslashes = hasZeroByte(word ^ (ones &* 0x5C))
        let controls = (word &- ones &* 0x20) & ~word & highs
        return quotes | backslashes | controls | (word & highs)
    }

    mutating func escape() throws(ReadError) {
        let start = i
        guard i + 1 < p.count else {
            throw error(.malformed, at: i, "unexpected \(parser.endOfInput) in an escape sequence")
        }
        switch p[i + 1] {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            i += 2
        case UInt8(ascii: "u"):
            let high = try hexEscape(at: i)
            i += 6
            if (0xDC00..<0xE000).contains(high) {
                throw error(.malformed, at: start,
                    "\\u\(hex4(high)) is the second half of a UTF-16 surrogate pair without the first")
            }
            if (0xD800..<0xDC00).contains(high) {
                guard i + 1 < p.count, p[i] == backslash, p[i + 1] == UInt8(ascii: "u"),
                    case let low = try hexEscape(at: i), (0xDC00..<0xE000).contains(low)
                else {
                    throw error(.malformed, at: start,
                        "\\u\(hex4(high)) is the first half of a UTF-16 surrogate pair and must be followed by the second (\\uDC00–\\uDFFF)")
                }
                i += 6
            }
        default:
            let code = p[i + 1]
            let shown = (0x21...0x7E).contains(code) ? "\\" + String(Character(Unicode.Scalar(code))) : "\\ + \(hex(code))"
            throw error(.malformed, at: i,
                "invalid escape '\(shown)' in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    /// The value of the `\uXXXX` escape at `index`.
    func hexEscape(at index: Int) throws(ReadError) -> Int {
        guard index + 6 <= p.count else {
            throw error(.malformed, at: index, "unexpected \(parser.endOfInput) in a \\u escape")
        }
        var value = 0
        for k in (index + 2)..<(index + 6) {
            guard let digit = JSONDocument.hexDigit(p[k]) else {
                throw error(.malformed, at: index, "a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | Int(digit)
        }
        return value
    }

    /// Checks the multi-byte UTF-8 sequence at `i` (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
    mutating func utf8Sequence() throws(ReadError) {
        let lead = p[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default:
            throw error(.encoding, at: i, "invalid UTF-8: byte \(hex(lead)) cannot start a character; the file must be UTF-8")
        }
        for k in 1..<length {
            let index = i + k
            let allowed = k == 1 ? low...high : 0x80...0xBF
            guard index < p.count, allowed.contains(p[index]) else {
                throw error(.encoding, at: i,
                    "invalid UTF-8: the character starting with byte \(hex(lead)) is cut short or malformed; the file must be UTF-8")
            }
        }
        let before = lines.multibyte.last?.continuations ?? 0
        lines.multibyte.append((UInt32(i), before + UInt32(length - 1)))
        i += length
    }

    mutating func number() throws(ReadError) {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < p.count, isDigit(p[i]) else { throw try unexpected("expected a digit in a number") }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < p.count, isDigit(p[i]) {
                throw error(.malformed, at: i, "a number cannot have leading zeros")
            }
        } else {
            skipDigits()
        }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < p.count, isDigit(p[i]) else { throw try unexpected("expected a digit after the decimal point") }
            skipDigits()
        }
        if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < p.count, isDigit(p[i]) else { throw try unexpected("expected a digit in the exponent") }
            skipDigits()
        }
        guard unrecordedFrom == 0 else { return }
        nodes.append(JSONNode(kind: .number, hasEscapes: false, start: UInt32(start), end: UInt32(i), count: 0,
            next: UInt32(nodes.count + 1)))
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while i < p.count, isDigit(p[i]) { i += 1 }
    }

    mutating func literal(_ word: StaticString, _ kind: JSONNode.Kind) throws(ReadError) {
        let start = i
        let expected = word.utf8Buffer
        for k in 0..<expected.count {
            guard i + k < p.count, p[i + k] == expected[k] else {
                throw try unexpected("expected a value (did you mean \(word)?)")
            }
        }
        i += expected.count
        guard unrecordedFrom == 0 else { return }
        nodes.append(JSONNode(kind: kind, hasEscapes: false, start: UInt32(start), end: UInt32(i), count: 0,
            next: UInt32(nodes.count + 1)))
    }

    // MARK: Errors

    func position(of offset: Int) -> SourcePosition { parser.position(of: offset, in: p) }

    func error(_ kind: ReadError.Kind, at offset: Int, _ message: String) -> ReadError {
        ReadError(kind, file: parser.file, position: position(of: offset), message: message)
    }

    func endError(_ expectation: String) -> ReadError {
        error(.malformed, at: i, "unexpected \(parser.endOfInput): \(expectation)")
    }

    /// The error for the end of the bytes inside the innermost open container.
    func unclosed() -> ReadError {
        let what = open.isObject ? "the object" : "the array"
        let closer = open.isObject ? "}" : "]"
        return error(.malformed, at: i,
            "unexpected \(parser.endOfInput): \(what) that starts at \(position(of: open.start)) is not closed (expected '\(closer)')")
    }

    /// The error for the byte at `i`, which is not what `expectation` says; an invalid UTF-8 byte is an
    /// encoding error rather than a syntax error.
    mutating func unexpected(_ expectation: String) throws(ReadError) -> ReadError {
        guard i < p.count else { return endError(expectation) }
        if p[i] >= 0x80 {
            let start = i
            try utf8Sequence()
            let character = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
            return error(.malformed, at: start, "\(expectation), found '\(character)'")
        }
        return error(.malformed, at: i, "\(expectation), found \(describe(p[i]))")
    }

    func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x0A: "a line break"
        case 0x09: "a tab"
        case 0x20...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        default: "byte \(hex(byte))"
        }
    }

    func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    func hex4(_ value: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
