import RegistryModel

// The modules of the protocol section, in API order, with each field's v2 and classic names.

extension JSONStudyMapper {
    /// Maps a study from its top object (`root`, which holds v2 `hasResults`) and its protocol section.
    mutating func study(root: Int, protocolSection section: Int) -> Study {
        let base = ParentPath(.protocolSection)
        let identification = identification(
            object(section, JSONKey("identificationModule", "IdentificationModule"), base))
        let status = status(object(section, JSONKey("statusModule", "StatusModule"), base))
        let sponsors = sponsors(
            object(section, JSONKey("sponsorCollaboratorsModule", "SponsorCollaboratorsModule"), base))
        let description = description(object(section, JSONKey("descriptionModule", "DescriptionModule"), base))
        let conditions = conditions(object(section, JSONKey("conditionsModule", "ConditionsModule"), base))
        let design = design(object(section, JSONKey("designModule", "DesignModule"), base))
        let arms = armsInterventions(
            object(section, JSONKey("armsInterventionsModule", "ArmsInterventionsModule"), base))
        let outcomes = outcomes(object(section, JSONKey("outcomesModule", "OutcomesModule"), base))
        let eligibility = eligibility(object(section, JSONKey("eligibilityModule", "EligibilityModule"), base))
        let contacts = contactsLocations(
            object(section, JSONKey("contactsLocationsModule", "ContactsLocationsModule"), base))
        // Classic JSON has no such field; only v2 says whether results are posted.
        let hasResults = dialect == .v2 ? boolean(
            root, JSONKey("hasResults", "HasResults", path: V2Paths.hasResults), ParentPath(FieldPath(""))) : nil
        return Study(
            identification: identification, status: status, sponsors: sponsors, description: description,
            conditions: conditions, design: design, armsInterventions: arms, outcomes: outcomes,
            eligibility: eligibility, contactsLocations: contacts, hasResults: hasResults, notices: notices)
    }

    private mutating func identification(_ module: Int?) -> Identification {
        let path = ParentPath(.identificationModule)
        let nctId = text(module, JSONKey("nctId", "NCTId", path: V2Paths.identificationNctId), path)
        let aliases = texts(
            module,
            JSONListKey("nctIdAliases", "NCTIdAliasList", "NCTIdAlias", path: V2Paths.identificationNctIdAliases), path)
        let orgStudyId = text(
            object(module, JSONKey("orgStudyIdInfo", "OrgStudyIdInfo"), path),
            JSONKey("id", "OrgStudyId", path: V2Paths.identificationOrgStudyIdInfoId),
            ParentPath(V2Paths.identificationOrgStudyIdInfo))
        let secondaryIds = objectItems(
            module,
            JSONListKey(
                "secondaryIdInfos", "SecondaryIdInfoList", "SecondaryIdInfo",
                path: V2Paths.identificationSecondaryIdInfos),
            path)
            .compactMap { text($0.node, JSONKey("id", "SecondaryId"), $0.path) }
        let briefTitle = text(module, JSONKey("briefTitle", "BriefTitle", path: V2Paths.identificationBriefTitle), path)
        let officialTitle = text(
            module, JSONKey("officialTitle", "OfficialTitle", path: V2Paths.identificationOfficialTitle), path)
        let acronym = text(module, JSONKey("acronym", "Acronym", path: V2Paths.identificationAcronym), path)
        let organization = object(module, JSONKey("organization", "Organization"), path)
        let organizationPath = ParentPath(V2Paths.identificationOrganization)
        return Identification(
            nctId: nctId, nctIdAliases: aliases, orgStudyId: orgStudyId, secondaryIds: secondaryIds,
            briefTitle: briefTitle, officialTitle: officialTitle, acronym: acronym,
            organization: text(
                organization, JSONKey("fullName", "OrgFullName", path: V2Paths.identificationOrganizationFullName),
                organizationPath),
            organizationClass: coded(
                organization, JSONKey("class", "OrgClass", path: V2Paths.identificationOrganizationClass),
                organizationPath))
    }

