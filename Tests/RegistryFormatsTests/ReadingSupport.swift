import Foundation
import RegistryFormats
import RegistryModel
import TestSupport

/// Reads every record of a fixture file through the format-detecting facade.
func readFixture(_ relativePath: String, options: ReadOptions = ReadOptions()) throws -> [Record] {
    try RegistryReader(options: options).readAll(path: TestPaths.fixture(relativePath).path)
}

/// The raw bytes of a file, described by its name in test failures.
struct RawFile: CustomStringConvertible {
    let name: String
    let bytes: [UInt8]

    var description: String { "\(name) (\(bytes.count) bytes)" }
}

/// The raw bytes of a fixture file.
func fixtureBytes(_ relativePath: String) throws -> RawFile {
    RawFile(name: relativePath, bytes: Array(try Data(contentsOf: TestPaths.fixture(relativePath))))
}

/// Reads records from bytes in memory.
func read(_ bytes: [UInt8], name: String = "input", options: ReadOptions = ReadOptions()) throws -> [Record] {
    var records: [Record] = []
    try RegistryReader(options: options).read(bytes: bytes, name: name) { records.append(try $0.get()) }
    return records
}

func read(_ text: String, name: String = "input", options: ReadOptions = ReadOptions()) throws -> [Record] {
    try read(Array(text.utf8), name: name, options: options)
}

/// The `ReadError` reading `bytes` ends with, or `nil` when they read without one.
func readError(_ bytes: [UInt8], name: String = "input", options: ReadOptions = ReadOptions()) -> ReadError? {
    do {
        _ = try read(bytes, name: name, options: options)
        return nil
    } catch let error as ReadError {
        return error
    } catch {
        return ReadError(.io, file: name, message: "unexpected error type: \(error)")
    }
}

func readError(_ text: String, name: String = "input", options: ReadOptions = ReadOptions()) -> ReadError? {
    readError(Array(text.utf8), name: name, options: options)
}

/// The line and column (Unicode scalars) of a byte offset, counted here independently of the readers.
func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let before = bytes[..<offset]
    let line = before.filter { $0 == 0x0A }.count + 1
    let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
    return (line, column)
}

/// `true` when the file's bytes at `position` begin with `text`, and `position`'s line and column
/// agree with its byte offset.
func file(_ file: RawFile, at position: SourcePosition?, startsWith text: String) -> Bool {
    let bytes = file.bytes
    guard let position, position.offset <= bytes.count else { return false }
    let (line, column) = lineAndColumn(of: position.offset, in: bytes)
    return bytes[position.offset...].starts(with: Array(text.utf8)) && line == position.line && column == position.column
}
