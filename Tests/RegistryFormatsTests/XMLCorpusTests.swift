import Foundation
import Testing
import RegistryFormats
import RegistryModel
import TestSupport

/// Every legacy XML record of the shared corpus, and the studies it holds in two formats. Run when
/// `../shared/corpus` exists.
@Suite(.enabled(if: TestPaths.sharedCorpus != nil, "needs ../shared/corpus"))
struct XMLCorpusTests {
    static var corpus: URL { TestPaths.sharedCorpus! }

    /// Every xml-legacy file reads as one record of its study, and the mapping knows every element it
    /// holds: nothing lands in `extras`.
    @Test func everyLegacyXMLRecordReads() throws {
        let folder = Self.corpus.appendingPathComponent("xml-legacy")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count >= 600)
        var unknownCodes: [String] = []
        for name in files {
            let records: [Record]
            do {
                records = try RegistryReader().readAll(path: folder.appendingPathComponent(name).path)
            } catch {
                Issue.record("\(error)")
                continue
            }
            let study = try #require(records.first).study
            #expect(records.count == 1, "\(name)")
            #expect(records.first?.source.format == .xmlLegacy)
            #expect(study.nctId.map { $0 + ".xml" } == name)
            #expect(study.extras.isEmpty, "\(name): \(study.extras.map(\.key))")
            #expect(study.notices.allSatisfy { $0.kind == .unknownCode }, "\(name): \(study.notices)")
            unknownCodes += study.notices.map { "\(name): \($0)" }
        }
        // The one spelling outside the vocabularies in the corpus: the study type of a withheld record.
        #expect(unknownCodes.count <= 1, "\(unknownCodes)")
    }

    /// The studies the corpus holds both as legacy XML and as JSON. The two are often snapshots of
    /// different versions of the record, so fields that change over a study's life are compared only
    /// when both snapshots have the same last-update date; the others always.
    @Test(arguments: try Self.pairs())
    func theSameStudyInTwoFormatsAgrees(_ pair: FormatPair) throws {
        let xml = try #require(try RegistryReader().readAll(path: pair.xml.path).first).study
        let other = try #require(try RegistryReader().readAll(path: pair.other.path).first).study
        var fields = StudyComparison.stableFields
        let xmlUpdate = xml.status.lastUpdatePostDate?.date.value.date
        if xmlUpdate != nil, xmlUpdate == other.status.lastUpdatePostDate?.date.value.date {
            fields += StudyComparison.versionedFields
        }
        for (name, render) in fields {
            guard let fromXML = render(xml), let fromOther = render(other) else { continue }
            #expect(fromXML == fromOther, "\(pair) \(name)")
        }
    }

    /// Pairs of corpus files (legacy XML, another format) with the same NCT id, from MANIFEST.tsv.
    static func pairs() throws -> [FormatPair] {
        guard let corpus = TestPaths.sharedCorpus else { return [] }
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var filesByStudy: [String: [String]] = [:]
        for line in manifest.split(whereSeparator: \.isNewline).dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count > 2 else { continue }
            filesByStudy[String(columns[1]), default: []].append(String(columns[0]))
        }
        return filesByStudy.sorted { $0.key < $1.key }.compactMap { id, files in
            guard let xml = files.first(where: { $0.hasPrefix("xml-legacy/") }),
                let other = files.first(where: { !$0.hasPrefix("xml-legacy/") })
            else { return nil }
            return FormatPair(
                id: id, xml: corpus.appendingPathComponent(xml), other: corpus.appendingPathComponent(other))
        }
    }
}

struct FormatPair: Sendable, CustomTestStringConvertible {
    let id: String
    let xml: URL
    let other: URL

    var testDescription: String { "\(id) (\(other.deletingLastPathComponent().lastPathComponent))" }
}

/// Fields of a study rendered as comparable text: codes as v2 codes, dates in ISO form at their
/// precision, free text unwrapped; `nil` when a format cannot say (classic JSON has no `hasResults`).
enum StudyComparison {
    typealias Render = @Sendable (Study) -> String?

    /// Fields that do not change between versions of a record in the corpus.
    static let stableFields: [(String, Render)] = [
        ("nctId", { $0.nctId ?? "-" }),
        ("orgStudyId", { text($0.identification.orgStudyId) }),
        ("briefTitle", { text($0.identification.briefTitle) }),
        ("officialTitle", { text($0.identification.officialTitle) }),
        ("acronym", { text($0.identification.acronym) }),
        ("organization", { text($0.identification.organization) }),
        ("leadSponsor", { text($0.sponsors.leadSponsor?.name) + " " + legacyClass($0.sponsors.leadSponsor?.agencyClass) }),
        ("studyType", { code($0.design.studyType) }),
        ("phases", { $0.design.phases.map { code($0) }.joined(separator: ",") }),
        ("conditions", { $0.conditions.conditions.map(\.value).joined(separator: "|") }),
        ("keywords", { $0.conditions.keywords.map(\.value).joined(separator: "|") }),
        ("armGroups", { $0.armsInterventions.armGroups.map { text($0.label) + ":" + code($0.type) }.joined(separator: "|") }),
        ("interventions", {
            $0.armsInterventions.interventions.map {
                code($0.type) + ":" + text($0.name) + "→" + $0.armGroupLabels.map(\.value).joined(separator: ",")
                    + "/" + $0.otherNames.map(\.value).joined(separator: ",")
            }.joined(separator: "|")
        }),
        ("sex", { code($0.eligibility.sex) }),
        ("minimumAge", { text($0.eligibility.minimumAge) }),
        ("studyFirstSubmitDate", { date($0.status.studyFirstSubmitDate) }),
        ("studyFirstPostDate", { date($0.status.studyFirstPostDate?.date) + " " + code($0.status.studyFirstPostDate?.type) }),
        ("briefSummary", { prose($0.description.briefSummary) }),
    ]

