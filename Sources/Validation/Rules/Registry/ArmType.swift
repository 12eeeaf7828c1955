import Diagnostics
import RegistryModel

/// Arms of an interventional study have a type; groups of other studies have none.
public struct ArmType: Rule {
    public static let description = RuleDescription(
        id: "arm-type",
        defaultSeverity: .error,
        summary: "Each arm of an interventional study has a type; groups of other studies have none.",
        rationale: """
            The arm type (experimental, active comparator, placebo comparator, …) is specified if and only \
            if the study is interventional; observational groups and cohorts have no type. A missing type \
            is reported on complete records only.
            """,
        source: "PRSXSD (arm_type: \"specify iff study_type == interventional\"); DED; registry-facts R25",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"armGroups": [{"label": "↓Aspirin"}]}}}
                """#, at: "protocolSection.armsInterventionsModule.armGroups[0].type"),
            Example(#"""
                {"protocolSection": {"statusModule": {"overallStatus": "COMPLETED", "studyFirstSubmitDate": "2019-05-02"},
                  "designModule": {"studyType": "OBSERVATIONAL"},
                  "armsInterventionsModule": {"armGroups": [{"label": "Smokers", "type": "↓EXPERIMENTAL"}]}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL"},
                  "armsInterventionsModule": {"armGroups": [{"label": "Aspirin", "type": "EXPERIMENTAL"}]}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL"},
                  "armsInterventionsModule": {"armGroups": [{"label": "Smokers"}]}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        guard let studyType = context.studyType else { return [] }
        // The path is built for findings only.
        func path(_ i: Int) -> FieldPath { FieldPath.armsInterventionsModule.appending("armGroups").index(i).appending("type") }
        return context.study.armsInterventions.armGroups.enumerated().compactMap { i, arm in
            // Written for findings only: most arms are typed as their study's type asks.
            var name: String { arm.label.map { "the arm `\($0.value)`" } ?? "arm \(i + 1)" }
            switch (studyType, arm.type) {
            case (.interventional, nil):
                guard context.isComplete else { return nil }
                let start = arm.label?.position ?? arm.description?.position
                return Finding("\(name) of an interventional study has no type", at: Place(path: path(i), start: start))
            case (.observational, let type?), (.expandedAccess, let type?):
                return Finding("\(name) has a type, but only arms of interventional studies have one", at: context.place(of: type))
            default:
                return nil
            }
        }
    }
}
