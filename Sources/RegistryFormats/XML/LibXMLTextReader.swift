internal import CLibXML2

/// libxml2's streaming reader (`xmlTextReader`) over a copy of one record's bytes, optionally validating
/// against an XML schema in the same pass.
///
/// This file is the only one that touches libxml2. The reader owns the C reader, the input buffer the C
/// reader points into and the schema validation context, and frees them in `deinit`. libxml2's error
/// reports come back to this reader: a well-formedness error is turned once into a `Failure` with line
/// and column, and schema violations are collected as `SchemaError`s while reading goes on. Parser
/// errors are caught with the reader's own handler when nothing is validated; when a schema validator is
/// plugged into the parser, libxml2 hands the reader's handler the validator's context in place of its
/// own, so parser errors are then caught with libxml2's per-thread error handler, set around each read
/// call only (which costs a few thread-local look-ups per node). Not thread-safe: one reader belongs to
/// one read.
final class LibXMLTextReader {
    /// A node of the document, as far as ctlint cares.
    ///
    /// Names and text are asked for only when needed (`localName`, `qualifiedName`, `qualifiedNameBytes`,
    /// `text`), so that no string is made for the nodes of a subtree that is read but not kept.
    enum Node: Equatable {
        /// A start tag; `isEmpty` for `<name/>`, which has no end event.
        case elementStart(depth: Int, isEmpty: Bool)
        case elementEnd(depth: Int)
        /// Character data, CDATA or white space, with entities and character references decoded.
        case text
        /// A document type declaration or an entity, which ctlint refuses.
        case forbidden(String)
        /// A comment, a processing instruction or another node without content for ctlint.
        case other
    }

    /// The first error libxml2 reported, where libxml2 saw it.
    struct Failure: Error {
        let message: String
        let line: Int
        let column: Int
        /// The input ended while elements were still open (libxml2's reader then reports "Extra content
        /// at the end of the document" where it stopped, which misleads).
        var endsEarly = false
        /// Elements nest deeper than libxml2 allows without `XML_PARSE_HUGE`, which ctlint never sets.
        var tooDeep = false
    }

    /// A violation of the schema, as libxml2 reports it: the line of the parser when it met the element
    /// (the end of its start tag, or of its end tag for what is known only there) and libxml2's message,
    /// which names the element ("Element 'arm_type': …").
    struct SchemaError {
        let line: Int
        let message: String
    }

    private let input: UnsafeMutableBufferPointer<CChar>
    private let reader: xmlTextReaderPtr
    private let validation: xmlSchemaValidCtxtPtr?
    private var firstFailure: Failure?
    /// The schema violations met so far, in the order libxml2 reported them.
    private(set) var schemaErrors: [SchemaError] = []

    /// How deep libxml2 lets elements nest without `XML_PARSE_HUGE`.
    static let maxDepth = 256

