import Diagnostics
import RegistryModel

/// A complete record names its lead sponsor, and sponsor names are at most 160 characters.
public struct SponsorName: Rule {
    public static let description = RuleDescription(
        id: "sponsor-name",
        defaultSeverity: .error,
        summary: "The lead sponsor is named, and sponsor and collaborator names are at most 160 characters.",
        rationale: """
            The Sponsor is a required data element, and PRS limits sponsor and collaborator names to 160 \
            characters. The lead sponsor's presence is checked on complete records only.
            """,
        source: "DED (Sponsor *, limit 160; Collaborators, limit 160); registry-facts §1.2",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "sponsorCollaboratorsModule": {"responsibleParty": {"type": "↓SPONSOR"}}}}
                """#, at: "protocolSection.sponsorCollaboratorsModule.leadSponsor.name"),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "sponsorCollaboratorsModule": {
                  "leadSponsor": {"name": "\#(String(repeating: "University Hospital ", count: 8))↓Network", "class": "OTHER"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Mayo Clinic", "class": "OTHER"}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let sponsors = context.study.sponsors
        var findings: [Finding] = []
        if let missing = context.missingFinding(
            sponsors.leadSponsor?.name, path: FieldPath.sponsorCollaboratorsModule.appending("leadSponsor").appending("name"),
            module: .sponsorCollaboratorsModule, name: "the lead sponsor")
        {
            findings.append(missing)
        }
        // The lead sponsor's name, then each collaborator's, measured in place before it is copied out.
        if sponsors.leadSponsor?.name?.value.utf8.count ?? 0 > 160,
            let finding = context.lengthFinding(sponsors.leadSponsor?.name, limit: 160, name: "the sponsor name")
        {
            findings.append(finding)
        }
        let collaborators = sponsors.collaborators
        for i in collaborators.indices where collaborators[i].name?.value.utf8.count ?? 0 > 160 {
            if let finding = context.lengthFinding(collaborators[i].name, limit: 160, name: "the sponsor name") { findings.append(finding) }
        }
        return findings
    }
}
