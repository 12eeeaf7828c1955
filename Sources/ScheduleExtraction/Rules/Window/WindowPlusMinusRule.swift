import ScheduleModel

/// Reads symmetric windows around a scheduled time: `±1 day`, `± 3 days`, `+/- 2 days`, `(± 1week)`,
/// `+/-7 days`, and a window after a day with the unit left out (`day 8 (± 1)`).
///
/// `+/-` between two treatments means with or without (`RT +/- tirapazamine`), and `± 10%` is a tolerance:
/// only a length of time makes a window.
public struct WindowPlusMinusRule: ExtractionRule {
    static let spreadWords = WordSet(["age", "aged", "ages", "mean", "average", "sd"])
    public static let id = "window.plus-minus"
    public static let kinds: [FactKind] = [.window]
    public init() {}
    public static let triggers = RuleTriggers(plusMinus: true)

    public static let examples: [RuleExample] = [
        RuleExample("(a time window of ±1 day)", [.init(.window, "±P1D", "±1 day")]),
        RuleExample("on day 1(+/- 2 days)", [.init(.window, "±P2D", "+/- 2 days")]),
        RuleExample("at 13 (± 1week) weeks after the first dose", [.init(.window, "±P1W", "± 1week")]),
        RuleExample("Visit N5 is scheduled 14 ±4 days after visit N4", [.init(.window, "±P4D", "±4 days")]),
        RuleExample("on day 8 (± 1)", [.init(.window, "±P1D", "± 1")]),
        RuleExample("RT + cisplatin IV + 5-FU +/- tirapazamine; 45 Gy +/- 10%", []),
        RuleExample("patients aged 42 ±11 years, followed for 1.9±0.79 months", []),
    ]

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard text.tokens[i].isPlusMinus else { continue }
            guard !text.isInExcludedSection(i) else { continue }
            if let d = text.duration(at: i + 1), isWindow(d.value, at: i, text) {
                facts.emit(.window, .window(.symmetric(d.value)), tokens: i..<d.end, rule: Self.id)
                facts.claim(i..<d.end, as: .window)
            } else if let n = text.number(at: i + 1), text.isSymbol(n.end, ")"), text.dayBefore(window: i) {
                facts.emit(.window, .window(.symmetric(.days(n.value))), tokens: i..<n.end, rule: Self.id)
                facts.claim(i..<n.end, as: .window)
            }
        }
    }
}

extension WindowPlusMinusRule {
    /// A window is a whole number of minutes to months around a time, not a spread of ages or a mean's
    /// deviation (`aged 42 ±11 years`, `1.9±0.79 months`).
    func isWindow(_ d: ISODuration, at i: Int, _ text: FieldText) -> Bool {
        guard d.unit != .year, d.amount == d.amount.rounded() else { return false }
        if let before = text.at(i - 1), before.isNumber, before.flags.contains(.decimal) { return false }
        for k in max(0, i - 3)..<i where text.isWord(k, Self.spreadWords) { return false }
        return true
    }
}

extension FieldText {
    /// Whether a window at `i` follows a day: `day 8 (± 1)`, `D21 (+7)`.
    func dayBefore(window i: Int) -> Bool {
        var j = i - 1
        if isSymbol(j, "(") { j -= 1 }
        guard isNumber(j) else { return false }
        return isWord(j - 1, "day", "d") || (isSymbol(j - 1, "-") && isWord(j - 2, "day", "d"))
    }
}
