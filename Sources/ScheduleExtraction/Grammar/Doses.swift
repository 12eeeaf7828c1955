import ScheduleModel

/// An amount read from text, with how it was written.
struct AmountReading {
    var amount: Amount
    /// Notes on the reading: a lost superscript, an `e` spelling.
    var notes: [String]
    /// The text wrote a power of ten (`10^8`, `million`, `1E8`, a lost superscript).
    var hasPower: Bool { amount.exponent != nil }
    /// The power was read from the export form that lost its superscript (`1 × 108`).
    var lostSuperscript: Bool
}

/// A dose unit read from text.
struct UnitReading {
    var unit: DoseUnit
    /// Powers of ten the unit carries (`MIU` is 10^6 IU).
    var exponent: Int
    /// Words between the amount and the unit that name the cells (`CAR-T`, `CD34+`, `mesenchymal stem`).
    var cellWords: Range<Int>?
    /// Where the unit's own text ends: `/kg` in `1 × 108/kg mesenchymal stem cells`, though `cells` comes
    /// later.
    var textEnd: Int
    /// A per-administration word was read and dropped (`per dose`, `/admin`, `per nostril`).
    var perAdministration: Bool
}

/// Dose units and the spellings of amounts with powers of ten.
enum Doses {
    static let baseUnits = WordMap(baseUnitList)
    static let baseUnitList: [(String, String)] = [
        ("mg", "mg"), ("milligram", "mg"), ("milligrams", "mg"), ("mgs", "mg"),
        ("g", "g"), ("gm", "g"), ("gms", "g"), ("gram", "g"), ("grams", "g"), ("gr", "g"),
        ("ug", "ug"), ("mcg", "ug"), ("microgram", "ug"), ("micrograms", "ug"), ("mcgs", "ug"),
        ("ng", "ng"), ("nanogram", "ng"), ("nanograms", "ng"),
        ("ml", "mL"), ("milliliter", "mL"), ("milliliters", "mL"), ("millilitre", "mL"), ("millilitres", "mL"),
        ("cc", "mL"), ("ul", "uL"), ("microliter", "uL"), ("microliters", "uL"), ("microlitre", "uL"),
        ("microlitres", "uL"),
        ("iu", "IU"), ("ius", "IU"), ("u", "U"), ("unit", "U"), ("units", "U"),
        ("gy", "Gy"), ("cgy", "cGy"), ("gray", "Gy"),
        ("mbq", "MBq"), ("gbq", "GBq"), ("mci", "mCi"), ("uci", "uCi"), ("millicurie", "mCi"), ("millicuries", "mCi"),
        ("microcurie", "uCi"), ("microcuries", "uCi"), ("megabecquerel", "MBq"), ("megabecquerels", "MBq"),
        ("gigabecquerel", "GBq"), ("gigabecquerels", "GBq"),
        ("mmol", "mmol"), ("meq", "mEq"),
        ("cells", "{cells}"), ("cell", "{cells}"),
        ("vg", "vg"), ("vp", "vp"), ("pfu", "PFU"), ("cfu", "CFU"), ("tcid50", "TCID50"), ("ffu", "FFU"),
    ]
    /// Units whose amount is a count, where a power of ten is the usual spelling.
    static let countUnits: Set<String> = ["{cells}", "vg", "vp", "PFU", "CFU", "TCID50", "FFU", "U", "IU"]
    /// Whether a base unit is a volume. Two short spellings compared as they are: hashing a string into a set
    /// costs more than both comparisons.
    static func isVolumeUnit(_ base: String) -> Bool { base == "mL" || base == "uL" }
    /// Whether a base unit is a radiation dose.
    static func isRadiationUnit(_ base: String) -> Bool { base == "Gy" || base == "cGy" }

