import ArgumentParser
import RegistryFormats
import ScheduleExtraction

extension CTLint {
    /// `ctlint extract`: the schedule facts of records' text fields, as the facts contract prints them.
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract dosing and visit schedule facts from records' text fields.",
            discussion: """
                Reads the brief summary, detailed description, arm group and intervention descriptions and \
                outcome time frames of every record, and prints each fact with its normal form, field, exact \
                text, UTF-8 range and the rule that read it (see the facts contract). A file that cannot be \
                read is reported on standard error and the others are still read; the exit status is then 2.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json, jsonl, text
        }

        @Argument(help: "Record files: API v2 or classic JSON, legacy or upload XML, module text; - for standard input.")
        var files: [String]

        @Option(help: "json (one array), jsonl (one record per line) or text (a table per field).")
        var format: Format = .json

        func run() throws {
            let extractor = ScheduleExtractor()
            let reader = RegistryReader()
            let output = FileHandleOutput.standardOutput
            var failed = false
            var first = true
            if format == .json { output.write("[") }
            for file in files {
                do {
                    try reader.read(path: file) { result in
                        switch result {
                        case .success(let record):
                            let extracted = ExtractedRecord(record, extractor: extractor)
                            switch format {
                            case .json:
                                output.write((first ? "\n" : ",\n") + extracted.json(pretty: true))
                            case .jsonl:
                                output.write(extracted.json() + "\n")
                            case .text:
                                output.write((first ? "" : "\n") + extracted.table)
                            }
                            first = false
                        case .failure(let error):
                            FileHandleOutput.standardError.write("\(error)\n")
                            failed = true
                        }
                    }
                } catch let error as ReadError {
                    FileHandleOutput.standardError.write("\(error)\n")
                    failed = true
                }
            }
            if format == .json { output.write(first ? "]\n" : "\n]\n") }
            if failed { throw ExitCode(ExitStatus.usageOrInput) }
        }
    }
}
