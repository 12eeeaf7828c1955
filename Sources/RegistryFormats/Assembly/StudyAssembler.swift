import RegistryModel

/// Builds a typed `Study` from the values of a `V2FieldStore`.
///
/// Every model field is read from its v2 path: codes become `Coded` values (an unknown spelling is kept
/// and noticed), dates keep their precision (an unreadable one is kept as written and noticed), counts
/// and yes/no values are typed (a value that is neither is kept in `extras` and noticed). A stored
/// value that no model field reads is kept in `extras` too, so nothing a record says is dropped.
struct StudyAssembler {
    private let store: V2FieldStore
    /// Which of the store's entries a model field has read.
    private var used: [Bool]
    private var extras: [ExtraField]
    private var notices: [ReadNotice]

    init(store: V2FieldStore, extras: [ExtraField] = [], notices: [ReadNotice] = []) {
        self.store = store
        self.used = Array(repeating: false, count: store.entries.count)
        self.extras = extras
        self.notices = notices
    }

    /// The study, with the extras and notices of the reader and of assembly.
    mutating func assemble() -> Study {
        let identification = identification()
        let status = status()
        let sponsors = sponsors()
        let description = Description(
            briefSummary: text(.briefSummary), detailedDescription: text(.detailedDescription))
        let conditions = Conditions(
            conditions: texts(Paths.conditionsConditions),
            keywords: texts(Paths.conditionsKeywords))
        let design = design()
        let armsInterventions = armsInterventions()
        let outcomes = Outcomes(
            primary: outcomes(Paths.outcomesPrimaryOutcomes),
            secondary: outcomes(Paths.outcomesSecondaryOutcomes),
            other: outcomes(Paths.outcomesOtherOutcomes))
        let eligibility = eligibility()
        let contactsLocations = contactsLocations()
        let hasResults = bool(Paths.hasResults)
        let unused = unusedValues()
        return Study(
            identification: identification, status: status, sponsors: sponsors, description: description,
            conditions: conditions, design: design, armsInterventions: armsInterventions, outcomes: outcomes,
            eligibility: eligibility, contactsLocations: contactsLocations, hasResults: hasResults,
            extras: extras + unused, notices: notices)
    }

    // MARK: Modules

    private mutating func identification() -> Identification {
        return Identification(
            nctId: text(Paths.identificationNctId),
            nctIdAliases: texts(Paths.identificationNctIdAliases),
            orgStudyId: text(Paths.identificationOrgStudyIdInfoId),
            secondaryIds: elements(Paths.identificationSecondaryIdInfos).compactMap { text($0.appending("id")) },
            briefTitle: text(Paths.identificationBriefTitle),
            officialTitle: text(Paths.identificationOfficialTitle),
            acronym: text(Paths.identificationAcronym),
            organization: text(Paths.identificationOrganizationFullName),
            organizationClass: coded(Paths.identificationOrganizationClass))
    }

    private mutating func status() -> Status {
        return Status(
            overallStatus: coded(Paths.statusOverallStatus),
            lastKnownStatus: coded(Paths.statusLastKnownStatus),
            statusVerifiedDate: date(Paths.statusStatusVerifiedDate),
            whyStopped: text(Paths.statusWhyStopped),
            startDate: dateStruct(date: Paths.statusStartDateStructDate, type: Paths.statusStartDateStructType),
            primaryCompletionDate: dateStruct(
                date: Paths.statusPrimaryCompletionDateStructDate, type: Paths.statusPrimaryCompletionDateStructType),
            completionDate: dateStruct(
                date: Paths.statusCompletionDateStructDate, type: Paths.statusCompletionDateStructType),
            studyFirstSubmitDate: date(Paths.statusStudyFirstSubmitDate),
            studyFirstPostDate: dateStruct(
                date: Paths.statusStudyFirstPostDateStructDate, type: Paths.statusStudyFirstPostDateStructType),
            lastUpdatePostDate: dateStruct(
                date: Paths.statusLastUpdatePostDateStructDate, type: Paths.statusLastUpdatePostDateStructType))
    }

    private mutating func sponsors() -> Sponsors {
        return Sponsors(
            responsiblePartyType: coded(Paths.sponsorResponsiblePartyType),
            leadSponsor: sponsor(ParentPath(Paths.sponsorLeadSponsor)),
            collaborators: elements(Paths.sponsorCollaborators).compactMap { sponsor($0) })
    }

