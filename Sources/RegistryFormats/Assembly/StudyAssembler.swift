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
            conditions: texts(V2Paths.conditionsConditions),
            keywords: texts(V2Paths.conditionsKeywords))
        let design = design()
        let armsInterventions = armsInterventions()
        let outcomes = Outcomes(
            primary: outcomes(V2Paths.outcomesPrimaryOutcomes),
            secondary: outcomes(V2Paths.outcomesSecondaryOutcomes),
            other: outcomes(V2Paths.outcomesOtherOutcomes))
        let eligibility = eligibility()
        let contactsLocations = contactsLocations()
        let hasResults = bool(V2Paths.hasResults)
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
            nctId: text(V2Paths.identificationNctId),
            nctIdAliases: texts(V2Paths.identificationNctIdAliases),
            orgStudyId: text(V2Paths.identificationOrgStudyIdInfoId),
            secondaryIds: elements(V2Paths.identificationSecondaryIdInfos).compactMap { text($0.appending("id")) },
            briefTitle: text(V2Paths.identificationBriefTitle),
            officialTitle: text(V2Paths.identificationOfficialTitle),
            acronym: text(V2Paths.identificationAcronym),
            organization: text(V2Paths.identificationOrganizationFullName),
            organizationClass: coded(V2Paths.identificationOrganizationClass))
    }

    private mutating func status() -> Status {
        return Status(
            overallStatus: coded(V2Paths.statusOverallStatus),
            lastKnownStatus: coded(V2Paths.statusLastKnownStatus),
            statusVerifiedDate: date(V2Paths.statusStatusVerifiedDate),
            whyStopped: text(V2Paths.statusWhyStopped),
            startDate: dateStruct(date: V2Paths.statusStartDateStructDate, type: V2Paths.statusStartDateStructType),
            primaryCompletionDate: dateStruct(
                date: V2Paths.statusPrimaryCompletionDateStructDate, type: V2Paths.statusPrimaryCompletionDateStructType),
            completionDate: dateStruct(
                date: V2Paths.statusCompletionDateStructDate, type: V2Paths.statusCompletionDateStructType),
            studyFirstSubmitDate: date(V2Paths.statusStudyFirstSubmitDate),
            studyFirstPostDate: dateStruct(
                date: V2Paths.statusStudyFirstPostDateStructDate, type: V2Paths.statusStudyFirstPostDateStructType),
            lastUpdatePostDate: dateStruct(
                date: V2Paths.statusLastUpdatePostDateStructDate, type: V2Paths.statusLastUpdatePostDateStructType))
    }

    private mutating func sponsors() -> Sponsors {
        return Sponsors(
            responsiblePartyType: coded(V2Paths.sponsorResponsiblePartyType),
            leadSponsor: sponsor(ParentPath(V2Paths.sponsorLeadSponsor)),
            collaborators: elements(V2Paths.sponsorCollaborators).compactMap { sponsor($0) })
    }

    private mutating func sponsor(_ path: ParentPath) -> Sponsor? {
        let name = text(path.appending("name"))
        let agencyClass: Field<Coded<AgencyClass>>? = coded(path.appending("class"))
        guard name != nil || agencyClass != nil else { return nil }
        return Sponsor(name: name, agencyClass: agencyClass)
    }

    private mutating func design() -> Design {
        let count = int(V2Paths.designEnrollmentInfoCount)
        let countType: Field<Coded<EnrollmentType>>? = coded(V2Paths.designEnrollmentInfoType)
        let enrollment = count != nil || countType != nil ? Enrollment(count: count, type: countType) : nil
        return Design(
            studyType: coded(V2Paths.designStudyType),
            patientRegistry: bool(V2Paths.designPatientRegistry),
            targetDuration: text(V2Paths.designTargetDuration),
            phases: codedList(V2Paths.designPhases),
            allocation: coded(V2Paths.designInfoAllocation),
            interventionModel: coded(V2Paths.designInfoInterventionModel),
            interventionModelDescription: text(V2Paths.designInfoInterventionModelDescription),
            primaryPurpose: coded(V2Paths.designInfoPrimaryPurpose),
            observationalModel: coded(V2Paths.designInfoObservationalModel),
            timePerspective: coded(V2Paths.designInfoTimePerspective),
            masking: coded(V2Paths.designInfoMaskingInfoMasking),
            maskingDescription: text(V2Paths.designInfoMaskingInfoMaskingDescription),
            whoMasked: codedList(V2Paths.designInfoMaskingInfoWhoMasked),
            bioSpecRetention: coded(V2Paths.designBioSpecRetention),
            bioSpecDescription: text(V2Paths.designBioSpecDescription),
            enrollment: enrollment,
            numberOfArms: int(V2Paths.designNumberOfArms) ?? int(V2Paths.designNumberOfGroups))
    }

    private mutating func armsInterventions() -> ArmsInterventions {
        var arms: [ArmGroup] = []
        for arm in elements(V2Paths.armsArmGroups) {
            arms.append(ArmGroup(
                label: text(arm.appending("label")), type: coded(arm.appending("type")),
                description: text(arm.appending("description")),
                interventionNames: texts(arm.appending("interventionNames"))))
        }
        var interventions: [Intervention] = []
        for intervention in elements(V2Paths.armsInterventions) {
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
            criteria: text(V2Paths.eligibilityEligibilityCriteria),
            healthyVolunteers: bool(V2Paths.eligibilityHealthyVolunteers),
            sex: coded(V2Paths.eligibilitySex),
            genderBased: bool(V2Paths.eligibilityGenderBased),
            minimumAge: text(V2Paths.eligibilityMinimumAge),
            maximumAge: text(V2Paths.eligibilityMaximumAge),
            standardAges: codedList(V2Paths.eligibilityStdAges),
            studyPopulation: text(V2Paths.eligibilityStudyPopulation),
            samplingMethod: coded(V2Paths.eligibilitySamplingMethod))
    }

    private mutating func contactsLocations() -> ContactsLocations {
        var locations: [Location] = []
        locations.reserveCapacity(store.locations.count)
        let list = V2Paths.contactsLocations
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
        for location in elements(V2Paths.contactsLocations) {
            locations.append(Location(
                facility: text(location.appending("facility")), status: coded(location.appending("status")),
                city: text(location.appending("city")), state: text(location.appending("state")),
                zip: text(location.appending("zip")), country: text(location.appending("country")),
                contacts: contacts(location.appending("contacts"))))
        }
        return ContactsLocations(
            centralContacts: contacts(V2Paths.contactsCentralContacts),
            overallOfficials: contacts(V2Paths.contactsOverallOfficials),
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
