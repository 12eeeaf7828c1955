import RegistryModel

/// Writes records as a PRS protocol upload file (ProtocolRecordSchema.xsd), ready for a sponsor to edit
/// and upload, whatever format they were read from.
///
/// Each record becomes one `<clinical_study>` of a `<prs:study_collection>`; a record that holds only
/// some of a study's data (`Record.isComplete` is false, as for a one-module export) becomes a PRS partial
/// upload (`partial_upload="true"`), which updates the elements it holds and leaves the others alone.
/// Values are spelled in the upload vocabulary (`UploadVocabulary`), dates as `YYYY-MM` or `YYYY-MM-DD`,
/// texts as `<textblock>`s holding the text exactly (reading the file back gives the same text).
///
/// The upload needs what public records never hold: `id_info/org_name`, the short name of the PRS account,
/// and an `org_study_id`. They are taken from the writer's settings, else from the record (its org study
/// id; its organisation's full name as the best available name), else written as a clearly marked
/// placeholder; each choice other than a setting comes with a note saying what to check or replace.
/// Whatever the upload format cannot carry as the record has it (a status the PRS does not take, a design
/// missing what the schema requires of it, a third central contact) is left out or adapted with a note,
/// so that the file always follows the schema and nothing changes silently.
public struct UploadXMLWriter: Sendable {
    /// Written for `org_name` when neither the settings nor the record give one.
    public static let orgNamePlaceholder = "REPLACE-WITH-PRS-ORGANIZATION"
    /// Written for `org_study_id` when neither the settings nor the record give one.
    public static let orgStudyIDPlaceholder = "REPLACE-WITH-ORG-STUDY-ID"

    /// What the writer changed, left out or could not know, for the sponsor to check.
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        /// `true` when the sponsor must act on it (a placeholder, a value left out or adapted); `false`
        /// for what is only worth knowing.
        public let isWarning: Bool
        /// The record the note is about: its NCT id, else its place in the input.
        public let record: String
        public let message: String

        public var description: String { "\(record): \(message)" }
    }

    /// A written file and its notes.
    public struct Output: Sendable {
        public let text: String
        public let notes: [Note]
    }

    /// The PRS organisation name to write, for every record.
    public var orgName: String?
    /// The org study id to write (for a file of one record).
    public var orgStudyID: String?

    public init(orgName: String? = nil, orgStudyID: String? = nil) {
        self.orgName = orgName
        self.orgStudyID = orgStudyID
    }

    /// The records as one upload file.
    public func write(_ records: [Record]) -> Output {
        var xml = XMLOut()
        xml.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        xml.line(#"<prs:study_collection xmlns:prs="\#(UploadXMLReader.namespace)">"#)
        var notes: [Note] = []
        for record in records {
            var study = UploadStudyWriter(record: record, settings: self, xml: xml)
            study.write()
            xml = study.xml
            notes += study.notes
        }
        xml.line("</prs:study_collection>")
        return Output(text: xml.text, notes: notes)
    }
}

/// Writes one study, collecting its notes.
private struct UploadStudyWriter {
    let record: Record
    let settings: UploadXMLWriter
    var xml: XMLOut
    var notes: [UploadXMLWriter.Note] = []

    private var study: Study { record.study }
    private var name: String { study.nctId ?? "\(record.source.path)#\(record.source.index + 1)" }

    mutating func note(_ message: String, isWarning: Bool = true) {
        notes.append(UploadXMLWriter.Note(isWarning: isWarning, record: name, message: message))
    }

