import Diagnostics
import RegistryModel

/// Each intervention has a type and a name.
public struct InterventionIncomplete: Rule {
    public static let description = RuleDescription(
        id: "intervention-incomplete",
        defaultSeverity: .error,
        summary: "Each intervention has a type and a name.",
        rationale: """
            The intervention type and name are required for every intervention: arms refer to an intervention \
            as "Type: Name", and the type says what kind of product or procedure is studied. Checked on \
            complete records only, since a selection of fields may leave either out.
            """,
        source: "DED (Intervention Type *, Intervention Name *); registry-facts R24",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"interventions": [
                  {"name": "↓Aspirin", "description": "100 mg daily"}]}}}
                """#, at: "protocolSection.armsInterventionsModule.interventions[0].type"),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"interventions": [
                  {"type": "↓DRUG", "description": "100 mg daily"}]}}}
                """#, at: "protocolSection.armsInterventionsModule.interventions[0].name"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"identificationModule": {"nctId": "NCT00500591"},
                  "armsInterventionsModule": {"interventions": [{"name": "Questionnaire"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "Aspirin"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard context.isComplete else { return [] }
        var findings: [Finding] = []
        let interventions = context.study.armsInterventions.interventions
        for i in interventions.indices {
            // Where a finding starts is looked up only for an incomplete intervention: finding a value's end
            // walks the file. The type and name are read in place: a whole intervention copied out retains each
            // of its values, and asked with a pattern: `== nil` compared two optional fields as values, copying
            // the type out.
            if case .some = interventions[i].type, !(interventions[i].name?.value.isBlank ?? true) { continue }
            let intervention = interventions[i]
            let anchor: Place? = intervention.name.map { context.place(of: $0) } ?? intervention.type.map { context.place(of: $0) }
                ?? intervention.description.map { context.place(of: $0) }
            let base = FieldPath.armsInterventionsModule.appending("interventions")
            let start = anchor?.start ?? context.place(ofMissing: base, in: .armsInterventionsModule).start
            if intervention.type == nil {
                findings.append(Finding("intervention \(i + 1) has no type", at: Place(path: base.index(i).appending("type"), start: start)))
            }
            if intervention.name.map({ $0.value.isBlank }) ?? true {
                findings.append(Finding("intervention \(i + 1) has no name", at: Place(path: base.index(i).appending("name"), start: start)))
            }
        }
        return findings
    }
}
