import RegistryModel
import ScheduleModel

/// The facts of one record, in the shape the facts contract gives `ctlint extract`:
/// `{"nctId", "source": {"path", "format"}, "facts": [...]}`.
public struct ExtractedRecord: Sendable {
    public let nctId: String?
    public let source: Source
    public let facts: [Fact]

    public struct Source: Sendable {
        public let path: String
        public let format: RecordFormat
    }

    public init(nctId: String?, path: String, format: RecordFormat, facts: [Fact]) {
        self.nctId = nctId
        self.source = Source(path: path, format: format)
        self.facts = facts
    }

    /// Reads a record's facts with `extractor`.
    public init(_ record: Record, extractor: ScheduleExtractor) {
        self.init(
            nctId: record.study.nctId, path: record.source.path, format: record.source.format,
            facts: extractor.extract(record.study))
    }

    /// The record as JSON in the contract's key order: `nctId`, `source`, `facts`, and in each fact `kind`,
    /// `normalized`, `field`, `text`, `utf8Range`, `rule`, `notes`, then `subject`, `label`, `anchor` and
    /// `between` where present. Compact on one line, or indented by two spaces.
    public func json(pretty: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(256 + facts.count * 256)
        let nl = pretty ? "\n" : ""
        func indent(_ n: Int) -> String { pretty ? String(repeating: "  ", count: n) : "" }
        let colon = pretty ? ": " : ":"
        out += "{" + nl + indent(1) + JSONText.string("nctId") + colon + (nctId.map(JSONText.string) ?? "null") + "," + nl
        out += indent(1) + JSONText.string("source") + colon + "{" + JSONText.string("path") + colon
            + JSONText.string(source.path) + "," + (pretty ? " " : "") + JSONText.string("format") + colon
            + JSONText.string(source.format.rawValue) + "}," + nl
        out += indent(1) + JSONText.string("facts") + colon + "["
        for (k, fact) in facts.enumerated() {
            out += (k == 0 ? "" : ",") + nl + indent(2) + "{"
            var members: [(String, String)] = [
                ("kind", JSONText.string(fact.kind.rawValue)), ("normalized", JSONText.string(fact.normalized)),
                ("field", JSONText.string(fact.field.rawValue)), ("text", JSONText.string(fact.text)),
                ("utf8Range", "[\(fact.utf8Range.lowerBound)," + (pretty ? " " : "") + "\(fact.utf8Range.upperBound)]"),
                ("rule", JSONText.string(fact.rule)),
                ("notes", "[" + fact.notes.map(JSONText.string).joined(separator: pretty ? ", " : ",") + "]"),
            ]
            if let subject = fact.subject { members.append(("subject", JSONText.string(subject))) }
            if let label = fact.label { members.append(("label", JSONText.string(label))) }
            if let anchor = fact.anchor { members.append(("anchor", JSONText.string(anchor))) }
            if let between = fact.between {
                members.append(("between", "[" + between.map(String.init).joined(separator: pretty ? ", " : ",") + "]"))
            }
            out += members.map { nl + indent(3) + JSONText.string($0.0) + colon + $0.1 }.joined(separator: ",")
            out += nl + indent(2) + "}"
        }
        out += (facts.isEmpty ? "" : nl + indent(1)) + "]" + nl + "}"
        return out
    }

    /// A readable table of the facts, grouped by field: kind, normal form, the text as written, the rule,
    /// and the label, anchor, subject and notes where there are any.
    public var table: String {
        var out = "\(nctId ?? "(no NCT ID)")  \(source.path) (\(source.format))\n"
        if facts.isEmpty { out += "  no facts\n" }
        var field: FieldPath?
        let kindWidth = FactKind.allCases.map(\.rawValue.count).max() ?? 0
        let valueWidth = min(24, facts.map(\.normalized.count).max() ?? 0)
        for fact in facts {
            if fact.field != field {
                field = fact.field
                out += "  \(fact.field)\n"
            }
            let text = "«" + fact.text.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "»"
            var extras: [String] = []
            if let label = fact.label { extras.append("label \(label)") }
            if let anchor = fact.anchor { extras.append("anchor \(anchor)") }
            if let between = fact.between { extras.append("between \(between.map(String.init).joined(separator: ","))") }
            if let subject = fact.subject { extras.append("subject \(subject)") }
            extras += fact.notes.map { "note \($0)" }
            out += "    " + pad(fact.kind.rawValue, kindWidth) + "  " + pad(fact.normalized, valueWidth) + "  " + text
                + "  [\(fact.rule)]" + (extras.isEmpty ? "" : "  " + extras.joined(separator: "; ")) + "\n"
        }
        return out
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
}

/// JSON text for strings: quotes, backslashes and control characters escaped, everything else as is.
///
/// Public so that the scan's JSON lines and JSON columns quote strings exactly as `ctlint extract` does.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    public static func string(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        append(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `s` as a JSON string literal, quotes included, appended to `bytes`: the five escapes `\"`, `\\`,
    /// `\n`, `\r`, `\t`, `\u00xx` for the other control characters, every other byte as it is.
    public static func append(_ s: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case ..<0x20:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
