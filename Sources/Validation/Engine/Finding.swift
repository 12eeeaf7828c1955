import Diagnostics
import RegistryModel

/// Where in a record a finding is: the field it is about and the text to mark.
public struct Place: Sendable, Hashable {
    public let path: FieldPath
    public let start: SourcePosition?
    /// Just after the marked text.
    public let end: SourcePosition?

    public init(path: FieldPath, start: SourcePosition?, end: SourcePosition? = nil) {
        self.path = path
        self.start = start
        self.end = end
    }
}

/// What a rule reports: a message and a place, with notes and a fix where they help. The engine
/// adds the rule id, the configured severity and the record's identity to make a `Diagnostic`.
public struct Finding: Sendable, Hashable {
    public let message: String
    public let place: Place
    public let notes: [DiagnosticNote]
    public let fix: FixIt?

    public init(_ message: String, at place: Place, notes: [DiagnosticNote] = [], fix: FixIt? = nil) {
        self.message = message
        self.place = place
        self.notes = notes
        self.fix = fix
    }
}