    mutating func write() {
        // The upload has no place for the NCT id, which tells the sponsor which study this is.
        xml.comment("\(study.nctId ?? "no NCT id"): written by ctlint convert from \(record.source.format)", depth: 1)
        let partial = !record.isComplete
        let replacedBefore = xml.replacedCharacters
        xml.open("clinical_study", depth: 1, attributes: partial ? [("partial_upload", "true")] : [])
        idInfo()
        let identification = study.identification
        xml.leaf("brief_title", identification.briefTitle?.value, depth: 2)
        xml.leaf("acronym", identification.acronym?.value, depth: 2)
        xml.leaf("official_title", identification.officialTitle?.value, depth: 2)
        sponsors()
        xml.textblock("brief_summary", study.description.briefSummary?.value, depth: 2)
        xml.textblock("detailed_description", study.description.detailedDescription?.value, depth: 2)
        status()
        design()
        outcomes("primary_outcome", study.outcomes.primary)
        outcomes("secondary_outcome", study.outcomes.secondary)
        outcomes("other_outcome", study.outcomes.other)
        if let enrollment = study.design.enrollment {
            xml.leaf("enrollment", enrollment.count.map { String($0.value) }, depth: 2)
            xml.leaf("enrollment_type", spelling(enrollment.type, UploadVocabulary.enrollmentType, "the enrollment type"), depth: 2)
        }
        for condition in study.conditions.conditions { xml.leaf("condition", condition.value, depth: 2) }
        for keyword in study.conditions.keywords { xml.leaf("keyword", keyword.value, depth: 2) }
        armGroups()
        interventions()
        eligibility()
        contacts()
        locations()
        xml.close("clinical_study", depth: 1)
        if xml.replacedCharacters > replacedBefore {
            note("\(xml.replacedCharacters - replacedBefore) control characters, which XML cannot hold, are written as U+FFFD")
        }
        if partial {
            note(
                "the record holds only some of the study's data, so it is written as a partial upload (partial_upload=\"true\"): the PRS replaces the elements it holds and keeps the others",
                isWarning: false)
        }
    }

    // MARK: Identification, sponsors, status

    private mutating func idInfo() {
        let identification = study.identification
        let orgName: String
        if let name = settings.orgName {
            orgName = name
        } else if let full = identification.organization?.value.trimmed, !full.isEmpty {
            orgName = full
            note("org_name is the organization's full name «\(full)»; the PRS expects the short name of its PRS account (--org-name sets it)")
        } else {
            orgName = UploadXMLWriter.orgNamePlaceholder
            note("org_name is \(UploadXMLWriter.orgNamePlaceholder): public records do not hold the PRS account's name; replace it, or give --org-name")
        }
        let orgStudyID: String
        if let id = settings.orgStudyID {
            orgStudyID = id
        } else if let id = identification.orgStudyId?.value, !id.isBlank {
            orgStudyID = id
        } else {
            orgStudyID = UploadXMLWriter.orgStudyIDPlaceholder
            note("org_study_id is \(UploadXMLWriter.orgStudyIDPlaceholder): the record has no org study id; replace it with the sponsor's protocol number, or give --org-study-id")
        }
        xml.open("id_info", depth: 2)
        xml.leaf("org_name", orgName, depth: 3)
        xml.leaf("org_study_id", orgStudyID, depth: 3)
        for id in identification.secondaryIds where !id.value.isBlank {
            xml.open("secondary_id", depth: 3)
            xml.leaf("id", id.value, depth: 4)
            xml.close("secondary_id", depth: 3)
        }
        xml.close("id_info", depth: 2)
    }

    private mutating func sponsors() {
        let sponsors = study.sponsors
        let collaborators = sponsors.collaborators.compactMap { $0.name?.value }.filter { !$0.isBlank }
        let responsible = spelling(sponsors.responsiblePartyType, UploadVocabulary.responsiblePartyType, "the responsible party type")
        guard let lead = sponsors.leadSponsor?.name?.value, !lead.isBlank else {
            if !collaborators.isEmpty || responsible != nil {
                note("the record names no lead sponsor, which <sponsors> requires; its collaborators and responsible party are left out")
            }
            return
        }
        xml.open("sponsors", depth: 2)
        agency("lead_sponsor", lead)
        for collaborator in collaborators { agency("collaborator", collaborator) }
        if let responsible {
            xml.open("resp_party", depth: 3)
            xml.leaf("resp_party_type", responsible, depth: 4)
            xml.close("resp_party", depth: 3)
        }
        xml.close("sponsors", depth: 2)
    }

