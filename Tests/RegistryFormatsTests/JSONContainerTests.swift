import Foundation
import RegistryFormats
import RegistryModel
import TestSupport
import Testing

/// Every JSON container the reader understands, built around real records (the minified corpus fixtures,
/// which are one line each, and the classic ones).
@Suite struct JSONContainerTests {
    static let v2IDs = ["NCT01589588", "NCT02460003", "NCT00353704"]
    static let classicIDs = ["NCT04780100", "NCT04780386"]

    func fixture(_ format: String, _ id: String) throws -> [UInt8] {
        var bytes = Array(try Data(contentsOf: TestPaths.fixture("corpus/\(format)/\(id).json")))
        while bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }

    var v2: [[UInt8]] { get throws { try Self.v2IDs.map { try fixture("json-v2", $0) } } }
    var classic: [[UInt8]] { get throws { try Self.classicIDs.map { try fixture("json-classic", $0) } } }

    /// Reads `file` and checks that it gives `ids` in order, each record's bytes found in the file at its
    /// base offset, and every position pointing at its value in the container file.
    func expectRecords(_ file: [UInt8], _ ids: [String], _ format: RecordFormat,
        sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let results = try readResults(bytes: file, name: "container.json")
        let records = results.compactMap(\.value)
        #expect(records.count == results.count, "read errors: \(results.compactMap(\.error))", sourceLocation: sourceLocation)
        #expect(records.map(\.study.nctId) == ids, sourceLocation: sourceLocation)
        for (i, record) in records.enumerated() {
            #expect(record.source.index == i, sourceLocation: sourceLocation)
            #expect(record.source.format == format, sourceLocation: sourceLocation)
            #expect(record.source.path == "container.json", sourceLocation: sourceLocation)
            let base = record.document.base.offset
            #expect(Array(file[base..<(base + record.document.bytes.count)]) == record.document.bytes,
                sourceLocation: sourceLocation)
            expectPositionsPointAtValues(record.study, in: file, sourceLocation: sourceLocation)
        }
    }

    func join(_ parts: [[UInt8]], _ separator: String) -> [UInt8] {
        Array(parts.joined(separator: Array(separator.utf8)))
    }

    @Test func aSingleStudy() throws {
        let record = try v2[0]
        try expectRecords(record, [Self.v2IDs[0]], .jsonV2)
    }

    @Test func anArrayOfStudies() throws {
        let file = Array("[\n  ".utf8) + join(try v2, ",\n  ") + Array("\n]\n".utf8)
        try expectRecords(file, Self.v2IDs, .jsonV2)
    }

    @Test func anEmptyArray() throws {
        #expect(try readResults("[ ]").isEmpty)
    }

    @Test func anAPIv2PageWithMembersBeforeAndAfterTheStudies() throws {
        let file = Array(#"{"totalCount": 3, "studies": ["#.utf8) + join(try v2, ", ")
            + Array(#"], "nextPageToken": "NF0g5JGBlPMr"}"#.utf8)
        try expectRecords(file, Self.v2IDs, .jsonV2)
    }

    @Test func jsonLines() throws {
        let file = join(try v2, "\n") + [0x0A]
        try expectRecords(file, Self.v2IDs, .jsonV2)
        let positions = try readResults(bytes: file).compactMap(\.value).map { $0.document.base }
        #expect(positions.map(\.line) == [1, 2, 3])
        #expect(positions.allSatisfy { $0.column == 1 })
    }

    @Test func jsonLinesWithCRLFAndBlankLines() throws {
        let file = join(try v2, "\r\n\r\n")
        try expectRecords(file, Self.v2IDs, .jsonV2)
    }

    @Test func classicFullStudiesResponse() throws {
        let studies = try classic.enumerated().map { i, study in
            Array(#"{"Rank": \#(i + 1), "Study": "#.utf8) + study + Array("}".utf8)
        }
        let file = Array(#"{"FullStudiesResponse": {"APIVrs": "1.01.05", "NStudiesFound": 2, "MinRank": 1, "FullStudies": ["#.utf8)
            + join(studies, ",\n") + Array("]}}\n".utf8)
        try expectRecords(file, Self.classicIDs, .jsonClassic)
    }

    @Test func classicFullStudiesAndStudyWrappers() throws {
        let studies = try classic.map { Array(#"{"Study": "#.utf8) + $0 + Array("}".utf8) }
        let list = Array(#"{"FullStudies": ["#.utf8) + join(studies, ", ") + Array("]}".utf8)
        try expectRecords(list, Self.classicIDs, .jsonClassic)
        try expectRecords(studies[1], [Self.classicIDs[1]], .jsonClassic)
        try expectRecords(try classic[0], [Self.classicIDs[0]], .jsonClassic)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let record = try v2[1]
        let results = try readResults(bytes: [0xEF, 0xBB, 0xBF] + record)
        let read = try #require(results.first?.value)
        #expect(read.study.nctId == Self.v2IDs[1])
        #expect(read.document.base == SourcePosition(line: 1, column: 1, offset: 3))
        #expect(read.study.identification.nctId?.position?.offset == 3 + (record.firstRange(of: Array("NCT02460003".utf8))?.lowerBound ?? 0))
    }

    @Test func recordsAreHandedOverOneAtATime() throws {
        // The handler sees each record before the next is read: stop after the first.
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try RegistryReader().read(bytes: join(try v2, "\n"), name: "lines.jsonl") { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }
}
