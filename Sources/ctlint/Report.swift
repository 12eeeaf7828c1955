import ArgumentParser
import Foundation
import ScanReport

/// `ctlint report results.sqlite --html OUT.html`: a page summarising a scan database.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a self-contained HTML page summarising a scan database.",
        discussion: """
            Reads DATABASE (written by `ctlint scan --db`) without changing it and writes one HTML page with \
            inline CSS, SVG and script (nothing is fetched when it is viewed): records by format and status, \
            failures, findings by rule, charts of doses per unit, numbers of administrations, intervals and \
            follow-up lengths, and a searchable table of the records with their findings (the first \
            --limit records). Exit status: 0, or 2 when the database cannot be read or the page written.
            """)

    @Argument(help: "The scan database.")
    var database: String

    @Option(help: "Write the page here.")
    var html: String

    @Option(help: "The most records the table lists.")
    var limit: Int = ScanSummary.defaultTableLimit

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let summary: ScanSummary
        do {
            summary = try ScanSummary.read(path: database, tableLimit: limit)
        } catch {
            FileHandleOutput.standardError.write("\(error)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        let page = ReportPage.html(summary, name: URL(fileURLWithPath: database).lastPathComponent)
        do {
            try OutputFile.write(page, to: html)
        } catch {
            FileHandleOutput.standardError.write("\(html): error: cannot write the page: \(error.reason)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
    }
}
