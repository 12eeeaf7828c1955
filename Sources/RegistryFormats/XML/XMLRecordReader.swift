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
            let read = try builder.build(buffer)
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
