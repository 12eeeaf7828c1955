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
            conditions: texts(.conditionsModule.appending("conditions")),
            keywords: texts(.conditionsModule.appending("keywords")))
        let design = design()
        let armsInterventions = armsInterventions()
        let outcomes = Outcomes(
            primary: outcomes(.outcomesModule.appending("primaryOutcomes")),
            secondary: outcomes(.outcomesModule.appending("secondaryOutcomes")),
            other: outcomes(.outcomesModule.appending("otherOutcomes")))
        let eligibility = eligibility()
        let contactsLocations = contactsLocations()
        let hasResults = bool("hasResults")
        let unused = unusedValues()
        return Study(
            identification: identification, status: status, sponsors: sponsors, description: description,
            conditions: conditions, design: design, armsInterventions: armsInterventions, outcomes: outcomes,
            eligibility: eligibility, contactsLocations: contactsLocations, hasResults: hasResults,
            extras: extras + unused, notices: notices)
    }

    // MARK: Modules

    private mutating func identification() -> Identification {
        let module = FieldPath.identificationModule
        return Identification(
            nctId: text(module.appending("nctId")),
            nctIdAliases: texts(module.appending("nctIdAliases")),
            orgStudyId: text(module.appending("orgStudyIdInfo.id")),
            secondaryIds: store.elements(module.appending("secondaryIdInfos")).compactMap { text($0.appending("id")) },
            briefTitle: text(module.appending("briefTitle")),
            officialTitle: text(module.appending("officialTitle")),
            acronym: text(module.appending("acronym")),
            organization: text(module.appending("organization.fullName")),
            organizationClass: coded(module.appending("organization.class")))
    }

    private mutating func status() -> Status {
        let module = FieldPath.statusModule
        return Status(
            overallStatus: coded(module.appending("overallStatus")),
            lastKnownStatus: coded(module.appending("lastKnownStatus")),
            statusVerifiedDate: date(module.appending("statusVerifiedDate")),
            whyStopped: text(module.appending("whyStopped")),
            startDate: dateStruct(module.appending("startDateStruct")),
            primaryCompletionDate: dateStruct(module.appending("primaryCompletionDateStruct")),
            completionDate: dateStruct(module.appending("completionDateStruct")),
            studyFirstSubmitDate: date(module.appending("studyFirstSubmitDate")),
            studyFirstPostDate: dateStruct(module.appending("studyFirstPostDateStruct")),
            lastUpdatePostDate: dateStruct(module.appending("lastUpdatePostDateStruct")))
    }

    private mutating func sponsors() -> Sponsors {
        let module = FieldPath.sponsorCollaboratorsModule
        return Sponsors(
            responsiblePartyType: coded(module.appending("responsibleParty.type")),
            leadSponsor: sponsor(module.appending("leadSponsor")),
            collaborators: store.elements(module.appending("collaborators")).compactMap { sponsor($0) })
    }

    private mutating func sponsor(_ path: FieldPath) -> Sponsor? {
        let name = text(path.appending("name"))
        let agencyClass: Field<Coded<AgencyClass>>? = coded(path.appending("class"))
        guard name != nil || agencyClass != nil else { return nil }
        return Sponsor(name: name, agencyClass: agencyClass)
    }

    private mutating func design() -> Design {
        let module = FieldPath.designModule
        let info = module.appending("designInfo")
        let count = int(module.appending("enrollmentInfo.count"))
        let countType: Field<Coded<EnrollmentType>>? = coded(module.appending("enrollmentInfo.type"))
        let enrollment = count != nil || countType != nil ? Enrollment(count: count, type: countType) : nil
        return Design(
            studyType: coded(module.appending("studyType")),
            patientRegistry: bool(module.appending("patientRegistry")),
            targetDuration: text(module.appending("targetDuration")),
            phases: codedList(module.appending("phases")),
            allocation: coded(info.appending("allocation")),
            interventionModel: coded(info.appending("interventionModel")),
            interventionModelDescription: text(info.appending("interventionModelDescription")),
            primaryPurpose: coded(info.appending("primaryPurpose")),
            observationalModel: coded(info.appending("observationalModel")),
            timePerspective: coded(info.appending("timePerspective")),
            masking: coded(info.appending("maskingInfo.masking")),
            maskingDescription: text(info.appending("maskingInfo.maskingDescription")),
            whoMasked: codedList(info.appending("maskingInfo.whoMasked")),
            bioSpecRetention: coded(module.appending("bioSpec.retention")),
            bioSpecDescription: text(module.appending("bioSpec.description")),
            enrollment: enrollment,
            numberOfArms: int(module.appending("numberOfArms")) ?? int(module.appending("numberOfGroups")))
    }

    private mutating func armsInterventions() -> ArmsInterventions {
        let module = FieldPath.armsInterventionsModule
        var arms: [ArmGroup] = []
        for arm in store.elements(module.appending("armGroups")) {
            arms.append(ArmGroup(
                label: text(arm.appending("label")), type: coded(arm.appending("type")),
                description: text(arm.appending("description")),
                interventionNames: texts(arm.appending("interventionNames"))))
        }
        var interventions: [Intervention] = []
        for intervention in store.elements(module.appending("interventions")) {
            interventions.append(Intervention(
                type: coded(intervention.appending("type")), name: text(intervention.appending("name")),
                description: text(intervention.appending("description")),
                armGroupLabels: texts(intervention.appending("armGroupLabels")),
                otherNames: texts(intervention.appending("otherNames"))))
        }
        return ArmsInterventions(armGroups: arms, interventions: interventions)
    }

    private mutating func outcomes(_ list: FieldPath) -> [Outcome] {
        store.elements(list).map { outcome in
            Outcome(
                measure: text(outcome.appending("measure")), description: text(outcome.appending("description")),
                timeFrame: text(outcome.appending("timeFrame")))
        }
    }

    private mutating func eligibility() -> Eligibility {
        let module = FieldPath.eligibilityModule
        return Eligibility(
            criteria: text(module.appending("eligibilityCriteria")),
            healthyVolunteers: bool(module.appending("healthyVolunteers")),
            sex: coded(module.appending("sex")),
            genderBased: bool(module.appending("genderBased")),
            minimumAge: text(module.appending("minimumAge")),
            maximumAge: text(module.appending("maximumAge")),
            standardAges: codedList(module.appending("stdAges")),
            studyPopulation: text(module.appending("studyPopulation")),
            samplingMethod: coded(module.appending("samplingMethod")))
    }

    private mutating func contactsLocations() -> ContactsLocations {
        let module = FieldPath.contactsLocationsModule
        var locations: [Location] = []
        for location in store.elements(module.appending("locations")) {
            locations.append(Location(
                facility: text(location.appending("facility")), status: coded(location.appending("status")),
                city: text(location.appending("city")), state: text(location.appending("state")),
                zip: text(location.appending("zip")), country: text(location.appending("country")),
                contacts: contacts(location.appending("contacts"))))
        }
        return ContactsLocations(
            centralContacts: contacts(module.appending("centralContacts")),
            overallOfficials: contacts(module.appending("overallOfficials")),
            locations: locations)
    }

    private mutating func contacts(_ list: FieldPath) -> [Contact] {
        store.elements(list).map { contact in
            Contact(
                name: text(contact.appending("name")), role: coded(contact.appending("role")),
                affiliation: text(contact.appending("affiliation")), phone: text(contact.appending("phone")),
                email: text(contact.appending("email")))
        }
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

    private mutating func coded<Code: RegistryCode>(_ path: FieldPath) -> Field<Coded<Code>>? {
        guard let entry = take(path) else { return nil }
        let value = Coded<Code>(spelling: entry.text.trimmed)
        let origin = Origin(path: path, position: entry.position)
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
    private mutating func dateStruct(_ path: FieldPath) -> DateStruct? {
        guard let date = date(path.appending("date")) else { return nil }
        return DateStruct(date: date, type: coded(path.appending("type")))
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
