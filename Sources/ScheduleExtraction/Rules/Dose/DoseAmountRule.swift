import ScheduleModel

/// Reads doses written as a plain amount and a unit: `200 mg/m2`, `0.5 mg/kg`, `60-75 mg/m²`,
/// `10,000 units/d`, `150cGy`, `50 mcg`, `1mL/kg/hour`.
///
/// Units fold to one spelling (`µg`, `μg` and `mcg` are `ug`; `units` is `U`; `m^2`, `m²`, `sqm` are `m2`;
/// `per day` is `/d`). Amounts that are not per-administration doses are left out: thresholds
/// (`> 100 mg`), concentrations (`mg/mL`, `g/dL`), totals (`total dose of 4.5 g/m2`, `(4.5g/m2 total)`),
/// radiotherapy course totals (`40 Gy/20 fr`), tablet strengths (`2 tablets x 200 mg`), specimen and
/// diluent volumes, and anything in an eligibility section.
public struct DoseAmountRule: ExtractionRule {
    public static let id = "dose.amount-unit"
    public static let kinds: [FactKind] = [.dose]
    public init() {}
    public static let triggers = RuleTriggers(numbers: true)

    public static let examples: [RuleExample] = [
        RuleExample("cohort 1: 2 mg/kg over 60 minutes intravenously", [.init(.dose, "2 mg/kg", "2 mg/kg")]),
        RuleExample("adriamycin 10mg/m2/d cont IV D1-4", [.init(.dose, "10 mg/m2/d", "10mg/m2/d")]),
        RuleExample("40 mg/day PO or IVPB days 1-4", [.init(.dose, "40 mg/d", "40 mg/day")]),
        RuleExample("100 mg/m2 per day on Days 1 and 22", [.init(.dose, "100 mg/m2/d", "100 mg/m2 per day")]),
        RuleExample("Doxorubicin 60-75 mg/m² every 3 weeks", [.init(.dose, "60..75 mg/m2", "60-75 mg/m²")]),
        RuleExample("doxorubicin 60 to 75 mg/m² IV", [.init(.dose, "60..75 mg/m2", "60 to 75 mg/m²")]),
        RuleExample("5-aza SC or IV 32mg/m2 - 75mg/m2", [.init(.dose, "32..75 mg/m2", "32mg/m2 - 75mg/m2")]),
        RuleExample("oxaliplatin 85 mg/m\\^2 IV", [.init(.dose, "85 mg/m2", "85 mg/m\\^2")]),
        RuleExample("10,000 units/d IV or IM 15 - 24", [.init(.dose, "10000 U/d", "10,000 units/d")]),
        RuleExample("Viaskin Peanut 50 mcg, 100 μg and 250 µg", [
            .init(.dose, "50 ug", "50 mcg"), .init(.dose, "100 ug", "100 μg"), .init(.dose, "250 ug", "250 µg"),
        ]),
        RuleExample("TBI 150cGy D-4, -3, -2, -1", [.init(.dose, "150 cGy", "150cGy")]),
        RuleExample("sodium bicarbonate 3 mL/kg/hour for 1 hour", [.init(.dose, "3 mL/kg/h", "3 mL/kg/hour")]),
        RuleExample("norepinephrine at 0.1 mcg/kg/min; creatinine clearance of 60 mL/min", [
            .init(.dose, "0.1 ug/kg/min", "0.1 mcg/kg/min"),
        ]),
        RuleExample("1.5 g/m2 IV every 3 hour x 3 (total dose 4.5 g/m2)", [.init(.dose, "1.5 g/m2", "1.5 g/m2")]),
        RuleExample("cyclophosphamide 1.5g/m2 IV x 3 (4.5g/m2 total)", [.init(.dose, "1.5 g/m2", "1.5g/m2")]),
        RuleExample("Total dose of 1.5ug of Bet v 1 per challenge", [.init(.dose, "1.5 ug", "1.5ug")]),
        RuleExample("a total dose of 56 Gy will be delivered using 2 Gy per dose", [.init(.dose, "2 Gy", "2 Gy per dose")]),
        RuleExample("40 Gy/20 fr (2 Gy/fr) to the small pelvis", [.init(.dose, "2 Gy", "2 Gy/fr")]),
        RuleExample("(400 mg; 2 tablets x 200 mg)", [.init(.dose, "400 mg", "400 mg")]),
        RuleExample("doxycycline 200mg day", [.init(.dose, "200 mg/d", "200mg day")]),
        RuleExample("the total daily dose of 2000 mg/m2", [.init(.dose, "2000 mg/m2/d", "2000 mg/m2")]),
        RuleExample("creatinine less than 3.0 gm/dL and platelets > 100 mg", []),
        RuleExample("Blood sampling (max 60ml of heparinized blood and serum)", []),
        RuleExample("0.5 mL per dose administered intramuscularly", [.init(.dose, "0.5 mL", "0.5 mL per dose")]),
        RuleExample("PDT with a fluence of 25 J/cm2", [.init(.dose, "25 J/cm2", "25 J/cm2")]),
        RuleExample("an oral dose of alcohol (0.5 g of absolute ethanol per kilogram of body weight)", [
            .init(.dose, "0.5 g/kg", "0.5 g of absolute ethanol per kilogram of body weight"),
        ]),
        RuleExample("100MBq/sqm of the antibody", [.init(.dose, "100 MBq/m2", "100MBq/sqm")]),
        RuleExample("5 mg radiolabeled with 5 millicurie (mCi) of 111In", [
            .init(.dose, "5 mg", "5 mg"), .init(.dose, "5 mCi", "5 millicurie (mCi)"),
        ]),
        RuleExample("90Y Zevalin 0.3 or 0.4 mCi/kg Intravenously", [
            .init(.dose, "0.3 mCi/kg", "0.3"), .init(.dose, "0.4 mCi/kg", "0.4 mCi/kg"),
        ]),
        RuleExample("Palifermin as an IV bolus injection (40, 60 or 80 µg/kg/day) once daily", [
            .init(.dose, "40 ug/kg/d", "40"), .init(.dose, "60 ug/kg/d", "60"), .init(.dose, "80 ug/kg/d", "80 µg/kg/day"),
        ]),
        RuleExample("Patients receive one 200 mL infusion of the product", [.init(.dose, "200 mL", "200 mL")]),
        // NCT04332835 (json-classic), NCT06433596 (json-v2), NCT03437278 (json-v2).
        RuleExample(
            "Participants will receive 500 milliliters of convalescent plasma, distributed in two 250 milliliters transfusions on the first and second day",
            [.init(.dose, "250 mL", "250 milliliters")]),
        RuleExample("3 injections of 10 cc of autologous Platelet Rich Plasma (PRP), weeks 1, 5 and 9", [
            .init(.dose, "10 mL", "10 cc"),
        ]),
        RuleExample(
            "Participants received a dose of ligelizumab 120 mg (high dose) which consisted of one injection of 1 ml of ligelizumab 120 mg/ 1 ml vial",
            [.init(.dose, "120 mg", "120 mg")]),
        RuleExample("0.1 ml of allergen extracts", [.init(.dose, "0.1 mL", "0.1 ml")], field: .firstArmGroupDescription),
        RuleExample("oral insulin was safe at doses between 2.5 and 7.5 mg per day", [
            .init(.dose, "2.5..7.5 mg/d", "2.5 and 7.5 mg per day"),
        ]),
        RuleExample("prednisolone 500 mg prior to dose 1, 125 mg prior to dose 2; 15 mg/m2 on day +1, 10mg/m2 on day +3", [
            .init(.dose, "500 mg", "500 mg"), .init(.dose, "125 mg", "125 mg"), .init(.dose, "15 mg/m2", "15 mg/m2"),
            .init(.dose, "10 mg/m2", "10mg/m2"),
        ]),
        RuleExample("Participants in the placebo arm received 100 milliliters (mL) of saline", [
            .init(.dose, "100 mL", "100 milliliters (mL)"),
        ]),
        RuleExample("600 mg/m^2 will be diluted in 100 mL 0.9% normal saline; tablets with 240 mL of water", [
            .init(.dose, "600 mg/m2", "600 mg/m^2"),
        ]),
    ]

