import Foundation
import RegistryFormats
import RegistryModel
import TestSupport
import Testing

/// Bad JSON gets a typed error at the right line and column, never a crash or a hang; a bad record in a
/// list or a JSON-lines file does not stop the others.
@Suite struct JSONBadInputTests {
    /// A real, pretty-printed record to break in various ways.
    var pretty: String {
        get throws { try String(contentsOf: TestPaths.fixture("corpus/json-v2/NCT02293343.json"), encoding: .utf8) }
    }

    /// A real, minified (one-line) record.
    var minified: String {
        get throws {
            try String(contentsOf: TestPaths.fixture("corpus/json-v2/NCT01589588.json"), encoding: .utf8)
                .trimmingWhitespace()
        }
    }

    /// The 1-based line and column where `needle` starts in `text`, plus `shift` scalars.
    func place(of needle: String, in text: String, shift: Int = 0) throws -> (Int, Int) {
        let range = try #require(text.range(of: needle))
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        return (line, before[lineStart...].unicodeScalars.count + 1 + shift)
    }

    func expectError(_ error: ReadError?, _ kind: ReadError.Kind, at place: (Int, Int)?, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation)
    {
        guard let error else {
            Issue.record("no error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        if let place {
            #expect(error.position?.line == place.0 && error.position?.column == place.1, "\(error)",
                sourceLocation: sourceLocation)
        }
        #expect(error.message.contains(text), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func anEmptyFile() {
        expectError(readError(""), .empty, at: nil, containing: "empty")
        expectError(readError(" \n\t\r\n"), .empty, at: nil, containing: "empty")
    }

    @Test func aFileCutShortInAString() throws {
        let text = try pretty
        let cut = try #require(text.range(of: "Histamine profile"))
        let truncated = String(text[..<cut.upperBound])
        let start = try place(of: "\"Histamine profile", in: text)
        let end = try place(of: "Histamine profile", in: text, shift: "Histamine profile".count)
        expectError(readError(truncated), .malformed, at: end,
            containing: "unexpected end of file in a string that starts at \(start.0):\(start.1)")
    }

    @Test func aFileCutShortBetweenValues() throws {
        let text = try pretty
        let cut = try #require(text.range(of: "\"Histamine profile 1\""))
        let truncated = String(text[..<cut.upperBound])
        let end = try place(of: "\"Histamine profile 1\"", in: text, shift: "\"Histamine profile 1\"".count)
        expectError(readError(truncated), .malformed, at: end, containing: "unexpected end of file: the object that starts at")
    }

    @Test func aMissingComma() throws {
        let text = try pretty
        let broken = text.replacingOccurrences(of: "\"NCT02293343\",", with: "\"NCT02293343\"")
        let next = try place(of: "\"orgStudyIdInfo\"", in: text)
        expectError(readError(broken), .malformed, at: next, containing: "expected ',' or '}' after an object member")
    }

