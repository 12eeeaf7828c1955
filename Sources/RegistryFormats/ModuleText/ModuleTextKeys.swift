import RegistryModel

/// A key of the module-text export and where its value goes.
///
/// Keys are the fields' titles, as the export writes them ("Brief Summary", "Overall Status", "Start
/// Date", "Phases"): the API v2 piece names of ctgov-api-v2-studies-metadata.json split into words
/// (`BriefSummary`, `StartDate`, `NCTId`), and for list fields also the v2 field name (`phases`,
/// `conditions`). Spellings are compared folded (letters and digits, upper case), so "NCT ID",
/// "NCT Id" and "NCTId" are one key.
struct ModuleTextKey: Sendable {
    enum Role: Sendable {
        /// A model field. `template` is its v2 path with `[]` for each list position.
        case field(template: String)
        /// Export metadata ("Ignite Creation Date") or a container label ("Study", "Protocol Section"):
        /// known, with no model field, kept in extras without a notice.
        case metadata
    }

    let spellings: [String]
    let role: Role
    /// Free text that may run over several lines, paragraphs and lines that look like keys; only a
    /// known key ends it.
    var isProse = false
    /// A comma-separated list of codes in one value ("PHASE1, PHASE2").
    var isCodeList = false

    /// The key for a folded spelling.
    static func known(_ foldedKey: String) -> ModuleTextKey? { byFoldedSpelling[foldedKey] }

    private static let byFoldedSpelling: [String: ModuleTextKey] = {
        var table: [String: ModuleTextKey] = [:]
        for key in all {
            for spelling in key.spellings { table[RegistryCodeKey.fold(spelling)] = key }
        }
        return table
    }()

    private static func field(_ template: String, _ spellings: String...) -> ModuleTextKey {
        ModuleTextKey(spellings: spellings, role: .field(template: "protocolSection." + template))
    }

    private static func prose(_ template: String, _ spellings: String...) -> ModuleTextKey {
        ModuleTextKey(spellings: spellings, role: .field(template: "protocolSection." + template), isProse: true)
    }

    private static func codes(_ template: String, _ spellings: String...) -> ModuleTextKey {
        ModuleTextKey(spellings: spellings, role: .field(template: "protocolSection." + template), isCodeList: true)
    }

