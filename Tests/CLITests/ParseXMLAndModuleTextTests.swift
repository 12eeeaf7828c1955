import Foundation
import TestSupport
import Testing

/// `ctlint parse` on legacy XML and module text: summaries, v2 JSON, warnings, and bad input.
@Suite struct ParseXMLAndModuleTextTests {
    let xml = TestPaths.fixture("corpus/xml-legacy/NCT03377387.xml").path
    let referenceXML = TestPaths.fixture("reference/NCT06813157.xml").path
    let referenceText = TestPaths.fixture("reference/NCT06813157.description-module.txt").path

    func temporaryFile(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ctlint-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func legacyXMLSummary() throws {
        let result = try runCTLint(["parse", xml])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let out = result.standardOutput
        #expect(out.hasPrefix("NCT03377387 — \(xml) (xml-legacy, record 1)\n"))
        #expect(out.contains("Start:              2017-12-13 (day, actual)"))
        #expect(out.contains("Primary completion: 2021-12 (month, estimated)"))
        #expect(out.contains("Phases:             PHASE1, PHASE2"))
        #expect(out.contains("Design:             allocation NA; model SINGLE_GROUP; purpose TREATMENT; masking NONE"))
        #expect(out.contains("3. BEHAVIORAL: EORTC QLQ - BR23, EQ-5D-5L, EORTC QLQ-C30 ← capecitabine 7/7 with neratinib"))
    }

    /// The reference study from its module text and from legacy XML converts to v2 JSON with the same
    /// id and the same text once the XML's hard wraps are folded.
    @Test func theReferenceStudyConvertsToV2JSONFromBothFormats() throws {
        let result = try runCTLint(["parse", "--format", "json", referenceText, referenceXML])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let studies = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(studies.count == 2)
        let sections = studies.compactMap { $0["protocolSection"] as? [String: Any] }
        let ids = sections.map { ($0["identificationModule"] as? [String: Any])?["nctId"] as? String }
        #expect(ids == ["NCT06813157", "NCT06813157"])
        let summaries = sections.compactMap { ($0["descriptionModule"] as? [String: Any])?["briefSummary"] as? String }
        #expect(summaries.count == 2)
        #expect(summaries.map(\.unwrappedForTest) == [summaries[0], summaries[0]])
    }

    @Test func severalStudiesInOneModuleTextFile() throws {
        let reference = try String(contentsOfFile: referenceText, encoding: .utf8)
        let file = try temporaryFile("two.txt", Array((reference + "\n\n" + reference.replacingOccurrences(
            of: "NCT06813157", with: "NCT00000102")).utf8))
        let result = try runCTLint(["parse", file])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("NCT06813157 — \(file) (module-text, record 1)"))
        #expect(result.standardOutput.contains("NCT00000102 — \(file) (module-text, record 2)"))
    }

