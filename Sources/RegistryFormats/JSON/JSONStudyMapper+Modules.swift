import RegistryModel

// The modules of the protocol section, in API order, with each field's v2 and classic names.

extension JSONStudyMapper {
    /// Maps a study from its top object (`root`, which holds v2 `hasResults`) and its protocol section.
    mutating func study(root: Int, protocolSection section: Int) -> Study {
        let base = ParentPath(.protocolSection)
        let identification = identification(object(section, JSONKey("identificationModule", "IdentificationModule"), base))
        let status = status(object(section, JSONKey("statusModule", "StatusModule"), base))
        let sponsors = sponsors(object(section, JSONKey("sponsorCollaboratorsModule", "SponsorCollaboratorsModule"), base))
        let description = description(object(section, JSONKey("descriptionModule", "DescriptionModule"), base))
        let conditions = conditions(object(section, JSONKey("conditionsModule", "ConditionsModule"), base))
        let design = design(object(section, JSONKey("designModule", "DesignModule"), base))
        let arms = armsInterventions(object(section, JSONKey("armsInterventionsModule", "ArmsInterventionsModule"), base))
        let outcomes = outcomes(object(section, JSONKey("outcomesModule", "OutcomesModule"), base))
        let eligibility = eligibility(object(section, JSONKey("eligibilityModule", "EligibilityModule"), base))
        let contacts = contactsLocations(object(section, JSONKey("contactsLocationsModule", "ContactsLocationsModule"), base))
        // Classic JSON has no such field; only v2 says whether results are posted.
        let hasResults = dialect == .v2 ? boolean(root, JSONKey("hasResults", "HasResults"), ParentPath(FieldPath(""))) : nil
        return Study(
            identification: identification, status: status, sponsors: sponsors, description: description,
            conditions: conditions, design: design, armsInterventions: arms, outcomes: outcomes,
            eligibility: eligibility, contactsLocations: contacts, hasResults: hasResults, notices: notices)
    }

    private mutating func identification(_ module: Int?) -> Identification {
        let path = ParentPath(.identificationModule)
        let nctId = text(module, JSONKey("nctId", "NCTId"), path)
        let aliases = texts(module, JSONListKey("nctIdAliases", "NCTIdAliasList", "NCTIdAlias"), path)
        let orgStudyId = text(
            object(module, JSONKey("orgStudyIdInfo", "OrgStudyIdInfo"), path), JSONKey("id", "OrgStudyId"),
            path.child("orgStudyIdInfo"))
        let secondaryIds = objectItems(module, JSONListKey("secondaryIdInfos", "SecondaryIdInfoList", "SecondaryIdInfo"), path)
            .compactMap { text($0.node, JSONKey("id", "SecondaryId"), $0.path) }
        let briefTitle = text(module, JSONKey("briefTitle", "BriefTitle"), path)
        let officialTitle = text(module, JSONKey("officialTitle", "OfficialTitle"), path)
        let acronym = text(module, JSONKey("acronym", "Acronym"), path)
        let organization = object(module, JSONKey("organization", "Organization"), path)
        let organizationPath = path.child("organization")
        return Identification(
            nctId: nctId, nctIdAliases: aliases, orgStudyId: orgStudyId, secondaryIds: secondaryIds,
            briefTitle: briefTitle, officialTitle: officialTitle, acronym: acronym,
            organization: text(organization, JSONKey("fullName", "OrgFullName"), organizationPath),
            organizationClass: coded(organization, JSONKey("class", "OrgClass"), organizationPath))
    }

    private mutating func status(_ module: Int?) -> Status {
        let path = ParentPath(.statusModule)
        let verified = date(module, JSONKey("statusVerifiedDate", "StatusVerifiedDate"), path)
        let overall: Field<Coded<OverallStatus>>? = coded(module, JSONKey("overallStatus", "OverallStatus"), path)
        let lastKnown: Field<Coded<OverallStatus>>? = coded(module, JSONKey("lastKnownStatus", "LastKnownStatus"), path)
        let whyStopped = text(module, JSONKey("whyStopped", "WhyStopped"), path)
        let start = dateStruct(
            module, JSONKey("startDateStruct", "StartDateStruct"), date: JSONKey("date", "StartDate"),
            type: JSONKey("type", "StartDateType"), path)
        let primaryCompletion = dateStruct(
            module, JSONKey("primaryCompletionDateStruct", "PrimaryCompletionDateStruct"),
            date: JSONKey("date", "PrimaryCompletionDate"), type: JSONKey("type", "PrimaryCompletionDateType"), path)
        let completion = dateStruct(
            module, JSONKey("completionDateStruct", "CompletionDateStruct"), date: JSONKey("date", "CompletionDate"),
            type: JSONKey("type", "CompletionDateType"), path)
        let firstSubmit = date(module, JSONKey("studyFirstSubmitDate", "StudyFirstSubmitDate"), path)
        let firstPost = dateStruct(
            module, JSONKey("studyFirstPostDateStruct", "StudyFirstPostDateStruct"),
            date: JSONKey("date", "StudyFirstPostDate"), type: JSONKey("type", "StudyFirstPostDateType"), path)
        let lastUpdatePost = dateStruct(
            module, JSONKey("lastUpdatePostDateStruct", "LastUpdatePostDateStruct"),
            date: JSONKey("date", "LastUpdatePostDate"), type: JSONKey("type", "LastUpdatePostDateType"), path)
        return Status(
            overallStatus: overall, lastKnownStatus: lastKnown, statusVerifiedDate: verified, whyStopped: whyStopped,
            startDate: start, primaryCompletionDate: primaryCompletion, completionDate: completion,
            studyFirstSubmitDate: firstSubmit, studyFirstPostDate: firstPost, lastUpdatePostDate: lastUpdatePost)
    }

