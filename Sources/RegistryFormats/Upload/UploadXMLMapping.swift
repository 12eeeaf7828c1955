import RegistryModel

/// Translates one `<clinical_study>` of a PRS upload file (ProtocolRecordSchema.xsd) into API v2 paths.
///
/// The upload vocabulary differs from the legacy public XML one: `last_follow_up_date` is the completion
/// date, `primary_compl_date` the primary completion date, `interventional_subtype` the primary purpose,
/// masking is one yes/no element per party, dates are `YYYY-MM` or `YYYY-MM-DD`, text blocks hold their
/// text in `<textblock>`. Values of elements with a documented vocabulary (`UploadVocabulary`) are stored
/// as the model code they mean; a value outside its vocabulary is kept as written and, when the reader
/// validates, reported as a schema violation. `org_name`, the short name of the PRS account, is the
/// closest the upload has to the organisation's name and is read as it. Elements the model leaves out
/// (oversight, IND, IPD sharing, links, references, documents, results) are passed over; anything else
/// unknown is kept in `extras` with a notice.
struct UploadXMLMapper: XMLFieldMapping {
    static let schemaName = "ProtocolRecordSchema.xsd"

    /// Children of `<clinical_study>` whose content the model leaves out. The tree builder does not even
    /// keep their content.
    static let unmodelledSubtrees: Set<String> = [
        "ind_info", "oversight_info", "ipd_sharing_statement", "link", "reference", "study_document", "result",
        "resultDisposition",
    ]

    /// Leaf children of `<clinical_study>` the model leaves out: regulatory flags.
    private static let unmodelledLeaves: Set<String> = [
        "is_fda_regulated", "is_section_801", "delayed_posting", "is_ind_study",
    ]

    let document: SourceDocument
    var store = V2FieldStore()
    var extras: [ExtraField] = []
    var notices: [ReadNotice] = []
    /// Values outside their element's vocabulary.
    private(set) var vocabularyViolations: [SchemaViolation] = []
    /// `<clinical_study partial_upload="true">`.
    private(set) var isPartialUpload = false

    init(document: SourceDocument) {
        self.document = document
    }

    /// `delete="true"` asks the PRS to delete an element's data in a partial upload; the model has no
    /// place for deletions, so the request is kept in extras with a notice. `delete="false"` is the default.
    mutating func takeAttribute(_ attribute: XMLElementNode.Attribute, of path: XMLPath) -> Bool {
        guard attribute.name == "delete" else { return false }
        if UploadXMLMapper.isTrue(attribute.value) {
            let attributePath = path + "/@delete"
            let value = TextField(attribute.value, path: FieldPath(attributePath), position: attribute.position)
            extras.append(ExtraField(key: attributePath, value: value))
            notices.append(ReadNotice(
                kind: .unknownField, message: "<\(path.name)> asks the PRS to delete its data, which the record model cannot say; kept in extras",
                origin: value.origin))
        }
        return true
    }

