import ArgumentParser
import Foundation
import RegistryFormats
import RegistryModel
import ScheduleChart
import ScheduleExtraction
import ScheduleModel
import Validation

/// `ctlint timeline RECORD [--protocol FILE] [--svg OUT.svg] [--html OUT.html]`: the schedule on a time axis.
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a record's schedule on a time axis (text, SVG or HTML).",
        discussion: """
            Lays out the schedule RECORD's text states (what `ctlint baseline` writes): each administration \
            at its nominal day with its window as a band, cycles, timepoints placed from their anchor, and \
            periods as labelled spans. With --protocol, the promised schedule is drawn above the record's, \
            the marks that differ are numbered, and the findings of the protocol rules are listed. Without \
            --svg or --html, prints a text rendering (in colour on a terminal). Docs/timeline-and-report.md \
            says what the marks mean. Exit status: 0; 1 when --protocol is given and the schedules differ; \
            2 when a file cannot be read or written.
            """)

    @Argument(help: "The record: a file holding one study; - reads standard input.")
    var record: String

    @Option(name: .customLong("protocol"), help: "Protocol file (YAML or JSON) to draw above the record's schedule.")
    var protocolFile: String?

    @Option(help: "Write the chart as an SVG file.")
    var svg: String?

    @Option(help: "Write the chart as a self-contained HTML page.")
    var html: String?

    func run() throws {
        let promised: StudyProtocol?
        do {
            promised = try protocolFile.map { path throws(ProtocolFileError) in try ProtocolFile.load(path: path) }
        } catch {
            FileHandleOutput.standardError.write("\(error)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
        let record = try SingleRecord.read(self.record, purpose: "a timeline is drawn")
        let facts = ScheduleExtractor().extract(record.study)
        let built = ScheduleBuilder(facts: facts, study: record.study).build(study: record.study.nctId)
        let name = record.study.nctId ?? URL(fileURLWithPath: record.source.path).lastPathComponent
        let stated = TimelineLayout.Schedule(
            title: "Stated by the record (\(URL(fileURLWithPath: record.source.path).lastPathComponent))",
            schedule: built.schedule, notes: built.notes)
        let title = "\(name): schedule"

        var findings: [TimelineHTML.Finding]?
        func layout(_ geometry: TimelineGeometry) -> ScheduleChart.Timeline {
            guard let promised, let protocolFile else { return TimelineLayout(geometry: geometry).layout(title: title, stated) }
            let lane = TimelineLayout.Schedule(title: "Promised by the protocol (\(URL(fileURLWithPath: protocolFile).lastPathComponent))", schedule: promised)
            return TimelineLayout(geometry: geometry).layout(title: title, promised: lane, stated: stated)
        }
        if let promised {
            let engine = ValidationEngine(rules: RuleCatalog.protocol, today: ValidationEngine.currentDate(), protocol: promised)
            findings = engine.check(record, facts: facts).map {
                TimelineHTML.Finding(rule: $0.ruleID, severity: $0.severity.description, location: $0.locationDescription, message: $0.message)
            }
        }

        let chart = layout(.svg)
        if svg == nil, html == nil {
            let out = FileHandleOutput.standardOutput
            var text = TimelineText.render(layout(.text), colour: out.isTerminal)
            if let findings {
                text += "\nctlint check --protocol: " + (findings.isEmpty ? "no finding\n" : "\n")
                text += findings.map { "\($0.location): \($0.severity): \($0.message) [\($0.rule)]\n" }.joined()
            }
            out.write(text)
        }
        if let svg { try write(TimelineSVG.document(chart), to: svg, what: "SVG") }
        if let html { try write(TimelineHTML.page(chart, findings: findings), to: html, what: "HTML page") }
        if !chart.differences.isEmpty { throw ExitCode(ExitStatus.findings) }
    }

    private func write(_ text: String, to path: String, what: String) throws {
        do {
            try OutputFile.write(text, to: path)
        } catch {
            FileHandleOutput.standardError.write("\(path): error: cannot write the \(what): \(error.reason)\n")
            throw ExitCode(ExitStatus.usageOrInput)
        }
    }
}
