import RegistryModel

/// The values of a legacy XML record, each in the place of the model field it becomes, as
/// `LegacyXMLMapper` finds them; `study(extras:notices:)` types them into the `Study`.
///
/// The mapping puts a value straight in its field instead of under its v2 path in a `V2FieldStore`: the
/// store hashes every path when the value is set and again when the assembler looks for it, and the
/// path of a value in a list is made only here, once, when its field is made. The study comes out as
/// `StudyAssembler` would make it from the same values at their v2 paths: the same paths, positions,
/// codes, notices and extras, in the same order.
struct LegacyStudyValues {
    /// A value as the record holds it, with where it starts.
    struct Value {
        let text: String
        let position: SourcePosition?
    }

    /// A `…DateStruct`: the date and the `type` attribute of its element.
    struct DateValues {
        var date: Value?
        var type: Value?
    }

    /// A lead sponsor or a collaborator.
    struct AgencyValues {
        var name: Value?
        var agencyClass: Value?

        var isEmpty: Bool { name == nil && agencyClass == nil }
    }

    struct OutcomeValues {
        var measure: Value?
        var timeFrame: Value?
        var description: Value?

        var isEmpty: Bool { measure == nil && timeFrame == nil && description == nil }
    }

    struct ArmGroupValues {
        var label: Value?
        var type: Value?
        var description: Value?

        var isEmpty: Bool { label == nil && type == nil && description == nil }
    }

    struct InterventionValues {
        var type: Value?
        var name: Value?
        var description: Value?
        var armGroupLabels: [Value] = []
        var otherNames: [Value] = []

        var isEmpty: Bool {
            type == nil && name == nil && description == nil && armGroupLabels.isEmpty && otherNames.isEmpty
        }
    }

    /// An overall official, a central contact, or a contact of a location.
    struct ContactValues {
        var name: Value?
        var role: Value?
        var affiliation: Value?
        var phone: Value?
        var email: Value?

        var isEmpty: Bool { name == nil && role == nil && affiliation == nil && phone == nil && email == nil }
    }

    struct LocationValues {
        var facility: Value?
        var status: Value?
        var city: Value?
        var state: Value?
        var zip: Value?
        var country: Value?
        /// The contacts that hold at least one value, in record order.
        var contacts: [ContactValues] = []

        var isEmpty: Bool {
            facility == nil && status == nil && city == nil && state == nil && zip == nil && country == nil
                && contacts.isEmpty
        }
    }

    // Lists hold only elements with at least one value, as the store's indices would.

    var nctId: Value?
    var nctIdAliases: [Value] = []
    var orgStudyId: Value?
    var secondaryIds: [Value] = []
    var briefTitle: Value?
    var officialTitle: Value?
    var acronym: Value?
    var organization: Value?

    var overallStatus: Value?
    var lastKnownStatus: Value?
    var statusVerifiedDate: Value?
    var whyStopped: Value?
    var startDate = DateValues()
    var primaryCompletionDate = DateValues()
    var completionDate = DateValues()
    var studyFirstSubmitDate: Value?
    var studyFirstPostDate = DateValues()
    var lastUpdatePostDate = DateValues()

    var responsiblePartyType: Value?
    var leadSponsor = AgencyValues()
    var collaborators: [AgencyValues] = []

    var briefSummary: Value?
    var detailedDescription: Value?

    var conditions: [Value] = []
    var keywords: [Value] = []

    var studyType: Value?
    var patientRegistry: Value?
    var targetDuration: Value?
    var phases: [Value] = []
    var allocation: Value?
    var interventionModel: Value?
    var interventionModelDescription: Value?
    var primaryPurpose: Value?
    var observationalModel: Value?
    var timePerspective: Value?
    var masking: Value?
    var maskingDescription: Value?
    var whoMasked: [Value] = []
    var bioSpecRetention: Value?
    var bioSpecDescription: Value?
    var enrollmentCount: Value?
    var enrollmentType: Value?
    var numberOfArms: Value?
    var numberOfGroups: Value?

    var armGroups: [ArmGroupValues] = []
    var interventions: [InterventionValues] = []

    var primaryOutcomes: [OutcomeValues] = []
    var secondaryOutcomes: [OutcomeValues] = []
    var otherOutcomes: [OutcomeValues] = []

