import Testing
import RegistryFormats
import RegistryModel

/// Legacy XML records from the corpus, read into the model: values, API v2 paths and exact positions.
@Suite struct LegacyXMLMappingTests {
    static let fixtures = [
        "NCT00000102", "NCT00000135", "NCT00482794", "NCT00492635", "NCT00499317", "NCT01397578", "NCT03211546",
        "NCT03377387",
    ]

    @Test(arguments: fixtures)
    func everyFixtureReadsAsOneLegacyRecordWithoutNotices(_ id: String) throws {
        let records = try readFixture("corpus/xml-legacy/\(id).xml")
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(record.source.format == .xmlLegacy)
        #expect(record.study.nctId == id)
        #expect(record.study.notices.isEmpty, "\(record.study.notices)")
        #expect(record.study.extras.isEmpty)
    }

    /// NCT03377387 has CRLF line ends, typed dates, a two-phase value, arms, interventions and sites.
    @Test func identificationStatusAndDesign() throws {
        let path = "corpus/xml-legacy/NCT03377387.xml"
        let bytes = try fixtureBytes(path)
        let study = try #require(try readFixture(path).first).study

        let nctId = try #require(study.identification.nctId)
        #expect(nctId.path == "protocolSection.identificationModule.nctId")
        #expect(nctId.position == SourcePosition(line: 11, column: 13, offset: nctId.position?.offset ?? -1))
        #expect(file(bytes, at: nctId.position, startsWith: "NCT03377387</nct_id>"))
        #expect(study.identification.orgStudyId?.value == "17-585")
        #expect(study.identification.organization?.value == "Memorial Sloan Kettering Cancer Center")
        #expect(study.identification.organization?.path == "protocolSection.identificationModule.organization.fullName")
        #expect(study.sponsors.leadSponsor?.agencyClass?.value == .known(.other))
        #expect(study.sponsors.collaborators.map { $0.agencyClass?.value } == [.known(.industry)])
        #expect(study.sponsors.collaborators.first?.name?.path
            == "protocolSection.sponsorCollaboratorsModule.collaborators[0].name")

        let start = try #require(study.status.startDate)
        #expect(start.date.value.date == PartialDate(year: 2017, month: 12, day: 13))
        #expect(start.date.path == "protocolSection.statusModule.startDateStruct.date")
        #expect(file(bytes, at: start.date.position, startsWith: "December 13, 2017<"))
        #expect(start.type?.value == .known(.actual))
        #expect(start.type?.path == "protocolSection.statusModule.startDateStruct.type")
        #expect(start.type?.position?.line == 47)
        #expect(start.type?.position?.column == 21)
        #expect(file(bytes, at: start.type?.position, startsWith: "Actual\""))
        let completion = try #require(study.status.completionDate)
        #expect(completion.date.value.date?.precision == .month)
        #expect(completion.date.value.raw == "December 2021")
        #expect(completion.type?.value == .known(.estimated))
        #expect(study.status.overallStatus?.value == .known(.recruiting))
        #expect(study.status.statusVerifiedDate?.value.date == PartialDate(year: 2020, month: 7))
        #expect(study.status.studyFirstPostDate?.type?.value == .known(.actual))

