import Diagnostics
import RegistryModel

/// A facility name is at most 254 characters.
public struct FacilityNameTooLong: Rule {
    public static let description = RuleDescription(
        id: "facility-name-too-long",
        defaultSeverity: .error,
        summary: "Each facility name is at most 254 characters.",
        rationale: "PRS limits the Facility Name of a location to 254 characters.",
        source: "DED (Facility Name, limit 254); registry-facts R30",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"contactsLocationsModule": {"locations": [
                  {"facility": "\#(String(repeating: "Hospital A ", count: 23))H↓ospital", "country": "France"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"contactsLocationsModule": {"locations": [
                  {"facility": "\#(String(repeating: "Hospital A ", count: 23))H", "country": "France"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // By index: a whole location copied out of its array retains each of its values. A name is measured
        // in place first, and copied out only when it might be too long: most records list many locations.
        let locations = context.study.contactsLocations.locations
        return locations.indices.compactMap { i in
            guard locations[i].facility?.value.utf8.count ?? 0 > 254 else { return nil }
            return context.lengthFinding(locations[i].facility, limit: 254, name: "the facility name")
        }
    }
}