    var eligibilityCriteria: Value?
    var healthyVolunteers: Value?
    var sex: Value?
    var genderBased: Value?
    var minimumAge: Value?
    var maximumAge: Value?
    var studyPopulation: Value?
    var samplingMethod: Value?

    var centralContacts: [ContactValues] = []
    var overallOfficials: [ContactValues] = []
    var locations: [LocationValues] = []

    var hasResults: Value?

    // MARK: The study

    /// The typed study, after the reader's `extras` and `notices`: the notices of typing follow in the
    /// order of the model's fields, and values no model field reads (a date's type without a date, the
    /// number of groups beside a number of arms) come last in extras, in record order.
    func study(extras: [ExtraField], notices: [ReadNotice]) -> Study {
        var typing = FieldTyping(extras: extras, notices: notices)
        var unread: [(value: Value, path: FieldPath)] = []
        let identification = Identification(
            nctId: Self.text(nctId, V2Paths.identificationNctId),
            nctIdAliases: Self.texts(nctIdAliases, V2Paths.identificationNctIdAliases),
            orgStudyId: Self.text(orgStudyId, V2Paths.identificationOrgStudyIdInfoId),
            secondaryIds: secondaryIds.enumerated().map { index, value in
                Self.field(value, FieldPath(joining: V2Paths.identificationSecondaryIdInfos, index: index, "id"))
            },
            briefTitle: Self.text(briefTitle, V2Paths.identificationBriefTitle),
            officialTitle: Self.text(officialTitle, V2Paths.identificationOfficialTitle),
            acronym: Self.text(acronym, V2Paths.identificationAcronym),
            organization: Self.text(organization, V2Paths.identificationOrganizationFullName),
            organizationClass: nil)
        let status = Status(
            overallStatus: typing.coded(overallStatus, V2Paths.statusOverallStatus),
            lastKnownStatus: typing.coded(lastKnownStatus, V2Paths.statusLastKnownStatus),
            statusVerifiedDate: typing.date(statusVerifiedDate, V2Paths.statusStatusVerifiedDate),
            whyStopped: Self.text(whyStopped, V2Paths.statusWhyStopped),
            startDate: typing.dateStruct(
                startDate, V2Paths.statusStartDateStructDate, V2Paths.statusStartDateStructType, unread: &unread),
            primaryCompletionDate: typing.dateStruct(
                primaryCompletionDate, V2Paths.statusPrimaryCompletionDateStructDate,
                V2Paths.statusPrimaryCompletionDateStructType, unread: &unread),
            completionDate: typing.dateStruct(
                completionDate, V2Paths.statusCompletionDateStructDate, V2Paths.statusCompletionDateStructType,
                unread: &unread),
            studyFirstSubmitDate: typing.date(studyFirstSubmitDate, V2Paths.statusStudyFirstSubmitDate),
            studyFirstPostDate: typing.dateStruct(
                studyFirstPostDate, V2Paths.statusStudyFirstPostDateStructDate,
                V2Paths.statusStudyFirstPostDateStructType, unread: &unread),
            lastUpdatePostDate: typing.dateStruct(
                lastUpdatePostDate, V2Paths.statusLastUpdatePostDateStructDate,
                V2Paths.statusLastUpdatePostDateStructType, unread: &unread))
        let sponsors = Sponsors(
            responsiblePartyType: typing.coded(responsiblePartyType, V2Paths.sponsorResponsiblePartyType),
            leadSponsor: typing.sponsor(leadSponsor, V2Paths.sponsorLeadSponsor, nil),
            collaborators: collaborators.enumerated().compactMap { index, agency in
                typing.sponsor(agency, V2Paths.sponsorCollaborators, index)
            })
        let description = Description(
            briefSummary: Self.text(briefSummary, .briefSummary),
            detailedDescription: Self.text(detailedDescription, .detailedDescription))
        let conditions = Conditions(
            conditions: Self.texts(conditions, V2Paths.conditionsConditions),
            keywords: Self.texts(keywords, V2Paths.conditionsKeywords))
        let design = design(&typing, unread: &unread)
        let armsInterventions = armsInterventions(&typing)
        let outcomes = Outcomes(
            primary: Self.outcomes(primaryOutcomes, V2Paths.outcomesPrimaryOutcomes),
            secondary: Self.outcomes(secondaryOutcomes, V2Paths.outcomesSecondaryOutcomes),
            other: Self.outcomes(otherOutcomes, V2Paths.outcomesOtherOutcomes))
        let eligibility = Eligibility(
            criteria: Self.text(eligibilityCriteria, V2Paths.eligibilityEligibilityCriteria),
            healthyVolunteers: typing.bool(healthyVolunteers, V2Paths.eligibilityHealthyVolunteers),
            sex: typing.coded(sex, V2Paths.eligibilitySex),
            genderBased: typing.bool(genderBased, V2Paths.eligibilityGenderBased),
            minimumAge: Self.text(minimumAge, V2Paths.eligibilityMinimumAge),
            maximumAge: Self.text(maximumAge, V2Paths.eligibilityMaximumAge),
            standardAges: [],
            studyPopulation: Self.text(studyPopulation, V2Paths.eligibilityStudyPopulation),
            samplingMethod: typing.coded(samplingMethod, V2Paths.eligibilitySamplingMethod))
        let contactsLocations = contactsLocations(&typing)
        let hasResults = typing.bool(hasResults, V2Paths.hasResults)
        let unreadExtras = unreadValues(unread, &typing)
        return Study(
            identification: identification, status: status, sponsors: sponsors, description: description,
            conditions: conditions, design: design, armsInterventions: armsInterventions, outcomes: outcomes,
            eligibility: eligibility, contactsLocations: contactsLocations, hasResults: hasResults,
            extras: typing.extras + unreadExtras, notices: typing.notices)
    }

