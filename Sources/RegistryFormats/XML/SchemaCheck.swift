import RegistryModel

/// Turns what libxml2 reports while validating a record into `SchemaViolation`s at exact positions,
/// and validates again where libxml2 stopped looking.
///
/// libxml2 checks an element's children against its content model until the first child out of place,
/// and then skips the rest of that element, so one misplaced element would hide every later violation
/// inside the same parent. After such a report the record's bytes are validated again with the cause
/// mended in a copy. First the element reported is blanked out (its bytes become spaces, line breaks
/// kept), as for an element out of order or one the parent cannot hold. Should its next sibling then be
/// reported for the same expectation, the element was in place and the parent lacks what the schema
/// expected before it: the element comes back, with the expected element put in before it, empty. Line
/// numbers stay those of the file, so later reports still point at the record's own elements; reports
/// about what was put in are dropped, and so are those that only follow from a mended cause. This is
/// repeated while it uncovers more, at most `maxPasses` times.
struct SchemaCheck {
    /// The bytes libxml2 read: the record, or an upload study inside its collection's tags.
    let bytes: [UInt8]
    let index: XMLElementIndex
    /// The first byte of the record in `bytes`, which lies at `base` in the file.
    let recordStart: Int
    let base: SourcePosition
    /// Where violations about elements outside the record (the upload collection) are placed.
    let outerPosition: SourcePosition
    let schema: EmbeddedSchema

    /// How many times a record is validated again at most, to uncover what libxml2 skipped.
    static let maxPasses = 8

    /// The record's schema validation, given what the validation made while reading reported, plus
    /// `extra` violations found otherwise (values outside a vocabulary the schema documents). A record
    /// that may be partial (`mayLackElements`) is also validated against the schema with every element
    /// optional, so that what it lacks by being partial can be told from what it breaks.
    func validation(
        firstPass: [LibXMLParser.SchemaError], extra: [SchemaViolation] = [], mayLackElements: Bool
    ) -> SchemaValidation {
        func sorted(_ violations: [SchemaViolation]) -> [SchemaViolation] {
            violations.sorted { ($0.origin.position?.offset ?? -1) < ($1.origin.position?.offset ?? -1) }
        }
        let strict = violations(firstPass: firstPass, relaxed: false)
        var allowingMissing: [SchemaViolation]?
        if mayLackElements, !strict.isEmpty {
            let relaxedSchema = LibXMLSchema.shared(schema, relaxed: true)
            let relaxedFirstPass = bytes.withUnsafeBufferPointer { try? LibXMLParser.validate($0, against: relaxedSchema) }
            allowingMissing = relaxedFirstPass.map { sorted(violations(firstPass: $0, relaxed: true) + extra) }
        }
        return SchemaValidation(
            schema: schema.title, violations: sorted(strict + extra), violationsAllowingMissingElements: allowingMissing)
    }

    /// The violations of the schema (or, `relaxed`, of the schema with everything optional), given what
    /// the first validation, made while reading, reported.
    func violations(firstPass: [LibXMLParser.SchemaError], relaxed: Bool) -> [SchemaViolation] {
        var reports = firstPass
        var edited = false
        var found: [(entry: Int?, report: SchemaReport)] = []
        var seen: Set<String> = []
        /// Elements blanked out, with the expectation they were reported against.
        var blanked: [Int: [QualifiedName]] = [:]
        /// For each parent, its child blanked out last.
        var lastBlanked: [Int: Int] = [:]
        /// Elements before which empty elements were put in, with the last expectation that led to it.
        var insertions: [Int: (text: String, expected: [QualifiedName])] = [:]
        var pass = 1
        while true {
            var changed = false
            for error in reports {
                let report = SchemaReport(error)
                let entry = report.element.flatMap {
                    index.entry(named: $0, libxmlLine: error.line, atEnd: report.isReportedAtEnd)
                }
                // After an edit, a report that names no element of the record is about one put in.
                if edited, entry == nil { continue }
                if let entry, case .unexpected(let expected) = report.kind, let parent = index.entries[entry].parent,
                    index.entries[parent].inRecord
                {
                    if let sibling = lastBlanked[parent], sibling != entry, blanked[sibling] == expected,
                        let missing = expected.last
                    {
                        // The sibling was in place: the parent lacks what was expected before it.
                        blanked[sibling] = nil
                        lastBlanked[parent] = nil
                        insertions[sibling] = (missing.emptyElement, expected)
                        changed = true
                        continue
                    }
                    if let inserted = insertions[entry] {
                        // Still out of place with one element put in: it may lack another.
                        if inserted.expected != expected, let missing = expected.last {
                            insertions[entry] = (inserted.text + missing.emptyElement, expected)
                            changed = true
                        }
                        continue
                    }
                    if seen.insert("\(entry)|\(report.message)").inserted { found.append((entry, report)) }
                    blanked[entry] = expected
                    lastBlanked[parent] = entry
                    changed = true
                    continue
                }
                if seen.insert("\(entry ?? -1)|\(report.message)").inserted { found.append((entry, report)) }
            }
            guard changed, pass < Self.maxPasses else { break }
            pass += 1
            var edits = blanked.keys.map { Edit.blank(index.range(of: $0)) }
            edits += insertions.map { Edit.insert($0.value.text, at: index.range(of: $0.key).lowerBound) }
            let copy = Edit.apply(edits, to: bytes)
            let errors = copy.withUnsafeBufferPointer { buffer -> [LibXMLParser.SchemaError]? in
                try? LibXMLParser.validate(buffer, against: LibXMLSchema.shared(schema, relaxed: relaxed))
            }
            // The edits keep the bytes well formed; should libxml2 still refuse them, what was found stands.
            guard let errors else { break }
            reports = errors
            edited = true
        }
        return place(found)
    }