    private mutating func agency(_ element: String, _ name: String) {
        xml.open(element, depth: 3)
        xml.leaf("agency", name, depth: 4)
        xml.close(element, depth: 3)
    }

    private mutating func status() {
        let status = study.status
        var overall = status.overallStatus?.value
        if overall?.code == .unknown {
            if let last = status.lastKnownStatus?.value {
                note("the registry shows the status UNKNOWN for a record not verified in two years; written is the last known status \(last.v2Spelling)")
                overall = last
            } else {
                note("the status UNKNOWN is the registry's, not a sponsor's, and no last known status is given; overall_status is left out")
                overall = nil
            }
        }
        if let overall {
            if let spelling = overall.code.flatMap({ UploadVocabulary.overallStatus.spelling(of: $0) }) {
                xml.leaf("overall_status", spelling, depth: 2)
                xml.leaf("why_stopped", status.whyStopped?.value, depth: 2)
            } else if let spelling = overall.code.flatMap({ UploadVocabulary.expandedAccessStatus.spelling(of: $0) }) {
                xml.leaf("why_stopped", status.whyStopped?.value, depth: 2)
                xml.leaf("expanded_access_status", spelling, depth: 2)
            } else {
                note("the status \(overall.v2Spelling) has no upload spelling; overall_status is left out")
                xml.leaf("why_stopped", status.whyStopped?.value, depth: 2)
            }
        } else {
            xml.leaf("why_stopped", status.whyStopped?.value, depth: 2)
        }
        if let verified = status.statusVerifiedDate {
            xml.leaf("verification_date", date(verified, "the verification date", monthOnly: true), depth: 2)
        }
        dateStruct(status.startDate, "start_date", "the start date")
        dateStruct(status.completionDate, "last_follow_up_date", "the completion date")
        dateStruct(status.primaryCompletionDate, "primary_compl_date", "the primary completion date")
    }

    private mutating func dateStruct(_ value: DateStruct?, _ element: String, _ what: String) {
        guard let value else { return }
        xml.leaf(element, date(value.date, what, monthOnly: false), depth: 2)
        xml.leaf(element + "_type", spelling(value.type, UploadVocabulary.dateType, "the type of \(what)"), depth: 2)
    }

    /// `YYYY-MM`, or `YYYY-MM-DD` where the day is known and allowed.
    private mutating func date(_ field: Field<DateValue>, _ what: String, monthOnly: Bool) -> String {
        guard let date = field.value.date else {
            note("\(what) «\(field.value.raw)» is not a date; written as it is, for you to correct")
            return field.value.raw
        }
        guard let month = date.month else {
            note("\(what) gives only the year \(date.year); the PRS needs at least the month")
            return date.description
        }
        return monthOnly ? PartialDate(year: date.year, month: month)!.description : date.description
    }

    // MARK: Design

    private mutating func design() {
        let design = study.design
        guard let type = design.studyType else { return }
        guard let typeSpelling = spelling(type, UploadVocabulary.studyType, "the study type") else { return }
        xml.open("study_design", depth: 2)
        xml.leaf("study_type", typeSpelling, depth: 3)
        switch type.value.code {
        case .interventional: interventionalDesign()
        case .observational: observationalDesign()
        default: break
        }
        xml.close("study_design", depth: 2)
    }

