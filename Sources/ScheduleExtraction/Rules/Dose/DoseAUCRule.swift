import ScheduleModel

/// Reads doses set by target exposure, the area under the curve: `AUC 5`, `AUC=6`, `AUC of 5 mg/mL/min`,
/// `AUC5`, `target AUC 4-5`, `Area Under the Curve (AUC) 70-100mg/L x hr`; alternatives (`AUC 5 or 6`) are
/// separate doses. The normal form is the amount and `AUC` (`5 AUC`); the exposure unit is dropped.
public struct DoseAUCRule: ExtractionRule {
    public static let id = "dose.auc"
    public static let kinds: [FactKind] = [.dose]
    public init() {}
    public static let triggers = RuleTriggers(words: ["auc"])

    public static let examples: [RuleExample] = [
        RuleExample("carboplatin AUC 5 IV on day 1", [.init(.dose, "5 AUC", "AUC 5")]),
        RuleExample("carboplatin (AUC=6) every 3 weeks", [.init(.dose, "6 AUC", "AUC=6")]),
        RuleExample("carboplatin at an AUC of 5 mg/mL/min", [.init(.dose, "5 AUC", "AUC of 5 mg/mL/min")]),
        RuleExample("Carboplatin AUC 5 or 6", [.init(.dose, "5 AUC", "AUC 5"), .init(.dose, "6 AUC", "6")]),
        RuleExample("Busulfan AUC60-65mg/L X hr by IV infusion", [.init(.dose, "60..65 AUC", "AUC60-65mg/L X hr")]),
        RuleExample(
            "Busulfan Area Under the Curve (AUC) 70-100mg/L x hr",
            [.init(.dose, "70..100 AUC", "AUC) 70-100mg/L x hr")]),
        RuleExample("AUC of the drug will be measured", []),
    ]

    static let auc = Word("auc")
    static let exposureUnits = WordSet(["mg", "mg/ml", "min", "ml", "l", "hr", "h", "x", "minute", "hour", "umol"])

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard text.tokens[i].is(Self.auc) else { continue }
            var j = i + 1
            if text.isSymbol(j, ")") || text.isSymbol(j, "]") { j += 1 }
            if text.isSymbol(j, "=") || text.isSymbol(j, ":") || text.isWord(j, "of") { j += 1 }
            guard let a = text.at(j), a.isNumber, a.value > 0, a.value < 1000 else { continue }
            var values = [(a.value, j)]
            var end = j + 1
            var upper: Double?
            if text.isSymbol(end, "-") || text.isWord(end, "to"), let b = text.at(end + 1), b.isNumber, b.value > a.value {
                upper = b.value
                end += 2
            } else if text.isWord(end, "or"), let b = text.at(end + 1), b.isNumber {
                values.append((b.value, end + 1))
                end += 2
            }
            end = skipExposureUnit(text, from: end)
            guard !text.isInExcludedSection(i) else { continue }
            let first = upper.map { AmountRange(Amount(a.value), Amount($0)) } ?? AmountRange(Amount(a.value))
            facts.emit(
                .dose, .dose(Dose(amount: first, unit: DoseUnit("AUC"))), tokens: i..<(values.count > 1 ? j + 1 : end),
                rule: Self.id)
            for (value, k) in values.dropFirst() {
                facts.emit(.dose, .dose(Dose(amount: AmountRange(Amount(value)), unit: DoseUnit("AUC"))), tokens: k..<(k + 1), rule: Self.id)
            }
            facts.claim(i..<end, as: .dose)
        }
    }

    /// Past `mg/mL/min`, `mg/L x hr`, `mg·min/mL`.
    private func skipExposureUnit(_ text: FieldText, from start: Int) -> Int {
        var k = start
        var end = start
        while k < text.count, k - start < 8, let t = text.at(k) {
            if t.isWord, t.is(Self.exposureUnits) || text.matches(t, "mg") || text.matches(t, "ml") || text.matches(t, "l") {
                k += 1
                end = k
            } else if t.isSymbol(UInt8(ascii: "/")) || t.isSymbol(UInt8(ascii: "*")) {
                k += 1
            } else {
                break
            }
        }
        return end
    }
}
