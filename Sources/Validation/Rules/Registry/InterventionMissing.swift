import Diagnostics
import RegistryModel

/// An interventional study lists at least one intervention.
public struct InterventionMissing: Rule {
    public static let description = RuleDescription(
        id: "intervention-missing",
        defaultSeverity: .error,
        summary: "An interventional study lists at least one intervention.",
        rationale: """
            An interventional study assigns participants to interventions, and the registry requires each \
            to be described (type, name, description). Checked on complete records only.
            """,
        source: "DED (Interventions, *); OAS; registry-facts R24",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"armGroups": [{"label": "↓Aspirin", "type": "EXPERIMENTAL"}]}}}
                """#, at: "protocolSection.armsInterventionsModule.interventions"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Aspirin"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.isComplete, context.studyType == .interventional, context.study.armsInterventions.interventions.isEmpty
        else { return [] }
        let path = FieldPath.armsInterventionsModule.appending("interventions")
        return [Finding("the interventional study lists no intervention", at: context.place(ofMissing: path, in: .armsInterventionsModule))]
    }
}