    private mutating func sponsor(_ path: ParentPath) -> Sponsor? {
        let name = text(path.appending("name"))
        let agencyClass: Field<Coded<AgencyClass>>? = coded(path.appending("class"))
        guard name != nil || agencyClass != nil else { return nil }
        return Sponsor(name: name, agencyClass: agencyClass)
    }

    private mutating func design() -> Design {
        let count = int(Paths.designEnrollmentInfoCount)
        let countType: Field<Coded<EnrollmentType>>? = coded(Paths.designEnrollmentInfoType)
        let enrollment = count != nil || countType != nil ? Enrollment(count: count, type: countType) : nil
        return Design(
            studyType: coded(Paths.designStudyType),
            patientRegistry: bool(Paths.designPatientRegistry),
            targetDuration: text(Paths.designTargetDuration),
            phases: codedList(Paths.designPhases),
            allocation: coded(Paths.designInfoAllocation),
            interventionModel: coded(Paths.designInfoInterventionModel),
            interventionModelDescription: text(Paths.designInfoInterventionModelDescription),
            primaryPurpose: coded(Paths.designInfoPrimaryPurpose),
            observationalModel: coded(Paths.designInfoObservationalModel),
            timePerspective: coded(Paths.designInfoTimePerspective),
            masking: coded(Paths.designInfoMaskingInfoMasking),
            maskingDescription: text(Paths.designInfoMaskingInfoMaskingDescription),
            whoMasked: codedList(Paths.designInfoMaskingInfoWhoMasked),
            bioSpecRetention: coded(Paths.designBioSpecRetention),
            bioSpecDescription: text(Paths.designBioSpecDescription),
            enrollment: enrollment,
            numberOfArms: int(Paths.designNumberOfArms) ?? int(Paths.designNumberOfGroups))
    }

    private mutating func armsInterventions() -> ArmsInterventions {
        var arms: [ArmGroup] = []
        for arm in elements(Paths.armsArmGroups) {
            arms.append(ArmGroup(
                label: text(arm.appending("label")), type: coded(arm.appending("type")),
                description: text(arm.appending("description")),
                interventionNames: texts(arm.appending("interventionNames"))))
        }
        var interventions: [Intervention] = []
        for intervention in elements(Paths.armsInterventions) {
            interventions.append(Intervention(
                type: coded(intervention.appending("type")), name: text(intervention.appending("name")),
                description: text(intervention.appending("description")),
                armGroupLabels: texts(intervention.appending("armGroupLabels")),
                otherNames: texts(intervention.appending("otherNames"))))
        }
        return ArmsInterventions(armGroups: arms, interventions: interventions)
    }

    private mutating func outcomes(_ list: FieldPath) -> [Outcome] {
        elements(list).map { outcome in
            Outcome(
                measure: text(outcome.appending("measure")), description: text(outcome.appending("description")),
                timeFrame: text(outcome.appending("timeFrame")))
        }
    }

    private mutating func eligibility() -> Eligibility {
        return Eligibility(
            criteria: text(Paths.eligibilityEligibilityCriteria),
            healthyVolunteers: bool(Paths.eligibilityHealthyVolunteers),
            sex: coded(Paths.eligibilitySex),
            genderBased: bool(Paths.eligibilityGenderBased),
            minimumAge: text(Paths.eligibilityMinimumAge),
            maximumAge: text(Paths.eligibilityMaximumAge),
            standardAges: codedList(Paths.eligibilityStdAges),
            studyPopulation: text(Paths.eligibilityStudyPopulation),
            samplingMethod: coded(Paths.eligibilitySamplingMethod))
    }

