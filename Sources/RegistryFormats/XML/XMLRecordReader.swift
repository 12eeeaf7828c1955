import RegistryModel

/// Reads an XML file holding one registry record: the legacy public XML (`<clinical_study>`).
///
/// The record is read whole (up to `ReadOptions.maxRecordBytes`, beyond which it fails at once with
/// `.tooLarge`), because its raw bytes are kept in the `Record` for positions. Before libxml2 sees a
/// byte, the prolog is checked for a document type declaration, which is refused (so no entity can
/// be declared, expanded or fetched), and the bytes are checked as UTF-8, so that both errors point
/// at their exact line and column. With `ReadOptions.validatesSchema`, the record is validated against
/// public.xsd in the same pass (`SchemaCheck`).
struct XMLRecordReader {
    let options: ReadOptions
    /// The root element's name as the format detector saw it.
    let root: String

    func read(_ stream: ByteStream, _ body: RegistryReader.Handler) throws {
        let base = SourcePosition(line: 1, column: 1, offset: stream.offset)
        let bytes = try stream.takeAll(limit: options.maxRecordBytes)
        let document = SourceDocument(bytes: bytes, base: base, escaping: .xml)
        let schema: EmbeddedSchema? = options.validatesSchema ? .publicXML : nil
        let (study, read) = try bytes.withUnsafeBufferPointer { buffer throws(ReadError) in
            try checkProlog(buffer, base: base, file: stream.name)
            try UTF8Validation.check(buffer, base: base, file: stream.name)
            var builder = XMLTreeBuilder(
                file: stream.name, base: base, maxDepth: options.maxDepth,
                skipsSubtree: LegacyXMLMapper.skipsSubtree)
            builder.schema = schema.map { LibXMLSchema.shared($0) }
            let read: XMLTreeBuilder.Result
            if let cut = Self.withoutSkippedContent(buffer, builder: builder) {
                read = cut
            } else {
                read = try builder.build(buffer)
            }
            let tree = read.root
            guard tree.name == "clinical_study" else {
                throw wrongRoot(tree.name, at: read.rootTagPosition, file: stream.name)
            }
            var mapper = LegacyXMLMapper(document: document)
            let values = mapper.map(tree)
            return (values.study(extras: mapper.extras, notices: mapper.notices), read)
        }
        let source = RecordSource(path: stream.name, format: .xmlLegacy)
        var record = Record(study: study, source: source, document: document)
        if let schema, let index = read.index {
            let check = SchemaCheck(
                bytes: bytes, index: index, recordStart: 0, base: base, outerPosition: base, schema: schema)
            record = Record(
                study: study, source: source, document: document,
                schemaValidation: check.validation(firstPass: read.schemaErrors, mayLackElements: !record.isComplete))
        }
        try body(.success(consume record))
    }

    /// The start tag of the child of `<clinical_study>` that holds nearly half of a legacy record's
    /// bytes and none of the model's fields.
    private static let resultsStartTag: StaticString = "<clinical_results>"
    private static let resultsName = Array("clinical_results".utf8)

    /// The read of `bytes` with the content of `<clinical_results>` cut out before libxml2 sees it, when
    /// `PlainContentCheck` finds that content well formed: the tree builder keeps nothing of it (it is
    /// a skipped subtree), so the tree and every position are those of the whole read, for a fraction
    /// of libxml2's work.
    ///
    /// The first `<clinical_results>` in the bytes is taken for the start tag, and libxml2 confirms it:
    /// the cut read is kept only when libxml2 reports a start tag of a skipped child of the root whose
    /// content starts where the cut content did. The bytes before the cut being the same in both reads,
    /// libxml2 stood on the same start tag in the whole read; the content cut out is well formed and
    /// closed by its end tag, and the bytes after it are the same again, so the whole read would have
    /// accepted the same document and built the same tree. `nil`, and the whole read is left to the
    /// caller, when the content is not certainly well formed, libxml2 does not confirm the start tag
    /// (it stood in a comment, or in an element deeper down), the record is as large as libxml2's
    /// look-ahead limit, or the read fails (so that the error is found where the record has it).
    static func withoutSkippedContent(
        _ bytes: UnsafeBufferPointer<UInt8>, builder: XMLTreeBuilder
    ) -> XMLTreeBuilder.Result? {
        guard builder.schema == nil, bytes.count < LibXMLParser.maxLookAhead, endsWithResults(bytes),
            let start = XMLRawScanner(bytes).find(resultsStartTag, from: 0)
        else { return nil }
        let contentStart = start + resultsStartTag.utf8CodeUnitCount
        let check = PlainContentCheck(bytes: bytes, maxDepth: min(builder.maxDepth, LibXMLParser.maxDepth) - 3)
        guard let end = check.endTag(of: resultsName, contentFrom: contentStart), end > contentStart else { return nil }
        var cut = [UInt8]()
        cut.reserveCapacity(bytes.count - (end - contentStart))
        cut.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<contentStart]))
        cut.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[end...]))
        let gap = XMLTreeBuilder.Gap(original: bytes, at: contentStart, length: end - contentStart)
        return cut.withUnsafeBufferPointer { cutBytes in
            do {
                return try builder.build(cutBytes, gap: gap)
            } catch {
                return nil
            }
        }
    }

    /// Whether the bytes end with `</clinical_results>` and `</clinical_study>` (and white space), as
    /// every legacy record with results does: the search for the start tag is spared the others.
    private static func endsWithResults(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = bytes.count
        func dropSpace() { while i > 0, FormatDetector.isSpace(bytes[i - 1]) { i -= 1 } }
        func drop(_ tag: [UInt8]) -> Bool {
            guard i >= tag.count, bytes[(i - tag.count)..<i].elementsEqual(tag) else { return false }
            i -= tag.count
            return true
        }
        dropSpace()
        guard drop(studyEndTag) else { return false }
        dropSpace()
        return drop(resultsEndTag)
    }

    private static let studyEndTag = Array("</clinical_study>".utf8)
    private static let resultsEndTag = Array("</clinical_results>".utf8)

    /// Refuses a DTD, and any root other than `<clinical_study>`, before parsing.
    private func checkProlog(_ bytes: UnsafeBufferPointer<UInt8>, base: SourcePosition, file: String) throws(ReadError) {
        var cursor = SourceCursor(base: base)
        switch XMLRawScanner(bytes).prolog() {
        case .doctype(let start):
            throw ReadError(.forbidden, file: file, position: cursor.position(at: start, in: bytes),
                message: "the document has a DOCTYPE, which ctlint refuses: DTDs and entity declarations can read files, reach the network or expand without bound, and registry records never hold one")
        case .root(let start, _) where root != "clinical_study":
            throw wrongRoot(root, at: cursor.position(at: start, in: bytes), file: file)
        case .root, .unreadable:
            // libxml2 reports where the document stops being well formed.
            return
        }
    }

    private func wrongRoot(_ name: String, at position: SourcePosition, file: String) -> ReadError {
        return ReadError(.notARecord, file: file, position: position,
            message: "expected <clinical_study> as the root element of a legacy registry record, found <\(name)>")
    }
}