    private func design(_ typing: inout FieldTyping, unread: inout [(value: Value, path: FieldPath)]) -> Design {
        let count = typing.int(enrollmentCount, V2Paths.designEnrollmentInfoCount)
        let countType: Field<Coded<EnrollmentType>>? = typing.coded(enrollmentType, V2Paths.designEnrollmentInfoType)
        let enrollment = count != nil || countType != nil ? Enrollment(count: count, type: countType) : nil
        // Each in the order of the model's fields, so that notices come in that order.
        let studyType: Field<Coded<StudyType>>? = typing.coded(studyType, V2Paths.designStudyType)
        let patientRegistry = typing.bool(patientRegistry, V2Paths.designPatientRegistry)
        let phases: [Field<Coded<Phase>>] = typing.codedList(phases, V2Paths.designPhases)
        let allocation: Field<Coded<Allocation>>? = typing.coded(allocation, V2Paths.designInfoAllocation)
        let interventionModel: Field<Coded<InterventionModel>>? = typing.coded(
            interventionModel, V2Paths.designInfoInterventionModel)
        let primaryPurpose: Field<Coded<PrimaryPurpose>>? = typing.coded(
            primaryPurpose, V2Paths.designInfoPrimaryPurpose)
        let observationalModel: Field<Coded<ObservationalModel>>? = typing.coded(
            observationalModel, V2Paths.designInfoObservationalModel)
        let timePerspective: Field<Coded<TimePerspective>>? = typing.coded(
            timePerspective, V2Paths.designInfoTimePerspective)
        let masking: Field<Coded<Masking>>? = typing.coded(masking, V2Paths.designInfoMaskingInfoMasking)
        let whoMasked: [Field<Coded<WhoMasked>>] = typing.codedList(whoMasked, V2Paths.designInfoMaskingInfoWhoMasked)
        let bioSpecRetention: Field<Coded<BioSpecRetention>>? = typing.coded(
            bioSpecRetention, V2Paths.designBioSpecRetention)
        // The number of groups is read only when there is no number of arms to read.
        var numberOfArms = typing.int(numberOfArms, V2Paths.designNumberOfArms)
        if numberOfArms == nil {
            numberOfArms = typing.int(numberOfGroups, V2Paths.designNumberOfGroups)
        } else if let numberOfGroups {
            unread.append((numberOfGroups, V2Paths.designNumberOfGroups))
        }
        return Design(
            studyType: studyType, patientRegistry: patientRegistry,
            targetDuration: Self.text(targetDuration, V2Paths.designTargetDuration), phases: phases,
            allocation: allocation, interventionModel: interventionModel,
            interventionModelDescription: Self.text(
                interventionModelDescription, V2Paths.designInfoInterventionModelDescription),
            primaryPurpose: primaryPurpose, observationalModel: observationalModel, timePerspective: timePerspective,
            masking: masking,
            maskingDescription: Self.text(maskingDescription, V2Paths.designInfoMaskingInfoMaskingDescription),
            whoMasked: whoMasked, bioSpecRetention: bioSpecRetention,
            bioSpecDescription: Self.text(bioSpecDescription, V2Paths.designBioSpecDescription),
            enrollment: enrollment, numberOfArms: numberOfArms)
    }

