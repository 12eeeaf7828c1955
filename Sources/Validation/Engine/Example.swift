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
        var text = ""
        var markers: [SourcePosition] = []
        var position = (line: 1, column: 1, offset: 0)
        for scalar in source.unicodeScalars {
            if scalar == Example.marker {
                markers.append(SourcePosition(line: position.line, column: position.column, offset: position.offset))
                continue
            }
            text.unicodeScalars.append(scalar)
            position.offset += String(scalar).utf8.count
            if scalar == "\n" {
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
        }
        self.text = text
        self.markers = markers
    }
}
