import Diagnostics
import RegistryModel
import ScheduleModel
import Synchronization

/// What a rule sees: the record, the day it is checked as of, which modules the record holds, and
/// helpers that turn fields into places for findings.
///
/// Partial records: a module-text export of one module, or an API v2 response limited with `fields=`,
/// holds only some modules, and only some fields of those. Rules about values the record states
/// (limits, forms, codes, the coherence of fields that are all present) always run. Rules that conclude
/// anything from a field's absence run only when the record is complete (`isComplete`: it holds a status
/// module with the first submission date, and a design module with a known study type, as every whole
/// record does and field selections seldom do; redacted legacy records, study type "N/A", are not; an
/// upload file, which never carries the registry's dates, is complete unless it is a partial upload;
/// see `Record.isComplete`).
///
/// Registration era: outcome measures, intervention descriptions and the interventional study model
/// became required registration data with FDAAA 801 (27 September 2007). Rules requiring them skip
/// records first submitted before that day (`registeredBeforeFDAAA`), which were registered under the
/// older rules.
///
/// Consistency and protocol rules also see the schedule facts read from the record's text (`facts`), a
/// builder that lays them out (`schedule`), and, for protocol rules, the protocol the record is checked
/// against (`studyProtocol`).
public struct RuleContext: Sendable {
    // The record and the study are lent (`_read`), not returned: a getter would copy the whole record, a
    // value of several kilobytes with every string in it retained, for each rule that reads one field.
    public var record: Record {
        _read { yield shared.record }
    }
    /// The day rules that compare with the calendar treat as today.
    public var today: PartialDate { shared.today }
    /// The schedule facts of the record's text fields, when a rule that reads them runs.
    public var facts: [Fact] { shared.facts }
    /// The protocol the record is checked against (`ctlint check --protocol`).
    public var studyProtocol: StudyProtocol? { shared.studyProtocol }

    /// Lays the record's facts out as a schedule, built the first time a rule asks: few rules need it.
    public var schedule: ScheduleBuilder {
        shared.memo({ $0.builder }, { $0.builder = $1 }) {
            let texts = textFields
            return ScheduleBuilder(facts: facts, texts: texts.index.mapValues { texts.fields[$0].value })
        }
    }
    /// The schedule the record's facts imply (what `ctlint baseline` writes), built the first time a
    /// rule asks: few records need it, and building it costs more than most rules.
    public var statedSchedule: StudyProtocol {
        shared.memo({ $0.stated }, { $0.stated = $1 }) { facts.isEmpty ? StudyProtocol() : schedule.build(study: study.nctId).schedule }
    }
    /// Which modules the record holds, walked the first time a rule asks: only findings about missing
    /// fields and a few design rules do.
    private var modules: [FieldPath: SourcePosition?] {
        shared.memo({ $0.modules }, { $0.modules = $1 }) { ModuleScan.modules(of: study) }
    }
    /// How the arms and interventions refer to each other, resolved the first time a rule asks: four
    /// rules check those references.
    var armReferences: ArmReferences {
        shared.memo({ $0.armReferences }, { $0.armReferences = $1 }) { ArmReferences(study.armsInterventions) }
    }
    /// The schedule text fields, gathered the first time a rule asks for one by path.
    private var textFields: TextFields {
        shared.memo({ $0.texts }, { $0.texts = $1 }) { TextFields(study.scheduleTextFields) }
    }

    /// What the context holds, in one object: every rule is handed the context, and a record is a value
    /// of several kilobytes that would otherwise be copied for each.
    private let shared: Shared

    private final class Shared: Sendable {
        let record: Record
        let today: PartialDate
        let facts: [Fact]
        let studyProtocol: StudyProtocol?
        /// `record.isComplete`, asked once: many rules ask, and asking the stored record copies it.
        let isComplete: Bool
        /// The values rules compute the first time one asks, under one lock: a lock and an object of its
        /// own for each, generic over the value, cost more to make and free for every record than most rules.
        private let memos = Mutex(Memos())

        init(record: consuming Record, today: PartialDate, facts: [Fact], studyProtocol: StudyProtocol?) {
            isComplete = record.isComplete
            self.record = record
            self.today = today
            self.facts = facts
            self.studyProtocol = studyProtocol
        }