    private mutating func interventionalDesign() {
        let design = study.design
        let purpose = spelling(design.primaryPurpose, UploadVocabulary.primaryPurpose, "the primary purpose")
        let phase = phaseSpelling()
        let allocation = spelling(design.allocation, UploadVocabulary.allocation, "the allocation")
        let missing = [("interventional_subtype (the primary purpose)", purpose), ("phase", phase), ("allocation", allocation)]
            .filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let purpose, let phase, let allocation else {
            note("the record does not give \(missing.joined(separator: ", ")), which <interventional_design> requires; the design details are left out, for you to fill in")
            return
        }
        xml.open("interventional_design", depth: 3)
        xml.leaf("interventional_subtype", purpose, depth: 4)
        xml.leaf("phase", phase, depth: 4)
        xml.leaf("assignment", spelling(design.interventionModel, UploadVocabulary.interventionModel, "the intervention model"), depth: 4)
        xml.textblock("model_description", design.interventionModelDescription?.value, depth: 4)
        xml.leaf("allocation", allocation, depth: 4)
        masking()
        xml.textblock("masking_description", design.maskingDescription?.value, depth: 4)
        xml.leaf("number_of_arms", armCount.map(String.init), depth: 4)
        xml.close("interventional_design", depth: 3)
    }

    /// The upload says masking party by party; the level follows from how many are masked.
    private mutating func masking() {
        let design = study.design
        guard let level = design.masking?.value else { return }
        if level.code == Masking.none {
            xml.leaf("no_masking", "yes", depth: 4)
            return
        }
        guard level.code != nil else {
            note("the masking «\(level.v2Spelling)» is not a masking level; the masking is left out")
            return
        }
        let masked = Set(design.whoMasked.compactMap(\.value.code))
        xml.leaf("no_masking", "no", depth: 4)
        guard !masked.isEmpty else {
            note("the masking is \(level.v2Spelling) but names no masked party; fill in masked_subject, masked_caregiver, masked_investigator and masked_assessor")
            return
        }
        let parties: [(String, WhoMasked)] = [
            ("masked_subject", .participant), ("masked_caregiver", .careProvider),
            ("masked_investigator", .investigator), ("masked_assessor", .outcomesAssessor),
        ]
        for (element, party) in parties { xml.leaf(element, masked.contains(party) ? "yes" : "no", depth: 4) }
    }

    private mutating func observationalDesign() {
        let design = study.design
        var model = spelling(design.observationalModel, UploadVocabulary.observationalModel, nil)
        if model == nil, let code = design.observationalModel?.value.code {
            note("the observational model \(code.rawValue) is no longer in the PRS's vocabulary; written as Other, for you to choose the current model")
            model = UploadVocabulary.observationalModel.spelling(of: .other)
        }
        let retention = spelling(design.bioSpecRetention, UploadVocabulary.bioSpecRetention, "the biospecimen retention")
        let timing = spelling(design.timePerspective, UploadVocabulary.timePerspective, "the time perspective")
        let groups = armCount.map(String.init)
        let missing = [
            ("observational_study_design (the observational model)", model), ("biospecimen_retention", retention),
            ("timing (the time perspective)", timing), ("number_of_groups", groups),
        ].filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let model, let retention, let timing, let groups else {
            note("the record does not give \(missing.joined(separator: ", ")), which <observational_design> requires; the design details are left out, for you to fill in")
            return
        }
        xml.open("observational_design", depth: 3)
        xml.leaf("observational_study_design", model, depth: 4)
        xml.leaf("biospecimen_retention", retention, depth: 4)
        xml.textblock("biospecimen_description", design.bioSpecDescription?.value, depth: 4)
        xml.leaf("timing", timing, depth: 4)
        xml.leaf("number_of_groups", groups, depth: 4)
        if let registry = design.patientRegistry { xml.leaf("patient_registry", registry.value ? "yes" : "no", depth: 4) }
        if let duration = design.targetDuration?.value {
            let parts = duration.split(separator: " ")
            if parts.count == 2, let quantity = Int(parts[0]), quantity > 0,
                let units = UploadVocabulary.durationUnits.value(of: String(parts[1])) ?? nil
            {
                xml.leaf("target_duration_quantity", String(quantity), depth: 4)
                xml.leaf("target_duration_units", units, depth: 4)
            } else {
                note("the target duration «\(duration)» is not a whole number of years, months, weeks or days; it is left out")
            }
        }
        xml.close("observational_design", depth: 3)
    }

