import Foundation
import RegistryFormats
import RegistryModel
import TestSupport
import Testing

/// The mapping of real API v2 and classic records to the model: values, v2 paths and positions.
@Suite struct JSONMappingTests {
    static let v2Fixtures = ["NCT01589588", "NCT02293343", "NCT02460003", "NCT06604689", "NCT00353704"]
    static let classicFixtures = ["NCT04780100", "NCT04780386", "NCT04780243", "NCT04339322"]

    func record(_ format: String, _ id: String) throws -> (Record, [UInt8]) {
        let url = TestPaths.fixture("corpus/\(format)/\(id).json")
        let records = try readRecords(url)
        #expect(records.count == 1)
        return (try #require(records.first), Array(try Data(contentsOf: url)))
    }

    @Test func mapsAMinifiedAPIv2Record() throws {
        let (record, _) = try record("json-v2", "NCT01589588")
        let study = record.study
        #expect(record.source.format == .jsonV2)
        #expect(record.source.index == 0)
        #expect(study.nctId == "NCT01589588")
        #expect(study.identification.orgStudyId?.value == "H-2-2011-163")
        #expect(study.identification.orgStudyId?.path == "protocolSection.identificationModule.orgStudyIdInfo.id")
        #expect(study.identification.organization?.value == "Danish Headache Center")
        #expect(study.identification.organizationClass?.value == .known(.other))
        #expect(study.identification.organizationClass?.path == "protocolSection.identificationModule.organization.class")
        #expect(study.identification.briefTitle?.value == "Administration of Oxygen to Cluster Headache Patients")

        let status = study.status
        #expect(status.overallStatus?.value == .known(.completed))
        #expect(status.statusVerifiedDate?.value.date == PartialDate(year: 2015, month: 10))
        let start = try #require(status.startDate)
        #expect(start.date.value.date?.precision == .month)
        #expect(start.date.value.raw == "2012-04")
        #expect(start.date.path == "protocolSection.statusModule.startDateStruct.date")
        #expect(start.type == nil)
        #expect(status.primaryCompletionDate?.type?.value == .known(.actual))
        #expect(status.primaryCompletionDate?.type?.path == "protocolSection.statusModule.primaryCompletionDateStruct.type")
        #expect(status.studyFirstSubmitDate?.value.date == PartialDate(year: 2012, month: 4, day: 26))
        #expect(status.studyFirstPostDate?.type?.value == .known(.estimated))

        #expect(study.sponsors.responsiblePartyType?.value == .known(.sponsorInvestigator))
        #expect(study.sponsors.leadSponsor?.name?.value == "Mads Barløse")
        #expect(study.sponsors.leadSponsor?.name?.path == "protocolSection.sponsorCollaboratorsModule.leadSponsor.name")
        #expect(study.conditions.conditions.map(\.value) == ["Cluster Headache Attacks"])
        #expect(study.conditions.keywords.first?.path == "protocolSection.conditionsModule.keywords[0]")

        let design = study.design
        #expect(design.studyType?.value == .known(.interventional))
        #expect(design.phases.map(\.value) == [.known(.notApplicable)])
        #expect(design.phases.first?.path == "protocolSection.designModule.phases[0]")
        #expect(design.allocation?.value == .known(.randomized))
        #expect(design.interventionModel?.value == .known(.crossover))
        #expect(design.primaryPurpose?.value == .known(.treatment))
        #expect(design.masking?.value == .known(.double))
        #expect(design.masking?.path == "protocolSection.designModule.designInfo.maskingInfo.masking")
        #expect(design.whoMasked.map(\.value) == [.known(.participant), .known(.careProvider)])
        #expect(design.whoMasked.last?.path == "protocolSection.designModule.designInfo.maskingInfo.whoMasked[1]")
        #expect(design.enrollment?.count?.value == 57)
        #expect(design.enrollment?.count?.path == "protocolSection.designModule.enrollmentInfo.count")
        #expect(design.enrollment?.type?.value == .known(.actual))
        #expect(design.numberOfArms == nil)

        let arms = study.armsInterventions
        #expect(arms.armGroups.map { $0.label?.value } == ["Mask 1", "Mask 2", "Mask 3", "Mask 3, placebo"])
        #expect(arms.armGroups[3].type?.value == .known(.placeboComparator))
        #expect(arms.armGroups[2].interventionNames.map(\.value) == ["Device: Mask 3", "Device: Carnét oxygen demand valve"])
        #expect(arms.armGroups[2].interventionNames[1].path
            == "protocolSection.armsInterventionsModule.armGroups[2].interventionNames[1]")
        #expect(arms.interventions.count == 5)
        #expect(arms.interventions[3].name?.value == "Carnét oxygen demand valve")
        #expect(arms.interventions[3].type?.value == .known(.device))
        #expect(arms.interventions[4].description?.value == "mask type 3 placebo")
        #expect(arms.interventions[4].description?.path == "protocolSection.armsInterventionsModule.interventions[4].description")
        #expect(arms.interventions[4].armGroupLabels.map(\.value) == ["Mask 3, placebo"])

        #expect(study.outcomes.primary.first?.timeFrame?.value == "15 minutes")
        #expect(study.outcomes.primary.first?.timeFrame?.path == "protocolSection.outcomesModule.primaryOutcomes[0].timeFrame")
        #expect(study.outcomes.secondary.first?.measure?.value == "Mask preference")
        #expect(study.outcomes.other.isEmpty)
        #expect(study.hasResults?.value == false)
        #expect(study.hasResults?.path == "hasResults")
        #expect(study.notices.isEmpty)
    }

