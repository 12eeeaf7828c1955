import ScheduleModel

/// A dose read from text, before a rule decides whether to keep it.
struct DoseMatch {
    var dose: Dose
    /// The tokens of the amount and unit.
    var tokens: Range<Int>
    var notes: [String]
    /// The amount was written with a power of ten.
    var hasPower: Bool
    /// The words naming the cells a cell dose counts (`mesenchymal stem cells`), if the text names them.
    var cellWords: Range<Int>?
    /// A per-administration word came with the unit (`per dose`, `/admin`, `per nostril`).
    var perAdministration: Bool
}

enum DoseReader {
    static let reportedParticiples = WordSet(["given", "used", "administered", "reported", "shown", "tolerated", "studied"])
    /// Words that end a look-back for the name a dose belongs to.
    static let notNames = WordSet([
        "of", "at", "with", "a", "an", "the", "and", "or", "to", "in", "on", "by", "for", "dose", "doses", "dosage",
        "level", "receive", "received", "receives", "given", "give", "daily", "then", "followed", "plus",
        "patients", "participants", "subjects", "is", "are", "be", "will", "was", "were", "from", "up", "total",
        "maximum", "max", "initial", "starting", "fixed", "flat", "mg", "each", "per", "every", "as", "cohort",
        "arm", "group", "day", "days", "week", "weeks", "iv", "po", "sc", "im", "orally", "intravenously",
        "administered", "infusion", "injection", "placebo", "than", "about", "approximately", "over", "via", "between",
        "single", "additional", "another", "booster", "loading", "weekly", "monthly",
    ])
    /// Words that may follow the number of a dose: units, magnitudes, `x` and `e` of powers, `to` of ranges,
    /// and the words naming cells.
    static let followers = WordSet(
        Doses.baseUnitList.map(\.0) + Doses.magnitudeList.map(\.0) + Doses.cellQualifierList + [
            "x", "e", "to", "international", "miu", "j", "joules", "cells", "cell",
        ])
    static let comparisonWords = WordSet([
        "than", "above", "below", "exceeding", "exceeds", "exceed", "under", "least", "lower", "higher",
        "greater", "less", "more", "minimum",
    ])
    static let tabletWords = WordSet(["tablet", "tablets", "capsule", "capsules", "pill", "pills", "vial", "vials"])
    static let diluents = WordSet([
        "water", "saline", "dextrose", "d5w", "ns", "sodium", "solution", "diluent", "glucose", "normal",
    ])
    /// Nouns a number after which is a label, not an amount: `dose 1`, `week 1`, `cycle 2`, `day 8`.
    static let numberedNouns = WordSet([
        "dose", "doses", "week", "weeks", "cycle", "cycles", "day", "days", "d", "visit", "visits", "grade", "level",
        "levels", "group", "groups", "arm", "cohort", "cohorts", "month", "months", "year", "part", "phase", "stage",
        "course", "courses", "step", "number", "no", "session", "infusion", "injection", "period", "wk", "w",
    ])
    /// Words before a volume that make it the carrier of another substance: `in 100 mL`, `with 240 mL`.
    static let carrierWords = WordSet(["in", "with", "into", "to", "within"])
    static let preparationWords = WordSet([
        "diluted", "dilute", "dissolved", "dissolve", "reconstituted", "reconstitute", "mixed", "mixture", "flush",
        "flushed", "suspended", "containing", "contains",
    ])
    static let placeboWords = WordSet(["placebo", "sham", "control", "vehicle"])
    static let dosingVerbs = WordSet([
        "receive", "receives", "received", "receiving", "given", "administered", "infused", "injected", "inject",
        "infuse", "give", "administer",
    ])
    static let volumeDeterminers = WordSet(["a", "one", "single", "total", "of", "approximately", "about"])
    /// Plasma and serum given as a product: `convalescent plasma`, `platelet-rich plasma`, `fresh frozen plasma`.
    static let productModifiers = WordSet(["convalescent", "hyperimmune", "rich", "poor", "frozen", "immune"])
    static let transfusionWords = WordSet(["transfusion", "transfusions", "infusion", "infusions", "therapy"])
    /// Words after a volume that split it into administrations: `500 mL, distributed in two transfusions`.
    static let divisionWords = WordSet(["distributed", "divided", "split"])
    /// The administrations a volume can be the amount of: `3 injections of 10 cc`.
    static let administrationNouns = WordSet([
        "injection", "injections", "infusion", "infusions", "transfusion", "transfusions", "instillation",
        "instillations", "application", "applications",
    ])
    static let fractionWords = WordSet(["fraction", "fractions", "fx", "fr"])
    static let limitWords = WordSet(["maximum", "max", "limit", "limits", "constraint", "constraints", "exceed"])
    static let administrationWords = WordSet([
        "injection", "injections", "injected", "administered", "administration", "infusion", "infused", "dose",
        "doses", "intramuscular", "intramuscularly", "subcutaneous", "subcutaneously", "intravenous",
        "intravenously", "im", "sc", "iv", "intradermal", "orally", "oral", "instilled", "instillation", "given",
        "vaccine", "bolus", "transfusion", "transfusions",
    ])
}

