import RegistryModel

/// The values one element of the upload format takes, each with what it means in the record model.
///
/// The upload schema declares these elements `xs:string` and lists their values in comments beside them
/// (`<!-- Anticipated | Actual -->`); the PRS accepts only those values. The reader checks a value against
/// its element's vocabulary as part of schema validation, and the writer spells model values with it, so
/// both use one list. Matching ignores case and surrounding white space.
struct UploadTerms<Value: Hashable & Sendable>: Sendable {
    /// Each spelling the PRS accepts, in the order the schema lists them, with its meaning (`nil` when the
    /// model has no value for it).
    let terms: [(spelling: String, value: Value?)]
    /// Spellings the schema accepts as the same as a listed one ("Both == All"), never written.
    var aliases: [(spelling: String, value: Value)] = []

    /// What `text` means: `.some(nil)` for a listed spelling the model has no value for, `nil` for a
    /// spelling outside the vocabulary.
    func value(of text: String) -> Value?? {
        let key = UploadTerms.key(text)
        if let term = terms.first(where: { UploadTerms.key($0.spelling) == key }) { return .some(term.value) }
        if let alias = aliases.first(where: { UploadTerms.key($0.spelling) == key }) { return .some(alias.value) }
        return nil
    }

    /// The spelling of a model value, if the vocabulary has one.
    func spelling(of value: Value) -> String? {
        terms.first { $0.value == value }?.spelling
    }

    /// A message for a value of `element` outside the vocabulary.
    func outside(_ text: String, in element: String) -> String {
        "\"\(text.trimmingWhitespace())\" is not a value of <\(element)>; the upload schema lists "
            + terms.map(\.spelling).joined(separator: ", ")
    }

    private static func key(_ text: String) -> String { text.trimmingWhitespace().lowercased() }
}

extension UploadTerms where Value: RegistryCode {
    /// Terms whose meaning is the model code of the same legacy label, for vocabularies the upload
    /// format spells as legacy XML does.
    init(_ spellings: [String], aliases: [(spelling: String, value: Value)] = []) {
        self.terms = spellings.map { spelling in (spelling, Value(spelling: spelling)) }
        self.aliases = aliases
    }
}

/// The upload format's vocabularies, from the comments of ProtocolRecordSchema.xsd (2018.05.08).
///
/// Three values the schema's comments predate and the PRS has accepted since the FDAAA 801 Final Rule
/// (2017), as the Data Element Definitions list them, are added: the primary purpose
/// "Educational/Counseling/Training" and the intervention types "Combination Product" and
/// "Diagnostic Test".
enum UploadVocabulary {
    static let overallStatus = UploadTerms<OverallStatus>([
        "Not yet recruiting", "Recruiting", "Active, not recruiting", "Enrolling by invitation", "Completed",
        "Suspended", "Terminated", "Withdrawn",
    ])
    static let expandedAccessStatus = UploadTerms<OverallStatus>([
        "Available", "No longer available", "Temporarily not available", "Approved for marketing",
    ])
    static let dateType = UploadTerms<DateType>(["Anticipated", "Actual"])
    static let enrollmentType = UploadTerms<EnrollmentType>(["Anticipated", "Actual"])
    static let studyType = UploadTerms<StudyType>(["Interventional", "Observational", "Expanded Access"])
    static let primaryPurpose = UploadTerms<PrimaryPurpose>([
        "Treatment", "Prevention", "Diagnostic", "Basic Science", "Supportive Care", "Screening",
        "Health Services Research", "Device Feasibility", "Other", "Educational/Counseling/Training",
    ])
    static let phase = UploadTerms<[Phase]>(
        terms: [
            ("Early Phase 1", [.earlyPhase1]), ("Phase 1", [.phase1]), ("Phase 1/2", [.phase1, .phase2]),
            ("Phase 2", [.phase2]), ("Phase 2/3", [.phase2, .phase3]), ("Phase 3", [.phase3]), ("Phase 4", [.phase4]),
            ("N/A", [.notApplicable]),
        ],
        aliases: [("Phase 0", [.earlyPhase1])])
    static let interventionModel = UploadTerms<InterventionModel>([
        "Single Group Assignment", "Parallel Assignment", "Crossover Assignment", "Factorial Assignment",
        "Sequential Assignment",
    ])
    static let allocation = UploadTerms<Allocation>(["Randomized", "Non-randomized", "N/A"])
    static let observationalModel = UploadTerms<ObservationalModel>([
        "Cohort", "Case-Control", "Case-Only", "Case-Crossover", "Ecologic or Community", "Family-Based", "Other",
    ])
    static let bioSpecRetention = UploadTerms<BioSpecRetention>([
        "None Retained", "Samples With DNA", "Samples Without DNA",
    ])
    static let timePerspective = UploadTerms<TimePerspective>([
        "Retrospective", "Prospective", "Cross-Sectional", "Other",
    ])
    static let durationUnits = UploadTerms<String>(
        terms: ["Years", "Months", "Weeks", "Days"].map { (spelling: $0, value: Optional($0)) })
    static let armType = UploadTerms<ArmGroupType>([
        "Experimental", "Active Comparator", "Placebo Comparator", "Sham Comparator", "No Intervention", "Other",
    ])
    static let interventionType = UploadTerms<InterventionType>(
        terms: [
            ("Drug", .drug), ("Device", .device), ("Biological/Vaccine", .biological),
            ("Procedure/Surgery", .procedure), ("Radiation", .radiation), ("Behavioral", .behavioral),
            ("Genetic", .genetic), ("Dietary Supplement", .dietarySupplement), ("Other", .other),
            ("Combination Product", .combinationProduct), ("Diagnostic Test", .diagnosticTest),
        ])
    static let samplingMethod = UploadTerms<SamplingMethod>([
        "Probability Sample", "Non-Probability Sample",
    ])
    static let sex = UploadTerms<Sex>(["All", "Female", "Male"], aliases: [("Both", .all)])
    static let officialRole = UploadTerms<OfficialRole>([
        "Principal Investigator", "Study Chair", "Study Director",
    ])
    static let investigatorRole = UploadTerms<OfficialRole>(["Principal Investigator", "Sub-Investigator"])
    /// "No longer recruiting" is an upload spelling with no site status in the model.
    static let siteStatus = UploadTerms<RecruitmentStatus>(
        terms: [
            ("Not yet recruiting", .notYetRecruiting), ("Recruiting", .recruiting), ("No longer recruiting", nil),
            ("Active, not recruiting", .activeNotRecruiting), ("Enrolling by invitation", .enrollingByInvitation),
            ("Completed", .completed), ("Suspended", .suspended), ("Terminated", .terminated),
            ("Withdrawn", .withdrawn),
        ])
    static let responsiblePartyType = UploadTerms<ResponsiblePartyType>([
        "Sponsor", "Principal Investigator", "Sponsor-Investigator",
    ])
    static let yesNo = UploadTerms<Bool>(terms: [("yes", true), ("no", false)])
    /// `patient_registry` also takes true and false.
    static let yesNoTrueFalse = UploadTerms<Bool>(
        terms: [("yes", true), ("no", false), ("true", true), ("false", false)])
}
