import RegistryModel

/// Renders a check as a SARIF 2.1.0 log, for code-scanning tools.
///
/// One run; `tool.driver.rules` lists every rule that ran with its summary, rationale and default
/// level, and each result refers to its rule by id and index. Columns are Unicode scalars
/// (`columnKind: unicodeCodePoints`), as in every other ctlint output; `endColumn` is exclusive.
/// The field a finding is about is its logical location (the API v2 field path). Files that could not
/// be read are tool execution notifications, and make `executionSuccessful` false.
public struct SARIFRenderer: Sendable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public init() {}

    public func render(_ report: CheckReport) -> String {
        let ruleIndex = Dictionary(report.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver(report))])),
            ("invocations", .array([invocation(report)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(report.diagnostics.map { result($0, ruleIndex: ruleIndex[$0.ruleID]) })),
        ])
        let log: JSONValue = .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.serialized() + "\n"
    }

    private func driver(_ report: CheckReport) -> JSONValue {
        .object([
            ("name", .string(report.toolName)),
            ("version", .string(report.toolVersion)),
            ("rules", .array(report.rules.map(rule))),
        ])
    }

    private func rule(_ info: RuleInfo) -> JSONValue {
        .object([
            ("id", .string(info.id)),
            ("name", .string(Self.pascalCase(info.id))),
            ("shortDescription", .object([("text", .string(info.summary))])),
            ("fullDescription", .object([("text", .string(info.rationale))])),
            ("help", .object([("text", .string("\(info.rationale) Source: \(info.source)."))])),
            ("defaultConfiguration", .object([("level", .string(info.defaultSeverity.rawValue))])),
            ("properties", .object([("family", .string(info.family)), ("source", .string(info.source))])),
        ])
    }

    private func invocation(_ report: CheckReport) -> JSONValue {
        var members: [(String, JSONValue)] = [("executionSuccessful", .bool(report.inputErrors.isEmpty))]
        if !report.inputErrors.isEmpty {
            members.append(("toolExecutionNotifications", .array(report.inputErrors.map(notification))))
        }
        return .object(members)
    }

    private func notification(_ error: CheckReport.InputError) -> JSONValue {
        .object([
            ("level", .string("error")),
            ("message", .object([("text", .string(error.message))])),
            ("locations", .array([location(file: error.file, start: error.start, end: nil, fieldPath: nil)])),
        ])
    }

    private func result(_ diagnostic: Diagnostic, ruleIndex: Int?) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(diagnostic.ruleID))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members.append(("level", .string(diagnostic.severity.rawValue)))
        members.append(("message", .object([("text", .string(diagnostic.message))])))
        members.append((
            "locations",
            .array([location(file: diagnostic.file, start: diagnostic.start, end: diagnostic.end, fieldPath: diagnostic.fieldPath)])
        ))
        let placedNotes = diagnostic.notes.filter { $0.start != nil }
        if !placedNotes.isEmpty {
            members.append((
                "relatedLocations",
                .array(placedNotes.enumerated().map { index, note in
                    var related = location(file: diagnostic.file, start: note.start, end: note.end, fieldPath: note.fieldPath)
                    if case .object(var parts) = related {
                        parts.insert(("id", .int(index + 1)), at: 0)
                        parts.append(("message", .object([("text", .string(note.message))])))
                        related = .object(parts)
                    }
                    return related
                })
            ))
        }
        if let fix = diagnostic.fix, let replacement = fix.replacement {
            members.append(("fixes", .array([self.fix(fix, replacement, file: diagnostic.file)])))
        }
        var properties: [(String, JSONValue)] = [("record", .int(diagnostic.recordIndex))]
        if let nctID = diagnostic.nctID { properties.append(("nctId", .string(nctID))) }
        let plainNotes = diagnostic.notes.filter { $0.start == nil }.map { JSONValue.string($0.message) }
        if !plainNotes.isEmpty { properties.append(("notes", .array(plainNotes))) }
        if let fix = diagnostic.fix, fix.replacement == nil { properties.append(("suggestion", .string(fix.message))) }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    private func fix(_ fix: FixIt, _ replacement: FixIt.Replacement, file: String) -> JSONValue {
        .object([
            ("description", .object([("text", .string(fix.message))])),
            ("artifactChanges", .array([
                .object([
                    ("artifactLocation", .object([("uri", .string(Self.uri(file)))])),
                    ("replacements", .array([
                        .object([
                            ("deletedRegion", region(start: replacement.start, end: replacement.end)),
                            ("insertedContent", .object([("text", .string(replacement.text))])),
                        ])
                    ])),
                ])
            ])),
        ])
    }

    private func location(file: String, start: SourcePosition?, end: SourcePosition?, fieldPath: FieldPath?) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(Self.uri(file)))]))]
        if let start { physical.append(("region", region(start: start, end: end))) }
        var members: [(String, JSONValue)] = [("physicalLocation", .object(physical))]
        if let fieldPath {
            members.append((
                "logicalLocations",
                .array([.object([("fullyQualifiedName", .string(fieldPath.rawValue)), ("kind", .string("property"))])])
            ))
        }
        return .object(members)
    }

    private func region(start: SourcePosition, end: SourcePosition?) -> JSONValue {
        var members: [(String, JSONValue)] = [("startLine", .int(start.line)), ("startColumn", .int(start.column))]
        if let end, end >= start {
            members.append(("endLine", .int(end.line)))
            members.append(("endColumn", .int(end.column)))
        }
        return .object(members)
    }

    /// A relative or absolute path as a URI reference: unreserved characters and `/` kept, the rest
    /// percent-encoded; standard input is `stdin`.
    static func uri(_ path: String) -> String {
        if path == "-" { return "stdin" }
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }

    /// `brief-summary-too-long` → `BriefSummaryTooLong`, SARIF's human-readable rule name.
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
