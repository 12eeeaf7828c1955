// The modules of a study's protocol section, named and shaped as in API v2.

/// `identificationModule`.
public struct Identification: Sendable, Hashable {
    public let nctId: TextField?
    public let nctIdAliases: [TextField]
    public let orgStudyId: TextField?
    public let secondaryIds: [TextField]
    public let briefTitle: TextField?
    public let officialTitle: TextField?
    public let acronym: TextField?
    public let organization: TextField?
    public let organizationClass: Field<Coded<AgencyClass>>?

    public init(
        nctId: TextField? = nil, nctIdAliases: [TextField] = [], orgStudyId: TextField? = nil,
        secondaryIds: [TextField] = [], briefTitle: TextField? = nil, officialTitle: TextField? = nil,
        acronym: TextField? = nil, organization: TextField? = nil, organizationClass: Field<Coded<AgencyClass>>? = nil
    ) {
        self.nctId = nctId
        self.nctIdAliases = nctIdAliases
        self.orgStudyId = orgStudyId
        self.secondaryIds = secondaryIds
        self.briefTitle = briefTitle
        self.officialTitle = officialTitle
        self.acronym = acronym
        self.organization = organization
        self.organizationClass = organizationClass
    }
}

/// A start, primary completion or completion date with its actual/estimated type (`PartialDateStruct`).
public struct DateStruct: Sendable, Hashable {
    public let date: Field<DateValue>
    public let type: Field<Coded<DateType>>?

    public init(date: Field<DateValue>, type: Field<Coded<DateType>>? = nil) {
        self.date = date
        self.type = type
    }
}

/// `statusModule`.
public struct Status: Sendable, Hashable {
    public let overallStatus: Field<Coded<OverallStatus>>?
    public let lastKnownStatus: Field<Coded<OverallStatus>>?
    public let statusVerifiedDate: Field<DateValue>?
    public let whyStopped: TextField?
    public let startDate: DateStruct?
    public let primaryCompletionDate: DateStruct?
    public let completionDate: DateStruct?
    public let studyFirstSubmitDate: Field<DateValue>?
    public let studyFirstPostDate: DateStruct?
    public let lastUpdatePostDate: DateStruct?

    public init(
        overallStatus: Field<Coded<OverallStatus>>? = nil, lastKnownStatus: Field<Coded<OverallStatus>>? = nil,
        statusVerifiedDate: Field<DateValue>? = nil, whyStopped: TextField? = nil, startDate: DateStruct? = nil,
        primaryCompletionDate: DateStruct? = nil, completionDate: DateStruct? = nil,
        studyFirstSubmitDate: Field<DateValue>? = nil, studyFirstPostDate: DateStruct? = nil,
        lastUpdatePostDate: DateStruct? = nil
    ) {
        self.overallStatus = overallStatus
        self.lastKnownStatus = lastKnownStatus
        self.statusVerifiedDate = statusVerifiedDate
        self.whyStopped = whyStopped
        self.startDate = startDate
        self.primaryCompletionDate = primaryCompletionDate
        self.completionDate = completionDate
        self.studyFirstSubmitDate = studyFirstSubmitDate
        self.studyFirstPostDate = studyFirstPostDate
        self.lastUpdatePostDate = lastUpdatePostDate
    }
}

/// A lead sponsor or a collaborator.
public struct Sponsor: Sendable, Hashable {
    public let name: TextField?
    public let agencyClass: Field<Coded<AgencyClass>>?

    public init(name: TextField?, agencyClass: Field<Coded<AgencyClass>>? = nil) {
        self.name = name
        self.agencyClass = agencyClass
    }
}

/// `sponsorCollaboratorsModule`.
public struct Sponsors: Sendable, Hashable {
    public let responsiblePartyType: Field<Coded<ResponsiblePartyType>>?
    public let leadSponsor: Sponsor?
    public let collaborators: [Sponsor]

    public init(
        responsiblePartyType: Field<Coded<ResponsiblePartyType>>? = nil, leadSponsor: Sponsor? = nil,
        collaborators: [Sponsor] = []
    ) {
        self.responsiblePartyType = responsiblePartyType
        self.leadSponsor = leadSponsor
        self.collaborators = collaborators
    }
}

/// `descriptionModule`.
public struct Description: Sendable, Hashable {
    public let briefSummary: TextField?
    public let detailedDescription: TextField?

    public init(briefSummary: TextField? = nil, detailedDescription: TextField? = nil) {
        self.briefSummary = briefSummary
        self.detailedDescription = detailedDescription
    }
}

