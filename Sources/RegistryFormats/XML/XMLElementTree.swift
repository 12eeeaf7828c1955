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

/// Reads one XML record with libxml2 into `XMLElementNode`s, with exact file positions, validating it
/// against a schema in the same pass when one is given.
///
/// The contents of children of the root whose names `skipsSubtree` accepts (results, browse terms)
/// are read and checked for well-formedness (and validated) but not kept (the element itself is, empty),
/// so a record with a large results section costs little memory.
///
/// The bytes libxml2 reads may hold more than the record: a study of an upload collection is read
/// inside a copy of the collection's start and end tags, so that its namespaces are declared. Only the
/// bytes from `recordStart` on are the record's; elements before them take `outerPosition`.
struct XMLTreeBuilder {
    let file: String
    /// Where `bytes[recordStart]` lies in the file.
    let base: SourcePosition
    let maxDepth: Int
    let skipsSubtree: (String) -> Bool
    /// The depth of the elements whose subtrees `skipsSubtree` may skip: the children of the record's root.
    var subtreeDepth = 1
    /// The first byte of the record in the bytes read.
    var recordStart = 0
    /// The position given to elements that lie before `recordStart` (the collection around a study).
    var outerPosition: SourcePosition?
    /// The schema to validate against while reading.
    var schema: LibXMLSchema?

    /// What one read gives: the root element, and when validating, where every element is and what
    /// libxml2 found wrong.
    struct Result {
        let root: XMLElementNode
        let index: XMLElementIndex?
        let schemaErrors: [LibXMLTextReader.SchemaError]
    }

    /// Reads `bytes` into their root element, or throws where they stop being a well-formed document.
    func build(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReadError) -> Result {
        let reader: LibXMLTextReader
        do {
            reader = try LibXMLTextReader(bytes: bytes, schema: schema)
        } catch {
            throw readError(error, in: bytes)
        }
        var scanner = XMLRawScanner(bytes)
        var cursor = SourceCursor(at: base, byte: recordStart)
        let outer = outerPosition ?? base
        var index = schema.map { _ in XMLElementIndex(lineShift: lineShift(bytes)) }
        var stack: [XMLElementNode] = []
        /// The index entry of each open element, innermost last.
        var openEntries: [Int] = []
        var root: XMLElementNode?
        var names = LibXMLTextReader.NameCache()
        /// The depth of the start of a skipped subtree, while inside one.
        var skippedFrom: Int?

        func position(_ offset: Int) -> SourcePosition {
            offset < recordStart ? outer : cursor.position(at: offset, in: bytes)
        }

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
                if let innermost = unclosed.last, innermost.start >= recordStart {
                    var fromStart = SourceCursor(at: base, byte: recordStart)
                    let opened = fromStart.position(at: innermost.start, in: bytes)
                    throw ReadError(.malformed, file: file, position: fromStart.position(at: bytes.count, in: bytes),
                        message: "the document ends inside <\(innermost.name)> (opened at \(opened)), before the end tags of \(unclosed.count) elements; the file may be truncated")
                }
                throw readError(error, in: bytes)
            }
            guard let node else { break }
            switch node {
            case .elementStart(let depth, let isEmpty):
                guard depth < maxDepth else { throw tooDeep(maxDepth, at: stack.last?.contentPosition) }
                guard let tag = scanner.nextStartTag(), scanner.bytes(tag.name, equal: reader.qualifiedNameBytes())
                else {
                    throw ReadError(.malformed, file: file, position: stack.last?.contentPosition,
                        message: "lost track of <\(reader.qualifiedName())> in the raw bytes; please report this file")
                }
                let kept = skippedFrom == nil
                if !kept && index == nil { continue }
                let localName = reader.localName(&names)
                // Positions are asked for in file order: the tag, its attributes, its content.
                let tagPosition = position(tag.start)
                var positioned: [XMLElementNode.Attribute] = []
                if kept {
                    for (name, value) in reader.attributes() {
                        guard let raw = tag.attributes.first(where: { scanner.bytes($0.name, equal: name) }) else { continue }
                        positioned.append(.init(name: name, value: value, position: position(raw.valueStart)))
                    }
                }
                let contentPosition = position(tag.contentStart)
                if index != nil {
                    let entry = index!.open(
                        name: localName, parent: openEntries.last, tag: tag, inRecord: tag.start >= recordStart,
                        startLine: contentPosition.line)
                    if isEmpty { index!.close(entry, endTag: nil, endLine: contentPosition.line) } else { openEntries.append(entry) }
                }
                if !kept { continue }
                let element = XMLElementNode(
                    name: localName, tagPosition: tagPosition, contentPosition: contentPosition, attributes: positioned)
                stack.append(element)
                if isEmpty {
                    close()
                } else if depth == subtreeDepth, skipsSubtree(localName) {
                    skippedFrom = depth
                }
            case .elementEnd(let depth):
                if index != nil, let entry = openEntries.popLast() {
                    // Every end event has its end tag in the raw bytes, in the same order.
                    guard case .end(let range) = scanner.nextTag() else {
                        throw ReadError(.malformed, file: file, position: stack.last?.contentPosition,
                            message: "lost track of an end tag in the raw bytes; please report this file")
                    }
                    index!.close(entry, endTag: range, endLine: position(range.upperBound).line)
                }
                if let start = skippedFrom {
                    guard depth == start else { continue }
                    skippedFrom = nil
                }
                if !stack.isEmpty { close() }
            case .text:
                if skippedFrom == nil, !stack.isEmpty { stack[stack.count - 1].text += reader.text() }
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
        return Result(root: root, index: index, schemaErrors: reader.schemaErrors)
    }

    /// What to add to a line libxml2 counts in `bytes` to get the line in the file.
    private func lineShift(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var newlines = 0
        for i in 0..<recordStart where bytes[i] == 0x0A { newlines += 1 }
        return base.line - (1 + newlines)
    }

    private func readError(_ failure: LibXMLTextReader.Failure, in bytes: UnsafeBufferPointer<UInt8>) -> ReadError {
        let position = position(line: failure.line, column: failure.column, in: bytes)
        if failure.tooDeep { return tooDeep(min(maxDepth, LibXMLTextReader.maxDepth), at: position) }
        let message = shiftingLines(failure.message, by: lineShift(bytes))
        return ReadError(.malformed, file: file, position: position, message: "malformed XML: \(message)")
    }

    /// libxml2's message with each "line N" it names (as in "Opening and ending tag mismatch: a line 3
    /// and b") made a line of the file.
    private func shiftingLines(_ message: String, by shift: Int) -> String {
        guard shift != 0 else { return message }
        var out = ""
        var rest = Substring(message)
        while let found = rest.firstRange(of: "line ") {
            out += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if let line = Int(digits) {
                out += String(line + shift)
                rest = rest.dropFirst(digits.count)
            }
        }
        return out + rest
    }

    private func tooDeep(_ limit: Int, at position: SourcePosition?) -> ReadError {
        ReadError(.tooDeep, file: file, position: position,
            message: "elements nested deeper than \(limit) levels; a registry record is never this deep")
    }

    /// The file position of a line and column as libxml2 counts them in `bytes` (lines from 1, columns in
    /// characters from 1), with the byte offset found by walking to it; clamped to the line's end, and
    /// to the record's start.
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
        var cursor = SourceCursor(at: base, byte: recordStart)
        return cursor.position(at: max(i, recordStart), in: bytes)
    }
}
