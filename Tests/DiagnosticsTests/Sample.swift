import Diagnostics
import Foundation
import RegistryModel
import TestSupport

/// Diagnostics on the reference study's module text (a real record), with every kind of part: a
/// highlighted range on a 997-character line, notes with and without positions, fixes with and
/// without a replacement, and a finding with no position.
enum Sample {
    static let file = "Fixtures/reference/NCT06813157.description-module.txt"

    static var document: SourceDocument {
        let bytes = try! Array(Data(contentsOf: TestPaths.fixture("reference/NCT06813157.description-module.txt")))
        return SourceDocument(bytes: bytes, escaping: .verbatim)
    }

    static let diagnostics: [Diagnostic] = [
        Diagnostic(
            ruleID: "dose-lost-superscript", severity: .warning,
            message: "the dose `1 × 108/kg` reads like 1 × 10⁸/kg with the superscript lost", file: file,
            nctID: "NCT06813157", fieldPath: .briefSummary,
            start: SourcePosition(line: 17, column: 481, offset: 1044), end: SourcePosition(line: 17, column: 487, offset: 1050),
            notes: [DiagnosticNote("exports that drop superscripts turn 10⁸ into 108")],
            fix: FixIt(
                "write the power of ten as 10^8",
                replacement: .init(
                    start: SourcePosition(line: 17, column: 481, offset: 1044), end: SourcePosition(line: 17, column: 484, offset: 1047),
                    text: "10^8"))),
        Diagnostic(
            ruleID: "visit-code-gap", severity: .note, message: "the visits jump from V3 to V5; V4 is not described", file: file,
            nctID: "NCT06813157", fieldPath: .detailedDescription,
            start: SourcePosition(line: 18, column: 483, offset: 2046), end: SourcePosition(line: 18, column: 487, offset: 2050),
            notes: [
                DiagnosticNote(
                    "the brief summary counts 5 infusions", fieldPath: .briefSummary,
                    start: SourcePosition(line: 17, column: 395, offset: 957), end: SourcePosition(line: 17, column: 402, offset: 964))
            ]),
        Diagnostic(
            ruleID: "brief-title-missing", severity: .error, message: "the brief title is missing \"here\" & <there>", file: file,
            nctID: "NCT06813157", fieldPath: FieldPath.identificationModule.appending("briefTitle"),
            fix: FixIt("add the study's brief title")),
    ]

    static let rules: [RuleInfo] = [
        RuleInfo(
            id: "brief-title-missing", family: "registry", defaultSeverity: .error, summary: "The brief title is present.",
            rationale: "The Brief Title is a required data element.", source: "DED; registry-facts R03"),
        RuleInfo(
            id: "dose-lost-superscript", family: "consistency", defaultSeverity: .warning,
            summary: "A dose read through a lost superscript needs confirming.", rationale: "Exports drop superscripts.",
            source: "issue 4"),
        RuleInfo(
            id: "visit-code-gap", family: "consistency", defaultSeverity: .note, summary: "Visit codes have no gap.",
            rationale: "A missing visit code usually means a visit is not described.", source: "issue 4"),
    ]

    static var report: CheckReport {
        CheckReport(
            toolVersion: "0.1.0", rules: rules,
            records: [
                .init(file: file, index: 0, nctID: "NCT06813157", format: .moduleText, diagnostics: diagnostics),
                .init(file: "Fixtures/clean.json", index: 0, nctID: nil, format: .jsonV2, diagnostics: []),
            ],
            inputErrors: [.init(file: "broken.json", start: SourcePosition(line: 3, column: 7, offset: 40), message: "unexpected end of input")])
    }
}

/// Compares `actual` with a golden file under `Fixtures/golden/`; with `CTLINT_UPDATE_GOLDEN=1` in the
/// environment, writes the file instead (review the diff before committing it).
func matchesGolden(_ actual: String, _ name: String) throws -> Bool {
    let url = TestPaths.fixture("golden/" + name)
    if ProcessInfo.processInfo.environment["CTLINT_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return true
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    return expected == actual
}

/// Runs a program and returns its exit status and combined output.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
