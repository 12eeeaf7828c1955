// The registry's enumerations, each with its API v2 codes and its legacy spellings.

/// The type of a study (v2 `StudyType`). Legacy "Observational [Patient Registry]" is observational with `patientRegistry` set; legacy "N/A" (redacted records) is kept as unknown.
public enum StudyType: String, RegistryCode {
    case expandedAccess = "EXPANDED_ACCESS"
    case interventional = "INTERVENTIONAL"
    case observational = "OBSERVATIONAL"

    public var legacyLabel: String {
        switch self {
        case .expandedAccess: "Expanded Access"
        case .interventional: "Interventional"
        case .observational: "Observational"
        }
    }

    public static let aliases: [String: StudyType] = [
        "OBSERVATIONALPATIENTREGISTRY": .observational,
    ]
}

/// A trial phase (v2 `Phase`). Legacy "Phase 1/Phase 2" is the two phases PHASE1 and PHASE2; classic JSON says "Not Applicable" for N/A.
public enum Phase: String, RegistryCode {
    case notApplicable = "NA"
    case earlyPhase1 = "EARLY_PHASE1"
    case phase1 = "PHASE1"
    case phase2 = "PHASE2"
    case phase3 = "PHASE3"
    case phase4 = "PHASE4"

    public var legacyLabel: String {
        switch self {
        case .notApplicable: "N/A"
        case .earlyPhase1: "Early Phase 1"
        case .phase1: "Phase 1"
        case .phase2: "Phase 2"
        case .phase3: "Phase 3"
        case .phase4: "Phase 4"
        }
    }

    public static let aliases: [String: Phase] = [
        // Classic JSON spells the legacy "N/A" out.
        "NOTAPPLICABLE": .notApplicable,
        "PHASE0": .earlyPhase1,
        "EARLYPHASEI": .earlyPhase1,
        "PHASEI": .phase1,
        "PHASEII": .phase2,
        "PHASEIII": .phase3,
        "PHASEIV": .phase4,
    ]
}

/// How participants are allocated to arms (v2 `DesignAllocation`).
public enum Allocation: String, RegistryCode {
    case randomized = "RANDOMIZED"
    case nonRandomized = "NON_RANDOMIZED"
    case notApplicable = "NA"

    public var legacyLabel: String {
        switch self {
        case .randomized: "Randomized"
        case .nonRandomized: "Non-Randomized"
        case .notApplicable: "N/A"
        }
    }
}

/// The interventional study model (v2 `InterventionalAssignment`).
public enum InterventionModel: String, RegistryCode {
    case singleGroup = "SINGLE_GROUP"
    case parallel = "PARALLEL"
    case crossover = "CROSSOVER"
    case factorial = "FACTORIAL"
    case sequential = "SEQUENTIAL"

    public var legacyLabel: String {
        switch self {
        case .singleGroup: "Single Group Assignment"
        case .parallel: "Parallel Assignment"
        case .crossover: "Crossover Assignment"
        case .factorial: "Factorial Assignment"
        case .sequential: "Sequential Assignment"
        }
    }

    public static let aliases: [String: InterventionModel] = [
        "SINGLEGROUP": .singleGroup,
    ]
}

/// The primary purpose of an interventional study (v2 `PrimaryPurpose`).
public enum PrimaryPurpose: String, RegistryCode {
    case treatment = "TREATMENT"
    case prevention = "PREVENTION"
    case diagnostic = "DIAGNOSTIC"
    case ect = "ECT"
    case supportiveCare = "SUPPORTIVE_CARE"
    case screening = "SCREENING"
    case healthServicesResearch = "HEALTH_SERVICES_RESEARCH"
    case basicScience = "BASIC_SCIENCE"
    case deviceFeasibility = "DEVICE_FEASIBILITY"
    case other = "OTHER"

    public var legacyLabel: String {
        switch self {
        case .treatment: "Treatment"
        case .prevention: "Prevention"
        case .diagnostic: "Diagnostic"
        case .ect: "Educational/Counseling/Training"
        case .supportiveCare: "Supportive Care"
        case .screening: "Screening"
        case .healthServicesResearch: "Health Services Research"
        case .basicScience: "Basic Science"
        case .deviceFeasibility: "Device Feasibility"
        case .other: "Other"
        }
    }
}

/// The masking level (v2 `DesignMasking`). Legacy strings such as "Triple (Participant, Care Provider, Investigator)" carry the level before the parenthesis.
public enum Masking: String, RegistryCode {
    case none = "NONE"
    case single = "SINGLE"
    case double = "DOUBLE"
    case triple = "TRIPLE"
    case quadruple = "QUADRUPLE"

