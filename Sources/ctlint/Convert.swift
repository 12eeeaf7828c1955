import ArgumentParser
import RegistryFormats
import RegistryModel

/// `ctlint convert RECORD --to upload-xml|v2-json [-o FILE]`: a record in another format.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert records to PRS upload XML or API v2 JSON.",
        discussion: """
            Reads RECORD (any format ctlint reads; - for standard input) and writes its records as a PRS \
            protocol upload file (--to upload-xml), ready to edit and upload, or as API v2 JSON (--to v2-json: \
            one study object, or an array for several). A record holding only some of a study's data becomes \
            a partial upload (partial_upload="true"). The upload needs the PRS account's organization name \
            and an org study id, which public records do not hold: give them with --org-name and \
            --org-study-id, or the record's own org study id and organization name are used, or a marked \
            placeholder is written. Every value the upload cannot carry as the record has it, and every \
            placeholder, is reported on standard error as a warning to act on; the upload format holds no NCT \
            id (the PRS knows a record by org_name and org_study_id). Exit status: 0, or 2 when the record \
            cannot be read or the output cannot be written.
            """)

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case uploadXML = "upload-xml"
        case v2JSON = "v2-json"
    }

    @Argument(help: "The record file; - reads standard input.")
    var record: String

    @Option(help: "The format to write: upload-xml or v2-json.")
    var to: Target

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    @Option(name: .customLong("org-name"), help: "The PRS organization name (id_info/org_name) for upload XML.")
    var orgName: String?

    @Option(name: .customLong("org-study-id"), help: "The org study id (id_info/org_study_id) for upload XML, for a file of one record.")
    var orgStudyID: String?

    func validate() throws {
        if to == .v2JSON, orgName != nil || orgStudyID != nil {
            throw ValidationError("--org-name and --org-study-id are for --to upload-xml")
        }
    }

    func run() throws {
        var records: [Record] = []
        var failed = false
        do {
            // Conversion reads values; whether the input follows its schema is for `ctlint check`.
            try RegistryReader(options: ReadOptions(validatesSchema: false)).read(path: record) { result in
                switch result {
                case .success(let record): records.append(record)
                case .failure(let error):
                    FileHandleOutput.standardError.write("\(error)\n")
                    failed = true
                }
            }
        } catch let error as ReadError {
            FileHandleOutput.standardError.write("\(error)\n")
            failed = true
        }
        if failed { throw ExitCode(ExitStatus.usageOrInput) }
        guard !records.isEmpty else {
            FileHandleOutput.standardError.write("\(record): error: the file holds no record to convert\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        if orgStudyID != nil, records.count > 1 {
            FileHandleOutput.standardError.write(
                "\(record): error: --org-study-id names one study, but the file holds \(records.count) records\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        let text: String
        var notes: [UploadXMLWriter.Note] = []
        switch to {
        case .uploadXML:
            let written = UploadXMLWriter(orgName: orgName, orgStudyID: orgStudyID).write(records)
            notes = written.notes
            text = written.text
        case .v2JSON:
            let writer = V2JSONWriter(style: .pretty)
            if records.count == 1 {
                text = writer.string(records[0].study) + "\n"
            } else {
                var bytes = Array("[".utf8)
                for (n, record) in records.enumerated() {
                    bytes += Array((n > 0 ? ",\n  " : "\n  ").utf8)
                    writer.write(record.study, into: &bytes, indent: 1)
                }
                bytes += Array("\n]\n".utf8)
                text = String(decoding: bytes, as: UTF8.self)
            }
        }
        if let output {
            do {
                try OutputFile.write(text, to: output)
            } catch {
                FileHandleOutput.standardError.write("\(output): error: cannot write the converted file: \(error.reason)\n")
                throw ExitCode(ExitStatus.usageOrInput)
            }
        } else {
            FileHandleOutput.standardOutput.write(text)
        }
        // Said once the file is written: what in it to check or replace.
        for note in notes {
            FileHandleOutput.standardError.write("\(record): \(note.isWarning ? "warning" : "note"): \(note)\n")
        }
    }
}
