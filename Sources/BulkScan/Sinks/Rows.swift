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

/// Receives one row of a `ResultTable`, value by value in the order of its columns: the SQLite sink
/// binds the values as they come (`RowBinder`), the JSON-lines and CSV sinks collect them
/// (`RowValues`). `Rows` writes every row through this, so all sinks share one column order.
protocol RowWriter {
    mutating func null()
    mutating func integer(_ n: Int)
    mutating func real(_ x: Double)
    mutating func text(_ s: String)
    /// The texts as a JSON array of strings (`["PHASE1","PHASE2"]`).
    mutating func jsonArray(strings: [String])
    /// The numbers as a JSON array (`[1,2]`).
    mutating func jsonArray(integers: [Int])
    /// The hash's 16 hexadecimal digits.
    mutating func text(_ hash: ContentHash)
}

extension RowWriter {
    mutating func text(_ s: String?) {
        if let s { text(s) } else { null() }
    }

    mutating func integer(_ n: Int?) {
        if let n { integer(n) } else { null() }
    }

    mutating func value(_ v: RowValue) {
        switch v {
        case .null: null()
        case .integer(let n): integer(n)
        case .real(let x): real(x)
        case .text(let s): text(s)
        }
    }
}

/// A row collected as `RowValue`s, for the sinks that write text.
struct RowValues: RowWriter {
    var values: [RowValue] = []

    mutating func null() { values.append(.null) }
    mutating func integer(_ n: Int) { values.append(.integer(n)) }
    mutating func real(_ x: Double) { values.append(.real(x)) }
    mutating func text(_ s: String) { values.append(.text(s)) }
    mutating func jsonArray(strings: [String]) { values.append(.text(JSONWriter.array(strings.map(JSONText.string)))) }
    mutating func jsonArray(integers: [Int]) { values.append(.text(JSONWriter.array(integers.map(String.init)))) }
    mutating func text(_ hash: ContentHash) { values.append(.text(hash.description)) }
}

/// Turns results into rows of `ResultTable`.
enum Rows {
    static func record(_ r: ScannedRecord, id: Int, scanID: Int) -> [RowValue] {
        var row = RowValues()
        record(r, id: id, scanID: scanID, into: &row)
        return row.values
    }

    static func record<W: RowWriter>(_ r: borrowing ScannedRecord, id: Int, scanID: Int, into row: inout W) {
        var tally = SeverityTally()
        for diagnostic in r.diagnostics { tally.add(diagnostic.severity) }
        row.integer(id)
        row.text(r.nctID)
        row.text(r.source)
        row.text(r.member)
        row.integer(r.recordIndex)
        row.text(r.format.rawValue)
        row.text(r.title)
        row.text(r.overallStatus)
        if r.phases.isEmpty { row.null() } else { row.jsonArray(strings: r.phases) }
        row.text(r.studyType)
        row.integer(r.facts.count)
        row.integer(tally.error)
        row.integer(tally.warning)
        row.integer(tally.note)
        row.text(r.contentHash)
        row.integer(scanID)
    }

    static func fact(_ f: Fact, recordID: Int, seq: Int) -> [RowValue] {
        var row = RowValues()
        fact(f, recordID: recordID, seq: seq, into: &row)
        return row.values
    }

    static func fact<W: RowWriter>(_ f: borrowing Fact, recordID: Int, seq: Int, into row: inout W) {
        row.integer(recordID)
        row.integer(seq)
        row.text(f.kind.rawValue)
        row.text(f.normalized)
        row.text(f.field.rawValue)
        row.text(f.text)
        row.integer(f.utf8Range.lowerBound)
        row.integer(f.utf8Range.upperBound)
        row.text(f.rule)
        if f.notes.isEmpty { row.null() } else { row.jsonArray(strings: f.notes) }
        row.text(f.subject)
        row.text(f.label)
        row.text(f.anchor)
        if let between = f.between { row.jsonArray(integers: between) } else { row.null() }
    }

    static func diagnostic(_ d: Diagnostic, recordID: Int, seq: Int) -> [RowValue] {
        var row = RowValues()
        diagnostic(d, recordID: recordID, seq: seq, into: &row)
        return row.values
    }

    static func diagnostic<W: RowWriter>(_ d: borrowing Diagnostic, recordID: Int, seq: Int, into row: inout W) {
        row.integer(recordID)
        row.integer(seq)
        row.text(d.ruleID)
        row.text(d.severity.rawValue)
        row.text(d.fieldPath?.rawValue)
        row.integer(d.start?.line)
        row.integer(d.start?.column)
        row.integer(d.end?.line)
        row.integer(d.end?.column)
        row.text(d.message)
        if d.notes.isEmpty {
            row.null()
        } else {
            row.text(JSONWriter.array(d.notes.map { note in
                var members = ["\"message\":" + JSONText.string(note.message)]
                if let path = note.fieldPath { members.append("\"field\":" + JSONText.string(path.rawValue)) }
                if let start = note.start { members.append("\"line\":\(start.line),\"col\":\(start.column)") }
                return "{" + members.joined(separator: ",") + "}"
            }))
        }
        row.text(d.fix?.message)
        if let r = d.fix?.replacement {
            row.text(
                "{\"start\":[\(r.start.line),\(r.start.column)],\"end\":[\(r.end.line),\(r.end.column)],\"text\":"
                    + JSONText.string(r.text) + "}")
        } else {
            row.null()
        }
    }

    static func failure(_ f: ScanFailure, id: Int, scanID: Int) -> [RowValue] {
        var row = RowValues()
        failure(f, id: id, scanID: scanID, into: &row)
        return row.values
    }

    static func failure<W: RowWriter>(_ f: ScanFailure, id: Int, scanID: Int, into row: inout W) {
        row.integer(id)
        row.text(f.source)
        row.text(f.member)
        row.integer(f.recordIndex)
        row.text(f.kind.rawValue)
        row.text(f.message)
        row.integer(f.line)
        row.integer(f.column)
        row.integer(scanID)
    }

    static func input(_ result: ItemResult, item: InputItem, hash: ContentHash, scanID: Int) -> [RowValue] {
        var row = RowValues()
        input(result, item: item, hash: hash, scanID: scanID, into: &row)
        return row.values
    }

    static func input<W: RowWriter>(_ result: ItemResult, item: InputItem, hash: ContentHash, scanID: Int, into row: inout W) {
        row.text(item.source)
        row.text(item.member)
        row.text(hash)
        row.integer(item.size)
        row.integer(result.records.count)
        row.integer(result.failures.count)
        row.integer(scanID)
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
