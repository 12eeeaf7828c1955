import Diagnostics
import RegistryModel
import Testing

@Suite struct HumanRendererTests {
    @Test func rendersTheGoldenOutput() throws {
        let output = HumanRenderer().render(Sample.diagnostics, source: Sample.document)
        #expect(try matchesGolden(output, "diagnostics.human.txt"), "\(output)")
    }

    @Test func showsAWindowOfALongLineWithTheMarkerUnderTheOffendingText() throws {
        let output = HumanRenderer(windowWidth: 60).render(Sample.diagnostics[0], source: Sample.document)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "\(Sample.file):17:481: warning: \(Sample.diagnostics[0].message) [dose-lost-superscript]")
        let source = try #require(lines.first { $0.hasPrefix(" 17 | ") })
        let marker = try #require(lines.first { $0.hasPrefix("    | ") && $0.contains("^") })
        #expect(source.hasPrefix(" 17 | …") && source.hasSuffix("…"))
        // The caret and tildes sit exactly under `108/kg`.
        let caret = try #require(marker.firstIndex(of: "^"))
        let column = marker.distance(from: marker.startIndex, to: caret)
        let underlined = String(source.unicodeScalars.dropFirst(column).prefix(6))
        #expect(underlined == "108/kg")
        #expect(marker.hasSuffix("^~~~~~"))
        #expect(source.unicodeScalars.count <= 6 + 60 + 2)
    }

    @Test func aFindingWithoutPositionHasNoSourceLine() {
        let output = HumanRenderer().render(Sample.diagnostics[2], source: Sample.document)
        #expect(output == """
            \(Sample.file): error: the brief title is missing "here" & <there> [brief-title-missing]
              = fix: add the study's brief title

            """)
    }

    @Test func coloursOnlyWhenAsked() {
        let plain = HumanRenderer(colour: false).render(Sample.diagnostics, source: Sample.document)
        let coloured = HumanRenderer(colour: true).render(Sample.diagnostics, source: Sample.document)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
    }

    @Test func controlCharactersDoNotShiftTheMarker() throws {
        let text = "Key:\tvalue with\ttabs"
        let document = SourceDocument(bytes: Array(text.utf8), escaping: .verbatim)
        let diagnostic = Diagnostic(
            ruleID: "x", severity: .note, message: "m", file: "f", start: SourcePosition(line: 1, column: 17, offset: 16),
            end: SourcePosition(line: 1, column: 21, offset: 20))
        let output = HumanRenderer().render(diagnostic, source: document)
        #expect(output.contains(" 1 | Key: value with tabs\n   |                 ^~~~\n"))
    }

    @Test func summaryCountsEachSeverity() {
        var counts = SeverityCounts(Sample.diagnostics)
        #expect(counts.summary(records: 2) == "1 error, 1 warning, 1 note in 2 records")
        counts.add(.error)
        #expect(counts.summary(records: 1) == "2 errors, 1 warning, 1 note in 1 record")
    }
}
