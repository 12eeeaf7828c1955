import Foundation
import RegistryFormats
import RegistryModel
import Testing

/// One field of a study, flattened: its path, its value as text, and where it starts.
struct FlatField: Hashable, CustomStringConvertible {
    let path: FieldPath
    let value: String
    let position: SourcePosition?

    var description: String { "\(path) = \(value)" }
}

/// A `Field` of any value type, seen through reflection.
private protocol AnyField {
    var flat: FlatField { get }
}

extension Field: AnyField {
    fileprivate var flat: FlatField {
        let text: String
        switch value {
        case let string as String: text = string
        case let date as DateValue: text = date.date.map { "\($0)" } ?? "unreadable: \(date.raw)"
        default: text = "\(value)"
        }
        return FlatField(path: path, value: text, position: position)
    }
}

/// Every field of a study in model order, found by walking the model with `Mirror`, so that a field added
/// to the model is compared without changing the tests. Notices and extras are left out.
func flatFields(_ study: Study) -> [FlatField] {
    var out: [FlatField] = []
    func walk(_ value: Any) {
        if let field = value as? any AnyField {
            out.append(field.flat)
            return
        }
        for child in Mirror(reflecting: value).children where child.label != "notices" && child.label != "extras" {
            walk(child.value)
        }
    }
    walk(study)
    return out
}

/// The text fields of a study (the values that carry positions into text).
func textFields(_ study: Study) -> [TextField] {
    var out: [TextField] = []
    func walk(_ value: Any) {
        if let field = value as? TextField {
            out.append(field)
            return
        }
        for child in Mirror(reflecting: value).children { walk(child.value) }
    }
    walk(study)
    return out
}

/// Checks that every field's position points at its value in `file`: the line and column agree with the
/// offset, and the JSON text at the offset decodes to the value.
func expectPositionsPointAtValues(_ study: Study, in file: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    let fields = flatFields(study)
    let places = linesAndColumns(of: fields.compactMap { $0.position?.offset }, in: file)
    for field in fields {
        guard let position = field.position else {
            Issue.record("\(field.path) has no position", sourceLocation: sourceLocation)
            continue
        }
        let expected = places[position.offset]
        #expect(expected?.line == position.line && expected?.column == position.column,
            "\(field.path): \(position) disagrees with offset \(position.offset)", sourceLocation: sourceLocation)
    }
    for field in textFields(study) {
        guard let offset = field.position?.offset, offset > 0, file[offset - 1] == UInt8(ascii: "\"") else {
            Issue.record("\(field.path) does not start after a quote", sourceLocation: sourceLocation)
            continue
        }
        var end = offset
        while file[end] != UInt8(ascii: "\"") { end += file[end] == UInt8(ascii: "\\") ? 2 : 1 }
        let literal = Data(file[(offset - 1)...end])
        let decoded = try? JSONSerialization.jsonObject(with: literal, options: [.fragmentsAllowed]) as? String
        #expect(decoded == field.value, "\(field.path): the text at offset \(offset) is not the value",
            sourceLocation: sourceLocation)
    }
}

/// The 1-based line and column (in Unicode scalars) of byte offsets, counted the plain way: one walk over
/// the bytes, independent of the reader's own counting.
func linesAndColumns(of offsets: [Int], in bytes: [UInt8]) -> [Int: (line: Int, column: Int)] {
    var result: [Int: (line: Int, column: Int)] = [:]
    var line = 1
    var column = 1
    var index = 0
    for offset in Set(offsets).sorted() {
        while index < offset {
            if bytes[index] == 0x0A {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        result[offset] = (line, column)
    }
    return result
}

/// Reads every record of a file, failing the test on the first read error.
func readRecords(_ url: URL, options: ReadOptions = ReadOptions()) throws -> [Record] {
    try RegistryReader(options: options).readAll(path: url.path)
}

/// Reads bytes as a file named `name`, collecting records and per-record errors in order.
func readResults(_ text: String, name: String = "test.json", options: ReadOptions = ReadOptions()) throws
    -> [Result<Record, ReadError>]
{
    try readResults(bytes: Array(text.utf8), name: name, options: options)
}

func readResults(bytes: [UInt8], name: String = "test.json", options: ReadOptions = ReadOptions()) throws
    -> [Result<Record, ReadError>]
{
    var results: [Result<Record, ReadError>] = []
    try RegistryReader(options: options).read(bytes: bytes, name: name) { results.append($0) }
    return results
}

/// The thrown `ReadError` of reading `text`, or of its first record.
func readError(_ text: String, options: ReadOptions = ReadOptions()) -> ReadError? {
    readError(bytes: Array(text.utf8), options: options)
}

func readError(bytes: [UInt8], options: ReadOptions = ReadOptions()) -> ReadError? {
    do {
        for result in try readResults(bytes: bytes, options: options) {
            if case .failure(let error) = result { return error }
        }
        return nil
    } catch let error as ReadError {
        return error
    } catch {
        return nil
    }
}

extension Result {
    var value: Success? { try? get() }
    var error: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
