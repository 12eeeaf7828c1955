import RegistryModel

/// One finding about one record, as a plain value: which rule, how serious, what and where.
///
/// Positions are those of the record's file (`line:column`, 1-based, columns in Unicode scalars).
/// `start` is where the offending text begins; `end`, when known, is the position just after it, so
/// that `start..<end` is the text a renderer underlines. A finding about a missing field points at
/// the enclosing module, or at the start of the record, and names the missing field in `fieldPath`.
public struct Diagnostic: Sendable, Hashable {
    /// The stable, kebab-case id of the rule that found it: `brief-summary-too-long`.
    public let ruleID: String
    /// The severity after configuration has been applied.
    public var severity: Severity
    public let message: String
    /// The file as the user named it (`-` for standard input).
    public let file: String
    /// The record's 0-based position among the records of its file.
    public let recordIndex: Int
    /// The NCT id of the record, when it has one.
    public let nctID: String?
    /// The API v2 path of the field the finding is about.
    public let fieldPath: FieldPath?
    public let start: SourcePosition?
    /// The position just after the offending text; `nil` when only the start is known.
    public let end: SourcePosition?
    /// Further facts that explain the finding, such as the other field of a contradiction.
    public let notes: [DiagnosticNote]
    /// What to do about it, when that is clear.
    public let fix: FixIt?

    public init(
        ruleID: String, severity: Severity, message: String, file: String, recordIndex: Int = 0,
        nctID: String? = nil, fieldPath: FieldPath? = nil, start: SourcePosition? = nil,
        end: SourcePosition? = nil, notes: [DiagnosticNote] = [], fix: FixIt? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.file = file
        self.recordIndex = recordIndex
        self.nctID = nctID
        self.fieldPath = fieldPath
        self.start = start
        self.end = end
        self.notes = notes
        self.fix = fix
    }

    /// `file:line:column` (or `file` alone when the finding has no position), as compilers print it.
    public var locationDescription: String {
        guard let start else { return file }
        return "\(file):\(start.line):\(start.column)"
    }
}
