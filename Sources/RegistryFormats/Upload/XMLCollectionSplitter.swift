import RegistryModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits an XML collection (`<study_collection>` holding `<clinical_study>` elements) into its children
/// while reading a stream, so that a file of many studies is read holding one study at a time.
///
/// The splitter finds where each child of the root ends by counting start and end tags, stepping over
/// comments, CDATA sections, processing instructions and quoted attribute values; whether the bytes are
/// well formed is for libxml2 to say when it reads each child. Every byte the splitter consumes outside
/// a child (the prolog, the root's tags, white space and comments between children) is checked as UTF-8
/// on the way. A document type declaration is refused before anything else is read.
struct XMLCollectionSplitter {
    /// The root element's start tag.
    struct Root {
        /// The tag as the file writes it, from `<` to `>`.
        let tag: [UInt8]
        let qualifiedName: String
        let position: SourcePosition
        /// `<study_collection/>`.
        let isEmpty: Bool
    }

    /// What the root holds next.
    enum Item {
        /// A child element, whole (or cut short by the end of the file, `isComplete` false).
        case element(localName: String, bytes: [UInt8], position: SourcePosition, isComplete: Bool)
        /// Text other than white space between children.
        case text(position: SourcePosition)
        /// The root's end tag, followed by nothing but white space, comments and processing instructions.
        case end
    }

    private let stream: ByteStream
    /// The largest child accepted, in bytes.
    private let limit: Int
    /// The position of the stream's next byte.
    private var head: PositionCounter

    init(stream: ByteStream, limit: Int) {
        self.stream = stream
        self.limit = limit
        self.head = PositionCounter(SourcePosition(line: 1, column: 1, offset: stream.offset))
    }

    /// The position of the next byte to be read.
    var position: SourcePosition { head.position }

    /// Reads the prolog (XML declaration, comments, processing instructions) and the root's start tag.
    mutating func root() throws(ReadError) -> Root {
        while true {
            try skipWhitespace()
            guard let first = try byte(at: 0) else {
                throw error(.malformed, "the document ends before its root element")
            }
            guard first == UInt8(ascii: "<") else { throw error(.malformed, "text before the root element") }
            if try skipMarkup() { continue }
            if try starts(with: "<!", at: 0) {
                throw error(.forbidden, "the document has a DOCTYPE, which ctlint refuses: DTDs and entity declarations can read files, reach the network or expand without bound, and registry records never hold one")
            }
            guard let (end, isEmpty) = try tagEnd(from: 0) else {
                throw error(.malformed, "the document ends inside the root element's start tag; the file may be truncated")
            }
            let position = head.position
            let tag = try take(end)
            let nameEnd = tag.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") } ?? tag.count
            let name = String(decoding: tag[1..<nameEnd], as: UTF8.self)
            return Root(tag: tag, qualifiedName: name, position: position, isEmpty: isEmpty)
        }
    }

    /// The next child of the root, the root's end, or `nil` when the file ends before the root's end tag.
    mutating func next(root: Root) throws(ReadError) -> Item? {
        while true {
            try skipWhitespace()
            guard let first = try byte(at: 0) else { return nil }
            let isCDATA = try starts(with: "<![CDATA[", at: 0)
            if first != UInt8(ascii: "<") || isCDATA {
                let position = head.position
                let end = try find("<", from: 1) ?? bufferedCount
                _ = try take(max(end, 1))
                return .text(position: position)
            }
            if try skipMarkup() { continue }
            if try starts(with: "</", at: 0) {
                guard let close = try find(">", from: 2) else {
                    throw error(.malformed, "the document ends inside the end tag of <\(root.qualifiedName)>; the file may be truncated")
                }
                let name = withAvailable { String(decoding: $0[2..<close], as: UTF8.self) }.trimmingWhitespace()
                guard name == root.qualifiedName else {
                    throw error(.malformed, "malformed XML: the end tag </\(name)> does not close <\(root.qualifiedName)>")
                }
                _ = try take(close + 1)
                try readTrailer(root: root)
                return .end
            }
            if try starts(with: "<!", at: 0) {
                throw error(.malformed, "malformed XML: a declaration inside <\(root.qualifiedName)>")
            }
            return try element(root: root)
        }
    }

