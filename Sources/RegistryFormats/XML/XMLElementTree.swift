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
    /// The first byte after the start tag's `>`: where the element's text starts.
    let contentPosition: SourcePosition
    let attributes: [Attribute]
    /// The element's character data as the record holds it after entity decoding (line ends, indentation
    /// and `&#xD;` carriage returns kept). Only the text directly inside this element.
    var text: String = ""
    var children: [XMLElementNode] = []

    func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
}

/// Reads one XML record with libxml2's SAX2 parser into `XMLElementNode`s, with exact file positions, validating it
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
        /// The `<` of the root's start tag.
        let rootTagPosition: SourcePosition
        let index: XMLElementIndex?
        let schemaErrors: [LibXMLParser.SchemaError]
    }

    /// Content cut out of the bytes libxml2 reads: the content of an element whose subtree is skipped,
    /// found well formed by `PlainContentCheck`, so that libxml2 need not parse what is not kept.
    struct Gap {
        /// The bytes as the record holds them, with the content in place.
        let original: UnsafeBufferPointer<UInt8>
        /// Where the content started: the first byte after the element's start tag, in both.
        let at: Int
        /// How many bytes of content were cut out.
        let length: Int
    }

    /// Reads `bytes` into their root element, or throws where they stop being a well-formed document.
    func build(_ bytes: UnsafeBufferPointer<UInt8>) throws(ReadError) -> Result {
        // Without a gap, the read never declines.
        try build(bytes, gap: nil)!
    }

    /// Reads `bytes`, which are `gap.original` with the gap's content cut out, into the same root
    /// element as `build(gap.original)` would, with the positions of `gap.original`. `nil` when the
    /// element whose content was cut is not one whose subtree is skipped: then its content would have
    /// been kept, and the caller reads `gap.original` instead. The caller also reads the original when
    /// this throws, to report the error at its place in the record.
    func build(_ bytes: UnsafeBufferPointer<UInt8>, gap: Gap?) throws(ReadError) -> Result? {
        let (events, outcome) = LibXMLParser.parse(bytes, schema: schema) {
            Events(Building(self, bytes: bytes, gap: gap))
        }
        let building = events.building
        if gap != nil, !building.gapSkipped { return nil }
        // libxml2 stops at its first error, so whatever the building found went before it.
        if let found = building.error { throw found }
        let schemaErrors: [LibXMLParser.SchemaError]
        switch outcome {
        case .success(let errors):
            schemaErrors = errors
        case .failure(let error):
            // libxml2 has not always reported the elements still open at the end when it says so; the
            // raw bytes say which are.
            let unclosed = error.endsEarly ? XMLRawScanner(bytes).unclosedElements() : []
            if let innermost = unclosed.last, innermost.start >= recordStart {
                var fromStart = SourceCursor(at: base, byte: recordStart)
                let opened = fromStart.position(at: innermost.start, in: bytes)
                throw ReadError(.malformed, file: file, position: fromStart.position(at: bytes.count, in: bytes),
                    message: "the document ends inside <\(innermost.name)> (opened at \(opened)), before the end tags of \(unclosed.count) elements; the file may be truncated")
            }
            throw readError(error, in: bytes)
        }
        guard let root = building.root, let rootTagPosition = building.rootTagPosition else {
            throw ReadError(.malformed, file: file, position: base, message: "the XML document has no root element")
        }
        return Result(root: root, rootTagPosition: rootTagPosition, index: building.index, schemaErrors: schemaErrors)
    }

    /// Hands what libxml2 reports to the read in progress. The read lives behind a pointer this object
    /// owns: a class's stored properties are checked for exclusive access at run time each time they
    /// are touched, which would cost more than most of the callbacks themselves.
    private final class Events: LibXMLHandler {
        private let state: UnsafeMutablePointer<Building>

        init(_ building: Building) {
            state = .allocate(capacity: 1)
            state.initialize(to: building)
            super.init()
        }

        deinit {
            state.pointee.textBytes.deallocate()
            state.pointee.closedChildren.deallocate()
            state.deinitialize(count: 1)
            state.deallocate()
        }

        var building: Building { state.pointee }

        override func startElement(_ tag: LibXMLStartTag) -> Bool {
            let wasKept = state.pointee.skippedFrom == nil
            let goesOn = state.pointee.startElement(tag)
            // Nothing inside a skipped subtree is kept, its text least of all.
            if wasKept, state.pointee.skippedFrom != nil { receivesCharacters(false) }
            return goesOn
        }

        override func endElement(end: Int?) -> Bool {
            let wasSkipped = state.pointee.skippedFrom != nil
            let goesOn = state.pointee.endElement(end: end)
            if wasSkipped, state.pointee.skippedFrom == nil { receivesCharacters(true) }
            return goesOn
        }

        override func characters(_ text: UnsafeBufferPointer<UInt8>) { state.pointee.characters(text) }
        override func forbidden(_ what: String) { state.pointee.forbidden(what) }
    }

    /// One read in progress: what libxml2 reports, in document order, made into `XMLElementNode`s with
    /// the positions of their parts found in the raw bytes.
    ///
    /// libxml2 says where its parser stands when it reports a tag: at the `>` or `/>` that ends a start
    /// tag, just after the `>` of an end tag. The tag's `<` is the last one before that (neither names
    /// nor attribute values hold one), and only the tag's own bytes are read to find its parts.
    private struct Building {
        let builder: XMLTreeBuilder
        let bytes: UnsafeBufferPointer<UInt8>
        let scanner: XMLRawScanner
        var cursor: SourceCursor
        let outer: SourcePosition
        var index: XMLElementIndex?
        /// The open elements, innermost last, each with where its children and character data start.
        var stack: [OpenElement] = []
        /// The closed children of the open elements, outermost first: an element's children start at its
        /// frame's `firstChild`, and are moved into its `children` when it closes.
        var closedChildren = ClosedNodes()
        /// The index entry of each open element, innermost last.
        var openEntries: [Int] = []
        var root: XMLElementNode?
        /// The `<` of the root's start tag: the one tag position a reader asks for.
        var rootTagPosition: SourcePosition?
        var names = NameCache()
        /// How many elements are open.
        var depth = 0
        /// The depth of the start of a skipped subtree, while inside one.
        var skippedFrom: Int?
        /// The last start tag was `<name/>`, whose end event follows at once and is not an end tag.
        var endsEmptyElement = false
        /// The character data of the open elements, outermost first: an element's data starts at its
        /// frame's `textStart`, and a child's always lies after all of its parent's, since it is cut
        /// off when the child closes. Each element's text is made a string once, when it closes.
        var textBytes = TextBytes()
        /// Why the read stopped, when the building stopped it.
        var error: ReadError?
        /// The end of the last tag found in the raw bytes: tags come in document order, and so their
        /// positions, which the cursor needs.
        var scannedTo = 0

        /// Content cut out of `bytes`; positions are those of `gap.original`.
        let gap: Gap?
        /// The element whose content was cut out is one whose subtree is skipped.
        var gapSkipped = false

        init(_ builder: XMLTreeBuilder, bytes: UnsafeBufferPointer<UInt8>, gap: Gap?) {
            self.builder = builder
            self.bytes = bytes
            self.gap = gap
            scanner = XMLRawScanner(bytes)
            cursor = SourceCursor(at: builder.base, byte: builder.recordStart)
            outer = builder.outerPosition ?? builder.base
            index = builder.schema.map { _ in XMLElementIndex(lineShift: builder.lineShift(bytes)) }
        }

        mutating func position(_ offset: Int) -> SourcePosition {
            if offset < builder.recordStart { return outer }
            guard let gap else { return cursor.position(at: offset, in: bytes) }
            // The cut content's element starts its content at `gap.at` in both.
            return cursor.position(at: offset <= gap.at ? offset : offset + gap.length, in: gap.original)
        }

        mutating func open(_ element: consuming XMLElementNode) {
            stack.append(OpenElement(
                node: element, frame: Frame(firstChild: closedChildren.count, textStart: textBytes.count)))
        }

        mutating func close() {
            let last = stack.count - 1
            let frame = stack[last].frame
            if frame.firstChild < closedChildren.count {
                stack[last].node.children = closedChildren.removeAll(from: frame.firstChild)
            }
            let start = frame.textStart
            if start < textBytes.count {
                let text = textBytes.bytes(from: start)
                // Most text is the indentation between child elements, which every reader of a node
                // takes as no text at all.
                if !text.allSatisfy(Self.isSpace) { stack[last].node.text = String(decoding: text, as: UTF8.self) }
                textBytes.removeAll(from: start)
            }
            let element = stack.removeLast().node
            if stack.isEmpty {
                root = element
            } else {
                closedChildren.append(element)
            }
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
        }

        /// The start tag that ends where libxml2 stands, or `nil` when the raw bytes do not hold it there.
        private mutating func startTag(_ reported: LibXMLStartTag, isEmpty: Bool) -> XMLRawScanner.StartTag? {
            guard let end = reported.end, let lt = scanner.tagStart(before: end), lt >= scannedTo else { return nil }
            let tag = scanner.startTag(at: lt)
            guard tag.isEmpty == isEmpty, tag.contentStart == min(end + (isEmpty ? 2 : 1), bytes.count),
                reported.hasQualifiedName(UnsafeBufferPointer(rebasing: bytes[tag.name]))
            else { return nil }
            scannedTo = tag.contentStart
            return tag
        }

        mutating func startElement(_ reported: LibXMLStartTag) -> Bool {
            let depth = self.depth
            self.depth += 1
            guard depth < builder.maxDepth else {
                error = builder.tooDeep(builder.maxDepth, at: stack.last?.node.contentPosition)
                return false
            }
            guard let end = reported.end, end >= 0, end <= bytes.count else { return lostTrack(of: reported) }
            endsEmptyElement = end < bytes.count && bytes[end] == UInt8(ascii: "/")
            let kept = skippedFrom == nil
            if !kept && index == nil { return true }
            if depth > 0, index == nil, !reported.hasAttributes,
                let contentStart = plainContentStart(end: end, isEmpty: endsEmptyElement)
            {
                return startPlainElement(reported, contentStart: contentStart, isEmpty: endsEmptyElement, depth: depth)
            }
            guard let tag = startTag(reported, isEmpty: endsEmptyElement) else { return lostTrack(of: reported) }
            let localName = reported.localName(&names)
            // Positions are asked for in file order: the tag, its attributes, its content.
            if depth == 0 { rootTagPosition = position(tag.start) }
            var positioned: [XMLElementNode.Attribute] = []
            if kept && !tag.attributes.isEmpty {
                for (name, value) in reported.attributes() {
                    guard let raw = tag.attributes.first(where: { scanner.bytes($0.name, equal: name) }) else { continue }
                    positioned.append(.init(name: name, value: value, position: position(raw.valueStart)))
                }
            }
            let contentPosition = position(tag.contentStart)
            if index != nil {
                let entry = index!.open(
                    name: localName, parent: openEntries.last, tag: tag, inRecord: tag.start >= builder.recordStart,
                    startLine: contentPosition.line)
                if tag.isEmpty {
                    index!.close(entry, endTag: nil, endLine: contentPosition.line)
                } else {
                    openEntries.append(entry)
                }
            }
            if !kept { return true }
            open(XMLElementNode(
                name: localName, contentPosition: contentPosition, attributes: positioned))
            if tag.isEmpty {
                close()
            } else if depth == builder.subtreeDepth, reported.localNameIs(builder.skipsSubtree, &names) {
                skip(from: depth, contentStart: tag.contentStart)
            }
            return true
        }

        /// Skips the subtree of the element at `depth` whose content starts at `contentStart`.
        private mutating func skip(from depth: Int, contentStart: Int) {
            skippedFrom = depth
            if contentStart == gap?.at { gapSkipped = true }
        }

        /// Where the content of a start tag without attributes starts, when libxml2 stands on its `>`
        /// (or on the `/` of its `/>`): the one byte after the tag that the raw bytes must confirm.
        /// `nil` sends the tag through `startTag(_:isEmpty:)`, which reads it from its `<`.
        private func plainContentStart(end: Int, isEmpty: Bool) -> Int? {
            let close = isEmpty ? end + 1 : end
            guard close < bytes.count, bytes[close] == UInt8(ascii: ">"), end >= scannedTo else { return nil }
            return close + 1
        }

        /// An element below the root whose start tag holds no attribute, read without going back to the
        /// tag's `<`: nearly every element of a record, and only its content's position is needed.
        private mutating func startPlainElement(
            _ reported: LibXMLStartTag, contentStart: Int, isEmpty: Bool, depth: Int
        ) -> Bool {
            scannedTo = contentStart
            let localName = reported.localName(&names)
            open(XMLElementNode(name: localName, contentPosition: position(contentStart), attributes: []))
            if isEmpty {
                close()
            } else if depth == builder.subtreeDepth, reported.localNameIs(builder.skipsSubtree, &names) {
                skip(from: depth, contentStart: contentStart)
            }
            return true
        }

        private mutating func lostTrack(of reported: LibXMLStartTag) -> Bool {
            error = ReadError(.malformed, file: builder.file, position: stack.last?.node.contentPosition,
                message: "lost track of <\(reported.qualifiedName)> in the raw bytes; please report this file")
            return false
        }

        mutating func endElement(end: Int?) -> Bool {
            depth -= 1
            if endsEmptyElement {
                // `<name/>` was closed with its start.
                endsEmptyElement = false
                return true
            }
            if index != nil, let entry = openEntries.popLast() {
                // libxml2 stands just after the end tag's `>`.
                guard let end, end >= 2, end <= bytes.count, bytes[end - 1] == UInt8(ascii: ">"),
                    let lt = scanner.tagStart(before: end), lt >= scannedTo, bytes[lt + 1] == UInt8(ascii: "/")
                else {
                    error = ReadError(.malformed, file: builder.file, position: stack.last?.node.contentPosition,
                        message: "lost track of an end tag in the raw bytes; please report this file")
                    return false
                }
                scannedTo = end
                index!.close(entry, endTag: lt..<end, endLine: position(end).line)
            }
            if let start = skippedFrom {
                guard depth == start else { return true }
                skippedFrom = nil
            }
            if !stack.isEmpty { close() }
            return true
        }

        mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
            if skippedFrom == nil, !stack.isEmpty { textBytes.append(text) }
        }

        mutating func forbidden(_ what: String) {
            error = ReadError(
                .forbidden, file: builder.file, position: stack.last?.node.contentPosition ?? builder.base,
                message: "the document contains \(what); ctlint refuses DTDs and entities")
        }
    }

    /// What to add to a line libxml2 counts in `bytes` to get the line in the file.
    fileprivate func lineShift(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var newlines = 0
        for i in 0..<recordStart where bytes[i] == 0x0A { newlines += 1 }
        return base.line - (1 + newlines)
    }

    private func readError(_ failure: LibXMLParser.Failure, in bytes: UnsafeBufferPointer<UInt8>) -> ReadError {
        let position = position(line: failure.line, column: failure.column, in: bytes)
        if failure.tooDeep { return tooDeep(min(maxDepth, LibXMLParser.maxDepth), at: position) }
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

    fileprivate func tooDeep(_ limit: Int, at position: SourcePosition?) -> ReadError {
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

/// An element whose end tag is still to come, with where its children and character data start: one
/// entry per open element, so that opening and closing one costs one array append and removal.
private struct OpenElement {
    var node: XMLElementNode
    let frame: Frame
}

/// Where the children and the character data of an open element start.
private struct Frame {
    /// Where its children start among the closed children.
    let firstChild: Int
    /// Where its character data starts among the text bytes.
    let textStart: Int
}

/// The closed children of the open elements of one read, in one buffer that grows by doubling, so that
/// an element's children are moved into its array when it closes, without a copy of a node or a check
/// of an optional. `Events` frees the buffer with the nodes still in it.
private struct ClosedNodes {
    private var base: UnsafeMutablePointer<XMLElementNode>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    mutating func append(_ node: consuming XMLElementNode) {
        if count == capacity {
            let grown = UnsafeMutablePointer<XMLElementNode>.allocate(capacity: 2 * capacity)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: node)
        count += 1
    }

    /// Moves the nodes from `start` (at most `count`) to the end out, in order.
    mutating func removeAll(from start: Int) -> [XMLElementNode] {
        var nodes: [XMLElementNode] = []
        nodes.reserveCapacity(count - start)
        for k in start..<count { nodes.append((base + k).move()) }
        count = start
        return nodes
    }

    /// Frees the buffer and the nodes still in it.
    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// The character data of the open elements of one read, in one buffer that grows by doubling: libxml2
/// hands over a record's text in hundreds of runs, most of them the indentation between elements, and
/// an array's generic append costs several times the copy itself. `Events` frees the buffer.
private struct TextBytes {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let needed = count + bytes.count
        if needed > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, 2 * capacity))
            grown.initialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity = max(needed, 2 * capacity)
        }
        (base + count).initialize(from: source, count: bytes.count)
        count = needed
    }

    /// The bytes from `start` (at most `count`) to the end.
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// Drops the bytes from `start` (at most `count`) on.
    mutating func removeAll(from start: Int) {
        count = start
    }

    func deallocate() {
        base.deallocate()
    }
}
