import Diagnostics
import ScheduleModel

/// Every timepoint the record states from one of the protocol's anchors is one of the protocol's.
public struct TimepointMismatch: Rule {
    public static let description = RuleDescription(
        id: "timepoint-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "Every timepoint the record counts from one of the protocol's anchors is one of the protocol's timepoints.",
        rationale: """
            A follow-up visit at M18 after the end of treatment, when the protocol's follow-up after the end \
            of treatment stops at M12, is a change of schedule the protocol does not know. Only timepoints \
            whose anchor the text names, and the protocol uses, are compared: a bare `week 12` in an outcome's \
            time frame may count from anything. Offsets compare as lengths (P2W is P14D).
            """,
        source: "ctlint protocol file, `timepoints` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "After all treatments were completed, safety was evaluated at D14, M1 and ↓M18 during the follow-up period."}}}
                """#,
                protocol: """
                    timepoints:
                      - { label: D14, offset: P14D, anchor: end-of-treatment }
                      - { label: M1, offset: P1M, anchor: end-of-treatment }
                      - { label: M12, offset: P12M, anchor: end-of-treatment }
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "After all treatments were completed, safety was evaluated at 2 weeks and 1 month during the follow-up period."}}}
                """#,
                protocol: """
                    timepoints:
                      - { label: D14, offset: P14D, anchor: end-of-treatment }
                      - { label: M1, offset: P1M, anchor: end-of-treatment }
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        let promised = comparison.promised.timepoints
        return comparison.facts(.timepoint).compactMap { fact in
            guard case .duration(let offset) = fact.value, offset.upper == nil,
                let anchor = fact.anchor.flatMap(TimepointAnchor.init(rawValue:))
            else { return nil }
            let sameAnchor = promised.filter { $0.anchor == anchor }
            guard !sameAnchor.isEmpty, !promised.contains(where: { $0.matches(offset: offset.lower, anchor: anchor) }) else { return nil }
            return comparison.mismatch(
                fact,
                "\(context.fieldName(fact.field)) says there is a timepoint at \(offset) after \(anchor) («\(fact.text)»); the protocol's timepoints after \(anchor) are \(sameAnchor.map { $0.label ?? $0.offset.description }.joined(separator: ", "))",
                fix: "correct the timepoint in the text, or add it to the protocol if the study added it")
        }
    }
}
