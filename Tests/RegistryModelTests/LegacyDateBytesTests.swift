import Testing

@testable import RegistryModel

/// `PartialDate.parseLegacy` reads ASCII text from its bytes; it agrees with the reading by words, which
/// it stands in for.
@Suite struct LegacyDateBytesTests {
    /// Dates as legacy records write them, and texts that look close to one.
    static let texts = [
        "March 4, 2021", "March 2021", "2021", "Sept 2019", "sep 2019", "SEPTEMBER 30, 2019", "Ma 2019", "Mar 2019",
        "March 32, 2021", "February 29, 2020", "February 29, 2019", "March 0, 2021", "March +4, 2021", "March -4, 2021",
        "March 4,2021", "March,4,,2021", "March 4, 21", "March 4, 02021", "+202", "-202", "0000", "9999", "10000",
        "Marc h 2021", "March 4 2021 5", "2021-03-04", "", " ", ",", "Junember 2021", "June 99999999999999999999, 2021",
        "May\r\n2021", "Ma\r\ny 2021", "December 31, 9999", "january 1, 0001", "jan 1 2001",
        "March -0, 2021", "March +, 2021", "March -, 2021", "+", "March 9223372036854775807, 2021",
        "March -9223372036854775808, 2021", "March 9223372036854775808, 2021", "March 04, 2021", "+2021", "-2021",
    ]

    @Test(arguments: texts)
    func agreesWithTheReadingByWords(_ text: String) {
        #expect(PartialDate.parseLegacy(text) == PartialDate.parseLegacyWords(text))
    }

    @Test func readsOtherTextByWords() {
        #expect(PartialDate.parseLegacy("Juillet 2021é") == nil)
        #expect(PartialDate.parseLegacy("Déc. 2021") == nil)
    }
}
