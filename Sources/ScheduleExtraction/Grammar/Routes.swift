import ScheduleModel

/// Route words, and the words around them that change their reading.
enum Routes {
    static let rateWords = WordSet(["bid", "tid", "qd", "qid", "daily", "qdaily", "once", "twice", "bd"])
    /// Words that name a route whatever their case.
    static let words = WordMap(wordList)
    static let wordList: [(String, Route)] = [
        ("intravenous", .intravenous), ("intravenously", .intravenous), ("ivpb", .intravenous),
        ("ivgtt", .intravenous), ("intravenos", .intravenous),
        ("oral", .oral), ("orally", .oral), ("peroral", .oral), ("perorally", .oral),
        ("subcutaneous", .subcutaneous), ("subcutaneously", .subcutaneous), ("subq", .subcutaneous),
        ("subcutaneus", .subcutaneous),
        ("intramuscular", .intramuscular), ("intramuscularly", .intramuscular),
        ("intrathecal", .intrathecal), ("intrathecally", .intrathecal),
        ("intravitreal", .intravitreal), ("intravitreally", .intravitreal),
        ("intratumoral", .intratumoral), ("intratumorally", .intratumoral), ("intratumoural", .intratumoral),
        ("intratumourally", .intratumoral),
        ("inhaled", .inhaled), ("inhalation", .inhaled), ("inhalational", .inhaled), ("nebulized", .inhaled),
        ("nebulised", .inhaled), ("inhaler", .inhaled),
        ("topical", .topical), ("topically", .topical), ("epicutaneous", .topical), ("epicutaneously", .topical),
        ("transdermal", .transdermal), ("transdermally", .transdermal),
        ("intranasal", .intranasal), ("intranasally", .intranasal), ("nasally", .intranasal),
        ("intraarticular", .intraArticular), ("intraarticularly", .intraArticular),
        ("intravesical", .intravesical), ("intravesically", .intravesical),
        ("rectally", .rectal), ("sublingual", .sublingual), ("sublingually", .sublingual),
    ]

    /// Abbreviations that name a route only in capitals (`IV`, `PO`, `SC`).
    static let capitalAbbreviations = WordMap(capitalAbbreviationList)
    static let capitalAbbreviationList: [(String, Route)] = [
        ("iv", .intravenous), ("po", .oral), ("sc", .subcutaneous), ("sq", .subcutaneous), ("im", .intramuscular),
        ("it", .intrathecal), ("ivp", .intravenous), ("ivt", .intravitreal), ("sl", .sublingual),
    ]

    /// What may follow `oral` without it being a route: the mouth as a place or a subject.
    static let oralNotRoute = WordSet([
        "mucositis", "cavity", "cavities", "health", "hygiene", "cancer", "cancers", "carcinoma", "carcinomas",
        "lesion", "lesions", "presentation", "presentations", "mucosa", "mucosal", "surgery", "surgeon", "disease",
        "diseases", "care", "pain", "glucose", "contraceptive", "contraceptives", "intake", "squamous",
        "microbiome", "microbiota", "flora", "examination", "exam", "lichen", "ulcer", "ulcers", "ulceration",
        "submucous", "leukoplakia", "tolerance", "feeding", "nutrition", "nutritional", "medicine", "function",
        "communication", "history", "status", "region", "tissue", "tissues", "candidiasis", "thrush", "motor",
        "language", "consent", "informed", "report", "reports", "interview", "questionnaire", "rinse", "swab",
        "swabs", "bacteria", "bacterial", "cavity", "potentially", "premalignant", "tongue", "microbial",
        "mucous", "epithelial", "dysplasia", "tumor", "tumors", "tumour", "tumours", "opmd", "sex", "temperature",
        "anticoagulant", "anticoagulants", "anticoagulation", "steroids", "steroid", "corticosteroids",
    ])
    /// What may come before `IV` for it to be a roman numeral.
    static let romanContext = WordSet([
        "stage", "stages", "phase", "phases", "grade", "grades", "type", "types", "class", "classes", "arm", "arms",
        "group", "groups", "cohort", "cohorts", "part", "parts", "level", "levels", "registration", "objective",
        "objectives", "nyha", "category", "step", "steps", "period", "section",
        "schedule", "regimen", "figure", "table", "appendix", "study", "protocol", "visit", "chapter", "block",
        "cycle", "course", "tier", "degree", "gold", "cin", "who", "ctcae", "form", "birads", "pirads",
        "collagen", "factor", "mode", "line", "complex", "hcv", "gt", "genotype", "iii", "ii",
    ])
    /// Routes that replace intravenous as the reading of `infusion` in the same field.
    static let otherInfusionRoutes = WordSet([
        "intratumoral", "intratumorally", "intratumoural", "intracerebroventricular", "intraventricular",
        "intraventricularly", "ommaya", "intraperitoneal", "intraperitoneally", "intraarterial", "arterial",
        "intravesical", "intrapleural", "intralesional", "epidural", "intracerebral", "intrahepatic", "intracavitary",
        "intrathecal", "intrathecally", "subcutaneous", "hepatic", "perfusion", "isolated", "intradermal",
    ])
    static let infusionWords = WordSet(["infusion", "infusions", "infused", "infuse", "infusing"])
}