    static let perUnits: WordMap<String> = WordMap([
        ("kg", "kg"), ("kilogram", "kg"), ("kilograms", "kg"), ("kgs", "kg"),
        ("sqm", "m2"), ("bsa", "m2"),
        ("d", "d"), ("day", "d"), ("days", "d"),
        ("h", "h"), ("hr", "h"), ("hrs", "h"), ("hour", "h"),
        ("wk", "wk"), ("week", "wk"),
    ])
    /// Per-administration words dropped from the unit: `mg/kg/dose` is `mg/kg`.
    static let perAdministration = WordSet([
        "dose", "admin", "administration", "time", "fraction", "fr", "fx", "injection", "infusion", "application",
        "treatment", "session", "cycle", "course", "nostril", "challenge", "vaccination",
    ])
    /// Denominators that make a concentration or a lab value, not a dose.
    static let concentrationDenominators = WordSet([
        "l", "dl", "ml", "ul", "mm", "liter", "litre", "mmol", "hpf", "cm", "mm3", "min", "minute", "g", "mg",
        "micro", "microliter", "nl", "cmm", "kgbw",
    ])
    /// Words that may stand between a count and `cells`.
    static let cellQualifiers = WordSet(cellQualifierList)
    static let cellQualifierList = [
        "car", "t", "cd34", "cd3", "cd19", "cd8", "cd4", "viable", "mesenchymal", "stem", "nucleated", "total",
        "nk", "til", "msc", "mscs", "tils", "modified", "transduced", "autologous", "allogeneic", "dendritic",
        "progenitor", "pbsc", "umbilical", "cord", "derived", "expanded", "engineered", "positive", "killer",
        "natural", "cik", "cytokine", "induced", "mononuclear", "bone", "marrow", "adipose", "of", "and", "-", "+",
    ]
    /// Count units after which a bare `10N` can only be a power of ten that lost its superscript.
    static let bareCountUnits = WordSet(["cfu", "pfu", "vg", "vp", "tcid50", "cells", "ffu", "organisms", "spores"])
    static let meters = WordSet(["meter", "metre", "meters", "metres", "m"])
    static let hourWords = WordSet(["h", "hr", "hrs", "hours", "hour"])
    static let magnitudes = WordMap(magnitudeList)
    static let magnitudeList: [(String, Int)] = [
        ("thousand", 3), ("million", 6), ("billion", 9), ("trillion", 12), ("mio", 6),
    ]
}

extension FieldText {
    /// An amount at `i`: `200`, `1.5`, `10,000`, `1 × 10^8`, `1x10(8)`, `10^8`, `10e8`, `2.5E9`, `10⁸`,
    /// `3 million`, and the export form that lost its superscript, `1 × 108`. Every reading of a power of ten
    /// says so in its notes.
    func amount(at i: Int) -> Parsed<AmountReading>? {
        guard let reading = plainOrPoweredAmount(at: i) else { return nil }
        guard reading.value.hasPower, reading.value.notes.isEmpty else { return reading }
        var noted = reading.value
        noted.notes = ["power-of-ten: read '\(originalText(i..<reading.end))' as \(noted.amount)"]
        return Parsed(noted, end: reading.end)
    }

    private func plainOrPoweredAmount(at i: Int) -> Parsed<AmountReading>? {
        guard let t = at(i), t.isNumber else { return nil }
        let mantissa = t.value
        var j = i + 1
        // `1E8`, `10e8`: an `e` glued between two numbers.
        if let e = at(j), e.isWord, e.attached, e.end - e.start == 1, matches(e, "e"),
            let x = signedExponent(at: j + 1, attached: true)
        {
            if mantissa == 10, t.isInteger {
                return Parsed(
                    AmountReading(amount: Amount(mantissa: 1, exponent: x.value),
                        notes: ["read '\(folded(i..<x.end))' as 10^\(x.value)"], lostSuperscript: false), end: x.end)
            }
            return Parsed(
                AmountReading(amount: Amount(mantissa: mantissa, exponent: x.value), notes: [], lostSuperscript: false),
                end: x.end)
        }
        // `10^8`, `10(8)` standing alone.
        if mantissa == 10, t.isInteger, let p = powerSuffix(at: j) {
            return Parsed(
                AmountReading(amount: Amount(mantissa: 1, exponent: p.value.exponent), notes: p.value.notes,
                    lostSuperscript: false), end: p.end)
        }
        // `1 × 10^8`, `5 x 10(6)`, `1 × 108`
        if let x = at(j), matches(x, "x") || x.isSymbol(UInt8(ascii: "*")), let p = power(at: j + 1) {
            return Parsed(
                AmountReading(amount: Amount(mantissa: mantissa, exponent: p.value.exponent), notes: p.value.notes,
                    lostSuperscript: p.value.lost), end: p.end)
        }
        // `109 CFU`, `106 cells`: the export lost the superscript of a count written without a mantissa.
        if t.isInteger, t.integerDigits == 3 || t.integerDigits == 4, !t.flags.contains(.grouped),
            let u = at(j), u.isWord, u.is(Doses.bareCountUnits)
        {
            let spelled = folded(i)
            if spelled.hasPrefix("10"), let exponent = Int(spelled.dropFirst(2)), exponent >= 6, exponent <= 19 {
                let note = "lost-superscript: read '\(spelled)' as 10^\(exponent)"
                return Parsed(
                    AmountReading(amount: Amount(mantissa: 1, exponent: exponent), notes: [note], lostSuperscript: true),
                    end: j)
            }
        }
        // `3 million`
        if let m = at(j), m.isWord, let e = Doses.magnitudes[m.hash] {
            j += 1
            return Parsed(AmountReading(amount: Amount(mantissa: mantissa, exponent: e), notes: [], lostSuperscript: false), end: j)
        }
        return Parsed(AmountReading(amount: Amount(mantissa), notes: [], lostSuperscript: false), end: i + 1)
    }