    /// Parser options: never the network, never the document's own encoding label (the bytes are
    /// checked as UTF-8 before), and none of the options that load or expand DTDs and entities
    /// (`NOENT`, `DTDLOAD`, `DTDATTR`, `DTDVALID`) or lift the size limits (`HUGE`).
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// A reader of `bytes`, which validates them against `schema` as it reads when one is given.
    init(bytes: UnsafeBufferPointer<UInt8>, schema: LibXMLSchema? = nil) throws(Failure) {
        guard bytes.count < Int32.max else {
            throw Failure(message: "libxml2 reads documents of less than 2 GiB", line: 1, column: 1)
        }
        LibXMLProcessSetup.once()
        input = .allocate(capacity: max(bytes.count, 1))
        UnsafeMutableRawBufferPointer(input).copyMemory(from: UnsafeRawBufferPointer(bytes))
        guard let reader = xmlReaderForMemory(input.baseAddress, Int32(bytes.count), nil, "UTF-8", Self.options)
        else {
            input.deallocate()
            throw Failure(message: "libxml2 could not create a reader (out of memory?)", line: 1, column: 1)
        }
        self.reader = reader
        guard let schema else {
            validation = nil
            // Without a validator the reader's own handler gets the parser's errors, so `next` need not
            // set the per-thread handler around every node.
            xmlTextReaderSetStructuredErrorHandler(reader, Self.handler, Unmanaged.passUnretained(self).toOpaque())
            return
        }
        guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
            xmlFreeTextReader(reader)
            input.deallocate()
            throw Failure(message: "libxml2 could not create a schema validator (out of memory?)", line: 1, column: 1)
        }
        self.validation = validation
        xmlSchemaSetValidStructuredErrors(validation, Self.handler, Unmanaged.passUnretained(self).toOpaque())
        if xmlTextReaderSchemaValidateCtxt(reader, validation, 0) != 0 {
            throw Failure(message: "libxml2 could not start validating against the schema", line: 1, column: 1)
        }
    }

    /// Hands libxml2's error reports to the reader whose context they carry.
    private static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<LibXMLTextReader>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }

    deinit {
        xmlFreeTextReader(reader)
        // The reader does not free a validation context it was given.
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        input.deallocate()
    }

    /// Reads `bytes` to their end only to validate them, and returns the violations of `schema`; throws
    /// where the bytes stop being well formed.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, against schema: LibXMLSchema) throws(Failure) -> [SchemaError] {
        let reader = try LibXMLTextReader(bytes: bytes, schema: schema)
        while try reader.next() != nil {}
        return reader.schemaErrors
    }

    /// The next node, or `nil` at the end of the document.
    func next() throws(Failure) -> Node? {
        let status: Int32
        if validation == nil {
            status = xmlTextReaderRead(reader)
        } else {
            xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque(), Self.handler)
            status = xmlTextReaderRead(reader)
            xmlSetStructuredErrorFunc(nil, nil)
        }
        if let firstFailure { throw firstFailure }
        if status == 0 { return nil }
        guard status == 1 else {
            throw Failure(message: "libxml2 stopped without saying why", line: 1, column: 1)
        }
        // Text is text for ctlint, white space or not: asking libxml2 for the reader's node type would
        // scan every text node for white space and walk its ancestors for `xml:space`.
        if let node = xmlTextReaderCurrentNode(reader),
            node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE
        {
            return .text
        }
        switch xmlReaderTypes(rawValue: UInt32(xmlTextReaderNodeType(reader))) {
        case XML_READER_TYPE_ELEMENT:
            return .elementStart(
                depth: Int(xmlTextReaderDepth(reader)), isEmpty: xmlTextReaderIsEmptyElement(reader) == 1)
        case XML_READER_TYPE_END_ELEMENT:
            return .elementEnd(depth: Int(xmlTextReaderDepth(reader)))
        case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE,
            XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            return .text
        case XML_READER_TYPE_DOCUMENT_TYPE:
            return .forbidden("a document type declaration")
        case XML_READER_TYPE_ENTITY, XML_READER_TYPE_ENTITY_REFERENCE, XML_READER_TYPE_END_ENTITY:
            return .forbidden("an entity")
        default:
            return .other
        }
    }

    /// The local name of the current element, without a namespace prefix, made a string at most once
    /// per name and read (`NameCache`).
    func localName(_ cache: inout NameCache) -> String {
        guard let pointer = xmlTextReaderConstLocalName(reader) else { return "" }
        return cache.name(at: pointer)
    }

    /// The strings made for element names in one read, by libxml2's pointer to the name.
    ///
    /// libxml2 keeps each element name once in its dictionary, so the thousands of elements of a record
    /// have a few dozen name pointers. A slot chosen by the pointer's bits keeps the string last made for
    /// it; the bytes are compared on every use, so a pointer libxml2 reused for another name is never
    /// taken for the old one, and two names that share a slot only cost a new string.
    struct NameCache {
        private var slots: [(pointer: UnsafePointer<xmlChar>, name: String)?] = Array(repeating: nil, count: 128)

        fileprivate mutating func name(at pointer: UnsafePointer<xmlChar>) -> String {
            // Dictionary entries are at least 8-byte aligned: the low bits carry nothing.
            let slot = Int(bitPattern: UInt(bitPattern: pointer) >> 3) & (slots.count - 1)
            if let known = slots[slot], known.pointer == pointer, Self.spells(pointer, known.name) { return known.name }
            let name = String(cString: pointer)
            slots[slot] = (pointer, name)
            return name
        }

        /// `true` when the NUL-terminated `pointer` holds exactly `name`'s UTF-8 (names hold no NUL).
        private static func spells(_ pointer: UnsafePointer<xmlChar>, _ name: String) -> Bool {
            var name = name
            return name.withUTF8 { bytes in
                // `xmlStrncmp` stops at the first difference, so it never reads past `pointer`'s NUL.
                guard let start = bytes.baseAddress else { return pointer[0] == 0 }
                return xmlStrncmp(pointer, start, Int32(bytes.count)) == 0 && pointer[bytes.count] == 0
            }
        }
    }

    /// The decoded text of the current text node.
    func text() -> String { string(xmlTextReaderConstValue(reader)) }

    /// The qualified name of the current node, with its namespace prefix if it has one.
    func qualifiedName() -> String { string(xmlTextReaderConstName(reader)) }

    /// The qualified name of the current node as a NUL-terminated UTF-8 string that libxml2 owns; valid
    /// until the next call of `next`.
    func qualifiedNameBytes() -> UnsafePointer<UInt8>? { xmlTextReaderConstName(reader) }

    /// The attributes of the current element as (qualified name, value), in document order.
    func attributes() -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return result }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            result.append((string(xmlTextReaderConstName(reader)), string(xmlTextReaderConstValue(reader))))
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }

    /// Keeps schema violations, and the first other error (warnings are not errors: the document is
    /// still read to its end).
    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        if error.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            schemaErrors.append(SchemaError(line: max(Int(error.line), 1), message: text))
            return
        }
        guard firstFailure == nil else { return }
        let code = UInt32(error.code)
        firstFailure = Failure(
            message: text.trimmingWhitespace(), line: max(Int(error.line), 1), column: max(Int(error.int2), 1),
            endsEarly: code == XML_ERR_DOCUMENT_END.rawValue || code == XML_ERR_TAG_NOT_FINISHED.rawValue,
            // libxml2 2.9 reports its depth limit as an internal error; the text is all that tells it apart.
            tooDeep: text.hasPrefix("Excessive depth in document"))
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// An XML schema compiled by libxml2, ready to validate any number of documents.
///
/// A compiled schema is not changed by validation, and libxml2 lets validation contexts on several
/// threads share it, so one compiled schema serves the whole process (`shared(_:relaxed:)`).
final class LibXMLSchema: @unchecked Sendable {
    fileprivate let pointer: xmlSchemaPtr

