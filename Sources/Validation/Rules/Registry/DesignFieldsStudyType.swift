import Diagnostics
import RegistryModel

/// Interventional design fields appear only in interventional studies, observational ones only in
/// observational studies.
public struct DesignFieldsStudyType: Rule {
    public static let description = RuleDescription(
        id: "design-fields-study-type",
        defaultSeverity: .error,
        summary: "Allocation, intervention model and masking only for interventional studies; observational model and time perspective only for observational ones.",
        rationale: """
            The design block depends on the study type: the PRS upload schema includes interventional \
            design (allocation, intervention model, masking) only when the study is interventional, and \
            observational design (observational model, time perspective) only when it is observational. \
            Fields of the other type mean the study type or the design is wrong.
            """,
        source: "PRSXSD (\"include iff study type is interventional\"); registry-facts R19",
        triggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL",
                  "designInfo": {"allocation": "↓RANDOMIZED", "observationalModel": "COHORT"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"interventionModel": "PARALLEL", "timePerspective": "↓PROSPECTIVE"}}}}
                """#),
        ],
        nonTriggeringExamples: [
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "OBSERVATIONAL",
                  "designInfo": {"observationalModel": "COHORT", "timePerspective": "PROSPECTIVE"}}}}
                """#),
            Example(#"""
                {"protocolSection": {"designModule": {"studyType": "INTERVENTIONAL",
                  "designInfo": {"allocation": "RANDOMIZED", "interventionModel": "PARALLEL",
                    "maskingInfo": {"masking": "NONE"}}}}}
                """#),
        ]
    )

    public init() {}

    public func check(_ context: RuleContext) -> [Finding] {
        let design = context.study.design
        guard let typeField = design.studyType, let type = typeField.value.code else { return [] }
        var findings: [Finding] = []
        func report<Value>(_ field: Field<Value>?, _ name: String, onlyFor expected: StudyType) {
            guard let field, type != expected else { return }
            findings.append(
                Finding(
                    "a \(type.rawValue) study has \(name), which only \(expected.rawValue) studies have",
                    at: context.place(of: field), notes: [context.note("the study type", at: typeField)]))
        }
        report(design.allocation, "an allocation", onlyFor: .interventional)
        report(design.interventionModel, "an intervention model", onlyFor: .interventional)
        report(design.masking, "a masking", onlyFor: .interventional)
        report(design.observationalModel, "an observational model", onlyFor: .observational)
        report(design.timePerspective, "a time perspective", onlyFor: .observational)
        return findings
    }
}
