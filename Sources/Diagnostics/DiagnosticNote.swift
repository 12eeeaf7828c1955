import RegistryModel

/// A remark attached to a diagnostic, optionally pointing at another place in the same record.
public struct DiagnosticNote: Sendable, Hashable {
    public let message: String
    public let fieldPath: FieldPath?
    public let start: SourcePosition?
    public let end: SourcePosition?

    public init(_ message: String, fieldPath: FieldPath? = nil, start: SourcePosition? = nil, end: SourcePosition? = nil) {
        self.message = message
        self.fieldPath = fieldPath
        self.start = start
        self.end = end
    }
}
