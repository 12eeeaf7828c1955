#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
internal import CLibXML2

/// Receives what libxml2's parser reports while it reads a document, in document order; subclasses
/// override what they use (this class itself ignores everything, for a parse that only validates).
///
/// The parser is libxml2's SAX2 interface: it calls back for every start tag, end tag and run of
/// character data as it reads, and builds nothing itself. Everything a callback is given is valid only
/// during the call. A handler is the context libxml2 hands back to the callbacks, lent to them without
/// being retained (the parse holds it), and it keeps what the parse needs between callbacks, so that
/// the hundreds of callbacks of a record cost no reference counting. One handler serves one parse.
class LibXMLHandler {
    /// An element's start tag (for `<name/>` an `endElement` follows at once). Returns `false` to stop
    /// reading.
    func startElement(_ tag: LibXMLStartTag) -> Bool { true }
    /// An element's end tag; `end` is where the parser stands in the document, as `inputOffset` says:
    /// just after the end tag's `>`. Returns `false` to stop reading.
    func endElement(end: Int?) -> Bool { true }
    /// Character data, CDATA or white space inside an element, with entities and character references
    /// decoded; the text of one node may come in several runs, each ending on a character boundary.
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {}
    /// A document type declaration or an entity, which ctlint refuses; reading stops.
    func forbidden(_ what: String) {}

    /// Stops handing character data to `characters(_:)`, or starts again, for a subtree whose text is
    /// not kept: libxml2 then reads the text without calling back. A schema validator reads the text
    /// itself, so while one is plugged in, the text is still handed over.
    final func receivesCharacters(_ receives: Bool) {
        guard let parser, let characters = charactersCallback else { return }
        parser.pointee.sax.pointee.characters = receives ? characters : nil
        parser.pointee.sax.pointee.ignorableWhitespace = receives ? characters : nil
    }

    fileprivate var parser: xmlParserCtxtPtr?
    /// The callback that hands character data over, when nothing else reads it.
    fileprivate var charactersCallback: charactersSAXFunc?
    fileprivate var failure: LibXMLParser.Failure?
    fileprivate var schemaErrors: [LibXMLParser.SchemaError] = []
    fileprivate var stopped = false

    /// The byte of the document the parser stands at, counted from the first byte handed to it: libxml2
    /// keeps the document in a buffer it drops the read part of as it goes, and counts what it dropped.
    /// `nil` outside a parse.
    fileprivate var inputOffset: Int? {
        guard let input = parser?.pointee.input?.pointee, let cur = input.cur, let base = input.base else { return nil }
        return Int(input.consumed) + base.distance(to: cur)
    }

    fileprivate func stop() {
        stopped = true
        if let parser { xmlStopParser(parser) }
    }

    /// Keeps schema violations, and the first other error (warnings are not errors: the document is
    /// still read to its end).
    fileprivate func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
        if error.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            schemaErrors.append(LibXMLParser.SchemaError(line: max(Int(error.line), 1), message: text))
            return
        }
        guard failure == nil else { return }
        let code = UInt32(error.code)
        failure = LibXMLParser.Failure(
            message: text.trimmingWhitespace(), line: max(Int(error.line), 1), column: max(Int(error.int2), 1),
            endsEarly: code == XML_ERR_DOCUMENT_END.rawValue || code == XML_ERR_TAG_NOT_FINISHED.rawValue,
            // libxml2 2.9 reports its depth limit as an internal error; the text is all that tells it apart.
            tooDeep: text.hasPrefix("Excessive depth in document"))
    }
}

/// A start tag as the parser reports it, valid only during `LibXMLHandler.startElement`.
///
/// Names and attribute values are asked for only when needed, so that nothing is made for the
/// elements of a subtree that is read but not kept.
struct LibXMLStartTag {
    /// Where the parser stands in the document, as `LibXMLHandler.inputOffset` says: at the `>` or `/>`
    /// that ends the tag (at the document's end when it ends inside the tag).
    let end: Int?
    fileprivate let localNamePointer: UnsafePointer<xmlChar>
    fileprivate let prefix: UnsafePointer<xmlChar>?
    fileprivate let namespaceCount: Int
    /// (prefix or `nil`, URI) of each namespace declared on the element.
    fileprivate let namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    fileprivate let attributeCount: Int
    /// (local name, prefix, URI, value start, value end) of each attribute.
    fileprivate let attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    fileprivate init(
        end: Int?, localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, namespaceCount: Int,
        namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, attributeCount: Int,
        attributeFields: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        self.end = end
        localNamePointer = localName
        self.prefix = prefix
        self.namespaceCount = namespaceCount
        self.namespaces = namespaces
        self.attributeCount = attributeCount
        self.attributeFields = attributeFields
    }

