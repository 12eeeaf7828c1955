import RegistryModel

/// Reads a PRS protocol upload file: a `<study_collection>` (namespace `http://clinicaltrials.gov/prs`,
/// children unqualified) of `<clinical_study>` elements, one record per study.
///
/// Studies are split off the stream one at a time (`XMLCollectionSplitter`), so a collection of any
/// size is read in memory bounded by its largest study. Each study is read by libxml2 inside a copy of
/// the collection's start and end tags, so that the namespaces declared on the collection hold for it,
/// and, with `ReadOptions.validatesSchema`, validated against the upload schema in the same pass; its
/// values are mapped by `UploadXMLMapper`. A child of the collection other than a study, or text between
/// studies, is handed over as a read error and reading goes on with the next study.
struct UploadXMLReader {
    /// The root element, as the format detector names it (without a prefix).
    static let rootName = "study_collection"
    /// The namespace of the root element in the upload schema.
    static let namespace = "http://clinicaltrials.gov/prs"

    let options: ReadOptions

    func read(_ stream: ByteStream, _ body: RegistryReader.Handler) throws {
        var splitter = XMLCollectionSplitter(stream: stream, limit: options.maxRecordBytes)
        let root = try splitter.root()
        guard !root.isEmpty else { throw empty(root, file: stream.name) }
        var studies = 0
        while true {
            guard let item = try splitter.next(root: root) else {
                throw ReadError(.malformed, file: stream.name, position: splitter.position,
                    message: "the document ends before the end tag of <\(root.qualifiedName)> (opened at \(root.position)); the file may be truncated")
            }
            switch item {
            case .end:
                if studies == 0 { throw empty(root, file: stream.name) }
                return
            case .element("clinical_study", let bytes, let position, let isComplete):
                let result = Result { () throws(ReadError) in
                    try readStudy(bytes, at: position, index: studies, root: root, isComplete: isComplete, file: stream.name)
                }
                studies += 1
                try body(result)
                // A study cut short by the end of the file is the last; its error says so.
                if !isComplete { return }
            case .element(let name, _, let position, let isComplete):
                try body(.failure(ReadError(.notARecord, file: stream.name, position: position,
                    message: "<\(name)> inside <\(root.qualifiedName)>, which holds only <clinical_study> elements")))
                if !isComplete { return }
            case .text(let position):
                try body(.failure(ReadError(.notARecord, file: stream.name, position: position,
                    message: "text inside <\(root.qualifiedName)>, which holds only <clinical_study> elements")))
            }
        }
    }

    /// Reads one study, which starts at `position` in the file; one cut short by the end of the file
    /// (`isComplete` false) is read as the end of the document, so that libxml2 says where it ends.
    private func readStudy(
        _ bytes: [UInt8], at position: SourcePosition, index: Int, root: XMLCollectionSplitter.Root,
        isComplete: Bool, file: String
    ) throws(ReadError) -> Record {
        try bytes.withUnsafeBufferPointer { buffer throws(ReadError) in
            try UTF8Validation.check(buffer, base: position, file: file)
        }
        let schema: EmbeddedSchema? = options.validatesSchema ? .protocolUpload : nil
        let wrapped = root.tag + bytes + (isComplete ? Array("</\(root.qualifiedName)>".utf8) : [])
        var builder = XMLTreeBuilder(
            file: file, base: position, maxDepth: options.maxDepth, skipsSubtree: UploadXMLMapper.unmodelledSubtrees.contains)
        builder.subtreeDepth = 2
        builder.recordStart = root.tag.count
        builder.outerPosition = root.position
        builder.schema = schema.map { LibXMLSchema.shared($0) }
        let read = try wrapped.withUnsafeBufferPointer { buffer throws(ReadError) in try builder.build(buffer) }
        guard let tree = read.root.children.first, tree.name == "clinical_study" else {
            throw ReadError(.malformed, file: file, position: position, message: "the study could not be read as <clinical_study>")
        }
        let document = SourceDocument(bytes: bytes, base: position, escaping: .xml)
        var mapper = UploadXMLMapper(document: document)
        mapper.map(tree)
        var assembler = StudyAssembler(store: mapper.store, extras: mapper.extras, notices: mapper.notices)
        let study = assembler.assemble()
        let source = RecordSource(path: file, format: .uploadXML, index: index)
        guard let schema, let index = read.index else {
            return Record(study: study, source: source, document: document, declaresPartial: mapper.isPartialUpload)
        }
        let check = SchemaCheck(
            bytes: wrapped, index: index, recordStart: root.tag.count, base: position, outerPosition: root.position,
            schema: schema)
        return Record(
            study: study, source: source, document: document,
            // The upload schema requires only what every upload needs, partial or not: a partial upload
            // says so itself, and lacks nothing the schema requires.
            schemaValidation: check.validation(
                firstPass: read.schemaErrors, extra: mapper.vocabularyViolations, mayLackElements: false),
            declaresPartial: mapper.isPartialUpload)
    }

    private func empty(_ root: XMLCollectionSplitter.Root, file: String) -> ReadError {
        ReadError(.notARecord, file: file, position: root.position,
            message: "<\(root.qualifiedName)> holds no <clinical_study>; an upload file holds at least one study")
    }
}
