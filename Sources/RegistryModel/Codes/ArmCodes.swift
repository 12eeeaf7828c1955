// The registry's enumerations, each with its API v2 codes and its legacy spellings.

/// The role of an arm (v2 `ArmGroupType`).
public enum ArmGroupType: String, RegistryCode {
    case experimental = "EXPERIMENTAL"
    case activeComparator = "ACTIVE_COMPARATOR"
    case placeboComparator = "PLACEBO_COMPARATOR"
    case shamComparator = "SHAM_COMPARATOR"
    case noIntervention = "NO_INTERVENTION"
    case other = "OTHER"

    public var legacyLabel: String {
        switch self {
        case .experimental: "Experimental"
        case .activeComparator: "Active Comparator"
        case .placeboComparator: "Placebo Comparator"
        case .shamComparator: "Sham Comparator"
        case .noIntervention: "No Intervention"
        case .other: "Other"
        }
    }
}

/// The type of an intervention (v2 `InterventionType`). The PRS upload vocabulary says "Biological/Vaccine" and "Procedure/Surgery".
public enum InterventionType: String, RegistryCode {
    case behavioral = "BEHAVIORAL"
    case biological = "BIOLOGICAL"
    case combinationProduct = "COMBINATION_PRODUCT"
    case device = "DEVICE"
    case diagnosticTest = "DIAGNOSTIC_TEST"
    case dietarySupplement = "DIETARY_SUPPLEMENT"
    case drug = "DRUG"
    case genetic = "GENETIC"
    case procedure = "PROCEDURE"
    case radiation = "RADIATION"
    case other = "OTHER"

    public var legacyLabel: String {
        switch self {
        case .behavioral: "Behavioral"
        case .biological: "Biological"
        case .combinationProduct: "Combination Product"
        case .device: "Device"
        case .diagnosticTest: "Diagnostic Test"
        case .dietarySupplement: "Dietary Supplement"
        case .drug: "Drug"
        case .genetic: "Genetic"
        case .procedure: "Procedure"
        case .radiation: "Radiation"
        case .other: "Other"
        }
    }

    public static let aliases: [String: InterventionType] = [
        "BIOLOGICALVACCINE": .biological,
        "PROCEDURESURGERY": .procedure,
        "GENE": .genetic,
    ]
}
