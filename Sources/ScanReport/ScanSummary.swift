import BulkScan
import Foundation
import GRDB
import ScheduleChart
import ScheduleModel

/// Why a scan database could not be summarised; says which file and what to do.
public struct ScanReportError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String

    public var description: String { "\(file): error: \(message)" }
}

/// What a scan database holds, counted and binned for a report page (`Docs/scan-database.md`).
public struct ScanSummary: Sendable {
    /// A count under a label: a format, a status, a rule, a bin.
    public struct Count: Sendable, Hashable {
        public let label: String
        public let value: Int

        public init(_ label: String, _ value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// How often one rule fired.
    public struct RuleCount: Sendable, Hashable {
        public let rule: String
        public let severity: String
        public let findings: Int
        public let records: Int
    }

    /// One record of the table, with its findings.
    public struct RecordRow: Sendable, Hashable {
        public let nctID: String?
        public let source: String
        public let format: String
        public let status: String?
        public let title: String?
        public let facts: Int
        public let errors: Int
        public let warnings: Int
        public let notes: Int
        public let findings: [Finding]
    }

    /// A finding of a record.
    public struct Finding: Sendable, Hashable {
        public let rule: String
        public let severity: String
        public let line: Int?
        public let column: Int?
        public let message: String
    }

    /// The amounts of the doses stated in one unit, binned by powers of ten.
    public struct DoseDistribution: Sendable, Hashable {
        public let unit: String
        public let bins: [Count]
    }

    public let scans: Int
    public let records: Int
    public let failures: Int
    public let facts: Int
    public let findings: Int
    public let byFormat: [Count]
    public let byStatus: [Count]
    public let failuresByKind: [Count]
    public let rules: [RuleCount]
    public let dosesByUnit: [Count]
    public let doseDistributions: [DoseDistribution]
    public let administrationCounts: [Count]
    public let intervals: [Count]
    public let followUpLengths: [Count]
    /// The first `tableLimit` records, by row id.
    public let table: [RecordRow]
    public let tableLimit: Int

    /// The most records the table lists; the page says when there are more.
    public static let defaultTableLimit = 500
    /// The units whose doses get a distribution of their own.
    public static let unitsWithDistributions = 4

    /// Reads the scan database at `path`, without writing to it.
    public static func read(path: String, tableLimit: Int = defaultTableLimit) throws(ScanReportError) -> ScanSummary {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ScanReportError(file: path, message: "no readable file here; give the database `ctlint scan --db` wrote")
        }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try read(db, path: path, tableLimit: tableLimit) }
        } catch let error as ScanReportError {
            throw error
        } catch let error as DatabaseError {
            throw ScanReportError(file: path, message: "cannot read it as a SQLite database (\(error.message ?? error.description)); give the database `ctlint scan --db` wrote")
        } catch {
            throw ScanReportError(file: path, message: "cannot read the database: \(error)")
        }
    }

    private static func read(_ db: Database, path: String, tableLimit: Int) throws -> ScanSummary {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        guard version == SQLiteSink.schemaVersion, tables.isSuperset(of: ["scans", "records", "facts", "diagnostics", "failures"]) else {
            throw ScanReportError(
                file: path,
                message: "not a ctlint scan database of schema version \(SQLiteSink.schemaVersion) (it has version \(version) and \(tables.count) tables); write one with `ctlint scan INPUT --db FILE`")
        }
        func counts(_ sql: String) throws -> [Count] {
            try Row.fetchAll(db, sql: sql).map { Count(($0[0] as String?) ?? "(none)", $0[1]) }
        }
        func normalized(_ kind: String) throws -> [String] {
            try String.fetchAll(db, sql: "SELECT normalized FROM facts WHERE kind = ? ORDER BY record_id, seq", arguments: [kind])
        }

        let rules = try Row.fetchAll(
            db, sql: "SELECT rule, severity, count(*), count(DISTINCT record_id) FROM diagnostics GROUP BY rule, severity ORDER BY 3 DESC, rule")
            .map { RuleCount(rule: $0[0], severity: $0[1], findings: $0[2], records: $0[3]) }

        let doses = try normalized("dose").compactMap(Dose.init(normalized:))
        var perUnit: [String: [Double]] = [:]
        for dose in doses { perUnit[dose.unit.description, default: []].append(dose.amount.lower.value) }
        let units = perUnit.map { Count($0.key, $0.value.count) }.sorted { ($0.value, $1.label) > ($1.value, $0.label) }
        let distributions = units.prefix(unitsWithDistributions).map { unit in
            DoseDistribution(unit: unit.label, bins: Bins.powersOfTen(perUnit[unit.label] ?? []))
        }

        let administrations = try normalized("administrationCount").compactMap { CountRange(normalized: $0)?.lower }
        let intervals = try normalized("interval").compactMap { DurationRange(normalized: $0).map { ChartCalendar.days($0.lower) } }
        var longest: [Int64: Double] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT record_id, normalized FROM facts WHERE kind = 'timepoint'") {
            guard let range = DurationRange(normalized: row[1]) else { continue }
            let days = ChartCalendar.days(range.upper ?? range.lower)
            let id: Int64 = row[0]
            longest[id] = max(longest[id] ?? 0, days)
        }

        let recordRows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, nct_id, source, member, format, overall_status, title, facts, errors, warnings, notes
                FROM records ORDER BY id LIMIT ?
                """, arguments: [tableLimit])
        var findingsByRecord: [Int64: [Finding]] = [:]
        if let last = recordRows.last?["id"] as Int64? {
            for row in try Row.fetchAll(
                db, sql: "SELECT record_id, rule, severity, line, col, message FROM diagnostics WHERE record_id <= ? ORDER BY record_id, seq",
                arguments: [last])
            {
                findingsByRecord[row[0], default: []].append(Finding(rule: row[1], severity: row[2], line: row[3], column: row[4], message: row[5]))
            }
        }
        let table = recordRows.map { row in
            let source: String = row["source"]
            let member: String? = row["member"]
            return RecordRow(
                nctID: row["nct_id"], source: member.map { "\(source)!\($0)" } ?? source, format: row["format"],
                status: row["overall_status"], title: row["title"], facts: row["facts"], errors: row["errors"],
                warnings: row["warnings"], notes: row["notes"], findings: findingsByRecord[row["id"]] ?? [])
        }

        return ScanSummary(
            scans: try Int.fetchOne(db, sql: "SELECT count(*) FROM scans") ?? 0,
            records: try Int.fetchOne(db, sql: "SELECT count(*) FROM records") ?? 0,
            failures: try Int.fetchOne(db, sql: "SELECT count(*) FROM failures") ?? 0,
            facts: try Int.fetchOne(db, sql: "SELECT count(*) FROM facts") ?? 0,
            findings: try Int.fetchOne(db, sql: "SELECT count(*) FROM diagnostics") ?? 0,
            byFormat: try counts("SELECT format, count(*) FROM records GROUP BY format ORDER BY 2 DESC, 1"),
            byStatus: try counts("SELECT overall_status, count(*) FROM records GROUP BY overall_status ORDER BY 2 DESC, 1"),
            failuresByKind: try counts("SELECT kind, count(*) FROM failures GROUP BY kind ORDER BY 2 DESC, 1"),
            rules: rules, dosesByUnit: Array(units.prefix(15)), doseDistributions: Array(distributions),
            administrationCounts: Bins.administrationCounts(administrations), intervals: Bins.intervals(intervals),
            followUpLengths: Bins.followUp(Array(longest.values)), table: table, tableLimit: tableLimit)
    }
}

/// The bins of the report's histograms. Every bin is listed, empty ones too, so that charts of different
/// scans compare.
public enum Bins {
    /// `1`, `2`, … `10`, `11–20`, `21–50`, `> 50`.
    public static func administrationCounts(_ values: [Int]) -> [ScanSummary.Count] {
        var bins = (1...10).map { n in ScanSummary.Count(String(n), values.filter { $0 == n }.count) }
        bins.append(.init("11–20", values.filter { (11...20).contains($0) }.count))
        bins.append(.init("21–50", values.filter { (21...50).contains($0) }.count))
        bins.append(.init("> 50", values.filter { $0 > 50 }.count))
        return bins
    }

    /// Intervals in days, with the common lengths (1 to 4 weeks) as bins of their own.
    public static func intervals(_ days: [Double]) -> [ScanSummary.Count] {
        let edges: [(String, (Double) -> Bool)] = [
            ("< 1 day", { $0 < 1 }), ("1 day", { $0 == 1 }), ("2–6 days", { $0 > 1 && $0 < 7 }), ("1 week", { $0 == 7 }),
            ("8–13 days", { $0 > 7 && $0 < 14 }), ("2 weeks", { $0 == 14 }), ("15–20 days", { $0 > 14 && $0 < 21 }),
            ("3 weeks", { $0 == 21 }), ("22–27 days", { $0 > 21 && $0 < 28 }), ("4 weeks", { $0 == 28 }),
            ("29–59 days", { $0 > 28 && $0 < 60 }), ("60–179 days", { $0 >= 60 && $0 < 180 }), ("≥ 180 days", { $0 >= 180 }),
        ]
        return edges.map { label, test in ScanSummary.Count(label, days.filter(test).count) }
    }

    /// A record's longest timepoint, in months of 30 days (`ChartCalendar`).
    public static func followUp(_ days: [Double]) -> [ScanSummary.Count] {
        let edges: [(String, (Double) -> Bool)] = [
            ("< 1 month", { $0 < 30 }), ("1–3 months", { $0 >= 30 && $0 < 90 }), ("3–6 months", { $0 >= 90 && $0 < 180 }),
            ("6–12 months", { $0 >= 180 && $0 <= 365 }), ("1–2 years", { $0 > 365 && $0 <= 730 }),
            ("2–5 years", { $0 > 730 && $0 <= 1825 }), ("> 5 years", { $0 > 1825 }),
        ]
        return edges.map { label, test in ScanSummary.Count(label, days.filter(test).count) }
    }

    /// Amounts by decade, from the smallest decade stated to the largest: `0.1–1`, `1–10`, `10–100`, …
    public static func powersOfTen(_ amounts: [Double]) -> [ScanSummary.Count] {
        let decades = amounts.filter { $0 > 0 }.map { Int((log10($0) + 1e-9).rounded(.down)) }
        guard let low = decades.min(), let high = decades.max() else { return [] }
        return (low...high).map { d in ScanSummary.Count("\(decade(d))–\(decade(d + 1))", decades.filter { $0 == d }.count) }
    }

    /// `0.01`, `1`, `1000`, `1e6`.
    static func decade(_ exponent: Int) -> String {
        exponent >= 6 ? "1e\(exponent)" : plainNumber(pow(10, Double(exponent)))
    }
}