    /// The phases as one upload value: "Phase 1/2" for phases 1 and 2.
    private mutating func phaseSpelling() -> String? {
        let phases = study.design.phases.map(\.value)
        guard !phases.isEmpty else { return nil }
        let codes = phases.compactMap(\.code)
        if codes.count == phases.count, let spelling = UploadVocabulary.phase.spelling(of: codes) { return spelling }
        note("the phases \(phases.map(\.v2Spelling).joined(separator: ", ")) have no upload spelling")
        return nil
    }

    /// The number of arms or groups: as the record states it, else as many as it lists.
    private var armCount: Int? {
        if let count = study.design.numberOfArms?.value, count > 0 { return count }
        return study.armsInterventions.armGroups.isEmpty ? nil : study.armsInterventions.armGroups.count
    }

    // MARK: Outcomes, arms, interventions, eligibility

    private mutating func outcomes(_ element: String, _ outcomes: [Outcome]) {
        for (n, outcome) in outcomes.enumerated() {
            guard let measure = outcome.measure?.value, !measure.isBlank else {
                note("\(element) \(n + 1) has no measure, which the upload requires; it is left out")
                continue
            }
            xml.open(element, depth: 2)
            xml.leaf("outcome_measure", measure, depth: 3)
            xml.leaf("outcome_time_frame", outcome.timeFrame?.value, depth: 3)
            xml.textblock("outcome_description", outcome.description?.value, depth: 3)
            xml.close(element, depth: 2)
        }
    }

    private mutating func armGroups() {
        for (n, arm) in study.armsInterventions.armGroups.enumerated() {
            guard let label = arm.label?.value, !label.isBlank else {
                note("arm group \(n + 1) has no label, which the upload requires; it is left out")
                continue
            }
            xml.open("arm_group", depth: 2)
            xml.leaf("arm_group_label", label, depth: 3)
            xml.leaf("arm_type", spelling(arm.type, UploadVocabulary.armType, "the type of arm group «\(label)»"), depth: 3)
            xml.textblock("arm_group_description", arm.description?.value, depth: 3)
            xml.close("arm_group", depth: 2)
        }
    }

    private mutating func interventions() {
        for (n, intervention) in study.armsInterventions.interventions.enumerated() {
            guard let name = intervention.name?.value, !name.isBlank else {
                note("intervention \(n + 1) has no name, which the upload requires; it is left out")
                continue
            }
            xml.open("intervention", depth: 2)
            xml.leaf("intervention_type", spelling(intervention.type, UploadVocabulary.interventionType, "the type of intervention «\(name)»"), depth: 3)
            xml.leaf("intervention_name", name, depth: 3)
            xml.textblock("intervention_description", intervention.description?.value, depth: 3)
            for label in intervention.armGroupLabels { xml.leaf("arm_group_label", label.value, depth: 3) }
            for other in intervention.otherNames { xml.leaf("intervention_other_name", other.value, depth: 3) }
            xml.close("intervention", depth: 2)
        }
    }