extension FieldText {
    /// A route at `i` and where its words end: `intravenously`, `IV`, `I.V.`, `IV push`, `by mouth`,
    /// `by vein`, `nasal spray`, `intra-articular`, `infusion` (intravenous, unless another route qualifies
    /// it or the field gives another route for infusions).
    func route(at i: Int, fieldHasOtherInfusionRoute: Bool) -> Parsed<Route>? {
        let t = tokens[i]
        guard t.isWord else { return nil }
        if let r = Routes.words[t.hash] {
            // `inhalation` as a route, not breathing: `by inhalation`, `inhalation of`.
            if matches(t, "inhalation"), !isWord(i - 1, "by", "via", "per"), !isWord(i + 1, "of", "route", "administration") {
                return nil
            }
            if r == .oral, isWord(i + 1, Routes.oralNotRoute) || isSymbol(i + 1, "-") { return nil }
            if r == .oral, isWord(i - 1, "non") || isSymbol(i - 1, "-") { return nil }
            if r == .intravenous, isWord(i + 1, "contrast") || isWord(i + 1, "access") || isWord(i + 1, "line") {
                return nil
            }
            var end = i + 1
            if isWord(end, "infusion") || isWord(end, "injection") || isWord(end, "administration")
                || isWord(end, "immunotherapy")
            {
                end += 1
            }
            return Parsed(r, end: end)
        }
        // Dotted abbreviations: `i.v.`, `I.V.`, `p.o.`, `s.c.`, `i.m.`, `i.n.`, `i.t.`
        if t.end - t.start == 1, isSymbol(i + 1, "."), let second = at(i + 2), second.isWord, second.end - second.start == 1,
            second.attached, isSymbol(i + 3, "."), tokens[i + 1].attached
        {
            let pair = folded(i).lowercased() + folded(i + 2).lowercased()
            let route: Route? =
                switch pair {
                case "iv": .intravenous
                case "po": .oral
                case "sc", "sq": .subcutaneous
                case "im": .intramuscular
                case "in": .intranasal
                case "it": .intrathecal
                default: nil
                }
            if let route { return Parsed(route, end: i + 4) }
        }
        // `500mg po BID`: lower-case abbreviations next to a dose or a rate.
        if let r = Routes.capitalAbbreviations[t.hash], !t.flags.contains(.upper), r != .intrathecal, r != .sublingual,
            isNextToDoseOrRoute(i) || isWord(i + 1, Routes.rateWords)
        {
            return Parsed(r, end: i + 1)
        }
        if let r = Routes.capitalAbbreviations[t.hash], t.flags.contains(.upper) {
            if isAcronymDefinition(i) { return nil }
            if r == .intravenous, isRomanNumeral(i) { return nil }
            if r == .intrathecal, !isIntrathecalAbbreviation(i) { return nil }
            if r == .intramuscular || r == .sublingual || r == .intravitreal, !sentence(of: i).tags.contains(.dosing),
                !isNextToDoseOrRoute(i)
            {
                return nil
            }
            var end = i + 1
            if isWord(end, "push") || isWord(end, "infusion") || isWord(end, "bolus") || isWord(end, "injection")
                || isWord(end, "drip")
            {
                end += 1
            }
            return Parsed(r, end: end)
        }
        if matches(t, "iv"), isWord(i + 1, "infusion") || isWord(i + 1, "push") || isWord(i + 1, "bolus") {
            return Parsed(.intravenous, end: i + 2)
        }
        if matches(t, "by") || matches(t, "through") || matches(t, "via") || matches(t, "into") {
            // `by mouth`, `by vein`, `into a vein`, `through a needle in your vein`
            var j = i + 1
            if isWord(j, "a") || isWord(j, "the") || isWord(j, "your") { j += 1 }
            if isWord(j, "mouth"), matches(t, "by"), j == i + 1 { return Parsed(.oral, end: j + 1) }
            if isWord(j, "vein") || isWord(j, "veins") { return Parsed(.intravenous, end: j + 1) }
            if isWord(j, "needle"), isWord(j + 1, "in"), isWord(j + 2, "your") || isWord(j + 2, "a"), isWord(j + 3, "vein") {
                return Parsed(.intravenous, end: j + 4)
            }
            return nil
        }
        if matches(t, "swallow") || matches(t, "swallowed"), isWord(i + 1, "with") || isWord(i + 1, "whole") {
            return Parsed(.oral, end: i + 1)
        }
        if matches(t, "per"), isWord(i + 1, "os") { return Parsed(.oral, end: i + 2) }
        if matches(t, "under"), isWord(i + 1, "the", "their", "your"), isWord(i + 2, "skin") {
            return Parsed(.subcutaneous, end: i + 3)
        }
        if matches(t, "nasal"), isWord(i + 1, "spray") || isWord(i + 1, "sprays") || isWord(i + 1, "challenge")
            || isWord(i + 1, "challenges") || isWord(i + 1, "drops")
        {
            return Parsed(.intranasal, end: i + 2)
        }
        if matches(t, "intra"), isSymbol(i + 1, "-"), let next = at(i + 2) {
            if matches(next, "articular") || matches(next, "articularly") { return Parsed(.intraArticular, end: i + 3) }
            if matches(next, "venous") || matches(next, "venously") { return Parsed(.intravenous, end: i + 3) }
            if matches(next, "muscular") || matches(next, "muscularly") { return Parsed(.intramuscular, end: i + 3) }
            if matches(next, "tumoral") || matches(next, "tumorally") || matches(next, "tumoural") {
                return Parsed(.intratumoral, end: i + 3)
            }
            if matches(next, "vitreal") { return Parsed(.intravitreal, end: i + 3) }
            if matches(next, "thecal") { return Parsed(.intrathecal, end: i + 3) }
            if matches(next, "vesical") { return Parsed(.intravesical, end: i + 3) }
            return nil
        }
        if matches(t, "sub"), isSymbol(i + 1, "-"), isWord(i + 2, "cutaneous") || isWord(i + 2, "cutaneously") {
            return Parsed(.subcutaneous, end: i + 3)
        }
        if matches(t, "rectal"),
            isWord(i + 1, "suppository") || isWord(i + 1, "suppositories") || isWord(i + 1, "administration")
                || isWord(i + 1, "enema") || isWord(i + 1, "route")
        {
            return Parsed(.rectal, end: i + 2)
        }
        if t.is(Routes.infusionWords), !fieldHasOtherInfusionRoute {
            // `subcutaneous infusion`, `hepatic arterial infusion`, `infusions (under their skin)`: another route.
            for k in max(0, i - 3)..<i where isWord(k, Routes.otherInfusionRoutes) { return nil }
            for k in (i + 1)..<min(count, i + 5) where isWord(k, "skin", "subcutaneous", "subcutaneously") { return nil }
            return Parsed(.intravenous, end: i + 1)
        }
        return nil
    }

