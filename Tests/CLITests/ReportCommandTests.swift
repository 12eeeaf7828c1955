import Foundation
import GRDB
import Testing
import TestSupport

/// `ctlint report` run as a program on databases `ctlint scan` wrote.
@Suite struct ReportCommandTests {
    static let corpus = TestPaths.fixture("corpus").path
    static let asOf = ["--as-of", "2025-12-01"]

    /// Scans `inputs` into a new database in `folder` and writes its report; returns the page and the database.
    static func report(_ inputs: [String], in folder: URL, extra: [String] = []) throws -> (page: String, db: String) {
        let db = folder.appendingPathComponent("scan.sqlite").path
        let html = folder.appendingPathComponent("report.html").path
        _ = try runCTLint(["scan"] + inputs + ["--db", db] + asOf)
        let result = try runCTLint(["report", db, "--html", html] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        return (try String(contentsOfFile: html, encoding: .utf8), db)
    }

    static func rows(_ db: String, _ sql: String) throws -> [(String, Int)] {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: db, configuration: configuration).read { db in
            try Row.fetchAll(db, sql: sql).map { (($0[0] as String?) ?? "(none)", $0[1]) }
        }
    }

    @Test func thePageCountsWhatTheDatabaseHolds() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let (page, db) = try Self.report([Self.corpus], in: folder)
            let records = try Self.rows(db, "SELECT 'records', count(*) FROM records")[0].1
            #expect(records > 0)
            #expect(page.contains("<b>\(records)</b>records"))
            let formats = try Self.rows(db, "SELECT format, count(*) FROM records GROUP BY format ORDER BY 2 DESC, 1")
            #expect(page.contains("<title>Records by format: " + formats.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "</title>"))
            let rules = try Self.rows(db, "SELECT rule || ' (' || severity || ')', count(*) FROM diagnostics GROUP BY rule, severity ORDER BY 2 DESC, rule")
            #expect(page.contains("<title>Findings by rule (severity): " + rules.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "</title>"))
            let ids = try Self.rows(db, "SELECT nct_id, 0 FROM records WHERE nct_id IS NOT NULL")
            #expect(ids.allSatisfy { page.contains(">\($0.0)</td>") })
            #expect(page.contains("<input type=\"search\" id=\"filter\""))
        }
    }

    @Test func thePageIsSelfContained() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let page = try Self.report([Self.corpus], in: folder).page
            #expect(!page.contains("http://") && !page.contains("https://"))
            #expect(!page.contains("<link") && !page.contains(" src=") && !page.contains("@import"))
        }
    }

    @Test func aLongTableIsCappedAndSaysSo() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let (page, db) = try Self.report([Self.corpus], in: folder, extra: ["--limit", "3"])
            let records = try Self.rows(db, "SELECT 'records', count(*) FROM records")[0].1
            #expect(page.contains("The table lists the first 3 of \(records) records"))
            #expect(page.components(separatedBy: "<tr><td").count - 1 == 3)
        }
    }

    @Test func anEmptyScanGivesAPageWithNoRecords() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let empty = folder.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let page = try Self.report([empty.path], in: folder).page
            #expect(page.contains("<b>0</b>records"))
            #expect(page.contains("The database holds no records"))
        }
    }

    @Test func aFileThatIsNotAScanDatabaseExitsTwo() throws {
        try ProtocolCommandTests.inTemporaryFolder { folder in
            let html = folder.appendingPathComponent("report.html").path
            let text = TestPaths.fixture("reference/NCT06813157.protocol.yaml").path
            let result = try runCTLint(["report", text, "--html", html])
            #expect(result.status == 2)
            #expect(result.standardError.hasPrefix("\(text): error: cannot read it as a SQLite database"))
            #expect(!FileManager.default.fileExists(atPath: html))
            let missing = try runCTLint(["report", folder.appendingPathComponent("none.sqlite").path, "--html", html])
            #expect(missing.status == 2)
            let notScan = folder.appendingPathComponent("other.sqlite").path
            try DatabaseQueue(path: notScan).write { try $0.execute(sql: "CREATE TABLE t (x)") }
            let other = try runCTLint(["report", notScan, "--html", html])
            #expect(other.status == 2)
            #expect(other.standardError.contains("not a ctlint scan database"))
        }
    }
}