    private mutating func sponsors(_ module: Int?) -> Sponsors {
        let path = ParentPath(.sponsorCollaboratorsModule)
        let responsibleParty: Field<Coded<ResponsiblePartyType>>? = coded(
            object(module, JSONKey("responsibleParty", "ResponsibleParty"), path),
            JSONKey("type", "ResponsiblePartyType"), path.child("responsibleParty"))
        let lead = object(module, JSONKey("leadSponsor", "LeadSponsor"), path).map {
            sponsor($0, path.child("leadSponsor"), name: JSONKey("name", "LeadSponsorName"),
                agencyClass: JSONKey("class", "LeadSponsorClass"))
        }
        let collaborators = objectItems(module, JSONListKey("collaborators", "CollaboratorList", "Collaborator"), path)
            .map {
                sponsor($0.node, $0.path, name: JSONKey("name", "CollaboratorName"),
                    agencyClass: JSONKey("class", "CollaboratorClass"))
            }
        return Sponsors(responsiblePartyType: responsibleParty, leadSponsor: lead, collaborators: collaborators)
    }

    private mutating func sponsor(_ object: Int, _ path: ParentPath, name: JSONKey, agencyClass: JSONKey) -> Sponsor {
        Sponsor(name: text(object, name, path), agencyClass: coded(object, agencyClass, path))
    }

    private mutating func description(_ module: Int?) -> Description {
        let path = ParentPath(.descriptionModule)
        return Description(
            briefSummary: text(module, JSONKey("briefSummary", "BriefSummary"), path),
            detailedDescription: text(module, JSONKey("detailedDescription", "DetailedDescription"), path))
    }

    private mutating func conditions(_ module: Int?) -> Conditions {
        let path = ParentPath(.conditionsModule)
        return Conditions(
            conditions: texts(module, JSONListKey("conditions", "ConditionList", "Condition"), path),
            keywords: texts(module, JSONListKey("keywords", "KeywordList", "Keyword"), path))
    }

