import ArgumentParser
import BulkScan
import Diagnostics
import Dispatch
import RegistryFormats
import RegistryModel
import Validation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CTLint {
    /// `ctlint scan INPUT...`: reads, extracts and checks every record of files, folders and zip
    /// archives in parallel, into a SQLite database, JSON lines or CSV files.
    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read, extract and check every record of files, folders and zip archives, into a database.",
            discussion: """
                Each INPUT is a record file (API v2 or classic JSON, JSON lines, API pages, legacy or PRS upload \
                XML, module text), a folder (read recursively: files ending .json, .jsonl, .ndjson, .xml, .txt, and .zip \
                archives), or a zip archive such as the registry's bulk download ctg-studies.json.zip. The \
                results go to a SQLite database (--db, the default; its tables are described in \
                Docs/scan-database.md), JSON lines (--jsonl) or CSV files (--csv). Scanning again into the same \
                database skips inputs whose bytes have not changed, and replaces the rows of those that have \
                (--force reads everything again).

                With --validate-schema, XML records are also validated against their schema (rule `schema`: \
                public.xsd for legacy XML, the PRS upload schema for upload XML), as `ctlint check` does; it is off \
                by default because it makes reading legacy XML about a third slower. Inputs scanned before without \
                it are skipped unless --force is given too.

                An input that cannot be read becomes a row of `failures` and the scan goes on. On a terminal a \
                progress line is shown on standard error; a summary is printed there at the end. Ctrl-C stops \
                the scan: work in progress is finished, the database is committed and valid, and the summary \
                says the scan was interrupted.

                Exit status: 0 every input was read (and no finding reached --fail-on, when given); 1 a \
                finding reached --fail-on; 2 a usage error, an output that cannot be written, or an input or \
                record that could not be read (the results still hold everything else); 130 interrupted by \
                Ctrl-C or SIGTERM.
                """)

        @Argument(help: "Files, folders and zip archives to scan.")
        var inputs: [String]

        @Option(help: "SQLite database to write (default: ctlint-scan.sqlite).")
        var db: String?

        @Option(help: "Write JSON lines to this file instead (- for standard output).")
        var jsonl: String?

        @Option(help: "Write one CSV file per table into this folder instead.")
        var csv: String?

        @Option(help: "Worker threads (default: every core).")
        var jobs: Int?

        @Flag(help: "Read every input again, even those unchanged since the last scan into the database.")
        var force = false

        @Flag(name: .customLong("validate-schema"), help: "Also validate XML records against their schema (rule `schema`).")
        var validateSchema = false

        @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: error, warning or note.")
        var failOn: FailLevel?

        @Option(help: "Configuration file (default: the nearest .ctlint.yml upward from the working directory).")
        var config: String?

        @Option(name: .customLong("as-of"), help: "The day treated as today by rules that compare dates with the calendar (yyyy-MM-dd).")
        var asOf: String?

        func validate() throws {
            if inputs.isEmpty { throw ValidationError("name at least one file, folder or zip archive to scan") }
            if [db, jsonl, csv].compactMap({ $0 }).count > 1 {
                throw ValidationError("choose one output: --db, --jsonl or --csv")
            }
            if let jobs, jobs < 1 { throw ValidationError("--jobs takes a positive number, not \(jobs)") }
            if let asOf, PartialDate.parseISO(asOf)?.precision != .day {
                throw ValidationError("--as-of takes a day as yyyy-MM-dd, not `\(asOf)`")
            }
        }

        func run() throws {
            let stderr = FileHandleOutput.standardError
            let configuration: Configuration
            do {
                configuration = try Check.loadConfiguration(path: config)
            } catch {
                stderr.write("\(error)\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }
            let today = asOf.flatMap(PartialDate.parseISO) ?? ValidationEngine.currentDate()
            let jobs = jobs ?? Scan.coreCount()
            let engine = ValidationEngine(configuration: configuration, today: today)
            // Validation costs about half a millisecond of CPU per legacy XML record, a third of reading it
            // (the scan-stages benchmark), so a bulk scan does it only when asked, and only for the rule.
            let validates = validateSchema && engine.activeRules.contains { $0.id == SchemaValidity.description.id }
            let settings = ScanSettings(
                readOptions: ReadOptions(validatesSchema: validates), engine: engine, jobs: jobs, force: force)

            let sink: any ScanSink
            do {
                if let jsonl {
                    sink = try JSONLinesSink(path: jsonl)
                } else if let csv {
                    sink = try CSVSink(path: csv)
                } else {
                    sink = try SQLiteSink(path: db ?? "ctlint-scan.sqlite", sortingThreads: jobs - 1)
                }
            } catch {
                stderr.write("\(error)\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }

            var options: [(name: String, value: String)] = [("jobs", String(jobs)), ("today", today.description)]
            if force { options.append(("force", "true")) }
            if validates { options.append(("validate-schema", "true")) }
            if let failOn { options.append(("fail-on", failOn.rawValue)) }
            if let file = configuration.file { options.append(("config", file)) }
            let info = ScanInfo(
                startedAt: utcTimestamp(), inputs: inputs, options: options,
                toolVersion: CTLint.configuration.version)

            let control = ScanControl()
            let signals = Scan.stopOnSignals(control)
            defer { for source in signals { source.cancel() } }

            let terminal = stderr.isTerminal
            let totals: ScanTotals
            do {
                totals = try BulkScanner(inputs: inputs, settings: settings).run(
                    into: sink, info: info, control: control,
                    progress: terminal ? { stderr.write("\r\u{1B}[K" + $0.line) } : nil)
            } catch {
                if terminal { stderr.write("\r\u{1B}[K") }
                stderr.write("\(error)\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }
            if terminal { stderr.write("\r\u{1B}[K") }
            for failure in totals.firstFailures { stderr.write("\(failure)\n") }
            if totals.failures > totals.firstFailures.count {
                stderr.write("… and \(totals.failures - totals.firstFailures.count) more failures: see the failures table\n")
            }
            stderr.write(totals.summary())

            if totals.interrupted { throw ExitCode(ExitStatus.interrupted) }
            if totals.failures > 0 { throw ExitCode(ExitStatus.usageOrInput) }
            if let failOn, totals.diagnostics.reaches(failOn.severity) { throw ExitCode(ExitStatus.findings) }
        }

        /// The cores this process may run on.
        static func coreCount() -> Int {
            max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        }

        /// Stops the scan on the first SIGINT or SIGTERM; a second one ends the process at once.
        static func stopOnSignals(_ control: ScanControl) -> [any DispatchSourceSignal] {
            [SIGINT, SIGTERM].map { signalNumber in
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    control.stop()
                    signal(signalNumber, SIG_DFL)
                }
                source.resume()
                return source
            }
        }
    }
}