    @Test(arguments: [
        (#"{"a": [1, 2,]}"#, "expected a value after ','", 13),
        (#"{"a": 1,}"#, "expected a member name after ','", 9),
        (#"{"a": 01}"#, "leading zeros", 8),
        (#"{"a": 1.}"#, "expected a digit after the decimal point", 9),
        (#"{"a": -}"#, "expected a digit", 8),
        (#"{"a": tru}"#, "did you mean true", 7),
        (#"{"a": 'x'}"#, "expected a value, found '''", 7),
        (#"{a: 1}"#, "expected a member name in double quotes", 2),
        (#"{"a" 1}"#, "expected ':' after a member name", 6),
        (#"{"a": "x\qy"}"#, "invalid escape '\\q'", 9),
        (#"{"a": "\u12G4"}"#, "four hexadecimal digits", 8),
        (#"{"a": "\uDC00"}"#, "second half of a UTF-16 surrogate pair", 8),
        (#"{"a": "\uD800x"}"#, "must be followed by the second", 8),
        ("{\"a\": \"x\ty\"}", "a tab inside a string", 9),
    ] as [(String, String, Int)])
    func malformedJSON(text: String, message: String, column: Int) {
        expectError(readError(text), .malformed, at: (1, column), containing: message)
    }

    @Test func escapesAndSurrogatePairsAreDecoded() throws {
        let text = #"{"protocolSection": {"identificationModule": {"nctId": "NCT1", "briefTitle": "caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n\t"}}}"#
        let record = try #require(try readResults(text).first?.value)
        #expect(record.study.identification.briefTitle?.value == "café 😀 \"q\" \\ / \n\t")
    }

    @Test(arguments: [
        ([0xFF], "byte 0xFF cannot start a character"),
        ([0xC0, 0x80], "byte 0xC0 cannot start a character"),  // overlong NUL
        ([0xED, 0xA0, 0x80], "cut short or malformed"),  // an encoded surrogate
        ([0xF4, 0x90, 0x80, 0x80], "cut short or malformed"),  // above U+10FFFF
        ([0xE2, 0x82], "cut short or malformed"),  // a three-byte character cut after two
    ] as [([UInt8], String)])
    func invalidUTF8(bytes: [UInt8], message: String) throws {
        let text = try minified
        let needle = "Danish Headache"
        let range = try #require(text.range(of: needle))
        let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound) + "Danish ".utf8.count
        var file = Array(text.utf8)
        file.replaceSubrange(offset..<(offset + 1), with: bytes)
        let column = String(text.utf8.prefix(offset))!.unicodeScalars.count + 1
        expectError(readError(bytes: file), .encoding, at: (1, column), containing: message)
    }

    @Test func invalidUTF8OutsideStrings() {
        expectError(readError(bytes: Array(#"{"a": "#.utf8) + [0xFF] + Array("}".utf8)), .encoding, at: (1, 7),
            containing: "0xFF")
        expectError(readError(#"{"a": é}"#), .malformed, at: (1, 7), containing: "expected a value, found 'é'")
    }

    @Test func aStudyWithoutProtocolSection() throws {
        let text = try minified
        let withoutSection = text.replacingOccurrences(of: "\"protocolSection\"", with: "\"protocol\"")
        expectError(readError(withoutSection), .notARecord, at: (1, 1), containing: "has no protocolSection")
        expectError(readError("[1]"), .notARecord, at: (1, 2), containing: "found a number")
    }

    @Test func deepNestingIsRefusedWithoutRecursion() {
        let deep = String(repeating: "[", count: 100_000)
        expectError(readError(deep), .tooDeep, at: (1, 257), containing: "nested more than 256 deep")
        let closed = deep + String(repeating: "]", count: 100_000)
        expectError(readError(closed), .tooDeep, at: (1, 257), containing: "ReadOptions.maxDepth")
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        expectError(readError(objects), .tooDeep, at: (1, 5 * 256 + 1), containing: "nested more than 256 deep")
        let inRecord = #"{"protocolSection": {"x": "# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}}"
        expectError(readError(inRecord), .tooDeep, at: (1, 27 + 254), containing: "nested more than 256 deep")
        expectError(readError("[[[1]]]", options: ReadOptions(maxDepth: 2)), .tooDeep, at: (1, 3), containing: "more than 2 deep")
    }

    @Test func anOversizedRecordIsRefusedAndTheNextIsRead() throws {
        let records = [try minified, try minified, try minified]
        let options = ReadOptions(maxRecordBytes: records[0].utf8.count - 1)
        // A single oversized study ends the file.
        expectError(readError(records[0], options: options), .tooLarge, at: (1, 1), containing: "ReadOptions.maxRecordBytes")
        // In JSON lines and in arrays, the next records are read.
        let small = #"{"protocolSection": {"identificationModule": {"nctId": "NCT0"}}}"#
        for file in [records[0] + "\n" + small + "\n" + small, "[" + records[0] + ",\n" + small + ", " + small + "]"] {
            let results = try readResults(file, options: options)
            #expect(results.count == 3)
            expectError(results.first?.error, .tooLarge, at: (1, file.hasPrefix("[") ? 2 : 1), containing: "larger than")
            #expect(results.dropFirst().map { $0.value?.study.nctId } == ["NCT0", "NCT0"])
            #expect(results.dropFirst().map { $0.value?.source.index } == [1, 2])
        }
    }

    @Test func aBadLineInJSONLinesIsReportedAndReadingGoesOn() throws {
        let good = try minified
        let bad = String(good.prefix(200))
        let file = [good, bad, good, "{\"protocol\": 1}", good].joined(separator: "\n")
        let results = try readResults(file, name: "lines.jsonl")
        #expect(results.count == 5)
        #expect(results.compactMap(\.value).map(\.source.index) == [0, 2, 4])
        expectError(results[1].error, .malformed, at: (2, 201), containing: "unexpected end of line")
        expectError(results[3].error, .notARecord, at: (4, 1), containing: "no protocolSection")
        #expect(results[4].value?.document.base.line == 5)
    }

    @Test func aBadElementInAnArrayIsReportedAndReadingGoesOn() throws {
        let good = try minified
        let file = "[" + good + ",\n{\"protocolSection\": {\"x\": tru}},\n" + good + "]"
        let results = try readResults(file)
        #expect(results.count == 3)
        expectError(results[1].error, .malformed, at: (2, 27), containing: "did you mean true")
        #expect(results[2].value?.study.nctId == "NCT01589588")
    }

    @Test func brokenContainersEndTheFile() {
        expectError(readError(#"[{"protocolSection": {}} {"protocolSection": {}}]"#), .malformed, at: (1, 26),
            containing: "expected ',' or ']' after an array element")
        expectError(readError(#"[{"protocolSection": {}}, ]"#), .malformed, at: (1, 27), containing: "trailing comma")
        expectError(readError(#"[{"protocolSection": {}}"#), .malformed, at: (1, 25),
            containing: "the array that starts at 1:1 is not closed")
        expectError(readError(#"{"studies": [{"protocolSection": {}}], "nextPageToken": }"#), .malformed, at: (1, 57),
            containing: "expected a value")
    }

    @Test func wrongTypesAreKeptWithNotices() throws {
        let text = try minified
            .replacingOccurrences(of: #""briefTitle":"Administration of Oxygen to Cluster Headache Patients""#,
                with: #""briefTitle":42"#)
            .replacingOccurrences(of: #""overallStatus":"COMPLETED""#, with: #""overallStatus":"FINISHED""#)
            .replacingOccurrences(of: #""startDateStruct":{"date":"2012-04""#, with: #""startDateStruct":{"date":"spring 2012""#)
            .replacingOccurrences(of: #""count":57"#, with: #""count":"57""#)
            .replacingOccurrences(of: #""conditions":["Cluster Headache Attacks"]"#, with: #""conditions":"Cluster Headache Attacks""#)
            .replacingOccurrences(of: #""hasResults":false"#, with: #""hasResults":"maybe""#)
        let record = try #require(try readResults(text).first?.value)
        let study = record.study
        #expect(study.identification.briefTitle?.value == "42")
        #expect(study.status.overallStatus?.value == .unknown("FINISHED"))
        #expect(study.status.startDate?.date.value == DateValue(raw: "spring 2012", date: nil))
        #expect(study.design.enrollment?.count?.value == 57)
        #expect(study.conditions.conditions.map(\.value) == ["Cluster Headache Attacks"])
        #expect(study.conditions.conditions.first?.path == "protocolSection.conditionsModule.conditions[0]")
        #expect(study.hasResults == nil)
        let notices = Dictionary(grouping: study.notices, by: \.origin.path)
        #expect(notices["protocolSection.identificationModule.briefTitle"]?.first?.kind == .unexpectedType)
        #expect(notices["protocolSection.statusModule.overallStatus"]?.first?.kind == .unknownCode)
        #expect(notices["protocolSection.statusModule.overallStatus"]?.first?.message.contains("\"FINISHED\"") == true)
        #expect(notices["protocolSection.statusModule.startDateStruct.date"]?.first?.kind == .unreadableDate)
        #expect(notices["protocolSection.designModule.enrollmentInfo.count"]?.first?.kind == .unexpectedType)
        #expect(notices["protocolSection.conditionsModule.conditions"]?.first?.kind == .unexpectedType)
        #expect(notices["hasResults"]?.first?.kind == .unknownCode)
        #expect(study.notices.count == 6)
        let status = try #require(study.status.overallStatus?.position)
        #expect(Array(Array(text.utf8)[status.offset..<(status.offset + 8)]) == Array("FINISHED".utf8))
        #expect(notices["protocolSection.statusModule.overallStatus"]?.first?.origin.position == status)
    }
}
