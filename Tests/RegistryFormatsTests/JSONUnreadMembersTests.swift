import Foundation
@testable import RegistryFormats
import RegistryModel
import TestSupport
import Testing

/// The members of a record's top object that readers never look inside (results, derived data) are checked
/// as strictly as the rest but not recorded: the study read and every error are what the whole tree gives.
@Suite struct JSONUnreadMembersTests {
    func parse(_ bytes: [UInt8], readMembers: [StaticString]?) throws(ReadError) -> JSONDocument {
        let parser = JSONParser(
            file: "t.json", base: .start, maxDepth: 64, outerDepth: 0, endOfInput: "end of file",
            readMembers: readMembers)
        return try parser.parse(bytes)
    }

    /// The error parsing gives, or `nil`.
    func error(_ bytes: [UInt8], readMembers: [StaticString]?) -> ReadError? {
        do {
            _ = try parse(bytes, readMembers: readMembers)
            return nil
        } catch {
            return error
        }
    }

    @Test func theStudyIsTheOneTheWholeTreeGives() throws {
        let bytes = Array(try Data(contentsOf: TestPaths.fixture("corpus/json-v2/NCT00353704.json")))
        let whole = try parse(bytes, readMembers: nil)
        let read = try parse(bytes, readMembers: JSONStudyReader.readMembers)
        // The record's results are most of it.
        #expect(read.nodes.count * 2 < whole.nodes.count)
        let results = try #require(read.member(JSONDocument.root, "resultsSection"))
        #expect(read.kind(results) == .object)
        #expect(read.nodes[results].count == 0)
        #expect(read.nodes[results].next == results + 1)
        #expect(read.nodes[results].end == whole.nodes[try #require(whole.member(JSONDocument.root, "resultsSection"))].end)
        let fromWhole = try JSONStudyReader.record(from: whole, file: "t.json", index: 0)
        let fromRead = try JSONStudyReader.record(from: read, file: "t.json", index: 0)
        #expect(fromRead.study == fromWhole.study)
    }

    /// A study after an unread member of every kind is read as it is without that member's contents.
    @Test func membersAfterAnUnreadOneAreReadAsBefore() throws {
        let text = """
            {"derivedSection": {"a": [1, -2.5e3, true, null, {"b": "x\\u00e9"}], "c": []}, "resultsSection": [[], {}],
             "note": "é", "protocolSection": {"identificationModule": {"nctId": "NCT00000001",
             "briefTitle": "A \\"study\\""}, "conditionsModule": {"conditions": ["Asthma", "Gout"]}}, "hasResults": true}
            """
        let bytes = Array(text.utf8)
        let whole = try JSONStudyReader.record(from: try parse(bytes, readMembers: nil), file: "t.json", index: 0)
        let read = try JSONStudyReader.record(
            from: try parse(bytes, readMembers: JSONStudyReader.readMembers), file: "t.json", index: 0)
        #expect(read.study == whole.study)
        #expect(read.study.identification.briefTitle?.value == "A \"study\"")
        #expect(read.study.conditions.conditions.map(\.value) == ["Asthma", "Gout"])
        #expect(read.study.hasResults?.value == true)
    }

    /// Broken JSON inside an unread member gets the error, line and column it gets anywhere else.
    @Test(arguments: [
        "[1, 2,]", "{\"a\": 1,}", "{\"a\" 1}", "{1: 2}", "[1 2]", "\"\\q\"", "\"a\tb\"", "01", "-", "tru",
        "[[[[", "{\"a\": [1, {\"b\": \"\\ud800\"}]}", "\"\u{7F}\\u12\"",
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
    ])
    func errorsInsideUnreadMembersAreTheSame(_ broken: String) throws {
        let text = """
            {"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}},
              "resultsSection": {"ok": [1, {"b": "é"}], "bad": \(broken)}}
            """
        let bytes = Array(text.utf8)
        let whole = try #require(error(bytes, readMembers: nil))
        #expect(error(bytes, readMembers: JSONStudyReader.readMembers) == whole)
    }

    @Test func anInvalidByteInsideAnUnreadMemberIsTheSameError() throws {
        var bytes = Array(#"{"resultsSection": {"a": "xy"}, "protocolSection": {}}"#.utf8)
        bytes[bytes.firstIndex(of: UInt8(ascii: "y"))!] = 0xFF
        let whole = try #require(error(bytes, readMembers: nil))
        #expect(whole.kind == .encoding)
        #expect(error(bytes, readMembers: JSONStudyReader.readMembers) == whole)
    }
}
