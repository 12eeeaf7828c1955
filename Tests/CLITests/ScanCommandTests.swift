import Foundation
import GRDB
import Testing
import TestSupport

/// `ctlint scan` run as a program: outputs, exit statuses, failures on standard error, and Ctrl-C.
@Suite struct ScanCommandTests {
    static let asOf = ["--as-of", "2025-12-01"]
    static let corpus = TestPaths.fixture("corpus").path
    static let warningOnly = TestPaths.fixture("corpus/xml-legacy/NCT00002618.xml").path

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func count(_ path: String, _ sql: String) throws -> Int? {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { try Int.fetchOne($0, sql: sql) }
    }

    @Test func scansFixturesIntoADatabaseAndSummarises() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("scan.sqlite").path
        let result = try runCTLint(["scan", Self.corpus, "--db", db] + Self.asOf)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("scan complete: 19 inputs in "))
        #expect(result.standardError.contains("accounted: 19 records + 0 failed = 19 read from 19 inputs"))
        #expect(result.standardError.contains("records by format: xml-legacy 9, json-v2 6, json-classic 4"))
        // Not a terminal: no progress line.
        #expect(!result.standardError.contains("\r"))
        #expect(try count(db, "SELECT count(*) FROM records") == 19)
        #expect(try count(db, "SELECT count(*) FROM facts") ?? 0 > 0)
    }

    @Test func failOnSetsTheExitStatus() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("scan.sqlite").path
        #expect(try runCTLint(["scan", Self.warningOnly, "--db", db] + Self.asOf).status == 0)
        #expect(try runCTLint(["scan", Self.warningOnly, "--db", db, "--force", "--fail-on", "error"] + Self.asOf).status == 0)
        #expect(try runCTLint(["scan", Self.warningOnly, "--db", db, "--force", "--fail-on", "warning"] + Self.asOf).status == 1)
    }

    /// `--config` works as for `check`: a rule turned off finds nothing, and an unknown rule id is an
    /// input error named by file, line and column before anything is scanned.
    @Test func configurationFileTurnsRulesOff() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("scan.sqlite").path
        let config = folder.appendingPathComponent("ctlint.yml")
        try "rules:\n  enrollment-status: off\n".write(to: config, atomically: true, encoding: .utf8)
        let quiet = try runCTLint(["scan", Self.warningOnly, "--db", db, "--config", config.path, "--fail-on", "warning"] + Self.asOf)
        #expect(quiet.status == 0, "\(quiet.standardError)")
        #expect(try count(db, "SELECT count(*) FROM diagnostics WHERE rule = 'enrollment-status'") == 0)

        try "rules:\n  enrolment-status: off\n".write(to: config, atomically: true, encoding: .utf8)
        let wrong = try runCTLint(["scan", Self.warningOnly, "--jsonl", "-", "--config", config.path] + Self.asOf)
        #expect(wrong.status == 2)
        #expect(wrong.standardOutput.isEmpty)
        #expect(wrong.standardError == "\(config.path):2:3: error: unknown rule `enrolment-status`; did you mean `enrollment-status`?\n")
    }

    @Test func unreadableInputsExitTwoAndAreNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Data(contentsOf: URL(fileURLWithPath: Self.warningOnly))
        try good.prefix(good.count / 2).write(to: folder.appendingPathComponent("cut.xml"))
        try Data("PK\u{3}\u{4} this download stopped early".utf8).write(to: folder.appendingPathComponent("cut.zip"))
        let db = folder.appendingPathComponent("scan.sqlite").path
        let missing = folder.appendingPathComponent("missing").path
        let result = try runCTLint(["scan", Self.warningOnly, folder.path, missing, "--db", db] + Self.asOf)
        #expect(result.status == 2)
        #expect(result.standardError.contains(folder.appendingPathComponent("cut.xml").path + ":"))
        #expect(result.standardError.contains(folder.appendingPathComponent("cut.zip").path + ": error: not a complete zip archive"))
        #expect(result.standardError.contains(missing + ": error: cannot open: No such file or directory"))
        #expect(result.standardError.contains("failures: 3 (") && result.standardError.contains("2 of whole inputs"))
        #expect(try count(db, "SELECT count(*) FROM records") == 1)
        #expect(try count(db, "SELECT count(*) FROM failures") == 3)
    }

    @Test func jsonLinesGoToStandardOutput() throws {
        let result = try runCTLint(["scan", Self.warningOnly, "--jsonl", "-"] + Self.asOf)
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"{"type":"record","id":1,"nct_id":"NCT00002618""#) == true)
        #expect(lines.last?.hasPrefix(#"{"type":"scan","id":1"#) == true)
    }

    @Test func oneOutputAtATime() throws {
        let result = try runCTLint(["scan", Self.corpus, "--db", "a.sqlite", "--csv", "out"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("choose one output"))
        #expect(try runCTLint(["scan", Self.corpus, "--jobs", "0"]).status == 2)
    }

    /// A real SIGINT, as Ctrl-C sends: the scan stops, the database is valid and holds what was done.
    @Test func interruptLeavesAValidDatabase() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = try FileManager.default.subpathsOfDirectory(atPath: Self.corpus).filter {
            $0.hasSuffix(".json") || $0.hasSuffix(".xml")
        }
        let copies = 100
        for copy in 0..<copies {
            for name in records {
                let target = folder.appendingPathComponent("in/\(copy)/" + name)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: Self.corpus + "/" + name, toPath: target.path)
            }
        }
        let db = folder.appendingPathComponent("scan.sqlite").path
        let process = Process()
        process.executableURL = TestPaths.ctlintExecutable
        process.arguments = ["scan", folder.appendingPathComponent("in").path, "--db", db, "--jobs", "1"] + Self.asOf
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until the first batch is committed, so that there is work to keep.
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, process.isRunning, (try? count(db, "SELECT count(*) FROM records")) ?? 0 == 0 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(process.isRunning, "the scan ended before it could be interrupted")
        process.interrupt()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.hasPrefix("scan interrupted: "))
        let done = try #require(try count(db, "SELECT count(*) FROM records"))
        #expect(done > 0 && done < copies * records.count)
        #expect(try count(db, "SELECT records FROM scans") == done)
        #expect(try count(db, "SELECT interrupted FROM scans") == 1)
        var configuration = Configuration()
        configuration.readonly = true
        let check = try DatabaseQueue(path: db, configuration: configuration).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
    }
}