    /// Fields that may change when a record is updated.
    static let versionedFields: [(String, Render)] = [
        ("overallStatus", { code($0.status.overallStatus) }),
        ("statusVerifiedDate", { date($0.status.statusVerifiedDate) }),
        ("startDate", { dateStruct($0.status.startDate) }),
        ("primaryCompletionDate", { dateStruct($0.status.primaryCompletionDate) }),
        ("completionDate", { dateStruct($0.status.completionDate) }),
        ("enrollment", { "\($0.design.enrollment?.count?.value ?? -1) " + code($0.design.enrollment?.type) }),
        ("allocation", { code($0.design.allocation) }),
        ("interventionModel", { code($0.design.interventionModel) }),
        ("primaryPurpose", { code($0.design.primaryPurpose) }),
        ("masking", { code($0.design.masking) + " " + $0.design.whoMasked.map { code($0) }.joined(separator: ",") }),
        ("observationalModel", { code($0.design.observationalModel) }),
        ("timePerspective", { code($0.design.timePerspective) }),
        ("maximumAge", { text($0.eligibility.maximumAge) }),
        ("healthyVolunteers", { $0.eligibility.healthyVolunteers.map { "\($0.value)" } ?? "-" }),
        ("detailedDescription", { prose($0.description.detailedDescription) }),
        ("eligibilityCriteria", { prose($0.eligibility.criteria) }),
        ("armDescriptions", { $0.armsInterventions.armGroups.map { prose($0.description) }.joined(separator: "|") }),
        ("primaryOutcomes", { $0.outcomes.primary.map { text($0.measure) + " @ " + text($0.timeFrame) }.joined(separator: "|") }),
        ("secondaryOutcomes", { $0.outcomes.secondary.map { text($0.measure) + " @ " + text($0.timeFrame) }.joined(separator: "|") }),
        ("overallOfficials", { $0.contactsLocations.overallOfficials.map { text($0.name) }.joined(separator: "|") }),
        ("locations", { $0.contactsLocations.locations.map { text($0.facility) + ", " + text($0.city) }.joined(separator: "|") }),
        ("hasResults", { $0.hasResults.map { "\($0.value)" } }),
    ]

    static func text(_ field: TextField?) -> String { field?.value ?? "-" }

    static func code<C: RegistryCode>(_ field: Field<Coded<C>>?) -> String { field?.value.v2Spelling ?? "-" }

    /// The agency class in the legacy vocabulary, which had only NIH, U.S. Fed, Industry and Other:
    /// later classes (OTHER_GOV, NETWORK, …) were Other.
    static func legacyClass(_ field: Field<Coded<AgencyClass>>?) -> String {
        switch field?.value.code {
        case nil: code(field)
        case .nih, .fed, .industry: code(field)
        default: AgencyClass.other.rawValue
        }
    }

    static func date(_ field: Field<DateValue>?) -> String {
        guard let field else { return "-" }
        return field.value.date?.description ?? "unreadable \(field.value.raw)"
    }

    static func dateStruct(_ value: DateStruct?) -> String {
        guard let value else { return "-" }
        return date(value.date) + " " + code(value.type)
    }

    /// Free text compared on its words. The formats render the registry's list markup differently
    /// (legacy XML "-" and "1.", API v2 Markdown "*" and "1.", classic JSON no numbers) and API v2
    /// escapes punctuation Markdown would read (`\&`, `\>`), so list markers and escapes are set
    /// aside along with the line layout.
    static func prose(_ field: TextField?) -> String {
        guard let field else { return "-" }
        var words: [Substring] = []
        for word in field.unwrapped.split(whereSeparator: \.isWhitespace) where !isListMarker(word) {
            words.append(word)
        }
        var out = words.joined(separator: " ")
        for escaped in ["\\&", "\\>", "\\<", "\\*", "\\_", "\\^", "\\[", "\\]", "\\#", "\\~", "\\|", "\\\\"] {
            out = out.replacingOccurrences(of: escaped, with: String(escaped.dropFirst()))
        }
        return out
    }

    static func isListMarker(_ word: Substring) -> Bool {
        if ["-", "*", "•"].contains(word) { return true }
        return word.count > 1 && word.last == "." && word.dropLast().allSatisfy(\.isNumber)
    }
}