    private mutating func contactsLocations() -> ContactsLocations {
        var locations: [Location] = []
        locations.reserveCapacity(store.locations.count)
        let list = Paths.contactsLocations
        for (index, values) in store.locations.enumerated() {
            // In the order of the path-read fields below, so that notices come in the same order.
            let status: Field<Coded<RecruitmentStatus>>? = coded(values.status, list, index, "status")
            var contacts: [Contact] = []
            contacts.reserveCapacity(values.contacts.count)
            if !values.contacts.isEmpty {
                let contactList = FieldPath(joining: list, index: index, "contacts")
                for (index, contact) in values.contacts.enumerated() {
                    contacts.append(Contact(
                        name: text(contact.name, contactList, index, "name"),
                        role: coded(contact.role, contactList, index, "role"),
                        affiliation: text(contact.affiliation, contactList, index, "affiliation"),
                        phone: text(contact.phone, contactList, index, "phone"),
                        email: text(contact.email, contactList, index, "email")))
                }
            }
            locations.append(Location(
                facility: text(values.facility, list, index, "facility"), status: status,
                city: text(values.city, list, index, "city"), state: text(values.state, list, index, "state"),
                zip: text(values.zip, list, index, "zip"), country: text(values.country, list, index, "country"),
                contacts: contacts))
        }
        for location in elements(Paths.contactsLocations) {
            locations.append(Location(
                facility: text(location.appending("facility")), status: coded(location.appending("status")),
                city: text(location.appending("city")), state: text(location.appending("state")),
                zip: text(location.appending("zip")), country: text(location.appending("country")),
                contacts: contacts(location.appending("contacts"))))
        }
        return ContactsLocations(
            centralContacts: contacts(Paths.contactsCentralContacts),
            overallOfficials: contacts(Paths.contactsOverallOfficials),
            locations: locations)
    }

    private mutating func contacts(_ list: FieldPath) -> [Contact] {
        elements(list).map { contact in
            Contact(
                name: text(contact.appending("name")), role: coded(contact.appending("role")),
                affiliation: text(contact.appending("affiliation")), phone: text(contact.appending("phone")),
                email: text(contact.appending("email")))
        }
    }

    /// The elements of the list at `list`, as parents of their values' paths.
    private func elements(_ list: FieldPath) -> [ParentPath] {
        (0..<store.count(list)).map { ParentPath(list: list, index: $0) }
    }

