/// Classes of words that rules ask about a whole sentence: "is it about assessments rather than dosing?",
/// "does it follow patients up?", "is it about a specimen?".
public struct WordTags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `assess`, `visit`, `biopsy`, `sample`: the sentence describes assessments.
    public static let assessment = WordTags(rawValue: 1 << 0)
    /// `followed`, `observed`, `monitored`: follow-up or observation, not dosing.
    public static let observation = WordTags(rawValue: 1 << 1)
    /// `dose`, `administered`, `infusion`, `receive`: the sentence describes dosing.
    public static let dosing = WordTags(rawValue: 1 << 2)
    /// `follow-up`, `follow up` nouns and `followup`.
    public static let followUp = WordTags(rawValue: 1 << 3)
    /// `total`, `cumulative`: totals over a course, which are not per-administration doses.
    public static let total = WordTags(rawValue: 1 << 4)
    /// Blood, urine and sample words, whose volumes are draws, not doses.
    public static let specimen = WordTags(rawValue: 1 << 5)
    /// A route that infusions can take other than a vein (`intratumoral`, `intraperitoneal`, `Ommaya`).
    public static let otherInfusionRoute = WordTags(rawValue: 1 << 6)
}

/// What the lexicon knows about one word: its classes, its reading as a number, an ordinal or a unit, and
/// the rules (one bit each) whose statements can start at it.
struct LexiconEntry: Sendable {
    var tags: WordTags = []
    var number: Int16 = 0
    var ordinal: Int8 = 0
    var timeUnit: UInt8 = 0
    var shortTimeUnit: UInt8 = 0
    var triggers: UInt64 = 0
    /// The rules whose numbers need a word like this one in the field (`RuleTriggers.numbersNeedOneOf`).
    var opensNumbers: UInt64 = 0
    /// `between`, where the grammar reads a range of durations (`GrammarReadings`).
    var startsReading = false
    /// A word of the headings of excluded sections (`FieldText.excludedHeadingWords`): a field without one
    /// has none.
    var headsExcludedSection = false
}

/// Everything looked up about a token while a field is lexed, in one table per extractor: the lexicon's
/// entries merged with the rules' trigger words, so that each word costs one probe.
struct Vocabulary: Sendable {
    let words: WordTable<LexiconEntry>
    /// The rules that numbers (in digits or words) can start.
    let numberTriggers: UInt64
    /// The rules that numbers start in any field; the others' numbers need one of their words
    /// (`LexiconEntry.opensNumbers`).
    let ungatedNumberTriggers: UInt64
    /// How many rules the trigger bits stand for.
    let ruleCount: Int
    /// For each ASCII symbol byte, the rules it starts; `±`, `>=` and `<=` are 256, 257, 258.
    let symbolTriggers: [UInt64]

    init(
        ruleCount: Int = 0, triggerWords: [String: UInt64] = [:], numberTriggers: UInt64 = 0,
        numberGateWords: [String: UInt64] = [:], ungatedNumberTriggers: UInt64 = 0, symbolTriggers: [UInt64] = []
    ) {
        var merged: [UInt64: LexiconEntry] = [:]
        for (hash, entry) in Lexicon.entries { merged[hash] = entry }
        for (word, bits) in triggerWords { merged[Word(word).hash, default: LexiconEntry()].triggers |= bits }
        for (word, bits) in numberGateWords { merged[Word(word).hash, default: LexiconEntry()].opensNumbers |= bits }
        merged[Word("between").hash, default: LexiconEntry()].startsReading = true
        for word in FieldText.excludedHeadingWordList {
            merged[Word(word).hash, default: LexiconEntry()].headsExcludedSection = true
        }
        words = WordTable(merged.map { ($0.key, $0.value) })
        self.ruleCount = ruleCount
        self.numberTriggers = numberTriggers
        self.ungatedNumberTriggers = ungatedNumberTriggers
        self.symbolTriggers = symbolTriggers.isEmpty ? [UInt64](repeating: 0, count: 259) : symbolTriggers
    }

    /// The lexicon alone, with no rules to start.
    static let plain = Vocabulary()

    /// The rules a symbol token starts, from `symbolTriggers` (259 entries).
    @inline(__always) static func triggers(ofSymbol hash: UInt64, in symbolTriggers: UnsafeBufferPointer<UInt64>) -> UInt64 {
        switch hash {
        case 0..<256: symbolTriggers[Int(hash)]
        case Token.plusMinus: symbolTriggers[256]
        case Token.greaterOrEqual: symbolTriggers[257]
        case Token.lessOrEqual: symbolTriggers[258]
        default: 0
        }
    }
}

