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
    private var typing: FieldTyping

    init(store: V2FieldStore, extras: [ExtraField] = [], notices: [ReadNotice] = []) {
        self.store = store
        self.used = Array(repeating: false, count: store.entries.count)
        self.typing = FieldTyping(extras: extras, notices: notices)
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
            extras: typing.extras + unused, notices: typing.notices)
    }

    // MARK: Modules

    private mutating func identification() -> Identification {
        return Identification(
            nctId: text(V2Paths.identificationNctId),
            nctIdAliases: texts(V2Paths.identificationNctIdAliases),
            orgStudyId: text(V2Paths.identificationOrgStudyIdInfoId),
            secondaryIds: (0..<store.count(V2Paths.identificationSecondaryIdInfos)).compactMap {
                text(take(V2Paths.identificationSecondaryIdInfos, $0, "id"))
            },
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
            leadSponsor: sponsor(V2Paths.sponsorLeadSponsor, nil),
            collaborators: (0..<store.count(V2Paths.sponsorCollaborators)).compactMap {
                sponsor(V2Paths.sponsorCollaborators, $0)
            })
    }

    /// The sponsor at `base`, or at its element `index`.
    private mutating func sponsor(_ base: FieldPath, _ index: Int?) -> Sponsor? {
        let name = text(take(base, index, "name"))
        let agencyClass: Field<Coded<AgencyClass>>? = coded(take(base, index, "class"))
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
        let armList = V2Paths.armsArmGroups
        var arms: [ArmGroup] = []
        arms.reserveCapacity(store.count(armList))
        for arm in 0..<store.count(armList) {
            arms.append(ArmGroup(
                label: text(take(armList, arm, "label")), type: coded(take(armList, arm, "type")),
                description: text(take(armList, arm, "description")),
                interventionNames: texts(armList, arm, "interventionNames")))
        }
        let interventionList = V2Paths.armsInterventions
        var interventions: [Intervention] = []
        interventions.reserveCapacity(store.count(interventionList))
        for intervention in 0..<store.count(interventionList) {
            interventions.append(Intervention(
                type: coded(take(interventionList, intervention, "type")),
                name: text(take(interventionList, intervention, "name")),
                description: text(take(interventionList, intervention, "description")),
                armGroupLabels: texts(interventionList, intervention, "armGroupLabels"),
                otherNames: texts(interventionList, intervention, "otherNames")))
        }
        return ArmsInterventions(armGroups: arms, interventions: interventions)
    }

    private mutating func outcomes(_ list: FieldPath) -> [Outcome] {
        (0..<store.count(list)).map { outcome in
            Outcome(
                measure: text(take(list, outcome, "measure")), description: text(take(list, outcome, "description")),
                timeFrame: text(take(list, outcome, "timeFrame")))
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
        let list = V2Paths.contactsLocations
        let locations = (0..<store.count(list)).map { location in
            Location(
                facility: text(take(list, location, "facility")), status: coded(take(list, location, "status")),
                city: text(take(list, location, "city")), state: text(take(list, location, "state")),
                zip: text(take(list, location, "zip")), country: text(take(list, location, "country")),
                contacts: contacts(list, location, "contacts"))
        }
        return ContactsLocations(
            centralContacts: contacts(V2Paths.contactsCentralContacts),
            overallOfficials: contacts(V2Paths.contactsOverallOfficials),
            locations: locations)
    }

    private mutating func contacts(_ list: FieldPath) -> [Contact] {
        (0..<store.count(list)).map { contact in
            Contact(
                name: text(take(list, contact, "name")), role: coded(take(list, contact, "role")),
                affiliation: text(take(list, contact, "affiliation")), phone: text(take(list, contact, "phone")),
                email: text(take(list, contact, "email")))
        }
    }

    /// The contacts of the list `base[index].name`, whose path is made only when it has elements.
    private mutating func contacts(_ base: FieldPath, _ index: Int, _ name: StaticString) -> [Contact] {
        guard store.count(base, index, name) > 0 else { return [] }
        return contacts(FieldPath(joining: base, index: index, name))
    }

    // MARK: Typed values

    private mutating func take(_ path: FieldPath) -> V2FieldStore.Entry? {
        guard let index = store.index(of: path) else { return nil }
        used[index] = true
        return store.entries[index]
    }

    /// The value at `base[index].name` (without the index or the name when `nil`), found without
    /// making its path: a value that is there brings its path with it, and most that are looked
    /// for are not there.
    private mutating func take(_ base: FieldPath, _ index: Int?, _ name: StaticString?) -> V2FieldStore.Entry? {
        guard let found = store.index(of: base, index, name) else { return nil }
        used[found] = true
        return store.entries[found]
    }

    private mutating func text(_ path: FieldPath) -> TextField? {
        take(path).map { TextField($0.text, path: path, position: $0.position) }
    }

    private func text(_ entry: V2FieldStore.Entry?) -> TextField? {
        entry.map { TextField($0.text, path: $0.path, position: $0.position) }
    }

    private mutating func texts(_ list: FieldPath) -> [TextField] {
        (0..<store.count(list)).compactMap { text(take(list, $0, nil)) }
    }

    /// The texts of the list `base[index].name`, whose path is made only when it has elements.
    private mutating func texts(_ base: FieldPath, _ index: Int, _ name: StaticString) -> [TextField] {
        guard store.count(base, index, name) > 0 else { return [] }
        return texts(FieldPath(joining: base, index: index, name))
    }

    private mutating func coded<Code: RegistryCode>(_ path: FieldPath) -> Field<Coded<Code>>? {
        take(path).map { typing.coded($0.text, at: $0.position, path) }
    }

    private mutating func coded<Code: RegistryCode>(_ entry: V2FieldStore.Entry?) -> Field<Coded<Code>>? {
        entry.map { typing.coded($0.text, at: $0.position, $0.path) }
    }

    private mutating func codedList<Code: RegistryCode>(_ list: FieldPath) -> [Field<Coded<Code>>] {
        (0..<store.count(list)).compactMap { coded(take(list, $0, nil)) }
    }

    private mutating func date(_ path: FieldPath) -> Field<DateValue>? {
        take(path).map { typing.date($0.text, at: $0.position, path) }
    }

    /// A `…DateStruct`: its `date`, and its `type` when there is a date to qualify.
    private mutating func dateStruct(date datePath: FieldPath, type typePath: FieldPath) -> DateStruct? {
        guard let date = date(datePath) else { return nil }
        return DateStruct(date: date, type: coded(typePath))
    }

    private mutating func int(_ path: FieldPath) -> Field<Int>? {
        take(path).flatMap { typing.int($0.text, at: $0.position, path) }
    }

    private mutating func bool(_ path: FieldPath) -> Field<Bool>? {
        take(path).flatMap { typing.bool($0.text, at: $0.position, path) }
    }

    /// Values stored at paths no model field reads, in record order.
    private mutating func unusedValues() -> [ExtraField] {
        var unused: [ExtraField] = []
        for (entry, isUsed) in zip(store.entries, used) where !isUsed {
            unused.append(typing.unread(entry.text, at: entry.position, entry.path))
        }
        return unused
    }
}
