import Testing
import RegistryFormats
import RegistryModel

/// The module-text export: header blocks, metadata, `Key: value` lines, several studies in one file.
@Suite struct ModuleTextReaderTests {
    static let referencePath = "reference/NCT06813157.description-module.txt"

    static func reference() throws -> String {
        String(decoding: try fixtureBytes(referencePath).bytes, as: UTF8.self)
    }

    @Test func theReferenceStudy() throws {
        let bytes = try fixtureBytes(Self.referencePath)
        let records = try readFixture(Self.referencePath)
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.source.format == .moduleText)
        let study = record.study
        #expect(study.notices.isEmpty, "\(study.notices)")

        let nctId = try #require(study.identification.nctId)
        #expect(nctId.value == "NCT06813157")
        #expect(nctId.path == "protocolSection.identificationModule.nctId")
        #expect(nctId.position == SourcePosition(line: 16, column: 9, offset: nctId.position?.offset ?? -1))
        #expect(file(bytes, at: nctId.position, startsWith: "NCT06813157\nBrief Summary: "))

        let summary = try #require(study.description.briefSummary)
        #expect(summary.path == .briefSummary)
        #expect(summary.value.hasPrefix("This study is a clinical study initiated by single-arm"))
        #expect(summary.value.hasSuffix("whichever occurred first."))
        #expect(summary.position?.line == 17)
        #expect(summary.position?.column == 16)
        let description = try #require(study.description.detailedDescription)
        #expect(description.path == .detailedDescription)
        #expect(description.value.hasPrefix("The overall test process is as follows: screening period (V1)"))
        #expect(description.position?.line == 18)
        #expect(description.position?.column == 23)
        #expect(file(bytes, at: description.position, startsWith: "The overall test process"))

