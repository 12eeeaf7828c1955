import ArgumentParser
import RegistryFormats
import RegistryModel

extension CTLint {
    /// `ctlint parse FILE...`: reads records in any supported format and prints them.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read registry records in any supported format and print them.",
            discussion: """
                Formats are detected from content: API v2 JSON (one study, an array, a page, JSON lines), \
                classic JSON, legacy XML, PRS upload XML (one record per study of the collection) and module \
                text. Reader warnings and read errors go to standard \
                error as file:line:column. Exit codes: 0 every record read; 2 a file or record could not be read.
                """)

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            /// A readable summary per record.
            case text
            /// One JSON array of the records in API v2 shape.
            case json
            /// One API v2 study object per line.
            case jsonl
        }

        @Argument(help: "Record files to read; - reads standard input.")
        var files: [String] = []

        @Option(help: "How to print the records: text (a summary), json (an array of API v2 studies) or jsonl (one study per line).")
        var format: OutputFormat = .text

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one FILE to read, or - for standard input") }
        }

        func run() throws {
            var out = BufferedOutput(.standardOutput)
            var err = BufferedOutput(.standardError)
            var failed = false
            var written = 0
            let reader = RegistryReader()
            if format == .json { out.write("[") }
            for file in files {
                do {
                    try reader.read(path: file) { result in
                        switch result {
                        case .success(let record):
                            for notice in record.study.notices {
                                err.write(Parse.warning(notice, file: record.source.path))
                            }
                            print(record, number: written, to: &out)
                            written += 1
                        case .failure(let error):
                            err.write(error.description + "\n")
                            failed = true
                        }
                    }
                } catch let error as ReadError {
                    err.write(error.description + "\n")
                    failed = true
                }
            }
            if format == .json { out.write(written == 0 ? "]\n" : "\n]\n") }
            out.flush()
            err.flush()
            if failed { throw ExitCode(ExitStatus.usageOrInput) }
        }

        private func print(_ record: Record, number: Int, to out: inout BufferedOutput) {
            switch format {
            case .text:
                if number > 0 { out.write("\n") }
                out.write(StudyTextSummary.text(for: record))
            case .json:
                var bytes: [UInt8] = Array((number > 0 ? ",\n  " : "\n  ").utf8)
                V2JSONWriter(style: .pretty).write(record.study, into: &bytes, indent: 1)
                out.write(bytes: bytes)
            case .jsonl:
                var bytes: [UInt8] = []
                V2JSONWriter(style: .compact).write(record.study, into: &bytes)
                bytes.append(0x0A)
                out.write(bytes: bytes)
            }
        }

        /// A reader notice in the form compilers use: `file:line:column: warning: message [field path]`.
        static func warning(_ notice: ReadNotice, file: String) -> String {
            let place = notice.origin.position.map { "\(file):\($0.line):\($0.column)" } ?? file
            return "\(place): warning: \(notice.message) [\(notice.origin.path)]\n"
        }
    }
}