    private mutating func design(_ module: Int?) -> Design {
        let path = ParentPath(.designModule)
        let studyType: Field<Coded<StudyType>>? = coded(module, JSONKey("studyType", "StudyType"), path)
        let patientRegistry = boolean(module, JSONKey("patientRegistry", "PatientRegistry"), path)
        let targetDuration = text(module, JSONKey("targetDuration", "TargetDuration"), path)
        let phases: [Field<Coded<Phase>>] = codes(module, JSONListKey("phases", "PhaseList", "Phase"), path)

        let info = object(module, JSONKey("designInfo", "DesignInfo"), path)
        let infoPath = path.child("designInfo")
        let allocation: Field<Coded<Allocation>>? = coded(info, JSONKey("allocation", "DesignAllocation"), infoPath)
        let interventionModel: Field<Coded<InterventionModel>>? = coded(
            info, JSONKey("interventionModel", "DesignInterventionModel"), infoPath)
        let modelDescription = text(
            info, JSONKey("interventionModelDescription", "DesignInterventionModelDescription"), infoPath)
        let primaryPurpose: Field<Coded<PrimaryPurpose>>? = coded(
            info, JSONKey("primaryPurpose", "DesignPrimaryPurpose"), infoPath)
        let observationalModel: Field<Coded<ObservationalModel>>? = firstCode(
            info, JSONListKey("observationalModel", "DesignObservationalModelList", "DesignObservationalModel"), infoPath)
        let timePerspective: Field<Coded<TimePerspective>>? = firstCode(
            info, JSONListKey("timePerspective", "DesignTimePerspectiveList", "DesignTimePerspective"), infoPath)
        let masking = object(info, JSONKey("maskingInfo", "DesignMaskingInfo"), infoPath)
        let maskingPath = infoPath.child("maskingInfo")
        let maskingLevel: Field<Coded<Masking>>? = coded(masking, JSONKey("masking", "DesignMasking"), maskingPath)
        let maskingDescription = text(masking, JSONKey("maskingDescription", "DesignMaskingDescription"), maskingPath)
        let whoMasked: [Field<Coded<WhoMasked>>] = codes(
            masking, JSONListKey("whoMasked", "DesignWhoMaskedList", "DesignWhoMasked"), maskingPath)

        let bioSpec = object(module, JSONKey("bioSpec", "BioSpec"), path)
        let bioSpecPath = path.child("bioSpec")
        let retention: Field<Coded<BioSpecRetention>>? = coded(
            bioSpec, JSONKey("retention", "BioSpecRetention"), bioSpecPath)
        let bioSpecDescription = text(bioSpec, JSONKey("description", "BioSpecDescription"), bioSpecPath)

        let enrollmentInfo = object(module, JSONKey("enrollmentInfo", "EnrollmentInfo"), path)
        let enrollmentPath = path.child("enrollmentInfo")
        let count = integer(enrollmentInfo, JSONKey("count", "EnrollmentCount"), enrollmentPath)
        let enrollmentType: Field<Coded<EnrollmentType>>? = coded(
            enrollmentInfo, JSONKey("type", "EnrollmentType"), enrollmentPath)
        let enrollment = count == nil && enrollmentType == nil ? nil : Enrollment(count: count, type: enrollmentType)

        return Design(
            studyType: studyType, patientRegistry: patientRegistry, targetDuration: targetDuration, phases: phases,
            allocation: allocation, interventionModel: interventionModel,
            interventionModelDescription: modelDescription, primaryPurpose: primaryPurpose,
            observationalModel: observationalModel, timePerspective: timePerspective, masking: maskingLevel,
            maskingDescription: maskingDescription, whoMasked: whoMasked, bioSpecRetention: retention,
            bioSpecDescription: bioSpecDescription, enrollment: enrollment)
    }

    private mutating func armsInterventions(_ module: Int?) -> ArmsInterventions {
        let path = ParentPath(.armsInterventionsModule)
        let armGroups = objectItems(module, JSONListKey("armGroups", "ArmGroupList", "ArmGroup"), path).map { item in
            let type: Field<Coded<ArmGroupType>>? = coded(item.node, JSONKey("type", "ArmGroupType"), item.path)
            return ArmGroup(
                label: text(item.node, JSONKey("label", "ArmGroupLabel"), item.path), type: type,
                description: text(item.node, JSONKey("description", "ArmGroupDescription"), item.path),
                interventionNames: texts(
                    item.node, JSONListKey("interventionNames", "ArmGroupInterventionList", "ArmGroupInterventionName"),
                    item.path))
        }
        let interventions = objectItems(module, JSONListKey("interventions", "InterventionList", "Intervention"), path)
            .map { item in
                let type: Field<Coded<InterventionType>>? = coded(
                    item.node, JSONKey("type", "InterventionType"), item.path)
                return Intervention(
                    type: type, name: text(item.node, JSONKey("name", "InterventionName"), item.path),
                    description: text(item.node, JSONKey("description", "InterventionDescription"), item.path),
                    armGroupLabels: texts(
                        item.node,
                        JSONListKey("armGroupLabels", "InterventionArmGroupLabelList", "InterventionArmGroupLabel"),
                        item.path),
                    otherNames: texts(
                        item.node, JSONListKey("otherNames", "InterventionOtherNameList", "InterventionOtherName"),
                        item.path))
            }
        return ArmsInterventions(armGroups: armGroups, interventions: interventions)
    }

    private mutating func outcomes(_ module: Int?) -> Outcomes {
        let path = ParentPath(.outcomesModule)
        let primary = objectItems(module, JSONListKey("primaryOutcomes", "PrimaryOutcomeList", "PrimaryOutcome"), path)
            .map {
                outcome($0.node, $0.path, measure: JSONKey("measure", "PrimaryOutcomeMeasure"),
                    description: JSONKey("description", "PrimaryOutcomeDescription"),
                    timeFrame: JSONKey("timeFrame", "PrimaryOutcomeTimeFrame"))
            }
        let secondary = objectItems(
            module, JSONListKey("secondaryOutcomes", "SecondaryOutcomeList", "SecondaryOutcome"), path
        ).map {
            outcome($0.node, $0.path, measure: JSONKey("measure", "SecondaryOutcomeMeasure"),
                description: JSONKey("description", "SecondaryOutcomeDescription"),
                timeFrame: JSONKey("timeFrame", "SecondaryOutcomeTimeFrame"))
        }
        let other = objectItems(module, JSONListKey("otherOutcomes", "OtherOutcomeList", "OtherOutcome"), path)
            .map {
                outcome($0.node, $0.path, measure: JSONKey("measure", "OtherOutcomeMeasure"),
                    description: JSONKey("description", "OtherOutcomeDescription"),
                    timeFrame: JSONKey("timeFrame", "OtherOutcomeTimeFrame"))
            }
        return Outcomes(primary: primary, secondary: secondary, other: other)
    }

