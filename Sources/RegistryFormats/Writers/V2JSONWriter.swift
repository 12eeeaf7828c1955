import RegistryModel

/// Writes a study as an API v2 study object, whatever format it was read from.
///
/// Keys come in API order (the order of the registry's study metadata), only fields the study has are
/// written, and codes are written as v2 codes. Dates are written in ISO form at their own precision;
/// a date in no known form is written as its text. Reading the output back gives the same values at
/// the same paths. Fields with no v2 place (legacy `number_of_arms`) are not written.
public struct V2JSONWriter: Sendable {
    public enum Style: Sendable {
        /// Two-space indentation, one member per line.
        case pretty
        /// No white space: one study per line, for JSON lines.
        case compact
    }

    public var style: Style

    public init(style: Style = .pretty) {
        self.style = style
    }

    /// The study as JSON text.
    public func string(_ study: Study) -> String {
        var out: [UInt8] = []
        write(study, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the study's JSON to `out`; `indent` is the nesting level the object starts at, for
    /// writing it inside an array.
    public func write(_ study: Study, into out: inout [UInt8], indent: Int = 0) {
        var emitter = JSONEmitter(out: out, pretty: style == .pretty)
        out = []
        emitter.value(JSONOut.study(study), indent: indent)
        out = emitter.out
    }
}

/// A JSON value to write, members in order.
private indirect enum JSONOut {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case object([(String, JSONOut)])
    case array([JSONOut])

    var isEmpty: Bool {
        switch self {
        case .object(let members): members.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }
}

/// Builds an object's members, leaving out absent values, empty lists and empty objects.
private struct Members {
    var list: [(String, JSONOut)] = []

    mutating func add(_ key: String, _ value: JSONOut?) {
        if let value, !value.isEmpty { list.append((key, value)) }
    }

    var object: JSONOut { .object(list) }
}

extension JSONOut {
    static func text(_ field: TextField?) -> JSONOut? { field.map { .string($0.value) } }
    static func texts(_ fields: [TextField]) -> JSONOut { .array(fields.map { .string($0.value) }) }
    static func code<C>(_ field: Field<Coded<C>>?) -> JSONOut? { field.map { .string($0.value.v2Spelling) } }
    static func codes<C>(_ fields: [Field<Coded<C>>]) -> JSONOut { .array(fields.map { .string($0.value.v2Spelling) }) }
    static func boolean(_ field: Field<Bool>?) -> JSONOut? { field.map { .boolean($0.value) } }
    static func integer(_ field: Field<Int>?) -> JSONOut? { field.map { .integer($0.value) } }

    static func date(_ field: Field<DateValue>?) -> JSONOut? {
        field.map { .string($0.value.date?.description ?? $0.value.raw) }
    }

    static func dateStruct(_ value: DateStruct?) -> JSONOut? {
        guard let value else { return nil }
        var members = Members()
        members.add("date", date(value.date))
        members.add("type", code(value.type))
        return members.object
    }

    /// Wraps one member in an object (`orgStudyIdInfo: {id: …}`), or nothing when the value is absent.
    static func single(_ key: String, _ value: JSONOut?) -> JSONOut? {
        var members = Members()
        members.add(key, value)
        return members.object
    }

    static func study(_ study: Study) -> JSONOut {
        var section = Members()
        section.add("identificationModule", identification(study.identification))
        section.add("statusModule", status(study.status))
        section.add("sponsorCollaboratorsModule", sponsors(study.sponsors))
        var description = Members()
        description.add("briefSummary", text(study.description.briefSummary))
        description.add("detailedDescription", text(study.description.detailedDescription))
        section.add("descriptionModule", description.object)
        var conditions = Members()
        conditions.add("conditions", texts(study.conditions.conditions))
        conditions.add("keywords", texts(study.conditions.keywords))
        section.add("conditionsModule", conditions.object)
        section.add("designModule", design(study.design))
        section.add("armsInterventionsModule", armsInterventions(study.armsInterventions))
        section.add("outcomesModule", outcomes(study.outcomes))
        section.add("eligibilityModule", eligibility(study.eligibility))
        section.add("contactsLocationsModule", contactsLocations(study.contactsLocations))
        var root = Members()
        root.add("protocolSection", section.object)
        root.add("hasResults", boolean(study.hasResults))
        return root.object
    }

    static func identification(_ module: Identification) -> JSONOut {
        var members = Members()
        members.add("nctId", text(module.nctId))
        members.add("nctIdAliases", texts(module.nctIdAliases))
        members.add("orgStudyIdInfo", single("id", text(module.orgStudyId)))
        members.add("secondaryIdInfos", .array(module.secondaryIds.map { single("id", text($0)) ?? .object([]) }))
        members.add("briefTitle", text(module.briefTitle))
        members.add("officialTitle", text(module.officialTitle))
        members.add("acronym", text(module.acronym))
        var organization = Members()
        organization.add("fullName", text(module.organization))
        organization.add("class", code(module.organizationClass))
        members.add("organization", organization.object)
        return members.object
    }

    static func status(_ module: Status) -> JSONOut {
        var members = Members()
        members.add("statusVerifiedDate", date(module.statusVerifiedDate))
        members.add("overallStatus", code(module.overallStatus))
        members.add("lastKnownStatus", code(module.lastKnownStatus))
        members.add("whyStopped", text(module.whyStopped))
        members.add("startDateStruct", dateStruct(module.startDate))
        members.add("primaryCompletionDateStruct", dateStruct(module.primaryCompletionDate))
        members.add("completionDateStruct", dateStruct(module.completionDate))
        members.add("studyFirstSubmitDate", date(module.studyFirstSubmitDate))
        members.add("studyFirstPostDateStruct", dateStruct(module.studyFirstPostDate))
        members.add("lastUpdatePostDateStruct", dateStruct(module.lastUpdatePostDate))
        return members.object
    }

    static func sponsors(_ module: Sponsors) -> JSONOut {
        var members = Members()
        members.add("responsibleParty", single("type", code(module.responsiblePartyType)))
        members.add("leadSponsor", module.leadSponsor.map(sponsor))
        members.add("collaborators", .array(module.collaborators.map(sponsor)))
        return members.object
    }

    static func sponsor(_ sponsor: Sponsor) -> JSONOut {
        var members = Members()
        members.add("name", text(sponsor.name))
        members.add("class", code(sponsor.agencyClass))
        return members.object
    }

    static func design(_ module: Design) -> JSONOut {
        var members = Members()
        members.add("studyType", code(module.studyType))
        members.add("patientRegistry", boolean(module.patientRegistry))
        members.add("targetDuration", text(module.targetDuration))
        members.add("phases", codes(module.phases))
        var info = Members()
        info.add("allocation", code(module.allocation))
        info.add("interventionModel", code(module.interventionModel))
        info.add("interventionModelDescription", text(module.interventionModelDescription))
        info.add("primaryPurpose", code(module.primaryPurpose))
        info.add("observationalModel", code(module.observationalModel))
        info.add("timePerspective", code(module.timePerspective))
        var masking = Members()
        masking.add("masking", code(module.masking))
        masking.add("maskingDescription", text(module.maskingDescription))
        masking.add("whoMasked", codes(module.whoMasked))
        info.add("maskingInfo", masking.object)
        members.add("designInfo", info.object)
        var bioSpec = Members()
        bioSpec.add("retention", code(module.bioSpecRetention))
        bioSpec.add("description", text(module.bioSpecDescription))
        members.add("bioSpec", bioSpec.object)
        if let enrollment = module.enrollment {
            var info = Members()
            info.add("count", integer(enrollment.count))
            info.add("type", code(enrollment.type))
            members.add("enrollmentInfo", info.object)
        }
        return members.object
    }

    static func armsInterventions(_ module: ArmsInterventions) -> JSONOut {
        var members = Members()
        members.add("armGroups", .array(module.armGroups.map { arm in
            var members = Members()
            members.add("label", text(arm.label))
            members.add("type", code(arm.type))
            members.add("description", text(arm.description))
            members.add("interventionNames", texts(arm.interventionNames))
            return members.object
        }))
        members.add("interventions", .array(module.interventions.map { intervention in
            var members = Members()
            members.add("type", code(intervention.type))
            members.add("name", text(intervention.name))
            members.add("description", text(intervention.description))
            members.add("armGroupLabels", texts(intervention.armGroupLabels))
            members.add("otherNames", texts(intervention.otherNames))
            return members.object
        }))
        return members.object
    }

    static func outcomes(_ module: Outcomes) -> JSONOut {
        func list(_ outcomes: [Outcome]) -> JSONOut {
            .array(outcomes.map { outcome in
                var members = Members()
                members.add("measure", text(outcome.measure))
                members.add("description", text(outcome.description))
                members.add("timeFrame", text(outcome.timeFrame))
                return members.object
            })
        }
        var members = Members()
        members.add("primaryOutcomes", list(module.primary))
        members.add("secondaryOutcomes", list(module.secondary))
        members.add("otherOutcomes", list(module.other))
        return members.object
    }

    static func eligibility(_ module: Eligibility) -> JSONOut {
        var members = Members()
        members.add("eligibilityCriteria", text(module.criteria))
        members.add("healthyVolunteers", boolean(module.healthyVolunteers))
        members.add("sex", code(module.sex))
        members.add("genderBased", boolean(module.genderBased))
        members.add("minimumAge", text(module.minimumAge))
        members.add("maximumAge", text(module.maximumAge))
        members.add("stdAges", codes(module.standardAges))
        members.add("studyPopulation", text(module.studyPopulation))
        members.add("samplingMethod", code(module.samplingMethod))
        return members.object
    }

    static func contactsLocations(_ module: ContactsLocations) -> JSONOut {
        var members = Members()
        members.add("centralContacts", .array(module.centralContacts.map(contact)))
        members.add("overallOfficials", .array(module.overallOfficials.map(contact)))
        members.add("locations", .array(module.locations.map { location in
            var members = Members()
            members.add("facility", text(location.facility))
            members.add("status", code(location.status))
            members.add("city", text(location.city))
            members.add("state", text(location.state))
            members.add("zip", text(location.zip))
            members.add("country", text(location.country))
            members.add("contacts", .array(location.contacts.map(contact)))
            return members.object
        }))
        return members.object
    }

    /// A contact or an official; v2 puts an official's affiliation before the role and a contact's phone after it.
    static func contact(_ contact: Contact) -> JSONOut {
        var members = Members()
        members.add("name", text(contact.name))
        members.add("affiliation", text(contact.affiliation))
        members.add("role", code(contact.role))
        members.add("phone", text(contact.phone))
        members.add("email", text(contact.email))
        return members.object
    }
}

/// Serialises `JSONOut` values with correct string escaping.
private struct JSONEmitter {
    var out: [UInt8]
    let pretty: Bool

    mutating func value(_ value: JSONOut, indent: Int) {
        switch value {
        case .string(let text): string(text)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .boolean(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .object(let members):
            container(open: "{", close: "}", count: members.count, indent: indent) { emitter, i in
                emitter.string(members[i].0)
                emitter.out.append(UInt8(ascii: ":"))
                if emitter.pretty { emitter.out.append(UInt8(ascii: " ")) }
                emitter.value(members[i].1, indent: indent + 1)
            }
        case .array(let items):
            container(open: "[", close: "]", count: items.count, indent: indent) { emitter, i in
                emitter.value(items[i], indent: indent + 1)
            }
        }
    }

    private mutating func container(
        open: Unicode.Scalar, close: Unicode.Scalar, count: Int, indent: Int, item: (inout JSONEmitter, Int) -> Void
    ) {
        out.append(UInt8(ascii: open))
        for i in 0..<count {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            item(&self, i)
        }
        if count > 0 { newline(indent) }
        out.append(UInt8(ascii: close))
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