        /// The value `read` finds among the memos, or else the one `compute` makes, kept with `keep`.
        ///
        /// The value is computed outside the lock, as one memo is computed from another (the schedule from
        /// the text fields); a value another rule stored meanwhile is the one returned.
        func memo<Value: Sendable>(_ read: (Memos) -> Value?, _ keep: (inout Memos, Value) -> Void, _ compute: () -> Value) -> Value {
            if let value = memos.withLock({ read($0) }) { return value }
            let value = compute()
            return memos.withLock { memos in
                if let stored = read(memos) { return stored }
                keep(&memos, value)
                return value
            }
        }
    }

    /// What `Shared.memo` keeps.
    private struct Memos: Sendable {
        var builder: ScheduleBuilder?
        var stated: StudyProtocol?
        var modules: [FieldPath: SourcePosition?]?
        var texts: TextFields?
        var armReferences: ArmReferences?
    }

    /// The schedule text fields in record order, and the position of each path among them (the first,
    /// should two share a path).
    private struct TextFields: Sendable {
        let fields: [TextField]
        let index: [FieldPath: Int]

        init(_ fields: [TextField]) {
            self.fields = fields
            // Filled in place, sized once, each path hashed once: a list of pairs built first copied every path
            // twice more. From the last field back, so that the first of a path is the one kept.
            var index: [FieldPath: Int] = [:]
            index.reserveCapacity(fields.count)
            for k in fields.indices.reversed() { index[fields[k].path] = k }
            self.index = index
        }
    }

    /// A context that keeps `record`: handed over by a caller done with it, it is kept without a copy.
    public init(record: consuming Record, today: PartialDate, facts: [Fact] = [], protocol studyProtocol: StudyProtocol? = nil) {
        shared = Shared(record: record, today: today, facts: facts, studyProtocol: studyProtocol)
    }

    public var study: Study {
        _read { yield shared.record.study }
    }
    public var format: RecordFormat { shared.record.source.format }
    public var document: SourceDocument {
        _read { yield shared.record.document }
    }

    /// `true` when the record holds at least one value of `module` (a v2 module path).
    public func holds(_ module: FieldPath) -> Bool { modules[module] != nil }

    /// `true` when the record is a whole study rather than a selection of its fields: it gives its first
    /// submission date and a known study type (`Record.isComplete`).
    public var isComplete: Bool { shared.isComplete }

    /// FDAAA 801 was enacted on this day, and with it outcome measures, intervention descriptions and
    /// the interventional study model became required registration data.
    public static let fdaaa = PartialDate(year: 2007, month: 9, day: 27)!

    /// `true` when the record says it was first submitted before FDAAA 801 (`fdaaa`).
    public var registeredBeforeFDAAA: Bool {
        study.status.studyFirstSubmitDate?.value.date?.isCertainlyBefore(RuleContext.fdaaa) ?? false
    }

    /// The study type when it is a known code.
    public var studyType: StudyType? { study.design.studyType?.value.code }

    // MARK: Places

    /// The whole value of `field`.
    public func place<Value>(of field: Field<Value>) -> Place {
        Place(path: field.path, start: field.position, end: field.position.flatMap { document.valueEnd(from: $0) })
    }

    /// The whole value of a text field, its end found by walking the decoded text.
    public func place(of field: TextField) -> Place {
        Place(path: field.path, start: field.position, end: document.position(in: field, utf8Offset: field.value.utf8.count))
    }

    /// The part of a text field from its `scalarOffset`-th Unicode scalar to its end: what lies past a
    /// length limit.
    public func place(of field: TextField, fromScalar scalarOffset: Int) -> Place {
        // Counted in the UTF-8 bytes, where a scalar starts at every byte that is not a continuation byte:
        // stepping a string's scalar view to a limit of thousands cost about a million instructions.
        var text = field.value
        let utf8Offset = text.withUTF8 { bytes in
            var scalars = 0
            for k in bytes.indices where bytes[k] & 0xC0 != 0x80 {
                if scalars == scalarOffset { return k }
                scalars += 1
            }
            return bytes.count
        }
        return Place(
            path: field.path,
            start: document.position(in: field, utf8Offset: utf8Offset),
            end: document.position(in: field, utf8Offset: field.value.utf8.count))
    }

    /// A field the record lacks: it has no position of its own, so the place is the start of its
    /// enclosing module (its first value), or the start of the record.
    public func place(ofMissing path: FieldPath, in module: FieldPath) -> Place {
        let start = modules[module].flatMap { $0 } ?? document.base
        return Place(path: path, start: start)
    }

    /// The text a fact was read from, and where it lies in the file.
    public func place(of fact: Fact) -> Place {
        place(of: fact, bytes: fact.utf8Range)
    }

