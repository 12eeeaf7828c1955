import RegistryModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads API v2 and classic JSON files record by record, in memory bounded by the largest record.
///
/// The containers it understands: a single study object; an array of studies; an API v2 page
/// `{"studies": [...], "nextPageToken": …}`; the classic `{"FullStudiesResponse": {"FullStudies": [...]}}`,
/// `{"FullStudies": [...]}` and `{"Study": {...}}`; and JSON lines, one study per line. A file that is one
/// study of at most a few MB, the usual case, is parsed straight from the read buffer. Otherwise records
/// are delimited with a byte state machine as chunks arrive (or at line ends, for JSON lines), and each
/// record's bytes are then parsed strictly. A record that is malformed, too large or not a study is handed
/// to the handler as an error and reading goes on with the next; an error in the container itself ends the
/// file.
struct JSONRecordReader {
    let options: ReadOptions

    func read(_ stream: ByteStream, _ body: RegistryReader.Handler) throws {
        // The splitter lives only for this call, so the handler does not really escape.
        try withoutActuallyEscaping(body) { body in
            try JSONStreamSplitter(stream: stream, options: options, body: body).readFile()
        }
    }
}

/// The bytes of one JSON record and where they are in their file.
struct JSONRecordBytes {
    let bytes: [UInt8]
    let base: SourcePosition
    /// How deep the record is inside its container, which counts towards the nesting limit.
    let depth: Int
    /// "end of file" or "end of line", for errors at the end of the bytes.
    let endOfInput: String
}

/// The streaming half of `JSONRecordReader`: walks the container, cuts out records, hands them on.
private final class JSONStreamSplitter {
    private let stream: ByteStream
    private let options: ReadOptions
    private let body: RegistryReader.Handler
    /// The file position of the stream's next unconsumed byte.
    private var head: PositionCounter
    private var recordIndex = 0

    init(stream: ByteStream, options: ReadOptions, body: @escaping RegistryReader.Handler) {
        self.stream = stream
        self.options = options
        self.body = body
        // A byte-order mark the detector skipped is no column of its own.
        self.head = PositionCounter(SourcePosition(line: 1, column: 1, offset: stream.offset))
    }

    func readFile() throws {
        guard let first = try skipWhitespace() else {
            throw ReadError(.empty, file: stream.name, message: "the file is empty")
        }
        if first == UInt8(ascii: "[") {
            try readArray(depth: 1)
        } else if first == UInt8(ascii: "{") {
            try readTopObject()
        } else {
            try readSingleRecord()
        }
        // Anything after the first value makes the file JSON lines: one study per line from here on.
        if try skipWhitespace() != nil { try readLines() }
    }

    // MARK: Containers

    /// Reads the array at the head, whose elements are studies `depth` levels deep.
    private func readArray(depth: Int) throws {
        let start = head.position
        consume(1)
        guard let first = try skipWhitespace() else { throw unclosed("array", start) }
        if first == UInt8(ascii: "]") {
            consume(1)
            return
        }
        while true {
            guard try readElement(depth: depth) else { return }
            guard let next = try skipWhitespace() else { throw unclosed("array", start) }
            if next == UInt8(ascii: "]") {
                consume(1)
                return
            }
            guard next == UInt8(ascii: ",") else {
                throw malformed("expected ',' or ']' after an array element, found \(describe(next))")
            }
            consume(1)
            guard let following = try skipWhitespace() else { throw unclosed("array", start) }
            if following == UInt8(ascii: "]") {
                throw malformed("expected a study after ',' (JSON allows no trailing comma)")
            }
        }
    }

    /// Reads one element of an array of studies; `false` when the file ended inside it.
    private func readElement(depth: Int) throws -> Bool {
        switch try valueSpan(from: 0, depth: depth) {
        case .complete(let end):
            try emit(length: end, depth: depth, endOfInput: "end of file")
            return true
        case .endOfFile(let end):
            // The parser says where and how the element was cut short.
            try emit(length: end, depth: depth, endOfInput: "end of file")
            return false
        case .tooLarge:
            try deliver(.failure(tooLarge()))
            return try skipValue()
        case .tooDeep(let offset):
            try deliver(.failure(tooDeep(at: offset)))
            return try skipValue()
        }
    }