    /// The fixed v2 paths the assembler reads, joined once per process instead of once per record.
    private enum Paths {
        static let hasResults: FieldPath = "hasResults"
        static let designInfo = FieldPath.designModule.appending("designInfo")
        static let identificationNctId = FieldPath.identificationModule.appending("nctId")
        static let identificationNctIdAliases = FieldPath.identificationModule.appending("nctIdAliases")
        static let identificationOrgStudyIdInfoId = FieldPath.identificationModule.appending("orgStudyIdInfo.id")
        static let identificationSecondaryIdInfos = FieldPath.identificationModule.appending("secondaryIdInfos")
        static let identificationBriefTitle = FieldPath.identificationModule.appending("briefTitle")
        static let identificationOfficialTitle = FieldPath.identificationModule.appending("officialTitle")
        static let identificationAcronym = FieldPath.identificationModule.appending("acronym")
        static let identificationOrganizationFullName = FieldPath.identificationModule.appending("organization.fullName")
        static let identificationOrganizationClass = FieldPath.identificationModule.appending("organization.class")
        static let statusOverallStatus = FieldPath.statusModule.appending("overallStatus")
        static let statusLastKnownStatus = FieldPath.statusModule.appending("lastKnownStatus")
        static let statusStatusVerifiedDate = FieldPath.statusModule.appending("statusVerifiedDate")
        static let statusWhyStopped = FieldPath.statusModule.appending("whyStopped")
        static let statusStartDateStructDate = FieldPath.statusModule.appending("startDateStruct.date")
        static let statusStartDateStructType = FieldPath.statusModule.appending("startDateStruct.type")
        static let statusPrimaryCompletionDateStructDate =
            FieldPath.statusModule.appending("primaryCompletionDateStruct.date")
        static let statusPrimaryCompletionDateStructType =
            FieldPath.statusModule.appending("primaryCompletionDateStruct.type")
        static let statusCompletionDateStructDate = FieldPath.statusModule.appending("completionDateStruct.date")
        static let statusCompletionDateStructType = FieldPath.statusModule.appending("completionDateStruct.type")
        static let statusStudyFirstSubmitDate = FieldPath.statusModule.appending("studyFirstSubmitDate")
        static let statusStudyFirstPostDateStructDate = FieldPath.statusModule.appending("studyFirstPostDateStruct.date")
        static let statusStudyFirstPostDateStructType = FieldPath.statusModule.appending("studyFirstPostDateStruct.type")
        static let statusLastUpdatePostDateStructDate = FieldPath.statusModule.appending("lastUpdatePostDateStruct.date")
        static let statusLastUpdatePostDateStructType = FieldPath.statusModule.appending("lastUpdatePostDateStruct.type")
        static let sponsorResponsiblePartyType = FieldPath.sponsorCollaboratorsModule.appending("responsibleParty.type")
        static let sponsorLeadSponsor = FieldPath.sponsorCollaboratorsModule.appending("leadSponsor")
        static let sponsorCollaborators = FieldPath.sponsorCollaboratorsModule.appending("collaborators")
        static let designEnrollmentInfoCount = FieldPath.designModule.appending("enrollmentInfo.count")
        static let designEnrollmentInfoType = FieldPath.designModule.appending("enrollmentInfo.type")
        static let designStudyType = FieldPath.designModule.appending("studyType")
        static let designPatientRegistry = FieldPath.designModule.appending("patientRegistry")
        static let designTargetDuration = FieldPath.designModule.appending("targetDuration")
        static let designPhases = FieldPath.designModule.appending("phases")
        static let designBioSpecRetention = FieldPath.designModule.appending("bioSpec.retention")
        static let designBioSpecDescription = FieldPath.designModule.appending("bioSpec.description")
        static let designNumberOfArms = FieldPath.designModule.appending("numberOfArms")
        static let designNumberOfGroups = FieldPath.designModule.appending("numberOfGroups")
        static let designInfoAllocation = designInfo.appending("allocation")
        static let designInfoInterventionModel = designInfo.appending("interventionModel")
        static let designInfoInterventionModelDescription = designInfo.appending("interventionModelDescription")
        static let designInfoPrimaryPurpose = designInfo.appending("primaryPurpose")
        static let designInfoObservationalModel = designInfo.appending("observationalModel")
        static let designInfoTimePerspective = designInfo.appending("timePerspective")
        static let designInfoMaskingInfoMasking = designInfo.appending("maskingInfo.masking")
        static let designInfoMaskingInfoMaskingDescription = designInfo.appending("maskingInfo.maskingDescription")
        static let designInfoMaskingInfoWhoMasked = designInfo.appending("maskingInfo.whoMasked")
        static let armsArmGroups = FieldPath.armsInterventionsModule.appending("armGroups")
        static let armsInterventions = FieldPath.armsInterventionsModule.appending("interventions")
        static let eligibilityEligibilityCriteria = FieldPath.eligibilityModule.appending("eligibilityCriteria")
        static let eligibilityHealthyVolunteers = FieldPath.eligibilityModule.appending("healthyVolunteers")
        static let eligibilitySex = FieldPath.eligibilityModule.appending("sex")
        static let eligibilityGenderBased = FieldPath.eligibilityModule.appending("genderBased")
        static let eligibilityMinimumAge = FieldPath.eligibilityModule.appending("minimumAge")
        static let eligibilityMaximumAge = FieldPath.eligibilityModule.appending("maximumAge")
        static let eligibilityStdAges = FieldPath.eligibilityModule.appending("stdAges")
        static let eligibilityStudyPopulation = FieldPath.eligibilityModule.appending("studyPopulation")
        static let eligibilitySamplingMethod = FieldPath.eligibilityModule.appending("samplingMethod")
        static let contactsLocations = FieldPath.contactsLocationsModule.appending("locations")
        static let contactsCentralContacts = FieldPath.contactsLocationsModule.appending("centralContacts")
        static let contactsOverallOfficials = FieldPath.contactsLocationsModule.appending("overallOfficials")
        static let conditionsConditions = FieldPath.conditionsModule.appending("conditions")
        static let conditionsKeywords = FieldPath.conditionsModule.appending("keywords")
        static let outcomesPrimaryOutcomes = FieldPath.outcomesModule.appending("primaryOutcomes")
        static let outcomesSecondaryOutcomes = FieldPath.outcomesModule.appending("secondaryOutcomes")
        static let outcomesOtherOutcomes = FieldPath.outcomesModule.appending("otherOutcomes")
    }

    // MARK: Typed values

    private mutating func take(_ path: FieldPath) -> V2FieldStore.Entry? {
        guard let index = store.index(of: path) else { return nil }
        used[index] = true
        return store.entries[index]
    }

    private mutating func text(_ path: FieldPath) -> TextField? {
        take(path).map { TextField($0.text, path: path, position: $0.position) }
    }

