internal import CLibXML2

/// libxml2's streaming reader (`xmlTextReader`) over a copy of one record's bytes.
///
/// This file is the only one that touches libxml2. The reader owns the C reader and the input buffer
/// the C reader points into, and frees both in `deinit`; libxml2's error reports for this reader come
/// back through a per-reader handler and are turned once into a `Failure` with line and column.
/// Not thread-safe: one reader belongs to one read.
final class LibXMLTextReader {
    /// A node of the document, as far as ctlint cares.
    enum Node: Equatable {
        /// A start tag; `isEmpty` for `<name/>`, which has no end event.
        case elementStart(qualifiedName: String, localName: String, depth: Int, isEmpty: Bool)
        case elementEnd(depth: Int)
        /// Character data, CDATA or white space, with entities and character references decoded.
        case text(String)
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

    private let input: UnsafeMutableBufferPointer<CChar>
    private let reader: xmlTextReaderPtr
    private var firstFailure: Failure?

    /// How deep libxml2 lets elements nest without `XML_PARSE_HUGE`.
    static let maxDepth = 256

    /// Parser options: never the network, never the document's own encoding label (the bytes are
    /// checked as UTF-8 before), and none of the options that load or expand DTDs and entities
    /// (`NOENT`, `DTDLOAD`, `DTDATTR`, `DTDVALID`) or lift the size limits (`HUGE`).
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)

    init(bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
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
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<LibXMLTextReader>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        input.deallocate()
    }

    /// The next node, or `nil` at the end of the document.
    func next() throws(Failure) -> Node? {
        let status = xmlTextReaderRead(reader)
        if let firstFailure { throw firstFailure }
        if status == 0 { return nil }
        guard status == 1 else {
            throw Failure(message: "libxml2 stopped without saying why", line: 1, column: 1)
        }
        switch xmlReaderTypes(rawValue: UInt32(xmlTextReaderNodeType(reader))) {
        case XML_READER_TYPE_ELEMENT:
            return .elementStart(
                qualifiedName: string(xmlTextReaderConstName(reader)),
                localName: string(xmlTextReaderConstLocalName(reader)),
                depth: Int(xmlTextReaderDepth(reader)),
                isEmpty: xmlTextReaderIsEmptyElement(reader) == 1)
        case XML_READER_TYPE_END_ELEMENT:
            return .elementEnd(depth: Int(xmlTextReaderDepth(reader)))
        case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE,
            XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            return .text(string(xmlTextReaderConstValue(reader)))
        case XML_READER_TYPE_DOCUMENT_TYPE:
            return .forbidden("a document type declaration")
        case XML_READER_TYPE_ENTITY, XML_READER_TYPE_ENTITY_REFERENCE, XML_READER_TYPE_END_ENTITY:
            return .forbidden("an entity")
        default:
            return .other
        }
    }

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

    /// Keeps the first error (warnings are not errors: the document is still read to its end).
    private func record(_ error: xmlError) {
        guard firstFailure == nil, error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let text = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
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

/// What libxml2 needs once per process.
///
/// `xmlInitParser` must run once before readers are used from several threads. The external entity
/// loader is libxml2's one global hook for fetching entities and DTDs; ctlint refuses documents with
/// a DOCTYPE before libxml2 sees them, so no entity can be declared, and this loader, which refuses
/// every request, makes sure that nothing is ever fetched from a file or the network even if one got
/// through. Both are set inside a `static let` initialiser, which Swift runs exactly once.
private enum LibXMLProcessSetup {
    private static let done: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func once() { _ = done }
}
