import RegistryModel

/// A record snippet that shows a rule at work, run as a test.
///
/// The snippet is a record in any format `RegistryReader` reads, usually API v2 JSON. In a triggering
/// example, each `↓` marks where a finding must start (the marker is removed before reading), and
/// `at:` names the field path every finding must have; a triggering example gives at least one of
/// the two. The example keeps the file and line it was written at, so that a failing example points
/// at itself. An example of a protocol rule also gives the protocol file (YAML) the record is checked
/// against.
public struct Example: Sendable {
    /// The marker that says where a finding starts.
    public static let marker: Unicode.Scalar = "↓"
    /// The day examples are checked as of, so that rules comparing with the calendar give fixed answers.
    public static let asOf = PartialDate(year: 2025, month: 6, day: 1)!

    /// The snippet as written, with its markers.
    public let source: String
    /// The snippet without markers: the record that is read.
    public let text: String
    /// Where findings must start, in `text`.
    public let markers: [SourcePosition]
    /// The field path every finding must have.
    public let path: FieldPath?
    /// The protocol file the record is checked against, for protocol rules.
    public let protocolFile: String?
    public let file: String
    public let line: Int

    public init(
        _ source: String, at path: FieldPath? = nil, protocol protocolFile: String? = nil, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        self.source = source
        self.path = path
        self.protocolFile = protocolFile
        self.file = "\(file)"
        self.line = Int(line)
        // Byte by byte: the examples of the length rules are tens of thousands of characters, and every
        // process that validates builds every rule's examples once (appending them scalar by scalar was
        // most of a one-file `check`).
        let marker = Array(String(Example.marker).utf8)
        let written = Array(source.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(written.count)
        var markers: [SourcePosition] = []
        var lineNumber = 1, column = 1
        var i = 0
        while i < written.count {
            let byte = written[i]
            if byte == marker[0], written[i...].starts(with: marker) {
                markers.append(SourcePosition(line: lineNumber, column: column, offset: bytes.count))
                i += marker.count
                continue
            }
            bytes.append(byte)
            if byte == UInt8(ascii: "\n") {
                lineNumber += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // A scalar's first byte (not a continuation byte): columns count scalars.
                column += 1
            }
            i += 1
        }
        let text = String(decoding: bytes, as: UTF8.self)
        self.text = text
        self.markers = markers
    }
}
