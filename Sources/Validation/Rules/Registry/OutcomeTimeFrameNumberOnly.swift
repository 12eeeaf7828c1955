import Diagnostics
import RegistryModel

/// A time frame says when, not only a number.
public struct OutcomeTimeFrameNumberOnly: Rule {
    public static let description = RuleDescription(
        id: "outcome-time-frame-number-only",
        defaultSeverity: .warning,
        summary: "An outcome time frame is more than a bare number (\"12\" says neither unit nor anchor).",
        rationale: """
            PRS warns when a Time Frame is only a numeral: "12" does not say 12 what, nor counted from when. \
            A time frame names the unit and, where it matters, the anchor (\"12 weeks after the first dose\").
            """,
        source: "PRS validation message (What's New in PRS, 2018); registry-facts R32",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"outcomesModule": {"primaryOutcomes": [{"measure": "Platelet count", "timeFrame": "↓12"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"outcomesModule": {"primaryOutcomes": [{"measure": "Platelet count", "timeFrame": "12 weeks"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (kind, _, outcomes) in context.study.outcomes.kinds {
            // By index, the time frame read in place: a whole outcome copied out retains each of its values.
            for i in outcomes.indices {
                guard OutcomeTimeFrameNumberOnly.isNumberOnly(outcomes[i].timeFrame?.value ?? ""), let timeFrame = outcomes[i].timeFrame
                else { continue }
                let text = timeFrame.value.trimmingWhitespace()
                findings.append(
                    Finding(
                        "the \(kind) outcome time frame `\(text)` is only a number", at: context.place(of: timeFrame),
                        fix: FixIt("give the unit and the anchor, for example \"\(text) weeks after the first dose\"")))
            }
        }
        return findings
    }

    /// `true` when the text, trimmed of white space, is not empty and holds only numbers, points, commas and
    /// spaces.
    ///
    /// ASCII text is read by bytes (there each character is one byte, but for `\r\n`, which is neither of
    /// those), building no trimmed copy and breaking no graphemes; other text by characters.
    static func isNumberOnly(_ text: String) -> Bool {
        var text = text
        let ascii: Bool? = text.withUTF8 { bytes in
            func isWhite(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            var start = 0
            var end = bytes.count
            while start < end, isWhite(bytes[start]) { start += 1 }
            while end > start, isWhite(bytes[end - 1]) { end -= 1 }
            guard start < end else { return false }
            for k in start..<end {
                switch bytes[k] {
                case 0x80...: return nil
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: " "): continue
                default:
                    // Not a number: the answer, unless the text is not ASCII, which the rest of it tells.
                    for j in (k + 1)..<end where bytes[j] >= 0x80 { return nil }
                    return false
                }
            }
            return true
        }
        if let ascii { return ascii }
        let trimmed = text.trimmingWhitespace()
        return !trimmed.isEmpty && trimmed.allSatisfy { $0.isNumber || $0 == "." || $0 == "," || $0 == " " }
    }
}