    /// Gives each report its place: the value of an attribute, the text of an element whose value is
    /// wrong, or else the element's name in its start tag.
    private func place(_ found: [(entry: Int?, report: SchemaReport)]) -> [SchemaViolation] {
        var wanted: [(start: Int, end: Int?, path: String, message: String)] = []
        for (entry, report) in found {
            guard let entry else {
                wanted.append((recordStart, nil, report.element ?? "", report.message))
                continue
            }
            let element = index.entries[entry]
            let path = index.path(of: entry)
            guard element.inRecord else {
                wanted.append((-1, nil, path, report.message))
                continue
            }
            switch report.kind {
            case .attribute(let name):
                if let attribute = element.attributes.first(where: { attributeName($0.name) == name }) {
                    wanted.append((attribute.valueStart, attributeEnd(attribute.valueStart), path + "/@" + name, report.message))
                } else {
                    wanted.append((element.startTag.lowerBound, element.nameEnd, path + "/@" + name, report.message))
                }
            case .value where element.endTag != nil:
                wanted.append((element.startTag.upperBound, element.endTag!.lowerBound, path, report.message))
            default:
                wanted.append((element.startTag.lowerBound, element.nameEnd, path, report.message))
            }
        }
        // Positions are found in one walk over the bytes, in file order.
        var offsets = Set<Int>()
        for item in wanted where item.start >= recordStart {
            offsets.insert(item.start)
            if let end = item.end { offsets.insert(end) }
        }
        var positions: [Int: SourcePosition] = [:]
        var cursor = SourceCursor(at: base, byte: recordStart)
        bytes.withUnsafeBufferPointer { buffer in
            for offset in offsets.sorted() { positions[offset] = cursor.position(at: offset, in: buffer) }
        }
        let violations = wanted.map { item in
            let start = item.start >= recordStart ? positions[item.start] : outerPosition
            return SchemaViolation(
                message: item.message, origin: Origin(path: FieldPath(item.path), position: start),
                end: item.end.flatMap { positions[$0] })
        }
        return violations
    }

    private func attributeName(_ range: Range<Int>) -> String {
        let name = String(decoding: bytes[range], as: UTF8.self)
        return name.split(separator: ":").last.map(String.init) ?? name
    }

    /// The offset of the quote that closes the attribute value starting at `valueStart`.
    private func attributeEnd(_ valueStart: Int) -> Int? {
        guard valueStart > 0 else { return nil }
        let quote = bytes[valueStart - 1]
        return bytes[valueStart...].firstIndex(of: quote)
    }
}

/// A change made to a copy of a record's bytes before validating it again.
private enum Edit {
    /// Spaces over the range, line breaks kept.
    case blank(Range<Int>)
    /// Text (never a line break) put in before the byte at the offset.
    case insert(String, at: Int)

    var offset: Int {
        switch self {
        case .blank(let range): range.lowerBound
        case .insert(_, let offset): offset
        }
    }