    /// `10^8`, `10(8)`, `10e8`, `10⁸` (folded to `10^8`), or the lost-superscript `108`, after a `×`.
    private func power(at i: Int) -> Parsed<(exponent: Int, notes: [String], lost: Bool)>? {
        guard let t = at(i), t.isInteger else { return nil }
        if t.value == 10, t.integerDigits == 2 {
            if let p = powerSuffix(at: i + 1) { return Parsed((p.value.exponent, p.value.notes, false), end: p.end) }
            if let e = at(i + 1), e.isWord, e.attached, matches(e, "e"), let x = signedExponent(at: i + 2, attached: true)
            {
                return Parsed((x.value, ["read '\(folded(i..<x.end))' as 10^\(x.value)"], false), end: x.end)
            }
            return nil
        }
        // The export lost the superscript: `108` is 10 followed by the exponent's digits.
        let digits = Int(t.integerDigits)
        guard digits == 3 || digits == 4, !t.flags.contains(.grouped) else { return nil }
        let spelled = folded(i)
        guard spelled.hasPrefix("10"), let exponent = Int(spelled.dropFirst(2)), exponent >= 3, exponent <= 19 else {
            return nil
        }
        return Parsed((exponent, ["lost-superscript: read '\(spelled)' as 10^\(exponent)"], true), end: i + 1)
    }

    /// After a `10`: `^8`, `^-3`, `(8)`.
    private func powerSuffix(at i: Int) -> Parsed<(exponent: Int, notes: [String])>? {
        if isSymbol(i, "^"), let x = signedExponent(at: i + 1, attached: false) { return Parsed((x.value, []), end: x.end) }
        if isSymbol(i, "("), let x = signedExponent(at: i + 1, attached: false), isSymbol(x.end, ")") {
            return Parsed((x.value, ["read '\(folded((i - 1)..<(x.end + 1)))' as 10^\(x.value)"]), end: x.end + 1)
        }
        return nil
    }

    /// An exponent of one or two digits, with an optional minus.
    private func signedExponent(at i: Int, attached: Bool) -> Parsed<Int>? {
        var j = i
        var sign = 1
        if isSymbol(j, "-") {
            sign = -1
            j += 1
        } else if isSymbol(j, "+") {
            j += 1
        }
        guard let t = at(j), let v = t.integer, t.integerDigits <= 2, !attached || t.attached else { return nil }
        return Parsed(sign * v, end: j + 1)
    }

