import Foundation
import Testing
@testable import RegistryFormats
import RegistryModel
import TestSupport

/// XML that is not a readable registry record gets a clear error at the right line and column, and XML
/// that could make a parser fetch, expand or load anything is refused before it can.
@Suite struct XMLBadInputTests {
    private static let record = "<clinical_study>\n  <id_info>\n    <nct_id>NCT00000102</nct_id>\n  </id_info>\n</clinical_study>\n"

    @Test func emptyFileIsEmpty() throws {
        let error = try #require(readError(" \n\t\n", name: "empty.xml"))
        #expect(error.kind == .empty)
        #expect(error.description == "empty.xml: error: the file is empty")
    }

    @Test func truncatedXMLNamesWhereItEnds() throws {
        let fixture = try fixtureBytes("corpus/xml-legacy/NCT00000102.xml").bytes
        let cut = Array(fixture.prefix(1500))
        let lines = cut.split(separator: 0x0A, omittingEmptySubsequences: false)
        let error = try #require(readError(cut, name: "cut.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == lines.count)
        #expect(error.position?.column == lines.last.map { String(decoding: $0, as: UTF8.self).unicodeScalars.count + 1 })
        #expect(error.position?.offset == cut.count)
        #expect(error.message.hasSuffix("the file may be truncated"))
    }