extension FieldText {
    /// A cheap look at the token after a number: only a unit, a power, a range or a decimal comma can follow
    /// the amount of a dose.
    @inline(__always) func mayStartDose(_ i: Int) -> Bool {
        guard let n = at(i + 1) else { return false }
        switch n.kind {
        case .word: return n.is(DoseReader.followers)
        case .symbol:
            let c = UInt8(truncatingIfNeeded: n.hash)
            return n.hash < 128
                && (c == UInt8(ascii: "-") || c == UInt8(ascii: "~") || c == UInt8(ascii: "^") || c == UInt8(ascii: "(")
                    || c == UInt8(ascii: "/") || c == UInt8(ascii: "*") || c == UInt8(ascii: ","))
        case .number: return false
        }
    }

    /// A dose at `i`: an amount or a range of amounts, then a dose unit. Read once per field where a dose rule
    /// can start (`readings`), since two rules read every such number.
    func dose(at i: Int) -> DoseMatch? {
        if let read = readings.dose(at: i) { return read }
        return readDose(at: i)
    }

    /// Where the dose rules read a dose: a number that may start an amount (`mayStartDose(_:)`,
    /// `isAmountStart(_:)`).
    @inline(__always) func mayStartDoseAmount(_ i: Int) -> Bool {
        tokens[i].isNumber && mayStartDose(i) && isAmountStart(i)
    }

    /// Reads `dose(at:)` from the tokens.
    func readDose(at i: Int) -> DoseMatch? {
        // `5,2 g/d`: a decimal comma, read only right before a unit.
        if let comma = at(i + 1), comma.attached, comma.isSymbol(UInt8(ascii: ",")), let fraction = at(i + 2),
            fraction.attached, fraction.isInteger, fraction.integerDigits <= 2, tokens[i].isInteger,
            let unit = doseUnit(at: i + 3, amountHasPower: false)
        {
            var scale = 1.0
            for _ in 0..<Int(fraction.integerDigits) { scale *= 10 }
            let value = tokens[i].value + fraction.value / scale
            return DoseMatch(
                dose: Dose(amount: AmountRange(Amount(value)), unit: unit.value.unit), tokens: i..<unit.value.textEnd,
                notes: ["read '\(folded(i..<(i + 3)))' as \(plainNumber(value))"], hasPower: false, cellWords: nil,
                perAdministration: unit.value.perAdministration)
        }
        guard let first = amount(at: i) else { return nil }
        var lower = first.value.amount
        var upper: Amount?
        var notes = first.value.notes
        var lost = first.value.lostSuperscript
        var unitStart = first.end
        // `60-75 mg/m2`, `60 to 75 mg/m2`, `1-2 × 10^6/kg`
        if let sep = doseRangeSeparator(at: first.end), let second = amount(at: sep),
            doseUnit(at: second.end, amountHasPower: second.value.hasPower) != nil
        {
            var a = lower
            let b = second.value.amount
            if a.exponent == nil, let e = b.exponent, !first.value.hasPower { a = Amount(mantissa: a.mantissa, exponent: e) }
            if a.value < b.value, b.value <= a.value * 20 {
                lower = a
                upper = b
                notes += second.value.notes
                lost = lost || second.value.lostSuperscript
                unitStart = second.end
            }
        }
        let hasPower = lower.exponent != nil || upper?.exponent != nil
        guard let unit = doseUnit(at: unitStart, amountHasPower: hasPower) else { return nil }
        var end = unit.value.textEnd
        if lost, !Doses.countUnits.contains(unit.value.unit.base) { return nil }
        // `32mg/m2 - 75mg/m2`: the unit written on both ends.
        if upper == nil, let sep = doseRangeSeparator(at: unit.end), let second = amount(at: sep),
            let unit2 = doseUnit(at: second.end, amountHasPower: second.value.hasPower), unit2.value.unit == unit.value.unit,
            lower.value < second.value.amount.value, second.value.amount.value <= lower.value * 20
        {
            upper = second.value.amount
            end = unit2.value.textEnd
        }
        var doseUnit = unit.value.unit
        // `2 Gy/fraction/day`: a dose per fraction, given daily, not a dose per day.
        if unit.value.perAdministration, doseUnit.per.last == "d" {
            doseUnit = DoseUnit(doseUnit.base, per: Array(doseUnit.per.dropLast()))
        }
        if unit.value.exponent != 0 {
            lower = Amount(mantissa: lower.mantissa, exponent: (lower.exponent ?? 0) + unit.value.exponent)
            upper = upper.map { Amount(mantissa: $0.mantissa, exponent: ($0.exponent ?? 0) + unit.value.exponent) }
        }
        // `200mg day`: a per-day dose missing its slash (not `5 mg day 1`).
        if !doseUnit.per.contains("d"), isWord(end, "day"), !isNumber(end + 1), !isSymbol(end + 1, "-") {
            doseUnit = DoseUnit(doseUnit.base, per: doseUnit.per + ["d"])
            end += 1
        }
        // `total daily dose of 2000 mg/m2`, `daily dose of 5 mg`: a dose per day.
        if !doseUnit.per.contains("d"), isWord(i - 1, "of"), isWord(i - 2, "dose"), isWord(i - 3, "daily") {
            doseUnit = DoseUnit(doseUnit.base, per: doseUnit.per + ["d"])
        }
        let dose = Dose(amount: AmountRange(lower, upper), unit: doseUnit)
        return DoseMatch(
            dose: dose, tokens: i..<end, notes: notes, hasPower: hasPower, cellWords: unit.value.cellWords,
            perAdministration: unit.value.perAdministration)
    }