    private mutating func status(_ module: Int?) -> Status {
        let path = ParentPath(.statusModule)
        let verified = date(
            module, JSONKey("statusVerifiedDate", "StatusVerifiedDate", path: V2Paths.statusStatusVerifiedDate), path)
        let overall: Field<Coded<OverallStatus>>? = coded(
            module, JSONKey("overallStatus", "OverallStatus", path: V2Paths.statusOverallStatus), path)
        let lastKnown: Field<Coded<OverallStatus>>? = coded(
            module, JSONKey("lastKnownStatus", "LastKnownStatus", path: V2Paths.statusLastKnownStatus), path)
        let whyStopped = text(module, JSONKey("whyStopped", "WhyStopped", path: V2Paths.statusWhyStopped), path)
        let start = dateStruct(
            module, JSONKey("startDateStruct", "StartDateStruct", path: V2Paths.statusStartDateStruct),
            date: JSONKey("date", "StartDate", path: V2Paths.statusStartDateStructDate),
            type: JSONKey("type", "StartDateType", path: V2Paths.statusStartDateStructType), path)
        let primaryCompletion = dateStruct(
            module,
            JSONKey(
                "primaryCompletionDateStruct", "PrimaryCompletionDateStruct",
                path: V2Paths.statusPrimaryCompletionDateStruct),
            date: JSONKey("date", "PrimaryCompletionDate", path: V2Paths.statusPrimaryCompletionDateStructDate),
            type: JSONKey("type", "PrimaryCompletionDateType", path: V2Paths.statusPrimaryCompletionDateStructType),
            path)
        let completion = dateStruct(
            module, JSONKey("completionDateStruct", "CompletionDateStruct", path: V2Paths.statusCompletionDateStruct),
            date: JSONKey("date", "CompletionDate", path: V2Paths.statusCompletionDateStructDate),
            type: JSONKey("type", "CompletionDateType", path: V2Paths.statusCompletionDateStructType), path)
        let firstSubmit = date(
            module, JSONKey("studyFirstSubmitDate", "StudyFirstSubmitDate", path: V2Paths.statusStudyFirstSubmitDate),
            path)
        let firstPost = dateStruct(
            module,
            JSONKey(
                "studyFirstPostDateStruct", "StudyFirstPostDateStruct", path: V2Paths.statusStudyFirstPostDateStruct),
            date: JSONKey("date", "StudyFirstPostDate", path: V2Paths.statusStudyFirstPostDateStructDate),
            type: JSONKey("type", "StudyFirstPostDateType", path: V2Paths.statusStudyFirstPostDateStructType), path)
        let lastUpdatePost = dateStruct(
            module,
            JSONKey(
                "lastUpdatePostDateStruct", "LastUpdatePostDateStruct", path: V2Paths.statusLastUpdatePostDateStruct),
            date: JSONKey("date", "LastUpdatePostDate", path: V2Paths.statusLastUpdatePostDateStructDate),
            type: JSONKey("type", "LastUpdatePostDateType", path: V2Paths.statusLastUpdatePostDateStructType), path)
        return Status(
            overallStatus: overall, lastKnownStatus: lastKnown, statusVerifiedDate: verified, whyStopped: whyStopped,
            startDate: start, primaryCompletionDate: primaryCompletion, completionDate: completion,
            studyFirstSubmitDate: firstSubmit, studyFirstPostDate: firstPost, lastUpdatePostDate: lastUpdatePost)
    }

