import RegistryModel

/// Translates a legacy `<clinical_study>` record (public.xsd) into API v2 paths, following the mapping
/// of registry-facts.md §2.4.
///
/// Values keep the text the record holds and the position where it starts. Elements of public.xsd
/// (and of its earlier versions) that the model deliberately leaves out, such as results, references
/// and browse terms, are passed over; anything else the record holds that this mapping does not
/// know is kept in `extras` with a notice.
struct LegacyXMLMapper: XMLFieldMapping {
    /// Children of `<clinical_study>` whose content the model leaves out. The tree builder does not
    /// even keep their content.
    static let unmodelledSubtrees: Set<String> = [
        "required_header", "oversight_info", "expanded_access_info", "location_countries", "removed_countries",
        "link", "reference", "results_reference", "condition_browse", "intervention_browse", "patient_data",
        "study_docs", "provided_document_section", "pending_results", "clinical_results",
    ]

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

    let document: SourceDocument
    var store = V2FieldStore()
    var extras: [ExtraField] = []
    var notices: [ReadNotice] = []

    init(document: SourceDocument) {
        self.document = document
    }

    /// Maps the record's root element.
    mutating func map(_ study: XMLElementNode) {
        let path = XMLPath(root: "clinical_study")
        for attribute in study.attributes
        where attribute.name != "rank" && attribute.name != "xmlns" && !attribute.name.hasPrefix("xmlns:")
            && !attribute.name.hasPrefix("xsi:")
        {
            keepUnexpected(attribute, of: path)
        }
        keepStrayText(study, path)
        var hasResults = false
        var firstReceived: (element: XMLElementNode, path: XMLPath)?
        let parent = XMLPath.Parent(path)
        // Through the array's buffer, so that each child is lent rather than copied out of the array.
        study.children.withUnsafeBufferPointer { children in
            for i in children.indices {
                let childPath = XMLPath(parent: parent, name: children[i].name)
                mapRootChild(children[i], childPath, hasResults: &hasResults, firstReceived: &firstReceived)
            }
        }
        // The registry put `clinical_results` in every record with posted results.
        if !hasResults { store.set("hasResults", "No", at: nil) }
        // Records of 2017 carry the old name of the first-submitted date next to the new one, with the
        // same date; older records carry only the old name.
        let submitted = V2Paths.statusStudyFirstSubmitDate
        if let (element, path) = firstReceived,
            store.entry(submitted)?.text.trimmed != element.text.trimmed
        {
            leaf(element, path, submitted)
        }
    }