    /// Reads the object at the head of the file: one study, or a wrapper holding a list of studies.
    ///
    /// The object's members are looked at without consuming them until a key decides: `studies`,
    /// `FullStudies` or `FullStudiesResponse` make it a wrapper; a key of a study makes it one study.
    /// Other members (`nextPageToken`, `totalCount`, classic `APIVrs` …) are stepped over.
    private func readTopObject() throws {
        var offset = 1
        while true {
            guard let keyStart = try peekNonWhitespace(from: offset), try byte(at: keyStart) == UInt8(ascii: "\"")
            else { return try readSingleRecord() }
            guard case .complete(let keyEnd) = try valueSpan(from: keyStart, depth: 1),
                let colon = try peekNonWhitespace(from: keyEnd), try byte(at: colon) == UInt8(ascii: ":"),
                let valueStart = try peekNonWhitespace(from: colon + 1), let first = try byte(at: valueStart)
            else { return try readSingleRecord() }
            let key = withAvailable { WrapperKey($0[keyStart..<keyEnd]) }
            switch key {
            case .list where first == UInt8(ascii: "["), .response where first == UInt8(ascii: "{"):
                let objectStart = head.position
                consume(valueStart)
                try readWrapperValue(key, depth: 1)
                return try readWrapperMembers(depth: 1, objectStart: objectStart)
            case .studyKey:
                return try readSingleRecord()
            case .list, .response, .other:
                // A member that is not well formed is reported by parsing the whole object, which names
                // what follows it too.
                guard case .complete(let valueEnd) = try valueSpan(from: valueStart, depth: 1),
                    (try? validate(from: valueStart, to: valueEnd)) != nil
                else { return try readSingleRecord() }
                guard let next = try peekNonWhitespace(from: valueEnd), try byte(at: next) == UInt8(ascii: ",")
                else { return try readSingleRecord() }
                offset = next + 1
            }
        }
    }

    /// Reads the value of a wrapper member at the head: a list of studies or a classic response object.
    private func readWrapperValue(_ key: WrapperKey, depth: Int) throws {
        if case .list = key {
            try readArray(depth: depth + 1)
        } else {
            let objectStart = head.position
            consume(1)
            try readWrapperMembers(depth: depth + 1, objectStart: objectStart, expectComma: false)
        }
    }

    /// Reads the remaining members of a wrapper object, streaming any list of studies among them.
    private func readWrapperMembers(depth: Int, objectStart: SourcePosition, expectComma: Bool = true) throws {
        var expectComma = expectComma
        while true {
            guard var next = try skipWhitespace() else { throw unclosed("object", objectStart) }
            if next == UInt8(ascii: "}") {
                consume(1)
                return
            }
            if expectComma {
                guard next == UInt8(ascii: ",") else {
                    throw malformed("expected ',' or '}' after an object member, found \(describe(next))")
                }
                consume(1)
                guard let following = try skipWhitespace() else { throw unclosed("object", objectStart) }
                next = following
            }
            expectComma = true
            guard next == UInt8(ascii: "\""), case .complete(let keyEnd) = try valueSpan(from: 0, depth: depth) else {
                throw malformed("expected a member name in double quotes, found \(describe(next))")
            }
            let key = withAvailable { WrapperKey($0[..<keyEnd]) }
            try validate(from: 0, to: keyEnd)
            consume(keyEnd)
            guard try skipWhitespace() == UInt8(ascii: ":") else { throw malformed("expected ':' after a member name") }
            consume(1)
            guard let first = try skipWhitespace() else { throw unclosed("object", objectStart) }
            switch key {
            case .list where first == UInt8(ascii: "["), .response where first == UInt8(ascii: "{"):
                try readWrapperValue(key, depth: depth)
            default:
                guard case .complete(let end) = try valueSpan(from: 0, depth: depth) else {
                    throw malformed("a member of the study list's wrapper object is cut short or too large")
                }
                try validate(from: 0, to: end)
                consume(end)
            }
        }
    }

    /// Reads the value at the head as one record. One too large or too deep is reported as soon as that is
    /// clear and then stepped over without being held, in case more records follow (JSON lines).
    private func readSingleRecord() throws {
        if try readRestAsOneRecord() { return }
        switch try valueSpan(from: 0, depth: 0) {
        case .complete(let end), .endOfFile(let end):
            try emit(length: end, depth: 0, endOfInput: "end of file")
        case .tooLarge:
            try deliver(.failure(tooLarge()))
            _ = try skipValue()
        case .tooDeep(let offset):
            try deliver(.failure(tooDeep(at: offset)))
            _ = try skipValue()
        }
    }