    /// `true` when the tag declares a namespace or holds an attribute.
    var hasAttributes: Bool { namespaceCount + attributeCount > 0 }

    /// The local name, without a namespace prefix, made a string at most once per name and read.
    func localName(_ cache: inout NameCache) -> String { cache.name(at: localNamePointer) }

    /// Whether `test` holds for the local name, asked at most once per name and read (after
    /// `localName(_:)` made the name).
    func localNameIs(_ test: (String) -> Bool, _ cache: inout NameCache) -> Bool {
        cache.answer(at: localNamePointer, test)
    }

    /// The qualified name, with its namespace prefix if it has one.
    var qualifiedName: String {
        guard let prefix else { return String(cString: localNamePointer) }
        return String(cString: prefix) + ":" + String(cString: localNamePointer)
    }

    /// `true` when `bytes` are exactly the qualified name's UTF-8.
    func hasQualifiedName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func match(_ pointer: UnsafePointer<xmlChar>) -> Bool {
            var k = 0
            while pointer[k] != 0 {
                guard i < bytes.count, bytes[i] == pointer[k] else { return false }
                i += 1
                k += 1
            }
            return true
        }
        if let prefix {
            guard match(prefix), i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
            i += 1
        }
        return match(localNamePointer) && i == bytes.count
    }

    /// The attributes as (qualified name, value), in the order libxml2's reader gives them: namespace
    /// declarations (`xmlns`, `xmlns:prefix`) first, then the others in document order.
    func attributes() -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        guard namespaceCount + attributeCount > 0 else { return result }
        result.reserveCapacity(namespaceCount + attributeCount)
        if let namespaces {
            for n in 0..<namespaceCount {
                let name = namespaces[2 * n].map { "xmlns:" + String(cString: $0) } ?? "xmlns"
                result.append((name, namespaces[2 * n + 1].map { String(cString: $0) } ?? ""))
            }
        }
        if let fields = attributeFields {
            for a in 0..<attributeCount {
                guard let local = fields[5 * a] else { continue }
                let name = fields[5 * a + 1].map { String(cString: $0) + ":" + String(cString: local) }
                    ?? String(cString: local)
                var value = ""
                if let start = fields[5 * a + 3], let end = fields[5 * a + 4] {
                    value = Self.attributeValue(UnsafeBufferPointer(start: start, count: start.distance(to: end)))
                }
                result.append((name, value))
            }
        }
        return result
    }

    /// An attribute value as libxml2 hands it to SAX2 without entity substitution: decoded and
    /// normalised, except that every `&` (written `&amp;` or `&#38;`) is still the character reference
    /// `&#38;`, which libxml2's own tree builder decodes. No other `&` can be left, since a literal `&`
    /// is not well formed.
    private static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var i = 0
        let reference = Array("&#38;".utf8)
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&"), i + reference.count <= bytes.count,
                (0..<reference.count).allSatisfy({ bytes[i + $0] == reference[$0] })
            {
                decoded.append(UInt8(ascii: "&"))
                i += reference.count
            } else {
                decoded.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}

/// The strings made for element names in one read, by libxml2's pointer to the name.
///
/// libxml2 keeps each element name once in its parser's dictionary, which hands out the same pointer
/// for the same name and frees nothing before the parser is freed, so the thousands of elements of a
/// record have a few dozen name pointers, and within one read a pointer always spells one name. A
/// cache serves one read. A slot chosen by the pointer's bits keeps the string last made for it; two
/// names that share a slot only cost a new string.
struct NameCache {
    /// A name, with the answer of the one test a read asks about names, once asked.
    private struct Slot {
        let pointer: UnsafePointer<xmlChar>
        let name: String
        var answer: Bool?
    }