        #expect(study.design.phases.map(\.value) == [.known(.phase1), .known(.phase2)])
        #expect(study.design.phases.map(\.path.rawValue)
            == ["protocolSection.designModule.phases[0]", "protocolSection.designModule.phases[1]"])
        #expect(study.design.phases.map { $0.position?.column } == [10, 18])
        #expect(file(bytes, at: study.design.phases[1].position, startsWith: "Phase 2</phase>"))
        #expect(study.design.studyType?.value == .known(.interventional))
        #expect(study.design.allocation?.value == .known(.notApplicable))
        #expect(study.design.interventionModel?.value == .known(.singleGroup))
        #expect(study.design.masking?.value == .known(.none))
        #expect(study.design.whoMasked.isEmpty)
        #expect(study.design.enrollment?.count?.value == 48)
        #expect(study.design.enrollment?.type?.value == .known(.estimated))
        #expect(file(bytes, at: study.design.enrollment?.type?.position, startsWith: "Anticipated\">48"))
        #expect(study.design.numberOfArms?.value == 1)
        #expect(study.hasResults?.value == false)
        #expect(study.hasResults?.position == nil)
    }

    @Test func armsInterventionsOutcomesEligibilityAndSites() throws {
        let path = "corpus/xml-legacy/NCT03377387.xml"
        let bytes = try fixtureBytes(path)
        let study = try #require(try readFixture(path).first).study

        let arm = try #require(study.armsInterventions.armGroups.first)
        #expect(study.armsInterventions.armGroups.count == 1)
        #expect(arm.label?.value == "capecitabine 7/7 with neratinib")
        #expect(arm.type?.value == .known(.experimental))
        #expect(arm.description?.path == "protocolSection.armsInterventionsModule.armGroups[0].description")
        let interventions = study.armsInterventions.interventions
        #expect(interventions.map { $0.type?.value } == [.known(.drug), .known(.drug), .known(.behavioral)])
        #expect(interventions.map { $0.name?.value } == ["Capecitabine", "Neratinib", "EORTC QLQ - BR23, EQ-5D-5L, EORTC QLQ-C30"])
        #expect(interventions[2].armGroupLabels.map(\.path.rawValue)
            == ["protocolSection.armsInterventionsModule.interventions[2].armGroupLabels[0]"])
        #expect(file(bytes, at: interventions[2].armGroupLabels.first?.position, startsWith: "capecitabine 7/7"))

        #expect(study.outcomes.primary.first?.measure?.value == "Maximum Tolerated Dose (MTD)")
        #expect(study.outcomes.primary.first?.timeFrame?.path == "protocolSection.outcomesModule.primaryOutcomes[0].timeFrame")

        let eligibility = study.eligibility
        #expect(eligibility.sex?.value == .known(.female))
        #expect(eligibility.genderBased?.value == true)
        #expect(eligibility.minimumAge?.value == "18 Years")
        #expect(eligibility.maximumAge == nil, "N/A is an absent limit")
        #expect(eligibility.healthyVolunteers?.value == false)

        let official = try #require(study.contactsLocations.overallOfficials.first)
        #expect(official.name?.value == "Chau Dang, MD")
        #expect(official.role?.value == .known(.principalInvestigator))
        #expect(official.affiliation?.value == "Memorial Sloan Kettering Cancer Center")
        let sites = study.contactsLocations.locations
        #expect(sites.count == 10)
        let first = try #require(sites.first)
        #expect(first.facility?.value == "Hartford Healthcare Cancer Institute @ Hartford Hospital")
        #expect(first.facility?.path == "protocolSection.contactsLocationsModule.locations[0].facility")
        #expect(first.city?.value == "Hartford")
        #expect(first.zip?.value == "06102")
        #expect(first.country?.value == "United States")
        #expect(first.status?.value == .known(.recruiting))
        #expect(first.contacts.map { $0.phone?.value } == ["203-238-7747"])
        // A site's contact, backup contact and investigators are its contacts, in record order.
        let main = sites[7]
        #expect(main.facility?.value == "Memorial Sloan Kettering Cancer Center")
        #expect(main.contacts.map { $0.name?.value } == ["Chau Dang, MD", "Shanu Modi, MD", "Chau Dang, MD"])
        #expect(main.contacts.map { $0.role?.value } == [nil, nil, .known(.principalInvestigator)])
        #expect(main.contacts.last?.name?.path == "protocolSection.contactsLocationsModule.locations[7].contacts[2].name")
    }

    /// A text block keeps its text as the record holds it, and a position deep inside it maps back to
    /// the file through entities, multi-byte characters and CR LF line ends.
    @Test func textBlocksKeepTheirTextAndMapBackIntoTheFile() throws {
        let path = "corpus/xml-legacy/NCT03377387.xml"
        let bytes = try fixtureBytes(path)
        let record = try #require(try readFixture(path).first)
        let summary = try #require(record.study.description.briefSummary)
        #expect(summary.value.hasPrefix("\n      This is a phase l/II study. The purpose"))
        #expect(summary.value.hasSuffix("advanced breast cancer.\n    "))
        #expect(summary.position?.line == 32)
        #expect(summary.position?.column == 16)
        #expect(file(bytes, at: summary.position, startsWith: "\r\n      This is a phase"))

        let criteria = try #require(record.study.eligibility.criteria)
        #expect(criteria.value.contains("fever >38.5°C (>101.3°F) within"))
        for needle in ["38.5°C", "101.3°F", "Crohn's disease", "prolongation\n"] {
            let range = try #require(criteria.value.range(of: needle))
            let utf8Offset = criteria.value.utf8.distance(from: criteria.value.startIndex, to: range.lowerBound)
            let position = record.document.position(in: criteria, utf8Offset: utf8Offset)
            #expect(file(bytes, at: position, startsWith: String(needle.prefix(6))), "\(needle) at \(String(describing: position))")
        }
    }

    @Test func carriageReturnEntitiesAreDecoded() throws {
        let path = "corpus/xml-legacy/NCT00000102.xml"
        let bytes = try fixtureBytes(path)
        let record = try #require(try readFixture(path).first)
        let summary = try #require(record.study.description.briefSummary)
        #expect(summary.value.contains("a blood\r\n      pressure medication"))
        #expect(summary.unwrapped.hasPrefix("This study will test the ability of extended release nifedipine (Procardia XL), a blood pressure medication, to"))
        let offset = summary.value.utf8.distance(
            from: summary.value.startIndex, to: try #require(summary.value.range(of: "pressure medication")).lowerBound)
        let position = try #require(record.document.position(in: summary, utf8Offset: offset))
        #expect(position.line == 25)
        #expect(position.column == 7)
        #expect(file(bytes, at: position, startsWith: "pressure medication"))
        #expect(record.study.design.phases.map(\.value) == [.known(.phase1), .known(.phase2)])
        #expect(record.study.design.masking?.value == .known(.double))
    }

    @Test func observationalPatientRegistry() throws {
        let path = "corpus/xml-legacy/NCT03211546.xml"
        let bytes = try fixtureBytes(path)
        let design = try #require(try readFixture(path).first).study.design
        #expect(design.studyType?.value == .known(.observational))
        #expect(design.patientRegistry?.value == true)
        #expect(design.patientRegistry?.path == "protocolSection.designModule.patientRegistry")
        #expect(file(bytes, at: design.patientRegistry?.position, startsWith: "Patient Registry]"))
        #expect(design.targetDuration?.value == "24 Months")
        #expect(design.observationalModel?.value == .known(.cohort))
        #expect(design.timePerspective?.value == .known(.prospective))
        #expect(design.numberOfArms?.value == 1)
        #expect(design.numberOfArms?.path == "protocolSection.designModule.numberOfGroups")
        let eligibility = try #require(try readFixture(path).first).study.eligibility
        #expect(eligibility.samplingMethod?.value == .known(.probabilitySample))
        #expect(eligibility.studyPopulation?.path == "protocolSection.eligibilityModule.studyPopulation")
    }

    @Test func biospecimens() throws {
        let path = "corpus/xml-legacy/NCT00499317.xml"
        let bytes = try fixtureBytes(path)
        let design = try #require(try readFixture(path).first).study.design
        #expect(design.studyType?.value == .known(.observational))
        #expect(design.patientRegistry == nil)
        #expect(design.observationalModel?.value == .known(.familyBased))
        #expect(design.bioSpecRetention?.value == .known(.samplesWithDNA))
        #expect(design.bioSpecRetention?.path == "protocolSection.designModule.bioSpec.retention")
        #expect(design.bioSpecDescription?.path == "protocolSection.designModule.bioSpec.description")
        let description = try #require(design.bioSpecDescription)
        #expect(file(bytes, at: description.position, startsWith: "\n"))
        #expect(description.unwrapped
            == "DNA sample via blood/saliva, bladder tissue and urine samples will be collected and stored.")
    }

    @Test func maskingLevelAndMaskedParties() throws {
        let triple = try #require(try readFixture("corpus/xml-legacy/NCT00492635.xml").first).study.design
        #expect(triple.masking?.value == .known(.triple))
        #expect(triple.whoMasked.map(\.value) == [.known(.participant), .known(.careProvider), .known(.investigator)])
        #expect(triple.whoMasked.map(\.path.rawValue).last
            == "protocolSection.designModule.designInfo.maskingInfo.whoMasked[2]")

        let path = "corpus/xml-legacy/NCT01397578.xml"
        let bytes = try fixtureBytes(path)
        let old = try #require(try readFixture(path).first).study.design
        #expect(old.masking?.value == .known(.double))
        #expect(file(bytes, at: old.masking?.position, startsWith: "Double Blind (Subject"))
        #expect(old.whoMasked.map(\.value) == [.known(.participant), .known(.investigator)])
        #expect(file(bytes, at: old.whoMasked.first?.position, startsWith: "Subject, Investigator)"))
        #expect(file(bytes, at: old.whoMasked.last?.position, startsWith: "Investigator)"))
    }

    /// NCT00482794 is in the oldest form: an XML declaration, a `rank` attribute, the free-text
    /// `<study_design>` and `firstreceived_date`.
    @Test func oldestSchemaForm() throws {
        let path = "corpus/xml-legacy/NCT00482794.xml"
        let bytes = try fixtureBytes(path)
        let study = try #require(try readFixture(path).first).study
        #expect(study.design.observationalModel?.value == .known(.cohort))
        #expect(study.design.observationalModel?.path == "protocolSection.designModule.designInfo.observationalModel")
        #expect(file(bytes, at: study.design.observationalModel?.position, startsWith: "Cohort</study_design>"))
        #expect(study.status.studyFirstSubmitDate?.value.date == PartialDate(year: 2007, month: 6, day: 1))
    }

    @Test func resultsArePresenceOnly() throws {
        let path = "corpus/xml-legacy/NCT00000135.xml"
        let bytes = try fixtureBytes(path)
        let study = try #require(try readFixture(path).first).study
        #expect(study.hasResults?.value == true)
        #expect(study.hasResults?.path == "hasResults")
        #expect(file(bytes, at: study.hasResults?.position, startsWith: "\n\n    <participant_flow>"))
    }
}
