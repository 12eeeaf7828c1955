import RegistryModel

/// The outcome of checking some files: the rules that ran, each record's findings, and the files or
/// records that could not be read. The machine-readable renderers (JSON, SARIF, JUnit) take one.
public struct CheckReport: Sendable {
    /// One record that was checked.
    public struct CheckedRecord: Sendable, Hashable {
        public let file: String
        public let index: Int
        public let nctID: String?
        public let format: RecordFormat?
        public let diagnostics: [Diagnostic]

        public init(file: String, index: Int, nctID: String?, format: RecordFormat?, diagnostics: [Diagnostic]) {
            self.file = file
            self.index = index
            self.nctID = nctID
            self.format = format
            self.diagnostics = diagnostics
        }

        /// A name for the record in reports: its NCT id, else `file#index`.
        public var name: String { nctID ?? "\(file)#\(index)" }
    }

    /// A file or record that could not be read (an input error, exit status 2).
    public struct InputError: Sendable, Hashable {
        public let file: String
        public let start: SourcePosition?
        public let message: String

        public init(file: String, start: SourcePosition?, message: String) {
            self.file = file
            self.start = start
            self.message = message
        }

        /// `file:line:column: error: message`.
        public var description: String {
            let place = start.map { "\(file):\($0.line):\($0.column)" } ?? file
            return "\(place): error: \(message)"
        }
    }

    public let toolName: String
    public let toolVersion: String
    /// The rules that ran, in the order they are listed.
    public let rules: [RuleInfo]
    public let records: [CheckedRecord]
    public let inputErrors: [InputError]

    public init(
        toolName: String = "ctlint", toolVersion: String, rules: [RuleInfo], records: [CheckedRecord],
        inputErrors: [InputError] = []
    ) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.rules = rules
        self.records = records
        self.inputErrors = inputErrors
    }

    /// Every finding, record by record.
    public var diagnostics: [Diagnostic] { records.flatMap(\.diagnostics) }
}

/// Counts of findings by severity, for summary lines.
public struct SeverityCounts: Sendable, Hashable {
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var notes = 0

    public init() {}

    public init(_ diagnostics: some Sequence<Diagnostic>) {
        for diagnostic in diagnostics { add(diagnostic.severity) }
    }

    public mutating func add(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
    }

    public mutating func add(_ other: SeverityCounts) {
        errors += other.errors
        warnings += other.warnings
        notes += other.notes
    }

    /// "2 errors, 1 warning, 0 notes in 3 records".
    public func summary(records: Int) -> String {
        "\(plural(errors, "error")), \(plural(warnings, "warning")), \(plural(notes, "note")) in \(plural(records, "record"))"
    }

    private func plural(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
}
