import Testing
@testable import RegistryModel

@Suite struct PartialDateTests {
    @Test func isoFormsKeepTheirPrecision() throws {
        let month = try #require(PartialDate.parseISO("2025-02"))
        #expect(month.precision == .month)
        #expect(month.description == "2025-02")
        #expect(month.firstDay == DayNumber(year: 2025, month: 2, day: 1))
        #expect(month.lastDay == DayNumber(year: 2025, month: 2, day: 28))
        #expect(PartialDate.parseISO("2024-02-29")?.precision == .day)
        #expect(PartialDate.parseISO("2025") == PartialDate(year: 2025))
    }

    @Test(arguments: ["2025-2", "25-02", "2025-02-30", "2023-02-29", "2025-13", "2025/02", "", "March 2021"])
    func rejectsWhatIsNotAnISOPartialDate(_ text: String) {
        #expect(PartialDate.parseISO(text) == nil)
    }

    @Test func legacyForms() {
        #expect(PartialDate.parseLegacy("March 4, 2021") == PartialDate(year: 2021, month: 3, day: 4))
        #expect(PartialDate.parseLegacy("May 2019") == PartialDate(year: 2019, month: 5))
        #expect(PartialDate.parseLegacy("Sept 2019") == PartialDate(year: 2019, month: 9))
        #expect(PartialDate.parseLegacy("Smarch 2019") == nil)
        #expect(PartialDate(year: 2021, month: 3, day: 4)?.legacyDescription == "March 4, 2021")
    }

    @Test func ordersBySpan() throws {
        let feb = try #require(PartialDate.parseISO("2025-02"))
        let feb14 = try #require(PartialDate.parseISO("2025-02-14"))
        let march = try #require(PartialDate.parseISO("2025-03-01"))
        #expect(!feb.isCertainlyBefore(feb14))
        #expect(feb.isCertainlyBefore(march))
        #expect(DayNumber(year: 2025, month: 3, day: 1) - DayNumber(year: 2025, month: 2, day: 1) == 28)
    }
}