    @Test func unknownKeysAndCodesAreWarnings() throws {
        let file = try temporaryFile("keys.txt", Array("NCT ID: NCT06813157\nFavourite Colour: blue\nPhases: PHASE1, PHASE9\n".utf8))
        let result = try runCTLint(["parse", file])
        #expect(result.status == 0)
        #expect(result.standardError == """
            \(file):2:19: warning: "Favourite Colour" is not a key of the module-text export; kept in extras [Favourite Colour]
            \(file):3:17: warning: "PHASE9" is not a known Phase value; kept as written [protocolSection.designModule.phases[1]]

            """)
    }

    /// A bad file, shown in test output by its name rather than its bytes.
    struct BadFile: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let expected: String
        var testDescription: String { name }
    }

    static let bomb: String = {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            text += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
        }
        return text + "]>\n<clinical_study>&lol9;</clinical_study>\n"
    }()

    @Test(arguments: [
        BadFile(name: "truncated.xml", text: "<clinical_study>\n  <id_info>\n    <nct_id>NCT1</nct_id>\n",
            expected: ":4:1: error: the document ends inside <id_info> (opened at 2:3), before the end tags of 2 elements; the file may be truncated"),
        BadFile(name: "malformed.xml", text: "<clinical_study>\n  <brief_title>a</brief_titel>\n</clinical_study>\n",
            expected: ":2:31: error: malformed XML: Opening and ending tag mismatch: brief_title line 2 and brief_titel"),
        BadFile(name: "root.xml", text: "<?xml version=\"1.0\"?>\n<foo/>\n",
            expected: ":2:1: error: expected <clinical_study> as the root element of a legacy registry record, found <foo>"),
        BadFile(name: "upload.xml", text: "<prs:study_collection xmlns:prs=\"http://clinicaltrials.gov/prs\">\n</prs:study_collection>\n",
            expected: ":1:1: error: <prs:study_collection> holds no <clinical_study>; an upload file holds at least one study"),
        BadFile(name: "truncated-upload.xml",
            text: "<prs:study_collection xmlns:prs=\"http://clinicaltrials.gov/prs\">\n  <clinical_study>\n    <id_info>\n      <org_name>X</org_name>\n",
            expected: ":5:1: error: the document ends inside <id_info> (opened at 3:5), before the end tags of 3 elements; the file may be truncated"),
        BadFile(name: "dtd-upload.xml", text: "<!DOCTYPE study_collection SYSTEM \"upload.dtd\">\n<study_collection/>\n",
            expected: ":1:1: error: the document has a DOCTYPE, which ctlint refuses"),
        BadFile(name: "dtd.xml", text: "<!DOCTYPE clinical_study SYSTEM \"public.dtd\">\n<clinical_study/>\n",
            expected: ":1:1: error: the document has a DOCTYPE, which ctlint refuses"),
        BadFile(name: "bomb.xml", text: bomb, expected: ":2:1: error: the document has a DOCTYPE, which ctlint refuses"),
        BadFile(name: "xxe.xml",
            text: "<!DOCTYPE clinical_study [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n<clinical_study>&x;</clinical_study>\n",
            expected: ":1:1: error: the document has a DOCTYPE, which ctlint refuses"),
        BadFile(name: "headings.txt", text: "Description Module\n\nDescription Module\n",
            expected: ":1:1: error: module text without any `Key: value` line"),
    ])
    func badInputIsAnErrorWithExitCode2(bad: BadFile) throws {
        let file = try temporaryFile(bad.name, Array(bad.text.utf8))
        let result = try runCTLint(["parse", file])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix(file + bad.expected), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardOutput.isEmpty)
    }

    @Test(arguments: ["latin1.xml", "latin1.txt"])
    func invalidUTF8IsAnErrorWithExitCode2(name: String) throws {
        let prefix = name.hasSuffix(".xml") ? "<clinical_study>\n  <brief_title>caf" : "NCT ID: NCT1\nBrief Title: caf"
        let suffix = name.hasSuffix(".xml") ? "</brief_title>\n</clinical_study>\n" : "\n"
        let file = try temporaryFile(name, Array(prefix.utf8) + [0xE9] + Array(suffix.utf8))
        let result = try runCTLint(["parse", file])
        #expect(result.status == 2)
        let column = name.hasSuffix(".xml") ? 19 : 17
        #expect(result.standardError.hasPrefix("\(file):2:\(column): error: invalid UTF-8 (byte 0xE9)"), "\(result.standardError)")
    }
}

extension ParseLargeFileTests {
    /// A 200 MB legacy XML file is refused once the record limit is passed, in flat memory, and
    /// nothing of it reaches libxml2.
    @Test func a200MBXMLFileIsRefusedWithoutBeingRead() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("huge.xml")
        let handle = try newFile(input)
        try handle.write(contentsOf: Data("<clinical_study>\n  <brief_summary>\n    <textblock>\n".utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(Self.size >> 20) { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\n    </textblock>\n  </brief_summary>\n</clinical_study>\n".utf8))
        try handle.close()

        let result = try run(["parse", input.path], output: nil)
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("\(input.path)"), "\(result.error)")
        #expect(result.error.contains("32 MiB"), "\(result.error)")
        #expect(result.peakKB < Self.memoryLimitKB, "peak resident memory \(result.peakKB / 1024) MB")
    }
}

extension String {
    /// Hard wraps folded as `RegistryModel`'s `unwrappedText` does (CLI tests see only the output).
    fileprivate var unwrappedForTest: String {
        let paragraphs = replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .split(separator: "", omittingEmptySubsequences: true)
        return paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
    }
}
