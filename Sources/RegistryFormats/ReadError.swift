import RegistryModel

/// Why a file or a record could not be read, with where, in the form compilers use
/// (`file:line:column: error: message`).
public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The file could not be opened or read.
        case io
        /// The file holds nothing but white space.
        case empty
        /// The content is in none of the formats ctlint reads.
        case unknownFormat = "unknown-format"
        /// The bytes are not valid UTF-8 (or are in another encoding).
        case encoding
        /// The JSON or XML is not well formed, or ends early.
        case malformed
        /// Well formed, but not a registry record: wrong root element, no `protocolSection`, …
        case notARecord = "not-a-record"
        /// A record is larger than `ReadOptions.maxRecordBytes`.
        case tooLarge = "too-large"
        /// Nesting deeper than `ReadOptions.maxDepth`.
        case tooDeep = "too-deep"
        /// A construct ctlint refuses for safety: a DTD, an entity declaration, an external entity.
        case forbidden
    }

    public let kind: Kind
    /// The file as the user named it.
    public let file: String
    public let position: SourcePosition?
    public let message: String

    public init(_ kind: Kind, file: String, position: SourcePosition? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        let place = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        return "\(place): error: \(message)"
    }
}

/// Limits that keep reading bounded whatever the input.
public struct ReadOptions: Sendable, Hashable {
    /// The largest record accepted, in bytes. The registry's largest study is about 3.6 MB.
    public var maxRecordBytes: Int
    /// The deepest nesting of JSON arrays and objects or XML elements accepted.
    public var maxDepth: Int
    /// Whether XML records are validated against their format's schema while they are read (legacy XML
    /// against public.xsd, upload XML against the PRS upload schema), giving `Record.schemaValidation`.
    public var validatesSchema: Bool

    public init(maxRecordBytes: Int = 32 << 20, maxDepth: Int = 256, validatesSchema: Bool = true) {
        self.maxRecordBytes = maxRecordBytes
        self.maxDepth = maxDepth
        self.validatesSchema = validatesSchema
    }
}
