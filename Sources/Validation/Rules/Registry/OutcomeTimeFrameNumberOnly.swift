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
        context.study.outcomes.kinds.flatMap { kind, _, outcomes in
            outcomes.compactMap { outcome in
                guard let timeFrame = outcome.timeFrame else { return nil }
                let text = timeFrame.value.trimmingWhitespace()
                guard !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == " " }) else { return nil }
                return Finding(
                    "the \(kind) outcome time frame `\(text)` is only a number", at: context.place(of: timeFrame),
                    fix: FixIt("give the unit and the anchor, for example \"\(text) weeks after the first dose\""))
            }
        }
    }
}