    /// Reads the rest of the file as JSON lines: every non-blank line is one study.
    private func readLines() throws {
        while try skipWhitespace() != nil {
            var searched = 0
            var lineEnd: Int?
            while true {
                if let newline = withAvailable({ newlineIndex(in: $0, from: searched) }) {
                    lineEnd = newline
                    break
                }
                searched = bufferedCount
                if searched > options.maxRecordBytes { break }
                if try !stream.fillMore() {
                    lineEnd = searched
                    break
                }
            }
            if let lineEnd, lineEnd <= options.maxRecordBytes {
                try emit(length: lineEnd, depth: 0, endOfInput: "end of line")
            } else {
                try deliver(.failure(tooLarge()))
                try skipLine()
            }
        }
    }

    // MARK: Records

    /// Takes `length` bytes at the head as a record, reads it and hands it on.
    private func emit(length: Int, depth: Int, endOfInput: String) throws {
        let base = head.position
        let record = JSONRecordBytes(bytes: stream.take(length), base: base, depth: depth, endOfInput: endOfInput)
        let parsed = Result { () throws(ReadError) in try JSONStudyReader.parse(record, file: stream.name, options: options) }
        if let document = try? parsed.get() {
            head = PositionCounter(document.position(at: length))
        } else {
            record.bytes.withUnsafeBufferPointer { head.advance(over: $0) }
        }
        try deliver(parsed.flatMap { document in
            Result { () throws(ReadError) in try JSONStudyReader.record(from: document, file: stream.name, index: recordIndex) }
        })
    }

    /// Reads the rest of the file as one record when it is small enough to hold whole and is exactly one
    /// JSON value, as most files are (one study), so that it is parsed without a pass to find its end first.
    /// `false`, having consumed nothing, when that is not so.
    private func readRestAsOneRecord() throws -> Bool {
        guard try !stream.ensure(JSONStreamSplitter.wholeFileWindow + 1), bufferedCount <= options.maxRecordBytes
        else { return false }
        let base = head.position
        let parser = JSONParser(
            file: stream.name, base: base, maxDepth: options.maxDepth, outerDepth: 0, endOfInput: "end of file",
            readMembers: JSONStudyReader.readMembers)
        guard let tree = withAvailable({ try? parser.tree(of: $0) }) else { return false }
        // The record is the value itself, without the white space after it.
        let end = Int(tree.nodes[JSONDocument.root].end)
        let document = JSONDocument(bytes: stream.take(end), tree: tree, base: base)
        head = PositionCounter(document.position(at: end))
        consume(bufferedCount)
        try deliver(Result { () throws(ReadError) in
            try JSONStudyReader.record(from: document, file: stream.name, index: recordIndex)
        })
        return true
    }

    /// Files up to this size are read whole before parsing, when they can be.
    private static let wholeFileWindow = 4 << 20

    private func deliver(_ result: consuming Result<Record, ReadError>) throws {
        recordIndex += 1
        try body(result)
    }

    /// Checks that the bytes between two offsets from the head are well-formed JSON, without consuming them.
    private func validate(from start: Int, to end: Int) throws {
        let (bytes, base) = withAvailable {
            (Array($0[start..<end]), head.advanced(over: UnsafeBufferPointer(rebasing: $0[..<start])))
        }
        let record = JSONRecordBytes(bytes: bytes, base: base, depth: 1, endOfInput: "end of the value")
        _ = try JSONStudyReader.parse(record, file: stream.name, options: options)
    }

    // MARK: Bytes

    private enum Span {
        /// The value ends at this offset from the head.
        case complete(Int)
        /// The file ends at this offset from the head, inside the value.
        case endOfFile(Int)
        /// The value is longer than `ReadOptions.maxRecordBytes`.
        case tooLarge
        /// The value nests deeper than `ReadOptions.maxDepth` at the bracket this far from the head.
        case tooDeep(Int)
    }

    /// Finds the end of the value that starts `start` bytes after the head, `depth` levels deep in the file,
    /// reading as needed.
    private func valueSpan(from start: Int, depth: Int) throws(ReadError) -> Span {
        var scanner = JSONValueScanner(depthLimit: options.maxDepth - depth)
        var scanned = start
        while true {
            let end = withAvailable { scanner.scan($0, from: scanned) }
            if let end {
                return end - start > options.maxRecordBytes ? .tooLarge : .complete(end)
            }
            if let offset = scanner.tooDeepAt { return .tooDeep(offset) }
            scanned = bufferedCount
            if scanned - start > options.maxRecordBytes { return .tooLarge }
            if try !stream.fillMore() {
                return scanner.isCompleteAtEnd ? .complete(scanned) : .endOfFile(scanned)
            }
        }
    }