/// `conditionsModule`.
public struct Conditions: Sendable, Hashable {
    public let conditions: [TextField]
    public let keywords: [TextField]

    public init(conditions: [TextField] = [], keywords: [TextField] = []) {
        self.conditions = conditions
        self.keywords = keywords
    }
}

/// `enrollmentInfo`.
public struct Enrollment: Sendable, Hashable {
    /// The count as written, with its value when it is a whole number.
    public let count: Field<Int>?
    public let type: Field<Coded<EnrollmentType>>?

    public init(count: Field<Int>?, type: Field<Coded<EnrollmentType>>? = nil) {
        self.count = count
        self.type = type
    }
}

/// `designModule`, with `designInfo` and `maskingInfo` flattened into it.
public struct Design: Sendable, Hashable {
    public let studyType: Field<Coded<StudyType>>?
    public let patientRegistry: Field<Bool>?
    public let targetDuration: TextField?
    /// One entry per phase; legacy "Phase 1/Phase 2" gives two entries, each at the position of its part.
    public let phases: [Field<Coded<Phase>>]
    public let allocation: Field<Coded<Allocation>>?
    public let interventionModel: Field<Coded<InterventionModel>>?
    public let interventionModelDescription: TextField?
    public let primaryPurpose: Field<Coded<PrimaryPurpose>>?
    public let observationalModel: Field<Coded<ObservationalModel>>?
    public let timePerspective: Field<Coded<TimePerspective>>?
    public let masking: Field<Coded<Masking>>?
    public let maskingDescription: TextField?
    public let whoMasked: [Field<Coded<WhoMasked>>]
    public let bioSpecRetention: Field<Coded<BioSpecRetention>>?
    public let bioSpecDescription: TextField?
    public let enrollment: Enrollment?
    /// Legacy XML `number_of_arms` / `number_of_groups`; API v2 has no such field.
    public let numberOfArms: Field<Int>?

    public init(
        studyType: Field<Coded<StudyType>>? = nil, patientRegistry: Field<Bool>? = nil,
        targetDuration: TextField? = nil, phases: [Field<Coded<Phase>>] = [],
        allocation: Field<Coded<Allocation>>? = nil, interventionModel: Field<Coded<InterventionModel>>? = nil,
        interventionModelDescription: TextField? = nil, primaryPurpose: Field<Coded<PrimaryPurpose>>? = nil,
        observationalModel: Field<Coded<ObservationalModel>>? = nil,
        timePerspective: Field<Coded<TimePerspective>>? = nil, masking: Field<Coded<Masking>>? = nil,
        maskingDescription: TextField? = nil, whoMasked: [Field<Coded<WhoMasked>>] = [],
        bioSpecRetention: Field<Coded<BioSpecRetention>>? = nil, bioSpecDescription: TextField? = nil,
        enrollment: Enrollment? = nil, numberOfArms: Field<Int>? = nil
    ) {
        self.studyType = studyType
        self.patientRegistry = patientRegistry
        self.targetDuration = targetDuration
        self.phases = phases
        self.allocation = allocation
        self.interventionModel = interventionModel
        self.interventionModelDescription = interventionModelDescription
        self.primaryPurpose = primaryPurpose
        self.observationalModel = observationalModel
        self.timePerspective = timePerspective
        self.masking = masking
        self.maskingDescription = maskingDescription
        self.whoMasked = whoMasked
        self.bioSpecRetention = bioSpecRetention
        self.bioSpecDescription = bioSpecDescription
        self.enrollment = enrollment
        self.numberOfArms = numberOfArms
    }
}

/// One arm group (`armGroups[i]`).
public struct ArmGroup: Sendable, Hashable {
    public let label: TextField?
    public let type: Field<Coded<ArmGroupType>>?
    public let description: TextField?
    /// v2 `interventionNames`, in the form "Drug: Name".
    public let interventionNames: [TextField]

    public init(
        label: TextField?, type: Field<Coded<ArmGroupType>>? = nil, description: TextField? = nil,
        interventionNames: [TextField] = []
    ) {
        self.label = label
        self.type = type
        self.description = description
        self.interventionNames = interventionNames
    }
}

/// One intervention (`interventions[i]`).
public struct Intervention: Sendable, Hashable {
    public let type: Field<Coded<InterventionType>>?
    public let name: TextField?
    public let description: TextField?
    public let armGroupLabels: [TextField]
    public let otherNames: [TextField]

