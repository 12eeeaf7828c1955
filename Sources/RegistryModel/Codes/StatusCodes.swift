// The registry's enumerations, each with its API v2 codes and its legacy spellings.

/// The overall recruitment status of a study (v2 `Status`).
public enum OverallStatus: String, RegistryCode {
    case activeNotRecruiting = "ACTIVE_NOT_RECRUITING"
    case completed = "COMPLETED"
    case enrollingByInvitation = "ENROLLING_BY_INVITATION"
    case notYetRecruiting = "NOT_YET_RECRUITING"
    case recruiting = "RECRUITING"
    case suspended = "SUSPENDED"
    case terminated = "TERMINATED"
    case withdrawn = "WITHDRAWN"
    case available = "AVAILABLE"
    case noLongerAvailable = "NO_LONGER_AVAILABLE"
    case temporarilyNotAvailable = "TEMPORARILY_NOT_AVAILABLE"
    case approvedForMarketing = "APPROVED_FOR_MARKETING"
    case withheld = "WITHHELD"
    case unknown = "UNKNOWN"

    public var legacyLabel: String {
        switch self {
        case .activeNotRecruiting: "Active, not recruiting"
        case .completed: "Completed"
        case .enrollingByInvitation: "Enrolling by invitation"
        case .notYetRecruiting: "Not yet recruiting"
        case .recruiting: "Recruiting"
        case .suspended: "Suspended"
        case .terminated: "Terminated"
        case .withdrawn: "Withdrawn"
        case .available: "Available"
        case .noLongerAvailable: "No longer available"
        case .temporarilyNotAvailable: "Temporarily not available"
        case .approvedForMarketing: "Approved for marketing"
        case .withheld: "Withheld"
        case .unknown: "Unknown status"
        }
    }
}

/// Whether a date has happened (v2 `DateType`); legacy "Anticipated" and "Estimate" both mean estimated.
public enum DateType: String, RegistryCode {
    case actual = "ACTUAL"
    case estimated = "ESTIMATED"

    public var legacyLabel: String {
        switch self {
        case .actual: "Actual"
        case .estimated: "Anticipated"
        }
    }

    public static let aliases: [String: DateType] = [
        "ESTIMATE": .estimated,
    ]
}

/// Whether an enrollment count is actual or estimated.
public enum EnrollmentType: String, RegistryCode {
    case actual = "ACTUAL"
    case estimated = "ESTIMATED"

    public var legacyLabel: String {
        switch self {
        case .actual: "Actual"
        case .estimated: "Anticipated"
        }
    }

    public static let aliases: [String: EnrollmentType] = [
        "ESTIMATE": .estimated,
    ]
}

/// The class of a sponsor or collaborator (v2 `AgencyClass`).
public enum AgencyClass: String, RegistryCode {
    case nih = "NIH"
    case fed = "FED"
    case otherGov = "OTHER_GOV"
    case indiv = "INDIV"
    case industry = "INDUSTRY"
    case network = "NETWORK"
    case ambig = "AMBIG"
    case other = "OTHER"
    case unknown = "UNKNOWN"

    public var legacyLabel: String {
        switch self {
        case .nih: "NIH"
        case .fed: "U.S. Fed"
        case .otherGov: "Other U.S. Federal agency"
        case .indiv: "Individual"
        case .industry: "Industry"
        case .network: "Network"
        case .ambig: "Ambiguous"
        case .other: "Other"
        case .unknown: "Unknown"
        }
    }

    public static let aliases: [String: AgencyClass] = [
        "USFED": .fed,
    ]
}

/// The recruitment status of one location (v2 `RecruitmentStatus`).
public enum RecruitmentStatus: String, RegistryCode {
    case activeNotRecruiting = "ACTIVE_NOT_RECRUITING"
    case completed = "COMPLETED"
    case enrollingByInvitation = "ENROLLING_BY_INVITATION"
    case notYetRecruiting = "NOT_YET_RECRUITING"
    case recruiting = "RECRUITING"
    case suspended = "SUSPENDED"
    case terminated = "TERMINATED"
    case withdrawn = "WITHDRAWN"
    case available = "AVAILABLE"

    public var legacyLabel: String {
        switch self {
        case .activeNotRecruiting: "Active, not recruiting"
        case .completed: "Completed"
        case .enrollingByInvitation: "Enrolling by invitation"
        case .notYetRecruiting: "Not yet recruiting"
        case .recruiting: "Recruiting"
        case .suspended: "Suspended"
        case .terminated: "Terminated"
        case .withdrawn: "Withdrawn"
        case .available: "Available"
        }
    }
}

/// Who is responsible for the record (v2 `ResponsiblePartyType`).
public enum ResponsiblePartyType: String, RegistryCode {
    case sponsor = "SPONSOR"
    case principalInvestigator = "PRINCIPAL_INVESTIGATOR"
    case sponsorInvestigator = "SPONSOR_INVESTIGATOR"

    public var legacyLabel: String {
        switch self {
        case .sponsor: "Sponsor"
        case .principalInvestigator: "Principal Investigator"
        case .sponsorInvestigator: "Sponsor-Investigator"
        }
    }
}

/// The role of an overall official or a contact (v2 `OfficialRole` plus `CONTACT`).
public enum OfficialRole: String, RegistryCode {
    case studyChair = "STUDY_CHAIR"
    case studyDirector = "STUDY_DIRECTOR"
    case principalInvestigator = "PRINCIPAL_INVESTIGATOR"
    case subInvestigator = "SUB_INVESTIGATOR"
    case contact = "CONTACT"

    public var legacyLabel: String {
        switch self {
        case .studyChair: "Study Chair"
        case .studyDirector: "Study Director"
        case .principalInvestigator: "Principal Investigator"
        case .subInvestigator: "Sub-Investigator"
        case .contact: "Contact"
        }
    }
}