    /// Maps one study.
    mutating func map(_ study: XMLElementNode) {
        let path = XMLPath(root: "clinical_study")
        for attribute in study.attributes where !attribute.name.hasPrefix("xmlns") && !attribute.name.hasPrefix("xsi:") {
            if attribute.name == "partial_upload" {
                isPartialUpload = UploadXMLMapper.isTrue(attribute.value)
            } else {
                keepUnexpected(attribute, of: path)
            }
        }
        keepStrayText(study, path)
        let status = FieldPath.statusModule
        let identification = FieldPath.identificationModule
        for child in study.children {
            let childPath = path.child(child.name)
            switch child.name {
            case "id_info": idInfo(child, childPath)
            case "brief_title": leaf(child, childPath, identification.appending("briefTitle"))
            case "acronym": leaf(child, childPath, identification.appending("acronym"))
            case "official_title": leaf(child, childPath, identification.appending("officialTitle"))
            case "sponsors": sponsors(child, childPath)
            case "brief_summary": textblock(child, childPath, .briefSummary)
            case "detailed_description": textblock(child, childPath, .detailedDescription)
            case "overall_status":
                coded(child, childPath, status.appending("overallStatus"), UploadVocabulary.overallStatus)
            case "expanded_access_status":
                coded(child, childPath, status.appending("overallStatus"), UploadVocabulary.expandedAccessStatus)
            case "why_stopped": leaf(child, childPath, status.appending("whyStopped"))
            case "verification_date": leaf(child, childPath, status.appending("statusVerifiedDate"))
            case "start_date": leaf(child, childPath, status.appending("startDateStruct.date"))
            case "start_date_type":
                coded(child, childPath, status.appending("startDateStruct.type"), UploadVocabulary.dateType)
            // Deprecated: the completion date before `last_follow_up_date`; a record with both repeats the date.
            case "end_date", "last_follow_up_date": leaf(child, childPath, status.appending("completionDateStruct.date"))
            case "last_follow_up_date_type":
                coded(child, childPath, status.appending("completionDateStruct.type"), UploadVocabulary.dateType)
            case "primary_compl_date": leaf(child, childPath, status.appending("primaryCompletionDateStruct.date"))
            case "primary_compl_date_type":
                coded(child, childPath, status.appending("primaryCompletionDateStruct.type"), UploadVocabulary.dateType)
            case "study_design": studyDesign(child, childPath)
            case "primary_outcome": outcome(child, childPath, "primaryOutcomes")
            case "secondary_outcome": outcome(child, childPath, "secondaryOutcomes")
            case "other_outcome": outcome(child, childPath, "otherOutcomes")
            case "enrollment": leaf(child, childPath, .designModule.appending("enrollmentInfo.count"))
            case "enrollment_type":
                coded(child, childPath, .designModule.appending("enrollmentInfo.type"), UploadVocabulary.enrollmentType)
            case "condition": listItem(child, childPath, .conditionsModule.appending("conditions"))
            case "keyword": listItem(child, childPath, .conditionsModule.appending("keywords"))
            case "arm_group": armGroup(child, childPath)
            case "intervention": intervention(child, childPath)
            case "eligibility": eligibility(child, childPath)
            case "overall_official":
                person(child, childPath, next(.contactsLocationsModule.appending("overallOfficials")), roles: UploadVocabulary.officialRole)
            case "overall_contact", "overall_contact_backup":
                person(child, childPath, next(.contactsLocationsModule.appending("centralContacts")), roles: nil)
            case "location": location(child, childPath)
            case let name where Self.unmodelledSubtrees.contains(name) || Self.unmodelledLeaves.contains(name):
                continue
            default:
                keepUnexpected(child, childPath)
            }
        }
    }

    // MARK: Structures

