import RegistryModel

/// Translates a legacy `<clinical_study>` record (public.xsd) into the model's fields, following the
/// mapping to API v2 of registry-facts.md §2.4: each value goes to the field of its v2 path
/// (`LegacyStudyValues`), and notices name it by that path.
///
/// Values keep the text the record holds and the position where it starts. Elements of public.xsd
/// (and of its earlier versions) that the model deliberately leaves out, such as results, references
/// and browse terms, are passed over; anything else the record holds that this mapping does not
/// know is kept in `extras` with a notice.
struct LegacyXMLMapper: XMLRecordMapping {
    /// Children of `<clinical_study>` whose content the model leaves out. The tree builder does not
    /// even keep their content.
    static let unmodelledSubtrees: Set<String> = [
        "required_header", "oversight_info", "expanded_access_info", "location_countries", "removed_countries",
        "link", "reference", "results_reference", "condition_browse", "intervention_browse", "patient_data",
        "study_docs", "provided_document_section", "pending_results", "clinical_results",
    ]

    /// Whether the tree builder keeps only the element of a child of `<clinical_study>` named `name`
    /// (`unmodelledSubtrees`): asked of every child of the root, so through a table rather than a hash.
    static func skipsSubtree(_ name: String) -> Bool { unmodelledSubtreeNames[name] != nil }

    private static let unmodelledSubtreeNames = ElementNameTable(unmodelledSubtrees.map { ($0, ()) })

    /// Leaf children of `<clinical_study>` the model leaves out: administrative dates, expanded access,
    /// and elements of earlier public.xsd versions (`lastchanged_date`, `is_fda_regulated`, …).
    private static let unmodelledLeaves: Set<String> = [
        "has_expanded_access", "study_first_submitted_qc", "results_first_submitted", "results_first_submitted_qc",
        "results_first_posted", "disposition_first_submitted", "disposition_first_submitted_qc",
        "disposition_first_posted", "last_update_submitted", "last_update_submitted_qc", "lastchanged_date",
        "firstreceived_results_date", "firstreceived_results_disposition_date", "is_fda_regulated",
        "is_section_801",
    ]

    /// Parts of a person (`contact_struct`, `investigator_struct`) the model leaves out: public XML
    /// puts the whole name in `last_name`.
    private static let unmodelledPersonParts: Set<String> = ["first_name", "middle_name", "degrees", "phone_ext"]

    /// The children of `<clinical_study>` the mapping reads, by name: one hash look-up per child instead
    /// of comparing its name with each case in turn.
    private enum RootChild: String, CaseIterable {
        case idInfo = "id_info"
        case briefTitle = "brief_title"
        case acronym
        case officialTitle = "official_title"
        case sponsors
        case source
        case briefSummary = "brief_summary"
        case detailedDescription = "detailed_description"
        case overallStatus = "overall_status"
        case lastKnownStatus = "last_known_status"
        case whyStopped = "why_stopped"
        case startDate = "start_date"
        case completionDate = "completion_date"
        case primaryCompletionDate = "primary_completion_date"
        case verificationDate = "verification_date"
        case studyFirstSubmitted = "study_first_submitted"
        case firstreceivedDate = "firstreceived_date"
        case studyFirstPosted = "study_first_posted"
        case lastUpdatePosted = "last_update_posted"
        case phase
        case studyType = "study_type"
        case studyDesignInfo = "study_design_info"
        case studyDesign = "study_design"
        case targetDuration = "target_duration"
        case primaryOutcome = "primary_outcome"
        case secondaryOutcome = "secondary_outcome"
        case otherOutcome = "other_outcome"
        case numberOfArms = "number_of_arms"
        case numberOfGroups = "number_of_groups"
        case enrollment
        case condition
        case keyword
        case armGroup = "arm_group"
        case intervention
        case biospecRetention = "biospec_retention"
        case biospecDescr = "biospec_descr"
        case eligibility
        case overallOfficial = "overall_official"
        case overallContact = "overall_contact"
        case overallContactBackup = "overall_contact_backup"
        case location
        case responsibleParty = "responsible_party"
        case clinicalResults = "clinical_results"
    }

