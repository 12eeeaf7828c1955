import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ctlint parse`: output formats, standard input, warnings and errors on standard error, exit codes.
@Suite struct ParseCommandTests {
    let v2 = TestPaths.fixture("corpus/json-v2/NCT01589588.json").path
    let classic = TestPaths.fixture("corpus/json-classic/NCT04780386.json").path

    /// A file in a fresh temporary folder holding `bytes`.
    func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func temporaryFile(_ name: String, _ text: String) throws -> String { try temporaryFile(name, Array(text.utf8)) }

    @Test func textSummaryIsTheDefault() throws {
        let result = try runCTLint(["parse", classic, v2])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let out = result.standardOutput
        #expect(out.contains("NCT04780386 — \(classic) (json-classic, record 1)"))
        #expect(out.contains("NCT01589588 — \(v2) (json-v2, record 1)"))
        #expect(out.contains("Start:              2020-08-29 (day, actual)"))
        #expect(out.contains("Status:             COMPLETED (verified 2021-03)"))
        #expect(out.contains("Phases:             PHASE1"))
        #expect(out.contains("Design:             allocation RANDOMIZED; model CROSSOVER; purpose TREATMENT; masking NONE"))
        #expect(out.contains("Enrollment:         58 (actual)"))
        #expect(out.contains("Arms (2):\n    1. NVP-1805 [EXPERIMENTAL] → Drug: NVP-1805\n"))
        #expect(out.contains("Interventions (2):\n    1. DRUG: NVP-1805 ← NVP-1805\n"))
        #expect(out.contains("Start:              2012-04 (month)\n"))
        #expect(out.contains("Outcomes: 1 primary, 1 secondary, 0 other"))
        #expect(try runCTLint(["parse", "--format", "text", classic, v2]).standardOutput == out)
    }

    @Test func jsonPrintsAnArrayOfAPIv2Studies() throws {
        let result = try runCTLint(["parse", "--format", "json", classic, v2])
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        let ids = array.map { (($0["protocolSection"] as? [String: Any])?["identificationModule"] as? [String: Any])?["nctId"] as? String }
        #expect(ids == ["NCT04780386", "NCT01589588"])
        #expect(try runCTLint(["parse", "--format", "json", try temporaryFile("empty.json", "[]")]).standardOutput == "[]\n")
    }

    @Test func jsonlPrintsOneStudyPerLine() throws {
        let result = try runCTLint(["parse", "--format", "jsonl", classic, v2, classic])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
        // The output reads back as JSON lines, to the same output.
        let again = try runCTLint(["parse", "--format", "jsonl", "-"], input: Data(result.standardOutput.utf8))
        #expect(again.status == 0)
        #expect(again.standardOutput == result.standardOutput)
    }

    @Test func dashReadsStandardInput() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: v2))
        let result = try runCTLint(["parse", "-"], input: input)
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("NCT01589588 — - (json-v2, record 1)"))
    }

    @Test func readerNoticesAreWarnings() throws {
        let text = try String(contentsOfFile: v2, encoding: .utf8)
            .replacingOccurrences(of: #""overallStatus":"COMPLETED""#, with: #""overallStatus":"FINISHED""#)
        let file = try temporaryFile("unknown-status.json", text)
        let result = try runCTLint(["parse", file])
        #expect(result.status == 0)
        let column = text.components(separatedBy: "FINISHED")[0].unicodeScalars.count + 1
        #expect(result.standardError == "\(file):1:\(column): warning: \"FINISHED\" is not a known OverallStatus value; kept as written [protocolSection.statusModule.overallStatus]\n")
        #expect(result.standardOutput.contains("Status:             \"FINISHED\" (unknown)"))
    }

    /// A bad file, shown in test output by its name rather than its bytes.
    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let expected: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadFile(name: "empty.json", bytes: [], expected: ": error: the file is empty"),
        BadFile(name: "truncated.json", bytes: Array(#"{"protocolSection": {"descriptionModule": {"briefSummary": "Two doses"#.utf8),
            expected: ":1:70: error: unexpected end of file in a string that starts at 1:60"),
        BadFile(name: "malformed.json",
            bytes: Array("{\"protocolSection\": {\n  \"descriptionModule\": {\"briefSummary\": \"x\",}}}".utf8),
            expected: ":2:45: error: expected a member name after ','"),
        BadFile(name: "latin1.json",
            bytes: Array(#"{"protocolSection": {"descriptionModule": {"briefSummary": "caf"#.utf8) + [0xE9] + Array(#""}}}"#.utf8),
            expected: ":1:64: error: invalid UTF-8"),
        BadFile(name: "no-section.json", bytes: Array(#"{"studies": [{"hasResults": false}]}"#.utf8),
            expected: ":1:14: error: this JSON object has no protocolSection"),
        BadFile(name: "deep.json", bytes: Array(String(repeating: "[", count: 100_000).utf8),
            expected: ":1:257: error: arrays and objects nested more than 256 deep"),
    ])
    func badInputIsAnErrorWithExitCode2(bad: BadFile) throws {
        let file = try temporaryFile(bad.name, bad.bytes)
        let result = try runCTLint(["parse", file])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix(file + bad.expected), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardOutput.isEmpty)
    }

    @Test func otherFilesAndRecordsAreStillRead() throws {
        let badLine = #"{"protocolSection": {"identificationModule": {"nctId": "NCT1"}"#
        let good = try String(contentsOfFile: v2, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = try temporaryFile("lines.jsonl", good + "\n" + badLine + "\n" + good + "\n")
        let result = try runCTLint(["parse", "--format", "jsonl", "missing.json", lines, classic])
        #expect(result.status == 2)
        #expect(result.standardError.contains("missing.json: error: cannot open: No such file or directory\n"))
        #expect(result.standardError.contains("\(lines):2:63: error: unexpected end of line: the object that starts at 2:21 is not closed"))
        #expect(result.standardOutput.split(separator: "\n").count == 3)
    }

    @Test func noFileIsAUsageError() throws {
        let result = try runCTLint(["parse"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("name at least one FILE"))
    }
}

/// A 200 MB file streams in flat memory: its records are all read, and an oversized record is refused
/// without being held. Memory is the peak resident size of that one `ctlint` child. On Linux it is read
/// from the child's `/proc/PID/status` (`VmHWM`, the high-water mark of its own memory) while it runs:
/// neither `RUSAGE_CHILDREN` (the largest of every child this test process has run) nor the child's own
/// `ru_maxrss` from `wait4` will do, since `posix_spawn` starts the child in this process's memory and
/// Linux carries that memory's high-water mark into the child's `ru_maxrss` when it execs.
@Suite(.serialized) struct ParseLargeFileTests {
    static let size = 200 << 20
    static let memoryLimitKB = 150 << 10

    /// Runs ctlint with standard output to `output` (or /dev/null) and returns its exit status, its
    /// standard error and its own peak resident size in KiB.
    func run(_ arguments: [String], output: URL?) throws -> (status: Int32, error: String, peakKB: Int) {
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let executable = TestPaths.ctlintExecutable.path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output?.path ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO, userInfo: [NSFilePathErrorKey: executable])
        }
        var status: Int32 = 0
        var usage = rusage()
        #if canImport(Darwin)
            while wait4(pid, &status, 0, &usage) < 0 {
                guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            let peakKB = Int(usage.ru_maxrss) / 1024  // bytes on Darwin
        #else
            // The child's memory high-water mark, read every 2 ms until it exits (it only grows, and these
            // runs take seconds, so the last reading is the peak of all but the last 2 ms).
            var peakKB = 0
            while true {
                let done = wait4(pid, &status, WNOHANG, &usage)
                if done == pid { break }
                guard done == 0 || errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                peakKB = max(peakKB, Self.highWaterMarkKB(of: pid) ?? 0)
                usleep(2000)
            }
        #endif
        // WIFEXITED / WEXITSTATUS are macros Swift does not import; a signal shows as 128 + its number.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, try String(contentsOf: errorFile, encoding: .utf8), peakKB)
    }

    /// `VmHWM` of a running process in KiB, from `/proc/PID/status`; `nil` once it has exited.
    static func highWaterMarkKB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst("VmHWM:".count).filter(\.isNumber))
    }

    /// An empty file at `url`, open for writing.
    func newFile(_ url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func a200MBJSONLinesFileStreamsInFlatMemory() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One real record (with a results section) per line, repeated to 200 MB.
        let record = try Data(contentsOf: TestPaths.fixture("corpus/json-v2/NCT00353704.json"))
        var line = record
        while line.last == 0x0A { line.removeLast() }
        line.append(0x0A)
        let copies = Self.size / line.count + 1
        let input = dir.appendingPathComponent("big.jsonl")
        let handle = try newFile(input)
        let block = Data(Array(repeating: line, count: 256).joined())
        for _ in 0..<(copies / 256) { try handle.write(contentsOf: block) }
        for _ in 0..<(copies % 256) { try handle.write(contentsOf: line) }
        try handle.close()
        #expect(try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int ?? 0 >= Self.size)

        let output = dir.appendingPathComponent("summary.txt")
        let result = try run(["parse", input.path], output: output)
        #expect(result.status == 0)
        #expect(result.error.isEmpty)
        let summary = try String(contentsOf: output, encoding: .utf8)
        #expect(summary.components(separatedBy: "\nNCT00353704 — ").count == copies)
        #expect(summary.contains("(json-v2, record \(copies))"))
        #expect(result.peakKB < Self.memoryLimitKB, "peak resident memory \(result.peakKB / 1024) MB")
    }

    @Test func a200MBRecordIsRefusedWithoutBeingRead() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("huge.json")
        let handle = try newFile(input)
        try handle.write(contentsOf: Data(#"{"protocolSection": {"descriptionModule": {"briefSummary": ""#.utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(Self.size >> 20) { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data(#""}}}"#.utf8))
        try handle.close()

        let result = try run(["parse", input.path], output: nil)
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("\(input.path):1:1: error: the record that starts here is larger than 32 MiB"))
        #expect(result.peakKB < Self.memoryLimitKB, "peak resident memory \(result.peakKB / 1024) MB")
    }
}
