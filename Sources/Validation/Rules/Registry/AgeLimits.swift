import Diagnostics
import RegistryModel

/// Minimum and maximum ages are "N Unit" and the minimum is not above the maximum.
public struct AgeLimits: Rule {
    static let units: [String: Double] = [
        "Year": 365.25, "Years": 365.25, "Month": 30.4375, "Months": 30.4375, "Week": 7, "Weeks": 7, "Day": 1,
        "Days": 1, "Hour": 1.0 / 24, "Hours": 1.0 / 24, "Minute": 1.0 / 1440, "Minutes": 1.0 / 1440,
    ]

    public static let description = RuleDescription(
        id: "age-limits",
        defaultSeverity: .error,
        summary: "Ages are a whole number and a unit (\"18 Years\"), and the minimum age is not above the maximum.",
        rationale: """
            The registry stores age limits as a number and a unit (Years, Months, Weeks, Days, Hours, \
            Minutes); legacy "N/A" means no limit. Any other text cannot be compared, and a minimum above the \
            maximum excludes everyone.
            """,
        source: "OAS and XSD age_pattern; DED; registry-facts R28",
        triggeringExamples: [
            Example(#"{"protocolSection": {"eligibilityModule": {"minimumAge": "↓18 yrs", "maximumAge": "65 Years"}}}"#),
            Example(#"{"protocolSection": {"eligibilityModule": {"minimumAge": "↓6 Months", "maximumAge": "12 Weeks"}}}"#),
        ],
        nonTriggeringExamples: [
            Example(#"{"protocolSection": {"eligibilityModule": {"minimumAge": "18 Years", "maximumAge": "75 Years"}}}"#),
            Example(#"{"protocolSection": {"eligibilityModule": {"minimumAge": "1 Month", "maximumAge": "6 Months"}}}"#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        func days(of field: TextField?, _ name: String) -> Double? {
            guard let field else { return nil }
            let value = AgeLimits.days(field.value)
            if value == nil {
                findings.append(
                    Finding(
                        "the \(name) `\(field.value)` is not a whole number and a unit (Years, Months, Weeks, Days, Hours, Minutes)",
                        at: context.place(of: field)))
            }
            return value
        }
        let low = days(of: context.study.eligibility.minimumAge, "minimum age")
        let high = days(of: context.study.eligibility.maximumAge, "maximum age")
        if let low, let high, low > high, let minimum = context.study.eligibility.minimumAge,
            let maximum = context.study.eligibility.maximumAge
        {
            findings.append(
                Finding(
                    "the minimum age \(minimum.value) is above the maximum age \(maximum.value)", at: context.place(of: minimum),
                    notes: [context.note("the maximum age", at: maximum)]))
        }
        return findings
    }

    /// The age in days, for "18 Years" and the like; `nil` for any other text.
    static func days(_ text: String) -> Double? {
        var text = text
        let ascii: Double?? = text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? .some(asciiDays(bytes)) : .none }
        if let ascii { return ascii }
        let parts = text.trimmingWhitespace().split(separator: " ")
        guard parts.count == 2, parts[0].allSatisfy(\.isASCIIDigit), let number = Double(parts[0]), let unit = units[String(parts[1])]
        else { return nil }
        return number * unit
    }

    /// `days` of ASCII text, read from its bytes: trimmed of white space at both ends, two words between
    /// spaces, digits and a unit. Every age the registry writes is ASCII, and splitting by characters
    /// into an array cost more than the rest of the rule.
    private static func asciiDays(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        func isWhite(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = 0
        var end = bytes.count
        while start < end, isWhite(bytes[start]) { start += 1 }
        while end > start, isWhite(bytes[end - 1]) { end -= 1 }
        var words: (Range<Int>, Range<Int>)?
        var first: Range<Int>?
        var k = start
        while k < end {
            guard bytes[k] != 0x20 else {
                k += 1
                continue
            }
            var j = k
            while j < end, bytes[j] != 0x20 { j += 1 }
            if words != nil { return nil }
            if let first { words = (first, k..<j) } else { first = k..<j }
            k = j
        }
        guard let (number, unit) = words, bytes[number].allSatisfy({ (0x30...0x39).contains($0) }),
            let value = wholeNumber(UnsafeBufferPointer(rebasing: bytes[number])),
            let days = unitBytes.first(where: { $0.name.elementsEqual(bytes[unit]) })?.days
        else { return nil }
        return value * days
    }

    /// The number ASCII digits spell, as `Double(String)` reads it. Up to 15 digits the number is summed as
    /// an integer, which a `Double` holds exactly, building no string: every record's ages are read.
    private static func wholeNumber(_ digits: UnsafeBufferPointer<UInt8>) -> Double? {
        guard digits.count <= 15 else { return Double(String(decoding: digits, as: UTF8.self)) }
        var value = 0
        for digit in digits { value = value * 10 + Int(digit - 0x30) }
        return Double(value)
    }

    /// `units` with each name as bytes, compared in place with a word of the age: hashing a string made of
    /// the word cost more than the rest of the reading.
    private static let unitBytes = units.map { (name: Array($0.key.utf8), days: $0.value) }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
