import Diagnostics
import RegistryFormats
import RegistryModel
import ScheduleModel

/// One record read, extracted and checked: what the sinks write as a row of `records` with its
/// `facts` and `diagnostics`.
public struct ScannedRecord: Sendable {
    /// The file or archive the record came from.
    public let source: String
    /// The archive member, or `nil` for a file.
    public let member: String?
    /// The record's 0-based position among the records of its file or member.
    public let recordIndex: Int
    public let nctID: String?
    public let format: RecordFormat
    public let title: String?
    /// The v2 code (`RECRUITING`), or the spelling as written when it is not a known code.
    public let overallStatus: String?
    /// The v2 codes, as written in v2 (`PHASE1`, `PHASE2`).
    public let phases: [String]
    public let studyType: String?
    public let facts: [Fact]
    public let diagnostics: [Diagnostic]
    /// The hash of the record's own bytes.
    public let contentHash: ContentHash

    public init(
        source: String, member: String?, recordIndex: Int, nctID: String?, format: RecordFormat, title: String?,
        overallStatus: String?, phases: [String], studyType: String?, facts: [Fact], diagnostics: [Diagnostic],
        contentHash: ContentHash
    ) {
        self.source = source
        self.member = member
        self.recordIndex = recordIndex
        self.nctID = nctID
        self.format = format
        self.title = title
        self.overallStatus = overallStatus
        self.phases = phases
        self.studyType = studyType
        self.facts = facts
        self.diagnostics = diagnostics
        self.contentHash = contentHash
    }

    /// The diagnostics at `severity`.
    public func count(_ severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}

/// An input, or a record inside one, that could not be read: a row of `failures`.
public struct ScanFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The path does not exist, or cannot be opened or read.
        case io
        /// The file holds nothing but white space.
        case empty
        /// The content is in none of the formats ctlint reads.
        case unknownFormat = "unknown-format"
        /// The bytes are not UTF-8.
        case encoding
        /// Not well-formed JSON or XML, or cut short.
        case malformed
        /// Well formed, but not a registry record.
        case notARecord = "not-a-record"
        /// Larger than the limit for one record.
        case tooLarge = "too-large"
        /// Nested deeper than the limit.
        case tooDeep = "too-deep"
        /// A DTD or an entity, which ctlint refuses.
        case forbidden
        /// A zip archive without a readable central directory: nothing in it can be read.
        case corruptArchive = "corrupt-archive"
        /// A zip member whose bytes cannot be decompressed or fail their CRC check.
        case corruptMember = "corrupt-member"

        init(_ kind: ReadError.Kind) {
            switch kind {
            case .io: self = .io
            case .empty: self = .empty
            case .unknownFormat: self = .unknownFormat
            case .encoding: self = .encoding
            case .malformed: self = .malformed
            case .notARecord: self = .notARecord
            case .tooLarge: self = .tooLarge
            case .tooDeep: self = .tooDeep
            case .forbidden: self = .forbidden
            }
        }
    }

    /// The file, folder or archive.
    public let source: String
    /// The archive member, or `nil`.
    public let member: String?
    /// The 0-based position of the record in its file, when the failure is one record's among others.
    public let recordIndex: Int?
    public let kind: Kind
    public let message: String
    public let line: Int?
    public let column: Int?

    public init(
        source: String, member: String? = nil, recordIndex: Int? = nil, kind: Kind, message: String,
        line: Int? = nil, column: Int? = nil
    ) {
        self.source = source
        self.member = member
        self.recordIndex = recordIndex
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    /// A reader's error about the item `item`.
    init(_ error: ReadError, item: InputItem, recordIndex: Int?) {
        self.init(
            source: item.source, member: item.member, recordIndex: recordIndex, kind: Kind(error.kind),
            message: error.message, line: error.position?.line, column: error.position?.column)
    }

    /// `file:line:column: error: message`, with `archive.zip!/member` as the file of a member.
    public var description: String {
        var place = member.map { source + "!/" + $0 } ?? source
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(place): error: \(message)"
    }
}

/// A `ScanFailure` thrown.
struct ScanFailureError: Error {
    let failure: ScanFailure

    init(_ failure: ScanFailure) {
        self.failure = failure
    }
}

/// Everything one input item gave: its records and failures, or the news that it is unchanged since
/// the last scan into the same database.
public struct ItemResult: Sendable {
    /// The item, or `nil` for a failure of a whole input (a path that does not exist, a damaged archive).
    public let item: InputItem?
    /// The hash of the item's bytes, when they were read.
    public let contentHash: ContentHash?
    public let records: [ScannedRecord]
    public let failures: [ScanFailure]
    /// `true` when the item's bytes have the hash stored by an earlier scan, so it was not read again.
    public let unchanged: Bool
    /// `true` when an earlier scan stored rows for this item, which the sink replaces.
    public let replacesEarlierRows: Bool

    public init(
        item: InputItem?, contentHash: ContentHash?, records: [ScannedRecord], failures: [ScanFailure],
        unchanged: Bool = false, replacesEarlierRows: Bool = false
    ) {
        self.item = item
        self.contentHash = contentHash
        self.records = records
        self.failures = failures
        self.unchanged = unchanged
        self.replacesEarlierRows = replacesEarlierRows
    }
}
