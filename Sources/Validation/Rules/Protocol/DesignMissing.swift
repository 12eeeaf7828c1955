import Diagnostics
import ScheduleModel

/// Every design feature the protocol gives is stated in the record.
public struct DesignMissing: Rule {
    public static let description = RuleDescription(
        id: "design-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every design feature the protocol gives is stated in the record's text or its design fields.",
        rationale: """
            Design features (single-arm, randomized, open-label, …) decide how a reader weighs a study. A \
            feature the protocol promises should be stated by the text or by the design fields (a SINGLE_GROUP \
            model states single-arm, masking NONE states open-label).
            """,
        source: "ctlint protocol file, `design` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓This is a single-arm study of mesenchymal stem cells."}}}
                """#,
                protocol: """
                    design: [single-arm, single-center]
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary": "This is a single-center study."},
                  "designModule": {"studyType": "INTERVENTIONAL", "designInfo": {"interventionModel": "SINGLE_GROUP"}}}}
                """#,
                protocol: """
                    design: [single-arm, single-center]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        let stated = Set(context.statedDesign.map(\.feature))
        return comparison.promised.design.filter { !stated.contains($0) }.map { feature in
            comparison.missing("the protocol's design feature \(feature.rawValue) is stated nowhere in the record")
        }
    }
}
