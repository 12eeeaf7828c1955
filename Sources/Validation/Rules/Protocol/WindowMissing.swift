import Diagnostics
import ScheduleModel

/// Every window the protocol gives is stated in the record.
public struct WindowMissing: Rule {
    public static let description = RuleDescription(
        id: "window-missing",
        family: .protocol,
        defaultSeverity: .warning,
        summary: "Every window the protocol gives an administration or a timepoint is stated somewhere in the record's text.",
        rationale: """
            Visit windows tell sites and participants how much a visit may move. A window the protocol gives \
            (±P3D around the third to fifth infusion) that the text never states has been dropped or was \
            never written.
            """,
        source: "ctlint protocol file, `window` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "↓There is 1 week between the first infusion and the second infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7, window: ±P1D }]
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "There is 1 week between the first infusion and the second infusion (+/- 1 day)."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7, window: ±P1D }]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        let stated = comparison.facts(.window)
        var findings: [Finding] = []
        for intervention in comparison.promised.interventions {
            var seen: [Window] = []
            for (k, administration) in intervention.schedule.enumerated() {
                guard let window = administration.window, !seen.contains(where: { $0.isEquivalent(to: window) }) else { continue }
                seen.append(window)
                if Self.isStated(window, in: stated, where: { comparison.candidates(for: $0).contains(intervention) }) {
                    continue
                }
                findings.append(
                    comparison.missing(
                        "the protocol's window of \(window)\(ProtocolComparison.of(intervention)) (from administration \(k + 1)) is stated nowhere in the record",
                        intervention: intervention))
            }
        }
        for timepoint in comparison.promised.timepoints {
            guard let window = timepoint.window, !Self.isStated(window, in: stated, where: { _ in true }) else { continue }
            findings.append(comparison.missing("the protocol's window of \(window) around \(timepoint.summary) is stated nowhere in the record"))
        }
        return findings
    }

    /// `true` when one of the `stated` window facts that `candidate` accepts is equivalent to `window`.
    ///
    /// A static function rather than a closure capturing `stated`: Swift 6.3.1's optimizer crashes on the
    /// nested closure ("Found ownership error" in CopyPropagation) in release builds.
    private static func isStated(_ window: Window, in stated: [Fact], where candidate: (Fact) -> Bool) -> Bool {
        for fact in stated where candidate(fact) {
            if let factWindow = fact.window, factWindow.isEquivalent(to: window) { return true }
        }
        return false
    }
}
