#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the parts of tags in the raw bytes of an XML record.
///
/// libxml2 does not say where in the file a node starts (and its columns are not Unicode-scalar
/// columns), only where its parser stands when it reports a tag: at the tag's end. The tag's `<` is
/// the last one before that, and the scanner reads the tag's name and attributes from the raw bytes.
/// For a document libxml2 stopped reading, the scanner also walks the raw bytes from the start: every
/// start element is the next `<name` outside comments, CDATA sections, processing instructions,
/// declarations and end tags. The scanner only reads bytes libxml2 has already accepted as well
/// formed, so it needs no error handling of its own beyond not running off the end.
struct XMLRawScanner {
    /// One start tag, as byte offsets into the record.
    struct StartTag {
        /// The `<`.
        let start: Int
        let name: Range<Int>
        /// (name, first byte after the opening quote) of each attribute, in document order.
        let attributes: [(name: Range<Int>, valueStart: Int)]
        /// The first byte after `>` (or after `/>` for an empty element).
        let contentStart: Int
        /// `<name/>`.
        let isEmpty: Bool
        /// `false` when the bytes end inside the tag.
        let isComplete: Bool
    }

    /// What comes before the root element.
    enum Prolog {
        /// The root element's start tag begins at this offset, with this name.
        case root(start: Int, name: String)
        /// A `<!DOCTYPE` at this offset.
        case doctype(start: Int)
        /// Neither a root element nor a document type declaration where one should be: the
        /// document is not well formed, and libxml2 will say where.
        case unreadable
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Looks through the XML declaration, comments, processing instructions and white space for the
    /// document type declaration or the root element, whichever comes first.
    func prolog() -> Prolog {
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
            case UInt8(ascii: "<"):
                if starts(with: "<?", at: i) {
                    guard let end = find("?>", from: i + 2) else { return .unreadable }
                    i = end + 2
                } else if starts(with: "<!--", at: i) {
                    guard let end = find("-->", from: i + 4) else { return .unreadable }
                    i = end + 3
                } else if starts(with: "<!", at: i) {
                    // `<!DOCTYPE`, or any other declaration, which can only belong to a DTD.
                    return .doctype(start: i)
                } else {
                    let nameEnd = endOfName(from: i + 1)
                    guard nameEnd > i + 1 else { return .unreadable }
                    return .root(start: i, name: String(decoding: bytes[(i + 1)..<nameEnd], as: UTF8.self))
                }
            default:
                return .unreadable
            }
        }
        return .unreadable
    }

    /// A start or an end tag.
    enum Tag {
        case start(StartTag)
        /// An end tag from its `<` to just after its `>`.
        case end(Range<Int>)
    }

    /// The next start tag after the previous tag, or `nil` when there is none; end tags are passed over.
    mutating func nextStartTag() -> StartTag? {
        while let tag = nextTag() {
            if case .start(let start) = tag { return start }
        }
        return nil
    }

    /// The next start or end tag after the previous one, or `nil` when there is none.
    mutating func nextTag() -> Tag? {
        while let lt = find("<", from: index) {
            let next = lt + 1 < bytes.count ? bytes[lt + 1] : 0
            switch next {
            case UInt8(ascii: "!"):
                if starts(with: "<!--", at: lt) {
                    index = (find("-->", from: lt + 4) ?? bytes.count - 3) + 3
                } else if starts(with: "<![CDATA[", at: lt) {
                    index = (find("]]>", from: lt + 9) ?? bytes.count - 3) + 3
                } else {
                    index = (find(">", from: lt + 2) ?? bytes.count - 1) + 1
                }
            case UInt8(ascii: "?"):
                index = (find("?>", from: lt + 2) ?? bytes.count - 2) + 2
            case UInt8(ascii: "/"):
                index = min((find(">", from: lt + 2) ?? bytes.count - 1) + 1, bytes.count)
                return .end(lt..<index)
            default:
                return .start(takeStartTag(at: lt))
            }
        }
        index = bytes.count
        return nil
    }

    /// `true` when the bytes at `range` are exactly `name`'s UTF-8.
    func bytes(_ range: Range<Int>, equal name: String) -> Bool {
        var i = range.lowerBound
        for byte in name.utf8 {
            guard i < range.upperBound, bytes[i] == byte else { return false }
            i += 1
        }
        return i == range.upperBound
    }

    /// `true` when the bytes at `range` are exactly the NUL-terminated `name`.
    func bytes(_ range: Range<Int>, equal name: UnsafePointer<UInt8>?) -> Bool {
        guard let name else { return range.isEmpty }
        var i = range.lowerBound
        var k = 0
        while name[k] != 0 {
            guard i < range.upperBound, bytes[i] == name[k] else { return false }
            i += 1
            k += 1
        }
        return i == range.upperBound
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The start tag whose `<` is at `lt`, moving past it.
    private mutating func takeStartTag(at lt: Int) -> StartTag {
        let tag = startTag(at: lt)
        index = tag.contentStart
        return tag
    }

    /// The start tag whose `<` is at `lt`.
    func startTag(at lt: Int) -> StartTag {
        let nameEnd = endOfName(from: lt + 1)
        var attributes: [(name: Range<Int>, valueStart: Int)] = []
        var i = nameEnd
        var isEmpty = false
        var isComplete = false
        while i < bytes.count {
            let byte = bytes[i]
            if isSpace(byte) {
                i += 1
            } else if byte == UInt8(ascii: ">") {
                i += 1
                isComplete = true
                break
            } else if byte == UInt8(ascii: "/") {
                isEmpty = true
                isComplete = i + 1 < bytes.count
                i += 2
                break
            } else {
                let attributeName = i..<endOfName(from: i)
                i = attributeName.upperBound
                while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'") { i += 1 }
                guard i < bytes.count else { break }
                let quote = bytes[i]
                attributes.append((attributeName, i + 1))
                i += 1
                while i < bytes.count, bytes[i] != quote { i += 1 }
                i += 1
            }
        }
        return StartTag(
            start: lt, name: (lt + 1)..<nameEnd, attributes: attributes, contentStart: min(i, bytes.count),
            isEmpty: isEmpty, isComplete: isComplete)
    }

    /// The `<` of the tag that holds the byte before `end`: the last `<` before it, since neither names
    /// nor attribute values hold one; `nil` when there is none.
    func tagStart(before end: Int) -> Int? {
        var i = min(end, bytes.count) - 1
        while i >= 0 {
            if bytes[i] == UInt8(ascii: "<") { return i }
            i -= 1
        }
        return nil
    }

    /// The elements still open at the end of the bytes, outermost first, as (name, offset of `<`): for
    /// saying where a truncated document ends. Only meaningful for bytes that are well formed as far
    /// as they go.
    func unclosedElements() -> [(name: String, start: Int)] {
        var scanner = XMLRawScanner(bytes)
        var open: [(name: String, start: Int)] = []
        while let lt = scanner.find("<", from: scanner.index) {
            if scanner.starts(with: "</", at: lt) {
                if !open.isEmpty { open.removeLast() }
                scanner.index = lt + 2
            } else if let tag = scanner.nextStartTag() {
                if tag.isComplete, !tag.isEmpty { open.append((scanner.string(tag.name), tag.start)) }
            } else {
                break
            }
        }
        return open
    }

    private func endOfName(from start: Int) -> Int {
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") {
                break
            }
            i += 1
        }
        return i
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func starts(with literal: StaticString, at i: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { prefix in
            for k in 0..<count where bytes[i + k] != prefix[k] { return false }
            return true
        }
    }

    /// The offset of the first `literal` at or after `start`.
    func find(_ literal: StaticString, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let first = literal.withUTF8Buffer { $0[0] }
        var i = start
        // `memchr` compares many bytes at a time; the scanner passes over every byte of the record.
        while i < bytes.count, let found = memchr(base + i, Int32(first), bytes.count - i) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if starts(with: literal, at: at) { return at }
            i = at + 1
        }
        return nil
    }
}