    /// The compiled embedded schema; with `relaxed`, every element, group and attribute it requires is
    /// made optional, so that validation reports everything except what is missing.
    static func shared(_ schema: EmbeddedSchema, relaxed: Bool = false) -> LibXMLSchema {
        switch (schema, relaxed) {
        case (.publicXML, false): publicXML
        case (.publicXML, true): relaxedPublicXML
        case (.protocolUpload, false): protocolUpload
        case (.protocolUpload, true): relaxedProtocolUpload
        case (.resultsUpload, _):
            preconditionFailure("RRSUploadSchema.xsd is validated against only through ProtocolRecordSchema.xsd")
        }
    }

    private static let publicXML = LibXMLSchema(.publicXML, relaxed: false)
    private static let relaxedPublicXML = LibXMLSchema(.publicXML, relaxed: true)
    private static let protocolUpload = LibXMLSchema(.protocolUpload, relaxed: false)
    private static let relaxedProtocolUpload = LibXMLSchema(.protocolUpload, relaxed: true)

    /// Compiles an embedded schema. The schemas ship with ctlint and a test compiles each, so a schema
    /// that does not compile is a defect of the build, not of any input.
    private init(_ schema: EmbeddedSchema, relaxed: Bool) {
        LibXMLProcessSetup.once()
        var messages: [String] = []
        let bytes = schema.bytes
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlReadMemory($0.baseAddress, Int32($0.count), schema.fileName, "UTF-8", Int32(XML_PARSE_NONET.rawValue))
            }
        }
        guard let document else { preconditionFailure("the embedded \(schema.fileName) is not well-formed XML") }
        if relaxed, let root = xmlDocGetRootElement(document) { Self.relax(root) }
        let parser = xmlSchemaNewDocParserCtxt(document)
        let compiled = withUnsafeMutablePointer(to: &messages) { sink in
            xmlSchemaSetParserStructuredErrors(parser, { context, error in
                guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
                let text = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
                context.assumingMemoryBound(to: [String].self).pointee.append(text)
            }, sink)
            return xmlSchemaParse(parser)
        }
        xmlSchemaFreeParserCtxt(parser)
        xmlFreeDoc(document)
        guard let compiled else {
            preconditionFailure("the embedded \(schema.fileName) does not compile: \(messages.joined(separator: "; "))")
        }
        pointer = compiled
    }

    deinit { xmlSchemaFree(pointer) }

    /// Makes every particle below the top level optional (`minOccurs="0"`) and every required attribute
    /// optional. Top-level declarations take no `minOccurs`.
    private static func relax(_ element: xmlNodePtr) {
        let isTopLevel = name(of: element) == "schema"
        var child = element.pointee.children
        while let node = child {
            child = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            switch name(of: node) {
            case "element", "group":
                if !isTopLevel { setAttribute(node, "minOccurs", "0") }
            case "sequence", "choice", "all":
                setAttribute(node, "minOccurs", "0")
            case "attribute":
                if let use = xmlHasProp(node, "use"), let text = use.pointee.children?.pointee.content,
                    String(cString: text) == "required"
                {
                    setAttribute(node, "use", "optional")
                }
            default:
                break
            }
            relax(node)
        }
    }

    private static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    private static func setAttribute(_ node: xmlNodePtr, _ name: String, _ value: String) {
        xmlSetProp(node, name, value)
    }
}

/// What libxml2 needs once per process.
///
/// `xmlInitParser` must run once before readers are used from several threads. The external entity
/// loader is libxml2's one global hook for fetching entities, DTDs and the documents a schema imports.
/// ctlint refuses documents with a DOCTYPE before libxml2 sees them, so no entity can be declared; the
/// loader serves exactly the schemas compiled into ctlint, by the name their importers give
/// (`RRSUploadSchema.xsd`, which the upload schema imports), from memory, and refuses every other
/// request, so that nothing is ever fetched from a file or the network. Both are set inside a
/// `static let` initialiser, which Swift runs exactly once.
private enum LibXMLProcessSetup {
    private static let done: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { url, _, context in
            guard let url, let schema = EmbeddedSchema.served(String(cString: url)) else { return nil }
            let bytes = schema.bytes
            // libxml2 copies the bytes into a buffer the new input owns.
            let buffer = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    xmlParserInputBufferCreateMem($0.baseAddress, Int32($0.count), XML_CHAR_ENCODING_UTF8)
                }
            }
            guard let buffer else { return nil }
            return xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_UTF8)
        }
        return true
    }()

    static func once() { _ = done }
}