    public func apply(to text: FieldText, _ facts: inout FactCollector) {
        var i = facts.nextTrigger(after: -1)
        while i < text.count {
            defer { i = facts.nextTrigger(after: i) }
            guard text.tokens[i].isNumber else { continue }
            if text.isWord(i + 1, "or", "and") || text.isSymbol(i + 1, ","), let (amounts, match) = text.listedAmounts(at: i) {
                // `0.3 or 0.4 mCi/kg`: each alternative is a dose in the unit written once at the end.
                if !text.isExcludedDose(match, facts) {
                    for k in amounts {
                        let dose = Dose(amount: AmountRange(Amount(text.tokens[k].value)), unit: match.dose.unit)
                        facts.emit(.dose, .dose(dose), tokens: k..<(k + 1), rule: Self.id, subject: text.nameBefore(i))
                    }
                    facts.claim(i..<match.tokens.lowerBound, as: .dose)
                }
                i = match.tokens.lowerBound - 1
                continue
            }
            guard text.mayStartDoseAmount(i), let match = text.dose(at: i), !match.hasPower else {
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

extension FieldText {
    /// Whether a number at `i` can start an amount: not glued to the word before it (`CD34`, `D5W`,
    /// `B7-H3`), except `x` (`1x3mg/m2`), and not the exponent of a power of ten.
    func isAmountStart(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.attached, let p = at(i - 1) else { return true }
        if p.isWord { return matches(p, "x") }
        if p.isSymbol(UInt8(ascii: "^")) || p.isSymbol(UInt8(ascii: ".")) { return false }
        // The decimals of `5,2 g/d`.
        if p.isSymbol(UInt8(ascii: ",")), p.attached, isNumber(i - 2) { return false }
        if p.isSymbol(UInt8(ascii: "-")), let q = at(i - 2), q.attached || p.attached, q.isWord || q.isNumber {
            return false
        }
        return true
    }
}