    public init(
        type: Field<Coded<InterventionType>>?, name: TextField?, description: TextField? = nil,
        armGroupLabels: [TextField] = [], otherNames: [TextField] = []
    ) {
        self.type = type
        self.name = name
        self.description = description
        self.armGroupLabels = armGroupLabels
        self.otherNames = otherNames
    }
}

/// `armsInterventionsModule`.
public struct ArmsInterventions: Sendable, Hashable {
    public let armGroups: [ArmGroup]
    public let interventions: [Intervention]

    public init(armGroups: [ArmGroup] = [], interventions: [Intervention] = []) {
        self.armGroups = armGroups
        self.interventions = interventions
    }
}

/// One outcome measure.
public struct Outcome: Sendable, Hashable {
    public let measure: TextField?
    public let description: TextField?
    public let timeFrame: TextField?

    public init(measure: TextField?, description: TextField? = nil, timeFrame: TextField? = nil) {
        self.measure = measure
        self.description = description
        self.timeFrame = timeFrame
    }
}

/// `outcomesModule`.
public struct Outcomes: Sendable, Hashable {
    public let primary: [Outcome]
    public let secondary: [Outcome]
    public let other: [Outcome]

    public init(primary: [Outcome] = [], secondary: [Outcome] = [], other: [Outcome] = []) {
        self.primary = primary
        self.secondary = secondary
        self.other = other
    }
}

/// `eligibilityModule`.
public struct Eligibility: Sendable, Hashable {
    public let criteria: TextField?
    public let healthyVolunteers: Field<Bool>?
    public let sex: Field<Coded<Sex>>?
    public let genderBased: Field<Bool>?
    /// As written, for example "18 Years"; legacy "N/A" becomes an absent value.
    public let minimumAge: TextField?
    public let maximumAge: TextField?
    public let standardAges: [Field<Coded<StandardAge>>]
    public let studyPopulation: TextField?
    public let samplingMethod: Field<Coded<SamplingMethod>>?

    public init(
        criteria: TextField? = nil, healthyVolunteers: Field<Bool>? = nil, sex: Field<Coded<Sex>>? = nil,
        genderBased: Field<Bool>? = nil, minimumAge: TextField? = nil, maximumAge: TextField? = nil,
        standardAges: [Field<Coded<StandardAge>>] = [], studyPopulation: TextField? = nil,
        samplingMethod: Field<Coded<SamplingMethod>>? = nil
    ) {
        self.criteria = criteria
        self.healthyVolunteers = healthyVolunteers
        self.sex = sex
        self.genderBased = genderBased
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.standardAges = standardAges
        self.studyPopulation = studyPopulation
        self.samplingMethod = samplingMethod
    }
}

/// A central, location or backup contact, or an overall official.
public struct Contact: Sendable, Hashable {
    public let name: TextField?
    public let role: Field<Coded<OfficialRole>>?
    public let affiliation: TextField?
    public let phone: TextField?
    public let email: TextField?

    public init(
        name: TextField?, role: Field<Coded<OfficialRole>>? = nil, affiliation: TextField? = nil,
        phone: TextField? = nil, email: TextField? = nil
    ) {
        self.name = name
        self.role = role
        self.affiliation = affiliation
        self.phone = phone
        self.email = email
    }
}

/// One study site (`locations[i]`).
public struct Location: Sendable, Hashable {
    public let facility: TextField?
    public let status: Field<Coded<RecruitmentStatus>>?
    public let city: TextField?
    public let state: TextField?
    public let zip: TextField?
    public let country: TextField?
    public let contacts: [Contact]

    public init(
        facility: TextField?, status: Field<Coded<RecruitmentStatus>>? = nil, city: TextField? = nil,
        state: TextField? = nil, zip: TextField? = nil, country: TextField? = nil, contacts: [Contact] = []
    ) {
        self.facility = facility
        self.status = status
        self.city = city
        self.state = state
        self.zip = zip
        self.country = country
        self.contacts = contacts
    }
}

/// `contactsLocationsModule`.
public struct ContactsLocations: Sendable, Hashable {
    public let centralContacts: [Contact]
    public let overallOfficials: [Contact]
    public let locations: [Location]

    public init(centralContacts: [Contact] = [], overallOfficials: [Contact] = [], locations: [Location] = []) {
        self.centralContacts = centralContacts
        self.overallOfficials = overallOfficials
        self.locations = locations
    }
}
