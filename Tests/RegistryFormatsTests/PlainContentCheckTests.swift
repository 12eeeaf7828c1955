import Foundation
import RegistryModel
import Testing

@testable import RegistryFormats

/// `PlainContentCheck` accepts only content libxml2 accepts, and the legacy reader's read with the
/// results content cut out gives the same tree, positions and study as the whole read.
@Suite struct PlainContentCheckTests {
    /// The end tag `PlainContentCheck` finds for `<r>` + `content` + `</r>`, as an offset into the
    /// content (the end tag's `<` right after the content is `content.utf8.count`).
    private func endTag(_ content: String, maxDepth: Int = 64) -> Int? {
        let bytes = Array(("<r>" + content + "</r>").utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            PlainContentCheck(bytes: buffer, maxDepth: maxDepth).endTag(of: Array("r".utf8), contentFrom: 3).map { $0 - 3 }
        }
    }

    @Test(arguments: [
        "",
        "text only",
        "<a>x</a><b/><c></c>",
        "\n  <group group_id=\"P1\">\n    <title>T &amp; U &lt; V &gt; W &quot;q&quot; &apos;a&apos;</title>\n  </group>\n",
        "<m group_id='O1' value=\"3.5\" spread=\"1\"/>",
        "<a b = \"1\"\tc='2' >x</a >",
        "&#xD;&#13;&#x10FFFF;&#xe000;",
        "a ] b ]] c ]>",
        "caf\u{E9} \u{4E2D}\u{6587} \u{1F600} \u{FFFD}",
        "<x.y-z_1>deep<a><b><c>d</c></b></a></x.y-z_1>",
    ])
    func plainWellFormedContentIsAccepted(_ content: String) {
        #expect(endTag(content) == content.utf8.count)
    }

    /// Each is malformed, or well formed in a way the check leaves to libxml2: never accepted.
    @Test(arguments: [
        "<a>x</b>",  // mismatched end tag
        "<a>x",  // unclosed element
        "<a>x</a",  // end tag cut short
        "</a>",  // end tag without a start tag
        "a ]]> b",  // `]]>` in character data
        "bell \u{07}",  // a control character
        "nul \u{0}",
        "bare & ampersand",
        "&nbsp;",  // an entity no DTD declares
        "&#0;",  // a character reference to a character XML excludes
        "&#xFFFE;",
        "&#;",
        "\u{FFFF}",
        "<a b=\"<\"/>",  // `<` in an attribute value
        "<a b=\"1\" b=\"2\"/>",  // a repeated attribute
        "<a b=\"1\"c=\"2\"/>",  // attributes not set off by white space
        "<a b=1/>",  // an unquoted attribute value
        "<a b/>",
        "<!-- a comment -->",
        "<![CDATA[x]]>",
        "<?pi x?>",
        "<p:a/>",  // a namespace prefix
        "<a xmlns=\"urn:x\"/>",  // a namespace declaration
        "<a xmlns:p=\"urn:x\"/>",
        "<\u{E9}l\u{E9}ment/>",  // a non-ASCII name: well formed, left to libxml2
        "<1a/>",
        "< a/>",
    ])
    func otherContentIsLeftToLibxml2(_ content: String) {
        #expect(endTag(content) == nil)
    }

    @Test func contentNestedDeeperThanAllowedIsLeftToLibxml2() {
        let nested = String(repeating: "<a>", count: 5) + String(repeating: "</a>", count: 5)
        #expect(endTag(nested, maxDepth: 5) == nested.utf8.count)
        #expect(endTag(nested, maxDepth: 4) == nil)
    }

    @Test func theEndTagClosesTheNamedElementOnly() {
        let bytes = Array("<r><a/></rr></r>".utf8)
        let found = bytes.withUnsafeBufferPointer {
            PlainContentCheck(bytes: $0, maxDepth: 8).endTag(of: Array("r".utf8), contentFrom: 3)
        }
        #expect(found == nil)
    }

    /// Real records with results: the read with the content cut out is taken, and gives the tree the
    /// whole read gives, node by node with every position.
    @Test(arguments: ["corpus/xml-legacy/NCT00000135.xml", "results/NCT02958956.xml"])
    func theCutReadBuildsTheWholeReadsTree(_ path: String) throws {
        let file = try fixtureBytes(path)
        try file.bytes.withUnsafeBufferPointer { buffer in
            let builder = XMLTreeBuilder(
                file: path, base: SourcePosition(line: 1, column: 1, offset: 0), maxDepth: 256,
                skipsSubtree: LegacyXMLMapper.skipsSubtree)
            let cut = try #require(XMLRecordReader.withoutSkippedContent(buffer, builder: builder))
            let whole = try builder.build(buffer)
            #expect(Self.flattened(cut.root) == Self.flattened(whole.root))
            #expect(cut.rootTagPosition == whole.rootTagPosition)
        }
    }

    /// The reader's record (with the cut read) and the record read with schema validation (which always
    /// reads whole) hold the same study.
    @Test func theRecordIsTheWholeReadsRecord() throws {
        let plain = try #require(try readFixture("results/NCT02958956.xml", options: ReadOptions(validatesSchema: false)).first)
        let validated = try #require(try readFixture("results/NCT02958956.xml", options: ReadOptions(validatesSchema: true)).first)
        #expect(plain.study == validated.study)
    }

