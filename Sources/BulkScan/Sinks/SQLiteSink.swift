import Foundation
import GRDB
import GRDBSQLite

/// Writes a scan into a SQLite database (through GRDB), in the schema `Docs/scan-database.md` documents.
///
/// The database is in WAL mode; results are written in batches, each in one transaction, through
/// prepared statements. A scan into a database that already holds an earlier scan adds to it: an
/// input whose bytes are unchanged is skipped (the workers ask `earlierScans`), and a changed one has
/// its old rows replaced. Everything committed is a consistent state, so a scan stopped half-way
/// leaves a valid database holding what was done.
///
/// Each result is written as soon as it comes, into the batch's open transaction, while its values are
/// still in the processor's caches; the transaction is committed when the batch is full. The writer
/// connection keeps the transaction open between calls (GRDB's `allowsUnsafeTransactions`), and only
/// this class uses that connection. Facts and diagnostics are inserted `rowsPerInsert` at a time, by
/// one statement of as many `VALUES` rows: SQLite then keeps its cursor on the table's last page
/// between rows instead of seeking the key from the root for each, and runs the statement's set-up
/// once: a fact's insert takes 8,000 instructions instead of 11,700 (callgrind, 40,000 facts of the
/// bench corpus; 16 rows per statement save nearly as much, 64 hardly more). The rows held back are
/// inserted before every commit, so a transaction still holds whole items.
public final class SQLiteSink: ScanSink {
    /// The schema version, kept in `PRAGMA user_version`.
    public static let schemaVersion = 1

    public let path: String
    private let pool: DatabasePool
    private var scanID = 0
    private var info = ScanInfo(startedAt: "", inputs: [], options: [], toolVersion: "")
    /// The statements that write results, prepared on the writer connection at the first result.
    private var statements: Statements?
    /// Reused for every row, so that its buffers grow once.
    private var row = RowBinder()
    /// Facts and diagnostics not yet inserted: fewer than `rowsPerInsert` of each.
    private var pendingFacts = PendingRows(table: .facts)
    private var pendingDiagnostics = PendingRows(table: .diagnostics)
    /// Rows inserted by one statement, for facts and diagnostics.
    static let rowsPerInsert = 32
    /// Items and rows written in the open transaction, and when it began.
    private var batchItems = 0
    private var batchRows = 0
    private var batchStart = ContinuousClock.now
    /// Items per transaction at most, rows (records, facts, diagnostics) per transaction at most, and
    /// the longest a transaction stays open, so that a scan stopped by a crash loses little.
    private let maxBatchItems = 2_000
    private let maxBatchRows = 50_000
    private let maxBatchTime = Duration.seconds(2)

    public let earlierScans: (any EarlierScanIndex)?
    private let sortingThreads: Int

