import ScheduleModel

/// Reads asymmetric windows: `-3/+7 days`, `(-3 to +7 days)`, `-3 days/+7 days`, `+7/-3 days`, and a
/// one-sided window after a day: `day 21 (+7)` (`-P0D/+P7D`), `day 28 (-2 days)` (`-P2D/+P0D`).
public struct WindowAsymmetricRule: ExtractionRule {
    public static let id = "window.asymmetric"
    public static let kinds: [FactKind] = [.window]
    public init() {}
    public static let triggers = RuleTriggers(symbols: ["("])

    public static let examples: [RuleExample] = [
        RuleExample("on day 21 (+7)", [.init(.window, "-P0D/+P7D", "+7")]),
        RuleExample("at week 12 (-3/+7 days)", [.init(.window, "-P3D/+P7D", "-3/+7 days")]),
        RuleExample("at month 6 (-7 to +14 days)", [.init(.window, "-P7D/+P14D", "-7 to +14 days")]),
        RuleExample("on day 28 (-2 days)", [.init(.window, "-P2D/+P0D", "-2 days")]),
        RuleExample("days -4 to -1", []),
    ]

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard text.isSymbol(i, "(") else { continue }
            guard !text.isInExcludedSection(i), !facts.isClaimed(i + 1, as: .window) else { continue }
            guard let (window, end) = window(at: i + 1, text) else { continue }
            facts.emit(.window, .window(window), tokens: (i + 1)..<end, rule: Self.id)
            facts.claim((i + 1)..<end, as: .window)
        }
    }

    /// Inside a bracket: `-3/+7 days`, `-7 to +14 days`, `+7`, `-2 days`.
    private func window(at i: Int, _ text: FieldText) -> (Window, Int)? {
        guard let a = signed(at: i, text) else { return nil }
        var j = a.end
        var unit: ISODuration.Unit?
        if let u = text.timeUnit(at: j) {
            unit = u
            j += 1
        }
        if text.isSymbol(j, "/") || text.isWord(j, "to", "and") || text.isSymbol(j, ",") {
            if let b = signed(at: j + 1, text), (a.value < 0) != (b.value < 0) {
                var k = b.end
                if let u = text.timeUnit(at: k) {
                    unit = u
                    k += 1
                }
                let u = unit ?? .day
                guard text.isSymbol(k, ")") || text.isSymbol(k, ",") || text.isWord(k, "window", "of") else { return nil }
                let early = a.value < 0 ? -a.value : -b.value
                let late = a.value < 0 ? b.value : a.value
                return (Window(early: ISODuration(early, u), late: ISODuration(late, u)), k)
            }
        }
        // One side after a day: `day 21 (+7)`, `day 28 (-2 days)`
        guard text.isSymbol(j, ")"), text.dayBefore(window: i), a.signed else { return nil }
        let u = unit ?? .day
        let zero = ISODuration(0, u)
        let w = a.value < 0 ? Window(early: ISODuration(-a.value, u), late: zero)
            : Window(early: zero, late: ISODuration(a.value, u))
        return (w, j)
    }

    /// `+7`, `-3`, `7`; `signed` says whether the sign was written.
    private func signed(at i: Int, _ text: FieldText) -> (value: Double, end: Int, signed: Bool)? {
        if text.isSymbol(i, "+") || text.isSymbol(i, "-"), let n = text.at(i + 1), n.isNumber {
            return (text.isSymbol(i, "-") ? -n.value : n.value, i + 2, true)
        }
        return nil
    }
}
