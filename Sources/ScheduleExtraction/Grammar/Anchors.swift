/// What a timepoint counts from, as the text says it: `after completion of treatment` is
/// `end-of-treatment`, `after the first dose` is `first-dose`, `after randomization` is `randomization`.
enum Anchors {
    static let determiners = WordSet(["all", "the", "his", "her", "their", "your", "each"])
    static let endWords = WordSet(["completion", "end", "completing", "finishing", "cessation", "discontinuation", "stopping"])
    static let startWords = WordSet(["starting", "start", "initiation", "beginning", "initiating", "commencing"])
    static let enrollmentWords = WordSet(["enrollment", "enrolment", "registration", "inclusion", "entry"])
    static let administrationEvents = WordSet(["administration", "infusion", "injection", "dosing", "challenge", "provocation", "exposure"])
    static let doseNouns = WordSet([
        "dose", "doses", "infusion", "infusions", "injection", "injections", "administration", "vaccination",
        "vaccinations", "treatment", "treatments", "application", "fraction",
    ])
    static let introducers = WordSet(introducerList)
    static let introducerList = ["after", "following", "from", "since", "post"]
    static let treatmentModifiers = WordSet([
        "preventive", "medical", "adjuvant", "neoadjuvant", "active", "systemic", "maintenance", "induction",
        "consolidation", "planned", "protocol", "initial", "combination", "concurrent", "preoperative",
        "postoperative", "intravenous", "oral",
    ])
    static let singleAdministrations = WordSet([
        "dose", "dosing", "infusion", "injection", "administration", "vaccination", "application", "instillation",
    ])
    static let transplant = WordSet([
        "transplant", "transplantation", "hct", "hsct", "bmt", "sct", "engraftment", "infusion", "reinfusion",
    ])
}

