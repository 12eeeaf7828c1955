import Foundation

/// Paths of the package's fixtures and of the optional shared corpus, found from this source file so
/// that tests run from any working directory.
public enum TestPaths {
    /// The package root: the folder holding Package.swift.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `Fixtures/`.
    public static func fixture(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    /// `../shared`, next to the package, when it exists: the corpus, the gold set and the schemas
    /// that corpus-wide tests use. Tests that need it are skipped when it is absent.
    public static let shared: URL? = {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : nil
    }()

    /// `../shared/corpus`, when it exists.
    public static var sharedCorpus: URL? { shared?.appendingPathComponent("corpus") }

    /// The built `ctlint` executable, next to the test bundle in the build products folder.
    public static var ctlintExecutable: URL {
        let me = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
        var dir = me.deletingLastPathComponent()
        // On Linux the test runner is `<products>/ctlintPackageTests.xctest`; on macOS it sits inside the bundle.
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("ctlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return me.deletingLastPathComponent().appendingPathComponent("ctlint")
    }
}

/// The result of running the `ctlint` executable.
public struct CommandResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// Runs the built `ctlint` with arguments and optional standard input, in `directory` if given.
public func runCTLint(
    _ arguments: [String], input: Data? = nil, directory: URL? = nil, environment: [String: String]? = nil
) throws -> CommandResult {
    let process = Process()
    process.executableURL = TestPaths.ctlintExecutable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    // Read both pipes while the process runs, so a large output cannot fill a pipe and block it.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        outData = out.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    if let input { inPipe.fileHandleForWriting.write(input) }
    try? inPipe.fileHandleForWriting.close()
    process.waitUntilExit()
    group.wait()
    return CommandResult(
        status: process.terminationStatus,
        standardOutput: String(decoding: outData, as: UTF8.self),
        standardError: String(decoding: errData, as: UTF8.self))
}
