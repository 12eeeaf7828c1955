import Diagnostics
import RegistryModel

/// A study with a recruiting site is itself recruiting.
public struct LocationRecruitingStatus: Rule {
    public static let description = RuleDescription(
        id: "location-recruiting-status",
        defaultSeverity: .warning,
        summary: "If any location is recruiting, the overall status is recruiting.",
        rationale: """
            The overall recruitment status sums up the sites: if one site is recruiting, the study is. A \
            recruiting site under a study that is not recruiting means one of the two was not updated. When \
            the registry has set the overall status to Unknown it leaves the sites as they were, so such a \
            study is judged by its last known status.
            """,
        source: "DED (Overall Recruitment Status; Individual Site Status); registry-facts R10",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "contactsLocationsModule": {"locations": [
                    {"facility": "Mayo Clinic", "status": "COMPLETED"},
                    {"facility": "Cleveland Clinic", "status": "↓RECRUITING"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "RECRUITING"},
                  "contactsLocationsModule": {"locations": [{"facility": "Mayo Clinic", "status": "RECRUITING"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "UNKNOWN", "lastKnownStatus": "RECRUITING"},
                  "contactsLocationsModule": {"locations": [{"facility": "Mayo Clinic", "status": "RECRUITING"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let overall = context.study.status.overallStatus, let code = context.study.status.effectiveStatus,
            code != .recruiting, code != .unknown
        else { return [] }
        // By index, each status read in place: records list hundreds of locations, and a location copied out, or
        // an optional finding made for each, cost more than the rule.
        let locations = context.study.contactsLocations.locations
        var findings: [Finding] = []
        for k in locations.indices where locations[k].status?.value.code == .recruiting {
            guard let status = locations[k].status else { continue }
            findings.append(
                Finding(
                    "this location is recruiting, but the study's overall status is \(code.rawValue)",
                    at: context.place(of: status), notes: [context.note("the overall status", at: overall)]))
        }
        return findings
    }
}