    private func armsInterventions(_ typing: inout FieldTyping) -> ArmsInterventions {
        let armList = V2Paths.armsArmGroups
        let arms = armGroups.enumerated().map { index, arm in
            ArmGroup(
                label: arm.label.map { Self.field($0, FieldPath(joining: armList, index: index, "label")) },
                type: arm.type.map {
                    typing.coded($0.text, at: $0.position, FieldPath(joining: armList, index: index, "type"))
                },
                description: arm.description.map {
                    Self.field($0, FieldPath(joining: armList, index: index, "description"))
                },
                interventionNames: [])
        }
        let list = V2Paths.armsInterventions
        let interventions = self.interventions.enumerated().map { index, item in
            Intervention(
                type: item.type.map {
                    typing.coded($0.text, at: $0.position, FieldPath(joining: list, index: index, "type"))
                },
                name: item.name.map { Self.field($0, FieldPath(joining: list, index: index, "name")) },
                description: item.description.map {
                    Self.field($0, FieldPath(joining: list, index: index, "description"))
                },
                armGroupLabels: Self.texts(item.armGroupLabels, list, index, "armGroupLabels"),
                otherNames: Self.texts(item.otherNames, list, index, "otherNames"))
        }
        return ArmsInterventions(armGroups: arms, interventions: interventions)
    }

    private func contactsLocations(_ typing: inout FieldTyping) -> ContactsLocations {
        let list = V2Paths.contactsLocations
        // Each location read in place: a copy of each would retain and release every value it holds.
        let locations = self.locations.withUnsafeBufferPointer { buffer in
            buffer.indices.map { index in
                let values = buffer.baseAddress! + index
                // The status and the contacts' roles in the order of the model's fields, so that notices
                // come in that order.
                let status: Field<Coded<RecruitmentStatus>>? = values.pointee.status.map {
                    typing.coded($0.text, at: $0.position, FieldPath(joining: list, index: index, "status"))
                }
                let contacts = values.pointee.contacts.isEmpty
                    ? [] : typing.contacts(values.pointee.contacts, FieldPath(joining: list, index: index, "contacts"))
                return Location(
                    facility: values.pointee.facility.map {
                        Self.field($0, FieldPath(joining: list, index: index, "facility"))
                    },
                    status: status,
                    city: values.pointee.city.map { Self.field($0, FieldPath(joining: list, index: index, "city")) },
                    state: values.pointee.state.map { Self.field($0, FieldPath(joining: list, index: index, "state")) },
                    zip: values.pointee.zip.map { Self.field($0, FieldPath(joining: list, index: index, "zip")) },
                    country: values.pointee.country.map {
                        Self.field($0, FieldPath(joining: list, index: index, "country"))
                    },
                    contacts: contacts)
            }
        }
        return ContactsLocations(
            centralContacts: typing.contacts(centralContacts, V2Paths.contactsCentralContacts),
            overallOfficials: typing.contacts(overallOfficials, V2Paths.contactsOverallOfficials),
            locations: locations)
    }

    /// The values no model field read, in record order, which is the order of their positions: the
    /// mapping reads each of them from its own child of `<clinical_study>`.
    private func unreadValues(
        _ unread: [(value: Value, path: FieldPath)], _ typing: inout FieldTyping
    ) -> [ExtraField] {
        unread.sorted { ($0.value.position?.offset ?? 0) < ($1.value.position?.offset ?? 0) }.map {
            typing.unread($0.value.text, at: $0.value.position, $0.path)
        }
    }

    // MARK: Texts

    private static func field(_ value: Value, _ path: FieldPath) -> TextField {
        TextField(value.text, path: path, position: value.position)
    }

    private static func text(_ value: Value?, _ path: FieldPath) -> TextField? {
        value.map { field($0, path) }
    }

