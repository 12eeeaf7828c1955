import Diagnostics
import RegistryModel

/// The brief summary is at most 5,000 characters.
public struct BriefSummaryTooLong: Rule {
    public static let description = RuleDescription(
        id: "brief-summary-too-long",
        defaultSeverity: .error,
        summary: "The brief summary is at most 5,000 characters.",
        rationale: """
            PRS limits the Brief Summary to 5,000 characters of source markup. In legacy XML, where text \
            blocks are hard-wrapped and indented, a line break and the white space around it count as one \
            character.
            """,
        source: "DED (Brief Summary, limit 5,000); registry-facts R06, R34",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "\#(String(repeating: "Aspirin 1 ", count: 500))↓daily"}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"descriptionModule": {
                  "briefSummary": "\#(String(repeating: "Aspirin 1 ", count: 500))"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        [context.lengthFinding(context.study.description.briefSummary, limit: 5000, name: "the brief summary")].compactMap { $0 }
    }
}