    private mutating func eligibility() {
        let eligibility = study.eligibility
        let sex = spelling(eligibility.sex, UploadVocabulary.sex, "the sex eligible")
        let criteria = eligibility.criteria?.value
        guard let criteria, !criteria.isBlank, let sex else {
            let given = eligibility.criteria != nil || eligibility.sex != nil || eligibility.genderBased != nil
                || eligibility.minimumAge != nil || eligibility.maximumAge != nil || eligibility.healthyVolunteers != nil
                || eligibility.studyPopulation != nil || eligibility.samplingMethod != nil
            if given {
                let missing = [("criteria", criteria == nil || criteria!.isBlank), ("gender (the sex eligible)", sex == nil)]
                    .filter(\.1).map(\.0)
                note("the record does not give \(missing.joined(separator: " and ")), which <eligibility> requires; eligibility is left out, for you to fill in")
            }
            return
        }
        xml.open("eligibility", depth: 2)
        xml.textblock("study_population", eligibility.studyPopulation?.value, depth: 3)
        xml.leaf("sampling_method", spelling(eligibility.samplingMethod, UploadVocabulary.samplingMethod, "the sampling method"), depth: 3)
        xml.textblock("criteria", criteria, depth: 3)
        xml.leaf("healthy_volunteers", eligibility.healthyVolunteers.map { $0.value ? "yes" : "no" }, depth: 3)
        xml.leaf("gender", sex, depth: 3)
        xml.leaf("gender_based", eligibility.genderBased.map { $0.value ? "yes" : "no" }, depth: 3)
        // The upload says "N/A" for no limit, which a record says by giving no age.
        xml.leaf("minimum_age", eligibility.minimumAge?.value ?? "N/A", depth: 3)
        xml.leaf("maximum_age", eligibility.maximumAge?.value ?? "N/A", depth: 3)
        xml.close("eligibility", depth: 2)
    }

    // MARK: Contacts and locations

    private mutating func contacts() {
        let module = study.contactsLocations
        for official in module.overallOfficials {
            guard let name = official.name?.value, !name.isBlank else {
                note("an overall official has no name, which the upload requires; it is left out")
                continue
            }
            xml.open("overall_official", depth: 2)
            xml.leaf("last_name", name, depth: 3)
            xml.leaf("role", spelling(official.role, UploadVocabulary.officialRole, "the role of official «\(name)»"), depth: 3)
            xml.leaf("affiliation", official.affiliation?.value, depth: 3)
            xml.close("overall_official", depth: 2)
        }
        let central = module.centralContacts.filter { !($0.name?.value.isBlank ?? true) }
        if central.count < module.centralContacts.count {
            note("a central contact has no name, which the upload requires; it is left out")
        }
        for (contact, element) in zip(central, ["overall_contact", "overall_contact_backup"]) {
            xml.open(element, depth: 2)
            xml.leaf("last_name", contact.name?.value, depth: 3)
            xml.leaf("phone", contact.phone?.value, depth: 3)
            xml.leaf("email", contact.email?.value, depth: 3)
            xml.close(element, depth: 2)
        }
        if central.count > 2 {
            note("the upload holds two central contacts; \(central.dropFirst(2).compactMap(\.name?.value).joined(separator: ", ")) left out")
        }
    }

    private mutating func locations() {
        var unnamed: [Int] = []
        defer {
            if !unnamed.isEmpty {
                let listed = unnamed.prefix(5).map(String.init).joined(separator: ", ") + (unnamed.count > 5 ? ", …" : "")
                let which = unnamed.count == 1 ? "location \(unnamed[0])" : "\(unnamed.count) locations (\(listed))"
                note("\(which) of the record \(unnamed.count == 1 ? "has" : "have") no facility name, which the upload requires; left out")
            }
        }
        for (n, location) in study.contactsLocations.locations.enumerated() {
            guard let facility = location.facility?.value, !facility.isBlank else {
                unnamed.append(n + 1)
                continue
            }
            xml.open("location", depth: 2)
            xml.open("facility", depth: 3)
            xml.leaf("name", facility, depth: 4)
            let address = [("city", location.city), ("state", location.state), ("zip", location.zip), ("country", location.country)]
                .compactMap { element, field in field.map { (element, $0.value) } }
            if address.isEmpty {
                xml.empty("address", depth: 4)
            } else {
                xml.open("address", depth: 4)
                for (element, value) in address { xml.leaf(element, value, depth: 5) }
                xml.close("address", depth: 4)
            }
            xml.close("facility", depth: 3)
            xml.leaf("status", spelling(location.status, UploadVocabulary.siteStatus, "the status of site «\(facility)»"), depth: 3)
            let investigatorRoles: Set<OfficialRole> = [.principalInvestigator, .subInvestigator]
            let contacts = location.contacts.filter { $0.role?.value.code.map { !investigatorRoles.contains($0) } ?? true }
            for (contact, element) in zip(contacts, ["contact", "contact_backup"]) {
                xml.open(element, depth: 3)
                xml.leaf("last_name", contact.name?.value, depth: 4)
                xml.leaf("phone", contact.phone?.value, depth: 4)
                xml.leaf("email", contact.email?.value, depth: 4)
                xml.close(element, depth: 3)
            }
            if contacts.count > 2 {
                note("site «\(facility)» has \(contacts.count) contacts; the upload holds two, the others are left out")
            }
            for investigator in location.contacts where investigator.role?.value.code.map(investigatorRoles.contains) ?? false {
                xml.open("investigator", depth: 3)
                xml.leaf("last_name", investigator.name?.value, depth: 4)
                xml.leaf("role", spelling(investigator.role, UploadVocabulary.investigatorRole, nil), depth: 4)
                xml.close("investigator", depth: 3)
            }
            xml.close("location", depth: 2)
        }
    }

