import RegistryModel

/// An element of an XML record with the file positions of its parts.
struct XMLElementNode: Sendable {
    struct Attribute: Sendable {
        /// The qualified name, with its namespace prefix if it has one (`xsi:noNamespaceSchemaLocation`).
        let name: String
        /// The value as libxml2 decoded and normalised it.
        let value: String
        /// The first byte of the value, after the opening quote.
        let position: SourcePosition
    }

    /// The local name, without a namespace prefix.
    let name: String
    /// The `<` of the start tag.
    let tagPosition: SourcePosition
    /// The first byte after the start tag's `>`: where the element's text starts.
    let contentPosition: SourcePosition
    let attributes: [Attribute]
    /// The element's character data as the record holds it after entity decoding (line ends, indentation
    /// and `&#xD;` carriage returns kept). Only the text directly inside this element.
    var text: String = ""
    var children: [XMLElementNode] = []

    func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
}

/// Reads one XML record with libxml2 into `XMLElementNode`s, with exact file positions.
///
/// The contents of children of the root whose names `skipsSubtree` accepts (results, browse terms)
/// are read and checked for well-formedness but not kept (the element itself is, empty), so a record
/// with a large results section costs little memory.
struct XMLTreeBuilder {
    let file: String
    let base: SourcePosition
    let maxDepth: Int
    let skipsSubtree: (String) -> Bool

    /// Reads `bytes` into their root element, or throws where they stop being a well-formed document.
    func build(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReadError) -> XMLElementNode {
        let reader: LibXMLTextReader
        do {
            reader = try LibXMLTextReader(bytes: bytes)
        } catch {
            throw readError(error, in: bytes)
        }
        var scanner = XMLRawScanner(bytes)
        var cursor = SourceCursor(base: base)
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        /// The depth of the start of a skipped subtree, while inside one.
        var skippedFrom: Int?

        func close() {
            let element = stack.removeLast()
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        while true {
            let node: LibXMLTextReader.Node?
            do {
                node = try reader.next()
            } catch {
                // The reader reads ahead, so the elements it has reported open are not the ones open
                // at the end; the raw bytes say which are.
                let unclosed = error.endsEarly ? scanner.unclosedElements() : []
                if let innermost = unclosed.last {
                    var fromStart = SourceCursor(base: base)
                    let opened = fromStart.position(at: innermost.start, in: bytes)
                    throw ReadError(.malformed, file: file, position: fromStart.position(at: bytes.count, in: bytes),
                        message: "the document ends inside <\(innermost.name)> (opened at \(opened)), before the end tags of \(unclosed.count) elements; the file may be truncated")
                }
                throw readError(error, in: bytes)
            }
            guard let node else { break }
            switch node {
            case .elementStart(let qualifiedName, let localName, let depth, let isEmpty):
                guard depth < maxDepth else { throw tooDeep(maxDepth, at: stack.last?.contentPosition) }
                guard let tag = scanner.nextStartTag(), scanner.bytes(tag.name, equal: qualifiedName) else {
                    throw ReadError(.malformed, file: file, position: stack.last?.contentPosition,
                        message: "lost track of <\(qualifiedName)> in the raw bytes; please report this file")
                }
                if skippedFrom != nil { continue }
                let tagPosition = cursor.position(at: tag.start, in: bytes)
                var positioned: [XMLElementNode.Attribute] = []
                for (name, value) in reader.attributes() {
                    guard let raw = tag.attributes.first(where: { scanner.bytes($0.name, equal: name) }) else { continue }
                    positioned.append(.init(
                        name: name, value: value, position: cursor.position(at: raw.valueStart, in: bytes)))
                }
                let element = XMLElementNode(
                    name: localName, tagPosition: tagPosition,
                    contentPosition: cursor.position(at: tag.contentStart, in: bytes), attributes: positioned)
                stack.append(element)
                if isEmpty {
                    close()
                } else if depth == 1, skipsSubtree(localName) {
                    skippedFrom = depth
                }
            case .elementEnd(let depth):
                if let start = skippedFrom {
                    guard depth == start else { continue }
                    skippedFrom = nil
                }
                if !stack.isEmpty { close() }
            case .text(let text):
                if skippedFrom == nil, !stack.isEmpty { stack[stack.count - 1].text += text }
            case .forbidden(let what):
                throw ReadError(.forbidden, file: file, position: stack.last?.contentPosition ?? base,
                    message: "the document contains \(what); ctlint refuses DTDs and entities")
            case .other:
                continue
            }
        }
        guard let root else {
            throw ReadError(.malformed, file: file, position: base, message: "the XML document has no root element")
        }
        return root
    }

    private func readError(_ failure: LibXMLTextReader.Failure, in bytes: UnsafeBufferPointer<UInt8>) -> ReadError {
        let position = position(line: failure.line, column: failure.column, in: bytes)
        if failure.tooDeep { return tooDeep(min(maxDepth, LibXMLTextReader.maxDepth), at: position) }
        return ReadError(.malformed, file: file, position: position, message: "malformed XML: \(failure.message)")
    }

    private func tooDeep(_ limit: Int, at position: SourcePosition?) -> ReadError {
        ReadError(.tooDeep, file: file, position: position,
            message: "elements nested deeper than \(limit) levels; a registry record is never this deep")
    }

    /// The file position of a line and column as libxml2 counts them (lines from 1, columns in
    /// characters from 1), with the byte offset found by walking to it; clamped to the line's end.
    private func position(line: Int, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var i = 0
        var currentLine = 1
        while currentLine < line, i < bytes.count {
            if bytes[i] == 0x0A { currentLine += 1 }
            i += 1
        }
        var currentColumn = 1
        while currentColumn < column, i < bytes.count, bytes[i] != 0x0A {
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            currentColumn += 1
        }
        var cursor = SourceCursor(base: base)
        return cursor.position(at: i, in: bytes)
    }
}