    private mutating func texts(_ list: FieldPath) -> [TextField] {
        store.elements(list).compactMap { text($0) }
    }

    /// The text of a value handed over outside the paths (`V2FieldStore.LocationValues`), at
    /// `list[index].name`.
    private func text(_ value: V2FieldStore.Value?, _ list: FieldPath, _ index: Int, _ name: StaticString)
        -> TextField?
    {
        value.map { TextField($0.text, path: FieldPath(joining: list, index: index, name), position: $0.position) }
    }

    /// The code of a value handed over outside the paths, at `list[index].name`.
    private mutating func coded<Code: RegistryCode>(
        _ value: V2FieldStore.Value?, _ list: FieldPath, _ index: Int, _ name: StaticString
    ) -> Field<Coded<Code>>? {
        value.map { coded($0.text, at: $0.position, FieldPath(joining: list, index: index, name)) }
    }

    private mutating func coded<Code: RegistryCode>(_ path: FieldPath) -> Field<Coded<Code>>? {
        take(path).map { coded($0.text, at: $0.position, path) }
    }

    private mutating func coded<Code: RegistryCode>(
        _ text: String, at position: SourcePosition?, _ path: FieldPath
    ) -> Field<Coded<Code>> {
        let value = Coded<Code>(spelling: text.trimmed)
        let origin = Origin(path: path, position: position)
        if case .unknown(let spelling) = value {
            notices.append(ReadNotice(
                kind: .unknownCode, message: "\"\(spelling)\" is not a known \(Code.self) value; kept as written",
                origin: origin))
        }
        return Field(value, origin: origin)
    }

    private mutating func codedList<Code: RegistryCode>(_ list: FieldPath) -> [Field<Coded<Code>>] {
        store.elements(list).compactMap { coded($0) }
    }

    private mutating func date(_ path: FieldPath) -> Field<DateValue>? {
        guard let entry = take(path) else { return nil }
        let value = DateValue(parsing: entry.text)
        let origin = Origin(path: path, position: entry.position)
        if value.date == nil {
            notices.append(ReadNotice(
                kind: .unreadableDate,
                message: "\"\(entry.text)\" is not a date in any registry form (2021-03-04, March 4, 2021, March 2021); kept as written",
                origin: origin))
        }
        return Field(value, origin: origin)
    }

    /// A `…DateStruct`: its `date`, and its `type` when there is a date to qualify.
    private mutating func dateStruct(date datePath: FieldPath, type typePath: FieldPath) -> DateStruct? {
        guard let date = date(datePath) else { return nil }
        return DateStruct(date: date, type: coded(typePath))
    }

    private mutating func int(_ path: FieldPath) -> Field<Int>? {
        guard let entry = take(path) else { return nil }
        if let value = Int(entry.text.trimmed) {
            return Field(value, path: path, position: entry.position)
        }
        keepMistyped(entry, at: path, expected: "a whole number")
        return nil
    }

    private mutating func bool(_ path: FieldPath) -> Field<Bool>? {
        guard let entry = take(path) else { return nil }
        switch RegistryCodeKey.fold(entry.text) {
        case "YES", "TRUE", "ACCEPTSHEALTHYVOLUNTEERS": return Field(true, path: path, position: entry.position)
        case "NO", "FALSE": return Field(false, path: path, position: entry.position)
        default:
            keepMistyped(entry, at: path, expected: "yes or no")
            return nil
        }
    }

    private mutating func keepMistyped(_ entry: V2FieldStore.Entry, at path: FieldPath, expected: String) {
        let value = TextField(entry.text, path: path, position: entry.position)
        extras.append(ExtraField(key: path.rawValue, value: value))
        notices.append(ReadNotice(
            kind: .unexpectedType, message: "\"\(entry.text)\" is not \(expected); kept in extras", origin: value.origin))
    }

    /// Values stored at paths no model field reads, in record order.
    private mutating func unusedValues() -> [ExtraField] {
        var unused: [ExtraField] = []
        for (entry, isUsed) in zip(store.entries, used) where !isUsed {
            let path = entry.path
            let value = TextField(entry.text, path: path, position: entry.position)
            unused.append(ExtraField(key: path.rawValue, value: value))
            notices.append(ReadNotice(
                kind: .unknownField, message: "\(path) has no place in the record model; kept in extras",
                origin: value.origin))
        }
        return unused
    }
}