    static let all: [ModuleTextKey] = [
        ModuleTextKey(
            spellings: ["Ignite Creation Date", "Ignite Modification Date", "Study", "Study Brief", "Protocol Section",
                "Results Section", "Annotation Section", "Document Section", "Derived Section"],
            role: .metadata),

        field("identificationModule.nctId", "NCT ID"),
        field("identificationModule.nctIdAliases[]", "NCT ID Alias", "NCT ID Aliases"),
        field("identificationModule.orgStudyIdInfo.id", "Org Study ID", "Organization Study ID"),
        field("identificationModule.secondaryIdInfos[].id", "Secondary ID"),
        field("identificationModule.briefTitle", "Brief Title"),
        field("identificationModule.officialTitle", "Official Title"),
        field("identificationModule.acronym", "Acronym"),
        field("identificationModule.organization.fullName", "Org Full Name", "Organization Full Name"),
        field("identificationModule.organization.class", "Org Class", "Organization Class"),

        field("statusModule.statusVerifiedDate", "Status Verified Date"),
        field("statusModule.overallStatus", "Overall Status"),
        field("statusModule.lastKnownStatus", "Last Known Status"),
        prose("statusModule.whyStopped", "Why Stopped"),
        field("statusModule.startDateStruct.date", "Start Date"),
        field("statusModule.startDateStruct.type", "Start Date Type"),
        field("statusModule.primaryCompletionDateStruct.date", "Primary Completion Date"),
        field("statusModule.primaryCompletionDateStruct.type", "Primary Completion Date Type"),
        field("statusModule.completionDateStruct.date", "Completion Date"),
        field("statusModule.completionDateStruct.type", "Completion Date Type"),
        field("statusModule.studyFirstSubmitDate", "Study First Submit Date"),
        field("statusModule.studyFirstPostDateStruct.date", "Study First Post Date"),
        field("statusModule.studyFirstPostDateStruct.type", "Study First Post Date Type"),
        field("statusModule.lastUpdatePostDateStruct.date", "Last Update Post Date"),
        field("statusModule.lastUpdatePostDateStruct.type", "Last Update Post Date Type"),

        field("sponsorCollaboratorsModule.responsibleParty.type", "Responsible Party Type"),
        field("sponsorCollaboratorsModule.leadSponsor.name", "Lead Sponsor Name"),
        field("sponsorCollaboratorsModule.leadSponsor.class", "Lead Sponsor Class"),
        field("sponsorCollaboratorsModule.collaborators[].name", "Collaborator Name"),
        field("sponsorCollaboratorsModule.collaborators[].class", "Collaborator Class"),

        prose("descriptionModule.briefSummary", "Brief Summary"),
        prose("descriptionModule.detailedDescription", "Detailed Description"),

        field("conditionsModule.conditions[]", "Condition", "Conditions"),
        field("conditionsModule.keywords[]", "Keyword", "Keywords"),

        field("designModule.studyType", "Study Type"),
        field("designModule.patientRegistry", "Patient Registry"),
        field("designModule.targetDuration", "Target Duration"),
        codes("designModule.phases[]", "Phase", "Phases"),
        field("designModule.designInfo.allocation", "Design Allocation", "Allocation"),
        field("designModule.designInfo.interventionModel", "Design Intervention Model", "Intervention Model"),
        prose("designModule.designInfo.interventionModelDescription", "Design Intervention Model Description",
            "Intervention Model Description"),
        field("designModule.designInfo.primaryPurpose", "Design Primary Purpose", "Primary Purpose"),
        field("designModule.designInfo.observationalModel", "Design Observational Model", "Observational Model"),
        field("designModule.designInfo.timePerspective", "Design Time Perspective", "Time Perspective"),
        field("designModule.designInfo.maskingInfo.masking", "Design Masking", "Masking"),
        prose("designModule.designInfo.maskingInfo.maskingDescription", "Design Masking Description",
            "Masking Description"),
        codes("designModule.designInfo.maskingInfo.whoMasked[]", "Design Who Masked", "Who Masked"),
        field("designModule.bioSpec.retention", "Bio Spec Retention", "BioSpec Retention"),
        prose("designModule.bioSpec.description", "Bio Spec Description", "BioSpec Description"),
        field("designModule.enrollmentInfo.count", "Enrollment Count", "Enrollment"),
        field("designModule.enrollmentInfo.type", "Enrollment Type"),

        field("armsInterventionsModule.armGroups[].label", "Arm Group Label"),
        field("armsInterventionsModule.armGroups[].type", "Arm Group Type"),
        prose("armsInterventionsModule.armGroups[].description", "Arm Group Description"),
        field("armsInterventionsModule.armGroups[].interventionNames[]", "Arm Group Intervention Name",
            "Arm Group Intervention Names"),
        field("armsInterventionsModule.interventions[].type", "Intervention Type"),
        field("armsInterventionsModule.interventions[].name", "Intervention Name"),
        prose("armsInterventionsModule.interventions[].description", "Intervention Description"),
        field("armsInterventionsModule.interventions[].armGroupLabels[]", "Intervention Arm Group Label",
            "Intervention Arm Group Labels"),
        field("armsInterventionsModule.interventions[].otherNames[]", "Intervention Other Name",
            "Intervention Other Names"),

        field("outcomesModule.primaryOutcomes[].measure", "Primary Outcome Measure"),
        prose("outcomesModule.primaryOutcomes[].description", "Primary Outcome Description"),
        field("outcomesModule.primaryOutcomes[].timeFrame", "Primary Outcome Time Frame"),
        field("outcomesModule.secondaryOutcomes[].measure", "Secondary Outcome Measure"),
        prose("outcomesModule.secondaryOutcomes[].description", "Secondary Outcome Description"),
        field("outcomesModule.secondaryOutcomes[].timeFrame", "Secondary Outcome Time Frame"),
        field("outcomesModule.otherOutcomes[].measure", "Other Outcome Measure"),
        prose("outcomesModule.otherOutcomes[].description", "Other Outcome Description"),
        field("outcomesModule.otherOutcomes[].timeFrame", "Other Outcome Time Frame"),

        prose("eligibilityModule.eligibilityCriteria", "Eligibility Criteria"),
        field("eligibilityModule.healthyVolunteers", "Healthy Volunteers"),
        field("eligibilityModule.sex", "Sex"),
        field("eligibilityModule.genderBased", "Gender Based"),
        field("eligibilityModule.minimumAge", "Minimum Age"),
        field("eligibilityModule.maximumAge", "Maximum Age"),
        codes("eligibilityModule.stdAges[]", "Std Age", "Std Ages", "Standard Age", "Standard Ages"),
        prose("eligibilityModule.studyPopulation", "Study Population"),
        field("eligibilityModule.samplingMethod", "Sampling Method"),

        field("contactsLocationsModule.centralContacts[].name", "Central Contact Name"),
        field("contactsLocationsModule.centralContacts[].role", "Central Contact Role"),
        field("contactsLocationsModule.centralContacts[].phone", "Central Contact Phone"),
        field("contactsLocationsModule.centralContacts[].email", "Central Contact EMail"),
        field("contactsLocationsModule.overallOfficials[].name", "Overall Official Name"),
        field("contactsLocationsModule.overallOfficials[].affiliation", "Overall Official Affiliation"),
        field("contactsLocationsModule.overallOfficials[].role", "Overall Official Role"),
        field("contactsLocationsModule.locations[].facility", "Location Facility"),
        field("contactsLocationsModule.locations[].status", "Location Status"),
        field("contactsLocationsModule.locations[].city", "Location City"),
        field("contactsLocationsModule.locations[].state", "Location State"),
        field("contactsLocationsModule.locations[].zip", "Location Zip"),
        field("contactsLocationsModule.locations[].country", "Location Country"),
        field("contactsLocationsModule.locations[].contacts[].name", "Location Contact Name"),
        field("contactsLocationsModule.locations[].contacts[].role", "Location Contact Role"),
        field("contactsLocationsModule.locations[].contacts[].phone", "Location Contact Phone"),
        field("contactsLocationsModule.locations[].contacts[].email", "Location Contact EMail"),

        ModuleTextKey(spellings: ["Has Results"], role: .field(template: "hasResults")),
    ]

    /// The module headings of the export ("Description Module"), folded: a line that is one of them
    /// starts a module's header block.
    static let foldedHeadings: Set<String> = Set([
        "Identification Module", "Status Module", "Sponsor/Collaborators Module", "Oversight Module",
        "Description Module", "Conditions Module", "Design Module", "Arms/Interventions Module",
        "Outcomes Module", "Outcome Measures Module", "Eligibility Module", "Contacts/Locations Module",
        "References Module", "IPD Sharing Statement Module", "Participant Flow Module",
        "Baseline Characteristics Module", "Adverse Events Module", "More Info Module", "Annotation Module",
        "Large Document Module", "Misc Info Module", "Condition Browse Module", "Intervention Browse Module",
    ].map(RegistryCodeKey.fold))
}
