import ArgumentParser
import Diagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `ctlint` command: reads clinical-trial registry records, extracts their dosing and visit
/// schedule, and checks them.
@main
struct CTLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctlint",
        abstract: "Read, extract and check clinical-trial registry records.",
        discussion: """
            Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage or input errors.
            """,
        version: "0.1.0",
        subcommands: [Parse.self, Extract.self, Check.self, Baseline.self, Convert.self, Rules.self, Scan.self, Timeline.self, Report.self]
    )

    /// Runs the command with ctlint's exit codes: usage errors exit 2 (not 64), as input errors do.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandleOutput.standardError.write(fullMessage(for: error) + "\n")
                Glibc.exit(ExitStatus.usageOrInput)
            }
            exit(withError: error)
        }
    }
}

/// The `--fail-on` values of `check` and `scan`: the least severity that makes the exit status 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, note

    var severity: Severity { Severity(rawValue: rawValue)! }
}

/// ctlint's exit statuses.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usageOrInput: Int32 = 2
    /// Stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it).
    static let interrupted: Int32 = 130
}
