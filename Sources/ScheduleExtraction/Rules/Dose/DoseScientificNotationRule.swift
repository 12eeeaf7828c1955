import ScheduleModel

/// Reads doses written with a power of ten, in every spelling registry text uses: `1 × 10^8/kg`,
/// `5 x 10(6) cells`, `10^8`, `10e8`, `1E8`, `10⁸`, `3 million units/m2`, and the export form that lost its
/// superscript, `1 × 108/kg` (read as 10^8 only after a `×` and before a count unit such as cells or a bare
/// `/kg`, and always noted).
///
/// The amount keeps its stated power (`1e8`) and the notes say how it was read; cells are `{cells}` and a
/// bare `/kg` after a power of ten is cells per kg. Lab values in the same spellings (`ANC > 1.5 x 10^9/L`) are concentrations, not doses.
public struct DoseScientificNotationRule: ExtractionRule {
    public static let id = "dose.scientific-notation"
    public static let kinds: [FactKind] = [.dose]
    public init() {}
    public static let triggers = RuleTriggers(numbers: true)

    public static let examples: [RuleExample] = [
        RuleExample(
            "with a dose of 1 × 108/kg mesenchymal stem cells per time",
            [.init(.dose, "1e8 {cells}/kg", "1 × 108/kg", notes: ["lost-superscript: read '108' as 10^8"])]),
        RuleExample(
            "CAR-T cells at 5 x 106 cells per infusion",
            [.init(.dose, "5e6 {cells}", "5 x 106 cells per infusion", notes: ["lost-superscript: read '106' as 10^6"])]),
        RuleExample(
            "a dose of 2 x 10^6 CAR-T cells/kg",
            [.init(.dose, "2e6 {cells}/kg", "2 x 10^6 CAR-T cells/kg", notes: ["power-of-ten: read '2 x 10^6' as 2e6"])]),
        RuleExample("MSCs 1-2 × 10^6/kg in the infusion", [.init(.dose, "1e6..2e6 {cells}/kg", "1-2 × 10^6/kg")]),
        RuleExample(
            "infusion of 10⁸ cells", [.init(.dose, "1e8 {cells}", "10⁸ cells", notes: ["power-of-ten: read '10⁸' as 1e8"])]),
        RuleExample(
            "infusion of 10e8 cells", [.init(.dose, "1e8 {cells}", "10e8 cells", notes: ["read '10e8' as 10^8"])]),
        RuleExample("2.5E9 viable cells were given", [.init(.dose, "2.5e9 {cells}", "2.5E9 viable cells")]),
        RuleExample(
            "1 x 10(8) cells/kg", [.init(.dose, "1e8 {cells}/kg", "1 x 10(8) cells/kg", notes: ["read '10(8)' as 10^8"])]),
        RuleExample(
            "IFN 3 million units/m2 MWF SQ",
            [.init(.dose, "3e6 U/m2", "3 million units/m2", notes: ["power-of-ten: read '3 million' as 3e6"])]),
        RuleExample("ANC > 1.5 x 10^9/L and platelets ≥ 100 x 109/L", []),
        RuleExample("two tablets 2 x 100 mg", [.init(.dose, "100 mg", "100 mg")]),
        RuleExample(
            "capsules containing 109 CFU of Lactobacillus rhamnosus",
            [.init(.dose, "1e9 CFU", "109 CFU", notes: ["lost-superscript: read '109' as 10^9"])]),
    ]

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        // Where an amount may start, `dose(at:)` is what the grammar readings read: without a power of ten
        // among them, the field has nothing for this rule.
        guard text.hasPoweredDose else { return }
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard text.mayStartDoseAmount(i), let match = text.dose(at: i), match.hasPower else {
                continue
            }
            guard !text.isExcludedDose(match, facts) else { continue }
            facts.emit(
                .dose, .dose(match.dose), tokens: match.tokens, rule: Self.id, notes: match.notes,
                subject: text.subject(of: match))
            facts.claim(match.tokens, as: .dose)
            i = match.tokens.upperBound - 1
        }
    }
}