    /// Consumes the value at the head chunk by chunk, holding none of it; `false` if the file ends inside it.
    private func skipValue() throws(ReadError) -> Bool {
        var scanner = JSONValueScanner()
        while true {
            if let end = withAvailable({ scanner.scan($0, from: 0) }) {
                consume(end)
                return true
            }
            consume(bufferedCount)
            if try !stream.fillMore() { return false }
        }
    }

    /// Consumes the rest of the current line chunk by chunk.
    private func skipLine() throws(ReadError) {
        while true {
            if let newline = withAvailable({ newlineIndex(in: $0, from: 0) }) {
                consume(newline)
                return
            }
            consume(bufferedCount)
            if try !stream.fillMore() { return }
        }
    }

    /// Consumes white space; returns the next byte, not consumed, or `nil` at the end of the file.
    private func skipWhitespace() throws(ReadError) -> UInt8? {
        while true {
            if let index = withAvailable({ $0.firstIndex(where: { !isSpace($0) }) }) {
                consume(index)
                return withAvailable { $0[0] }
            }
            consume(bufferedCount)
            if try !stream.fillMore() { return nil }
        }
    }

    /// The offset from the head of the first non-white-space byte at or after `offset`, reading as needed.
    private func peekNonWhitespace(from offset: Int) throws(ReadError) -> Int? {
        var offset = offset
        while true {
            guard try stream.ensure(offset + 1) else { return nil }
            if let index = withAvailable({ $0[offset...].firstIndex(where: { !isSpace($0) }) }) { return index }
            offset = bufferedCount
        }
    }

    private func byte(at offset: Int) throws(ReadError) -> UInt8? {
        guard try stream.ensure(offset + 1) else { return nil }
        return withAvailable { $0[offset] }
    }

    private func consume(_ count: Int) {
        guard count > 0 else { return }
        withAvailable { head.advance(over: UnsafeBufferPointer(rebasing: $0[..<count])) }
        stream.consume(count)
    }

    /// Runs `body` over the buffered bytes, indexed from the head. No slice of the buffer outlives the call,
    /// so reading more never has to copy the buffer.
    private func withAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        stream.available.withUnsafeBufferPointer(body)
    }

    private var bufferedCount: Int { stream.available.count }

    /// The index of the first line feed in `bytes` at or after `start`.
    private func newlineIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, 0x0A, bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    // MARK: Errors

    private func malformed(_ message: String) -> ReadError {
        ReadError(.malformed, file: stream.name, position: head.position, message: message)
    }

    private func unclosed(_ what: String, _ start: SourcePosition) -> ReadError {
        let closer = what == "array" ? "]" : "}"
        return malformed("unexpected end of file: the \(what) that starts at \(start) is not closed (expected '\(closer)')")
    }

    private func tooDeep(at offset: Int) -> ReadError {
        let position = withAvailable { head.advanced(over: UnsafeBufferPointer(rebasing: $0[..<offset])) }
        return ReadError(.tooDeep, file: stream.name, position: position, message: JSONParser.tooDeepMessage(options.maxDepth))
    }

    private func tooLarge() -> ReadError {
        ReadError(.tooLarge, file: stream.name, position: head.position,
            message: "the record that starts here is larger than \(options.maxRecordBytes >> 20) MiB (ReadOptions.maxRecordBytes); the registry's largest study is about 4 MB, so this is not read")
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
    }
}

/// What a member of a top-level object says about the object.
private enum WrapperKey {
    /// `studies` (API v2 page) or `FullStudies` (classic): the value is the list of studies.
    case list
    /// `FullStudiesResponse` (classic): the value is an object holding `FullStudies`.
    case response
    /// A key of a study itself: the object is one study.
    case studyKey
    /// Anything else, such as `nextPageToken`.
    case other

    /// Classifies a member name from its raw bytes, quotes included.
    init(_ raw: Slice<UnsafeBufferPointer<UInt8>>) {
        func equals(_ name: StaticString) -> Bool {
            raw.count == name.utf8CodeUnitCount + 2 && raw.dropFirst().dropLast().elementsEqual(name.utf8Buffer)
        }
        if equals("studies") || equals("FullStudies") {
            self = .list
        } else if equals("FullStudiesResponse") {
            self = .response
        } else if equals("protocolSection") || equals("ProtocolSection") || equals("Study") || equals("hasResults")
            || equals("resultsSection") || equals("derivedSection") || equals("documentSection")
            || equals("annotationSection") || equals("DerivedSection") || equals("ResultsSection")
            || equals("DocumentSection")
        {
            self = .studyKey
        } else {
            self = .other
        }
    }
}