    // MARK: Children

    /// The element at the head, up to the end tag that closes it, or up to the root's end tag should that
    /// come first (the element is then not well formed, which libxml2 will say, and the root still ends).
    private mutating func element(root: Root) throws(ReadError) -> Item {
        let position = head.position
        var depth = 0
        var i = 0
        var localName = ""
        while true {
            guard let lt = try find("<", from: i) else { return try cutShort(localName, position) }
            let isEnd = try starts(with: "</", at: lt)
            let isDeclaration = try starts(with: "<!", at: lt)
            if try starts(with: "<!--", at: lt) {
                guard let end = try find("-->", from: lt + 4) else { return try cutShort(localName, position) }
                i = end + 3
            } else if try starts(with: "<![CDATA[", at: lt) {
                guard let end = try find("]]>", from: lt + 9) else { return try cutShort(localName, position) }
                i = end + 3
            } else if try starts(with: "<?", at: lt) {
                guard let end = try find("?>", from: lt + 2) else { return try cutShort(localName, position) }
                i = end + 2
            } else if isEnd || isDeclaration {
                guard let end = try find(">", from: lt + 2) else { return try cutShort(localName, position) }
                if isEnd, withAvailable({ String(decoding: $0[(lt + 2)..<end], as: UTF8.self) }).trimmingWhitespace() == root.qualifiedName {
                    return .element(localName: localName, bytes: try takeChild(lt), position: position, isComplete: true)
                }
                i = end + 1
                if isEnd { depth -= 1 }
            } else {
                guard let (end, isEmpty) = try tagEnd(from: lt) else { return try cutShort(localName, position) }
                if depth == 0 {
                    localName = withAvailable { bytes in
                        var nameEnd = lt + 1
                        while nameEnd < end, !Self.endsName(bytes[nameEnd]) { nameEnd += 1 }
                        let name = String(decoding: bytes[(lt + 1)..<nameEnd], as: UTF8.self)
                        return name.split(separator: ":").last.map(String.init) ?? name
                    }
                }
                i = end
                if !isEmpty { depth += 1 }
            }
            if depth <= 0 {
                return .element(localName: localName, bytes: try takeChild(i), position: position, isComplete: true)
            }
            if i > limit { throw error(.tooLarge, "<\(localName)> is larger than the \(limit >> 20) MiB limit of one record") }
        }
    }

    /// The rest of the file, as a child the end of the file cut short.
    private mutating func cutShort(_ name: String, _ position: SourcePosition) throws(ReadError) -> Item {
        while try stream.fillMore() {
            if bufferedCount > limit { throw error(.tooLarge, "<\(name)> is larger than the \(limit >> 20) MiB limit of one record") }
        }
        return .element(localName: name, bytes: try takeChild(bufferedCount), position: position, isComplete: false)
    }

    /// Takes a child's bytes without checking them: the record reader checks them, with positions.
    private mutating func takeChild(_ count: Int) throws(ReadError) -> [UInt8] {
        let bytes = stream.take(count)
        bytes.withUnsafeBufferPointer { head.advance(over: $0) }
        return bytes
    }

    /// After the root's end tag: only white space, comments and processing instructions.
    private mutating func readTrailer(root: Root) throws(ReadError) {
        while true {
            try skipWhitespace()
            guard try byte(at: 0) != nil else { return }
            guard try skipMarkup() else {
                throw error(.malformed, "malformed XML: content after the end tag of <\(root.qualifiedName)>")
            }
        }
    }

    // MARK: Bytes

    /// Consumes white space.
    private mutating func skipWhitespace() throws(ReadError) {
        while true {
            let count = withAvailable { bytes in bytes.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count }
            if count > 0 { _ = try take(count) }
            if count < bufferedCount { return }
            if try !stream.fillMore() { return }
        }
    }

