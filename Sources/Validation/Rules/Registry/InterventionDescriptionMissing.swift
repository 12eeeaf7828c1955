import Diagnostics
import RegistryModel

/// Each intervention is described.
public struct InterventionDescriptionMissing: Rule {
    public static let description = RuleDescription(
        id: "intervention-description-missing",
        defaultSeverity: .warning,
        summary: "Each intervention has a description.",
        rationale: """
            The Intervention Description is required, and for drugs it is where the dosage form, dose, \
            frequency and duration belong. Without it the schedule can only be read from free text. It \
            became required with FDAAA 801 (27 September 2007); records first submitted before then are not \
            checked. A warning rather than an error, as many older records still lack it. Checked on \
            complete records only.
            """,
        source: "DED (Intervention Description *: \"may include dosage form, dosage, frequency, and duration\"); registry-facts R24",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "↓Aspirin"}]}}}
                """#, at: "protocolSection.armsInterventionsModule.interventions[0].description"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "1999-11-01"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Filgrastim"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"interventions": [
                  {"type": "DRUG", "name": "Aspirin", "description": "100 mg by mouth once daily for 12 weeks"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.isComplete, !context.registeredBeforeFDAAA else { return [] }
        // By index, the description read in place: most interventions have one, and a whole intervention
        // copied out retains each of its values. The path is built for findings only.
        let interventions = context.study.armsInterventions.interventions
        return interventions.indices.compactMap { i in
            if !(interventions[i].description?.value.isBlank ?? true) { return nil }
            let intervention = interventions[i]
            let base = FieldPath.armsInterventionsModule.appending("interventions")
            let name = intervention.name?.value ?? "intervention \(i + 1)"
            let start = intervention.name?.position ?? intervention.type?.position
            return Finding("the intervention `\(name)` has no description", at: Place(path: base.index(i).appending("description"), start: start))
        }
    }
}
