import RegistryModel

/// Reads registry records in any supported format, detected from the content, never from the file name.
///
/// Records are handed to `body` one at a time as they are read, so a file of any number of records
/// is read in memory bounded by its largest record. A record that cannot be read is handed over as a
/// `ReadError` and reading goes on with the next one, where the format lets it (JSON lines, arrays);
/// an error that ends the whole file is thrown.
public struct RegistryReader: Sendable {
    public var options: ReadOptions

    public init(options: ReadOptions = ReadOptions()) {
        self.options = options
    }

    /// Takes each record over (`consuming`): a handler that keeps the record, or hands it on, does so
    /// without copying it.
    public typealias Handler = (consuming Result<Record, ReadError>) throws -> Void

    /// Reads the file at `path` (`-` for standard input).
    public func read(path: String, _ body: Handler) throws {
        let stream = try ByteStream(path: path)
        try read(stream, body)
    }

    /// Reads records from bytes in memory, for example a member of a zip archive.
    public func read(bytes: [UInt8], name: String, _ body: Handler) throws {
        try read(ByteStream(bytes: bytes, name: name), body)
    }

    /// Reads every record of a file into an array; per-record errors are thrown as the first error.
    public func readAll(path: String) throws -> [Record] {
        var records: [Record] = []
        try read(path: path) { records.append(try $0.get()) }
        return records
    }

    /// Reads records from a stream positioned at the start of a file.
    public func read(_ stream: ByteStream, _ body: Handler) throws {
        let format = try FormatDetector.detect(stream)
        switch format {
        case .json:
            try JSONRecordReader(options: options).read(stream, body)
        case .xml(let root) where root == UploadXMLReader.rootName:
            try UploadXMLReader(options: options).read(stream, body)
        case .xml(let root):
            try XMLRecordReader(options: options, root: root).read(stream, body)
        case .moduleText:
            try ModuleTextReader(options: options).read(stream, body)
        }
    }
}

/// The container formats, as far as the first bytes tell.
enum DetectedFormat: Equatable {
    /// JSON: API v2 or classic, decided per record from its keys.
    case json
    /// XML with the given root element name.
    case xml(root: String)
    /// The PRS-style module text export.
    case moduleText
}

/// Decides the format of a file from its first bytes.
enum FormatDetector {
    /// How far to look for the root element or the first module-text key.
    static let window = 1 << 16

    static func detect(_ stream: ByteStream) throws(ReadError) -> DetectedFormat {
        try stream.ensure(window)
        var bytes = stream.available
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            stream.consume(3)
            bytes = stream.available
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ReadError(.encoding, file: stream.name, position: .start,
                message: "the file is UTF-16; ctlint reads UTF-8 (convert it with `iconv -f UTF-16 -t UTF-8`)")
        }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else {
            throw ReadError(.empty, file: stream.name, message: "the file is empty")
        }
        switch bytes[first] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return .json
        case UInt8(ascii: "<"):
            return .xml(root: rootElementName(bytes[first...]) ?? "")
        default:
            if looksLikeModuleText(bytes) { return .moduleText }
            throw ReadError(.unknownFormat, file: stream.name, position: position(of: first, in: bytes, fileOffset: stream.offset),
                message: "not a registry record: expected API v2 or classic JSON, legacy or upload XML, or module text")
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// The name of the first element, skipping the XML declaration, comments, processing instructions
    /// and a document type declaration (which the XML reader refuses later with a proper error).
    static func rootElementName(_ bytes: ArraySlice<UInt8>) -> String? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let lt = bytes[i...].firstIndex(of: UInt8(ascii: "<")) else { return nil }
            let next = lt + 1 < bytes.endIndex ? bytes[lt + 1] : 0
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                guard let gt = bytes[lt...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                i = gt + 1
                continue
            }
            var end = lt + 1
            while end < bytes.endIndex, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">"),
                bytes[end] != UInt8(ascii: "/")
            {
                end += 1
            }
            let name = String(decoding: bytes[(lt + 1)..<end], as: UTF8.self)
            // Drop a namespace prefix: `prs:study_collection` is `study_collection`.
            return name.split(separator: ":").last.map(String.init) ?? name
        }
        return nil
    }

    /// Module text has, within its first lines, a module heading ("Description Module") or a line
    /// with a key of the export ("NCT ID: …", "Brief Summary: …", "Ignite Creation Date: …").
    static func looksLikeModuleText(_ bytes: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: bytes.prefix(window), as: UTF8.self)
        for line in text.unicodeScalars.split(separator: "\n").prefix(200) {
            switch ModuleTextLine.classify(String(String.UnicodeScalarView(line.filter { $0 != "\r" }))) {
            case .heading, .knownKey: return true
            case .keyShaped, .text: continue
            }
        }
        return false
    }

    /// The position of `bytes[index]`, where `bytes` start at line 1, column 1 and byte `fileOffset` of the
    /// file (after a byte order mark).
    static func position(of index: Int, in bytes: ArraySlice<UInt8>, fileOffset: Int) -> SourcePosition {
        var line = 1
        var column = 1
        for byte in bytes[bytes.startIndex..<index] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourcePosition(line: line, column: column, offset: fileOffset + index - bytes.startIndex)
    }
}
