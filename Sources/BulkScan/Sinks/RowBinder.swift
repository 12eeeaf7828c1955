import GRDB
import GRDBSQLite
import ScheduleExtraction

/// Binds rows to a prepared statement with SQLite's own calls, and runs it.
///
/// The texts of a row are copied into one buffer that lives as long as the sink, and bound from there
/// as `SQLITE_STATIC`, so that a row costs neither an array of values nor a copy of each text made by
/// SQLite (`SQLITE_TRANSIENT`): a scan writes millions of rows, most of them facts of 14 columns.
/// A binder can hold several rows (`add`), which one statement of as many `VALUES` rows inserts.
struct RowBinder: RowWriter {
    private enum Cell {
        case null
        case integer(Int64)
        case real(Double)
        /// Bytes `start..<end` of `bytes`.
        case text(start: Int, end: Int)
    }

    private var cells: [Cell] = []
    /// Starts with one byte that is never bound, so that the buffer's address exists even when every
    /// text of a row is empty (SQLite stores NULL for a text bound without an address).
    private var bytes: [UInt8] = [0]
    /// Leading values to leave out: the `id` column of tables whose ids SQLite assigns.
    private var skipping = 0

    init() {
        cells.reserveCapacity(24)
        bytes.reserveCapacity(1 << 16)
    }

    /// Starts a row, leaving out its first `dropping` values.
    mutating func begin(dropping: Int = 0) {
        clear()
        skipping = dropping
    }

    /// Starts a further row after those held.
    mutating func add() {
        skipping = 0
    }

    /// Drops every row held.
    mutating func clear() {
        cells.removeAll(keepingCapacity: true)
        bytes.removeSubrange(1...)
    }

    /// The number of values held.
    var count: Int { cells.count }

    private mutating func append(_ cell: Cell) {
        if skipping > 0 {
            skipping -= 1
        } else {
            cells.append(cell)
        }
    }

    mutating func null() { append(.null) }
    mutating func integer(_ n: Int) { append(.integer(Int64(n))) }
    mutating func real(_ x: Double) { append(.real(x)) }

    mutating func text(_ s: String) {
        let start = bytes.count
        // A native string lends its UTF-8 in place, and appending a buffer is one copy; appending the
        // UTF-8 view itself goes through the generic sequence path (about three times the instructions).
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: s.utf8)
        }
        append(.text(start: start, end: bytes.count))
    }

    mutating func jsonArray(strings: [String]) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "["))
        for (i, element) in strings.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONText.append(element, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        append(.text(start: start, end: bytes.count))
    }

    mutating func jsonArray(integers: [Int]) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "["))
        for (i, element) in integers.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: String(element).utf8)
        }
        bytes.append(UInt8(ascii: "]"))
        append(.text(start: start, end: bytes.count))
    }

    mutating func text(_ hash: ContentHash) {
        let start = bytes.count
        let digits: StaticString = "0123456789abcdef"
        for shift in stride(from: 60, through: 0, by: -4) {
            bytes.append(digits.utf8Start[Int((hash.value >> UInt64(shift)) & 0xF)])
        }
        append(.text(start: start, end: bytes.count))
    }

    /// Binds the values held (or those in `range`) to `statement`'s parameters in order, runs it, and
    /// leaves the statement reset with no values bound (none of them point into the buffer any more).
    func run(_ statement: Statement, _ db: Database, values range: Range<Int>? = nil) throws(StatementFailure) {
        let handle = statement.sqliteStatement
        let range = range ?? cells.indices
        let status: Int32 = bytes.withUnsafeBufferPointer { buffer in
            // `bytes` is never empty, so the base address exists.
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var index: Int32 = 1
            for cell in cells[range] {
                let status: Int32
                switch cell {
                case .null: status = sqlite3_bind_null(handle, index)
                case .integer(let n): status = sqlite3_bind_int64(handle, index, n)
                case .real(let x): status = sqlite3_bind_double(handle, index, x)
                case .text(let start, let end):
                    // No destructor: SQLite's `SQLITE_STATIC`, the bytes stay put until the statement has run.
                    status = sqlite3_bind_text(handle, index, base + start, Int32(end - start), nil)
                }
                guard status == SQLITE_OK else { return status }
                index += 1
            }
            let stepped = sqlite3_step(handle)
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            return stepped == SQLITE_DONE ? SQLITE_OK : stepped
        }
        guard status == SQLITE_OK else { throw StatementFailure(statement, db) }
    }
}

/// SQLite's message for a statement that failed; the sink adds the database's path.
struct StatementFailure: Error {
    let message: String

    init(message: String) {
        self.message = message
    }

    init(_ statement: Statement, _ db: Database) {
        var message = "unknown SQLite error"
        if let connection = db.sqliteConnection, let text = sqlite3_errmsg(connection) { message = String(cString: text) }
        self.message = message + " (in \(statement.sql))"
    }
}