    private var slots: [Slot?] = Array(repeating: nil, count: 256)

    /// The dictionary packs names one after the other, at any alignment: every bit of the address
    /// counts, and a multiplication mixes them into the slot's bits.
    private static func slot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        Int((UInt64(UInt(bitPattern: pointer)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }

    fileprivate mutating func name(at pointer: UnsafePointer<xmlChar>) -> String {
        let slot = Self.slot(pointer)
        if let known = slots[slot], known.pointer == pointer { return known.name }
        let name = String(cString: pointer)
        slots[slot] = Slot(pointer: pointer, name: name)
        return name
    }

    /// `test` of the name at `pointer`, kept in the name's slot; a read asks only one test of its names.
    fileprivate mutating func answer(at pointer: UnsafePointer<xmlChar>, _ test: (String) -> Bool) -> Bool {
        let slot = Self.slot(pointer)
        if let known = slots[slot], known.pointer == pointer, let answer = known.answer { return answer }
        let answer = test(name(at: pointer))
        slots[slot]?.answer = answer
        return answer
    }
}

/// Reads one document with libxml2's SAX2 parser, optionally validating it against an XML schema in
/// the same pass.
///
/// This file is the only one that touches libxml2. libxml2 reads a document in one of two ways: its
/// pull parser reads the whole document from memory in one call, and its push parser takes it in
/// slices (`sliceSize`), as its streaming reader does. Both run the same code over a well-formed
/// document and report the same events at the same places, but the pull parser costs less: the push
/// parser looks ahead for the end of every tag and text before it reads it, in case the next slice
/// holds it. They part where a document is broken: each reports the first error in its own words
/// ("Premature end of data in tag" where the push parser says "Extra content at the end of the
/// document"), the pull parser takes a NUL byte for the end of the document, and only the push parser
/// refuses to look ahead over more than 10 MB at once without `XML_PARSE_HUGE` (which ctlint never
/// sets). ctlint's messages are the push parser's, so a document is read whole only when it is below
/// 10 MB and holds no NUL byte, and read again in slices when reading it whole fails.
///
/// libxml2's error reports come back to the parse: a well-formedness error is turned once into a
/// `Failure` with line and column, and schema violations are collected as `SchemaError`s while reading
/// goes on. Parser errors reach the parse through the handler's structured error callback; when a
/// schema validator is plugged into the parser, libxml2 gives that callback the validator's context in
/// place of the parse's, so they are then caught with libxml2's per-thread error handler, set around
/// the parse only.
enum LibXMLParser {
    /// The first error libxml2 reported, where libxml2 saw it.
    struct Failure: Error {
        let message: String
        let line: Int
        let column: Int
        /// The input ended while elements were still open (libxml2 then reports "Extra content at the
        /// end of the document" where it stopped, which misleads).
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

    /// How deep libxml2 lets elements nest without `XML_PARSE_HUGE`.
    static let maxDepth = 256

    /// How many bytes libxml2's push parser is given at a time.
    static let sliceSize = 64 << 10

    /// How far libxml2's push parser looks ahead without `XML_PARSE_HUGE` (`XML_MAX_LOOKUP_LIMIT`):
    /// a document this large is read in slices, so that it fails where the push parser fails.
    static let maxLookAhead = 10_000_000

    /// Parser options: never the network, never the document's own encoding label (the bytes are
    /// checked as UTF-8 before), and none of the options that load or expand DTDs and entities
    /// (`NOENT`, `DTDLOAD`, `DTDATTR`, `DTDVALID`) or lift the size limits (`HUGE`).
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// Reads `bytes` to their end with a handler `makeHandler` makes, handing it what is in them, and
    /// validating them against `schema` if one is given. Returns the handler that read the bytes, with
    /// the violations of the schema, or where the bytes stop being well formed. When the handler stops
    /// the read, what was read is all there is; the handler says why. A read that fails is made again
    /// with a new handler (see `LibXMLParser`), so the handler returned is the one whose read counts.
    static func parse<Handler: LibXMLHandler>(
        _ bytes: UnsafeBufferPointer<UInt8>, schema: LibXMLSchema? = nil, handler makeHandler: () -> Handler
    ) -> (handler: Handler, outcome: Result<[SchemaError], Failure>) {
        guard bytes.count < Int32.max else {
            let tooLarge = Failure(message: "libxml2 reads documents of less than 2 GiB", line: 1, column: 1)
            return (makeHandler(), .failure(tooLarge))
        }
        LibXMLProcessSetup.once()
        if readsWhole(bytes) {
            let handler = makeHandler()
            let outcome = Result { () throws(Failure) in try read(bytes, schema: schema, handler: handler, whole: true) }
            // A failure is reported as the push parser reports it, by reading the bytes again.
            if case .success = outcome { return (handler, outcome) }
        }
        let handler = makeHandler()
        return (handler, Result { () throws(Failure) in try read(bytes, schema: schema, handler: handler, whole: false) })
    }

    /// Reads `bytes` to their end only to validate them, and returns the violations of `schema`; throws
    /// where the bytes stop being well formed.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, against schema: LibXMLSchema) throws(Failure) -> [SchemaError] {
        try parse(bytes, schema: schema) { LibXMLHandler() }.outcome.get()
    }

    /// `true` when libxml2's pull parser reads `bytes` as its push parser would, if they are well
    /// formed: they are not empty (which only the push parser reads), below `maxLookAhead` and without
    /// a NUL byte.
    private static func readsWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty, bytes.count < maxLookAhead else { return false }
        return memchr(base, 0, bytes.count) == nil
    }

    /// One read of `bytes` by `handler`, whole with the pull parser or in slices with the push parser.
    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, schema: LibXMLSchema?, handler: LibXMLHandler, whole: Bool
    ) throws(Failure) -> [SchemaError] {
        let context = Unmanaged.passUnretained(handler).toOpaque()
        var callbacks = Self.callbacks(reportingErrors: schema == nil)
        // The push parser gets the first four bytes with its context, as libxml2's reader does, for its
        // encoding guess; the pull parser makes the same guess when it starts.
        let head = whole ? bytes.count : min(bytes.count, 4)
        let created = bytes.withMemoryRebound(to: CChar.self) { chars -> xmlParserCtxtPtr? in
            guard whole else {
                return xmlCreatePushParserCtxt(&callbacks, context, head == 4 ? chars.baseAddress : nil, head == 4 ? 4 : 0, nil)
            }
            // libxml2 copies the bytes into a buffer that ends with a NUL, which its pull parser needs.
            guard let parser = xmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else { return nil }
            // What `xmlCreatePushParserCtxt` does with the callbacks and the context it is given.
            parser.pointee.sax.pointee = callbacks
            parser.pointee.userData = context
            parser.pointee.dictNames = 1
            return parser
        }
        guard let parser = created else {
            throw Failure(message: "libxml2 could not create a parser (out of memory?)", line: 1, column: 1)
        }
        handler.parser = parser
        handler.charactersCallback = schema == nil ? callbacks.characters : nil
        defer {
            handler.parser = nil
            handler.charactersCallback = nil
            xmlFreeParserCtxt(parser)
        }
        // The bytes are checked as UTF-8 before; libxml2 takes them as such (and passes over a byte
        // order mark) without copying them through a UTF-8 "decoder".
        xmlCtxtUseOptions(parser, options)

        var validation: xmlSchemaValidCtxtPtr?
        var plug: xmlSchemaSAXPlugPtr?
        if let schema {
            guard let created = xmlSchemaNewValidCtxt(schema.pointer) else {
                throw Failure(message: "libxml2 could not create a schema validator (out of memory?)", line: 1, column: 1)
            }
            validation = created
            xmlSchemaSetValidStructuredErrors(created, errorHandler, context)
            xmlSchemaValidateSetLocator(created, { context, file, line in
                // The parser's line when the validator reports: the end of the tag it was looking at.
                guard let context else { return -1 }
                let handler = Unmanaged<LibXMLHandler>.fromOpaque(context).takeUnretainedValue()
                file?.pointee = nil
                line?.pointee = UInt(max(handler.parser?.pointee.input?.pointee.line ?? 0, 0))
                return 0
            }, context)
            plug = xmlSchemaSAXPlug(created, &parser.pointee.sax, &parser.pointee.userData)
            guard plug != nil else {
                xmlSchemaFreeValidCtxt(created)
                throw Failure(message: "libxml2 could not start validating against the schema", line: 1, column: 1)
            }
        }
        defer {
            if let plug { xmlSchemaSAXUnplug(plug) }
            if let validation { xmlSchemaFreeValidCtxt(validation) }
        }

        if schema != nil { xmlSetStructuredErrorFunc(context, errorHandler) }
        if whole {
            xmlParseDocument(parser)
        } else {
            var offset = head == 4 ? 4 : 0
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress else {
                    xmlParseChunk(parser, nil, 0, 1)
                    return
                }
                repeat {
                    let size = min(sliceSize, chars.count - offset)
                    let last = offset + size == chars.count
                    let status = xmlParseChunk(parser, base + offset, Int32(size), last ? 1 : 0)
                    offset += size
                    // libxml2 stops reporting at its first error, or when the events stop it.
                    if last || status != 0 && parser.pointee.disableSAX != 0 || handler.stopped { break }
                } while true
            }
        }
        if schema != nil { xmlSetStructuredErrorFunc(nil, nil) }
        if let failure = handler.failure { throw failure }
        return handler.schemaErrors
    }

    /// The handler a callback's context points to, lent to `body` without being retained (`parse`
    /// holds it throughout).
    private static func withHandler<Result>(
        _ context: UnsafeMutableRawPointer?, _ body: (LibXMLHandler) -> Result
    ) -> Result {
        Unmanaged<LibXMLHandler>.fromOpaque(context!)._withUnsafeGuaranteedRef(body)
    }

    /// Hands libxml2's error reports to the handler whose context they carry.
    private static let errorHandler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        LibXMLParser.withHandler(context) { $0.record(error.pointee) }
    }

    /// The SAX2 callbacks. Everything else libxml2 could report (comments, processing instructions,
    /// the document's start and end) is of no use to ctlint; a DTD, entity declarations and entity
    /// references stop the read.
    private static func callbacks(reportingErrors: Bool) -> xmlSAXHandler {
        var callbacks = xmlSAXHandler()
        callbacks.initialized = UInt32(XML_SAX2_MAGIC)
        callbacks.startElementNs = { context, localName, prefix, _, namespaceCount, namespaces, attributeCount, _, attributes in
            // After an error or a stop libxml2 calls back no more.
            guard let localName else { return }
            LibXMLParser.withHandler(context) { handler in
                let tag = LibXMLStartTag(
                    end: handler.inputOffset, localName: localName, prefix: prefix,
                    namespaceCount: Int(namespaceCount), namespaces: namespaces, attributeCount: Int(attributeCount),
                    attributeFields: attributes)
                if !handler.startElement(tag) { handler.stop() }
            }
        }
        callbacks.endElementNs = { context, _, _, _ in
            LibXMLParser.withHandler(context) { handler in
                if !handler.endElement(end: handler.inputOffset) { handler.stop() }
            }
        }
        let characters: charactersSAXFunc = { context, start, count in
            guard let start, count > 0 else { return }
            LibXMLParser.withHandler(context) { $0.characters(UnsafeBufferPointer(start: start, count: Int(count))) }
        }
        callbacks.characters = characters
        callbacks.ignorableWhitespace = characters
        callbacks.internalSubset = { context, _, _, _ in LibXMLParser.forbid(context, "a document type declaration") }
        callbacks.externalSubset = { context, _, _, _ in LibXMLParser.forbid(context, "a document type declaration") }
        callbacks.entityDecl = { context, _, _, _, _, _ in LibXMLParser.forbid(context, "an entity") }
        callbacks.reference = { context, _ in LibXMLParser.forbid(context, "an entity") }
        if reportingErrors { callbacks.serror = errorHandler }
        return callbacks
    }

    private static func forbid(_ context: UnsafeMutableRawPointer?, _ what: String) {
        withHandler(context) { handler in
            handler.forbidden(what)
            handler.stop()
        }
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
