import Diagnostics
import ScheduleModel

/// Every interval between administrations the record states is one the protocol's schedule has.
public struct IntervalMismatch: Rule {
    public static let description = RuleDescription(
        id: "interval-mismatch",
        family: .protocol,
        defaultSeverity: .error,
        summary: "Every interval between administrations the record states is one the protocol's schedule has.",
        rationale: """
            The protocol's schedule gives each administration's day, and so the interval between any two. An \
            interval the text places (`1 week between the first and second infusion`) must match the days of \
            those administrations; one it does not place (`2 weeks apart`) must match some interval of the \
            schedule. Lengths compare as lengths (P2W is P14D; a month is 28 to 31 days). Rates (`every 2 \
            weeks`) are not compared here: texts give rates of visits as often as rates of dosing.
            """,
        source: "ctlint protocol file, `schedule` (Docs/protocol-file.md)",
        triggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "The 3rd, 4th and 5th infusion were all ↓3 weeks apart from the last infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }, { day: 35 }, { day: 49 }]
                    """),
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "There is ↓2 weeks between the first infusion and the second infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }]
                    """),
        ],
        nonTriggeringExamples: [
            Example(
                #"""
                {"protocolSection": {"descriptionModule": {"briefSummary":
                  "There is 1 week between the first infusion and the second infusion. The third infusion is 2 weeks apart from the last infusion."}}}
                """#,
                protocol: """
                    interventions:
                      - schedule: [{ day: 0 }, { day: 7 }, { day: 21 }]
                    """),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let comparison = ProtocolComparison(context) else { return [] }
        return comparison.facts(.interval).compactMap { fact in
            guard case .duration(let length) = fact.value else { return nil }
            let schedules = comparison.candidates(for: fact).filter { $0.schedule.count >= 2 }
            guard !schedules.isEmpty else { return nil }
            let field = context.fieldName(fact.field)
            let fix = "correct the interval in the text, or update the protocol's schedule if the study changed it"
            if let between = fact.between, between.count == 2, between[0] >= 1, between[0] < between[1] {
                let (a, b) = (between[0], between[1])
                let spans = schedules.compactMap { s -> Int? in b <= s.schedule.count ? s.schedule[b - 1].day - s.schedule[a - 1].day : nil }
                if spans.contains(where: { length.agrees(withDays: $0) }) { return nil }
                guard !spans.isEmpty else {
                    let counts = ProtocolComparison.either(schedules.map(\.schedule.count))
                    return comparison.mismatch(
                        fact, "\(field) places an interval (\(length), «\(fact.text)») before administration \(b); the protocol's schedule has \(counts)",
                        fix: fix)
                }
                let promised = ProtocolComparison.either(spans.map { IntervalMismatch.duration(days: $0) })
                return comparison.mismatch(
                    fact, "\(field) says the interval between administrations \(a) and \(b) is \(length) («\(fact.text)»); the protocol says \(promised)",
                    fix: fix)
            }
            if schedules.contains(where: { $0.gaps.contains { length.agrees(withDays: $0.days) } }) { return nil }
            let gaps = schedules.map { IntervalMismatch.describe($0.gaps) }.joined(separator: "; ")
            return comparison.mismatch(
                fact, "\(field) says the interval between administrations is \(length) («\(fact.text)»); the protocol's intervals are \(gaps)",
                fix: fix)
        }
    }

    /// A number of days as a duration, in weeks when whole weeks.
    static func duration(days: Int) -> String {
        (days % 7 == 0 && days > 0 ? ISODuration.weeks(Double(days / 7)) : .days(Double(days))).description
    }

    /// `P1W (1–2), P2W (2–3, 3–4, 4–5)`: each length with the administrations it separates.
    static func describe(_ gaps: [ProtocolIntervention.Gap]) -> String {
        var order: [Int] = []
        var pairs: [Int: [String]] = [:]
        for gap in gaps {
            if pairs[gap.days] == nil { order.append(gap.days) }
            pairs[gap.days, default: []].append("\(gap.from)–\(gap.to)")
        }
        return order.map { "\(duration(days: $0)) (\(pairs[$0]!.joined(separator: ", ")))" }.joined(separator: ", ")
    }
}
