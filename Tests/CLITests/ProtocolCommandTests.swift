import Foundation
import Testing
import TestSupport

/// `ctlint check --protocol` and `ctlint baseline` run as programs.
@Suite struct ProtocolCommandTests {
    static let asOf = ["--as-of", "2025-12-01"]
    static let protocolFile = TestPaths.fixture("reference/NCT06813157.protocol.yaml").path
    static let referenceFiles = ["reference/NCT06813157.description-module.txt", "reference/NCT06813157.json", "reference/NCT06813157.xml"]
    /// The reference study in every input format, upload XML included (which holds no NCT id).
    static let everyFormat = referenceFiles + ["reference/NCT06813157.upload.xml"]

    /// Where `needle` first starts in `text`, as `line:column` (columns in Unicode scalars).
    static func position(of needle: String, in text: String) throws -> String {
        let range = try #require(text.range(of: needle), "«\(needle)» is not in the text")
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = (before.lastIndex(of: "\n").map { before[before.index(after: $0)...] } ?? before).unicodeScalars.count + 1
        return "\(line):\(column)"
    }

    /// A temporary folder, removed after `body`.
    static func inTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-protocol-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test(arguments: everyFormat)
    func theReferenceStudyChecksCleanAgainstItsProtocolButForWhatItsTextEarns(_ name: String) throws {
        let path = TestPaths.fixture(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let result = try runCTLint(["check", "--protocol", Self.protocolFile, path] + Self.asOf)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardError == "0 errors, 1 warning, 1 note in 1 record\n")
        let superscript = try Self.position(of: "1 × 108/kg", in: text)
        #expect(result.standardOutput.contains(
            "\(path):\(superscript): warning: the dose «1 × 108/kg» reads as 1e8 {cells}/kg only if «108» is 10^8 with its superscript lost; confirm the dose [dose-lost-superscript]"))
        #expect(result.standardOutput.contains("= fix: write the power of ten as 10^8"))
        let v5 = try Self.position(of: "V5)", in: text)
        #expect(result.standardOutput.contains("\(path):\(v5): note: the visit codes skip V4: V3 is followed by V5 [visit-code-gap]"))
    }

    /// Checks a copy of the reference study's JSON record with one edit to its brief summary.
    static func checkEdited(_ original: String, _ edited: String) throws -> (CommandResult, position: String, file: String) {
        let source = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.json"), encoding: .utf8)
        try #require(source.components(separatedBy: original).count == 2, "«\(original)» is not once in the record")
        let changed = source.replacingOccurrences(of: original, with: edited)
        return try inTemporaryFolder { folder in
            let file = folder.appendingPathComponent("NCT06813157.json")
            try changed.write(to: file, atomically: true, encoding: .utf8)
            let result = try runCTLint(["check", "--protocol", Self.protocolFile, file.path] + Self.asOf)
            return (result, try position(of: edited, in: changed), file.path)
        }
    }

    @Test func aDifferentDoseIsAMismatchAtItsText() throws {
        let (result, position, file) = try Self.checkEdited("1 × 108/kg", "2 × 10^8/kg")
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(
            "\(file):\(position): error: the brief summary says the dose is 2e8 {cells}/kg («2 × 10^8/kg»); the protocol says 1e8 {cells}/kg [dose-mismatch]"),
            "\(result.standardOutput)")
    }

    @Test func aDifferentNumberOfAdministrationsIsAMismatchAtItsText() throws {
        let (result, position, file) = try Self.checkEdited("received 5 times", "received 4 times")
        #expect(result.status == 1)
        let at = position.split(separator: ":").map { Int($0)! }
        // The count is «4 times», after `received `.
        #expect(result.standardOutput.contains(
            "\(file):\(at[0]):\(at[1] + 9): error: the brief summary says the number of administrations is 4 («4 times»); the protocol says 5 [administration-count-mismatch]"),
            "\(result.standardOutput)")
        // The detailed description still says 5: the record now contradicts itself too.
        #expect(result.standardOutput.contains("[administration-count-contradiction]"))
    }

    @Test func aDifferentIntervalIsAMismatchAtItsText() throws {
        let (result, position, file) = try Self.checkEdited("2 weeks apart", "3 weeks apart")
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(
            "\(file):\(position): error: the brief summary says the interval between administrations is P3W («3 weeks apart»); the protocol's intervals are P1W (1–2), P2W (2–3, 3–4, 4–5) [interval-mismatch]"),
            "\(result.standardOutput)")
    }

    @Test func anUnusableProtocolFileIsAnInputErrorAtItsLineAndColumn() throws {
        try Self.inTemporaryFolder { folder in
            let file = folder.appendingPathComponent("p.yaml")
            try "interventions:\n  - route: intravenus\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try runCTLint(["check", "--protocol", file.path, TestPaths.fixture("reference/NCT06813157.json").path] + Self.asOf)
            #expect(result.status == 2)
            #expect(result.standardError == "\(file.path):2:12: error: unknown route 'intravenus' — did you mean 'intravenous'?\n")
            #expect(result.standardOutput.isEmpty)
        }
        let missing = try runCTLint(["check", "--protocol", "/nonexistent/p.yaml", TestPaths.fixture("reference/NCT06813157.json").path])
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("/nonexistent/p.yaml: error: cannot read the protocol file:"))
    }

    @Test(arguments: referenceFiles)
    func baselineWritesTheReferenceProtocol(_ name: String) throws {
        let path = TestPaths.fixture(name).path
        let result = try runCTLint(["baseline", path])
        #expect(result.status == 0, "\(result.standardError)")
        let fixture = try String(contentsOfFile: Self.protocolFile, encoding: .utf8)
        func content(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        }
        #expect(content(result.standardOutput) == content(fixture))
        #expect(result.standardOutput.hasPrefix("# Protocol file written by `ctlint baseline` from \(path)"))
    }

    @Test func baselineWritesAFileTheRecordChecksCleanAgainst() throws {
        let record = TestPaths.fixture("corpus/json-v2/NCT01589588.json").path
        try Self.inTemporaryFolder { folder in
            let file = folder.appendingPathComponent("NCT01589588.protocol.yaml")
            let written = try runCTLint(["baseline", record, "-o", file.path])
            #expect(written.status == 0)
            #expect(written.standardOutput.isEmpty)
            #expect(try String(contentsOf: file, encoding: .utf8).contains("study: NCT01589588"))
            let checked = try runCTLint(["check", "--format", "json", "--protocol", file.path, record] + Self.asOf)
            let diagnostics = try #require(try JSONSerialization.jsonObject(with: Data(checked.standardOutput.utf8)) as? [[String: Any]])
            let protocolFindings = diagnostics.compactMap { $0["ruleId"] as? String }.filter { id in
                id.hasSuffix("-mismatch") || id.hasSuffix("-missing")
            }
            #expect(protocolFindings.isEmpty, "\(protocolFindings)")
        }
    }

    @Test func baselineRefusesAFileOfSeveralRecordsAndUnreadableInput() throws {
        let study = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.json"), encoding: .utf8)
        try Self.inTemporaryFolder { folder in
            let two = folder.appendingPathComponent("two.json")
            try "[\(study), \(study)]".write(to: two, atomically: true, encoding: .utf8)
            let result = try runCTLint(["baseline", two.path])
            #expect(result.status == 2)
            #expect(result.standardError == "\(two.path): error: a baseline is written for one record; the file holds 2\n")
            #expect(result.standardOutput.isEmpty)
        }
        let missing = try runCTLint(["baseline", "/nonexistent/study.json"])
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("/nonexistent/study.json: error:"))
        let unwritable = try runCTLint(["baseline", TestPaths.fixture("reference/NCT06813157.json").path, "-o", "/nonexistent/dir/p.yaml"])
        #expect(unwritable.status == 2)
        #expect(unwritable.standardError.hasPrefix("/nonexistent/dir/p.yaml: error: cannot write the protocol file:"))
    }
}
