import Diagnostics
import ScheduleExtraction
import ScheduleModel

/// A value of a result row, as SQLite stores it.
public enum RowValue: Sendable, Hashable {
    case null
    case integer(Int)
    case real(Double)
    case text(String)

    init(_ text: String?) { self = text.map(RowValue.text) ?? .null }
    init(_ number: Int?) { self = number.map(RowValue.integer) ?? .null }
}

/// The tables every sink writes, with their columns in order: the SQLite schema, the CSV headers and
/// the JSON-lines keys all come from here, so the three sinks cannot drift apart.
/// `Docs/scan-database.md` documents each column.
public enum ResultTable: String, Sendable, CaseIterable {
    case scans, inputs, records, facts, diagnostics, failures

    public var columns: [String] {
        switch self {
        case .scans:
            ["id", "started_at", "finished_at", "inputs", "options", "version", "interrupted", "items", "unchanged",
             "records", "failures", "facts", "errors", "warnings", "notes", "bytes", "seconds"]
        case .inputs:
            ["source", "member", "content_hash", "bytes", "records", "failures", "scan_id"]
        case .records:
            ["id", "nct_id", "source", "member", "record_index", "format", "title", "overall_status", "phases",
             "study_type", "facts", "errors", "warnings", "notes", "content_hash", "scan_id"]
        case .facts:
            ["record_id", "seq", "kind", "normalized", "field", "text", "utf8_start", "utf8_end", "rule", "notes",
             "subject", "label", "anchor", "between_administrations"]
        case .diagnostics:
            ["record_id", "seq", "rule", "severity", "field", "line", "col", "end_line", "end_col", "message",
             "notes", "fix", "fix_replacement"]
        case .failures:
            ["id", "source", "member", "record_index", "kind", "message", "line", "col", "scan_id"]
        }
    }
}

/// Turns results into rows of `ResultTable`.
enum Rows {
    static func record(_ r: ScannedRecord, id: Int, scanID: Int) -> [RowValue] {
        [
            .integer(id), RowValue(r.nctID), .text(r.source), RowValue(r.member), .integer(r.recordIndex),
            .text(r.format.rawValue), RowValue(r.title), RowValue(r.overallStatus),
            r.phases.isEmpty ? .null : .text(JSONWriter.array(r.phases.map(JSONText.string))),
            RowValue(r.studyType), .integer(r.facts.count), .integer(r.count(.error)), .integer(r.count(.warning)),
            .integer(r.count(.note)), .text(r.contentHash.description), .integer(scanID),
        ]
    }

    static func fact(_ f: Fact, recordID: Int, seq: Int) -> [RowValue] {
        [
            .integer(recordID), .integer(seq), .text(f.kind.rawValue), .text(f.normalized), .text(f.field.rawValue),
            .text(f.text), .integer(f.utf8Range.lowerBound), .integer(f.utf8Range.upperBound), .text(f.rule),
            f.notes.isEmpty ? .null : .text(JSONWriter.array(f.notes.map(JSONText.string))),
            RowValue(f.subject), RowValue(f.label), RowValue(f.anchor),
            f.between.map { .text(JSONWriter.array($0.map(String.init))) } ?? .null,
        ]
    }

    static func diagnostic(_ d: Diagnostic, recordID: Int, seq: Int) -> [RowValue] {
        var replacement = RowValue.null
        if let r = d.fix?.replacement {
            replacement = .text(
                "{\"start\":[\(r.start.line),\(r.start.column)],\"end\":[\(r.end.line),\(r.end.column)],\"text\":"
                    + JSONText.string(r.text) + "}")
        }
        let notes = d.notes.map { note in
            var members = ["\"message\":" + JSONText.string(note.message)]
            if let path = note.fieldPath { members.append("\"field\":" + JSONText.string(path.rawValue)) }
            if let start = note.start { members.append("\"line\":\(start.line),\"col\":\(start.column)") }
            return "{" + members.joined(separator: ",") + "}"
        }
        return [
            .integer(recordID), .integer(seq), .text(d.ruleID), .text(d.severity.rawValue), RowValue(d.fieldPath?.rawValue),
            RowValue(d.start?.line), RowValue(d.start?.column), RowValue(d.end?.line), RowValue(d.end?.column),
            .text(d.message), notes.isEmpty ? .null : .text(JSONWriter.array(notes)), RowValue(d.fix?.message),
            replacement,
        ]
    }

    static func failure(_ f: ScanFailure, id: Int, scanID: Int) -> [RowValue] {
        [
            .integer(id), .text(f.source), RowValue(f.member), RowValue(f.recordIndex), .text(f.kind.rawValue),
            .text(f.message), RowValue(f.line), RowValue(f.column), .integer(scanID),
        ]
    }

    static func input(_ result: ItemResult, item: InputItem, hash: ContentHash, scanID: Int) -> [RowValue] {
        [
            .text(item.source), RowValue(item.member), .text(hash.description), .integer(item.size),
            .integer(result.records.count), .integer(result.failures.count), .integer(scanID),
        ]
    }

    static func scan(_ info: ScanInfo, id: Int, finishedAt: String?, totals: ScanTotals?) -> [RowValue] {
        let t = totals
        return [
            .integer(id), .text(info.startedAt), RowValue(finishedAt), .text(info.inputsJSON), .text(info.optionsJSON),
            .text(info.toolVersion), RowValue(t.map { $0.interrupted ? 1 : 0 }), RowValue(t?.items),
            RowValue(t?.unchanged), RowValue(t?.records), RowValue(t?.failures), RowValue(t?.facts),
            RowValue(t?.diagnostics.error), RowValue(t?.diagnostics.warning), RowValue(t?.diagnostics.note),
            RowValue(t?.bytes), t.map { .real($0.seconds) } ?? .null,
        ]
    }
}

/// Minimal JSON text for the values the sinks write (strings quoted by the extractor's `JSONText`).
enum JSONWriter {
    static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

    static func value(_ v: RowValue) -> String {
        switch v {
        case .null: "null"
        case .integer(let n): String(n)
        case .real(let x): x.isFinite ? String(x) : "null"
        case .text(let s): JSONText.string(s)
        }
    }

    /// A row as a JSON object keyed by the table's column names, without its first `dropping` columns,
    /// with `leading` members before and `extra` members after.
    static func object(
        _ table: ResultTable, _ row: [RowValue], dropping: Int = 0, leading: [(String, String)] = [],
        extra: [(String, String)] = []
    ) -> String {
        var members = leading.map { JSONText.string($0.0) + ":" + $0.1 }
        members += zip(table.columns, row).dropFirst(dropping).map { JSONText.string($0.0) + ":" + value($0.1) }
        members += extra.map { JSONText.string($0.0) + ":" + $0.1 }
        return "{" + members.joined(separator: ",") + "}"
    }
}
