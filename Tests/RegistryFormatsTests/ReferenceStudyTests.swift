import Testing
import RegistryFormats
import RegistryModel

/// The reference study NCT06813157 read from its module-text export and from the legacy XML fixture
/// made from it: the same study.
@Suite struct ReferenceStudyTests {
    @Test func moduleTextAndLegacyXMLGiveTheSameStudy() throws {
        let text = try #require(try readFixture("reference/NCT06813157.description-module.txt").first)
        let xml = try #require(try readFixture("reference/NCT06813157.xml").first)
        #expect(xml.source.format == .xmlLegacy)
        #expect(text.study.nctId == "NCT06813157")
        #expect(xml.study.nctId == text.study.nctId)
        #expect(xml.study.notices.isEmpty)

        let xmlSummary = try #require(xml.study.description.briefSummary)
        let textSummary = try #require(text.study.description.briefSummary)
        #expect(xmlSummary.value != textSummary.value, "the XML holds the text hard-wrapped")
        #expect(xmlSummary.unwrapped == textSummary.unwrapped)
        #expect(xmlSummary.unwrapped == textSummary.value)
        #expect(xmlSummary.path == textSummary.path)

        let xmlDescription = try #require(xml.study.description.detailedDescription)
        let textDescription = try #require(text.study.description.detailedDescription)
        #expect(xmlDescription.unwrapped == textDescription.unwrapped)
        #expect(xmlDescription.path == textDescription.path)
    }

    /// A fact found in the unwrapped text of either format points at the same words in its own file.
    @Test func theSameWordsAreFoundInBothFiles() throws {
        for path in ["reference/NCT06813157.description-module.txt", "reference/NCT06813157.xml"] {
            let bytes = try fixtureBytes(path)
            let record = try #require(try readFixture(path).first)
            let description = try #require(record.study.description.detailedDescription)
            for needle in ["D14, M1, M2", "5 times", "withdrew early"] {
                let range = try #require(description.value.range(of: needle))
                let offset = description.value.utf8.distance(from: description.value.startIndex, to: range.lowerBound)
                let position = record.document.position(in: description, utf8Offset: offset)
                #expect(file(bytes, at: position, startsWith: needle), "\(path): \(needle)")
            }
        }
    }
}
