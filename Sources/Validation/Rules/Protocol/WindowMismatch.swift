import Diagnostics
import ScheduleModel

/// Every window the record states is the protocol's window for what it qualifies.
public struct WindowMismatch: Rule {
    public static let description = RuleDescription(
        id: "window-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "Every window the record states is the protocol's window for the administration or timepoint it qualifies.",
        rationale: """
            A window qualifies the interval, day, rate or timepoint it follows in its sentence (`2 weeks apart \
            (±3 days)`). Its width must be the protocol's window for the administrations that interval places \
            (or the timepoint's window); a window the protocol does not give is not compared. Widths compare \
            as lengths (±P1W is ±P7D).
            """,
        source: "ctlint protocol file, `window` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "There is 1 week between the first infusion and the second infusion (a time window of ↓±2 days)."}}}
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
                  "There is 1 week between the first infusion and the second infusion (a time window of ±1 day), and the 3rd infusion is 2 weeks apart from the last infusion (±3 days)."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7, window: ±P1D }, { day: 21, window: ±P3D }]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        return comparison.facts(.window).compactMap { fact in
            guard let window = fact.window, let qualified = context.schedule.qualified(by: fact) else { return nil }
            let (what, promised) = expected(for: qualified, comparison)
            let given = promised.compactMap { $0 }
            guard !given.isEmpty, !given.contains(where: { $0.isEquivalent(to: window) }) else { return nil }
            return comparison.mismatch(
                fact,
                "\(context.fieldName(fact.field)) gives \(what) a window of \(window) («\(fact.text)»); the protocol says \(ProtocolComparison.either(Array(Set(given)).sorted { $0.description < $1.description }))",
                fix: "correct the window in the text, or update the protocol if the study changed it")
        }
    }

    /// What the qualified fact places, and the protocol's windows for it (`nil` where the protocol gives none).
    private func expected(for qualified: Fact, _ comparison: ProtocolComparison) -> (String, [Window?]) {
        let schedules = comparison.candidates(for: qualified).filter { $0.schedule.count >= 2 }
        switch qualified.value {
        case .duration(let offset) where qualified.kind == .timepoint:
            let anchor = qualified.anchor.flatMap(TimepointAnchor.init(rawValue:))
            let matching = comparison.promised.timepoints.filter { offset.upper == nil && $0.matches(offset: offset.lower, anchor: anchor) }
            return ("the timepoint «\(qualified.text)»", matching.map(\.window))
        case .duration(let length) where qualified.kind == .interval:
            if let between = qualified.between, between.count == 2, between[1] >= 1 {
                let b = between[1]
                return ("administration \(b)", schedules.compactMap { b <= $0.schedule.count ? $0.schedule[b - 1].window : nil })
            }
            let after = schedules.flatMap { s in s.gaps.filter { length.agrees(withDays: $0.days) }.map { s.schedule[$0.to - 1].window } }
            return ("the administrations «\(qualified.text)»", after)
        default:
            return ("the administrations «\(qualified.text)»", schedules.flatMap { $0.schedule.dropFirst().map(\.window) })
        }
    }
}