    /// Opens or creates the database at `path`. The lookup indexes at the end of the scan are sorted with
    /// up to `sortingThreads` threads besides the writer's own (SQLite's `PRAGMA threads`): the scan's
    /// workers are done by then, and their cores would otherwise stand idle.
    public init(path: String, sortingThreads: Int = 0) throws(SinkError) {
        self.path = path
        self.sortingThreads = max(0, sortingThreads)
        var configuration = Configuration()
        // The writer keeps the references right by construction (a fact's `record_id` is the row it has
        // just inserted), so SQLite need not look up the parent row of each of a scan's million rows:
        // that costs about a tenth of the inserts. Replacing an item's rows deletes its facts and findings
        // itself instead of through `ON DELETE CASCADE`.
        configuration.foreignKeysEnabled = false
        configuration.label = "ctlint-scan"
        configuration.allowsUnsafeTransactions = true
        // In a database that holds an earlier scan, the lookup indexes take rows in no particular order;
        // with SQLite's default 2 MB page cache, a scan of a few hundred thousand records rereads and
        // rewrites index pages for most inserts. 64 MB holds them, well inside a scan's memory bound. A new
        // database gets its lookup indexes only at the end, and its tables take rows at their ends, so its
        // writer keeps a smaller cache (`appendingCacheKiB`).
        // In WAL mode, NORMAL syncs the log only when it is folded into the database: a killed process
        // loses nothing committed, a power loss at most the last batches, and neither corrupts the file
        // (Docs/scan-database.md says why this and not the other settings).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -\(SQLiteSink.pageCacheKiB)")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let hasInputs = try pool.write { db in
                try SQLiteSink.prepareSchema(db, path: path)
                let hasInputs = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM inputs)") ?? false
                // A scan that was killed before it finished may have left its lookup indexes unbuilt; a
                // scan that replaces its rows needs them.
                if hasInputs {
                    try SQLiteSink.createLookupIndexes(db, sortingThreads: 0)
                } else {
                    try db.execute(sql: "PRAGMA cache_size = -\(SQLiteSink.appendingCacheKiB)")
                }
                return hasInputs
            }
            // A new database has nothing to compare with: the workers need not ask, and the lookup
            // indexes are built once at the end, from the sorted rows, instead of row by row.
            earlierScans = hasInputs ? StoredHashes(path: path) : nil
        } catch let error as SinkError {
            throw error
        } catch {
            throw SinkError(path: path, message: "cannot open as a SQLite database: \(SQLiteSink.describe(error))")
        }
    }

    deinit {
        // Finalized while their connection is open, so that it closes cleanly.
        statements = nil
    }

    public func begin(_ scan: ScanInfo) throws {
        info = scan
        try guarded {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO scans (started_at, inputs, options, version) VALUES (?, ?, ?, ?)",
                    arguments: [scan.startedAt, scan.inputsJSON, scan.optionsJSON, scan.toolVersion])
                scanID = Int(db.lastInsertedRowID)
            }
        }
    }

    public func write(_ result: ItemResult) throws {
        try guarded {
            try pool.writeWithoutTransaction { db in
                if statements == nil { statements = try Statements(db) }
                if !db.isInsideTransaction {
                    try db.beginTransaction(.immediate)
                    batchItems = 0
                    batchRows = 0
                    batchStart = ContinuousClock.now
                }
                do {
                    batchRows += try write(result, with: statements!, into: &row, db)
                    batchItems += 1
                    if batchItems >= maxBatchItems || batchRows >= maxBatchRows || ContinuousClock.now - batchStart > maxBatchTime {
                        try insertPending(with: statements!, db)
                        try db.commit()
                    }
                } catch {
                    // Only whole batches are kept: the database stays as the last commit left it.
                    pendingFacts.clear()
                    pendingDiagnostics.clear()
                    try SQLiteSink.rollBack(db, after: error)
                }
            }
        }
    }

    public func finish(_ totals: ScanTotals) throws {
        try guarded {
            try pool.writeWithoutTransaction { db in
                if db.isInsideTransaction {
                    do {
                        if let statements { try insertPending(with: statements, db) }
                        try db.commit()
                    } catch {
                        try SQLiteSink.rollBack(db, after: error)
                    }
                }
            }
            statements = nil
            try pool.write { db in
                // `begin` wrote the columns up to `version`; the rest are known now.
                let row = Rows.scan(info, id: scanID, finishedAt: utcTimestamp(), totals: totals)
                let columns = ResultTable.scans.columns
                let later = [2] + Array(6..<columns.count)
                try db.execute(
                    sql: "UPDATE scans SET \(later.map { columns[$0] + " = ?" }.joined(separator: ", ")) WHERE id = ?",
                    arguments: StatementArguments(later.map { row[$0].databaseValue } + [Int64(scanID).databaseValue]))
                try SQLiteSink.createLookupIndexes(db, sortingThreads: sortingThreads)
            }
            // Fold the write-ahead log into the database file, so that the file alone is the result.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
    }

    /// Rolls the open transaction back after `error` (SQLite may have done so already, as after a
    /// failed commit), and throws `error`.
    private static func rollBack(_ db: Database, after error: any Error) throws -> Never {
        do {
            if db.isInsideTransaction { try db.rollback() }
        } catch let rollbackError {
            throw StatementFailure(
                message: "\(describe(error)); the batch could not be rolled back either: \(describe(rollbackError))")
        }
        throw error
    }

    /// Writes one item's rows through `row`; returns how many.
    private func write(_ result: ItemResult, with s: Statements, into row: inout RowBinder, _ db: Database) throws -> Int {
        func key(_ source: String, _ member: String?) {
            row.begin()
            row.text(source)
            row.text(member)
        }
        guard let item = result.item else {
            // A whole input that failed: replace what an earlier scan said about the same input.
            for failure in result.failures {
                key(failure.source, failure.member)
                try row.run(s.deleteInputFailures, db)
                row.begin(dropping: 1)
                Rows.failure(failure, id: 0, scanID: scanID, into: &row)
                try row.run(s.insertFailure, db)
            }
            return result.failures.count
        }
        if result.unchanged { return 0 }
        if result.replacesEarlierRows {
            // Rows held back may belong to the same input, named twice.
            try insertPending(with: s, db)
            key(item.source, item.member)
            try row.run(s.deleteFacts, db)
            try row.run(s.deleteDiagnostics, db)
            try row.run(s.deleteRecords, db)
            try row.run(s.deleteFailures, db)
            try row.run(s.deleteInput, db)
        }
        var rows = 0
        // Elements are read in place through buffer pointers: a `for` loop would copy each record and
        // fact out of its array, retaining and releasing every string in it.
        try result.records.withUnsafeBufferPointer { records in
            for record in records.indices {
                row.begin(dropping: 1)
                Rows.record(records[record], id: 0, scanID: scanID, into: &row)
                try row.run(s.insertRecord, db)
                let recordID = Int(db.lastInsertedRowID)
                try records[record].facts.withUnsafeBufferPointer { facts in
                    for seq in facts.indices {
                        pendingFacts.binder.add()
                        Rows.fact(facts[seq], recordID: recordID, seq: seq, into: &pendingFacts.binder)
                        try pendingFacts.added(insertingWith: s.insertFacts, db)
                    }
                }
                try records[record].diagnostics.withUnsafeBufferPointer { diagnostics in
                    for seq in diagnostics.indices {
                        pendingDiagnostics.binder.add()
                        Rows.diagnostic(diagnostics[seq], recordID: recordID, seq: seq, into: &pendingDiagnostics.binder)
                        try pendingDiagnostics.added(insertingWith: s.insertDiagnostics, db)
                    }
                }
                rows += 1 + records[record].facts.count + records[record].diagnostics.count
            }
        }
        for failure in result.failures {
            row.begin(dropping: 1)
            Rows.failure(failure, id: 0, scanID: scanID, into: &row)
            try row.run(s.insertFailure, db)
        }
        if let hash = result.contentHash {
            row.begin()
            Rows.input(result, item: item, hash: hash, scanID: scanID, into: &row)
            try row.run(s.insertInput, db)
        }
        return rows + result.failures.count + 1
    }

    /// Inserts the facts and diagnostics held back, one statement per row.
    private func insertPending(with s: Statements, _ db: Database) throws {
        try pendingFacts.insertEach(with: s.insertFact, db)
        try pendingDiagnostics.insertEach(with: s.insertDiagnostic, db)
    }

    /// Rows of one table held back until `rowsPerInsert` of them can be inserted by one statement.
    private struct PendingRows {
        var binder = RowBinder()
        private var rows = 0
        private let columns: Int

        init(table: ResultTable) {
            columns = table.columns.count
        }

        /// Counts the row just added to `binder`, and inserts the rows held with `statement` once there
        /// are `rowsPerInsert` of them.
        mutating func added(insertingWith statement: Statement, _ db: Database) throws(StatementFailure) {
            rows += 1
            if rows == SQLiteSink.rowsPerInsert {
                try binder.run(statement, db)
                clear()
            }
        }

        /// Inserts the rows held one by one with `statement`, which inserts one row.
        mutating func insertEach(with statement: Statement, _ db: Database) throws(StatementFailure) {
            for row in 0..<rows {
                try binder.run(statement, db, values: row * columns..<(row + 1) * columns)
            }
            clear()
        }

        mutating func clear() {
            binder.clear()
            rows = 0
        }
    }

    /// The statements that write results, prepared once for the whole scan (a class, so that handing
    /// them to `write` for every item retains one object rather than eleven).
    private final class Statements {
        let insertRecord, insertFact, insertDiagnostic, insertFailure, insertInput: Statement
        /// Insert `rowsPerInsert` rows.
        let insertFacts, insertDiagnostics: Statement
        let deleteFacts, deleteDiagnostics, deleteRecords, deleteFailures, deleteInput, deleteInputFailures: Statement

        init(_ db: Database) throws {
            func insert(_ table: ResultTable, droppingID: Bool = false, rows: Int = 1) throws -> Statement {
                let columns = droppingID ? Array(table.columns.dropFirst()) : table.columns
                let values = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
                return try db.makeStatement(
                    sql: "INSERT INTO \(table.rawValue) (\(columns.joined(separator: ", "))) VALUES \(Array(repeating: values, count: rows).joined(separator: ", "))")
            }
            insertRecord = try insert(.records, droppingID: true)
            insertFact = try insert(.facts)
            insertDiagnostic = try insert(.diagnostics)
            insertFacts = try insert(.facts, rows: SQLiteSink.rowsPerInsert)
            insertDiagnostics = try insert(.diagnostics, rows: SQLiteSink.rowsPerInsert)
            insertFailure = try insert(.failures, droppingID: true)
            insertInput = try insert(.inputs)
            deleteFacts = try db.makeStatement(
                sql: "DELETE FROM facts WHERE record_id IN (SELECT id FROM records WHERE source = ? AND member IS ?)")
            deleteDiagnostics = try db.makeStatement(
                sql: "DELETE FROM diagnostics WHERE record_id IN (SELECT id FROM records WHERE source = ? AND member IS ?)")
            deleteRecords = try db.makeStatement(sql: "DELETE FROM records WHERE source = ? AND member IS ?")
            deleteFailures = try db.makeStatement(sql: "DELETE FROM failures WHERE source = ? AND member IS ?")
            deleteInput = try db.makeStatement(sql: "DELETE FROM inputs WHERE source = ? AND member IS ?")
            deleteInputFailures = try db.makeStatement(
                sql: "DELETE FROM failures WHERE source = ? AND member IS ? AND record_index IS NULL")
        }
    }

    private func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as SinkError {
            throw error
        } catch {
            throw SinkError(path: path, message: SQLiteSink.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        if let error = error as? StatementFailure { return error.message }
        return "\(error)"
    }

    /// Creates the tables and indexes in a new database; checks an existing one is a scan database of
    /// this schema version.
    private static func prepareSchema(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        if version == schemaVersion { return }
        if version != 0 {
            throw SinkError(path: path, message: "the database has scan schema version \(version), and this ctlint writes version \(schemaVersion); scan into a new file")
        }
        if !tables.isEmpty {
            throw SinkError(path: path, message: "the database already holds tables (\(tables.prefix(3).joined(separator: ", "))) and is not a ctlint scan database; scan into a new file")
        }
        for statement in schema { try db.execute(sql: statement) }
        try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
    }

    /// The writer's page cache while a scan inserts rows, in KiB (`PRAGMA cache_size`).
    private static let pageCacheKiB = 65_536
    /// The writer's page cache while a scan inserts rows into a new database, in KiB: its tables take
    /// rows at their ends (and the one index kept meanwhile, inputs by source, takes them in the walk's
    /// sorted order), so few pages but those being filled are read again. A smaller cache reuses the same
    /// buffers while they are still in the processor's caches: a bench-20 scan peaks at 55 MB instead of
    /// 116 MB, and takes no longer.
    static let appendingCacheKiB = 8_192
    /// The page cache while the lookup indexes are built, in KiB. SQLite sorts an index's keys in runs
    /// as large as the page cache before merging them: one 64 MB run of a large scan's facts is sorted
    /// out of the processor's caches, while 4 MB runs sort inside them, and the build of the facts
    /// indexes of the 36,000-record bench corpus (then two) takes about a fifth less time (1.5 → 1.2 s).
    private static let indexBuildCacheKiB = 4_096

    /// Builds the indexes that serve queries and re-scans, where they are missing. Kept apart from
    /// `schema` because SQLite builds an index from a finished table several times faster than it
    /// keeps one up to date while a scan inserts millions of rows in no particular order.
    /// With `sortingThreads`, SQLite sorts one run of keys in the background while the writer reads
    /// the next (on 2 cores the facts indexes of bench-20 take about a seventh less time).
    private static func createLookupIndexes(_ db: Database, sortingThreads: Int) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(indexBuildCacheKiB)")
        try db.execute(sql: "PRAGMA threads = \(sortingThreads)")
        for statement in lookupIndexes { try db.execute(sql: statement) }
        try db.execute(sql: "PRAGMA threads = 0")
        try db.execute(sql: "PRAGMA cache_size = -\(pageCacheKiB)")
    }

    /// The schema, documented column by column in `Docs/scan-database.md`.
    static let schema: [String] = [
        """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, inputs TEXT NOT NULL,
            options TEXT NOT NULL, version TEXT NOT NULL, interrupted INTEGER, items INTEGER, unchanged INTEGER,
            records INTEGER, failures INTEGER, facts INTEGER, errors INTEGER, warnings INTEGER, notes INTEGER,
            bytes INTEGER, seconds REAL)
        """,
        """
        CREATE TABLE inputs (
            source TEXT NOT NULL, member TEXT, content_hash TEXT NOT NULL, bytes INTEGER NOT NULL,
            records INTEGER NOT NULL, failures INTEGER NOT NULL, scan_id INTEGER NOT NULL REFERENCES scans (id))
        """,
        "CREATE UNIQUE INDEX inputs_by_source ON inputs (source, member)",
        """
        CREATE TABLE records (
            id INTEGER PRIMARY KEY, nct_id TEXT, source TEXT NOT NULL, member TEXT, record_index INTEGER NOT NULL,
            format TEXT NOT NULL, title TEXT, overall_status TEXT, phases TEXT, study_type TEXT,
            facts INTEGER NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, notes INTEGER NOT NULL,
            content_hash TEXT NOT NULL, scan_id INTEGER NOT NULL REFERENCES scans (id))
        """,
        """
        CREATE TABLE facts (
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
            kind TEXT NOT NULL, normalized TEXT NOT NULL, field TEXT NOT NULL, text TEXT NOT NULL,
            utf8_start INTEGER NOT NULL, utf8_end INTEGER NOT NULL, rule TEXT NOT NULL, notes TEXT,
            subject TEXT, label TEXT, anchor TEXT, between_administrations TEXT,
            PRIMARY KEY (record_id, seq)) WITHOUT ROWID
        """,
        """
        CREATE TABLE diagnostics (
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
            rule TEXT NOT NULL, severity TEXT NOT NULL, field TEXT, line INTEGER, col INTEGER,
            end_line INTEGER, end_col INTEGER, message TEXT NOT NULL, notes TEXT, fix TEXT, fix_replacement TEXT,
            PRIMARY KEY (record_id, seq)) WITHOUT ROWID
        """,
        """
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY, source TEXT NOT NULL, member TEXT, record_index INTEGER, kind TEXT NOT NULL,
            message TEXT NOT NULL, line INTEGER, col INTEGER, scan_id INTEGER NOT NULL REFERENCES scans (id))
        """,
    ]

    /// The indexes `createLookupIndexes` builds, documented with the tables in `Docs/scan-database.md`.
    /// `inputs_by_source` is in `schema`: it also keeps one row per input while a scan runs.
    /// Facts have no index on `rule`: its build was nearly half of the end of a scan (the scan waits for
    /// it) for a question only rule authors ask; Docs/scan-database.md says how to add it.
    static let lookupIndexes: [String] = [
        "CREATE INDEX IF NOT EXISTS records_by_nct_id ON records (nct_id)",
        "CREATE INDEX IF NOT EXISTS records_by_source ON records (source, member)",
        "CREATE INDEX IF NOT EXISTS facts_by_kind ON facts (kind, normalized)",
        "CREATE INDEX IF NOT EXISTS diagnostics_by_rule ON diagnostics (rule, severity)",
        "CREATE INDEX IF NOT EXISTS failures_by_source ON failures (source, member)",
    ]
}

/// The content hashes of inputs stored by earlier scans, read by each worker through a read-only
/// connection of its own while the writer writes (WAL lets both go on at once).
struct StoredHashes: EarlierScanIndex {
    let path: String

    func makeReader() throws -> any StoredHashReader {
        var configuration = Configuration()
        configuration.readonly = true
        return StoredHashConnection(queue: try DatabaseQueue(path: path, configuration: configuration))
    }
}

final class StoredHashConnection: StoredHashReader {
    let queue: DatabaseQueue

    init(queue: DatabaseQueue) {
        self.queue = queue
    }

    func storedHash(source: String, member: String?) throws -> ContentHash? {
        let hex = try queue.inDatabase { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT content_hash FROM inputs WHERE source = ? AND member IS ?"),
                arguments: [source, member])
        }
        return hex.flatMap(ContentHash.init(hex:))
    }
}

/// A sink that cannot be written: the database or output file, and why.
public struct SinkError: Error, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

extension RowValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let n): Int64(n).databaseValue
        case .real(let x): x.databaseValue
        case .text(let s): s.databaseValue
        }
    }
}
