import Diagnostics
import RegistryModel

/// A site in the United States gives its state.
public struct USLocationAddress: Rule {
    public static let description = RuleDescription(
        id: "us-location-state",
        defaultSeverity: .error,
        summary: "A location in the United States gives its state.",
        rationale: """
            The PRS upload schema requires the state (and ZIP code) of every US site, so that sites can be \
            searched by state. Public records of finished studies often drop the ZIP code, so only the state \
            is checked, on complete records only.
            """,
        source: "PRSXSD (state \"required if country is USA\"); DED; registry-facts R30",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "contactsLocationsModule": {"locations": [
                  {"facility": "↓Mayo Clinic", "city": "Rochester", "country": "United States"}]}}}
                """#, at: "protocolSection.contactsLocationsModule.locations[0].state"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"contactsLocationsModule": {"locations": [
                  {"facility": "Mayo Clinic", "city": "Rochester", "state": "Minnesota", "zip": "55905", "country": "United States"},
                  {"facility": "Charité", "city": "Berlin", "country": "Germany"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.isComplete else { return [] }
        let locations = context.study.contactsLocations.locations
        var findings: [Finding] = []
        // By index, and the state first: most locations give one, and asking costs no copy of the location.
        for i in locations.indices {
            guard locations[i].state?.value.isBlank ?? true, let country = locations[i].country,
                USLocationAddress.isUnitedStates(country.value)
            else { continue }
            let location = locations[i]
            let start = location.facility?.position ?? location.city?.position ?? country.position
            let name = location.facility.map { "the location `\($0.value)`" } ?? "location \(i + 1)"
            let path = FieldPath.contactsLocationsModule.appending("locations").index(i).appending("state")
            findings.append(Finding("\(name) is in the United States but gives no state", at: Place(path: path, start: start)))
        }
        return findings
    }

    /// `true` when the country, trimmed and lowercased, is one of `unitedStates`. ASCII text is compared by
    /// its bytes, building no lowercased copy and hashing nothing: most locations outside the United States
    /// give no state, so every one of them is asked.
    static func isUnitedStates(_ country: String) -> Bool {
        var text = country
        let ascii: Bool? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isWhite(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            var start = 0
            var end = bytes.count
            while start < end, isWhite(bytes[start]) { start += 1 }
            while end > start, isWhite(bytes[end - 1]) { end -= 1 }
            return unitedStatesBytes.contains { name in
                name.count == end - start
                    && name.indices.allSatisfy { k in
                        let byte = bytes[start + k]
                        return name[k] == (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                    }
            }
        }
        return ascii ?? unitedStates.contains(country.trimmingWhitespace().lowercased())
    }

    /// How records name the United States, lowercased.
    static let unitedStates: Set<String> = ["united states", "usa", "us", "united states of america"]
    /// `unitedStates` as bytes.
    private static let unitedStatesBytes = unitedStates.map { Array($0.utf8) }
}