    @Test func unclosedElementsAtTheEnd() throws {
        let error = try #require(readError("<clinical_study>\n  <id_info>\n    <nct_id>NCT1</nct_id>\n", name: "open.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position == SourcePosition(line: 4, column: 1, offset: 55))
        #expect(error.message
            == "the document ends inside <id_info> (opened at 2:3), before the end tags of 2 elements; the file may be truncated")
    }

    @Test func mismatchedTagNamesItsLineAndColumn() throws {
        let text = "<clinical_study>\n  <id_info>\n    <nct_id>NCT1</nct_idx>\n  </id_info>\n</clinical_study>\n"
        let error = try #require(readError(text, name: "bad.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 3)
        #expect(error.position?.column == 27)
        #expect(error.message.contains("nct_id"))
    }

    /// libxml2's pull parser, which reads well-formed records, words this error "… brief_title line 2";
    /// a broken record is read again by the push parser, whose words ctlint's messages have always been.
    @Test func aRecordEndingInsideAStartTagKeepsThePushParsersMessage() throws {
        let error = try #require(readError("<clinical_study>\n  <brief_title", name: "cut.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position == SourcePosition(line: 2, column: 15, offset: 31))
        #expect(error.message == "malformed XML: Couldn't find end of Start Tag brief_title")
    }

    /// libxml2's pull parser takes a NUL byte for the end of the document, and would read the record
    /// as if nothing came after it.
    @Test func aNULByteAfterTheRecordIsNotItsEnd() throws {
        let bytes = Array(Self.record.utf8) + [0] + Array("<clinical_study/>\n".utf8)
        let error = try #require(readError(bytes, name: "nul.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 6)
        #expect(error.message == "malformed XML: Extra content at the end of the document")
    }

    /// libxml2 counts columns in characters; the error column is in Unicode scalars, as everywhere.
    @Test func errorColumnsCountCharactersNotBytes() throws {
        let text = "<clinical_study>\n  <brief_title>Étude ≥ 2 & co</brief_title>\n</clinical_study>\n"
        let error = try #require(readError(text, name: "amp.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 2)
        #expect(error.position?.column == 27)
        let bytes = Array(text.utf8)
        let offset = try #require(error.position?.offset)
        #expect(lineAndColumn(of: offset, in: bytes).column == 27)
        #expect(bytes[offset...].starts(with: Array(" co<".utf8)))
    }

    @Test func wrongRootElement() throws {
        let error = try #require(readError("<?xml version=\"1.0\"?>\n<!-- exported -->\n  <foo><bar/></foo>\n", name: "foo.xml"))
        #expect(error.kind == .notARecord)
        #expect(error.position == SourcePosition(line: 3, column: 3, offset: 42))
        #expect(error.message == "expected <clinical_study> as the root element of a legacy registry record, found <foo>")
    }

    @Test func invalidUTF8NamesTheByte() throws {
        var bytes = Array(Self.record.utf8)
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "N")))
        bytes[at + 3] = 0xC3  // "NCT" then a lead byte followed by an ASCII digit
        let error = try #require(readError(bytes, name: "latin.xml"))
        #expect(error.kind == .encoding)
        #expect(error.position?.line == 3)
        #expect(error.position?.column == 16)
        #expect(error.message.contains("0xC3"))
    }

    @Test func aDoctypeIsRefused() throws {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE clinical_study SYSTEM \"public.dtd\">\n" + Self.record
        let error = try #require(readError(text, name: "dtd.xml"))
        #expect(error.kind == .forbidden)
        #expect(error.position == SourcePosition(line: 2, column: 1, offset: 22))
        #expect(error.description.hasPrefix("dtd.xml:2:1: error: the document has a DOCTYPE"))
    }

    /// The entities are declared, so the expansion would be a billion "lol"s; the declaration is refused
    /// where it starts, before any parser sees it.
    @Test func anEntityBombIsRefusedAtOnce() throws {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE clinical_study [\n  <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += "  <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<clinical_study><brief_title>&lol9;</brief_title></clinical_study>\n"
        let error = try #require(readError(text, name: "bomb.xml"))
        #expect(error.kind == .forbidden)
        #expect(error.position?.line == 2)
        #expect(error.position?.column == 1)
    }

    /// Even handed to libxml2 directly, past the prolog check, a bomb is neither expanded nor read.
    @Test func libxml2NeverExpandsEntities() throws {
        var text = "<!DOCTYPE clinical_study [\n  <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += "  <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<clinical_study><brief_title>&lol9;</brief_title></clinical_study>\n"
        let error = try #require(buildTreeError(text))
        #expect(error.kind == .forbidden || error.kind == .malformed)
    }

    /// An external entity naming a local file: refused, and the file's content appears nowhere, neither
    /// through the reader nor through libxml2 directly.
    @Test func anExternalEntityIsNeverLoaded() throws {
        let secret = "ctlint-secret-\(UInt64.random(in: 0...UInt64.max))"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(secret).txt")
        try secret.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let text = "<!DOCTYPE clinical_study [ <!ENTITY xxe SYSTEM \"file://\(url.path)\"> ]>\n"
            + "<clinical_study><brief_title>&xxe;</brief_title></clinical_study>\n"
        let error = try #require(readError(text, name: "xxe.xml"))
        #expect(error.kind == .forbidden)
        #expect(!error.description.contains(secret))

        let direct = try #require(buildTreeError(text))
        #expect(!direct.description.contains(secret))
        let withoutDoctype = try? buildTree("<clinical_study><brief_title>&xxe;</brief_title></clinical_study>")
        #expect(withoutDoctype == nil, "an undeclared entity is an error, not an empty value")
    }

    @Test func aNetworkEntityIsNeverFetched() throws {
        let text = "<!DOCTYPE clinical_study [ <!ENTITY net SYSTEM \"http://127.0.0.1:9/entity\"> ]>\n"
            + "<clinical_study><brief_title>&net;</brief_title></clinical_study>\n"
        #expect(readError(text)?.kind == .forbidden)
        let direct = try #require(buildTreeError(text))
        #expect(direct.kind == .forbidden || direct.kind == .malformed)
    }

    @Test func anOversizedFileFailsBeforeParsing() throws {
        let options = ReadOptions(maxRecordBytes: 1 << 20)
        let filler = "  <keyword>" + String(repeating: "x", count: 1000) + "</keyword>\n"
        let text = "<clinical_study>\n" + String(repeating: filler, count: 1100) + "</clinical_study>\n"
        let error = try #require(readError(text, name: "big.xml", options: options))
        #expect(error.kind == .tooLarge)
        #expect(error.description.contains("1 MiB"))
    }

    @Test func nestingBeyondTheLimitIsRefused() throws {
        let depth = 40
        let text = "<clinical_study>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            + "</clinical_study>"
        let error = try #require(readError(text, options: ReadOptions(maxDepth: 16)))
        #expect(error.kind == .tooDeep)
        #expect(error.position?.line == 1)
        #expect(error.message.hasPrefix("elements nested deeper than 16 levels"))
    }

    /// libxml2's own limit (256 levels) comes before ctlint's default; it is reported the same way,
    /// without libxml2's advice to lift the limit.
    @Test func nestingBeyondLibxml2sLimit() throws {
        let text = "<clinical_study>" + String(repeating: "<a>", count: 100_000)
        let error = try #require(readError(text))
        #expect(error.kind == .tooDeep)
        #expect(error.message == "elements nested deeper than 256 levels; a registry record is never this deep")
        #expect(error.position?.line == 1)
    }

    @Test func unknownElementsAndAttributesAreKeptWithANotice() throws {
        let text = "<clinical_study>\n  <id_info><nct_id>NCT1</nct_id></id_info>\n"
            + "  <start_date type=\"Actual\" precision=\"month\">May 2019</start_date>\n"
            + "  <favourite_colour>blue</favourite_colour>\n  <phase>Phase 5</phase>\n</clinical_study>\n"
        let study = try #require(try read(text).first).study
        #expect(study.extras.map(\.key) == [
            "clinical_study/start_date/@precision", "clinical_study/favourite_colour",
        ])
        #expect(study.extras.last?.value.value == "blue")
        #expect(study.extras.last?.value.position == SourcePosition(line: 4, column: 21, offset: 148))
        #expect(study.notices.map(\.kind) == [.unknownField, .unknownField, .unknownCode])
        #expect(study.design.phases.map(\.value) == [.unknown("Phase 5")])
        #expect(study.status.startDate?.date.value.date == PartialDate(year: 2019, month: 5))
    }

    /// A location or contact without a value takes no place in its list, and a second value for one of
    /// their fields is kept in extras with a notice naming the field's v2 path.
    @Test func locationsSkipEmptyEntriesAndKeepRepeatedValues() throws {
        let text = "<clinical_study>\n  <id_info><nct_id>NCT1</nct_id></id_info>\n"
            + "  <location><facility><name> </name></facility></location>\n"
            + "  <location>\n    <facility><name>A</name><name>B</name><address><city>X</city></address></facility>\n"
            + "    <status>Opening soon</status>\n"
            + "    <contact><last_name>Dr One</last_name><role>Boss</role></contact>\n"
            + "    <contact><last_name> </last_name></contact>\n"
            + "    <investigator><last_name>Dr Two</last_name><last_name>Dr Three</last_name></investigator>\n"
            + "  </location>\n</clinical_study>\n"
        let study = try #require(try read(text).first).study
        let sites = study.contactsLocations.locations
        #expect(sites.count == 1)
        #expect(sites.first?.facility?.value == "A")
        #expect(sites.first?.facility?.path == "protocolSection.contactsLocationsModule.locations[0].facility")
        #expect(sites.first?.city?.position == SourcePosition(line: 5, column: 58, offset: 189))
        #expect(sites.first?.contacts.map { $0.name?.value } == ["Dr One", "Dr Two"])
        #expect(sites.first?.contacts.last?.name?.path
            == "protocolSection.contactsLocationsModule.locations[0].contacts[1].name")
        #expect(study.extras.map(\.key) == [
            "clinical_study/location/facility/name", "clinical_study/location/investigator/last_name",
        ])
        #expect(study.extras.map(\.value.value) == ["B", "Dr Three"])
        #expect(study.notices.map(\.message) == [
            "<name> repeats protocolSection.contactsLocationsModule.locations[0].facility, which holds one value; kept in extras",
            "<last_name> repeats protocolSection.contactsLocationsModule.locations[0].contacts[1].name, which holds one value; kept in extras",
            "\"Opening soon\" is not a known RecruitmentStatus value; kept as written",
            "\"Boss\" is not a known OfficialRole value; kept as written",
        ])
    }

    private func buildTree(_ text: String) throws(ReadError) -> XMLElementNode {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(ReadError) in
            try XMLTreeBuilder(file: "direct.xml", base: .start, maxDepth: 256, skipsSubtree: { _ in false })
                .build(buffer).root
        }
    }

    private func buildTreeError(_ text: String) -> ReadError? {
        do {
            let tree = try buildTree(text)
            Issue.record("libxml2 read the document: \(tree)")
            return nil
        } catch {
            return error
        }
    }
}