    private mutating func sponsors(_ module: Int?) -> Sponsors {
        let path = ParentPath(.sponsorCollaboratorsModule)
        let responsibleParty: Field<Coded<ResponsiblePartyType>>? = coded(
            object(module, JSONKey("responsibleParty", "ResponsibleParty"), path),
            JSONKey("type", "ResponsiblePartyType", path: V2Paths.sponsorResponsiblePartyType),
            ParentPath(V2Paths.sponsorResponsibleParty))
        let lead = object(module, JSONKey("leadSponsor", "LeadSponsor"), path).map {
            sponsor($0, ParentPath(V2Paths.sponsorLeadSponsor),
                name: JSONKey("name", "LeadSponsorName", path: V2Paths.sponsorLeadSponsorName),
                agencyClass: JSONKey("class", "LeadSponsorClass", path: V2Paths.sponsorLeadSponsorClass))
        }
        let collaborators = objectItems(
            module,
            JSONListKey("collaborators", "CollaboratorList", "Collaborator", path: V2Paths.sponsorCollaborators), path)
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
            briefSummary: text(module, JSONKey("briefSummary", "BriefSummary", path: .briefSummary), path),
            detailedDescription: text(
                module, JSONKey("detailedDescription", "DetailedDescription", path: .detailedDescription), path))
    }

    private mutating func conditions(_ module: Int?) -> Conditions {
        let path = ParentPath(.conditionsModule)
        return Conditions(
            conditions: texts(
                module, JSONListKey("conditions", "ConditionList", "Condition", path: V2Paths.conditionsConditions),
                path),
            keywords: texts(
                module, JSONListKey("keywords", "KeywordList", "Keyword", path: V2Paths.conditionsKeywords), path))
    }

    private mutating func design(_ module: Int?) -> Design {
        let path = ParentPath(.designModule)
        let studyType: Field<Coded<StudyType>>? = coded(
            module, JSONKey("studyType", "StudyType", path: V2Paths.designStudyType), path)
        let patientRegistry = boolean(
            module, JSONKey("patientRegistry", "PatientRegistry", path: V2Paths.designPatientRegistry), path)
        let targetDuration = text(
            module, JSONKey("targetDuration", "TargetDuration", path: V2Paths.designTargetDuration), path)
        let phases: [Field<Coded<Phase>>] = codes(
            module, JSONListKey("phases", "PhaseList", "Phase", path: V2Paths.designPhases), path)

        let info = object(module, JSONKey("designInfo", "DesignInfo"), path)
        let infoPath = ParentPath(V2Paths.designInfo)
        let allocation: Field<Coded<Allocation>>? = coded(
            info, JSONKey("allocation", "DesignAllocation", path: V2Paths.designInfoAllocation), infoPath)
        let interventionModel: Field<Coded<InterventionModel>>? = coded(
            info, JSONKey(
                "interventionModel", "DesignInterventionModel", path: V2Paths.designInfoInterventionModel), infoPath)
        let modelDescription = text(
            info, JSONKey(
                "interventionModelDescription", "DesignInterventionModelDescription",
                path: V2Paths.designInfoInterventionModelDescription), infoPath)
        let primaryPurpose: Field<Coded<PrimaryPurpose>>? = coded(
            info, JSONKey("primaryPurpose", "DesignPrimaryPurpose", path: V2Paths.designInfoPrimaryPurpose), infoPath)
        let observationalModel: Field<Coded<ObservationalModel>>? = firstCode(
            info, JSONListKey(
                "observationalModel", "DesignObservationalModelList", "DesignObservationalModel",
                path: V2Paths.designInfoObservationalModel), infoPath)
        let timePerspective: Field<Coded<TimePerspective>>? = firstCode(
            info, JSONListKey(
                "timePerspective", "DesignTimePerspectiveList", "DesignTimePerspective",
                path: V2Paths.designInfoTimePerspective), infoPath)
        let masking = object(info, JSONKey("maskingInfo", "DesignMaskingInfo"), infoPath)
        let maskingPath = ParentPath(V2Paths.designInfoMaskingInfo)
        let maskingLevel: Field<Coded<Masking>>? = coded(
            masking, JSONKey("masking", "DesignMasking", path: V2Paths.designInfoMaskingInfoMasking), maskingPath)
        let maskingDescription = text(
            masking,
            JSONKey(
                "maskingDescription", "DesignMaskingDescription",
                path: V2Paths.designInfoMaskingInfoMaskingDescription),
            maskingPath)
        let whoMasked: [Field<Coded<WhoMasked>>] = codes(
            masking, JSONListKey(
                "whoMasked", "DesignWhoMaskedList", "DesignWhoMasked", path: V2Paths.designInfoMaskingInfoWhoMasked),
            maskingPath)

        let bioSpec = object(module, JSONKey("bioSpec", "BioSpec"), path)
        let bioSpecPath = ParentPath(V2Paths.designBioSpec)
        let retention: Field<Coded<BioSpecRetention>>? = coded(
            bioSpec, JSONKey("retention", "BioSpecRetention", path: V2Paths.designBioSpecRetention), bioSpecPath)
        let bioSpecDescription = text(
            bioSpec, JSONKey("description", "BioSpecDescription", path: V2Paths.designBioSpecDescription), bioSpecPath)

        let enrollmentInfo = object(module, JSONKey("enrollmentInfo", "EnrollmentInfo"), path)
        let enrollmentPath = ParentPath(V2Paths.designEnrollmentInfo)
        let count = integer(
            enrollmentInfo, JSONKey("count", "EnrollmentCount", path: V2Paths.designEnrollmentInfoCount),
            enrollmentPath)
        let enrollmentType: Field<Coded<EnrollmentType>>? = coded(
            enrollmentInfo, JSONKey("type", "EnrollmentType", path: V2Paths.designEnrollmentInfoType), enrollmentPath)
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
        let armGroups = objectItems(
            module, JSONListKey("armGroups", "ArmGroupList", "ArmGroup", path: V2Paths.armsArmGroups),
            path).map { item in
            let type: Field<Coded<ArmGroupType>>? = coded(item.node, JSONKey("type", "ArmGroupType"), item.path)
            return ArmGroup(
                label: text(item.node, JSONKey("label", "ArmGroupLabel"), item.path), type: type,
                description: text(item.node, JSONKey("description", "ArmGroupDescription"), item.path),
                interventionNames: texts(
                    item.node, JSONListKey("interventionNames", "ArmGroupInterventionList", "ArmGroupInterventionName"),
                    item.path))
        }
        let interventions = objectItems(
            module, JSONListKey("interventions", "InterventionList", "Intervention", path: V2Paths.armsInterventions),
            path)
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
        let primary = objectItems(module, JSONListKey(
                "primaryOutcomes", "PrimaryOutcomeList", "PrimaryOutcome", path: V2Paths.outcomesPrimaryOutcomes), path)
            .map {
                outcome($0.node, $0.path, measure: JSONKey("measure", "PrimaryOutcomeMeasure"),
                    description: JSONKey("description", "PrimaryOutcomeDescription"),
                    timeFrame: JSONKey("timeFrame", "PrimaryOutcomeTimeFrame"))
            }
        let secondary = objectItems(
            module, JSONListKey(
                "secondaryOutcomes", "SecondaryOutcomeList", "SecondaryOutcome",
                path: V2Paths.outcomesSecondaryOutcomes),
            path
        ).map {
            outcome($0.node, $0.path, measure: JSONKey("measure", "SecondaryOutcomeMeasure"),
                description: JSONKey("description", "SecondaryOutcomeDescription"),
                timeFrame: JSONKey("timeFrame", "SecondaryOutcomeTimeFrame"))
        }
        let other = objectItems(
            module,
            JSONListKey("otherOutcomes", "OtherOutcomeList", "OtherOutcome", path: V2Paths.outcomesOtherOutcomes), path)
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
        let criteria = text(
            module, JSONKey("eligibilityCriteria", "EligibilityCriteria", path: V2Paths.eligibilityEligibilityCriteria),
            path)
        let healthyVolunteers = boolean(
            module, JSONKey("healthyVolunteers", "HealthyVolunteers", path: V2Paths.eligibilityHealthyVolunteers), path)
        let sex: Field<Coded<Sex>>? = coded(module, JSONKey("sex", "Gender", path: V2Paths.eligibilitySex), path)
        let genderBased = boolean(
            module, JSONKey("genderBased", "GenderBased", path: V2Paths.eligibilityGenderBased), path)
        let minimumAge = text(module, JSONKey("minimumAge", "MinimumAge", path: V2Paths.eligibilityMinimumAge), path)
        let maximumAge = text(module, JSONKey("maximumAge", "MaximumAge", path: V2Paths.eligibilityMaximumAge), path)
        let standardAges: [Field<Coded<StandardAge>>] = codes(
            module, JSONListKey("stdAges", "StdAgeList", "StdAge", path: V2Paths.eligibilityStdAges), path)
        let population = text(
            module, JSONKey("studyPopulation", "StudyPopulation", path: V2Paths.eligibilityStudyPopulation), path)
        let sampling: Field<Coded<SamplingMethod>>? = coded(
            module, JSONKey("samplingMethod", "SamplingMethod", path: V2Paths.eligibilitySamplingMethod), path)
        return Eligibility(
            criteria: criteria, healthyVolunteers: healthyVolunteers, sex: sex, genderBased: genderBased,
            minimumAge: minimumAge, maximumAge: maximumAge, standardAges: standardAges, studyPopulation: population,
            samplingMethod: sampling)
    }

    private mutating func contactsLocations(_ module: Int?) -> ContactsLocations {
        let path = ParentPath(.contactsLocationsModule)
        let central = objectItems(module, JSONListKey(
                "centralContacts", "CentralContactList", "CentralContact", path: V2Paths.contactsCentralContacts), path)
            .map {
                contact($0.node, $0.path, name: JSONKey("name", "CentralContactName"),
                    role: JSONKey("role", "CentralContactRole"), phone: JSONKey("phone", "CentralContactPhone"),
                    email: JSONKey("email", "CentralContactEMail"))
            }
        let officials = objectItems(
            module, JSONListKey(
                "overallOfficials", "OverallOfficialList", "OverallOfficial", path: V2Paths.contactsOverallOfficials),
            path
        ).map {
            contact($0.node, $0.path, name: JSONKey("name", "OverallOfficialName"),
                affiliation: JSONKey("affiliation", "OverallOfficialAffiliation"),
                role: JSONKey("role", "OverallOfficialRole"))
        }
        let locations = objectItems(
            module, JSONListKey("locations", "LocationList", "Location", path: V2Paths.contactsLocations),
            path).map { item in
            let status: Field<Coded<RecruitmentStatus>>? = coded(
                item.node, JSONKey("status", "LocationStatus"), item.path)
            return Location(
                facility: text(item.node, JSONKey("facility", "LocationFacility"), item.path), status: status,
                city: text(item.node, JSONKey("city", "LocationCity"), item.path),
                state: text(item.node, JSONKey("state", "LocationState"), item.path),
                zip: text(item.node, JSONKey("zip", "LocationZip"), item.path),
                country: text(item.node, JSONKey("country", "LocationCountry"), item.path),
                contacts: objectItems(
                    item.node, JSONListKey("contacts", "LocationContactList", "LocationContact"), item.path)
                    .map {
                        contact($0.node, $0.path, name: JSONKey("name", "LocationContactName"),
                            role: JSONKey(
                                "role", "LocationContactRole"), phone: JSONKey("phone", "LocationContactPhone"),
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