    /// Whether the sentence of `i` names a route within 40 tokens of it: a sign that it describes dosing.
    func hasRoute(near i: Int) -> Bool {
        for k in window(around: i, radius: 40) where tokens[k].isWord {
            if route(at: k, fieldHasOtherInfusionRoute: false) != nil { return true }
        }
        return false
    }

    /// `IV` as a roman numeral: `stage IV`, `phase IV`, `III-IV`, or a list marker (`IV. Assess …`).
    func isRomanNumeral(_ i: Int) -> Bool {
        if isWord(i - 1, Routes.romanContext) { return true }
        // `III-IV`, `IIIB or IV`, `IV/V`
        for k in [i - 2, i + 2] where isRomanLike(k) {
            if isSymbol((i + k) / 2, "-") || isSymbol((i + k) / 2, "/") || isWord((i + k) / 2, "or", "and", "to") {
                return true
            }
        }
        if isSymbol(i + 1, "-"), let n = at(i + 2), n.attached, n.isWord || n.isNumber { return true }
        // A list marker at the start of a sentence or line: `IV. Assess`, `(IV)`.
        let s = sentence(of: i)
        let first = s.range.lowerBound
        if i == first || (i == first + 1 && isSymbol(first, "(")) {
            if isSymbol(i + 1, ".") || isSymbol(i + 1, ")") || isSymbol(i + 1, ":") { return true }
        }
        if tokens[i].lineBreaks > 0, isSymbol(i + 1, ".") || isSymbol(i + 1, ")") { return true }
        return false
    }