    /// What the mapping does with a child of `<clinical_study>`.
    private enum RootEntry {
        case mapped(RootChild)
        /// A child the model leaves out (`unmodelledSubtrees`, `unmodelledLeaves`).
        case unmodelled
    }

    /// Every child name the mapping knows, mapped ones first: `clinical_results` is both.
    private static let rootChildren = ElementNameTable<RootEntry>(
        RootChild.allCases.map { ($0.rawValue, .mapped($0)) }
            + unmodelledSubtrees.union(unmodelledLeaves).subtracting(RootChild.allCases.map(\.rawValue)).sorted()
            .map { ($0, .unmodelled) })

    static let schemaName = "public.xsd"

    /// The attribute of a variable-date element and of `<enrollment>`.
    private static let typeAttribute: Set<String> = ["type"]

    typealias Value = LegacyStudyValues.Value

    let document: SourceDocument
    var extras: [ExtraField] = []
    var notices: [ReadNotice] = []

    init(document: SourceDocument) {
        self.document = document
    }

    /// Maps the record's root element into the values of its study.
    mutating func map(_ study: XMLElementNode) -> LegacyStudyValues {
        var values = LegacyStudyValues()
        let path = XMLPath(root: "clinical_study")
        for attribute in study.attributes
        where attribute.name != "rank" && attribute.name != "xmlns" && !attribute.name.hasPrefix("xmlns:")
            && !attribute.name.hasPrefix("xsi:")
        {
            keepUnexpected(attribute, of: path)
        }
        keepStrayText(study, path)
        withUnsafePointer(to: study) { root in
            withUnsafePointer(to: LentPath(root: root)) { path in
                study.children.withUnsafeBufferPointer { children in
                    var firstReceived: XMLElementRef?
                    for i in children.indices {
                        let child = XMLElementRef(pointer: children.baseAddress! + i)
                        mapRootChild(
                            child, LentPath(parent: path, element: child.pointer), &values,
                            firstReceived: &firstReceived)
                    }
                    // Records of 2017 carry the old name of the first-submitted date next to the new one,
                    // with the same date; older records carry only the old name.
                    if let element = firstReceived,
                        values.studyFirstSubmitDate?.text.trimmed != element.text.trimmed
                    {
                        leaf(
                            element, LentPath(parent: path, element: element.pointer), &values.studyFirstSubmitDate,
                            V2Paths.statusStudyFirstSubmitDate)
                    }
                }
            }
        }
        // The registry put `clinical_results` in every record with posted results.
        if values.hasResults == nil { values.hasResults = Value(text: "No", position: nil) }
        return values
    }

