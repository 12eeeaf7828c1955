import Testing

@testable import ScheduleExtraction

/// Folding real-record spellings to one form, with every folded byte mapped back to the original text.
struct NormalizedTextTests {
    /// The folded text as a string.
    func folded(_ text: String) -> String { String(decoding: NormalizedText(text).bytes, as: UTF8.self) }

    /// The original text of the folded bytes `range`.
    func original(_ text: String, _ range: Range<Int>) -> String {
        let r = NormalizedText(text).originalRange(range)
        return String(decoding: Array(text.utf8)[r], as: UTF8.self)
    }

    @Test func markdownEscapesReadAsTheCharacter() {
        #expect(folded(#"85 mg/m\^2 and \> 18"#) == "85 mg/m^2 and > 18")
        // The folded `^` maps back to both bytes of `\^`.
        let text = #"mg/m\^2"#
        #expect(original(text, 4..<5) == #"\^"#)
    }

    @Test func hardWrappedTextIsOneLine() {
        let text = "every 6\r\n      hours\r\n      and more\r\n      text"
        let n = NormalizedText(text)
        #expect(String(decoding: n.bytes, as: UTF8.self) == "every 6\nhours\nand more\ntext")
        #expect(n.isHardWrapped)
        #expect(!NormalizedText("line one\nline two\nline three").isHardWrapped)
    }

    @Test func fullWidthPunctuationAndOddSpaces() {
        #expect(folded("phase III，Multicenter（2）：5～6；") == "phase III,Multicenter(2):5~6;")
        #expect(folded("5\u{00A0}mg\u{2009}daily\u{200B}!") == "5 mg daily!")
    }

    @Test func dashesSignsAndMicro() {
        #expect(folded("60–75 mg/m² ± 3 days, ≥ 2 µg or 3 μg × 10⁸") == "60-75 mg/m^2 +/- 3 days, >= 2 ug or 3 ug x 10^8")
    }

    @Test func vulgarFractionsReadAsDecimals() {
        #expect(folded("for 5½ weeks, ½ tablet, 1¾ mg") == "for 5.5 weeks, 0.5 tablet, 1.75 mg")
        let text = "5½ weeks"
        #expect(original(text, 1..<3) == "½")
    }

    @Test func everyFoldedByteMapsBackIntoTheOriginal() {
        let text = "Dose: 1 × 10⁸/kg (±1 day)，then q3w — “weekly”\r\n      thereafter"
        let n = NormalizedText(text)
        let utf8 = Array(text.utf8)
        for k in n.bytes.indices where n.bytes[k] != 0x20 && n.bytes[k] != 0x0A {
            let r = n.originalRange(k..<(k + 1))
            #expect(r.lowerBound >= 0 && r.upperBound <= utf8.count && !r.isEmpty)
        }
        #expect(original(text, 8..<10) == "×")
    }
}