    /// `standard of care (SC)`, `Investigational Medicine (IM)`: an abbreviation in brackets defined by the
    /// initials of the words before it, not a route.
    func isAcronymDefinition(_ i: Int) -> Bool {
        guard isSymbol(i - 1, "("), isSymbol(i + 1, ")"), let t = at(i) else { return false }
        let letters = normalized.bytes[Int(t.start)..<Int(t.end)]
        var k = i - 2
        for letter in letters.reversed() {
            while isWord(k, "of", "the", "and") || isSymbol(k, "-") { k -= 1 }
            guard let w = at(k), w.isWord, Word.lowercase(normalized.bytes[Int(w.start)]) == Word.lowercase(letter),
                Routes.words[w.hash] == nil
            else { return false }
            k -= 1
        }
        return true
    }

    /// A capital roman numeral, possibly with a letter grade: `III`, `IIIB`, `V`.
    func isRomanLike(_ k: Int) -> Bool {
        guard let t = at(k), t.isWord, t.flags.contains(.upper), t.end - t.start <= 5 else { return false }
        let bytes = normalized.bytes[Int(t.start)..<Int(t.end)]
        var body = bytes[...]
        if let last = body.last, last == UInt8(ascii: "A") || last == UInt8(ascii: "B") || last == UInt8(ascii: "C"),
            body.count > 1
        {
            body = body.dropLast()
        }
        return body.allSatisfy { $0 == UInt8(ascii: "I") || $0 == UInt8(ascii: "V") || $0 == UInt8(ascii: "X") }
    }

    /// A capital abbreviation next to a dose unit or another route: `10,000 units/d IV or IM 15 - 24`.
    func isNextToDoseOrRoute(_ i: Int) -> Bool {
        for k in [i - 2, i - 1, i + 1, i + 2] {
            guard let t = at(k), t.isWord else { continue }
            if Routes.capitalAbbreviations[t.hash] != nil, t.flags.contains(.upper) { return true }
            if Doses.baseUnits[t.hash] != nil || Doses.perUnits[t.hash] != nil { return true }
        }
        return false
    }

    /// `IT` as intrathecal: in a dosing sentence, next to a dose or another route, never as the pronoun.
    func isIntrathecalAbbreviation(_ i: Int) -> Bool {
        guard sentence(of: i).tags.contains(.dosing) || isNumber(i + 1) || isNumber(i - 1) || isNextToDoseOrRoute(i)
        else { return false }
        if isWord(i + 1, "is") || isWord(i + 1, "was") || isWord(i + 1, "will") || isWord(i + 1, "has")
            || isWord(i + 1, "can") || isWord(i + 1, "may") || isWord(i + 1, "does")
        {
            return false
        }
        return true
    }
}