    /// Maps a child of `<clinical_study>`; `<firstreceived_date>` waits in `firstReceived` for the end.
    private mutating func mapRootChild(
        _ child: XMLElementRef, _ childPath: LentPath, _ values: inout LegacyStudyValues,
        firstReceived: inout XMLElementRef?
    ) {
        guard let entry = Self.rootChildren[child.name] else {
            keepUnexpected(child, childPath.xmlPath)
            return
        }
        guard case .mapped(let mapped) = entry else { return }
        switch mapped {
        case .idInfo: idInfo(child, childPath, &values)
        case .briefTitle: leaf(child, childPath, &values.briefTitle, V2Paths.identificationBriefTitle)
        case .acronym: leaf(child, childPath, &values.acronym, V2Paths.identificationAcronym)
        case .officialTitle: leaf(child, childPath, &values.officialTitle, V2Paths.identificationOfficialTitle)
        case .sponsors: sponsors(child, childPath, &values)
        case .source: leaf(child, childPath, &values.organization, V2Paths.identificationOrganizationFullName)
        case .briefSummary: textblock(child, childPath, &values.briefSummary, .briefSummary)
        case .detailedDescription: textblock(child, childPath, &values.detailedDescription, .detailedDescription)
        case .overallStatus: leaf(child, childPath, &values.overallStatus, V2Paths.statusOverallStatus)
        case .lastKnownStatus: leaf(child, childPath, &values.lastKnownStatus, V2Paths.statusLastKnownStatus)
        case .whyStopped: leaf(child, childPath, &values.whyStopped, V2Paths.statusWhyStopped)
        case .startDate:
            dateStruct(
                child, childPath, &values.startDate, V2Paths.statusStartDateStructDate,
                V2Paths.statusStartDateStructType)
        case .completionDate:
            dateStruct(
                child, childPath, &values.completionDate, V2Paths.statusCompletionDateStructDate,
                V2Paths.statusCompletionDateStructType)
        case .primaryCompletionDate:
            dateStruct(
                child, childPath, &values.primaryCompletionDate, V2Paths.statusPrimaryCompletionDateStructDate,
                V2Paths.statusPrimaryCompletionDateStructType)
        case .verificationDate:
            leaf(child, childPath, &values.statusVerifiedDate, V2Paths.statusStatusVerifiedDate)
        case .studyFirstSubmitted:
            leaf(child, childPath, &values.studyFirstSubmitDate, V2Paths.statusStudyFirstSubmitDate)
        case .firstreceivedDate: firstReceived = child
        case .studyFirstPosted:
            dateStruct(
                child, childPath, &values.studyFirstPostDate, V2Paths.statusStudyFirstPostDateStructDate,
                V2Paths.statusStudyFirstPostDateStructType)
        case .lastUpdatePosted:
            dateStruct(
                child, childPath, &values.lastUpdatePostDate, V2Paths.statusLastUpdatePostDateStructDate,
                V2Paths.statusLastUpdatePostDateStructType)
        case .phase: phases(child, childPath, &values.phases)
        case .studyType: studyType(child, childPath, &values)
        case .studyDesignInfo: designInfo(child, childPath, &values)
        case .studyDesign: legacyStudyDesign(child, childPath, &values)
        case .targetDuration: leaf(child, childPath, &values.targetDuration, V2Paths.designTargetDuration)
        case .primaryOutcome:
            outcome(child, childPath, &values.primaryOutcomes, V2Paths.outcomesPrimaryOutcomes)
        case .secondaryOutcome:
            outcome(child, childPath, &values.secondaryOutcomes, V2Paths.outcomesSecondaryOutcomes)
        case .otherOutcome: outcome(child, childPath, &values.otherOutcomes, V2Paths.outcomesOtherOutcomes)
        case .numberOfArms: leaf(child, childPath, &values.numberOfArms, V2Paths.designNumberOfArms)
        case .numberOfGroups: leaf(child, childPath, &values.numberOfGroups, V2Paths.designNumberOfGroups)
        case .enrollment: enrollment(child, childPath, &values)
        case .condition: listItem(child, childPath, &values.conditions)
        case .keyword: listItem(child, childPath, &values.keywords)
        case .armGroup: armGroup(child, childPath, &values.armGroups)
        case .intervention: intervention(child, childPath, &values.interventions)
        case .biospecRetention: leaf(child, childPath, &values.bioSpecRetention, V2Paths.designBioSpecRetention)
        case .biospecDescr: textblock(child, childPath, &values.bioSpecDescription, V2Paths.designBioSpecDescription)
        case .eligibility: eligibility(child, childPath, &values)
        case .overallOfficial:
            person(child, childPath, &values.overallOfficials, V2Paths.contactsOverallOfficials)
        case .overallContact, .overallContactBackup:
            person(child, childPath, &values.centralContacts, V2Paths.contactsCentralContacts)
        case .location: location(child, childPath, &values.locations)
        case .responsibleParty: responsibleParty(child, childPath, &values)
        case .clinicalResults:
            // A second `<clinical_results>` says nothing more.
            if values.hasResults == nil { values.hasResults = Value(text: "Yes", position: child.contentPosition) }
        }
    }

    // MARK: Structures