    /// A malformed results section is reported where it is, as the whole read reports it.
    @Test func malformedResultsAreReportedAtTheirPlace() throws {
        let text = "<clinical_study>\n  <brief_title>T</brief_title>\n  <clinical_results>\n    <a>\n    </b>\n"
            + "  </clinical_results>\n</clinical_study>\n"
        let error = try #require(readError(Array(text.utf8), name: "bad.xml", options: ReadOptions(validatesSchema: false)))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 5)
        #expect(error.description.contains("mismatch"))
    }

    /// Well-formed results after a malformed start: the cut read fails, and the error is the whole
    /// read's, at the line the record has it (the cut content holds line ends before it would not).
    @Test func anErrorBeforeTheResultsIsReportedAsTheWholeReadReportsIt() throws {
        let results = "  <clinical_results>\n" + String(repeating: "    <group group_id=\"P1\"><title>T</title></group>\n", count: 5)
            + "  </clinical_results>\n"
        let text = "<clinical_study>\n  <brief_title>T</brief_titl>\n" + results + "</clinical_study>\n"
        let error = try #require(readError(Array(text.utf8), name: "bad.xml", options: ReadOptions(validatesSchema: false)))
        let validating = try #require(readError(Array(text.utf8), name: "bad.xml", options: ReadOptions(validatesSchema: true)))
        #expect(error.kind == .malformed)
        #expect(error.position?.line == 2)
        #expect(error.description == validating.description)
    }

    /// The first `<clinical_results>` in the bytes stands in a comment: the cut read finds libxml2 does
    /// not start a skipped element where the cut content started, and declines; the whole read reads it.
    @Test func aResultsTagInACommentIsNotCut() throws {
        let text = "<clinical_study>\n  <!-- <clinical_results><y/></clinical_results> -->\n  <brief_title>T</brief_title>\n"
            + "  <clinical_results><z/></clinical_results>\n</clinical_study>\n"
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let builder = XMLTreeBuilder(
                file: "t.xml", base: SourcePosition(line: 1, column: 1, offset: 0), maxDepth: 256,
                skipsSubtree: LegacyXMLMapper.skipsSubtree)
            #expect(XMLRecordReader.withoutSkippedContent(buffer, builder: builder) == nil)
            let whole = try builder.build(buffer)
            #expect(whole.root.children.map(\.name) == ["brief_title", "clinical_results"])
        }
        let record = try #require(try read(text, options: ReadOptions(validatesSchema: false)).first)
        #expect(record.study.identification.briefTitle?.value == "T")
    }

    /// The check's promise, tried on 400 damaged copies of a real record: a byte of its results section
    /// replaced by one that matters to XML (seeded, so every run tries the same copies; those no longer
    /// UTF-8 are left out, since the reader refuses them before either read). Whenever the cut
    /// read is taken, the whole read accepts the record too and builds the same tree; whenever the whole
    /// read fails, the cut read was not taken.
    @Test func damagedResultsNeverReadDifferently() throws {
        let original = try fixtureBytes("results/NCT02958956.xml").bytes
        let start = try #require(original.firstRange(of: Array("<clinical_results>".utf8))).upperBound
        let end = try #require(original.firstRange(of: Array("</clinical_results>".utf8))).lowerBound
        let replacements = Array("<>&/\"']=:!? a;#x".utf8) + [0x01, 0x0A, 0xEF, 0xBF]
        var random = SplitMix(seed: 0x5EED)
        var cutReads = 0, failures = 0
        for _ in 0..<400 {
            var bytes = original
            let at = start + Int(random.next() % UInt64(end - start))
            bytes[at] = replacements[Int(random.next() % UInt64(replacements.count))]
            // The reader checks the bytes as UTF-8 before either read, as the check requires.
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            bytes.withUnsafeBufferPointer { buffer in
                let builder = XMLTreeBuilder(
                    file: "damaged.xml", base: SourcePosition(line: 1, column: 1, offset: 0), maxDepth: 256,
                    skipsSubtree: LegacyXMLMapper.skipsSubtree)
                let cut = XMLRecordReader.withoutSkippedContent(buffer, builder: builder)
                do {
                    let whole = try builder.build(buffer)
                    if let cut {
                        cutReads += 1
                        #expect(Self.flattened(cut.root) == Self.flattened(whole.root), "byte \(at) made \(bytes[at])")
                    }
                } catch {
                    failures += 1
                    #expect(cut == nil, "byte \(at) made \(bytes[at]): the whole read fails with \(error)")
                }
            }
        }
        // Both outcomes were tried many times.
        #expect(cutReads > 50)
        #expect(failures > 50)
    }

    /// Name, content position, text and attributes of every node, in document order.
    private static func flattened(_ node: XMLElementNode) -> [String] {
        let attributes = node.attributes.map { "\($0.name)=\($0.value)@\($0.position)" }.joined(separator: ",")
        return ["\(node.name)@\(node.contentPosition) [\(attributes)] \(node.text.debugDescription)"]
            + node.children.flatMap(flattened)
    }
}
