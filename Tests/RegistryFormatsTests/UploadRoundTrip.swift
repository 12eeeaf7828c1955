import RegistryFormats
import RegistryModel

/// What the upload format carries of a study and must give back when a converted file is read: the org
/// study id, the titles, the brief summary and detailed description, the arm groups and the interventions.
struct UploadRoundTrip {
    /// The org study id the writer puts in when the record has none.
    let placeholderOrgStudyID = UploadXMLWriter.orgStudyIDPlaceholder

    /// Each carried field whose value differs between the original and the study read back.
    func differences(_ original: Study, _ readBack: Study) -> [String] {
        var differences: [String] = []
        func compare(_ name: String, _ a: String?, _ b: String?) {
            if a != b { differences.append("\(name): \(a.map { "«\($0)»" } ?? "none") became \(b.map { "«\($0)»" } ?? "none")") }
        }
        let identification = original.identification
        compare("org study id", text(identification.orgStudyId) ?? placeholderOrgStudyID, text(readBack.identification.orgStudyId))
        compare("brief title", text(identification.briefTitle), text(readBack.identification.briefTitle))
        compare("official title", text(identification.officialTitle), text(readBack.identification.officialTitle))
        compare("acronym", text(identification.acronym), text(readBack.identification.acronym))
        compare("brief summary", text(original.description.briefSummary), text(readBack.description.briefSummary))
        compare("detailed description", text(original.description.detailedDescription), text(readBack.description.detailedDescription))
        compare("arm groups", arms(original), arms(readBack))
        compare("interventions", interventions(original), interventions(readBack))
        return differences
    }

    /// A value as the upload carries it: a blank value is no value.
    private func text(_ field: TextField?) -> String? {
        guard let value = field?.value, !value.allSatisfy(\.isWhitespace) else { return nil }
        return value
    }

    private func arms(_ study: Study) -> String {
        study.armsInterventions.armGroups.map { arm in
            [text(arm.label) ?? "", arm.type?.value.v2Spelling ?? "", text(arm.description) ?? ""].joined(separator: " | ")
        }.joined(separator: "\n")
    }

    private func interventions(_ study: Study) -> String {
        study.armsInterventions.interventions.map { intervention in
            [
                intervention.type?.value.v2Spelling ?? "", text(intervention.name) ?? "", text(intervention.description) ?? "",
                intervention.armGroupLabels.map(\.value).joined(separator: ", "),
                intervention.otherNames.map(\.value).joined(separator: ", "),
            ].joined(separator: " | ")
        }.joined(separator: "\n")
    }
}