    private mutating func idInfo(_ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "nct_id": mapper.leaf(child, childPath, &values.nctId, V2Paths.identificationNctId)
            case "nct_alias": mapper.listItem(child, childPath, &values.nctIdAliases)
            case "org_study_id":
                mapper.leaf(child, childPath, &values.orgStudyId, V2Paths.identificationOrgStudyIdInfoId)
            case "secondary_id": mapper.listItem(child, childPath, &values.secondaryIds)
            default: return false
            }
            return true
        }
    }

    private mutating func sponsors(_ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "lead_sponsor":
                mapper.agency(child, childPath, &values.leadSponsor, ParentPath(V2Paths.sponsorLeadSponsor))
            case "collaborator":
                var agency = LegacyStudyValues.AgencyValues()
                let target = ParentPath(list: V2Paths.sponsorCollaborators, index: values.collaborators.count)
                mapper.agency(child, childPath, &agency, target)
                if !agency.isEmpty { values.collaborators.append(consume agency) }
            default: return false
            }
            return true
        }
    }

    private mutating func agency(
        _ element: XMLElementRef, _ path: LentPath, _ agency: inout LegacyStudyValues.AgencyValues,
        _ target: ParentPath
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "agency": mapper.leaf(child, childPath, &agency.name, target.appending("name"))
            case "agency_class": mapper.leaf(child, childPath, &agency.agencyClass, target.appending("class"))
            default: return false
            }
            return true
        }
    }

    private mutating func responsibleParty(
        _ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "responsible_party_type":
                mapper.leaf(child, childPath, &values.responsiblePartyType, V2Paths.sponsorResponsiblePartyType)
            case "name_title", "organization", "investigator_affiliation", "investigator_full_name",
                "investigator_title":
                break
            default: return false
            }
            return true
        }
    }

    private mutating func designInfo(_ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "allocation": mapper.leaf(child, childPath, &values.allocation, V2Paths.designInfoAllocation)
            case "intervention_model":
                mapper.leaf(child, childPath, &values.interventionModel, V2Paths.designInfoInterventionModel)
            case "intervention_model_description":
                mapper.leaf(
                    child, childPath, &values.interventionModelDescription,
                    V2Paths.designInfoInterventionModelDescription)
            case "primary_purpose":
                mapper.leaf(child, childPath, &values.primaryPurpose, V2Paths.designInfoPrimaryPurpose)
            case "observational_model":
                mapper.leaf(child, childPath, &values.observationalModel, V2Paths.designInfoObservationalModel)
            case "time_perspective":
                mapper.leaf(child, childPath, &values.timePerspective, V2Paths.designInfoTimePerspective)
            case "masking":
                mapper.checkLeaf(child, childPath)
                mapper.masking(child, childPath, Substring(child.text), offset: 0, &values)
            case "masking_description":
                mapper.leaf(
                    child, childPath, &values.maskingDescription, V2Paths.designInfoMaskingInfoMaskingDescription)
            default: return false
            }
            return true
        }
    }

    private mutating func outcome(
        _ element: XMLElementRef, _ path: LentPath, _ list: inout [LegacyStudyValues.OutcomeValues],
        _ listPath: FieldPath
    ) {
        let target = ParentPath(list: listPath, index: list.count)
        var outcome = LegacyStudyValues.OutcomeValues()
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "measure": mapper.leaf(child, childPath, &outcome.measure, target.appending("measure"))
            case "time_frame": mapper.leaf(child, childPath, &outcome.timeFrame, target.appending("timeFrame"))
            case "description": mapper.leaf(child, childPath, &outcome.description, target.appending("description"))
            case "safety_issue": break
            default: return false
            }
            return true
        }
        if !outcome.isEmpty { list.append(consume outcome) }
    }

    private mutating func enrollment(_ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues) {
        checkLeaf(element, path, allowing: Self.typeAttribute)
        fill(
            element.text, at: element.contentPosition, from: element, path.xmlPath, into: &values.enrollmentCount,
            V2Paths.designEnrollmentInfoCount)
        if let type = element.attribute("type") {
            fill(
                type.value, at: type.position, from: element, path.xmlPath.child("@type"), into: &values.enrollmentType,
                V2Paths.designEnrollmentInfoType)
        }
    }

    private mutating func armGroup(
        _ element: XMLElementRef, _ path: LentPath, _ list: inout [LegacyStudyValues.ArmGroupValues]
    ) {
        let target = ParentPath(list: V2Paths.armsArmGroups, index: list.count)
        var arm = LegacyStudyValues.ArmGroupValues()
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "arm_group_label": mapper.leaf(child, childPath, &arm.label, target.appending("label"))
            case "arm_group_type": mapper.leaf(child, childPath, &arm.type, target.appending("type"))
            case "description": mapper.leaf(child, childPath, &arm.description, target.appending("description"))
            default: return false
            }
            return true
        }
        if !arm.isEmpty { list.append(consume arm) }
    }

    private mutating func intervention(
        _ element: XMLElementRef, _ path: LentPath, _ list: inout [LegacyStudyValues.InterventionValues]
    ) {
        let target = ParentPath(list: V2Paths.armsInterventions, index: list.count)
        var intervention = LegacyStudyValues.InterventionValues()
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "intervention_type": mapper.leaf(child, childPath, &intervention.type, target.appending("type"))
            case "intervention_name": mapper.leaf(child, childPath, &intervention.name, target.appending("name"))
            case "description":
                mapper.leaf(child, childPath, &intervention.description, target.appending("description"))
            case "arm_group_label": mapper.listItem(child, childPath, &intervention.armGroupLabels)
            case "other_name": mapper.listItem(child, childPath, &intervention.otherNames)
            default: return false
            }
            return true
        }
        if !intervention.isEmpty { list.append(consume intervention) }
    }

    private mutating func eligibility(_ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "criteria":
                mapper.textblock(
                    child, childPath, &values.eligibilityCriteria, V2Paths.eligibilityEligibilityCriteria)
            case "study_pop":
                mapper.textblock(child, childPath, &values.studyPopulation, V2Paths.eligibilityStudyPopulation)
            case "sampling_method":
                mapper.leaf(child, childPath, &values.samplingMethod, V2Paths.eligibilitySamplingMethod)
            case "gender": mapper.leaf(child, childPath, &values.sex, V2Paths.eligibilitySex)
            case "gender_based": mapper.leaf(child, childPath, &values.genderBased, V2Paths.eligibilityGenderBased)
            case "gender_description": break
            case "minimum_age":
                // "N/A" says there is no limit, which API v2 says by leaving the field out.
                guard child.text.trimmed != "N/A" else { break }
                mapper.leaf(child, childPath, &values.minimumAge, V2Paths.eligibilityMinimumAge)
            case "maximum_age":
                guard child.text.trimmed != "N/A" else { break }
                mapper.leaf(child, childPath, &values.maximumAge, V2Paths.eligibilityMaximumAge)
            case "healthy_volunteers":
                mapper.leaf(child, childPath, &values.healthyVolunteers, V2Paths.eligibilityHealthyVolunteers)
            default: return false
            }
            return true
        }
    }

    /// An overall official or a central contact: the next element of the list at `listPath`.
    private mutating func person(
        _ element: XMLElementRef, _ path: LentPath, _ list: inout [LegacyStudyValues.ContactValues],
        _ listPath: FieldPath
    ) {
        var contact = LegacyStudyValues.ContactValues()
        let index = list.count
        self.contact(element, path, &contact) { ParentPath(list: listPath, index: index) }
        if !contact.isEmpty { list.append(consume contact) }
    }

    /// A `<location>`: a record can list hundreds, so the path of a value is made only for a
    /// repeated one's notice.
    private mutating func location(
        _ element: XMLElementRef, _ path: LentPath, _ locations: inout [LegacyStudyValues.LocationValues]
    ) {
        let index = locations.count
        let target = ParentPath(list: V2Paths.contactsLocations, index: index)
        var location = LegacyStudyValues.LocationValues()
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "facility": mapper.facility(child, childPath, &location, target)
            case "status": mapper.leaf(child, childPath, &location.status, target.appending("status"))
            case "contact", "contact_backup", "investigator":
                var contact = LegacyStudyValues.ContactValues()
                let contactIndex = location.contacts.count
                mapper.contact(child, childPath, &contact) {
                    ParentPath(list: target.appending("contacts"), index: contactIndex)
                }
                if !contact.isEmpty { location.contacts.append(consume contact) }
            default: return false
            }
            return true
        }
        // Moved rather than copied, as each element of a list is: a copy retains every value it holds.
        if !location.isEmpty { locations.append(consume location) }
    }

    private mutating func facility(
        _ element: XMLElementRef, _ path: LentPath, _ location: inout LegacyStudyValues.LocationValues,
        _ target: ParentPath
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "name": mapper.leaf(child, childPath, &location.facility, target.appending("facility"))
            case "address":
                mapper.forEachChild(of: child, childPath) { mapper, part, partPath in
                    switch part.name {
                    case "city": mapper.leaf(part, partPath, &location.city, target.appending("city"))
                    case "state": mapper.leaf(part, partPath, &location.state, target.appending("state"))
                    case "zip": mapper.leaf(part, partPath, &location.zip, target.appending("zip"))
                    case "country": mapper.leaf(part, partPath, &location.country, target.appending("country"))
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
    }

    /// A person (`contact_struct`, `investigator_struct`) as the element `target()` of a list of contacts:
    /// the element's path is made only for a repeated value's notice.
    private mutating func contact(
        _ element: XMLElementRef, _ path: LentPath, _ contact: inout LegacyStudyValues.ContactValues,
        _ target: () -> ParentPath
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "last_name": mapper.leaf(child, childPath, &contact.name, target().appending("name"))
            case "role": mapper.leaf(child, childPath, &contact.role, target().appending("role"))
            case "affiliation": mapper.leaf(child, childPath, &contact.affiliation, target().appending("affiliation"))
            case "phone": mapper.leaf(child, childPath, &contact.phone, target().appending("phone"))
            case "email": mapper.leaf(child, childPath, &contact.email, target().appending("email"))
            case let name where Self.unmodelledPersonParts.contains(name): break
            default: return false
            }
            return true
        }
    }

    // MARK: Values written in a legacy form

    /// `<phase>`: "Phase 1/Phase 2" is the two phases PHASE1 and PHASE2, each at its own position.
    private mutating func phases(_ element: XMLElementRef, _ path: LentPath, _ phases: inout [Value]) {
        checkLeaf(element, path)
        let whole = element.text.trimmed
        // "N/A" holds a slash but is one value.
        let parts = Phase(spelling: whole) != nil
            ? ValuePart.whole(Substring(element.text)).map { [$0] } ?? []
            : ValuePart.split(Substring(element.text), separator: "/")
        for part in parts {
            append(part.text, at: position(in: element, offset: part.offset), to: &phases)
        }
    }

    /// `<study_type>`: "Observational [Patient Registry]" is an observational study and a patient registry.
    private mutating func studyType(_ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues) {
        checkLeaf(element, path)
        leaf(element, path, &values.studyType, V2Paths.designStudyType)
        let text = element.text
        if StudyType(spelling: text.trimmed) == .observational,
            let bracket = text.utf8.firstIndex(of: UInt8(ascii: "["))
        {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: bracket) + 1
            fill(
                "Yes", at: position(in: element, offset: offset), from: element, path.xmlPath,
                into: &values.patientRegistry, V2Paths.designPatientRegistry)
        }
    }

    /// `<masking>`: "Triple (Participant, Care Provider, Investigator)" is the masking level and the
    /// parties masked; "None (Open Label)" is only a level.
    private mutating func masking(
        _ element: XMLElementRef, _ path: LentPath, _ text: Substring, offset: Int, _ values: inout LegacyStudyValues
    ) {
        let whole = String(text).trimmed
        guard Masking(spelling: whole) == nil, let open = text.firstIndex(of: "("),
            let close = text.lastIndex(of: ")"), open < close
        else {
            if let part = ValuePart.whole(text, startingAt: offset) {
                fill(
                    part.text, at: position(in: element, offset: part.offset), from: element, path.xmlPath,
                    into: &values.masking, V2Paths.designInfoMaskingInfoMasking)
            }
            return
        }
        let levelText = text[..<open]
        if let level = ValuePart.whole(levelText, startingAt: offset) {
            fill(
                level.text, at: position(in: element, offset: level.offset), from: element, path.xmlPath,
                into: &values.masking, V2Paths.designInfoMaskingInfoMasking)
        }
        let innerOffset = offset + text.utf8.distance(from: text.startIndex, to: text.index(after: open))
        for party in ValuePart.split(text[text.index(after: open)..<close], separator: ",", startingAt: innerOffset) {
            append(party.text, at: position(in: element, offset: party.offset), to: &values.whoMasked)
        }
    }

    /// The fields an item of the earliest `<study_design>` can set.
    private enum DesignItem {
        case allocation, interventionModel, primaryPurpose, observationalModel, timePerspective

        /// The slot the item fills, and the v2 path of its field.
        var field: (slot: WritableKeyPath<LegacyStudyValues, Value?>, target: FieldPath) {
            switch self {
            case .allocation: (\.allocation, V2Paths.designInfoAllocation)
            case .interventionModel: (\.interventionModel, V2Paths.designInfoInterventionModel)
            case .primaryPurpose: (\.primaryPurpose, V2Paths.designInfoPrimaryPurpose)
            case .observationalModel: (\.observationalModel, V2Paths.designInfoObservationalModel)
            case .timePerspective: (\.timePerspective, V2Paths.designInfoTimePerspective)
            }
        }
    }

    /// The labels of the items of the earliest `<study_design>`, with the field each sets (`nil` for
    /// none, or for masking, which `masking` reads).
    private static let designLabels: [(label: String, item: DesignItem?)] = [
        ("Allocation", .allocation), ("Endpoint Classification", nil), ("Intervention Model", .interventionModel),
        ("Masking", nil), ("Primary Purpose", .primaryPurpose), ("Observational Model", .observationalModel),
        ("Time Perspective", .timePerspective),
    ]

    /// `<study_design>` of the earliest public.xsd: one line such as "Allocation: Randomized, Endpoint
    /// Classification: Safety Study, Intervention Model: Parallel Assignment, Masking: Double Blind
    /// (Subject, Investigator), Primary Purpose: Treatment".
    private mutating func legacyStudyDesign(
        _ element: XMLElementRef, _ path: LentPath, _ values: inout LegacyStudyValues
    ) {
        checkLeaf(element, path)
        let text = element.text
        let utf8 = Array(text.utf8)
        // Each item starts with a known label, at the start or after ", ".
        var items: [(label: String, item: DesignItem?, valueStart: Int)] = []
        var i = 0
        while i < utf8.count {
            let atItemStart = i == 0 || (i >= 2 && utf8[i - 2] == UInt8(ascii: ",") && utf8[i - 1] == UInt8(ascii: " "))
            if atItemStart,
                let match = Self.designLabels.first(where: { utf8[i...].starts(with: Array(($0.label + ": ").utf8)) })
            {
                items.append((match.label, match.item, i + match.label.utf8.count + 2))
                i += match.label.utf8.count + 2
            } else {
                i += 1
            }
        }
        guard !items.isEmpty else {
            keepUnexpected(element, path.xmlPath)
            return
        }
        for (k, item) in items.enumerated() {
            var end = k + 1 < items.count ? items[k + 1].valueStart - items[k + 1].label.utf8.count - 2 : utf8.count
            if end >= 2, utf8[end - 2] == UInt8(ascii: ","), utf8[end - 1] == UInt8(ascii: " ") { end -= 2 }
            let value = Substring(decoding: utf8[item.valueStart..<max(end, item.valueStart)], as: UTF8.self)
            if item.label == "Masking" {
                masking(element, path, value, offset: item.valueStart, &values)
            } else if let field = item.item?.field, let part = ValuePart.whole(value, startingAt: item.valueStart) {
                fill(
                    part.text, at: position(in: element, offset: part.offset), from: element, path.xmlPath,
                    into: &values[keyPath: field.slot], field.target)
            }
        }
    }

    // MARK: Dates

    /// A variable-date element (`<start_date type="Anticipated">May 2019</start_date>`).
    private mutating func dateStruct(
        _ element: XMLElementRef, _ path: LentPath, _ date: inout LegacyStudyValues.DateValues,
        _ datePath: FieldPath, _ typePath: FieldPath
    ) {
        checkLeaf(element, path, allowing: Self.typeAttribute)
        fill(element.text, at: element.contentPosition, from: element, path.xmlPath, into: &date.date, datePath)
        if let type = element.attribute("type") {
            fill(
                type.value, at: type.position, from: element, path.xmlPath.child("@type"), into: &date.type, typePath)
        }
    }

    // MARK: Values

    /// A simple element whose text is the value of a field, stored as `fill` stores it.
    private mutating func leaf(
        _ element: XMLElementRef, _ path: LentPath, _ slot: inout Value?, _ target: @autoclosure () -> FieldPath
    ) {
        checkLeaf(element, path)
        fill(element.text, at: element.contentPosition, from: element, path.xmlPath, into: &slot, target())
    }

    /// A repeated simple element: the next item of `list`.
    private mutating func listItem(_ element: XMLElementRef, _ path: LentPath, _ list: inout [Value]) {
        checkLeaf(element, path)
        append(element.text, at: element.contentPosition, to: &list)
    }

    /// A text block element: its one `<textblock>` child holds the text.
    private mutating func textblock(
        _ element: XMLElementRef, _ path: LentPath, _ slot: inout Value?, _ target: FieldPath
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            guard child.name == "textblock" else { return false }
            mapper.leaf(child, childPath, &slot, target)
            return true
        }
    }

    /// Stores a non-empty value in an empty `slot`; a second value is kept in extras with a notice that
    /// names `target`, the v2 path of the field, which is made only then, as is the element's `path`.
    private mutating func fill(
        _ text: String, at position: SourcePosition?, from element: XMLElementRef, _ path: @autoclosure () -> XMLPath,
        into slot: inout Value?, _ target: @autoclosure () -> FieldPath
    ) {
        guard !text.isBlank else { return }
        guard slot == nil else {
            keepRepeated(text, at: position, from: element, path(), target: target())
            return
        }
        slot = Value(text: text, position: position)
    }

    /// Adds a non-empty value at the end of `list`.
    private func append(_ text: String, at position: SourcePosition?, to list: inout [Value]) {
        guard !text.isBlank else { return }
        list.append(Value(text: text, position: position))
    }

    /// Keeps, as unexpected, the children and the attributes other than `allowed` of an element that
    /// should hold only text; its path is made only when there are any.
    private mutating func checkLeaf(
        _ element: XMLElementRef, _ path: LentPath, allowing allowed: Set<String> = []
    ) {
        guard !element.children.isEmpty || element.attributes.contains(where: { !allowed.contains($0.name) })
        else { return }
        checkLeaf(element, path.xmlPath, allowing: allowed)
    }

    /// Walks the children of a structure, each lent in place; `body` returns `false` for a child it
    /// does not know.
    private mutating func forEachChild(
        of element: XMLElementRef, _ path: LentPath, _ body: (inout Self, XMLElementRef, LentPath) -> Bool
    ) {
        if !element.attributes.isEmpty {
            let path = path.xmlPath
            for attribute in element.attributes where !takeAttribute(attribute, of: path) {
                keepUnexpected(attribute, of: path)
            }
        }
        if !element.text.isBlank { keepStrayText(element, path.xmlPath) }
        let children = element.children
        guard !children.isEmpty else { return }
        withUnsafePointer(to: path) { parent in
            children.withUnsafeBufferPointer { children in
                for i in children.indices {
                    let child = XMLElementRef(pointer: children.baseAddress! + i)
                    let childPath = LentPath(parent: parent, element: child.pointer)
                    if !body(&self, child, childPath) { keepUnexpected(child, childPath.xmlPath) }
                }
            }
        }
    }
}
