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
        let eligibility = context.study.eligibility
        var findings: [Finding] = []
        var days: [Double?] = []
        for (name, field) in [("minimum age", eligibility.minimumAge), ("maximum age", eligibility.maximumAge)] {
            guard let field else {
                days.append(nil)
                continue
            }
            let value = AgeLimits.days(field.value)
            days.append(value)
            if value == nil {
                findings.append(
                    Finding(
                        "the \(name) `\(field.value)` is not a whole number and a unit (Years, Months, Weeks, Days, Hours, Minutes)",
                        at: context.place(of: field)))
            }
        }
        if let low = days[0], let high = days[1], low > high, let minimum = eligibility.minimumAge, let maximum = eligibility.maximumAge {
            findings.append(
                Finding(
                    "the minimum age \(minimum.value) is above the maximum age \(maximum.value)", at: context.place(of: minimum),
                    notes: [context.note("the maximum age", at: maximum)]))
        }
        return findings
    }

    /// The age in days, for "18 Years" and the like; `nil` for any other text.
    static func days(_ text: String) -> Double? {
        let parts = text.trimmingWhitespace().split(separator: " ")
        guard parts.count == 2, parts[0].allSatisfy(\.isASCIIDigit), let number = Double(parts[0]), let unit = units[String(parts[1])]
        else { return nil }
        return number * unit
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
