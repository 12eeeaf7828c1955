import Diagnostics
import RegistryModel

/// An open study gives someone to contact.
public struct ContactsMissing: Rule {
    static let open: Set<OverallStatus> = [.recruiting, .notYetRecruiting, .available]

    public static let description = RuleDescription(
        id: "contacts-missing",
        defaultSeverity: .warning,
        summary: "A recruiting (or not yet recruiting, or available) study has a central contact or a site contact.",
        rationale: """
            People looking for a study to join need someone to contact: a central contact, or a contact at \
            a site. ClinicalTrials.gov removes contacts once a study stops recruiting, so only open studies \
            are checked. Checked on complete records only.
            """,
        source: "DED (Central Contact Person [*], Facility Contact); registry-facts R31",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "↓RECRUITING"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "contactsLocationsModule": {"locations": [{"facility": "Mayo Clinic", "country": "United States", "state": "Minnesota"}]}}}
                """#, at: "protocolSection.contactsLocationsModule.centralContacts"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "contactsLocationsModule": {"centralContacts": [{"name": "Jane Doe", "role": "CONTACT", "email": "jane@example.org"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let contacts = context.study.contactsLocations
        guard context.isComplete, let status = context.study.status.overallStatus, let code = status.value.code,
            ContactsMissing.open.contains(code), contacts.centralContacts.isEmpty,
            contacts.locations.allSatisfy({ $0.contacts.isEmpty })
        else { return [] }
        return [
            Finding(
                "the study is \(code.rawValue) but names no central contact and no site contact",
                at: Place(path: FieldPath.contactsLocationsModule.appending("centralContacts"), start: status.position))
        ]
    }
}