    // MARK: Values

    /// The upload spelling of a coded value; `nil`, with a note naming `what` unless it is `nil`, when
    /// the vocabulary has none.
    private mutating func spelling<Code: RegistryCode>(
        _ field: Field<Coded<Code>>?, _ terms: UploadTerms<Code>, _ what: String?
    ) -> String? {
        guard let value = field?.value else { return nil }
        if let code = value.code, let spelling = terms.spelling(of: code) { return spelling }
        if let what { note("\(what) «\(value.v2Spelling)» has no upload spelling; it is left out") }
        return nil
    }
}

/// XML text written line by line, two spaces per level, with text escaped so that reading it back gives
/// the same text.
private struct XMLOut {
    private(set) var text = ""
    /// How many characters XML 1.0 cannot hold (control characters) were written as U+FFFD.
    private(set) var replacedCharacters = 0

    mutating func line(_ content: String, depth: Int = 0) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func comment(_ content: String, depth: Int) {
        // A comment cannot hold "--".
        line("<!-- " + content.replacingDoubleHyphens() + " -->", depth: depth)
    }

    mutating func open(_ name: String, depth: Int, attributes: [(String, String)] = []) {
        var written = ""
        for (name, value) in attributes { written += " \(name)=\"\(escape(value, attribute: true))\"" }
        line("<\(name)\(written)>", depth: depth)
    }

    mutating func close(_ name: String, depth: Int) { line("</\(name)>", depth: depth) }

    mutating func empty(_ name: String, depth: Int) { line("<\(name)/>", depth: depth) }

    /// An element holding `value` exactly, or nothing when there is no value or it is only white space.
    mutating func leaf(_ name: String, _ value: String?, depth: Int) {
        guard let value, !value.isBlank else { return }
        line("<\(name)>\(escape(value))</\(name)>", depth: depth)
    }

    /// A text block: `<name><textblock>text</textblock></name>`, the text exactly.
    mutating func textblock(_ name: String, _ value: String?, depth: Int) {
        guard let value, !value.isBlank else { return }
        open(name, depth: depth)
        line("<textblock>\(escape(value))</textblock>", depth: depth + 1)
        close(name, depth: depth)
    }

    /// Escapes markup, and carriage returns and tabs (which XML would otherwise fold or, in attributes,
    /// normalise). Characters XML 1.0 cannot hold at all become U+FFFD, and are counted.
    private mutating func escape(_ value: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#xD;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#x9;"
            case "\n" where attribute: out += "&#xA;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out.unicodeScalars.append("\u{FFFD}")
                replacedCharacters += 1
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    /// The text with every "--" broken up, for an XML comment.
    fileprivate func replacingDoubleHyphens() -> String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar == "-", out.unicodeScalars.last == "-" { out += " " }
            out.unicodeScalars.append(scalar)
        }
        return out.hasSuffix("-") ? out + " " : out
    }
}