    /// Maps a child of `<clinical_study>`; `<firstreceived_date>` waits in `firstReceived` for the end.
    private mutating func mapRootChild(
        _ child: XMLElementNode, _ childPath: XMLPath, hasResults: inout Bool,
        firstReceived: inout (element: XMLElementNode, path: XMLPath)?
    ) {
        guard let entry = Self.rootChildren[child.name] else {
            keepUnexpected(child, childPath)
            return
        }
        guard case .mapped(let mapped) = entry else { return }
        switch mapped {
        case .idInfo: idInfo(child, childPath)
        case .briefTitle: leaf(child, childPath, V2Paths.identificationBriefTitle)
        case .acronym: leaf(child, childPath, V2Paths.identificationAcronym)
        case .officialTitle: leaf(child, childPath, V2Paths.identificationOfficialTitle)
        case .sponsors: sponsors(child, childPath)
        case .source: leaf(child, childPath, V2Paths.identificationOrganizationFullName)
        case .briefSummary: textblock(child, childPath, .briefSummary)
        case .detailedDescription: textblock(child, childPath, .detailedDescription)
        case .overallStatus: leaf(child, childPath, V2Paths.statusOverallStatus)
        case .lastKnownStatus: leaf(child, childPath, V2Paths.statusLastKnownStatus)
        case .whyStopped: leaf(child, childPath, V2Paths.statusWhyStopped)
        case .startDate: dateStruct(child, childPath, V2Paths.statusStartDateStruct)
        case .completionDate: dateStruct(child, childPath, V2Paths.statusCompletionDateStruct)
        case .primaryCompletionDate:
            dateStruct(child, childPath, V2Paths.statusPrimaryCompletionDateStruct)
        case .verificationDate: leaf(child, childPath, V2Paths.statusStatusVerifiedDate)
        case .studyFirstSubmitted: leaf(child, childPath, V2Paths.statusStudyFirstSubmitDate)
        case .firstreceivedDate: firstReceived = (child, childPath)
        case .studyFirstPosted: dateStruct(child, childPath, V2Paths.statusStudyFirstPostDateStruct)
        case .lastUpdatePosted: dateStruct(child, childPath, V2Paths.statusLastUpdatePostDateStruct)
        case .phase: phases(child, childPath)
        case .studyType: studyType(child, childPath)
        case .studyDesignInfo: designInfo(child, childPath)
        case .studyDesign: legacyStudyDesign(child, childPath)
        case .targetDuration: leaf(child, childPath, V2Paths.designTargetDuration)
        case .primaryOutcome: outcome(child, childPath, V2Paths.outcomesPrimaryOutcomes)
        case .secondaryOutcome: outcome(child, childPath, V2Paths.outcomesSecondaryOutcomes)
        case .otherOutcome: outcome(child, childPath, V2Paths.outcomesOtherOutcomes)
        case .numberOfArms: leaf(child, childPath, V2Paths.designNumberOfArms)
        case .numberOfGroups: leaf(child, childPath, V2Paths.designNumberOfGroups)
        case .enrollment: enrollment(child, childPath)
        case .condition: listItem(child, childPath, V2Paths.conditionsConditions)
        case .keyword: listItem(child, childPath, V2Paths.conditionsKeywords)
        case .armGroup: armGroup(child, childPath)
        case .intervention: intervention(child, childPath)
        case .biospecRetention: leaf(child, childPath, V2Paths.designBioSpecRetention)
        case .biospecDescr: textblock(child, childPath, V2Paths.designBioSpecDescription)
        case .eligibility: eligibility(child, childPath)
        case .overallOfficial:
            person(child, childPath, nextElement(V2Paths.contactsOverallOfficials))
        case .overallContact, .overallContactBackup:
            person(child, childPath, nextElement(V2Paths.contactsCentralContacts))
        case .location: location(child, childPath)
        case .responsibleParty: responsibleParty(child, childPath)
        case .clinicalResults:
            hasResults = true
            store.set("hasResults", "Yes", at: child.contentPosition)
        }
    }

    // MARK: Structures

