import Diagnostics
import RegistryModel

/// An arm refers only to interventions the study has.
public struct ArmInterventionNameUnknown: Rule {
    public static let description = RuleDescription(
        id: "arm-intervention-name-unknown",
        defaultSeverity: .error,
        summary: "Every intervention an arm lists (\"Type: Name\") is an intervention of the study.",
        rationale: """
            API v2 lists each arm's interventions as "Type: Name" (for example "Drug: Aspirin"). A name that \
            matches no intervention breaks the link between arms and interventions.
            """,
        source: "OAS ArmGroup.interventionNames; AACT mapping; registry-facts R26",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {
                  "armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL", "interventionNames": ["↓Drug: ASA"]}],
                  "interventions": [{"type": "DRUG", "name": "Aspirin", "armGroupLabels": ["Aspirin"]}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {
                  "armGroups": [{"label": "MSC", "type": "EXPERIMENTAL", "interventionNames": ["Biological: MSC infusion"]}],
                  "interventions": [{"type": "BIOLOGICAL", "name": "MSC infusion", "armGroupLabels": ["MSC"]}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // Records whose arms list no interventions (legacy XML links them from the interventions' side) need
        // no names resolved. Arms and references are read by index, in place: copied out of their arrays, each
        // retains all of its values.
        let arms = context.study.armsInterventions.armGroups
        guard arms.contains(where: { !$0.interventionNames.isEmpty }) else { return [] }
        let references = context.armReferences
        var findings: [Finding] = []
        for i in arms.indices {
            let names = arms[i].interventionNames
            for (k, target) in zip(names.indices, references.targets(ofArm: i)) where target == nil {
                // The table of names for the hint is built only for a name that matches none.
                let known = Set(context.study.armsInterventions.interventions.compactMap { $0.referenceName })
                let key = names[k].value.trimmingWhitespace()
                let hint = Configuration.closest(to: key, among: known).map { " (did you mean `\($0)`?)" } ?? ""
                findings.append(
                    Finding(
                        "the arm `\(arms[i].label?.value ?? "?")` lists the intervention `\(key)`, which the study does not have\(hint)",
                        at: context.place(of: names[k])))
            }
        }
        return findings
    }
}

extension Intervention {
    /// How arms refer to this intervention in API v2: "Drug: Aspirin".
    var referenceName: String? { Intervention.referenceName(name: name?.value, type: type?.value.code) }

    /// `referenceName` of an intervention with this name and type, read in place from the intervention: the
    /// name's and the type's whole fields copied out cost more than the name built.
    static func referenceName(name: String?, type: InterventionType?) -> String? {
        guard let name = name?.trimmingWhitespace(), let type else { return nil }
        return "\(type.legacyLabel): \(name)"
    }
}
