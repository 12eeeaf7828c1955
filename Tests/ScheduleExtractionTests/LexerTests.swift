import ScheduleModel
import Testing

@testable import ScheduleExtraction

/// Tokens as the rules see them.
struct LexerTests {
    func tokens(_ text: String) -> [String] {
        let field = FieldText(field: .briefSummary, value: text)
        return field.tokens.indices.map { field.folded($0) }
    }

    @Test func lettersAndDigitsAreSeparateTokens() {
        #expect(tokens("10mg/m2 D14 q3w") == ["10", "mg", "/", "m", "2", "D", "14", "q", "3", "w"])
        let field = FieldText(field: .briefSummary, value: "10mg D14")
        #expect(field.tokens[1].attached && field.tokens[3].attached && !field.tokens[2].attached)
    }

    @Test func numbersKeepTheirValueAndSpelling() {
        let field = FieldText(field: .briefSummary, value: "10,000 units, 1.5 g, days 1,2 and .5")
        let numbers = field.tokens.filter(\.isNumber)
        #expect(numbers.map(\.value) == [10000, 1.5, 1, 2, 0.5])
        #expect(numbers[0].flags.contains(.grouped) && numbers[1].flags.contains(.decimal))
    }

    @Test func plusMinusIsOneSymbol() {
        let field = FieldText(field: .briefSummary, value: "(+/- 2 days) ±1 +-3")
        #expect(field.tokens.filter(\.isPlusMinus).count == 3)
    }

    @Test func numberWordsAndUnitsAreKnown() {
        let field = FieldText(field: .briefSummary, value: "twenty-one days, twice, the third dose")
        #expect(field.number(at: 0)?.value == 21)
        #expect(field.timeUnit(at: 3) == .day)
        #expect(field.ordinal(at: 8)?.value == 3)
    }

    @Test func sentencesEndAtFullStopsButNotAbbreviations() {
        let field = FieldText(field: .briefSummary, value: "Given i.v. on day 1. Then p.o. daily; stop")
        #expect(field.sentences.count == 3)
    }

    @Test func excludedSectionsAreMarked() {
        let text = "Design:\n\nPatients receive 8 mg/kg.\n\nEligibility:\n\nANC > 1500.\n\nOutline:\n\nDay 1"
        let field = FieldText(field: .detailedDescription, value: text)
        let marked = field.tokens.indices.filter { field.isInExcludedSection($0) }.map { field.folded($0) }
        #expect(marked == ["Eligibility", ":", "ANC", ">", "1500", "."])
        let cited = FieldText(field: .detailedDescription, value: "Dosing:\n\n5 mg daily.\n\nReferences\n\n1. Smith, 10 mg.")
        #expect(cited.tokens.indices.filter { cited.isInExcludedSection($0) }.map { cited.folded($0) }.contains("10"))
        #expect(!cited.isInExcludedSection(2))
    }

    /// NCT03644680's detailed description (json-v2, abridged): short bullet items under a heading belong to
    /// it; the next heading ends it.
    @Test func bulletItemsStayInTheSectionOfTheirHeading() {
        let text = """
            Prohibited concomitant medication:

               The following concomitant treatments are not permitted during this study:
               * Systemic or topical corticosteroids
               * Other immunosuppressant drugs
               * Antihistamines or disodium cromoglycate 3 days prior to visits

               Adverse events

               An adverse event is any event during a clinical study
            """
        let field = FieldText(field: .detailedDescription, value: text)
        let marked = Set(field.tokens.indices.filter { field.isInExcludedSection($0) }.map { field.folded($0) })
        #expect(marked.isSuperset(of: ["topical", "Antihistamines", "3"]))
        #expect(!marked.contains("adverse") && !marked.contains("clinical"))
    }

    @Test func suspendedHyphenRangesAreOneDuration() {
        // NCT07262983 (json-v2): `after 8- to 12-hour fasting`.
        let field = FieldText(field: .briefSummary, value: "Values after 8- to 12-hour fasting blood specimen")
        let range = field.durationRange(at: 2)
        #expect(range?.value == DurationRange(ISODuration(8, .hour), ISODuration(12, .hour)))
        #expect(range?.end == 8)
    }

    @Test func wordsForGivingAgainIncludeHyphenatedSpellings() {
        // NCT00462345 (xml-legacy): `eligible patients may receive re-treatment`; NCT00003298 (xml-legacy):
        // `Chemotherapy is repeated 4-6 weeks later`.
        let field = FieldText(field: .briefSummary, value: "eligible patients may receive re-treatment. It is repeated; re - treated")
        #expect(field.repeatWord(at: 4) == 7)
        #expect(field.repeatWord(at: 10) == 11)
        #expect(field.repeatWord(at: 12) == nil)
    }
}
