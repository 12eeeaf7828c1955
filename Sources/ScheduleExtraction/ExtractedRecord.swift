import RegistryModel
import ScheduleModel

/// The facts of one record, in the shape the facts contract gives `ctlint extract`:
/// `{"nctId", "source": {"path", "format"}, "facts": [...]}`.
public struct ExtractedRecord: Sendable, Encodable {
    public let nctId: String?
    public let source: Source
    public let facts: [Fact]

    public struct Source: Sendable, Encodable {
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

    private enum CodingKeys: String, CodingKey { case nctId, source, facts }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nctId, forKey: .nctId)
        try c.encode(source, forKey: .source)
        try c.encode(facts, forKey: .facts)
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