    /// Bytes `range` of the field a fact was read from.
    public func place(of fact: Fact, bytes range: Range<Int>) -> Place {
        guard let field = textField(at: fact.field) else { return Place(path: fact.field, start: nil) }
        return Place(
            path: fact.field, start: document.position(in: field, utf8Offset: range.lowerBound),
            end: document.position(in: field, utf8Offset: range.upperBound))
    }

    /// `true` when schedule text field `a` comes before field `b` in the record.
    public func precedes(_ a: FieldPath, _ b: FieldPath) -> Bool {
        let order = textFields.index
        return (order[a] ?? Int.max) < (order[b] ?? Int.max)
    }

    /// The schedule text field at `path`.
    public func textField(at path: FieldPath) -> TextField? {
        let texts = textFields
        return texts.index[path].map { texts.fields[$0] }
    }

    /// A note that points at a fact's text.
    public func note(_ message: String, at fact: Fact) -> DiagnosticNote {
        note(message, at: place(of: fact))
    }

    /// A note that points at a place.
    public func note(_ message: String, at place: Place) -> DiagnosticNote {
        DiagnosticNote(message, fieldPath: place.path, start: place.start, end: place.end)
    }

    /// A note that points at another field.
    public func note<Value>(_ message: String, at field: Field<Value>) -> DiagnosticNote {
        let place = place(of: field)
        return DiagnosticNote(message, fieldPath: place.path, start: place.start, end: place.end)
    }
}

/// Finds which modules a study holds, and where each starts, by walking its values.
///
/// Reflection keeps this in step with the model: a field added to a module counts without a list here
/// to update.
enum ModuleScan {
    /// The modules holding at least one value, each with the position of its first value.
    static func modules(of study: Study) -> [FieldPath: SourcePosition?] {
        var scan = FirstPositions()
        study.visitFields(&scan)
        scan.endModule()
        return scan.found
    }

    /// The walk visits a module's fields one after the other, so the first position is kept for the
    /// module at hand and stored when the next one starts, rather than looked up in `found` per field.
    private struct FirstPositions: FieldVisitor {
        var found: [FieldPath: SourcePosition?] = [:]
        private var module: FieldPath?
        /// `nil` before the module's first field; `.some(nil)` while none of its fields has a position.
        private var first: SourcePosition??

        mutating func visit(_ origin: Origin, module: FieldPath) {
            if module != self.module {
                endModule()
                self.module = module
            }
            guard let position = origin.position else {
                if first == nil { first = .some(nil) }
                return
            }
            if let existing = first, let earlier = existing, earlier < position { return }
            first = .some(position)
        }

        /// Stores the module at hand, if any of its fields was visited.
        mutating func endModule() {
            defer { first = nil }
            guard let module, let first else { return }
            guard let stored = found[module] else {
                found[module] = first
                return
            }
            if let position = first, stored.map({ position < $0 }) ?? true { found[module] = .some(position) }
        }
    }
}

extension SourceDocument {
    /// The position just after the raw value that starts at `start`: a JSON string up to its closing
    /// quote or another JSON token up to its delimiter, an XML attribute value up to its quote and XML
    /// character data up to the next tag, a module-text value up to the end of its line.
    func valueEnd(from start: SourcePosition) -> SourcePosition? {
        var index = start.offset - base.offset
        guard index >= 0, index <= bytes.count else { return nil }
        let quoted = escaping == .json && index > 0 && bytes[index - 1] == UInt8(ascii: "\"")
        // An XML attribute value ends at its closing quote, character data at the next tag.
        let attributeQuote: UInt8? =
            escaping == .xml && index > 0 && (bytes[index - 1] == UInt8(ascii: "\"") || bytes[index - 1] == UInt8(ascii: "'"))
            ? bytes[index - 1] : nil
        var line = start.line
        var column = start.column
        while index < bytes.count {
            let byte = bytes[index]
            switch escaping {
            case .json:
                if quoted {
                    if byte == UInt8(ascii: "\"") { return SourcePosition(line: line, column: column, offset: base.offset + index) }
                    if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        index += 2
                        column += 2
                        continue
                    }
                } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte <= 0x20 {
                    return SourcePosition(line: line, column: column, offset: base.offset + index)
                }
            case .xml:
                if byte == (attributeQuote ?? UInt8(ascii: "<")) {
                    return SourcePosition(line: line, column: column, offset: base.offset + index)
                }
            case .verbatim:
                if byte == 0x0A || byte == 0x0D { return SourcePosition(line: line, column: column, offset: base.offset + index) }
            }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column, offset: base.offset + index)
    }
}