    /// Amounts listed as alternatives before a dose, which share its unit: `0.3 or 0.4 mCi/kg`,
    /// `50, 100 or 200 mg`. Returns the listed amounts' tokens (ascending values, plain numbers) and the dose
    /// that ends the list; `nil` unless `i` starts such a list.
    func listedAmounts(at i: Int) -> (amounts: [Int], dose: DoseMatch)? {
        guard let first = at(i), first.isNumber, !first.flags.contains(.grouped), isAmountStart(i),
            !isWord(i - 1, DoseReader.numberedNouns), !isWord(i - 1, "between"), !isNumber(i - 1), !isSymbol(i - 1, ","),
            !isSymbol(i - 1, "+"), !isSymbol(i - 1, "-")
        else { return nil }
        var amounts = [i]
        var k = i + 1
        while k < count, amounts.count < 8 {
            var next = k
            if isSymbol(next, ",") { next += 1 }
            if isWord(next, "or") || isWord(next, "and") { next += 1 }
            // A comma glued to both numbers is a decimal comma (`1,5 mg`), not a list.
            guard next > k, let n = at(next), n.isNumber, n.value > tokens[amounts.last!].value,
                !n.flags.contains(.grouped), !(isSymbol(k, ",") && n.attached && next == k + 1)
            else { return nil }
            if mayStartDose(next), let dose = dose(at: next), !dose.hasPower,
                dose.dose.amount.upper == nil, dose.dose.amount.lower.value <= first.value * 1000
            {
                return (amounts, dose)
            }
            amounts.append(next)
            k = next + 1
        }
        return nil
    }

    /// `-`, `to`, `~` between two amounts of a dose range.
    private func doseRangeSeparator(at i: Int) -> Int? {
        if isSymbol(i, "-") || isSymbol(i, "~") || isWord(i, "to") { return i + 1 }
        // `between 2.5 and 7.5 mg per day`
        if isWord(i, "and"), isWord(i - 2, "between") { return i + 1 }
        return nil
    }

    /// Who a dose is for, where the text says it next to the dose: the cells it counts
    /// (`1 × 10^8/kg mesenchymal stem cells`) or the drug named right before it (`vincristine 1.4 mg/m2`).
    func subject(of match: DoseMatch) -> String? {
        if let cells = match.cellWords { return originalText(cells) }
        return nameBefore(match.tokens.lowerBound)
    }