/// The counts of a `Vocabulary` the lexer's loop reads, apart from its tables.
struct VocabularyCounts {
    let ruleCount: Int
    let numberTriggers: UInt64
    let ungatedNumberTriggers: UInt64
}

/// The words rules ask about by class.
enum Lexicon {
    /// Every word the lexicon knows, by hash.
    static let entries: [(UInt64, LexiconEntry)] = {
        var merged: [String: LexiconEntry] = [:]
        for (word, tag) in taggedWords { merged[word, default: LexiconEntry()].tags.formUnion(tag) }
        for (word, n) in Numbers.wordList { merged[word, default: LexiconEntry()].number = Int16(n) }
        for (word, n) in Numbers.ordinalList { merged[word, default: LexiconEntry()].ordinal = Int8(n) }
        for (word, u) in Durations.nounUnitList { merged[word, default: LexiconEntry()].timeUnit = TimeUnitCode.code(u) }
        for (word, u) in Durations.shortUnitList {
            merged[word, default: LexiconEntry()].shortTimeUnit = TimeUnitCode.code(u)
        }
        return merged.map { (Word($0.key).hash, $0.value) }
    }()

    static let taggedWords: [(String, WordTags)] = {
        var pairs: [(String, WordTags)] = []
        func add(_ tag: WordTags, _ words: [String]) { pairs += words.map { ($0, tag) } }
        add(.assessment, [
            "assess", "assessed", "assessment", "assessments", "evaluate", "evaluated", "evaluation", "evaluations",
            "visit", "visits", "biopsy", "biopsies", "sample", "samples", "sampling", "sampled", "collected",
            "collection", "measured", "measurement", "measurements", "scan", "scans", "imaging", "examination",
            "examinations", "examined", "test", "tests", "tested", "questionnaire", "questionnaires",
            "aspirate", "aspiration", "mri", "ct", "pet", "endoscopy", "evaluable", "response", "checked", "check",
            "ultrasound", "mammogram", "scored", "score", "scores", "tnss", "pnif", "spt",
            "recorded", "recording", "monitoring", "performed", "analysis", "analyzed", "analysed", "blood",
            "pharmacokinetic", "pharmacokinetics", "pk", "timepoint", "timepoints", "outcome", "endpoint",
            "survey", "interview", "interviews", "diary", "record", "records", "reassessment", "reassessed", "reevaluation", "reevaluated",
        ])
        add(.observation, [
            "followed", "follow", "follows", "observed", "observation", "monitored", "hospitalized", "hospitalised",
            "stay", "remain", "remains", "enrolled", "participate", "participation", "tracked", "contacted", "kept",
            "stored", "retained", "archived", "monitor", "admitted", "hospital", "inpatient", "see", "seen",
            "call", "calls", "telephone", "phone",
        ])
        add(.followUp, ["followup"])
        add(.dosing, [
            "dose", "doses", "dosing", "dosed", "administer", "administered", "administration", "administrations",
            "give", "given", "giving", "receive", "received", "receives", "receiving", "infusion", "infusions",
            "infused", "injection", "injections", "injected", "inject", "treated",
            "take", "takes", "taking", "orally", "intravenously", "subcutaneously", "intramuscularly",
            "tablet", "tablets", "capsule", "capsules", "mg", "daily", "weekly", "applied", "application",
            "applications", "vaccination", "vaccinations", "fraction", "fractions", "bolus", "treat",
        ])
        add(.otherInfusionRoute, [
            "intratumoral", "intratumorally", "intratumoural", "intracerebroventricular", "intraventricular",
            "intraventricularly", "ommaya", "intraperitoneal", "intraperitoneally", "intraarterial", "intravesical",
            "intrapleural", "intralesional", "epidural", "intracerebral", "intrahepatic", "intracavitary",
            "intradermal",
        ])
        add(.total, ["total", "cumulative", "totaling", "totalling"])
        add(.specimen, [
            "blood", "urine", "sample", "samples", "sampling", "draw", "draws", "drawn", "specimen", "specimens",
            "serum", "plasma", "tablespoon", "tablespoons", "teaspoon", "teaspoons", "saliva", "sputum", "stool",
            "lavage", "aspirate", "biopsy", "csf", "volume",
        ])
        return pairs
    }()
}
