import RegistryModel

/// Renders diagnostics as a JSON array, one object per diagnostic with every field, for `--format json`.
///
/// Shape (keys always present, in this order; absent values are `null`):
///
/// ```json
/// [
///   {
///     "ruleId": "brief-summary-too-long",
///     "severity": "error",                    // "error" | "warning" | "note"
///     "message": "…",
///     "file": "NCT01234567.json",
///     "record": 0,                            // 0-based index of the record in its file
///     "nctId": "NCT01234567",                 // or null
///     "fieldPath": "protocolSection.descriptionModule.briefSummary",  // or null
///     "start": { "line": 12, "column": 5023, "offset": 5310 },         // or null
///     "end": { "line": 12, "column": 5190, "offset": 5477 },           // exclusive; or null
///     "notes": [ { "message": "…", "fieldPath": …, "start": …, "end": … } ],
///     "fix": { "message": "…", "replacement": { "start": …, "end": …, "text": "…" } }  // replacement or fix may be null
///   }
/// ]
/// ```
///
/// Lines and columns are 1-based, columns count Unicode scalars; `offset` is the 0-based UTF-8 byte
/// offset in the file.
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ diagnostics: [Diagnostic]) -> String {
        JSONValue.array(diagnostics.map(Self.json)).serialized() + "\n"
    }

    static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("ruleId", .string(diagnostic.ruleID)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", .string(diagnostic.file)),
            ("record", .int(diagnostic.recordIndex)),
            ("nctId", .optional(diagnostic.nctID)),
            ("fieldPath", .optional(diagnostic.fieldPath?.rawValue)),
            ("start", json(diagnostic.start)),
            ("end", json(diagnostic.end)),
            ("notes", .array(diagnostic.notes.map(json))),
            ("fix", diagnostic.fix.map(json) ?? .null),
        ])
    }

    static func json(_ position: SourcePosition?) -> JSONValue {
        guard let position else { return .null }
        return .object([("line", .int(position.line)), ("column", .int(position.column)), ("offset", .int(position.offset))])
    }

    static func json(_ note: DiagnosticNote) -> JSONValue {
        .object([
            ("message", .string(note.message)),
            ("fieldPath", .optional(note.fieldPath?.rawValue)),
            ("start", json(note.start)),
            ("end", json(note.end)),
        ])
    }

    static func json(_ fix: FixIt) -> JSONValue {
        let replacement: JSONValue = fix.replacement.map {
            .object([("start", json($0.start)), ("end", json($0.end)), ("text", .string($0.text))])
        } ?? .null
        return .object([("message", .string(fix.message)), ("replacement", replacement)])
    }
}