        // Export metadata and container labels are kept, as written, without notices.
        #expect(study.extras.map(\.key)
            == ["Ignite Creation Date", "Ignite Modification Date", "Study", "Study Brief", "Protocol Section"])
        #expect(study.extras.map(\.value.value) == ["2025-12-24 @ 7:02 PM", "2025-12-24 @ 7:02 PM", "NCT06813157", "", "NCT06813157"])
        #expect(file(bytes, at: study.extras.last?.value.position, startsWith: "NCT06813157"))
    }

    @Test func positionsInsideAValueMapBackToTheFile() throws {
        let bytes = try fixtureBytes(Self.referencePath)
        let record = try #require(try readFixture(Self.referencePath).first)
        let summary = try #require(record.study.description.briefSummary)
        for needle in ["1 × 108/kg", "±3 days", "M12 or those"] {
            let range = try #require(summary.value.range(of: needle))
            let offset = summary.value.utf8.distance(from: summary.value.startIndex, to: range.lowerBound)
            #expect(file(bytes, at: record.document.position(in: summary, utf8Offset: offset), startsWith: needle))
        }
    }

    @Test func valuesRunOverLinesAndKeepTheirLineBreaks() throws {
        let text = """
            NCT ID: NCT06813157
            Brief Summary: First line of the summary,
              indented second line.

            Note: a line shaped like a key stays in free text.
            Detailed Description: One line.


            Overall Status: RECRUITING
            """
        let study = try #require(try read(text).first).study
        #expect(study.description.briefSummary?.value == """
            First line of the summary,
              indented second line.

            Note: a line shaped like a key stays in free text.
            """)
        #expect(study.description.detailedDescription?.value == "One line.")
        #expect(study.status.overallStatus?.value == .known(.recruiting))
        #expect(study.status.overallStatus?.position == SourcePosition(line: 9, column: 17, offset: 188))
        #expect(study.notices.isEmpty)
    }

    @Test func unknownKeysAreKeptWithANotice() throws {
        let text = "NCT ID: NCT06813157\nOverall Status: Recruiting\nFavourite Colour: blue\n  and green\nBrief Title: A title\n"
        let study = try #require(try read(text).first).study
        #expect(study.extras.map(\.key) == ["Favourite Colour"])
        let extra = try #require(study.extras.first?.value)
        #expect(extra.value == "blue\n  and green")
        #expect(extra.position == SourcePosition(line: 3, column: 19, offset: 65))
        #expect(study.notices.map(\.kind) == [.unknownField])
        #expect(study.notices.first?.message == "\"Favourite Colour\" is not a key of the module-text export; kept in extras")
        #expect(study.identification.briefTitle?.value == "A title")
    }

    @Test func listsAndRepeatedStructures() throws {
        let text = """
            NCT ID: NCT06813157
            Phases: PHASE1, PHASE2
            Conditions: Immune Thrombocytopenia
            Conditions: Refractory ITP
            Arm Group Label: MSC
            Arm Group Type: EXPERIMENTAL
            Arm Group Label: Control
            Arm Group Type: Placebo Comparator
            Who Masked: PARTICIPANT, INVESTIGATOR
            Start Date: 2025-02
            Start Date Type: ESTIMATED
            """
        let study = try #require(try read(text).first).study
        #expect(study.design.phases.map(\.value) == [.known(.phase1), .known(.phase2)])
        #expect(study.design.phases.map { $0.position?.column } == [9, 17])
        #expect(study.conditions.conditions.map(\.value) == ["Immune Thrombocytopenia", "Refractory ITP"])
        #expect(study.conditions.conditions.map(\.path.rawValue).last == "protocolSection.conditionsModule.conditions[1]")
        #expect(study.armsInterventions.armGroups.map { $0.label?.value } == ["MSC", "Control"])
        #expect(study.armsInterventions.armGroups.map { $0.type?.value } == [.known(.experimental), .known(.placeboComparator)])
        #expect(study.armsInterventions.armGroups.last?.type?.path == "protocolSection.armsInterventionsModule.armGroups[1].type")
        #expect(study.design.whoMasked.map(\.value) == [.known(.participant), .known(.investigator)])
        #expect(study.status.startDate?.date.value.date?.precision == .month)
        #expect(study.status.startDate?.type?.value == .known(.estimated))
        #expect(study.notices.isEmpty)
    }

    /// A file of two exports, the reference study's and a copy with another NCT id: two records, each
    /// with its own header block, metadata and positions in file coordinates.
    @Test func twoStudiesInOneFile() throws {
        let first = try Self.reference()
        let second = first.replacingOccurrences(of: "NCT06813157", with: "NCT00000102")
        let text = first + "\n\n" + second
        let bytes = RawFile(name: "two studies", bytes: Array(text.utf8))
        let records = try read(text, name: "two.txt")
        #expect(records.map(\.study.nctId) == ["NCT06813157", "NCT00000102"])
        #expect(records.map(\.source.index) == [0, 1])
        #expect(records.allSatisfy { $0.study.notices.isEmpty })
        #expect(records.map { $0.study.extras.count } == [5, 5])

        let secondRecord = records[1]
        let firstLines = first.split(separator: "\n", omittingEmptySubsequences: false).count
        // The second study starts at its header block, after the blank line that ends the first.
        #expect(secondRecord.document.base == SourcePosition(line: firstLines + 2, column: 1, offset: first.utf8.count + 2))
        #expect(records[0].document.bytes.count == first.utf8.count + 2)
        let nctId = try #require(secondRecord.study.identification.nctId)
        #expect(nctId.position?.line == firstLines + 2 + 15)
        #expect(file(bytes, at: nctId.position, startsWith: "NCT00000102\n"))
        let summary = try #require(secondRecord.study.description.briefSummary)
        #expect(summary.value == records[0].study.description.briefSummary?.value)
        let offset = summary.value.utf8.distance(
            from: summary.value.startIndex, to: try #require(summary.value.range(of: "±1 day")).lowerBound)
        #expect(file(bytes, at: secondRecord.document.position(in: summary, utf8Offset: offset), startsWith: "±1 day"))
        #expect(secondRecord.document.lineText(firstLines + 2) == "Description Module")
    }

    @Test func aSecondModuleOfTheSameStudyStaysInIt() throws {
        let text = try Self.reference() + "\n\nConditions Module\n\nConditions Module\n\nNCT ID: NCT06813157\nConditions: Immune Thrombocytopenia\n"
        let records = try read(text)
        #expect(records.count == 1)
        #expect(records.first?.study.conditions.conditions.map(\.value) == ["Immune Thrombocytopenia"])
        #expect(records.first?.study.description.briefSummary != nil)
        #expect(records.first?.study.notices.isEmpty == true)
    }

    @Test func studiesWithoutHeaderBlocksSplitAtTheirNCTId() throws {
        let text = "NCT ID: NCT00000001\nBrief Title: One\nNCT ID: NCT00000002\nBrief Title: Two\n"
        let records = try read(text)
        #expect(records.map(\.study.nctId) == ["NCT00000001", "NCT00000002"])
        #expect(records.map { $0.study.identification.briefTitle?.value } == ["One", "Two"])
        #expect(records[1].document.base == SourcePosition(line: 3, column: 1, offset: 37))
    }

    @Test func carriageReturnLineEnds() throws {
        let text = "NCT ID: NCT06813157\r\nBrief Summary: one\r\n  two\r\nOverall Status: COMPLETED\r\n"
        let study = try #require(try read(text).first).study
        #expect(study.identification.nctId?.value == "NCT06813157")
        #expect(study.description.briefSummary?.value == "one\r\n  two")
        #expect(study.description.briefSummary?.unwrapped == "one two")
        #expect(study.status.overallStatus?.value == .known(.completed))
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        var bytes = Array("NCT ID: NCT06813157\nBrief Summary: dose 1 × 10\n".utf8)
        let times = try #require(bytes.firstIndex(of: 0xC3))
        bytes[times] = 0xFF
        let error = try #require(readError(bytes, name: "bad.txt"))
        #expect(error.kind == .encoding)
        #expect(error.position == SourcePosition(line: 2, column: 23, offset: times))
        #expect(error.description.hasPrefix("bad.txt:2:23: error: invalid UTF-8 (byte 0xFF)"))
    }

    @Test func headerBlocksWithoutKeysAreNotARecord() throws {
        let error = try #require(readError("Description Module\n\nDescription Module\n\nSome definition.\n", name: "h.txt"))
        #expect(error.kind == .notARecord)
        #expect(error.position == .start)
    }
}

extension ModuleTextReaderTests {
    @Test func aByteOrderMarkShiftsOffsetsNotColumns() throws {
        let study = try #require(try read("\u{FEFF}NCT ID: NCT06813157\nBrief Title: T\n").first).study
        #expect(study.identification.nctId?.position == SourcePosition(line: 1, column: 9, offset: 11))
        #expect(study.identification.briefTitle?.position == SourcePosition(line: 2, column: 14, offset: 36))
    }
}

extension ModuleTextReaderTests {
    /// Studies are handed over one at a time, each holding only its own lines, so a file of any number
    /// of studies is read in memory bounded by its largest study.
    @Test func manyStudiesAreReadOneAtATime() throws {
        let study = try Self.reference() + "\n"
        var text = ""
        for n in 0..<2_000 {
            text += study.replacingOccurrences(of: "NCT06813157", with: "NCT9" + String(1_000_000 + n))
        }
        var seen = 0
        try RegistryReader().read(bytes: Array(text.utf8), name: "many.txt") { result in
            let record = try result.get()
            #expect(record.source.index == seen)
            #expect(record.study.nctId == "NCT9" + String(1_000_000 + seen))
            #expect(record.document.bytes.count == study.utf8.count)
            seen += 1
        }
        #expect(seen == 2_000)
    }

    @Test func aStudyLargerThanTheLimitIsRefused() throws {
        let options = ReadOptions(maxRecordBytes: 1 << 20)
        let line = "Keyword: " + String(repeating: "k", count: 1000) + "\n"
        let text = "NCT ID: NCT06813157\n" + String(repeating: line, count: 1100)
        let error = try #require(readError(text, name: "big.txt", options: options))
        #expect(error.kind == .tooLarge)
        #expect(error.position == .start)
        #expect(error.description.hasPrefix("big.txt:1:1: error: the study starting here is larger than the 1 MiB limit"))
    }
}