    /// Consumes a comment or processing instruction at the head; `false` when there is none.
    private mutating func skipMarkup() throws(ReadError) -> Bool {
        let isComment = try starts(with: "<!--", at: 0)
        let isInstruction = try starts(with: "<?", at: 0)
        guard isComment || isInstruction else { return false }
        let close: StaticString = isComment ? "-->" : "?>"
        guard let end = try find(close, from: isComment ? 4 : 2) else {
            throw error(.malformed, "the document ends inside a \(isComment ? "comment" : "processing instruction"); the file may be truncated")
        }
        _ = try take(end + close.utf8CodeUnitCount)
        return true
    }

    /// Takes `count` bytes, checked as UTF-8, moving the position past them.
    private mutating func take(_ count: Int) throws(ReadError) -> [UInt8] {
        let bytes = stream.take(count)
        try bytes.withUnsafeBufferPointer { buffer throws(ReadError) in
            try UTF8Validation.check(buffer, base: head.position, file: stream.name)
            head.advance(over: buffer)
        }
        return bytes
    }

    private var bufferedCount: Int { stream.available.count }

    private func withAvailable<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        stream.available.withUnsafeBufferPointer(body)
    }

    /// The byte `offset` bytes past the head, reading more as needed; `nil` past the end of the file.
    private func byte(at offset: Int) throws(ReadError) -> UInt8? {
        guard try stream.ensure(offset + 1) else { return nil }
        return withAvailable { $0[offset] }
    }

    private func starts(with literal: StaticString, at offset: Int) throws(ReadError) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard try stream.ensure(offset + count) else { return false }
        return withAvailable { bytes in
            literal.withUTF8Buffer { prefix in (0..<count).allSatisfy { bytes[offset + $0] == prefix[$0] } }
        }
    }

    /// Where `literal` first starts at or after `start` past the head, reading more as needed; `nil` when
    /// the file ends first. What has been searched is not searched again.
    private func find(_ literal: StaticString, from start: Int) throws(ReadError) -> Int? {
        let count = literal.utf8CodeUnitCount
        var from = start
        while true {
            let found: Int? = withAvailable { bytes in
                literal.withUTF8Buffer { needle -> Int? in
                    var i = from
                    while i + count <= bytes.count {
                        guard let hit = memchr(bytes.baseAddress! + i, Int32(needle[0]), bytes.count - i) else { return nil }
                        let at = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                        if at + count <= bytes.count, (0..<count).allSatisfy({ bytes[at + $0] == needle[$0] }) { return at }
                        if at + count > bytes.count { return nil }
                        i = at + 1
                    }
                    return nil
                }
            }
            if let found { return found }
            from = max(start, bufferedCount - count + 1)
            if bufferedCount > limit + start { throw error(.tooLarge, "a record is larger than the \(limit >> 20) MiB limit") }
            if try !stream.fillMore() { return nil }
        }
    }

    /// The end (just after `>`) of the start tag at `start` past the head, and whether it is `<name/>`;
    /// `nil` when the file ends inside it. Quoted attribute values may hold `>`.
    private func tagEnd(from start: Int) throws(ReadError) -> (end: Int, isEmpty: Bool)? {
        var i = start + 1
        var quote: UInt8?
        var previous: UInt8 = 0
        while true {
            let result: (end: Int, isEmpty: Bool)? = withAvailable { bytes in
                while i < bytes.count {
                    let byte = bytes[i]
                    i += 1
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: ">") {
                        return (i, previous == UInt8(ascii: "/"))
                    }
                    previous = byte
                }
                return nil
            }
            if let result { return result }
            if i - start > limit { throw error(.tooLarge, "a start tag is larger than the \(limit >> 20) MiB limit") }
            if try !stream.fillMore() { return nil }
        }
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    private func error(_ kind: ReadError.Kind, _ message: String) -> ReadError {
        ReadError(kind, file: stream.name, position: head.position, message: message)
    }
}
