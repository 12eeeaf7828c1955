import Diagnostics
import RegistryModel

/// An interventional study states its intervention model.
public struct InterventionalDesignMissing: Rule {
    public static let description = RuleDescription(
        id: "interventional-design-missing",
        defaultSeverity: .error,
        summary: "An interventional study states its intervention model.",
        rationale: """
            The interventional study model (single group, parallel, crossover, factorial, sequential) is \
            required for interventional studies, and the arm-count rules depend on it. It became required \
            with FDAAA 801 (27 September 2007); records first submitted before then, which often state their \
            design only in words, are not checked. Checked on complete records only.
            """,
        source: "OAS DesignInfo; PRSXSD interventional_design; registry-facts R19",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"studyFirstSubmitDate": "2019-05-02", "overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "↓INTERVENTIONAL", "designInfo": {"allocation": "NA"}}}}
                """#, at: "protocolSection.designModule.designInfo.interventionModel"),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "INTERVENTIONAL", "designInfo": {"interventionModel": "SINGLE_GROUP"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED"},
                  "designModule": {"studyType": "OBSERVATIONAL"}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        // The model asked for with a pattern: `== nil` compared two optional fields as values, copying the
        // model out through its type's value witnesses.
        guard context.isComplete, !context.registeredBeforeFDAAA, context.studyType == .interventional,
            case .none = context.study.design.interventionModel
        else { return [] }
        let path = FieldPath.designModule.appending("designInfo").appending("interventionModel")
        return [Finding("the interventional study does not state its intervention model", at: context.place(ofMissing: path, in: .designModule))]
    }
}