    private mutating func idInfo(_ element: XMLElementNode, _ path: XMLPath) {
        let module = ParentPath(.identificationModule)
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "nct_id": mapper.leaf(child, childPath, module.appending("nctId"))
            case "nct_alias": mapper.listItem(child, childPath, module.appending("nctIdAliases"))
            case "org_study_id": mapper.leaf(child, childPath, module.appending("orgStudyIdInfo.id"))
            case "secondary_id":
                mapper.leaf(child, childPath, mapper.nextElement(V2Paths.identificationSecondaryIdInfos).appending("id"))
            default: return false
            }
            return true
        }
    }

    private mutating func sponsors(_ element: XMLElementNode, _ path: XMLPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "lead_sponsor": mapper.agency(child, childPath, ParentPath(V2Paths.sponsorLeadSponsor))
            case "collaborator": mapper.agency(child, childPath, mapper.nextElement(V2Paths.sponsorCollaborators))
            default: return false
            }
            return true
        }
    }

    private mutating func agency(_ element: XMLElementNode, _ path: XMLPath, _ target: ParentPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "agency": mapper.leaf(child, childPath, target.appending("name"))
            case "agency_class": mapper.leaf(child, childPath, target.appending("class"))
            default: return false
            }
            return true
        }
    }

    private mutating func responsibleParty(_ element: XMLElementNode, _ path: XMLPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "responsible_party_type":
                mapper.leaf(child, childPath, V2Paths.sponsorResponsiblePartyType)
            case "name_title", "organization", "investigator_affiliation", "investigator_full_name",
                "investigator_title":
                break
            default: return false
            }
            return true
        }
    }

    private mutating func designInfo(_ element: XMLElementNode, _ path: XMLPath) {
        let info = ParentPath(V2Paths.designInfo)
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "allocation": mapper.leaf(child, childPath, info.appending("allocation"))
            case "intervention_model": mapper.leaf(child, childPath, info.appending("interventionModel"))
            case "intervention_model_description":
                mapper.leaf(child, childPath, info.appending("interventionModelDescription"))
            case "primary_purpose": mapper.leaf(child, childPath, info.appending("primaryPurpose"))
            case "observational_model": mapper.leaf(child, childPath, info.appending("observationalModel"))
            case "time_perspective": mapper.leaf(child, childPath, info.appending("timePerspective"))
            case "masking":
                mapper.checkLeaf(child, childPath)
                mapper.masking(child, childPath, Substring(child.text), offset: 0)
            case "masking_description":
                mapper.leaf(child, childPath, info.appending("maskingInfo.maskingDescription"))
            default: return false
            }
            return true
        }
    }

    private mutating func outcome(_ element: XMLElementNode, _ path: XMLPath, _ list: FieldPath) {
        let target = nextElement(list)
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "measure": mapper.leaf(child, childPath, target.appending("measure"))
            case "time_frame": mapper.leaf(child, childPath, target.appending("timeFrame"))
            case "description": mapper.leaf(child, childPath, target.appending("description"))
            case "safety_issue": break
            default: return false
            }
            return true
        }
    }

    private mutating func enrollment(_ element: XMLElementNode, _ path: XMLPath) {
        let info = ParentPath(V2Paths.designEnrollmentInfo)
        checkLeaf(element, path, allowing: ["type"])
        set(info.appending("count"), element.text, at: element.contentPosition, from: element, path)
        if let type = element.attribute("type") {
            set(info.appending("type"), type.value, at: type.position, from: element, path.child("@type"))
        }
    }

    private mutating func armGroup(_ element: XMLElementNode, _ path: XMLPath) {
        let target = nextElement(V2Paths.armsArmGroups)
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "arm_group_label": mapper.leaf(child, childPath, target.appending("label"))
            case "arm_group_type": mapper.leaf(child, childPath, target.appending("type"))
            case "description": mapper.leaf(child, childPath, target.appending("description"))
            default: return false
            }
            return true
        }
    }

    private mutating func intervention(_ element: XMLElementNode, _ path: XMLPath) {
        let target = nextElement(V2Paths.armsInterventions)
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "intervention_type": mapper.leaf(child, childPath, target.appending("type"))
            case "intervention_name": mapper.leaf(child, childPath, target.appending("name"))
            case "description": mapper.leaf(child, childPath, target.appending("description"))
            case "arm_group_label": mapper.listItem(child, childPath, target.appending("armGroupLabels"))
            case "other_name": mapper.listItem(child, childPath, target.appending("otherNames"))
            default: return false
            }
            return true
        }
    }

    private mutating func eligibility(_ element: XMLElementNode, _ path: XMLPath) {
        let module = ParentPath(.eligibilityModule)
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "criteria": mapper.textblock(child, childPath, module.appending("eligibilityCriteria"))
            case "study_pop": mapper.textblock(child, childPath, module.appending("studyPopulation"))
            case "sampling_method": mapper.leaf(child, childPath, module.appending("samplingMethod"))
            case "gender": mapper.leaf(child, childPath, module.appending("sex"))
            case "gender_based": mapper.leaf(child, childPath, module.appending("genderBased"))
            case "gender_description": break
            case "minimum_age", "maximum_age":
                // "N/A" says there is no limit, which API v2 says by leaving the field out.
                guard child.text.trimmed != "N/A" else { break }
                let name: StaticString = child.name == "minimum_age" ? "minimumAge" : "maximumAge"
                mapper.leaf(child, childPath, module.appending(name))
            case "healthy_volunteers": mapper.leaf(child, childPath, module.appending("healthyVolunteers"))
            default: return false
            }
            return true
        }
    }

    /// An overall official, a central contact, or a location's contact or investigator.
    private mutating func person(_ element: XMLElementNode, _ path: XMLPath, _ target: ParentPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "last_name": mapper.leaf(child, childPath, target.appending("name"))
            case "role": mapper.leaf(child, childPath, target.appending("role"))
            case "affiliation": mapper.leaf(child, childPath, target.appending("affiliation"))
            case "phone": mapper.leaf(child, childPath, target.appending("phone"))
            case "email": mapper.leaf(child, childPath, target.appending("email"))
            case let name where Self.unmodelledPersonParts.contains(name): break
            default: return false
            }
            return true
        }
    }

    /// A `<location>`, handed to the store whole (`V2FieldStore.LocationValues`): a record can list
    /// hundreds, and their values need no path of their own unless one is repeated.
    private mutating func location(_ element: XMLElementNode, _ path: XMLPath) {
        let index = store.locations.count
        var location = V2FieldStore.LocationValues()
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "facility": mapper.facility(child, childPath, &location, index)
            case "status": mapper.part(child, childPath, &location, .status, index)
            case "contact", "contact_backup", "investigator":
                var contact = V2FieldStore.ContactValues()
                mapper.contact(child, childPath, &contact, location: index, contact: location.contacts.count)
                if !contact.isEmpty { location.contacts.append(contact) }
            default: return false
            }
            return true
        }
        if !location.isEmpty { store.append(location: location) }
    }

    private mutating func facility(
        _ element: XMLElementNode, _ path: XMLPath, _ location: inout V2FieldStore.LocationValues, _ index: Int
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "name": mapper.part(child, childPath, &location, .facility, index)
            case "address":
                mapper.forEachChild(of: child, childPath) { mapper, part, partPath in
                    switch part.name {
                    case "city": mapper.part(part, partPath, &location, .city, index)
                    case "state": mapper.part(part, partPath, &location, .state, index)
                    case "zip": mapper.part(part, partPath, &location, .zip, index)
                    case "country": mapper.part(part, partPath, &location, .country, index)
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
    }

    /// A location's contact or investigator, as `person` maps it.
    private mutating func contact(
        _ element: XMLElementNode, _ path: XMLPath, _ contact: inout V2FieldStore.ContactValues, location: Int,
        contact index: Int
    ) {
        forEachChild(of: element, path) { mapper, child, childPath in
            let part: V2FieldStore.ContactValues.Part
            switch child.name {
            case "last_name": part = .name
            case "role": part = .role
            case "affiliation": part = .affiliation
            case "phone": part = .phone
            case "email": part = .email
            case let name where Self.unmodelledPersonParts.contains(name): return true
            default: return false
            }
            mapper.checkLeaf(child, childPath)
            mapper.fill(child, childPath, into: &contact[part]) {
                Self.locationPath(location).appending("contacts").index(index).appending(part.rawValue)
            }
            return true
        }
    }

    /// A simple element whose text is a value of a location, as `leaf` maps it.
    private mutating func part(
        _ element: XMLElementNode, _ path: XMLPath, _ location: inout V2FieldStore.LocationValues,
        _ part: V2FieldStore.LocationValues.Part, _ index: Int
    ) {
        checkLeaf(element, path)
        fill(element, path, into: &location[part]) { Self.locationPath(index).appending(part.rawValue) }
    }

    /// Stores a non-empty value in an empty `slot`, as `set` does; a second value is kept in extras with a
    /// notice that names the value's v2 path, which is built only then.
    private mutating func fill(
        _ element: XMLElementNode, _ path: XMLPath, into slot: inout V2FieldStore.Value?, target: () -> FieldPath
    ) {
        guard !element.text.isBlank else { return }
        guard slot != nil else {
            slot = V2FieldStore.Value(text: element.text, position: element.contentPosition)
            return
        }
        keepRepeated(element.text, at: element.contentPosition, from: element, path, target: target())
    }

    private static func locationPath(_ index: Int) -> FieldPath {
        V2Paths.contactsLocations.index(index)
    }

    // MARK: Values written in a legacy form

    /// `<phase>`: "Phase 1/Phase 2" is the two phases PHASE1 and PHASE2, each at its own position.
    private mutating func phases(_ element: XMLElementNode, _ path: XMLPath) {
        checkLeaf(element, path)
        let list = V2Paths.designPhases
        let whole = element.text.trimmed
        // "N/A" holds a slash but is one value.
        let parts = Phase(spelling: whole) != nil
            ? ValuePart.whole(Substring(element.text)).map { [$0] } ?? []
            : ValuePart.split(Substring(element.text), separator: "/")
        for part in parts {
            set(next(list), part.text, at: position(in: element, offset: part.offset), from: element, path)
        }
    }

    /// `<study_type>`: "Observational [Patient Registry]" is an observational study and a patient registry.
    private mutating func studyType(_ element: XMLElementNode, _ path: XMLPath) {
        checkLeaf(element, path)
        leaf(element, path, V2Paths.designStudyType)
        let text = element.text
        if StudyType(spelling: text.trimmed) == .observational,
            let bracket = text.utf8.firstIndex(of: UInt8(ascii: "["))
        {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: bracket) + 1
            set(V2Paths.designPatientRegistry, "Yes", at: position(in: element, offset: offset),
                from: element, path)
        }
    }

    /// `<masking>`: "Triple (Participant, Care Provider, Investigator)" is the masking level and the
    /// parties masked; "None (Open Label)" is only a level.
    private mutating func masking(_ element: XMLElementNode, _ path: XMLPath, _ text: Substring, offset: Int) {
        let info = FieldPath.designModule.appending("designInfo.maskingInfo")
        let whole = String(text).trimmed
        guard Masking(spelling: whole) == nil, let open = text.firstIndex(of: "("),
            let close = text.lastIndex(of: ")"), open < close
        else {
            if let part = ValuePart.whole(text, startingAt: offset) {
                set(info.appending("masking"), part.text, at: position(in: element, offset: part.offset),
                    from: element, path)
            }
            return
        }
        let levelText = text[..<open]
        if let level = ValuePart.whole(levelText, startingAt: offset) {
            set(info.appending("masking"), level.text, at: position(in: element, offset: level.offset),
                from: element, path)
        }
        let innerOffset = offset + text.utf8.distance(from: text.startIndex, to: text.index(after: open))
        for party in ValuePart.split(text[text.index(after: open)..<close], separator: ",", startingAt: innerOffset) {
            set(next(info.appending("whoMasked")), party.text, at: position(in: element, offset: party.offset),
                from: element, path)
        }
    }

    /// `<study_design>` of the earliest public.xsd: one line such as "Allocation: Randomized, Endpoint
    /// Classification: Safety Study, Intervention Model: Parallel Assignment, Masking: Double Blind
    /// (Subject, Investigator), Primary Purpose: Treatment".
    private mutating func legacyStudyDesign(_ element: XMLElementNode, _ path: XMLPath) {
        checkLeaf(element, path)
        let info = FieldPath.designModule.appending("designInfo")
        let targets: [(label: String, path: FieldPath?)] = [
            ("Allocation", info.appending("allocation")), ("Endpoint Classification", nil),
            ("Intervention Model", info.appending("interventionModel")), ("Masking", nil),
            ("Primary Purpose", info.appending("primaryPurpose")),
            ("Observational Model", info.appending("observationalModel")),
            ("Time Perspective", info.appending("timePerspective")),
        ]
        let text = element.text
        let utf8 = Array(text.utf8)
        // Each item starts with a known label, at the start or after ", ".
        var items: [(label: String, target: FieldPath?, valueStart: Int)] = []
        var i = 0
        while i < utf8.count {
            let atItemStart = i == 0 || (i >= 2 && utf8[i - 2] == UInt8(ascii: ",") && utf8[i - 1] == UInt8(ascii: " "))
            if atItemStart, let match = targets.first(where: { utf8[i...].starts(with: Array(($0.label + ": ").utf8)) }) {
                items.append((match.label, match.path, i + match.label.utf8.count + 2))
                i += match.label.utf8.count + 2
            } else {
                i += 1
            }
        }
        guard !items.isEmpty else {
            keepUnexpected(element, path)
            return
        }
        for (k, item) in items.enumerated() {
            var end = k + 1 < items.count ? items[k + 1].valueStart - items[k + 1].label.utf8.count - 2 : utf8.count
            if end >= 2, utf8[end - 2] == UInt8(ascii: ","), utf8[end - 1] == UInt8(ascii: " ") { end -= 2 }
            let value = Substring(decoding: utf8[item.valueStart..<max(end, item.valueStart)], as: UTF8.self)
            if item.label == "Masking" {
                masking(element, path, value, offset: item.valueStart)
            } else if let target = item.target, let part = ValuePart.whole(value, startingAt: item.valueStart) {
                set(target, part.text, at: position(in: element, offset: part.offset), from: element, path)
            }
        }
    }

    // MARK: Dates

    /// A variable-date element (`<start_date type="Anticipated">May 2019</start_date>`).
    private mutating func dateStruct(_ element: XMLElementNode, _ path: XMLPath, _ date: FieldPath) {
        let target = ParentPath(date)
        checkLeaf(element, path, allowing: ["type"])
        set(target.appending("date"), element.text, at: element.contentPosition, from: element, path)
        if let type = element.attribute("type") {
            set(target.appending("type"), type.value, at: type.position, from: element, path.child("@type"))
        }
    }
}
