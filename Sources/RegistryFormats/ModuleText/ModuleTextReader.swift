import RegistryModel

/// Reads the module-text export: module header blocks, export metadata and `Key: value` lines, for one
/// study or several.
///
/// The file is read a line at a time, holding only the current study. A study ends where a `NCT ID:`
/// line names a different study: at the start of that study's header block if one comes before the
/// line, at the line itself otherwise. A second module of the same study (same NCT id, or none) stays
/// in the same study. Each study becomes one `Record` whose document holds exactly its lines.
struct ModuleTextReader {
    let options: ReadOptions

    func read(_ stream: ByteStream, _ body: RegistryReader.Handler) throws {
        var record = ModuleTextRecordBuffer(base: SourcePosition(line: 1, column: 1, offset: stream.offset))
        var recordIndex = 0
        var lineNumber = 1
        var nctId: String?
        /// The first line of the latest header block, until a field follows it.
        var blockStart: Int?

        while let raw = try nextLine(stream) {
            let line = try record.makeLine(raw, number: lineNumber, file: stream.name)
            if case .heading = line.kind, blockStart == nil { blockStart = record.lines.count }
            if case .knownKey(_, let key, let valueStart) = line.kind, case .field(let template) = key.role {
                if template == ModuleTextReader.nctIdTemplate {
                    let id = String(decoding: raw[valueStart..<(line.contentEnd - line.start)], as: UTF8.self)
                        .trimmingWhitespace()
                    if let current = nctId, current != id {
                        let (finished, rest) = record.split(atLine: blockStart ?? record.lines.count)
                        try body(.success(finished.record(index: recordIndex, file: stream.name)))
                        recordIndex += 1
                        record = rest
                    }
                    nctId = id
                }
                blockStart = nil
            }
            record.append(line, raw)
            guard record.bytes.count <= options.maxRecordBytes else {
                throw ReadError(.tooLarge, file: stream.name, position: record.base,
                    message: "the study starting here is larger than the \(options.maxRecordBytes >> 20) MiB limit")
            }
            lineNumber += 1
        }
        guard recordIndex > 0 || record.hasKeys else {
            throw ReadError(.notARecord, file: stream.name, position: record.base,
                message: "module text without any `Key: value` line (such as `NCT ID: NCT01234567`); nothing to read")
        }
        try body(.success(record.record(index: recordIndex, file: stream.name)))
    }

    static let nctIdTemplate = "protocolSection.identificationModule.nctId"

    /// The next line with its line break, or `nil` at the end of the file.
    private func nextLine(_ stream: ByteStream) throws(ReadError) -> [UInt8]? {
        var searched = 0
        while true {
            let available = stream.available
            if let newline = available[(available.startIndex + searched)...].firstIndex(of: 0x0A) {
                return stream.take(newline - available.startIndex + 1)
            }
            searched = available.count
            guard searched <= options.maxRecordBytes else {
                throw ReadError(.tooLarge, file: stream.name,
                    message: "a line longer than the \(options.maxRecordBytes >> 20) MiB record limit")
            }
            if try !stream.fillMore() {
                return stream.available.isEmpty ? nil : stream.take(stream.available.count)
            }
        }
    }
}

/// The lines of the study being read, with their bytes.
struct ModuleTextRecordBuffer {
    /// Where `bytes[0]` is in the file.
    let base: SourcePosition
    private(set) var bytes: [UInt8] = []
    private(set) var lines: [ModuleTextLine] = []

    init(base: SourcePosition) {
        self.base = base
    }

    var hasKeys: Bool {
        lines.contains {
            switch $0.kind {
            case .knownKey, .keyShaped: true
            case .heading, .text: false
            }
        }
    }

    /// Classifies a line read from the file, which will start at the end of the bytes held so far.
    func makeLine(_ raw: [UInt8], number: Int, file: String) throws(ReadError) -> ModuleTextLine {
        var end = raw.count
        if end > 0, raw[end - 1] == 0x0A { end -= 1 }
        if end > 0, raw[end - 1] == 0x0D { end -= 1 }
        try raw.withUnsafeBufferPointer { buffer throws(ReadError) in
            let lineStart = SourcePosition(line: number, column: 1, offset: base.offset + bytes.count)
            try UTF8Validation.check(buffer, base: lineStart, file: file)
        }
        return ModuleTextLine(
            content: String(decoding: raw[..<end], as: UTF8.self), start: bytes.count, contentEnd: bytes.count + end,
            number: number)
    }

    /// Adds a line made by `makeLine`, which may have been made before a split.
    mutating func append(_ line: ModuleTextLine, _ raw: [UInt8]) {
        var line = line
        let shift = bytes.count - line.start
        line.start += shift
        line.contentEnd += shift
        bytes += raw
        lines.append(line)
    }

    /// The lines before line `index`, and the lines from it on as the start of another study.
    func split(atLine index: Int) -> (ModuleTextRecordBuffer, ModuleTextRecordBuffer) {
        let cut = index < lines.count ? lines[index].start : bytes.count
        let number = index < lines.count ? lines[index].number : (lines.last.map { $0.number + 1 } ?? base.line)
        var first = ModuleTextRecordBuffer(base: base)
        first.bytes = Array(bytes[..<cut])
        first.lines = Array(lines[..<index])
        var second = ModuleTextRecordBuffer(base: SourcePosition(line: number, column: 1, offset: base.offset + cut))
        second.bytes = Array(bytes[cut...])
        second.lines = lines[index...].map { line in
            var moved = line
            moved.start -= cut
            moved.contentEnd -= cut
            return moved
        }
        return (first, second)
    }

