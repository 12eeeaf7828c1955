import RegistryModel

/// Turns the bytes of one JSON record into a `Record`: parses them, decides between API v2 and classic
/// JSON from the keys, and maps the study.
enum JSONStudyReader {
    /// The members of a record's top object that reading it looks inside: the protocol section (v2 or
    /// classic), classic's `Study` wrapper and v2 `hasResults`. The parser checks the others' contents
    /// (results, derived data, documents) without recording them.
    static let readMembers: [StaticString] = ["protocolSection", "hasResults", "ProtocolSection", "Study"]

    /// Parses a record's bytes strictly, with the nesting the record's container already uses counted.
    static func parse(_ record: JSONRecordBytes, file: String, options: ReadOptions) throws(ReadError) -> JSONDocument {
        let parser = JSONParser(
            file: file, base: record.base, maxDepth: options.maxDepth, outerDepth: record.depth,
            endOfInput: record.endOfInput, readMembers: readMembers)
        return try parser.parse(record.bytes)
    }

    /// Reads a parsed record: API v2 when it has `protocolSection`, classic when it has `ProtocolSection`
    /// (at the top or under `Study`, as in a classic `FullStudies` element).
    static func record(from document: JSONDocument, file: String, index: Int) throws(ReadError) -> Record {
        let root = JSONDocument.root
        func notARecord(_ message: String) -> ReadError {
            ReadError(.notARecord, file: file, position: document.base, message: message)
        }
        guard document.kind(root) == .object else {
            throw notARecord("expected a study (a JSON object with protocolSection), found \(document.kindName(root))")
        }
        let study: Study
        let format: RecordFormat
        if let section = document.member(root, "protocolSection") {
            guard document.kind(section) == .object else {
                throw notARecord("protocolSection is \(document.kindName(section)), not an object")
            }
            var mapper = JSONStudyMapper(document: document, dialect: .v2)
            study = mapper.study(root: root, protocolSection: section)
            format = .jsonV2
        } else if let section = classicProtocolSection(document) {
            var mapper = JSONStudyMapper(document: document, dialect: .classic)
            study = mapper.study(root: root, protocolSection: section)
            format = .jsonClassic
        } else {
            throw notARecord(
                "this JSON object has no protocolSection (API v2) or ProtocolSection (classic), so it is not a registry study")
        }
        return Record(
            study: study, source: RecordSource(path: file, format: format, index: index),
            document: SourceDocument(bytes: document.bytes, base: document.base, escaping: .json))
    }

    /// The classic `ProtocolSection` object, at the top of the record or inside its `Study`.
    private static func classicProtocolSection(_ document: JSONDocument) -> Int? {
        var study = JSONDocument.root
        if let wrapped = document.member(study, "Study"), document.kind(wrapped) == .object { study = wrapped }
        guard let section = document.member(study, "ProtocolSection"), document.kind(section) == .object else {
            return nil
        }
        return section
    }
}

extension JSONDocument {
    /// How a value's kind reads in a message: "an object", "a number", "text" …
    func kindName(_ node: Int) -> String {
        switch kind(node) {
        case .object: "an object"
        case .array: "an array"
        case .string: "text"
        case .number: "a number"
        case .true, .false: "a boolean"
        case .null: "null"
        }
    }
}