extension FieldText {
    /// The anchor named at `i` (`after completion of treatment`, `after the first dose`, `post-transplant`)
    /// and where its words end.
    func anchor(at i: Int) -> Parsed<String>? {
        guard isWord(i, Anchors.introducers) else { return nil }
        var j = i + 1
        if isSymbol(j, "-") { j += 1 }
        if isWord(j, Anchors.determiners) { j += 1 }
        if isWord(j, "study") { j += 1 }
        // `after the first dose`, `after the second vaccination`, `after the last infusion`
        // `after the initial treatment` is after the first dose.
        let ordinal = isWord(j, "initial") ? Parsed(1, end: j + 1) : ordinal(at: j)
        if let o = ordinal {
            var k = o.end
            if !isWord(k, "dose", "doses"), isWord(k + 1, Anchors.doseNouns) { k += 1 }
            if isWord(k, "of"), isWord(k + 1, "study", "trial") { k += 2 }
            guard isWord(k, Anchors.doseNouns) || isWord(k, "cycle", "course") else { return nil }
            if isWord(k, "cycle", "course") { return Parsed(o.value == -1 ? "end-of-treatment" : "cycle-start", end: k + 1) }
            switch o.value {
            case -1: return Parsed("end-of-treatment", end: k + 1)
            case 1: return Parsed("first-dose", end: k + 1)
            case 2: return Parsed("second-dose", end: k + 1)
            default: return Parsed("dose-\(o.value)", end: k + 1)
            }
        }
        // `after completion of treatment`, `after the end of treatment`, `after treatment completion`,
        // `after all treatments were completed`
        if isWord(j, Anchors.endWords) {
            var k = j + 1
            if isWord(k, "of") { k += 1 }
            if isWord(k, "the", "study", "all") { k += 1 }
            if isWord(k, "study", "trial"), isWord(k + 1, Anchors.doseNouns) { k += 1 }
            k = pastTreatmentModifiers(k)
            if isWord(k, Anchors.doseNouns) || isWord(k, "therapy", "chemotherapy", "radiotherapy") {
                return Parsed("end-of-treatment", end: k + 1)
            }
            return nil
        }
        if isWord(j, Anchors.doseNouns) || isWord(j, "therapy") {
            if isWord(j + 1, "completion", "end", "cessation") { return Parsed("end-of-treatment", end: j + 2) }
            if isWord(j + 1, "were", "was", "is", "are"), isWord(j + 2, "completed", "finished", "over") {
                return Parsed("end-of-treatment", end: j + 3)
            }
            if isWord(j + 1, "initiation", "start") { return Parsed("start-of-treatment", end: j + 2) }
            // `3 years after treatment.`: after the treatment as a whole.
            if isWord(j, "treatment", "therapy"), j == i + 1, at(j + 1).map({ !$0.isWord }) ?? true {
                return Parsed("end-of-treatment", end: j + 1)
            }
            // `2 hours after administration`, `30 minutes after the injection`, `after each dose`: after one
            // administration.
            if isWord(j, Anchors.singleAdministrations) { return Parsed("administration", end: j + 1) }
            return nil
        }
        // `after starting treatment`, `after the start of treatment`, `after initiation of therapy`
        if isWord(j, Anchors.startWords) {
            var k = j + 1
            if isWord(k, "of") { k += 1 }
            if isWord(k, "the", "study") { k += 1 }
            if isWord(k, "study") { k += 1 }
            k = pastTreatmentModifiers(k)
            if isWord(k, Anchors.doseNouns) || isWord(k, "therapy", "drug", "chemotherapy") {
                return Parsed("start-of-treatment", end: k + 1)
            }
            return nil
        }
        if isWord(j, "randomization", "randomisation", "randomized", "randomised") {
            return Parsed("randomization", end: j + 1)
        }
        if isWord(j, Anchors.enrollmentWords) {
            return Parsed("enrollment", end: j + 1)
        }
        if isWord(j, "admission", "hospitalization", "hospitalisation") { return Parsed("admission", end: j + 1) }
        if isWord(j, "discharge") { return Parsed("discharge", end: j + 1) }
        if isWord(j, "birth", "delivery") { return Parsed("birth", end: j + 1) }
        if isWord(j, Anchors.transplant) { return Parsed("transplant", end: j + 1) }
        if isWord(j, "surgery", "operation", "resection") { return Parsed("surgery", end: j + 1) }
        if isWord(j, "procedure") { return Parsed("procedure", end: j + 1) }
        if isWord(j, "baseline") { return Parsed("baseline", end: j + 1) }
        if isWord(j, "diagnosis") { return Parsed("diagnosis", end: j + 1) }
        // `after birch pollen extract administration`, `after the study drug infusion`
        var k = j
        while k < count, k - j < 4, let w = at(k), w.isWord, !w.is(Anchors.doseNouns), w.tags.isEmpty { k += 1 }
        if k > j, isWord(k, Anchors.administrationEvents) {
            return Parsed("administration", end: k + 1)
        }
        if isWord(j, "visit"), let code = at(j + 1), code.isWord, code.flags.contains(.upper), isNumber(j + 2) {
            return Parsed("visit \(folded((j + 1)..<(j + 3)))", end: j + 3)
        }
        return nil
    }

    /// Past up to two words qualifying a treatment noun: `start of preventive medical treatment`, `end of
    /// adjuvant therapy`. Returns where the noun should be.
    func pastTreatmentModifiers(_ k: Int) -> Int {
        var m = k
        while m < count, m - k < 2, let w = at(m), w.isWord, !w.is(Anchors.doseNouns), w.tags.isEmpty,
            !isWord(m, "therapy", "drug", "chemotherapy") && !isWord(m, "radiotherapy"),
            Anchors.treatmentModifiers.contains(w.hash) || isWord(m + 1, Anchors.doseNouns) || isWord(m + 1, "therapy")
        {
            m += 1
        }
        return isWord(m, Anchors.doseNouns) || isWord(m, "therapy", "drug", "chemotherapy") || isWord(m, "radiotherapy")
            ? m : k
    }

    /// The first anchor stated in the sentence of token `i`.
    func anchorInSentence(of i: Int) -> String? {
        for k in window(around: i) where isWord(k, Anchors.introducers) {
            if let a = anchor(at: k) { return a.value }
        }
        return nil
    }
}