    /// The study these lines hold.
    func record(index: Int, file: String) -> Record {
        let document = SourceDocument(bytes: bytes, base: base, escaping: .verbatim)
        var parser = ModuleTextParser(document: document)
        parser.parse(lines)
        var assembler = StudyAssembler(store: parser.store, extras: parser.extras, notices: parser.notices)
        return Record(
            study: assembler.assemble(), source: RecordSource(path: file, format: .moduleText, index: index),
            document: document)
    }
}

/// Turns the classified lines of one study into values at their v2 paths.
struct ModuleTextParser {
    /// One `Key: value`, its value as byte offsets into the study's bytes.
    private struct Entry {
        let name: String
        let key: ModuleTextKey?
        let valueStart: Int
        var valueEnd: Int
    }

    let document: SourceDocument
    private(set) var store = V2FieldStore()
    private(set) var extras: [ExtraField] = []
    private(set) var notices: [ReadNotice] = []

    init(document: SourceDocument) {
        self.document = document
    }

    mutating func parse(_ lines: [ModuleTextLine]) {
        var entries: [Entry] = []
        /// Whether the last entry is still open for continuation lines.
        var inValue = false
        for line in lines {
            switch line.kind {
            case .heading:
                inValue = false
            case .knownKey(let name, let key, let valueStart):
                entries.append(Entry(name: name, key: key, valueStart: line.start + valueStart, valueEnd: line.contentEnd))
                inValue = true
            case .keyShaped(let name, let valueStart) where !(inValue && entries.last?.key?.isProse == true):
                entries.append(Entry(name: name, key: nil, valueStart: line.start + valueStart, valueEnd: line.contentEnd))
                inValue = true
            case .keyShaped, .text:
                if inValue, !line.isBlank { entries[entries.count - 1].valueEnd = line.contentEnd }
            }
        }
        var cursor = SourceCursor(base: document.base)
        document.bytes.withUnsafeBufferPointer { bytes in
            for entry in entries {
                let position = cursor.position(at: entry.valueStart, in: bytes)
                let value = String(decoding: bytes[entry.valueStart..<max(entry.valueEnd, entry.valueStart)], as: UTF8.self)
                keep(entry, value, at: position)
            }
        }
    }

    private mutating func keep(_ entry: Entry, _ value: String, at position: SourcePosition) {
        guard let key = entry.key else {
            let field = TextField(value, path: FieldPath(entry.name), position: position)
            extras.append(ExtraField(key: entry.name, value: field))
            notices.append(ReadNotice(
                kind: .unknownField, message: "\"\(entry.name)\" is not a key of the module-text export; kept in extras",
                origin: field.origin))
            return
        }
        switch key.role {
        case .metadata:
            extras.append(ExtraField(key: entry.name, value: TextField(value, path: FieldPath(entry.name), position: position)))
        case .field(let template):
            guard !value.trimmingWhitespace().isEmpty else { return }
            if key.isCodeList {
                for part in ValuePart.split(Substring(value), separator: ",") {
                    set(resolve(template), part.text, at: document.position(from: position, decodedOffset: part.offset), entry)
                }
            } else {
                set(resolve(template), value, at: position, entry)
            }
        }
    }

    /// Stores a value; a different second value for a single-valued field is kept in extras with a
    /// notice (a second module of a study repeats its `NCT ID` with the same value).
    private mutating func set(_ path: FieldPath, _ value: String, at position: SourcePosition?, _ entry: Entry) {
        guard !store.set(path, value, at: position), store.entry(path)?.text != value else { return }
        let field = TextField(value, path: FieldPath(entry.name), position: position)
        extras.append(ExtraField(key: entry.name, value: field))
        notices.append(ReadNotice(
            kind: .unknownField, message: "\"\(entry.name)\" repeats \(path), which holds one value; kept in extras",
            origin: field.origin))
    }

    /// The path of a template's value: every list but the innermost at its last element; the innermost
    /// gets a new element when the value is itself a list item, or when its last element already has
    /// this field ("Arm Group Label" twice is two arm groups).
    private func resolve(_ template: String) -> FieldPath {
        // Templates hold "[" only in "[]".
        let parts = template.split(separator: "[", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? String($0.element) : String($0.element.dropFirst()) }
        var path = parts[0]
        for marker in 0..<(parts.count - 1) {
            let list = FieldPath(path)
            let count = store.count(list)
            let tail = parts[marker + 1]
            let index: Int
            if marker < parts.count - 2 {
                index = max(count - 1, 0)
            } else if tail.isEmpty {
                index = count
            } else {
                let last = max(count - 1, 0)
                index = store.contains(FieldPath(list.index(last).rawValue + tail)) ? count : last
            }
            path = list.index(index).rawValue + tail
        }
        return FieldPath(path)
    }
}