    /// The drug name right before a dose: `vincristine 1.4 mg/m2`, `Mitoxantrone: 12 mg/m2`.
    func nameBefore(_ i: Int) -> String? {
        var j = i - 1
        if isSymbol(j, ":") { j -= 1 }
        guard let t = at(j), t.isWord, !t.is(DoseReader.notNames), t.end - t.start >= 3, t.numberWord == 0, sameSentence(j, i),
            t.tags.isEmpty, Routes.words[t.hash] == nil
        else { return nil }
        return originalText(j..<(j + 1))
    }

    /// Whether the dose at tokens `range` is something other than an amount given per administration:
    /// a threshold, a total over a course, a tablet strength, a diluent or a specimen volume.
    func isExcludedDose(_ match: DoseMatch, _ facts: FactCollector) -> Bool {
        let i = match.tokens.lowerBound
        if isInExcludedSection(i) || facts.isClaimed(match.tokens, as: .dose.union(.window)) { return true }
        // Thresholds: `> 1.5`, `greater than 100 mg`, `at least 40 kg`.
        for k in max(0, i - 3)..<i where sameSentence(k, i) {
            guard let t = at(k) else { continue }
            if t.kind == .symbol, t.hash == UInt64(UInt8(ascii: ">")) || t.hash == UInt64(UInt8(ascii: "<"))
                || t.hash == Token.greaterOrEqual || t.hash == Token.lessOrEqual
            {
                return true
            }
            if t.is(DoseReader.comparisonWords), k >= i - 2 { return true }
        }
        // Totals: `total dose of 4.5 g/m2`, `(4.5g/m2 total)`, `for a maximum of 450 mg/m2`.
        var daily = false
        for k in max(0, i - 4)..<i where sameSentence(k, i) {
            if isWord(k, "daily") || isWord(k, "day") { daily = true }
        }
        if !daily {
            for k in max(0, i - 6)..<i where sameSentence(k, i) && !isNumber(k) {
                if let t = at(k), t.isWord, t.tags.contains(.total) {
                    // `Total dose of 1.5ug of Bet v 1 per challenge` is per administration after all.
                    if !match.perAdministration && !perAdministrationFollows(match.tokens.upperBound) { return true }
                }
            }
            if isWord(i - 1, "of"), isWord(i - 2, "maximum"), isWord(i - 3, "a"), isWord(i - 4, "for") { return true }
        }
        let end = match.tokens.upperBound
        if isWord(end, "total") || (isSymbol(end, ",") && isWord(end + 1, "total")) {
            return true
        }
        // Tablet strength: `2 tablets x 200 mg`.
        if isWord(i - 1, "x"), isWord(i - 2, DoseReader.tabletWords) { return true }
        let base = match.dose.unit.base
        // Reported experience, not this study's plan: `doses up to 10mg/kg/day have been given`.
        if isReportedExperience(i) { return true }
        if Doses.isRadiationUnit(base) {
            // Organ limits: `The maximum dose to the liver is 15 Gy`.
            for k in max(0, i - 16)..<i where sameSentence(k, i) && isWord(k, DoseReader.limitWords) { return true }
            // `40 Gy/20 fr`, `50.4 Gy in 28 fractions`: a course total.
            if isSymbol(end, "/") || isWord(end, "in"), isNumber(end + 1), isWord(end + 2, DoseReader.fractionWords) {
                return true
            }
            // A course total: 20 Gy or more, unless per fraction or a targeted absorbed dose.
            let gray = match.dose.amount.lower.value * (base == "cGy" ? 0.01 : 1)
            if gray >= 20, !match.perAdministration, !perAdministrationFollows(end) {
                var absorbed = false
                for k in max(0, i - 8)..<i where sameSentence(k, i) && isWord(k, "absorbed") { absorbed = true }
                if !absorbed { return true }
            }
        }
        if Doses.isVolumeUnit(base), match.dose.unit.per.isEmpty, !match.perAdministration,
            !perAdministrationFollows(end), !isAdministeredVolume(i, end: end)
        {
            return true
        }
        return false
    }

