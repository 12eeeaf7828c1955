import ScheduleModel

/// Reads days written as bare numbers after a route or `continuous` in telegraphic intervention text:
/// `650 mg/m2 IV 1, 15, 29`, `60 mg/m2 PO 1 - 28`, `75 mg/m2/d IV Push 2 - 5, 9 - 12`,
/// `10,000 units/d IV or IM 15 - 24`, `10 mg/m2/day continuous 1 - 4 q 5 weeks`.
///
/// The numbers must stand on their own: `IV 2 hours` and `PO 2 tablets` are not days.
public struct AdministrationDayAfterRouteRule: ExtractionRule {
    public static let id = "day.after-route"
    public static let kinds: [FactKind] = [.administrationDay]
    public init() {}

    public static let examples: [RuleExample] = [
        RuleExample("con: 650 mg/m2 IV 1, 15, 29", [
            .init(.administrationDay, "D1", "1"), .init(.administrationDay, "D15", "15"),
            .init(.administrationDay, "D29", "29"),
        ]),
        RuleExample("cons: 75 mg/m2/d IV Push 2 - 5, 9 - 12", [
            .init(.administrationDay, "D2..D5", "2 - 5"), .init(.administrationDay, "D9..D12", "9 - 12"),
        ]),
        RuleExample("10,000 units/d IV or IM 15 - 24", [.init(.administrationDay, "D15..D24", "15 - 24")]),
        RuleExample("10 mg/m2/day continuous 1 - 4 q 5 weeks", [.init(.administrationDay, "D1..D4", "1 - 4")]),
        RuleExample("given IV 2 hours before surgery; PO 2 tablets", []),
    ]

    static let routeAbbreviations = WordSet(["iv", "po", "im", "it", "sc", "sq", "ivpb"])

    public static let triggers = RuleTriggers(words: ["iv", "po", "im", "it", "sc", "sq", "ivpb", "continuous", "cont"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            let t = text.tokens[i]
            guard !text.isInExcludedSection(i) else { continue }
            var j: Int
            if t.is(Self.routeAbbreviations), t.flags.contains(.upper) {
                j = i + 1
                if text.isWord(j, "push", "bolus", "infusion") { j += 1 }
                if text.isWord(j, "or"), text.isWord(j + 1, Self.routeAbbreviations) { j += 2 }
            } else if text.matches(t, "continuous") || text.matches(t, "cont"), text.isNumber(i + 1), isAfterDose(i, text) {
                j = i + 1
            } else {
                continue
            }
            if text.isSymbol(j, ",") { j += 1 }
            guard text.isNumber(j), !facts.isClaimed(j, as: .day.union(.dose).union(.count).union(.frequency)),
                let items = text.dayList(at: j, bare: true), items.allSatisfy({ $0.days.first >= 0 })
            else { continue }
            for item in items {
                facts.emit(.administrationDay, .day(item.days), tokens: item.tokens, rule: Self.id)
            }
            facts.claim(j..<items.last!.tokens.upperBound, as: .day)
            i = items.last!.tokens.upperBound - 1
        }
    }

    private func isAfterDose(_ i: Int, _ text: FieldText) -> Bool {
        var k = i - 1
        while k >= 0, i - k <= 6 {
            if let t = text.at(k), t.isWord, Doses.baseUnits[t.hash] != nil || Doses.perUnits[t.hash] != nil { return true }
            k -= 1
        }
        return false
    }
}
