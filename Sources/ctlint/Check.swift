import ArgumentParser
import Diagnostics
import RegistryFormats
import RegistryModel
import ScheduleModel
import Validation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `ctlint check FILE...`: reads records, runs the rules, reports findings, and sets the exit status.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check registry records against the registry's rules.",
        discussion: """
            Reads each FILE (any format ctlint reads; - for standard input) and reports every finding. \
            Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 when a file or the \
            configuration cannot be read. Rules are configured in .ctlint.yml (found upward from the working \
            directory) or the file given with --config; `ctlint rules` lists them. XML records are also \
            validated against their format's schema (rule `schema`: public.xsd for legacy XML, the PRS upload \
            schema for upload XML), with copies of the schemas built into ctlint. With --protocol, the \
            protocol rules also compare each record with the protocol file (Docs/protocol-file.md; \
            `ctlint baseline` writes one from a record).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case human, json, sarif, junit
    }

    @Argument(help: "Record files to check; - reads standard input.")
    var files: [String]

    @Option(help: "Output format: human, json, sarif or junit.")
    var format: Format = .human

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at least this severe: error, warning or note (default: error, or the configuration's fail-on).")
    var failOn: FailLevel?

    @Option(help: "Configuration file (default: the nearest .ctlint.yml upward from the working directory).")
    var config: String?

    @Option(name: .customLong("protocol"), help: "Protocol file (YAML or JSON) to check the records against.")
    var protocolFile: String?

    @Option(name: .customLong("as-of"), help: "The day treated as today by rules that compare dates with the calendar (yyyy-MM-dd; default: today).")
    var asOf: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to check, or - for standard input") }
        if let asOf, PartialDate.parseISO(asOf)?.precision != .day {
            throw ValidationError("--as-of takes a day as yyyy-MM-dd, not `\(asOf)`")
        }
    }

    func run() throws {
        let configuration: Configuration
        let studyProtocol: StudyProtocol?
        do {
            configuration = try Check.loadConfiguration(path: config)
            studyProtocol = try protocolFile.map { path throws(ProtocolFileError) in try ProtocolFile.load(path: path) }
        } catch {
            FileHandleOutput.standardError.write("\(error)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        let today = asOf.flatMap(PartialDate.parseISO) ?? ValidationEngine.currentDate()
        let engine = ValidationEngine(configuration: configuration, today: today, protocol: studyProtocol)
        let threshold = failOn?.severity ?? configuration.failOn ?? .error

        let out = FileHandleOutput.standardOutput
        let human = HumanRenderer(colour: out.isTerminal && !Check.noColour)
        var records: [CheckReport.CheckedRecord] = []
        var inputErrors: [CheckReport.InputError] = []
        var counts = SeverityCounts()
        var failing = false

        // Validating XML against its schema costs time; it is done only when the rule runs.
        let validates = engine.activeRules.contains { $0.id == SchemaValidity.description.id }
        let reader = RegistryReader(options: ReadOptions(validatesSchema: validates))
        for file in files {
            do {
                try reader.read(path: file) { result in
                    switch result {
                    case .success(let record):
                        let diagnostics = engine.check(record)
                        counts.add(SeverityCounts(diagnostics))
                        failing = failing || diagnostics.contains { $0.severity >= threshold }
                        if format == .human {
                            out.write(human.render(diagnostics, source: record.document))
                        }
                        records.append(
                            CheckReport.CheckedRecord(
                                file: record.source.path, index: record.source.index, nctID: record.study.nctId,
                                format: record.source.format, diagnostics: diagnostics))
                    case .failure(let error):
                        inputErrors.append(Check.inputError(error))
                    }
                }
            } catch let error as ReadError {
                inputErrors.append(Check.inputError(error))
            }
        }

        let report = CheckReport(toolVersion: CTLint.configuration.version, rules: engine.activeRules, records: records, inputErrors: inputErrors)
        switch format {
        case .human:
            for error in inputErrors { FileHandleOutput.standardError.write(error.description + "\n") }
            FileHandleOutput.standardError.write(human.summary(counts, records: records.count))
        case .json:
            for error in inputErrors { FileHandleOutput.standardError.write(error.description + "\n") }
            out.write(JSONRenderer().render(report.diagnostics))
        case .sarif:
            for error in inputErrors { FileHandleOutput.standardError.write(error.description + "\n") }
            out.write(SARIFRenderer().render(report))
        case .junit:
            for error in inputErrors { FileHandleOutput.standardError.write(error.description + "\n") }
            out.write(JUnitRenderer(failureThreshold: threshold).render(report))
        }

        if !inputErrors.isEmpty { throw ExitCode(ExitStatus.usageOrInput) }
        if failing { throw ExitCode(ExitStatus.findings) }
    }

    /// The configuration file at `path`, or else the one found from the working directory up, or else
    /// the defaults (`check` and `scan` alike).
    static func loadConfiguration(path: String?) throws -> Configuration {
        let file: String
        if let path {
            file = path
        } else {
            guard let directory = Check.workingDirectory(), let found = Configuration.find(from: directory) else {
                return Configuration()
            }
            file = found
        }
        return try Configuration.load(path: file, knownRules: RuleCatalog.descriptions)
    }

    static func inputError(_ error: ReadError) -> CheckReport.InputError {
        CheckReport.InputError(file: error.file, start: error.position, message: error.message)
    }

    /// `NO_COLOR` set to anything but the empty string turns colour off (no-color.org).
    static var noColour: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    static func workingDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