    public var legacyLabel: String {
        switch self {
        case .none: "None (Open Label)"
        case .single: "Single"
        case .double: "Double"
        case .triple: "Triple"
        case .quadruple: "Quadruple"
        }
    }

    public static let aliases: [String: Masking] = [
        "NONE": .none,
        "OPENLABEL": .none,
        "NONEOPENLABEL": .none,
        "SINGLEBLIND": .single,
        "DOUBLEBLIND": .double,
        "TRIPLEBLIND": .triple,
        "QUADRUPLEBLIND": .quadruple,
    ]
}

/// A party kept unaware of the assignment (v2 `WhoMasked`).
public enum WhoMasked: String, RegistryCode {
    case participant = "PARTICIPANT"
    case careProvider = "CARE_PROVIDER"
    case investigator = "INVESTIGATOR"
    case outcomesAssessor = "OUTCOMES_ASSESSOR"

    public var legacyLabel: String {
        switch self {
        case .participant: "Participant"
        case .careProvider: "Care Provider"
        case .investigator: "Investigator"
        case .outcomesAssessor: "Outcomes Assessor"
        }
    }

    public static let aliases: [String: WhoMasked] = [
        "SUBJECT": .participant,
        "CAREGIVER": .careProvider,
    ]
}

/// The observational study model (v2 `ObservationalModel`).
public enum ObservationalModel: String, RegistryCode {
    case cohort = "COHORT"
    case caseControl = "CASE_CONTROL"
    case caseOnly = "CASE_ONLY"
    case caseCrossover = "CASE_CROSSOVER"
    case ecologicOrCommunity = "ECOLOGIC_OR_COMMUNITY"
    case familyBased = "FAMILY_BASED"
    case definedPopulation = "DEFINED_POPULATION"
    case naturalHistory = "NATURAL_HISTORY"
    case other = "OTHER"

    public var legacyLabel: String {
        switch self {
        case .cohort: "Cohort"
        case .caseControl: "Case-Control"
        case .caseOnly: "Case-Only"
        case .caseCrossover: "Case-Crossover"
        case .ecologicOrCommunity: "Ecologic or Community"
        case .familyBased: "Family-Based"
        case .definedPopulation: "Defined Population"
        case .naturalHistory: "Natural History"
        case .other: "Other"
        }
    }
}

/// The time perspective of an observational study (v2 `DesignTimePerspective`).
public enum TimePerspective: String, RegistryCode {
    case retrospective = "RETROSPECTIVE"
    case prospective = "PROSPECTIVE"
    case crossSectional = "CROSS_SECTIONAL"
    case other = "OTHER"

    public var legacyLabel: String {
        switch self {
        case .retrospective: "Retrospective"
        case .prospective: "Prospective"
        case .crossSectional: "Cross-Sectional"
        case .other: "Other"
        }
    }
}

/// Whether biospecimens are retained (v2 `BioSpecRetention`).
public enum BioSpecRetention: String, RegistryCode {
    case noneRetained = "NONE_RETAINED"
    case samplesWithDNA = "SAMPLES_WITH_DNA"
    case samplesWithoutDNA = "SAMPLES_WITHOUT_DNA"

    public var legacyLabel: String {
        switch self {
        case .noneRetained: "None Retained"
        case .samplesWithDNA: "Samples With DNA"
        case .samplesWithoutDNA: "Samples Without DNA"
        }
    }
}

/// How an observational population is sampled (v2 `SamplingMethod`).
public enum SamplingMethod: String, RegistryCode {
    case probabilitySample = "PROBABILITY_SAMPLE"
    case nonProbabilitySample = "NON_PROBABILITY_SAMPLE"

    public var legacyLabel: String {
        switch self {
        case .probabilitySample: "Probability Sample"
        case .nonProbabilitySample: "Non-Probability Sample"
        }
    }
}

/// The sexes eligible (v2 `Sex`); legacy "Both" means all.
public enum Sex: String, RegistryCode {
    case all = "ALL"
    case female = "FEMALE"
    case male = "MALE"

    public var legacyLabel: String {
        switch self {
        case .all: "All"
        case .female: "Female"
        case .male: "Male"
        }
    }

    public static let aliases: [String: Sex] = [
        "BOTH": .all,
    ]
}

/// An age group (v2 `StandardAge`).
public enum StandardAge: String, RegistryCode {
    case child = "CHILD"
    case adult = "ADULT"
    case olderAdult = "OLDER_ADULT"

    public var legacyLabel: String {
        switch self {
        case .child: "Child"
        case .adult: "Adult"
        case .olderAdult: "Older Adult"
        }
    }
}
