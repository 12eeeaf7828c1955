import Testing
import RegistryModel

@Suite struct TextUnwrappingTests {
    @Test func foldsWrapsAndIndentationOfALegacyTextBlock() {
        // The decoded form of a legacy XML text block: leading newline, indentation, &#xD; line ends.
        let block = "\n      This study will test the ability of extended release nifedipine (Procardia XL), a blood\r\n"
            + "      pressure medication, to permit a decrease.\r\n    "
        #expect(block.unwrappedText
            == "This study will test the ability of extended release nifedipine (Procardia XL), a blood pressure medication, to permit a decrease.")
    }

    @Test func keepsParagraphBreaksAsOneBlankLine() {
        let criteria = "\n        Inclusion Criteria:\r\n\r\n          -  diagnosed with CAH\r\n   \r\n\r\n"
            + "          -  normal ECG\r\n      "
        #expect(criteria.unwrappedText == "Inclusion Criteria:\n\n-  diagnosed with CAH\n\n-  normal ECG")
    }

    @Test func leavesSpacesInsideALineAlone() {
        #expect("a  b\n  c\td".unwrappedText == "a  b c\td")
    }

    @Test func unwrapsLoneCarriageReturnsAndEmptyText() {
        #expect("one\rtwo".unwrappedText == "onetwo")
        #expect("".unwrappedText == "")
        #expect(" \r\n \n\t".unwrappedText == "")
    }

    @Test func isTheIdentityOnTextWithoutWraps() {
        let text = "The overall test process is as follows: screening period (V1), ±1 day, 1 × 108/kg."
        #expect(text.unwrappedText == text)
        let field = TextField(text, path: .briefSummary, position: nil)
        #expect(field.unwrapped == text)
    }
}