/// Byte order marks and a second root element.
@Suite struct XMLFileShapeTests {
    /// libxml2 refuses to look ahead over more than 10 MB at once ("Huge input lookup") unless told
    /// `XML_PARSE_HUGE`, which ctlint never sets; records are handed to it in slices, so a record of
    /// 12 MB, below ctlint's 32 MiB limit, reads like any other.
    @Test func aRecordLargerThanLibxml2sLookAheadReads() throws {
        let text = "<clinical_study>\n  <brief_title>T</brief_title>\n  <clinical_results><participant_flow>"
            + "<recruitment_details>" + String(repeating: "Participants were enrolled. ", count: 440_000)
            + "</recruitment_details></participant_flow></clinical_results>\n  <keyword>last</keyword>\n</clinical_study>\n"
        #expect(text.utf8.count > 12_000_000)
        let record = try #require(try read(text, options: ReadOptions(validatesSchema: false)).first)
        #expect(record.study.identification.briefTitle?.value == "T")
        #expect(record.study.conditions.keywords.map(\.value) == ["last"])
    }

    /// libxml2 reads the text inside a skipped subtree without handing it over; the text after it is
    /// handed over again.
    @Test func textAfterASkippedSubtreeIsKept() throws {
        let text = "<clinical_study>\n  <brief_title>T</brief_title>\n  <clinical_results><participant_flow>"
            + "<recruitment_details>Not kept &amp; not read</recruitment_details></participant_flow></clinical_results>\n"
            + "  <keyword>last &amp; kept</keyword>\n</clinical_study>\n"
        let record = try #require(try read(text, options: ReadOptions(validatesSchema: false)).first)
        #expect(record.study.identification.briefTitle?.value == "T")
        #expect(record.study.conditions.keywords.map(\.value) == ["last & kept"])
    }

    @Test func aByteOrderMarkShiftsOffsetsNotColumns() throws {
        let text = "\u{FEFF}<clinical_study>\n  <brief_title>T</brief_title>\n</clinical_study>\n"
        let record = try #require(try read(text).first)
        #expect(record.document.base == SourcePosition(line: 1, column: 1, offset: 3))
        #expect(record.study.identification.briefTitle?.position == SourcePosition(line: 2, column: 16, offset: 35))
        #expect(record.document.bytes.first == UInt8(ascii: "<"))
    }

    @Test func oneRecordPerFile() throws {
        let one = "<clinical_study><brief_title>T</brief_title></clinical_study>\n"
        let error = try #require(readError(one + one, name: "two.xml"))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 2)
        #expect(error.description.hasPrefix("two.xml:2:"))
    }
}