    @Test func positionsOfAMinifiedRecordAreOnItsOneLine() throws {
        let (record, bytes) = try record("json-v2", "NCT01589588")
        let title = try #require(record.study.identification.briefTitle)
        let position = try #require(title.position)
        #expect(position.line == 1)
        let text = String(decoding: bytes, as: UTF8.self)
        let quoted = try #require(text.range(of: #""briefTitle":""#))
        let offset = text.utf8.distance(from: text.startIndex, to: quoted.upperBound)
        #expect(position.offset == offset)
        #expect(position.column == text[..<quoted.upperBound].unicodeScalars.count + 1)
        #expect(record.document.base == .start)
        #expect(record.document.bytes == bytes)
    }

    @Test func mapsAClassicRecordToV2PathsAndCodes() throws {
        let (record, bytes) = try record("json-classic", "NCT04780386")
        let study = record.study
        #expect(record.source.format == .jsonClassic)
        #expect(study.nctId == "NCT04780386")
        #expect(study.identification.nctId?.path == "protocolSection.identificationModule.nctId")
        #expect(study.status.overallStatus?.value == .known(.completed))
        #expect(study.status.statusVerifiedDate?.value.date == PartialDate(year: 2021, month: 3))
        let start = try #require(study.status.startDate)
        #expect(start.date.value.raw == "August 29, 2020")
        #expect(start.date.value.date == PartialDate(year: 2020, month: 8, day: 29))
        #expect(start.date.path == "protocolSection.statusModule.startDateStruct.date")
        #expect(start.type?.value == .known(.actual))
        #expect(start.type?.path == "protocolSection.statusModule.startDateStruct.type")
        // `"StartDate":"August 29, 2020",` on line 23, indented by 16 spaces.
        #expect(start.date.position?.line == 23)
        #expect(start.date.position?.column == 30)
        #expect(study.status.studyFirstPostDate?.type?.value == .known(.estimated))

        let design = study.design
        #expect(design.studyType?.value == .known(.interventional))
        #expect(design.phases.map(\.value) == [.known(.phase1)])
        #expect(design.phases.first?.path == "protocolSection.designModule.phases[0]")
        #expect(design.allocation?.value == .known(.randomized))
        #expect(design.interventionModel?.value == .known(.crossover))
        #expect(design.masking?.value == .known(.none))
        #expect(design.masking?.path == "protocolSection.designModule.designInfo.maskingInfo.masking")
        #expect(design.enrollment?.count?.value == 58)
        #expect(design.enrollment?.count?.path == "protocolSection.designModule.enrollmentInfo.count")
        #expect(design.enrollment?.type?.value == .known(.actual))

        let arms = study.armsInterventions
        #expect(arms.armGroups.count == 2)
        #expect(arms.armGroups[1].label?.value == "NVP-1805-R1 and NVP-1805-R2")
        #expect(arms.armGroups[1].label?.path == "protocolSection.armsInterventionsModule.armGroups[1].label")
        #expect(arms.armGroups[1].type?.value == .known(.activeComparator))
        #expect(arms.armGroups[1].interventionNames.map(\.value) == ["Drug: NVP-1805-R1and NVP-1805-R2"])
        #expect(arms.armGroups[1].interventionNames[0].path
            == "protocolSection.armsInterventionsModule.armGroups[1].interventionNames[0]")
        #expect(arms.interventions[0].description?.value
            == "orally, once daily on Period 1 and Period 3 (or Period 2 and Period 4)")
        #expect(arms.interventions[0].description?.path
            == "protocolSection.armsInterventionsModule.interventions[0].description")
        #expect(arms.interventions[1].armGroupLabels.map(\.value) == ["NVP-1805-R1 and NVP-1805-R2"])
        #expect(arms.interventions[1].armGroupLabels[0].path
            == "protocolSection.armsInterventionsModule.interventions[1].armGroupLabels[0]")

        let eligibility = study.eligibility
        #expect(eligibility.healthyVolunteers?.value == true)
        #expect(eligibility.sex?.value == .known(.all))
        #expect(eligibility.sex?.path == "protocolSection.eligibilityModule.sex")
        #expect(eligibility.minimumAge?.value == "19 Years")
        #expect(eligibility.standardAges.map(\.value) == [.known(.adult), .known(.olderAdult)])
        #expect(eligibility.criteria?.value.contains("BMI of >18.0 kg/㎡") == true)

        let contacts = study.contactsLocations
        #expect(contacts.overallOfficials.first?.role?.value == .known(.principalInvestigator))
        #expect(contacts.overallOfficials.first?.affiliation?.path
            == "protocolSection.contactsLocationsModule.overallOfficials[0].affiliation")
        #expect(contacts.locations.first?.country?.value == "Korea, Republic of")
        #expect(contacts.locations.first?.zip?.path == "protocolSection.contactsLocationsModule.locations[0].zip")
        #expect(study.hasResults == nil)
        #expect(study.notices.isEmpty)
        expectPositionsPointAtValues(study, in: bytes)
    }

    @Test func mapsClassicObservationalDesignAndLastKnownStatus() throws {
        let observational = try record("json-classic", "NCT04780100").0.study
        #expect(observational.design.studyType?.value == .known(.observational))
        #expect(observational.design.patientRegistry?.value == false)
        #expect(observational.design.observationalModel?.value == .known(.caseOnly))
        #expect(observational.design.observationalModel?.path == "protocolSection.designModule.designInfo.observationalModel")
        #expect(observational.design.timePerspective?.value == .known(.retrospective))
        #expect(observational.status.startDate?.date.value.date?.precision == .month)
        #expect(observational.status.startDate?.type?.value == .known(.estimated))

        let notApplicable = try record("json-classic", "NCT04780243").0.study
        #expect(notApplicable.design.phases.map(\.value) == [.known(.notApplicable)])
        #expect(notApplicable.notices.isEmpty)

        let lastKnown = try record("json-classic", "NCT04339322").0.study
        #expect(lastKnown.status.overallStatus?.value == .known(.unknown))
        #expect(lastKnown.status.lastKnownStatus?.value == .known(.notYetRecruiting))
        #expect(lastKnown.status.lastKnownStatus?.path == "protocolSection.statusModule.lastKnownStatus")
    }

    @Test func mapsAPrettyPrintedObservationalRecord() throws {
        let (record, bytes) = try record("json-v2", "NCT02293343")
        let study = record.study
        #expect(study.design.studyType?.value == .known(.observational))
        #expect(study.design.observationalModel?.value.code != nil)
        #expect(study.armsInterventions.armGroups.count == 3)
        let label = try #require(study.armsInterventions.armGroups.first?.label?.position)
        #expect(label.line > 1)
        expectPositionsPointAtValues(study, in: bytes)
    }

    @Test func readsLastKnownStatusAndSkipsTheResultsSection() throws {
        let lastKnown = try record("json-v2", "NCT02460003").0.study
        #expect(lastKnown.status.lastKnownStatus?.value == .known(.enrollingByInvitation))
        let (withResults, bytes) = try record("json-v2", "NCT00353704")
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"resultsSection\""))
        #expect(withResults.study.hasResults?.value == true)
        #expect(withResults.study.notices.isEmpty)
        #expect(try record("json-v2", "NCT06604689").0.study.hasResults == nil)
    }

    @Test(arguments: v2Fixtures.map { ("json-v2", $0) } + classicFixtures.map { ("json-classic", $0) })
    func everyPositionPointsAtItsValue(format: String, id: String) throws {
        let (record, bytes) = try record(format, id)
        #expect(record.study.nctId == id)
        #expect(record.study.notices.isEmpty)
        expectPositionsPointAtValues(record.study, in: bytes)
    }

    /// The reference study's API v2 fixture holds its module-text export's text, byte for byte.
    @Test func referenceStudyFixtureHoldsTheModuleText() throws {
        let records = try readRecords(TestPaths.fixture("reference/NCT06813157.json"))
        let study = try #require(records.first).study
        let export = try String(contentsOf: TestPaths.fixture("reference/NCT06813157.description-module.txt"), encoding: .utf8)
        func exported(_ key: String) -> String? {
            export.split(separator: "\n", omittingEmptySubsequences: false)
                .first { $0.hasPrefix(key + ": ") }.map { String($0.dropFirst(key.count + 2)) }
        }
        #expect(study.nctId == exported("NCT ID"))
        #expect(study.description.briefSummary?.value == exported("Brief Summary"))
        #expect(study.description.detailedDescription?.value == exported("Detailed Description"))
        #expect(study.description.briefSummary?.value.contains("1 × 108/kg") == true)
        #expect(study.description.briefSummary?.path == .briefSummary)
        #expect(flatFields(study).count == 3)
        // The record's bytes are the JSON value, without the line break that ends the file.
        let file = Array(try Data(contentsOf: TestPaths.fixture("reference/NCT06813157.json")))
        #expect(file.last == 0x0A)
        #expect(try #require(records.first).document.bytes == Array(file.dropLast()))
    }
}