    /// Whether a volume without a per-unit is what is given: `one 200 mL infusion`, `0.5 mL intramuscular
    /// injection`, `received 100 milliliters (mL) of saline` in a placebo arm; not a blood draw, a diluent
    /// (`diluted in 100 mL of 5% dextrose`, `with 240 mL of water`) or a vial's content.
    private func isAdministeredVolume(_ i: Int, end: Int) -> Bool {
        let tags = sentence(of: i).tags
        // `0.1 ml of allergen extracts` opening an arm or intervention description is its dose.
        let opensDescription = isArmOrIntervention && i == sentence(of: i).range.lowerBound
        if tags.contains(.specimen) && namesSpecimen(sentence(of: i).range) || !tags.contains(.dosing) && !opensDescription {
            return false
        }
        // `500 milliliters of convalescent plasma, distributed in two 250 milliliters transfusions`: a total.
        for k in end..<min(count, end + 8) where sameSentence(k, i) && isWord(k, DoseReader.divisionWords) { return false }
        if isWord(i - 1, DoseReader.carrierWords) { return false }
        for k in max(0, i - 6)..<i where sameSentence(k, i) && isWord(k, DoseReader.preparationWords) { return false }
        // What the volume is of: `100 mL of saline`, `100 mL 0.9% normal saline`.
        var product = isWord(end, "of") ? end + 1 : end
        if isNumber(product), isSymbol(product + 1, "%") { product += 2 }
        if isWord(product, "normal") || isWord(product, "sterile") { product += 1 }
        if isWord(product, DoseReader.diluents), !isPlaceboSentence(i) { return false }
        if opensDescription { return true }
        if isWord(end, "of") {
            // `received 100 mL of saline`: the volume is the object of a dosing verb. `3 injections of 10 cc of
            // autologous Platelet Rich Plasma`: the amount of each administration, where the sentence gives no
            // other amount (`one injection of 1 ml of ligelizumab 120 mg/1 ml` is a dose of 120 mg).
            var k = i - 1
            while k >= 0, i - k <= 3, isWord(k, DoseReader.volumeDeterminers) { k -= 1 }
            if isWord(k, DoseReader.dosingVerbs) { return true }
            return isWord(k, DoseReader.administrationNouns) && !statesOtherAmount(around: i, volumeEnd: end)
        }
        // A bare volume needs an administration next to it: `0.5 mL intramuscular injection`.
        for k in max(0, i - 3)..<min(count, end + 3) where (k < i || k >= end) && isWord(k, DoseReader.administrationWords) {
            return true
        }
        return false
    }

    /// Whether a sentence with specimen words names a specimen, rather than only a product given that is made
    /// of one (`convalescent plasma`, `platelet-rich plasma`, `plasma transfusions`). Long sentences are taken
    /// at their word, so that the look stays bounded.
    private func namesSpecimen(_ sentence: Range<Int>) -> Bool {
        guard sentence.count <= 200 else { return true }
        for k in sentence where tokens[k].tags.contains(.specimen) {
            let product = isWord(k, "plasma", "serum")
                && (isWord(k - 1, DoseReader.productModifiers) || isSymbol(k - 1, "-") && isWord(k - 2, DoseReader.productModifiers)
                    || isWord(k + 1, DoseReader.transfusionWords))
            if !product { return true }
        }
        return false
    }

    /// An amount other than a volume within a few words of the volume at `i`: `1 ml of ligelizumab 120 mg`.
    private func statesOtherAmount(around i: Int, volumeEnd: Int) -> Bool {
        for k in max(0, i - 12)..<min(count, volumeEnd + 12) where (k < i || k >= volumeEnd) && sameSentence(k, i) {
            guard isNumber(k), let u = at(k + 1), u.isWord, let base = Doses.baseUnits[u.hash] else { continue }
            if !Doses.isVolumeUnit(base) { return true }
        }
        return false
    }

    /// A sentence naming a placebo or control, whose saline or water is the product given.
    private func isPlaceboSentence(_ i: Int) -> Bool {
        for k in window(around: i) where isWord(k, DoseReader.placeboWords) { return true }
        return false
    }

    /// `per dose`, `/dose`, `per nostril`, `per challenge` within a few words after a unit.
    private func perAdministrationFollows(_ i: Int) -> Bool {
        var j = i
        // Up to the next amount: `56 Gy … using 2 Gy per dose` says nothing of the 56 Gy.
        while j < count, j - i < 8, sameSentence(j, i), !(isNumber(j) && isUnitAfter(j + 1)) {
            if isSymbol(j, "/") || isWord(j, "per"), isWord(j + 1, Doses.perAdministration) { return true }
            j += 1
        }
        return false
    }

    /// A sentence reporting what was done before: `doses up to 10mg/kg/day have been given (by us)`.
    func isReportedExperience(_ i: Int) -> Bool {
        // `been` first: one spelling to compare at most tokens, where `have`, `has` and `had` are three.
        for k in window(around: i) where isWord(k + 1, "been") && isWord(k, "have", "has", "had")
            && isWord(k + 2, DoseReader.reportedParticiples)
        {
            return true
        }
        return false
    }
}