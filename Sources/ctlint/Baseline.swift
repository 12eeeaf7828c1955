import ArgumentParser
import RegistryFormats
import RegistryModel
import ScheduleModel
import Validation

/// `ctlint baseline RECORD [-o FILE]`: the protocol file a record's own text implies.
struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the protocol file a record's own text implies.",
        discussion: """
            Extracts the schedule facts of RECORD (any format ctlint reads; - for standard input) and writes \
            the protocol they imply, as YAML: design, each intervention's dose, route, number of \
            administrations, schedule days with their windows and cycles, timepoints with their anchors, and \
            periods with their visit codes. Check later versions of the record against it with \
            `ctlint check --protocol FILE`. Where the record contradicts itself, the contested promise is left \
            out (so that the record checks clean against its own baseline) and a comment at the top of the \
            file says so. Exit status: 0, or 2 when the record cannot be read or the file holds other than \
            one record.
            """)

    @Argument(help: "The record: a file holding one study; - reads standard input.")
    var record: String

    @Option(name: .shortAndLong, help: "Write the protocol file here instead of to standard output.")
    var output: String?

    func run() throws {
        let record = try SingleRecord.read(self.record, purpose: "a baseline is written")
        let text = Baseline.protocolFile(for: record)
        guard let output else {
            FileHandleOutput.standardOutput.write(text)
            return
        }
        do {
            try OutputFile.write(text, to: output)
        } catch {
            FileHandleOutput.standardError.write("\(output): error: cannot write the protocol file: \(error.reason)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
    }

    /// The protocol file of one record, with a header saying where it came from and what was left out.
    static func protocolFile(for record: Record) -> String {
        let built = ProtocolBaseline.build(for: record)
        var comments = [
            "Protocol file written by `ctlint baseline` from \(record.source.path): the schedule the record's own text states.",
            "Check the record against it with `ctlint check --protocol FILE RECORD`.",
        ]
        if !built.notes.isEmpty { comments += ["", "Left out:"] + built.notes.map { "- \($0)" } }
        return ProtocolFile.yaml(built.schedule, comments: comments)
    }
}