    /// A dose unit at `i`: a base unit (`mg`, `µg`, `IU`, `Gy`, `cells`), then per-units (`/kg`, `/m²`,
    /// `per day`, `/24 h`); `nil` for concentrations (`mg/mL`, `x10^9/L`).
    func doseUnit(at i: Int, amountHasPower: Bool) -> Parsed<UnitReading>? {
        guard let t = at(i) else { return nil }
        var j = i
        var base: String
        var exponent = 0
        var cellWords: Range<Int>?
        if t.isWord, let b = Doses.baseUnits[t.hash] {
            // A lone `U` only in capitals (`10000 U`), not the start of a word or a list letter.
            if b == "U", t.end - t.start == 1, !t.flags.contains(.upper) { return nil }
            // `1246G > A`: a gene variant; grams are never a capital G glued to the number.
            if b == "g", t.flags.contains(.upper), t.attached { return nil }
            // `7G7/B6`, `CD3`, `51 GM-CSF`: a code, not a unit.
            if let next = at(j + 1), next.attached, next.isNumber || next.isWord { return nil }
            if isSymbol(j + 1, "-"), let w = at(j + 2), w.attached, w.isWord, tokens[j + 1].attached { return nil }
            base = b
            j += 1
            // `30 millicurie (mCi)`, `100 milliliters (mL)`: the unit restated as its abbreviation.
            if isSymbol(j, "("), let r = at(j + 1), r.isWord, Doses.baseUnits[r.hash] == b, isSymbol(j + 2, ")") { j += 3 }
        } else if matches(t, "international"), isWord(j + 1, "units") || isWord(j + 1, "unit") {
            base = "IU"
            j += 2
        } else if matches(t, "miu") {
            base = "IU"
            exponent = 6
            j += 1
        } else if matches(t, "j") || matches(t, "joules") {
            // Light fluence of photodynamic therapy: `25 J/cm2`.
            guard isSymbol(j + 1, "/"), isWord(j + 2, "cm"), let a = at(j + 3), a.isNumber, a.value == 2 else { return nil }
            let unit = UnitReading(
                unit: DoseUnit("J", per: ["cm2"]), exponent: 0, cellWords: nil, textEnd: j + 4, perAdministration: false)
            return Parsed(unit, end: j + 4)
        } else if amountHasPower {
            // Cells named by their kind (`CAR-T cells`, `CD34+ cells`), or no unit before `/kg`.
            var k = j
            while k < count, k - j < 6, let q = at(k), q.is(Doses.cellQualifiers) || q.isSymbol(UInt8(ascii: "+"))
                || q.isSymbol(UInt8(ascii: "-"))
            {
                k += 1
            }
            if isWord(k, "cells") || isWord(k, "cell") {
                if k > j { cellWords = j..<k }
                j = k + 1
            } else if !isSymbol(j, "/") {
                return nil
            }
            base = "{cells}"
        } else {
            return nil
        }
        var per: [String] = []
        var perAdministration = false
        var k = j
        while k < count, per.count < 3 {
            let m: Int
            if isSymbol(k, "/") || isWord(k, "per") { m = k + 1 } else { break }
            guard let u = at(m) else { break }
            if matches(u, "m"), let two = at(m + 1), two.isNumber, two.value == 2, two.attached {
                per.append("m2")
                k = m + 2
            } else if matches(u, "m"), isSymbol(m + 1, "^"), let two = at(m + 2), two.isNumber, two.value == 2 {
                per.append("m2")
                k = m + 3
            } else if matches(u, "square"), isWord(m + 1, Doses.meters) {
                per.append("m2")
                k = m + 2
            } else if matches(u, "body"), isWord(m + 1, "surface") {
                per.append("m2")
                k = isWord(m + 2, "area") ? m + 3 : m + 2
            } else if u.isNumber, u.value == 24, isWord(m + 1, Doses.hourWords) {
                per.append("d")
                k = m + 2
            } else if u.isWord, let p = Doses.perUnits[u.hash] {
                per.append(p)
                k = m + 1
                if p == "kg" {
                    if isWord(k, "body"), isWord(k + 1, "weight") {
                        k += 2
                    } else if isWord(k, "of"), isWord(k + 1, "body"), isWord(k + 2, "weight") {
                        k += 3
                    } else if isWord(k, "bw") {
                        k += 1
                    }
                }
            } else if per.last == "kg", isWord(m, "min", "minute") {
                // An infusion rate per kilogram: `0.5 ug/kg/min`.
                per.append("min")
                k = m + 1
            } else if u.isWord, Doses.perAdministration.contains(u.hash) {
                perAdministration = true
                k = m + 1
            } else if u.isWord, Doses.concentrationDenominators.contains(u.hash) {
                // `mg/mL`, `x10^9/L`, `g/dL`, `cells/mm3`: a concentration or a lab value.
                return nil
            } else {
                break
            }
        }
        // `0.5 g of absolute ethanol per kilogram of body weight`: the substance named before the per-unit.
        if per.isEmpty, base != "{cells}", isWord(k, "of") {
            var m = k + 1
            while m < count, m - k <= 4, let w = at(m), w.isWord, !matches(w, "per") { m += 1 }
            if isWord(m, "per"), isWord(m + 1, "kilogram", "kg") {
                per.append("kg")
                k = m + 2
                if isWord(k, "of"), isWord(k + 1, "body"), isWord(k + 2, "weight") { k += 3 }
            }
        }
        // `1 × 108/kg mesenchymal stem cells`: the cells are named after the unit.
        if base == "{cells}", cellWords == nil {
            var c = k
            while c < count, c - k < 5, let q = at(c), q.isWord, !matches(q, "cells"), !matches(q, "cell") { c += 1 }
            if isWord(c, "cells") || isWord(c, "cell") { cellWords = k..<(c + 1) }
        }
        let unit = UnitReading(
            unit: DoseUnit(base, per: per), exponent: exponent, cellWords: cellWords, textEnd: k,
            perAdministration: perAdministration)
        return Parsed(unit, end: k)
    }
}