    /// The texts of the list at `list`, each at `list[i]`.
    private static func texts(_ values: [Value], _ list: FieldPath) -> [TextField] {
        values.enumerated().map { index, value in field(value, FieldPath(joining: list, index: index, nil)) }
    }

    /// The texts of the list at `base[index].name`, whose path is made only when it has elements.
    private static func texts(_ values: [Value], _ base: FieldPath, _ index: Int, _ name: StaticString) -> [TextField] {
        values.isEmpty ? [] : texts(values, FieldPath(joining: base, index: index, name))
    }

    private static func outcomes(_ values: [OutcomeValues], _ list: FieldPath) -> [Outcome] {
        values.enumerated().map { index, outcome in
            Outcome(
                measure: outcome.measure.map { field($0, FieldPath(joining: list, index: index, "measure")) },
                description: outcome.description.map {
                    field($0, FieldPath(joining: list, index: index, "description"))
                },
                timeFrame: outcome.timeFrame.map { field($0, FieldPath(joining: list, index: index, "timeFrame")) })
        }
    }
}

/// Typing of the values as `StudyAssembler` types the same values found at their paths.
extension FieldTyping {
    fileprivate typealias Value = LegacyStudyValues.Value

    fileprivate mutating func coded<Code: RegistryCode>(_ value: Value?, _ path: FieldPath) -> Field<Coded<Code>>? {
        value.map { coded($0.text, at: $0.position, path) }
    }

    /// The codes of the list at `list`, each at `list[i]`.
    fileprivate mutating func codedList<Code: RegistryCode>(
        _ values: [Value], _ list: FieldPath
    ) -> [Field<Coded<Code>>] {
        values.enumerated().map { index, value in
            coded(value.text, at: value.position, FieldPath(joining: list, index: index, nil))
        }
    }

    fileprivate mutating func date(_ value: Value?, _ path: FieldPath) -> Field<DateValue>? {
        value.map { date($0.text, at: $0.position, path) }
    }

    /// A `…DateStruct`: its date, and its type when there is a date to qualify; a type without one
    /// goes to `unread`.
    fileprivate mutating func dateStruct(
        _ values: LegacyStudyValues.DateValues, _ datePath: FieldPath, _ typePath: FieldPath,
        unread: inout [(value: Value, path: FieldPath)]
    ) -> DateStruct? {
        guard let date = date(values.date, datePath) else {
            if let type = values.type { unread.append((type, typePath)) }
            return nil
        }
        return DateStruct(date: date, type: coded(values.type, typePath))
    }

    fileprivate mutating func int(_ value: Value?, _ path: FieldPath) -> Field<Int>? {
        value.flatMap { int($0.text, at: $0.position, path) }
    }

    fileprivate mutating func bool(_ value: Value?, _ path: FieldPath) -> Field<Bool>? {
        value.flatMap { bool($0.text, at: $0.position, path) }
    }

    /// The sponsor at `base`, or at its element `index`.
    fileprivate mutating func sponsor(
        _ values: LegacyStudyValues.AgencyValues, _ base: FieldPath, _ index: Int?
    ) -> Sponsor? {
        let name = values.name.map {
            TextField($0.text, path: FieldPath(joining: base, index: index, "name"), position: $0.position)
        }
        let agencyClass: Field<Coded<AgencyClass>>? = values.agencyClass.map {
            coded($0.text, at: $0.position, FieldPath(joining: base, index: index, "class"))
        }
        guard name != nil || agencyClass != nil else { return nil }
        return Sponsor(name: name, agencyClass: agencyClass)
    }

    /// The contacts of the list at `list`, each at `list[i]`.
    fileprivate mutating func contacts(_ values: [LegacyStudyValues.ContactValues], _ list: FieldPath) -> [Contact] {
        values.enumerated().map { index, contact in
            func text(_ value: Value?, _ name: StaticString) -> TextField? {
                value.map {
                    TextField($0.text, path: FieldPath(joining: list, index: index, name), position: $0.position)
                }
            }
            return Contact(
                name: text(contact.name, "name"),
                role: contact.role.map {
                    coded($0.text, at: $0.position, FieldPath(joining: list, index: index, "role"))
                },
                affiliation: text(contact.affiliation, "affiliation"), phone: text(contact.phone, "phone"),
                email: text(contact.email, "email"))
        }
    }
}