    private mutating func idInfo(_ element: XMLElementNode, _ path: XMLPath) {
        let module = FieldPath.identificationModule
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "org_name": mapper.leaf(child, childPath, module.appending("organization.fullName"))
            case "org_study_id": mapper.leaf(child, childPath, module.appending("orgStudyIdInfo.id"))
            case "secondary_id":
                let target = mapper.next(module.appending("secondaryIdInfos"))
                mapper.forEachChild(of: child, childPath) { mapper, part, partPath in
                    switch part.name {
                    case "id": mapper.leaf(part, partPath, target.appending("id"))
                    case "id_type", "id_domain": break
                    default: return false
                    }
                    return true
                }
            // For the PRS's own use; senders may leave them out or blank.
            case "provider_name", "provider_study_id": break
            default: return false
            }
            return true
        }
    }

    private mutating func sponsors(_ element: XMLElementNode, _ path: XMLPath) {
        let module = FieldPath.sponsorCollaboratorsModule
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "lead_sponsor": mapper.agency(child, childPath, module.appending("leadSponsor"))
            case "collaborator": mapper.agency(child, childPath, mapper.next(module.appending("collaborators")))
            case "resp_party":
                mapper.forEachChild(of: child, childPath) { mapper, part, partPath in
                    switch part.name {
                    case "resp_party_type":
                        mapper.coded(
                            part, partPath, module.appending("responsibleParty.type"),
                            UploadVocabulary.responsiblePartyType)
                    case "investigator_username", "investigator_title", "investigator_affiliation", "name_title",
                        "organization", "phone", "phone_ext", "email":
                        break
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
    }

    private mutating func agency(_ element: XMLElementNode, _ path: XMLPath, _ target: FieldPath) {
        forEachChild(of: element, path) { mapper, child, childPath in
            guard child.name == "agency" else { return false }
            mapper.leaf(child, childPath, target.appending("name"))
            return true
        }
    }

    private mutating func studyDesign(_ element: XMLElementNode, _ path: XMLPath) {
        let module = FieldPath.designModule
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "study_type": mapper.coded(child, childPath, module.appending("studyType"), UploadVocabulary.studyType)
            case "interventional_design": mapper.interventionalDesign(child, childPath)
            case "observational_design": mapper.observationalDesign(child, childPath)
            case "no_exp_acc_type", "exp_acc_type_individual", "exp_acc_type_intermediate", "exp_acc_type_treatment":
                mapper.check(child, childPath, UploadVocabulary.yesNo)
            default: return false
            }
            return true
        }
    }

    private mutating func interventionalDesign(_ element: XMLElementNode, _ path: XMLPath) {
        let module = FieldPath.designModule
        let info = module.appending("designInfo")
        /// The masking elements, read once all are known.
        var noMasking: (element: XMLElementNode, says: Bool)?
        var masked: [(element: XMLElementNode, party: WhoMasked)] = []
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "interventional_subtype":
                mapper.coded(child, childPath, info.appending("primaryPurpose"), UploadVocabulary.primaryPurpose)
            case "phase": mapper.phase(child, childPath)
            case "assignment":
                mapper.coded(child, childPath, info.appending("interventionModel"), UploadVocabulary.interventionModel)
            case "model_description": mapper.textblock(child, childPath, info.appending("interventionModelDescription"))
            case "allocation": mapper.coded(child, childPath, info.appending("allocation"), UploadVocabulary.allocation)
            // Deprecated: one masking level in words.
            case "masking": mapper.leaf(child, childPath, info.appending("maskingInfo.masking"))
            case "no_masking":
                if let value = mapper.check(child, childPath, UploadVocabulary.yesNo) { noMasking = (child, value) }
            case "masked_subject", "masked_caregiver", "masked_investigator", "masked_assessor":
                let party: WhoMasked = switch child.name {
                case "masked_subject": .participant
                case "masked_caregiver": .careProvider
                case "masked_investigator": .investigator
                default: .outcomesAssessor
                }
                if mapper.check(child, childPath, UploadVocabulary.yesNo) == true { masked.append((child, party)) }
            case "masking_description":
                mapper.textblock(child, childPath, info.appending("maskingInfo.maskingDescription"))
            case "number_of_arms": mapper.leaf(child, childPath, module.appending("numberOfArms"))
            case "control", "endpoint": break
            default: return false
            }
            return true
        }
        // The level is the number of parties masked, told where the first of them is said.
        let maskingPath = info.appending("maskingInfo")
        let level: Masking? = switch masked.count {
        case 1: .single
        case 2: .double
        case 3: .triple
        case 4: .quadruple
        default: noMasking?.says == true ? Masking.none : nil
        }
        if let level, let said = masked.first?.element ?? noMasking?.element {
            set(maskingPath.appending("masking"), level.rawValue, at: said.contentPosition, from: said, path)
        }
        for (party, (child, who)) in masked.enumerated() {
            set(maskingPath.appending("whoMasked").index(party), who.rawValue, at: child.contentPosition, from: child,
                path.child(child.name))
        }
    }

    private mutating func observationalDesign(_ element: XMLElementNode, _ path: XMLPath) {
        let module = FieldPath.designModule
        let info = module.appending("designInfo")
        var quantity: XMLElementNode?
        var units: XMLElementNode?
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "observational_study_design":
                mapper.coded(child, childPath, info.appending("observationalModel"), UploadVocabulary.observationalModel)
            case "biospecimen_retention":
                mapper.coded(child, childPath, module.appending("bioSpec.retention"), UploadVocabulary.bioSpecRetention)
            case "biospecimen_description": mapper.textblock(child, childPath, module.appending("bioSpec.description"))
            case "timing": mapper.coded(child, childPath, info.appending("timePerspective"), UploadVocabulary.timePerspective)
            case "number_of_groups": mapper.leaf(child, childPath, module.appending("numberOfGroups"))
            case "patient_registry":
                if let value = mapper.check(child, childPath, UploadVocabulary.yesNoTrueFalse) {
                    mapper.set(module.appending("patientRegistry"), value ? "Yes" : "No", at: child.contentPosition,
                        from: child, childPath)
                }
            case "target_duration_quantity":
                mapper.checkLeaf(child, childPath)
                quantity = child
            case "target_duration_units":
                if mapper.check(child, childPath, UploadVocabulary.durationUnits) != nil { units = child }
            default: return false
            }
            return true
        }
        // v2 writes the target duration as one value, "2 Years".
        if let quantity, !quantity.text.isBlank {
            let text = [quantity.text.trimmed, units?.text.trimmed].compactMap { $0 }.joined(separator: " ")
            set(module.appending("targetDuration"), text, at: quantity.contentPosition, from: quantity,
                path.child("target_duration_quantity"))
        }
    }

    private mutating func outcome(_ element: XMLElementNode, _ path: XMLPath, _ list: String) {
        let target = next(.outcomesModule.appending(list))
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "outcome_measure": mapper.leaf(child, childPath, target.appending("measure"))
            case "outcome_time_frame": mapper.leaf(child, childPath, target.appending("timeFrame"))
            case "outcome_description": mapper.textblock(child, childPath, target.appending("description"))
            case "outcome_safety_issue": break
            default: return false
            }
            return true
        }
    }

    private mutating func armGroup(_ element: XMLElementNode, _ path: XMLPath) {
        let target = next(.armsInterventionsModule.appending("armGroups"))
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "arm_group_label": mapper.leaf(child, childPath, target.appending("label"))
            case "arm_type": mapper.coded(child, childPath, target.appending("type"), UploadVocabulary.armType)
            case "arm_group_description": mapper.textblock(child, childPath, target.appending("description"))
            default: return false
            }
            return true
        }
    }

    private mutating func intervention(_ element: XMLElementNode, _ path: XMLPath) {
        let target = next(.armsInterventionsModule.appending("interventions"))
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "intervention_type":
                mapper.coded(child, childPath, target.appending("type"), UploadVocabulary.interventionType)
            case "intervention_name": mapper.leaf(child, childPath, target.appending("name"))
            case "intervention_description": mapper.textblock(child, childPath, target.appending("description"))
            case "arm_group_label": mapper.listItem(child, childPath, target.appending("armGroupLabels"))
            case "intervention_other_name": mapper.listItem(child, childPath, target.appending("otherNames"))
            default: return false
            }
            return true
        }
    }

    private mutating func eligibility(_ element: XMLElementNode, _ path: XMLPath) {
        let module = FieldPath.eligibilityModule
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "criteria": mapper.textblock(child, childPath, module.appending("eligibilityCriteria"))
            case "study_population": mapper.textblock(child, childPath, module.appending("studyPopulation"))
            case "sampling_method":
                mapper.coded(child, childPath, module.appending("samplingMethod"), UploadVocabulary.samplingMethod)
            case "gender": mapper.coded(child, childPath, module.appending("sex"), UploadVocabulary.sex)
            case "gender_based", "healthy_volunteers":
                if let value = mapper.check(child, childPath, UploadVocabulary.yesNo) {
                    let name = child.name == "gender_based" ? "genderBased" : "healthyVolunteers"
                    mapper.set(module.appending(name), value ? "Yes" : "No", at: child.contentPosition, from: child,
                        childPath)
                }
            case "gender_description": break
            case "minimum_age", "maximum_age":
                // "N/A" says there is no limit, which API v2 says by leaving the field out.
                guard child.text.trimmed != "N/A" else {
                    mapper.checkLeaf(child, childPath)
                    break
                }
                mapper.leaf(child, childPath, module.appending(child.name == "minimum_age" ? "minimumAge" : "maximumAge"))
            default: return false
            }
            return true
        }
    }

    /// An overall official or contact, a location's contact or investigator. The upload splits the name
    /// (first, middle and last name, degrees); the model holds it whole, as v2 does ("Jane A Doe, MD"),
    /// at the position of its first part.
    private mutating func person(
        _ element: XMLElementNode, _ path: XMLPath, _ target: FieldPath, roles: UploadTerms<OfficialRole>?
    ) {
        var parts: [String: XMLElementNode] = [:]
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "first_name", "middle_name", "last_name", "degrees":
                mapper.checkLeaf(child, childPath)
                if !child.text.isBlank { parts[child.name] = child }
            case "role" where roles != nil: mapper.coded(child, childPath, target.appending("role"), roles!)
            case "affiliation": mapper.leaf(child, childPath, target.appending("affiliation"))
            case "phone": mapper.leaf(child, childPath, target.appending("phone"))
            case "email": mapper.leaf(child, childPath, target.appending("email"))
            case "phone_ext": break
            default: return false
            }
            return true
        }
        let names = ["first_name", "middle_name", "last_name"].compactMap { parts[$0] }
        guard let first = names.first ?? parts["degrees"] else { return }
        var name = names.map(\.text.trimmed).joined(separator: " ")
        if let degrees = parts["degrees"] { name += (name.isEmpty ? "" : ", ") + degrees.text.trimmed }
        set(target.appending("name"), name, at: first.contentPosition, from: first, path.child(first.name))
    }

    private mutating func location(_ element: XMLElementNode, _ path: XMLPath) {
        let target = next(.contactsLocationsModule.appending("locations"))
        forEachChild(of: element, path) { mapper, child, childPath in
            switch child.name {
            case "facility":
                mapper.forEachChild(of: child, childPath) { mapper, part, partPath in
                    switch part.name {
                    case "name": mapper.leaf(part, partPath, target.appending("facility"))
                    case "address":
                        mapper.forEachChild(of: part, partPath) { mapper, line, linePath in
                            guard ["city", "state", "zip", "country"].contains(line.name) else { return false }
                            mapper.leaf(line, linePath, target.appending(line.name))
                            return true
                        }
                    default: return false
                    }
                    return true
                }
            case "status": mapper.coded(child, childPath, target.appending("status"), UploadVocabulary.siteStatus)
            case "contact", "contact_backup":
                mapper.person(child, childPath, mapper.next(target.appending("contacts")), roles: nil)
            case "investigator":
                mapper.person(child, childPath, mapper.next(target.appending("contacts")), roles: UploadVocabulary.investigatorRole)
            default: return false
            }
            return true
        }
    }

    // MARK: Values of a vocabulary

    /// `<phase>`: "Phase 1/2" is the two phases PHASE1 and PHASE2.
    private mutating func phase(_ element: XMLElementNode, _ path: XMLPath) {
        checkLeaf(element, path)
        let list = FieldPath.designModule.appending("phases")
        guard let phases = vocabularyValue(element, path, UploadVocabulary.phase) else {
            if !element.text.isBlank { set(next(list), element.text.trimmed, at: element.contentPosition, from: element, path) }
            return
        }
        for phase in phases ?? [] { set(next(list), phase.rawValue, at: element.contentPosition, from: element, path) }
    }

    /// A leaf whose value is a code of the model: stored as the code its spelling means, or as written.
    private mutating func coded<Code: RegistryCode>(
        _ element: XMLElementNode, _ path: XMLPath, _ target: FieldPath, _ terms: UploadTerms<Code>
    ) {
        checkLeaf(element, path)
        let code = vocabularyValue(element, path, terms)
        set(target, (code ?? nil)?.rawValue ?? element.text.trimmed, at: element.contentPosition, from: element, path)
    }

    /// A leaf of a vocabulary whose value is read by its caller; `nil` when it is empty or outside.
    @discardableResult
    private mutating func check<Value>(_ element: XMLElementNode, _ path: XMLPath, _ terms: UploadTerms<Value>) -> Value? {
        checkLeaf(element, path)
        return vocabularyValue(element, path, terms) ?? nil
    }

    /// What the element's text means in `terms`: `nil` when it is empty or outside the vocabulary (which
    /// is a schema violation), `.some(nil)` for a listed spelling with no model value.
    private mutating func vocabularyValue<Value>(
        _ element: XMLElementNode, _ path: XMLPath, _ terms: UploadTerms<Value>
    ) -> Value?? {
        guard !element.text.isBlank else { return nil }
        if let value = terms.value(of: element.text) { return value }
        vocabularyViolations.append(SchemaViolation(
            message: terms.outside(element.text, in: element.name),
            origin: Origin(path: FieldPath(path.string), position: element.contentPosition),
            end: document.position(from: element.contentPosition, decodedOffset: element.text.utf8.count)))
        return nil
    }

    /// xs:boolean's true: `true` or `1`.
    private static func isTrue(_ value: String) -> Bool {
        let trimmed = value.trimmed
        return trimmed == "true" || trimmed == "1"
    }
}
