import Foundation
import RegistryModel
import ScheduleModel
import Testing
import TestSupport
import Validation

/// Protocol files: the reference fixture, YAML and JSON, errors at their line and column, and the YAML
/// writer.
@Suite struct ProtocolFileTests {
    static let fixture = TestPaths.fixture("reference/NCT06813157.protocol.yaml").path

    /// What the brief says the reference study promises, written out in Swift.
    static let reference = StudyProtocol(
        study: "NCT06813157", design: [.singleArm, .singleCenter],
        interventions: [
            ProtocolIntervention(
                name: "mesenchymal stem cells", doses: [Dose(normalized: "1e8 {cells}/kg")!], routes: [.intravenous],
                administrations: CountRange(5),
                schedule: [
                    Administration(day: 0), Administration(day: 7, window: .symmetric(.days(1))),
                    Administration(day: 21, window: .symmetric(.days(3))), Administration(day: 35, window: .symmetric(.days(3))),
                    Administration(day: 49, window: .symmetric(.days(3))),
                ])
        ],
        timepoints: [("D14", ISODuration.days(14)), ("M1", .months(1)), ("M2", .months(2)), ("M3", .months(3)), ("M6", .months(6)),
            ("M9", .months(9)), ("M12", .months(12))].map { ProtocolTimepoint(label: $0.0, offset: $0.1, anchor: .endOfTreatment) },
        periods: [
            ProtocolPeriod(kind: .screening, visits: ["V1"]), ProtocolPeriod(kind: .baseline, visits: ["V2"]),
            ProtocolPeriod(kind: .treatment, visits: ["V3"]), ProtocolPeriod(kind: .followUp, visits: ["V5"]),
        ])

    /// The error reading `text` gives, as `line:column: error: message` without the file name.
    func error(_ text: String) -> String {
        do {
            _ = try ProtocolFile.parse(text, file: "p.yaml")
            return "no error"
        } catch {
            return error.description.replacingOccurrences(of: "p.yaml: ", with: "").replacingOccurrences(of: "p.yaml:", with: "")
        }
    }

    @Test func theReferenceFixtureIsWhatTheStudyPromises() throws {
        #expect(try ProtocolFile.load(path: Self.fixture) == Self.reference)
    }

    @Test func jsonReadsAsYAMLDoes() throws {
        let json = String(decoding: try JSONEncoder().encode(Self.reference), as: UTF8.self)
        #expect(try ProtocolFile.parse(json, file: "p.json") == Self.reference)
        // Pretty-printed JSON indented with tabs, which YAML alone would refuse.
        let tabbed = "{\n\t\"study\": \"NCT06813157\",\n\t\"interventions\": [\n\t\t{\"route\": \"oral\"}\n\t]\n}\n"
        #expect(try ProtocolFile.parse(tabbed, file: "p.json").interventions.first?.routes == [.oral])
        #expect(error("{\n\t\"interventions\": [\n\t\t{\"route\": \"orl\"}\n\t]\n}\n") == "3:13: error: unknown route 'orl' — did you mean 'oral'?")
    }

    @Test func anUnknownWordIsAnErrorAtItsValueWithASuggestion() {
        let text = """
            study: NCT06813157
            interventions:
              - name: mesenchymal stem cells
                route: intravenus
            """
        #expect(error(text) == "4:12: error: unknown route 'intravenus' — did you mean 'intravenous'?")
        #expect(error("design: [single-arm, singel-center]\n") == "1:22: error: unknown design feature 'singel-center' — did you mean 'single-center'?")
        #expect(error("timepoints:\n  - { offset: P14D, anchor: end-of-treatement }\n") == "2:29: error: unknown anchor 'end-of-treatement' — did you mean 'end-of-treatment'?")
    }

    @Test func anUnknownKeyIsAnErrorAtTheKey() {
        #expect(error("study: NCT06813157\ndesing: [single-arm]\n") == "2:1: error: unknown key 'desing' in the protocol — did you mean 'design'?")
        #expect(error("interventions:\n  - schedule:\n      - { day: 0, windw: ±P1D }\n") == "3:19: error: unknown key 'windw' in an administration — did you mean 'window'?")
    }

    @Test func aValueNotInNormalFormSaysWhatIsExpected() {
        #expect(error("interventions:\n  - dose: 1 x 10^8 cells/kg\n")
            == "2:11: error: '1 x 10^8 cells/kg' is not a dose: write an amount and a unit, as in `200 mg/m2`, `0.5 mg/kg` or `1e8 {cells}/kg`")
        #expect(error("timepoints:\n  - offset: 14 days\n").hasPrefix("2:13: error: '14 days' is not a duration"))
        #expect(error("interventions:\n  - schedule:\n      - day: seven\n") == "3:14: error: `interventions[0].schedule[0].day` must be a whole number, not 'seven'")
        #expect(error("periods:\n  - visit: V1\n") == "2:5: error: a period needs its `kind`, as in `kind: screening`")
        #expect(error("interventions:\n  - administrations: 5\n    schedule: [{ day: 0 }, { day: 7 }]\n") == "2:22: error: 5 administrations, but the schedule lists 2")
        #expect(error("version: 2\n") == "1:10: error: this ctlint reads protocol files of version 1, not 2")
    }

    @Test func aFileThatIsNotAProtocolSaysWhy() {
        #expect(error("") == "error: the protocol file is empty")
        #expect(error("- a\n- b\n") == "1:1: error: a protocol file is a mapping with the keys study, design, interventions, timepoints and periods")
        #expect(error("study: [a\n").hasPrefix("2:1: error: the protocol file is not valid YAML:"))
        #expect(error("{\"study\": \"NCT06813157\",\n").hasPrefix("2:1: error: the protocol file is not valid JSON:"))
        #expect(throws: ProtocolFileError.self) { try ProtocolFile.load(path: "/nonexistent/p.yaml") }
    }

    @Test func whatTheWriterWritesReadsBackTheSame() throws {
        let text = ProtocolFile.yaml(Self.reference, comments: ["a comment", "", "after a blank line"])
        #expect(text.hasPrefix("# a comment\n#\n# after a blank line\nversion: 1\n"))
        #expect(try ProtocolFile.parse(text, file: "p.yaml") == Self.reference)
        // Words YAML would read as something else are quoted.
        let awkward = StudyProtocol(
            interventions: [
                ProtocolIntervention(name: "yes"), ProtocolIntervention(name: "Drug: A #1"), ProtocolIntervention(name: "2019-05-02"),
                ProtocolIntervention(name: "123"), ProtocolIntervention(name: " padded"), ProtocolIntervention(name: "- dash"),
                ProtocolIntervention(name: "line\nbreak \"quoted\""),
                ProtocolIntervention(doses: [Dose(normalized: "1e8 {cells}/kg")!, Dose(normalized: "2e8 {cells}/kg")!]),
            ],
            periods: [ProtocolPeriod(kind: .treatment, visits: ["V3", "V3,b"])])
        #expect(try ProtocolFile.parse(ProtocolFile.yaml(awkward), file: "p.yaml") == awkward)
    }

    @Test func theWriterGivesTheFixtureLayout() throws {
        let written = ProtocolFile.yaml(Self.reference)
        let fixture = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        // The fixture is the writer's layout with comments added by hand.
        let withoutComments = fixture.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }.joined(separator: "\n")
        #expect(written == withoutComments)
    }
}