    private mutating func outcome(
        _ object: Int, _ path: ParentPath, measure: JSONKey, description: JSONKey, timeFrame: JSONKey
    ) -> Outcome {
        Outcome(
            measure: text(object, measure, path), description: text(object, description, path),
            timeFrame: text(object, timeFrame, path))
    }

    private mutating func eligibility(_ module: Int?) -> Eligibility {
        let path = ParentPath(.eligibilityModule)
        let criteria = text(module, JSONKey("eligibilityCriteria", "EligibilityCriteria"), path)
        let healthyVolunteers = boolean(module, JSONKey("healthyVolunteers", "HealthyVolunteers"), path)
        let sex: Field<Coded<Sex>>? = coded(module, JSONKey("sex", "Gender"), path)
        let genderBased = boolean(module, JSONKey("genderBased", "GenderBased"), path)
        let minimumAge = text(module, JSONKey("minimumAge", "MinimumAge"), path)
        let maximumAge = text(module, JSONKey("maximumAge", "MaximumAge"), path)
        let standardAges: [Field<Coded<StandardAge>>] = codes(module, JSONListKey("stdAges", "StdAgeList", "StdAge"), path)
        let population = text(module, JSONKey("studyPopulation", "StudyPopulation"), path)
        let sampling: Field<Coded<SamplingMethod>>? = coded(module, JSONKey("samplingMethod", "SamplingMethod"), path)
        return Eligibility(
            criteria: criteria, healthyVolunteers: healthyVolunteers, sex: sex, genderBased: genderBased,
            minimumAge: minimumAge, maximumAge: maximumAge, standardAges: standardAges, studyPopulation: population,
            samplingMethod: sampling)
    }

    private mutating func contactsLocations(_ module: Int?) -> ContactsLocations {
        let path = ParentPath(.contactsLocationsModule)
        let central = objectItems(module, JSONListKey("centralContacts", "CentralContactList", "CentralContact"), path)
            .map {
                contact($0.node, $0.path, name: JSONKey("name", "CentralContactName"),
                    role: JSONKey("role", "CentralContactRole"), phone: JSONKey("phone", "CentralContactPhone"),
                    email: JSONKey("email", "CentralContactEMail"))
            }
        let officials = objectItems(
            module, JSONListKey("overallOfficials", "OverallOfficialList", "OverallOfficial"), path
        ).map {
            contact($0.node, $0.path, name: JSONKey("name", "OverallOfficialName"),
                affiliation: JSONKey("affiliation", "OverallOfficialAffiliation"),
                role: JSONKey("role", "OverallOfficialRole"))
        }
        let locations = objectItems(module, JSONListKey("locations", "LocationList", "Location"), path).map { item in
            let status: Field<Coded<RecruitmentStatus>>? = coded(item.node, JSONKey("status", "LocationStatus"), item.path)
            return Location(
                facility: text(item.node, JSONKey("facility", "LocationFacility"), item.path), status: status,
                city: text(item.node, JSONKey("city", "LocationCity"), item.path),
                state: text(item.node, JSONKey("state", "LocationState"), item.path),
                zip: text(item.node, JSONKey("zip", "LocationZip"), item.path),
                country: text(item.node, JSONKey("country", "LocationCountry"), item.path),
                contacts: objectItems(item.node, JSONListKey("contacts", "LocationContactList", "LocationContact"), item.path)
                    .map {
                        contact($0.node, $0.path, name: JSONKey("name", "LocationContactName"),
                            role: JSONKey("role", "LocationContactRole"), phone: JSONKey("phone", "LocationContactPhone"),
                            email: JSONKey("email", "LocationContactEMail"))
                    })
        }
        return ContactsLocations(centralContacts: central, overallOfficials: officials, locations: locations)
    }

    private mutating func contact(
        _ object: Int, _ path: ParentPath, name: JSONKey, affiliation: JSONKey? = nil, role: JSONKey,
        phone: JSONKey? = nil, email: JSONKey? = nil
    ) -> Contact {
        let name = text(object, name, path)
        let affiliation = affiliation.flatMap { text(object, $0, path) }
        let role: Field<Coded<OfficialRole>>? = coded(object, role, path)
        return Contact(
            name: name, role: role, affiliation: affiliation, phone: phone.flatMap { text(object, $0, path) },
            email: email.flatMap { text(object, $0, path) })
    }
}