    /// The bytes with every edit made; the edits never overlap but may nest (a blanked range can hold an
    /// insertion, which is then left out).
    static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var next = 0
        for edit in edits.sorted(by: { $0.offset < $1.offset }) {
            switch edit {
            case .insert(let text, let offset):
                guard offset >= next else { continue }
                out.append(contentsOf: bytes[next..<offset])
                out.append(contentsOf: text.utf8)
                next = offset
            case .blank(let range):
                guard range.lowerBound >= next else { continue }
                out.append(contentsOf: bytes[next..<range.lowerBound])
                for byte in bytes[range] { out.append(byte == 0x0A || byte == 0x0D ? byte : 0x20) }
                next = range.upperBound
            }
        }
        out.append(contentsOf: bytes[next...])
        return out
    }
}

/// An element name as libxml2 writes it: `arm_type`, or `{http://clinicaltrials.gov/rrs}result`.
struct QualifiedName: Equatable {
    let namespace: String
    let local: String

    init(_ written: String) {
        if written.hasPrefix("{"), let close = written.firstIndex(of: "}") {
            namespace = String(written[written.index(after: written.startIndex)..<close])
            local = String(written[written.index(after: close)...])
        } else {
            namespace = ""
            local = written
        }
    }

    /// An empty element of this name, in its namespace whatever the defaults around it.
    var emptyElement: String { "<\(local) xmlns=\"\(namespace)\"/>" }
}

/// One libxml2 validity report, read: which element (and attribute) it names, what kind of violation it
/// is, and a message for people.
struct SchemaReport {
    enum Kind {
        /// "This element is not expected", with what the schema expected instead.
        case unexpected([QualifiedName])
        /// "Missing child element(s)", with what the schema expected.
        case missing([QualifiedName])
        /// Something wrong with the named attribute.
        case attribute(String)
        /// The element's text is not a value of its type.
        case value
        case other
    }

    let element: String?
    let kind: Kind
    let message: String

    init(_ error: LibXMLParser.SchemaError) {
        let text = SchemaReport.collapse(error.message)
        // "Element 'name': detail" or "Element 'name', attribute 'attr': detail".
        guard text.hasPrefix("Element '"), let close = text.dropFirst(9).firstIndex(of: "'") else {
            element = nil
            kind = .other
            message = text
            return
        }
        let name = QualifiedName(String(text[text.index(text.startIndex, offsetBy: 9)..<close])).local
        element = name
        var rest = text[text.index(after: close)...]
        var attribute: String?
        if rest.hasPrefix(", attribute '"), let end = rest.dropFirst(13).firstIndex(of: "'") {
            attribute = QualifiedName(String(rest[rest.index(rest.startIndex, offsetBy: 13)..<end])).local
            rest = rest[rest.index(after: end)...]
        }
        let detail = String(rest.drop { $0 == ":" || $0 == " " })
        if let attribute {
            kind = .attribute(attribute)
            message = "attribute \(attribute) of <\(name)>: \(detail)"
        } else if detail.hasPrefix("This element is not expected.") {
            let expected = SchemaReport.expected(in: detail)
            kind = .unexpected(expected)
            message = expected.isEmpty
                ? "<\(name)> is not allowed here"
                : "<\(name)> is not expected here; the schema expects \(SchemaReport.list(expected)) at this point"
        } else if detail.hasPrefix("Missing child element(s).") {
            let expected = SchemaReport.expected(in: detail)
            kind = .missing(expected)
            message = "<\(name)> lacks a required element: the schema expects \(SchemaReport.list(expected))"
        } else if detail.hasPrefix("[facet") || detail.contains("is not a valid value of") {
            kind = .value
            message = "<\(name)>: \(detail)"
        } else {
            kind = .other
            message = "<\(name)>: \(detail)"
        }
    }

    /// `true` for what libxml2 can only tell at the element's end tag.
    var isReportedAtEnd: Bool {
        switch kind {
        case .missing, .value: true
        case .unexpected, .attribute, .other: false
        }
    }

    /// The names in "Expected is ( a )" or "Expected is one of ( a, b )".
    private static func expected(in detail: String) -> [QualifiedName] {
        guard let open = detail.firstRange(of: "Expected is"), let paren = detail[open.upperBound...].firstIndex(of: "("),
            let close = detail[paren...].firstIndex(of: ")")
        else { return [] }
        return detail[detail.index(after: paren)..<close].split(separator: ",").map {
            QualifiedName(String($0).trimmingWhitespace())
        }.filter { !$0.local.isEmpty }
    }

    private static func list(_ names: [QualifiedName]) -> String {
        let tags = names.map { "<\($0.local)>" }
        return tags.count == 1 ? tags[0] : "one of " + tags.joined(separator: ", ")
    }

    /// libxml2's message on one line: runs of white space (values with line breaks) become one space.
    private static func collapse(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = true
                continue
            }
            if space, !out.isEmpty { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
